"""PERSON from a first name, a middle initial and a surname, in any language; not from terms of the same shape."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("we met Bogumiła K. Wrzesińska at the support group", "Bogumiła K. Wrzesińska"),
        ("Tariku B Alemayehu will call you back", "Tariku B Alemayehu"),
        ("letter from Will J. Mason about the bill", "Will J. Mason"),
    ],
)
def test_a_first_name_middle_initial_and_surname_is_a_person(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    ["started Vitamin B Complex daily", "Type A Personality traits", "Tylenol E Xtra for the pain", "Plan B One-Step"],
)
def test_terms_shaped_like_a_name_with_an_initial_are_no_person(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()
