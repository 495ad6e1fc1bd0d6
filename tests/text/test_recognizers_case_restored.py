"""PERSON from spaCy on a case-restored copy of an ALL-CAPS line, behind the gazetteer veto."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name"),
    [("FAMILY MEETING WITH MARGARET AND SON, PLAN DNR", "MARGARET"), ("RN UPDATED GERALDINE ABOUT THE PLAN TODAY", "GERALDINE")],
)
def test_a_known_first_name_in_an_all_caps_line_is_a_person(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "AF RATE CONTROLLED. CHEST CLEAR. ABDO SOFT NON TENDER.",  # a rare surname alone, and shorthand
        "NEURO: A+OX3. MAE. PERRLA. NO ACUTE EVENTS.",  # "moves all extremities", a short all-caps word
        "PLAN: REVIEW IN AM. CONTINUE IV ABX. NBM FROM MIDNIGHT.",
    ],
)
def test_clinical_shorthand_in_capitals_is_no_person(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()
