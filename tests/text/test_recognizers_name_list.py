"""PERSON: a word the gazetteer lacks in a list of first names (name_list.py)."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.name_list import NameListRecognizer


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("They had 6: Efimiya, Mary, Ariana, Isabel, Teresa and Jodi.", "Efimiya"),
        ("my kids Ava, Olusegun and Noah all have colds", "Olusegun"),
    ],
)
def test_an_unknown_word_among_known_first_names_is_a_name(recognize, hit, text, name):
    assert hit(text, "PERSON", name) in recognize(NameListRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "We visited Austin, Tyler and Dallas last year",
        "Tylenol, Advil and Motrin didn't help",
        "Mary, John and Others",
        "Efimiya, Olusegun and Noah",
    ],
)
def test_a_list_of_towns_drugs_or_everyday_words_or_one_known_name_adds_none(recognize, text):
    assert recognize(NameListRecognizer(), text) == set()
