"""PERSON_DATE and AGE_OVER_89: dates of a person in every common format, ages over 89, and the
numbers that only look like them."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.age_over_89 import AgeOver89Recognizer
from auditor.scanners.text.recognizers.person_date import PersonDateRecognizer


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("My daughter was born 03/04/1961 at St Mary's", "03/04/1961"),
        ("dob 3/4/61, diagnosed at 40", "3/4/61"),
        ("Mom was admitted March 4, 1961 and never left", "March 4, 1961"),
        ("He passed away on 4 March 1961 surrounded by family", "4 March 1961"),
        ("surgery is scheduled for Mar 4th, wish me luck", "Mar 4th"),
        ("discharge date 1961-03-04 per the paperwork", "1961-03-04"),
        ("DOB: 04-Mar-1961 (from the wristband)", "04-Mar-1961"),
        ("my biopsy was on March 4th and I'm still waiting", "March 4th"),
        ("we found out on the 4th of March", "4th of March"),
        ("admitted 04.03.1961 to the ICU", "04.03.1961"),
        ("Date of birth: 19610304", "19610304"),
        ("my surgery on 3/4 went fine", "3/4"),
        ("diagnosed in March 2019 after months of tests", "March 2019"),
    ],
)
def test_a_date_in_any_common_format_is_a_person_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "I was diagnosed in 2019 and it's been rough",
        "type 1 since 1998, pumping since 2005",
        "Type 2 diabetic here, any tips?",
        "updated the app to v2.3.1 and the graphs broke",
        "took my meds at 10:30 like always",
        "I may march into his office tomorrow",
        "about 3/4 of the pills are gone",
        "version 2.3.10 fixed the sync bug",
        "my A1C went from 7.2 to 6.8",
        "ordered 19610304 units",
    ],
)
def test_a_year_a_version_a_time_or_a_fraction_is_no_person_date(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON_DATE"} == set()


def test_a_compact_date_needs_a_birth_or_admission_label(recognize):
    assert recognize(PersonDateRecognizer(), "my order number is 19610304") == set()
    assert recognize(PersonDateRecognizer(), "DOB 19610304") == {("PERSON_DATE", 4, 12)}


def test_an_impossible_numeric_date_is_rejected(recognize):
    assert recognize(PersonDateRecognizer(), "dob 13/45/2020 and 1961-13-04") == set()


def test_a_month_and_year_alone_needs_person_context(detect):
    assert {h for h in detect("The clinic opened in March 2019 downtown.") if h[0] == "PERSON_DATE"} == set()


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("My grandma is 92 years old and sharp as ever", "92 years old"),
        ("Grandpa, age 95, just had his hip replaced", "age 95"),
        ("94yo patient with CHF in my unit", "94yo"),
        ("caring for a 91-year-old with dementia", "91-year-old"),
        ("she turned 100 last week", "turned 100"),
        ("planning his 90th birthday party", "90th birthday"),
        ("93 y/o male, fall at home", "93 y/o"),
    ],
)
def test_an_age_over_89_said_as_an_age_is_found(detect, hit, text, age):
    assert hit(text, "AGE_OVER_89", age) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "metformin 500 mg twice a day",
        "weather was in the mid-90s all week",
        "my dad is 89 years old",
        "sugar was 95 this morning",
        "it was 95 degrees at the parade",
        "a 90 day supply of insulin",
        "average 95 over the last 2 weeks",
    ],
)
def test_a_dosage_a_temperature_or_an_age_under_90_is_no_age_over_89(detect, text):
    assert {h for h in detect(text) if h[0] == "AGE_OVER_89"} == set()


def test_age_over_89_recognizer_alone_finds_the_whole_phrase(recognize):
    assert recognize(AgeOver89Recognizer(), "a 91-year-old") == {("AGE_OVER_89", 2, 13)}
