"""The town and postcode after a street address the recognizers found: small towns no gazetteer lists, in any
case, before a state, a province or a postcode or at a clause's end, and the postcode after them. The examples
are written for these tests."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from auditor.scanners.text.address_tails import tag_addressees


@pytest.mark.parametrize(
    ("text", "town", "postcode", "kind"),
    [
        ("Addr: 6 Ferry Rd, Kittery ME 03904", "Kittery", "03904", "ZIP_CODE"),
        ("Home: 14 Protea Rd, Mitchells Plain 7785", "Mitchells Plain", "7785", "POSTAL_CODE"),
        ("lives at 77 lindenhurst ct, holland, mi 49423.", "holland", "49423", "ZIP_CODE"),
        ("ADR;TYPE=HOME:;;300 Market St Suite 4;Lewisburg;PA;17837", "Lewisburg", "17837", "ZIP_CODE"),
        ("Unit 7/14 Sylvan Rd, Toowong QLD 4066", "Toowong", "4066", "POSTAL_CODE"),
    ],
)
def test_a_town_and_postcode_after_a_street_are_the_address_s(detect, hit, text, town, postcode, kind):
    found = detect(text)
    assert hit(text, "LOCATION", town) in found
    assert hit(text, kind, postcode) in found


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("rn dispatched to 91 bayberry ln, wellfleet.", "wellfleet"),
        ("dme delivered a bed to rr 2 box 118, kingfisher. wife signed for it.", "kingfisher"),
        ("home: 2210 calle del sol, las cruces.", "las cruces"),
    ],
)
def test_a_town_that_ends_the_clause_after_a_street_is_a_town(detect, hit, text, town):
    assert hit(text, "LOCATION", town) in detect(text)


def test_a_name_read_in_the_town_s_place_before_a_state_and_postcode_is_the_town(detect, hit):
    text = "Address: 22 Banksia Rd, Toowong QLD 4066"
    found = detect(text)
    assert hit(text, "LOCATION", "Toowong") in found
    assert not any(entity == "PERSON" for entity, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "she lives at 12 Oak St, and her son visits daily.",
        "the clinic at 40 Main St, then home by bus.",
        "45 Elm Ave, Apt 4B is her unit.",
        "4410 Congress Ave, IL 62704",
    ],
)
def test_everyday_words_a_unit_or_a_state_after_a_street_are_no_town(detect, text):
    street_end = text.index(",")
    assert not any(entity == "LOCATION" and start > street_end for entity, start, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("MEDIC 12 DISP 0214 TO 1402 N CEDAR ST FOR 67YOM CP.", "1402 N CEDAR ST"),
        ("DOWN UNK TIME. ADDRESS 88 SPRUCE HOLLOW DR, MAUMELLE.", "88 SPRUCE HOLLOW DR"),
    ],
)
def test_a_street_in_capitals_after_an_address_cue_needs_no_town_after_it(detect, hit, text, street):
    assert hit(text, "STREET_ADDRESS", street) in detect(text)


@pytest.mark.parametrize(
    "text",
    ["TITRATED TO 2 HEAD CT", "RESP TO 40 MG IV PUSH DR", "DISP TO 3 WEST CT", "PT RESP TO 2 DOSES PER DR", "ADDRESS 3 CONCERNS WITH DR"],
)
def test_a_dose_or_a_scan_after_a_dispatch_word_is_no_street(detect, text):
    assert not any(entity == "STREET_ADDRESS" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "not_a_code"),
    [
        ("Address: 12 Oak St, Metformin 1000 mg daily", "1000"),  # a dose
        ("Address: 12 Oak St, Kittery, 1998", "1998"),  # a year
        ("Address: 12 Oak St, Portland IN 2019 she moved", "2019"),  # four digits after a US state are no ZIP
        ("Met at 12 Oak St, Hgb NS 1000 ml", "1000"),  # "NS" is normal saline, not Nova Scotia, before a dose
    ],
)
def test_a_dose_or_a_year_after_a_street_is_no_postcode(detect, text, not_a_code):
    start = text.index(not_a_code)
    assert not any(start <= s < start + len(not_a_code) for entity, s, _ in detect(text) if entity in {"ZIP_CODE", "POSTAL_CODE"})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Met at 12 Oak St, Sarah Connor, 2021", "Sarah Connor"),
        ("Met at 12 Oak St, Sarah Connor 4471", "Sarah Connor"),
        ("Met at 12 Oak St, Hgb NS 1000 ml", "Hgb"),
        ("Address: 12 Oak St, Mexico.", "Mexico"),
        ("Address: 12 Oak St, Canada 4066", "Canada"),
    ],
)
def test_a_name_a_lab_abbreviation_or_a_country_after_a_street_is_no_town(detect, hit, text, words):
    assert hit(text, "LOCATION", words) not in detect(text)


def test_a_state_s_name_after_the_town_is_no_part_of_it(detect, hit):
    text = "Address: 12 Oak St, Kittery Maine 03904"
    assert {hit(text, "LOCATION", "Kittery"), hit(text, "ZIP_CODE", "03904")} <= detect(text)


def test_a_postcode_after_a_region_right_after_the_street_is_the_address_s(detect, hit):
    text = "Address: 12 Oak St, QLD 4066"
    assert hit(text, "POSTAL_CODE", "4066") in detect(text)


@pytest.mark.parametrize(
    ("text", "town", "postcode"),
    [("12 Oak St, Glenelg SA 5045", "Glenelg", "5045"), ("12 Oak St, Parap NT 0820", "Parap", "0820")],
)
def test_an_australian_territory_s_code_is_no_part_of_the_town(detect, hit, text, town, postcode):
    assert {hit(text, "LOCATION", town), hit(text, "POSTAL_CODE", postcode)} <= detect(text)


@pytest.mark.parametrize(
    "text", ["Seen at 200 Main St, Boston on 2019 visit.", "12 Oak St, Dallas 450000 last May", "12 Oak St, Dallas 2500 miles"]
)
def test_a_year_a_count_or_a_distance_after_the_town_is_no_postcode(detect, text):
    assert not any(entity in {"ZIP_CODE", "POSTAL_CODE"} for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Delivered Thu to 418 Lenox Ave, Apt 9C, New York, NY 10027", "New York"),
        ("Mailed to 77 Good Hope Rd, Washington, DC 20020", "Washington"),
    ],
)
def test_a_state_s_name_before_a_region_and_a_zip_is_the_town(detect, hit, text, town):
    assert hit(text, "LOCATION", town) in detect(text)


def test_a_lower_case_town_state_and_zip_after_a_lower_case_street_need_no_comma(detect, hit):
    text = "our address is 612 n pine ave sedalia mo 65301 and my cell is below"
    found = detect(text)
    assert hit(text, "STREET_ADDRESS", "612 n pine ave") in found
    assert hit(text, "LOCATION", "sedalia") in found
    assert hit(text, "ZIP_CODE", "65301") in found


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("School: Roosevelt High School, Tacoma\nCondition: asthma", "Tacoma"),
        ("Desert Ridge Diagnostic Imaging — Scottsdale\nEXAM: CT CHEST", "Scottsdale"),
        ("Kaiser Permanente (Santa Rosa): your video visit is confirmed", "Santa Rosa"),
        ("DELIVERY TICKET — Apria Healthcare, Lenexa branch", "Lenexa"),
        ("Veterans Affairs Health Care System, Wexhollow Division", "Wexhollow"),
    ],
)
def test_the_town_of_a_facility_s_campus_after_its_name_is_a_town(detect, hit, text, town):
    assert hit(text, "LOCATION", town) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Seen at Mercy Hospital, Dr. Okafor attending.",
        "Boston Children's Hospital, Cardiology, floor 4",
        "Admitted to St. Mary's Hospital, Tuesday night.",
        "Mercy Hospital (Tuesday clinic) was full",
    ],
)
def test_a_title_a_department_or_a_day_after_a_facility_is_no_town(detect, text):
    facility_end = min(text.index(c) for c in ",(" if c in text)
    assert not any(entity == "LOCATION" and start > facility_end for entity, start, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    [
        "Mercy Hospital, Hematology clinic",
        "St Mary's Hospital, Central unit",
        "Mercy Hospital, Reading room 3",
        "Mayo Clinic - Hope this helps",
        "Kaiser (Normal results)",
        "Mercy Hospital, Jackson was my nurse",
        "St Luke's Hospital, Florence drove me home",
    ],
)
def test_a_department_or_a_town_s_name_that_is_a_word_or_a_name_going_on_its_clause_after_a_facility_is_no_town(detect, text):
    assert not any(entity == "LOCATION" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Mercy Hospital, Jackson.", "Jackson"),
        ("Seen at Mercy Hospital, Florence, for a fracture.", "Florence"),
        ("St Luke's Hospital, Florence, SC", "Florence"),
        ("Garfield High School, Seattle", "Seattle"),
        ("Sutter Health (Santa Rosa)", "Santa Rosa"),
    ],
)
def test_a_town_s_name_that_is_a_word_or_a_name_ending_its_clause_after_a_facility_is_a_town(detect, hit, text, town):
    assert hit(text, "LOCATION", town) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dropped at 12 Oak St, NKDA.",
        "Transfer to 12 Oak St, SNF.",
        "Discharged to 12 Oak St, afebrile.",
        "Drop off at 12 Oak St, Hgb OK.",
        "Lives at 12 Oak St, Pager 40221.",
        "Came from 12 Oak St, Dr Jones 12345.",
    ],
)
def test_an_abbreviation_a_lower_case_word_a_title_or_a_label_after_a_street_is_no_town(detect, text):
    street_end = text.index(",")
    assert not any(entity in ("LOCATION", "ZIP_CODE") and start > street_end for entity, start, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("ADDRESS 12 OAK ST, KITTERY.", "KITTERY"),
        ("ADDRESS 12 OAK ST, Kittery.", "Kittery"),
        ("Dispatched to 6 Ferry Rd, Kittery.", "Kittery"),
    ],
)
def test_words_no_gazetteer_knows_ending_the_clause_are_the_town_when_written_as_the_street_is(detect, hit, text, town):
    assert hit(text, "LOCATION", town) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "rn dispatched to 91 bayberry ln, Wellfleet.",  # capitalised after a lower-case street
        "Dispatched to 12 Oak St, KITTERY.",  # capitals after a street not in capitals
        "ADDRESS 12 OAK ST, NKDA.",  # five capitals or fewer are an abbreviation
        "ADDRESS 12 OAK ST, SNF.",
    ],
)
def test_words_no_gazetteer_knows_written_otherwise_than_the_street_or_short_capitals_are_no_town(detect, text):
    assert not any(entity == "LOCATION" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    [
        "Send to: 12 Oak St\nKittery ME 03904",
        "Lives at 12 Oak St Kittery ME 03904",
        "12 Oak St. Kittery, ME 03904",
        "12 Oak St,\u00a0Kittery\u00a0ME\u00a003904",
    ],
)
def test_a_town_before_its_state_and_zip_on_the_next_line_after_a_space_or_a_full_stop_is_the_address_s(detect, hit, text):
    assert hit(text, "LOCATION", "Kittery") in detect(text)


@pytest.mark.parametrize("text", ["12 Oak St\nCopay OK 25000", "12 Oak St\nBalance Due OK 25000", "12 Oak St, Deductible 2500"])
def test_a_bill_s_word_after_a_street_is_no_town(detect, text):
    assert not any(entity == "LOCATION" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    ["PLAN: ADDRESS 2 OPEN WOUNDS DR KIM TO SEE", "WILL ADDRESS 3 MAIN CONCERNS DR LEE", "PT FOUND AT 3 AM DR PATEL NOTIFIED"],
)
def test_address_as_a_verb_a_time_or_a_doctor_after_a_number_is_no_street(detect, text):
    assert not any(entity == "STREET_ADDRESS" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("MEDICARE SUMMARY NOTICE\nROSALIND T ABERCROMBIE\n41 QUARRY HILL RD APT 2\nKEENE NH 03431", "ROSALIND T ABERCROMBIE"),
        ("Statement date 3/2/2026\nMarguerite Okonedo\n9 Tamarack Ln\nBend, OR 97701", "Marguerite Okonedo"),
    ],
)
def test_the_name_on_the_line_above_a_street_is_the_addressee(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize("text", ["EXPLANATION OF BENEFITS\nHOME ADDRESS ON FILE\n41 Quarry Hill Rd\nKeene, NH 03431"])
def test_a_heading_above_a_street_is_no_addressee(detect, text):
    assert not any(entity == "PERSON" for entity, _, _ in detect(text))


def _addressees(text: str, street: str) -> set[str]:
    """The names tag_addressees reads above `street`, given only the street (no other recognizer's reading)."""
    start = text.index(street)
    found = tag_addressees(text, [RecognizerResult("STREET_ADDRESS", start, start + len(street), 0.6)])
    return {text[r.start : r.end] for r in found if r.entity_type == "PERSON"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Grace Smith\n12 Oak St\nKittery, ME 03904", "Grace Smith"),  # a known surname, though both are words
        ("Mr. John A. Smith Jr\n12 Oak St\nKittery, ME 03904", "John A. Smith Jr"),  # a title before, a suffix after
        ("JOHN SMITH, JR.\n12 OAK ST\nKITTERY ME 03904", "JOHN SMITH, JR."),
        ("LUCILLE A MORNEAU\n14 ELM ST\nNASHUA NH 03060", "LUCILLE A MORNEAU"),  # an initial that is also an article
    ],
)
def test_a_first_name_and_a_known_surname_above_a_street_are_the_addressee(text, name):
    assert _addressees(text, text.splitlines()[1]) == {name}


@pytest.mark.parametrize(
    "text",
    [
        "Rose Marie Home\n12 Oak St\nKittery, ME 03904",
        "Grace Lutheran Home\n12 Oak St\nKittery, ME 03904",
        "Sharon Regional\n12 Oak St\nKittery, ME 03904",
        "Grace Community Church\n12 Oak St\nKittery, ME 03904",
    ],
)
def test_a_care_home_s_a_hospital_s_or_a_church_s_name_above_a_street_is_no_addressee(text):
    assert _addressees(text, "12 Oak St") == set()
