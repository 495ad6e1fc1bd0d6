"""PERSON as people write to each other and in handoff notes: names after kin words of kin words, after
"named" or "aka", after a greeting or thanks, in a sign-off, after a title with an initial ("Mr J. Dunleavy",
"Dr. A."), and an initial before a known surname ("J. Okafor")."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my sister's husband raj drove us to the ER", "raj"),
        ("my mom's nurse Tasha was lovely", "Tasha"),
        ("her late husband Ravi had diabetes", "Ravi"),
        ("our little girl aanya has a fever", "aanya"),
        ("Case mgmt Trish arranged DME.", "Trish"),
        ("happy birthday Olusegun!", "Olusegun"),
        ("my OB, dr. fatima okonkwo, is amazing", "fatima okonkwo"),
        ("my hubby dave is sick", "dave"),
        ("my mil oksana keeps hiding pills", "oksana"),
        ('Screenshot: "Destiny, your PSA result is 0.4 ng/mL."', "Destiny"),
        ("chaplain Ruth prayed with us", "Ruth"),
        ("Mi abuelo Teodoro salió ayer", "Teodoro"),
        ("a nurse named Obiageli took my blood", "Obiageli"),
        ("my cousin aka jojo came by", "jojo"),
        ("Mi mamá tiene Alzheimer, se llama Esperanza.", "Esperanza"),
        ("Result Notes: Hi Pradeep, your cholesterol is a bit high.", "Pradeep"),
        ("Anyway. thanks tunde, you saved me", "tunde"),
        ("Love,\nObinna", "Obinna"),
        ("xoxo, Aunt Bea", "Bea"),
        ("He kept taking it. ~mike", "mike"),
        ("Consultant Mr J. Dunleavy", "J. Dunleavy"),
        ("GP: Dr R Okonjo, Hillview Medical Centre", "R Okonjo"),
        ("Le dije a la Dra. Villanueva que I've been dizzy", "Villanueva"),
        ("my sister Thuy: she said the biopsy was fine", "Thuy"),  # a name before what that person said
        ("Russell: you need to see a cardiologist", "Russell"),
        ("Seen by Nkechi Umeh, PA-C today", "Nkechi Umeh"),  # PA-C is a credential, not Pennsylvania
    ],
)
def test_a_name_introduced_the_way_people_write_to_each_other_is_found(detect, hit, text, name):
    found = {(start, end) for entity, start, end in detect(text) if entity == "PERSON"}
    _, start, end = hit(text, "PERSON", name)
    assert any(s <= start and end <= e for s, e in found)


def test_a_title_with_an_initial_alone_is_a_name(detect, hit):
    text = "Handoff: pt seen by Dr. A. overnight"
    assert hit(text, "PERSON", "A.") in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi All, thanks for reading",
        "Dear Sir, I am writing about my bill",
        "Hi team,",
        "Hey folks, quick question",
        "Thx guys.",
        "Thanks Doc!",
        "thanks so much",
        "- aspirin",
        "Mi doctor dice que la enfermedad de Chagas se transmite por un insecto.",
        "Mi esposo nació el 9/11/1975",
        "Our daughter lives in Lisbon so it's just me.",
        "his dad drove us to the ER",
        "tech Support was useless",
        "Unfortunately, your claim was denied.",
        "Welcome Back!",
        "Congrats Everyone",
    ],
)
def test_a_greeting_to_a_group_a_verb_after_a_relative_and_an_everyday_word_after_a_role_are_no_names(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Discussed with J. Okafor (resident)", "J. Okafor"),
        ("Signed out to R. Venkataraman overnight", "R. Venkataraman"),
    ],
)
def test_an_initial_before_a_known_surname_is_a_name(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize("text", ["Take vitamin D. Then rest", "E. coli in the urine", "Hepatitis B. Patient doing well"])
def test_an_initial_before_an_everyday_word_is_no_name(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()


def test_an_everyday_word_after_a_lower_case_name_is_not_part_of_it(detect, hit):
    text = "my bf jamal took me to urgent care"
    assert hit(text, "PERSON", "jamal") in detect(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("she was born on 8/5/1989. her maiden name is nyberg", "nyberg"),
        ("Her maiden name is Key", "Key"),
        ("everyone calls me Ján", "Ján"),
        ("Last name is Okonkwo, first name is Chidi", "Okonkwo"),
    ],
)
def test_a_name_given_as_someones_name_is_found(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize("text", ["her name is not important", "my name is on the list", "his first name was the same as mine"])
def test_a_phrase_about_a_name_that_gives_none_names_nobody(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()


@pytest.mark.parametrize("text", ["PMH: HTN, DM2", "Assessment: stable", "Impression: no acute findings", "Patient: stable overnight"])
def test_a_record_heading_before_a_colon_is_no_name(detect, text):
    assert not [found for found in detect(text) if found[0] == "PERSON"]


@pytest.mark.parametrize("text", ["Color Yellow, Protein Neg, Glucose Neg", "Urine: Clarity Clear, Nitrite Negative"])
def test_a_lab_fields_name_and_result_is_no_name(detect, text):
    assert not [found for found in detect(text) if found[0] == "PERSON"]


def test_a_name_whose_surname_is_a_colour_stays_a_name(detect, hit):
    text = "Will Brown called me yesterday about his MRI"
    assert hit(text, "PERSON", "Will Brown") in detect(text)


def test_a_given_name_that_is_also_a_word_speaks_in_a_chat_of_two_speakers_or_more(detect, hit):
    text = "Hunter: mom says the ER is a 6 hr wait\nRosa: take grandpa to the urgent care\nHunter: they close at 8"
    found = detect(text)
    assert hit(text, "PERSON", "Hunter") in found
    assert ("PERSON", text.rindex("Hunter"), text.rindex("Hunter") + len("Hunter")) in found


@pytest.mark.parametrize("text", ["Hunter: a breed of dog\nSummary: done", "Nurse: vitals ok\nPatient: fine\nPlan: discharge"])
def test_a_heading_or_a_role_before_a_colon_is_no_speaker_s_name(detect, text):
    assert not any(entity == "PERSON" and text[start:end] in {"Hunter", "Nurse", "Patient", "Plan"} for entity, start, end in detect(text))


def test_speakers_whose_given_names_are_also_words_are_names_when_both_speak(detect, hit):
    text = "Hunter: is he ok\nDawn: yes he is fine now\nHunter: great news"
    found = detect(text)
    assert hit(text, "PERSON", "Hunter") in found
    assert hit(text, "PERSON", "Dawn") in found
