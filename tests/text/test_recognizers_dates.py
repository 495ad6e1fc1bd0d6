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
        "ordered 19610304 units",  # a compact date needs its label
    ],
)
def test_a_year_a_version_a_time_or_a_fraction_is_no_person_date(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON_DATE"} == set()


def test_a_compact_date_needs_a_birth_or_admission_label(recognize):
    assert recognize(PersonDateRecognizer(), "my order number is 19610304") == set()
    assert recognize(PersonDateRecognizer(), "DOB 19610304") == {("PERSON_DATE", 4, 12)}


def test_an_impossible_numeric_date_is_rejected(recognize):
    assert recognize(PersonDateRecognizer(), "dob 13/45/2020 and 1961-13-04") == set()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The clinic opened in March 2019 downtown.", "March 2019"),
        ("had my bloods done march 2024", "march 2024"),
        ("SEEN NOV 2021", "NOV 2021"),
    ],
)
def test_a_month_and_year_is_a_date_element_even_without_a_word_saying_whose(detect, hit, text, date):
    """Safe Harbor removes every date element but the year; which month and year are a person's is not
    the scanner's to guess."""
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize("text", ["you may 2000 units if needed", "the guidelines changed in 2019", "March is awareness month"])
def test_a_verb_month_before_a_count_and_a_year_alone_are_no_date(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON_DATE"} == set()


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("My grandma is 92 years old and sharp as ever", "92"),
        ("Grandpa, age 95, just had his hip replaced", "95"),
        ("94yo patient with CHF in my unit", "94"),
        ("caring for a 91-year-old with dementia", "91"),
        ("she turned 100 last week", "100"),
        ("planning his 90th birthday party", "90"),
        ("93 y/o male, fall at home", "93"),
        ("Dad turned 95 today and the nursing home forgot his meds", "95"),
        ("Happy birthday Grandpa, 102 today!!", "102"),
        ("my grandpa is 95 and just got diagnosed with lupus", "95"),
        ("This. my grandma is 102 and still sharper than me", "102"),
        ("Mom's 97 and still gardening", "97"),
        ("Edna Mae Kowalik, 93, of Paducah, died peacefully at home", "93"),
        ("visit note: mrs. delacourt, 98, resting comfortably", "98"),
        ("my roommate Gladys, 96 going on 30", "96"),
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
        "he had a fever of 99 today",
        "my dad is 95 pounds soaking wet",
        "she was 100% sure it was the flu",
        "grandpa is 95% better since the antibiotics",
        "BP 140/90, HR 94, SpO2, 95, on room air",
        "Scores: Smith, 95, 97, 99",
    ],
)
def test_a_dosage_a_temperature_or_an_age_under_90_is_no_age_over_89(detect, text):
    assert {h for h in detect(text) if h[0] == "AGE_OVER_89"} == set()


def test_an_age_over_89_is_the_number_alone_as_the_labelling_policy_says(recognize):
    assert recognize(AgeOver89Recognizer(), "a 91-year-old") == {("AGE_OVER_89", 2, 4)}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("spinal fusion from december 20, can you see it?", "december 20"),
        ("follow-up on mar 10 at 2:30pm", "mar 10"),
        ("appt: mar. 8th 9:15 am", "mar. 8th"),
        ("04-jul-2020 — first stelara injection", "04-jul-2020"),
        ("admitted 09-mar-2021, discharged jan 31, 2022", "jan 31, 2022"),
        ("we found out on the 3rd of october", "3rd of october"),
        ("june 22 - Michael slept most of the day", "june 22"),
        ("(0010,0030) PatientBirthDate: 19760703", "19760703"),
    ],
)
def test_a_month_name_in_lower_case_with_a_day_is_a_person_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Last knee replacement was March 2023, results still not in", "March 2023"),
        ("Last chemotherapy was 04/2024, results still not in", "04/2024"),
        ("diagnosed Sep '22 with long covid", "Sep '22"),
        ("diagnosed apr '22 with fibromyalgia", "apr '22"),
        ("first flare was january 2023", "january 2023"),
    ],
)
def test_a_month_and_year_is_a_person_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("can you read my mammogram from 4/24?", "4/24"),
        ("my birthday is 12/8 and all I want is a cure", "12/8"),
        ("Follow-up on 10/5 at 2:30pm", "10/5"),
        ("FOLLOW-UP: return 8/8 or sooner if worse", "8/8"),
        ("My tilt table test is scheduled for 6/27 and I'm terrified", "6/27"),
        ("Appt: 5/3 9:15 AM", "5/3"),
    ],
)
def test_a_day_and_month_without_a_year_where_a_date_is_expected_is_a_person_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "my pain is 7/10 today",
        "pain 7/10 after the nerve block",
        "BP 128/84 at the visit",
        "BP was 132/86 again",
        "rated 4/5 on the app store",
        "I would give it a rating of 4/5",
        "take 1/2 tab at night",
        "the score was 24/30 on the memory test",
        "I may march into his office tomorrow",
        "took 3 mg in march 2 times",
        "open 24/7 for emergencies",
    ],
)
def test_scores_ratios_fractions_and_verbs_are_no_person_dates(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON_DATE"} == set()


@pytest.mark.parametrize("text", ["i may 5 more days off", "Follow up in March 2 weeks later", "we march 3 miles every morning"])
def test_lower_case_may_and_march_with_a_bare_number_or_a_month_before_a_unit_is_no_date(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON_DATE"} == set()


@pytest.mark.parametrize(("text", "date"), [("may 5th was my surgery", "may 5th"), ("march 3, 2021 was the day", "march 3, 2021")])
def test_lower_case_may_and_march_with_an_ordinal_or_a_year_is_a_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


def test_a_numeric_date_touching_a_label_colon_is_still_a_date(detect, hit):
    for text in ("DOB 04/20/1988: follow-up for lupus", "DOB:04/20/1988", "Sofia Adeyemi, DOB 04/20/1988: seen today"):
        assert hit(text, "PERSON_DATE", "04/20/1988") in detect(text), text


def test_a_time_glued_to_a_date_does_not_make_the_time_a_date(detect):
    text = "logged at 10:04/20 by the pump"
    assert not any(entity == "PERSON_DATE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "date"),
    [("my husband had his bypass in June 2021", "June 2021"), ("her sister got the diagnosis in November 2022", "November 2022")],
)
def test_a_month_and_year_told_of_a_relative_is_a_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Wife got her mastectomy on the 9th. Drains out tomorrow", "the 9th"),
        ("On the 3rd she had her colonoscopy", "the 3rd"),
        ("Since the 21st the seizures are back", "the 21st"),
        ("admitted on the 2nd with chest pain", "the 2nd"),
    ],
)
def test_a_day_alone_in_a_sentence_telling_a_health_event_is_a_person_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "His room is on the 2nd floor after surgery",
        "Surgery went well, the 3rd time on the 4th try",
        "I bought shoes on the 9th",
        "after the 3rd round of chemo I stopped",
    ],
)
def test_an_ordinal_of_something_else_or_without_a_health_event_is_no_person_date(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON_DATE"} == set()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mi hijo nació el 15 de agosto de 2022 en Tijuana", "15 de agosto de 2022"),
        ("I've been dizzy since el 3 de marzo, and she said drink water", "3 de marzo"),
    ],
)
def test_a_date_written_in_spanish_is_a_person_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


def test_a_day_and_month_after_an_abbreviated_weekday_is_a_date_and_the_weekday_no_name(detect, hit):
    text = "MRI done Tues 3/4, results pending"
    found = detect(text)
    assert hit(text, "PERSON_DATE", "3/4") in found and not any(h[0] == "PERSON" for h in found)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Admitted: 5/19   Discharge: 3/4", "3/4"),
        ("Pt was extubated 9/02.", "9/02"),
        ("I reviewed her in the memory clinic on 21/3. She came with her son", "21/3"),
        ("prior auth request sent 6/11.", "6/11"),
        ("SPECIMEN COLL 2/17 0815  WARD 4", "2/17"),
        ("last BM 9/30.", "9/30"),
    ],
)
def test_a_day_and_month_after_an_event_of_a_stay_or_at_a_sentence_end_is_a_person_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    "text", ["we are on 24/7 watch", "received 1/2 units of blood", "done 3/4 of the course", "the ratio was 1/15 20 of them"]
)
def test_a_day_and_month_shape_that_is_a_fraction_a_dose_or_round_the_clock_is_no_date(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON_DATE"} == set()


@pytest.mark.parametrize(("text", "age"), [("LAROCHE, EMILE  08/19/1933  (91Y)", "91"), ("AGE: 093Y  SEX: F", "093")])
def test_an_age_over_89_as_a_banner_or_dicom_prints_it_is_found(detect, hit, text, age):
    assert hit(text, "AGE_OVER_89", age) in detect(text)


def test_a_month_and_year_shape_at_the_start_of_an_iso_date_is_not_stretched_over_it(detect, hit):
    text = "KOWALSKI, JAN  1950-01-02"
    assert hit(text, "PERSON_DATE", "1950-01-02") in detect(text)


def test_a_date_after_a_date_of_birth_label_written_with_underscores_is_found(detect, hit):
    assert hit("date_of_birth: 1961-03-04", "PERSON_DATE", "1961-03-04") in detect("date_of_birth: 1961-03-04")


@pytest.mark.parametrize(
    "text",
    ["Motor strength 5/5.", "Murmur grade 2/6.", "Reflexes 2+ and strength 4/5.", "100 yrs of service", "91 Y/N", "founded 95 yrs ago"],
)
def test_grades_strengths_at_a_sentence_end_and_years_of_something_are_no_dates_or_ages(detect, text):
    assert not any(entity in ("PERSON_DATE", "AGE_OVER_89") for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Falleció el 3 de febrero de 2025 en Laredo", "3 de febrero de 2025"),
        ("Ricoverata dal 14 settembre per scompenso", "14 settembre"),
        ("vue en consultation le 7 mai 2025", "7 mai 2025"),
        ("nascido em 9 de março de 1948", "9 de março de 1948"),
        ("Aufnahme am 2. März 2026 über die Notaufnahme", "2. März 2026"),
        ("check-up ni Lola sa 12 Hunyo", "12 Hunyo"),
    ],
)
def test_a_day_and_month_in_another_language_is_a_date(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize("text", ["we had 4 mars bars and 2 mai tais", "she ate 3 mars at lunch"])
def test_french_months_that_are_english_words_need_an_article_or_a_year(detect, text):
    assert not any(entity == "PERSON_DATE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("he was in mercy hospital from march 3 to march 9 and they say", "march 3"),
        ("he was in mercy hospital from march 3 to march 9 and they say", "march 9"),
        ("my gp needs a fit note from 3 march to 17 march please", "3 march"),
        ("my gp needs a fit note from 3 march to 17 march please", "17 march"),
        ("signed off work until 2 may, then back", "2 may"),
        ("Result date 2O26-O3-19\nTest: PSA", "2O26-O3-19"),
        ("Date of birth: 1998-1l-24", "1998-1l-24"),
    ],
)
def test_a_lower_case_day_and_month_after_a_preposition_and_an_ocr_read_iso_date_are_dates(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "i may 5 more days",
        "walked to march 3 miles",
        "version 2O26-13-45 of the form",
        "going from 1 to 2 may cause dizziness",
        "a nap before 10 may help",
        "the score went to 2 march down the list",
        "from 10 to 20 may or may not help",
        "increase from 2 to 4 may as needed",
        "from 1 to 3 may in some patients",
        "PSA 6.8 ng/mL, 4/12 cores positive.",
    ],
)
def test_a_verb_a_distance_or_no_calendar_day_is_no_date(detect, text):
    assert not any(entity == "PERSON_DATE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Re: Ingrid Solberg, 93 years, DOB 5 Feb 1933", "93"),
        ("until her death on March 27, 2025 at the age of 96.", "96"),
        ("My grandmother (93, still sharp as a tack) got diagnosed", "93"),
        ("Okay so story time. Mum (Dot, 97) fell in the garden", "97"),
    ],
)
def test_an_age_over_89_in_a_relatives_brackets_after_a_name_with_years_or_at_the_age_of_is_a_date(detect, hit, text, age):
    assert hit(text, "AGE_OVER_89", age) in detect(text)


@pytest.mark.parametrize("text", ["Heart Rate (92) regular", "he (99 kg) is heavy", "mom (95 mg dose) ok"])
def test_a_measurement_in_brackets_is_no_age(detect, text):
    assert not any(entity == "AGE_OVER_89" for entity, _, _ in detect(text))
