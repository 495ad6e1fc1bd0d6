"""PERSON from the given-name gazetteer: first names the small spaCy model misses or calls a place,
and the words that share a spelling with a name but are none."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.given_name import (
    GivenNameRecognizer,
    fold,
    given_names,
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sunita two weeks into Lyrica for her Alzheimer's", "Sunita"),
        ("Résultats de Chidi Fitzgerald, migraines", "Chidi Fitzgerald"),
        ("Day 3 of knee replacement — Jean-Luc is tired but smiling", "Jean-Luc"),
        ("sunset from the infusion chair, nurse søren held my hand", "søren"),
        ("our fundraiser for olivia's ect is up", "olivia"),
        ("Maria's EKG went well!!! thank you all", "Maria"),
        ("Referral - Sofia Adeyemi, DOB 04/20/1988", "Sofia Adeyemi"),
    ],
)
def test_a_known_first_name_is_found_with_its_surname(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


def test_a_name_the_model_calls_a_place_is_a_person_and_not_a_place(detect, hit):
    text = "Sofia Adeyemi, DOB 04/20/1988: follow-up for lupus"
    found = detect(text)
    assert hit(text, "PERSON", "Sofia Adeyemi") in found
    assert not [h for h in found if h[0] == "LOCATION"]


@pytest.mark.parametrize(
    "text",
    [
        "Grace period on my phone bill ends Friday",  # a word at the start of a sentence
        "Max dose is 3 tabs a day",
        "Mark my words, the insurer will deny it",
        "car is the gray camry with the dent",  # a product the SSA also lists as a name
        "i was in St. Jude for CKD",  # a saint's name is an institution
        "Colon cancer screening is at 45 now",
        "the amine levels were fine",  # a rare word that is also a rare name: only capitalised
        "email me at olivia.reyes@example.org or see example.org/olivia",
        "#olivia @olivia",
    ],
)
def test_words_products_institutions_and_conditions_spelled_like_names_are_no_names(recognize, text):
    assert recognize(GivenNameRecognizer(), text) == set()


def test_a_name_that_is_part_of_a_condition_stays_the_condition(detect):
    text = "flare after the Addison's disease diagnosis"
    assert {h[0] for h in detect(text)} == {"CONDITION"}


def test_a_town_is_left_to_the_place_recognizers(recognize):
    assert recognize(GivenNameRecognizer(), "anyone else from Sioux Falls? moved to eugene last year") == set()


def test_a_capitalised_name_mid_sentence_is_found_even_when_it_is_also_a_word(recognize):
    assert recognize(GivenNameRecognizer(), "so Grace came with me to chemo") == {("PERSON", 3, 8)}


def test_the_gazetteer_is_keyed_without_case_accents_hyphens_or_apostrophes():
    assert fold("Jean-Luc") == "jeanluc"
    assert fold("Søren") == "soren"
    assert fold("D'Andre") == "dandre"
    names = given_names()
    assert {"olivia", "sunita", "jeanluc", "soren"} <= names.keys()
    assert not {"will", "hope", "colon", "lyrica", "georgia", "june", "camry"} & names.keys()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('Quoting Sandy B: "the hospice nurse told us"', "Sandy B"),
        ("last reviewed for Jane D. on April 4", "Jane D."),
    ],
)
def test_a_first_name_with_the_initial_of_its_surname_is_one_name_even_when_a_town_is_called_so(recognize, hit, text, name):
    assert hit(text, "PERSON", name) in recognize(GivenNameRecognizer(), text)


@pytest.mark.parametrize(("text", "name"), [("When I met Mary I knew", "Mary"), ("I met Maria G. Novak today", "Maria")])
def test_a_pronoun_or_a_middle_initial_is_no_surname_initial(recognize, hit, text, name):
    assert hit(text, "PERSON", name) in recognize(GivenNameRecognizer(), text)
