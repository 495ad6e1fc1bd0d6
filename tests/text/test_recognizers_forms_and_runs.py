"""What bills, run sheets, pharmacy labels and call transcripts say in their own way: a range of service dates,
"the 21st" of a booking, an age in brackets, a town before its state on an address line, a facility after its
form label or after the verb that brought a patient there; and the answers and verbs that are no names."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Date(s) of service: 02/11/25-02/13/25\nAmount billed $14,882.16", ["02/11/25", "02/13/25"]),
        ("she's getting it out next Friday the 21st. Dr. Garza says", ["the 21st"]),
        ("Dad's surgery is set for the 10th at Froedtert.", ["the 10th"]),
        ("I can move him to the 27th at our Hixson office.", ["the 27th"]),
        ("I see him on the 18th with Dr. Castellanos.", ["the 18th"]),
        ("since the 3rd the seizures are back", ["the 3rd"]),
    ],
)
def test_a_range_of_service_dates_and_the_day_of_a_booking_are_dates(detect, hit, text, dates):
    found = detect(text)
    for date in dates:
        assert hit(text, "PERSON_DATE", date) in found


@pytest.mark.parametrize(
    "text",
    ["he went to the 2nd appointment alone", "see you for the 1st visit", "this is the 3rd time I called", "BP 120/80-130/85"],
)
def test_an_ordinal_that_counts_something_and_a_range_of_pressures_are_no_dates(detect, text):
    assert not any(entity == "PERSON_DATE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Walter Reece was born July 4, 1919 in Crisfield and lived to be 103. He never", "103"),
        ("his mother Annie made it to 98.", "98"),
        ("Customer Gus Pappas (93) can't pair left aid", "93"),
        ("Hi all, my appa R. Venkataraman (91) is admitted", "91"),
        ("Patient: Clement Ridley, 92\nAddress: 1802 County Road 410", "92"),
    ],
)
def test_an_age_over_89_in_brackets_after_a_name_or_lived_to_is_a_date_element(detect, hit, text, age):
    assert hit(text, "AGE_OVER_89", age) in detect(text)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Kroger Pharmacy Ashland KY", "Ashland"),
        ("RX 71044289  WALMART PHARMACY 10-1187  HAZARD KY 606-439-0812", "HAZARD"),
        ("1200 N Main St Normal IL (309) 452-0117", "Normal"),
        ("SSN on file   ADDR 57 MULBERRY LN GREENEVILLE TN 37743", "GREENEVILLE"),
        ("EVELYN R STROUD\nRR 2 Box 114\nGassaway WV 26624", "Gassaway"),
    ],
)
def test_a_town_before_its_state_on_an_address_or_label_line_is_a_place(detect, hit, text, town):
    assert hit(text, "LOCATION", town) in detect(text)


def test_an_id_label_before_digits_is_no_town_in_idaho(detect):
    text = "Claims: PO Box 981, Atlanta GA 30348\nPayer ID 87726"
    assert not any(entity == "LOCATION" and text[s:e] == "Payer" for entity, s, e in detect(text))


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("ASA 3  Time units 9\nSurgeon: Brandvold  Facility: Sacred Heart", "Sacred Heart"),
        ("INSTITUTION NAME: ST. MARY\nStudy Date: 1988 Jun 09", "ST. MARY"),
        ("DISP 0214 TRANS 0241 DEST Riverside Methodist\nCC: SOB", "Riverside Methodist"),
        ("Pt #2 refused. Transport pt #1 to UC Health non-emergent.", "UC Health"),
        ("We took her to PCEA Tumutumu and they referred us on.", "PCEA Tumutumu"),
        ("Chidi is home from Rush after his transplant", "Rush"),
    ],
)
def test_a_facility_after_its_form_label_or_where_a_patient_was_brought_is_a_facility(detect, hit, text, facility):
    assert hit(text, "FACILITY", facility) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "I sent it to Maria yesterday",
        "The home health aide from Visiting Angels comes 3x a week.",
        "Hospital: Yes",
        "Facility: N/A",
        "PT'S PHARMACY: CVS",
    ],
)
def test_a_first_name_after_sent_to_a_yes_or_a_chain_after_a_label_is_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


def test_a_facility_with_a_town_after_its_word_is_no_person_under_a_provider_label(detect, hit):
    text = "Provider: MERCY HOSPITAL JEFFERSON  Date(s) of service: 02/11/25"
    found = detect(text)
    assert hit(text, "FACILITY", "MERCY HOSPITAL") in found
    assert not any(entity == "PERSON" for entity, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "AGENT: Is that Leonard Ashby?\nCALLER: Yes.\nAGENT: Okay",
        "DR: Better since we increased the furosemide?\nPT: Better. I'm using the pill box",
        "CALLER: Um, follow-up from the ER",
        "my son took me to Tulsa",
        "Mija, la doctora Solís dice que tu abuelo needs the surgery pronto.",
    ],
)
def test_an_answer_after_a_speaker_label_a_verb_after_my_son_and_spanish_words_are_no_names(detect, text):
    names = {text[s:e] for entity, s, e in detect(text) if entity == "PERSON"}
    assert names <= {"Leonard Ashby", "Solís", "Mija"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my hubby dave is sick", "dave"),
        ("my son jamal took me", "jamal"),
        ("Rafa: bro i tore my acl\nRafa: dr marx i think?", "dr marx"),
        ("Patient: Young", "Young"),
    ],
)
def test_a_lower_case_name_after_kin_or_a_title_and_a_surname_after_a_label_stay_names(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I think Kowalski's test was positive.", "Kowalski"),
        ("Waiting on Ramirez's test results.", "Ramirez"),
        ("My oncologist referred me to Kowalski for a second opinion.", "Kowalski"),
        ("PATIENT NAME: MINH DO", "MINH DO"),
        ("Name: KIM DO YUN  DOB 01/02/1960", "KIM DO YUN"),
        ("812 PARK, SOO-AH CT head neg, 814 LEE, JIWOO OR at 2", "LEE, JIWOO"),
    ],
)
def test_a_surname_before_its_test_or_after_referred_to_and_do_or_a_state_code_after_a_name_keep_the_name(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


def test_a_facility_span_ends_where_its_last_word_does(detect, hit):
    text = "c-section at Royal  Prince Alfred last week"
    assert hit(text, "FACILITY", "Royal  Prince Alfred") in detect(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("el 1º de mayo de 2020", "1º de mayo de 2020"),
        ("Ela nasceu em 12 de novembro de 1950.", "12 de novembro de 1950"),
        ("Geboren am 2. November 1950 in Graz.", "2. November 1950"),
    ],
)
def test_an_ordinal_day_a_portuguese_november_and_a_german_day_point_are_whole_dates(detect, hit, text, date):
    assert hit(text, "PERSON_DATE", date) in detect(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my mom: ok call dr henning his number is 309-555-0148", "henning"),
        ("scheduling note: pt ahmed farouk called re: colonoscopy prep", "ahmed farouk"),
        ("my dad ahmed is in the icu", "ahmed"),
        ("CALLED TO AND READ BACK BY J. ALVARADO RN 0501 BY T.K.", "T.K."),
        ("PATIENT NOTIFIED BY PHONE IN SPANISH 1/30/25 BY M. CERVANTES.", "M. CERVANTES"),
        ("HR-HPV: POSITIVE.\nSCREENED BY N. OYELARAN CT(ASCP)", "N. OYELARAN"),
    ],
)
def test_a_name_ending_like_a_verb_and_initials_after_by_are_names(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize("text", ["pt walking well, dr seeing him", "my son walked in", "sent by U.S. Mail"])
def test_a_verb_after_a_cue_and_the_us_mail_are_no_names(detect, text):
    assert not any(entity == "PERSON" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("her A1c was 11.2 at Presbyterian so she's starting Ozempic.", "FACILITY", "Presbyterian"),
        ("i work at kaiser in fontana and the ER wait is brutal", "FACILITY", "kaiser"),
        ('Automated call: "This is a reminder from Kaiser for Thomas', "FACILITY", "Kaiser"),
        ("Transferred from Commerce ED to Hunt Regional in Greenville", "FACILITY", "Commerce"),
        ("Dr. Shapiro - Shapiro Family Dentistry, Leawood\nPatient: H. Moskowitz", "LOCATION", "Leawood"),
        ("Resident fall - St. Anne's Home, Greensburg\nResident Sr. Mary Kolb", "LOCATION", "Greensburg"),
        ("CALL LOC I-70 WB MM 212 nr Hays\nSemi vs deer.", "LOCATION", "Hays"),
        ("Police report filed with Sugar Land PD, case 24-118803.", "LOCATION", "Sugar Land"),
    ],
)
def test_a_health_systems_one_word_name_and_a_town_after_a_facility_or_before_its_police_are_places(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "we are at the mercy of the insurer",
        "in a rush to get to rush hour",
        "I went home, Mary was there",
        "He moved to Commerce last year",
    ],
)
def test_an_everyday_word_after_at_and_a_name_after_home_are_no_facility_or_town(detect, text):
    found = {(entity, text[s:e]) for entity, s, e in detect(text)}
    assert not any(entity == "FACILITY" for entity, _ in found)
    assert ("LOCATION", "Mary") not in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Mini-Cog 2/5. MoCA 19/30. Referred to memory clinic.", ("PERSON_DATE", "2/5")),
        ("Stage IIIA (T2N1M0) NSCLC. EGFR negative", ("POSTAL_CODE", "T2N1M0")),
        ("PT: Yes dear, my grandson set it up.", ("PERSON", "set")),
    ],
)
def test_a_cognitive_score_a_tnm_stage_and_a_verb_before_its_object_are_no_identifiers(detect, text, absent):
    assert absent not in {(entity, text[s:e]) for entity, s, e in detect(text)}


def test_a_canadian_postcode_is_still_one(detect, hit):
    text = "Jasmine Kaur Gill\n8871 142 St, Surrey BC V3W 0K1"
    assert hit(text, "POSTAL_CODE", "V3W 0K1") in detect(text)


def test_a_street_in_capitals_above_its_town_and_state_is_an_address(detect, hit):
    text = "RONALD E. BASKIN\n3318 GRANT AVE\nPUEBLO CO 81004\nClaim Number: 523-71-4408"
    assert hit(text, "STREET_ADDRESS", "3318 GRANT AVE") in detect(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Pt reports she's on alendronate since 2021-06, noted for future extractions", "PERSON_DATE", "2021-06"),
        ("Wake Forest Baptist Patient Financial Services · 1-336-716-2O71", "PHONE_NUMBER", "1-336-716-2O71"),
    ],
)
def test_an_iso_month_and_an_ocr_read_phone_with_its_country_code_are_found(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize("text", ["ticket 2021-13 closed", "order 196203 shipped"])
def test_a_month_thirteen_and_a_six_digit_number_are_no_dates(detect, text):
    assert not any(entity == "PERSON_DATE" for entity, _, _ in detect(text))
