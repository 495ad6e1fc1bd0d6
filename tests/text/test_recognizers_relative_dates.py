"""Dates without a year and relative dates: month/day when it is no measurement, month-year, OCR-read
dates, and RELATIVE_DATE (weekdays, holidays, "last week") which the shipped policy does not count."""

from __future__ import annotations

import pytest

from auditor.model import Finding
from auditor.policy.engine import judge
from auditor.policy.loader import load_policy


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PT ADMITTED 11/03 FROM ED.", "11/03"),
        ("LAST BM 9/30, COLACE GIVEN.", "9/30"),
        ("pt has f/u at the clinic 10/15", "10/15"),
        ("seen 3/4 for the same", "3/4"),
        ("seen in November 2022", "November 2022"),  # month-year near a visit word
        ("SEEN OCT 2019", "OCT 2019"),
        ("DOB O7/O4/1958", "O7/O4/1958"),
        ("EXAM 12/1l/2018 LT HAND", "12/1l/2018"),
    ],
)
def test_a_date_without_a_year_or_read_by_ocr_is_found(detect, hit, text, value):
    assert hit(text, "PERSON_DATE", value) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "ABG 7.35/22/-3, LACTATE 1.1",
        "BP 118/72 HR 68",
        "2/3 OF MEALS EATEN",
        "c/o 6/10 chest pain",
        "1/2 NS at 75 ml/hr",
        "VENT: AC 450/14/5/40%",
        "ratio 3/1 on the vent",
        "20/20 vision, open 24/7",
    ],
)
def test_a_measurement_is_no_date(detect, text):
    assert not any(entity == "PERSON_DATE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fell last Friday", "last Friday"),
        ("seen 2 days ago", "2 days ago"),
        ("admitted on Tuesday", "Tuesday"),
        ("since Christmas Eve", "Christmas Eve"),
    ],
)
def test_a_relative_date_is_its_own_entity(detect, hit, text, value):
    assert hit(text, "RELATIVE_DATE", value) in detect(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I haven't slept more than 4 hours since August.", "since August"),
        ("Dad signed one in April but the paramedics didn't see it", "April"),
    ],
)
def test_a_month_alone_after_since_or_in_a_sentence_about_the_family_is_a_relative_date(detect, hit, text, value):
    assert hit(text, "RELATIVE_DATE", value) in detect(text)


@pytest.mark.parametrize(
    ("text", "value"), [("Tengo cita el lunes for my thyroid", "el lunes"), ("Cita el martes 12 a las 10", "el martes 12")]
)
def test_a_spanish_weekday_after_el_is_a_relative_date(detect, hit, text, value):
    assert hit(text, "RELATIVE_DATE", value) in detect(text)


@pytest.mark.parametrize(
    "text",
    ["she may come in may", "the march in march was cancelled", "in April 2021 she was admitted", "Flu season peaks in February."],
)
def test_a_lower_case_month_one_with_its_year_or_one_in_a_general_statement_is_no_relative_date(detect, text):
    assert {h for h in detect(text) if h[0] == "RELATIVE_DATE"} == set()


def test_the_shipped_policy_does_not_count_a_relative_date():
    policy = load_policy("policies/hipaa-safe-harbor.yaml")
    relative = Finding("p#1", "text", "text", "RELATIVE_DATE", "dates", None, (0, 9), None, 0.45, "text", "l***", "d")
    assert judge("p#1", [relative], policy).identifiers == ()
    dated = Finding("p#1", "text", "text", "PERSON_DATE", "dates", None, (0, 5), None, 0.5, "text", "1***", "e")
    assert judge("p#1", [dated], policy).identifiers == ("dates",)


@pytest.mark.parametrize("text", ["The cafeteria will be closed for renovation next week.", "see you this month", "a 2 week course"])
def test_a_plan_or_a_duration_is_no_relative_date(detect, text):
    assert not any(entity == "RELATIVE_DATE" for entity, _, _ in detect(text))
