"""Addresses, postcodes and phone numbers as written outside the US, and countries, which are no Safe Harbor
geographic identifier. The examples are written for these tests, not taken from the evaluation sets."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.intl_address import InternationalAddressRecognizer
from auditor.scanners.text.recognizers.postcode import PostcodeRecognizer


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("the letter went to Lindenstraße 4, 80331 München", "Lindenstraße 4"),
        ("she lives on Strandvejen 118 now", "Strandvejen 118"),
        ("my aunt's flat is at Via Nazionale 22", "Via Nazionale 22"),
        ("deliver to ul. Kwiatowa 7 please", "ul. Kwiatowa 7"),
        ("the clinic moved to Andrássy út 60.", "Andrássy út 60."),
        ("the GP is on Calle del Prado 14", "Calle del Prado 14"),
        ("send it to 12 Hämeenkatu 3", "12 Hämeenkatu 3"),
        ("her flat is at 4 rue du Bac, 75007 Paris", "4 rue du Bac"),
        ("the practice: 18 avenue Victor Hugo", "18 avenue Victor Hugo"),
        ("write to PSC 1234, Box 567\nAPO AE 09012 for him", "PSC 1234, Box 567\nAPO AE 09012"),
    ],
)
def test_a_street_named_in_another_language_is_an_address_with_its_number(recognize, hit, text, address):
    assert hit(text, "STREET_ADDRESS", address) in recognize(InternationalAddressRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("3 Elm Row\nApt. 12\nLeith", "Apt. 12"), ("Suite 400 is on the left", "Suite 400"), ("Flat 3, 19 Marine Parade", "Flat 3")],
)
def test_an_apartment_suite_or_flat_number_is_part_of_an_address(recognize, hit, text, unit):
    assert hit(text, "STREET_ADDRESS", unit) in recognize(InternationalAddressRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "60 via rad aline",  # a route and a line, not "Via ..."
        "he is on Warfarin 5 mg",
        "took 2 Tylenol 500 mg at night",
        "Via the PICC Line, 60 ml over 30 min",
        "Room 412 is cold",
        "flushed 10 via PEG Tube",
        "Grade 3/6 murmur at the left sternal edge",
    ],
)
def test_doses_routes_and_rooms_are_no_address(detect, text):
    assert {h for h in detect(text) if h[0] == "STREET_ADDRESS"} == set()


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Flat 1, 22 Low Road, Leeds LS6 2AB", "LS6 2AB"),
        ("my address is 100 King St W, Toronto, ON M5X 1A9", "M5X 1A9"),
        ("Karl Johans gate 5, 0154 Oslo", "0154"),
        ("14 Leaf Close\nFinland 33100", "33100"),
        ("Postcode: 2031", "2031"),
    ],
)
def test_a_postcode_is_found_by_its_shape_or_its_place_in_an_address(recognize, hit, text, postcode):
    assert hit(text, "POSTAL_CODE", postcode) in recognize(PostcodeRecognizer(), text)


@pytest.mark.parametrize("text", ["Q4 6HR PRN", "given 40 mg, 2000 Units.", "zip code is 12", "CD4 count 350", "BP 142/88, HR 76"])
def test_dosing_counts_and_short_numbers_are_no_postcode(recognize, text):
    assert recognize(PostcodeRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("ring me on +353 87 123 4567 after work", "+353 87 123 4567"),
        ("her mobile: 0412 987 654", "0412 987 654"),
        ("the ward phone is 020 3299 1234", "020 3299 1234"),
        ("0131 496 0000 office", "0131 496 0000"),
        ("tel 0049 30 901820", "0049 30 901820"),
        ("desk: (415) 555-0101 x204", "(415) 555-0101 x204"),
    ],
)
def test_a_number_of_another_country_is_a_phone_with_a_country_code_or_a_phone_word(detect, hit, text, phone):
    assert hit(text, "PHONE_NUMBER", phone) in detect(text)


def test_a_number_with_fax_alone_after_it_is_a_fax(detect, hit):
    text = "0161 496 0123 fax\n0161 496 0124 office"
    assert {hit(text, "FAX_NUMBER", "0161 496 0123"), hit(text, "PHONE_NUMBER", "0161 496 0124")} <= detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "call me about the 2024/03/18 result",  # a date
        "phone re SSN 123-45-6789",  # an SSN shape
        "reference 0915 441 2276",  # digits with no phone word
        "claim 0098-553-2217 denied",  # "00" starts IDs too
    ],
)
def test_digit_groups_without_a_phone_word_or_shaped_as_dates_are_no_phone(detect, text):
    assert {h for h in detect(text) if h[0] in ("PHONE_NUMBER", "FAX_NUMBER")} == set()


@pytest.mark.parametrize("text", ["We moved here from Portugal last year", "I'm flying to New Zealand", "born in Ghana"])
def test_a_country_is_no_geographic_identifier(detect, text):
    assert {h for h in detect(text) if h[0] == "LOCATION"} == set()


def test_the_country_names_ship_as_a_list_and_phonenumbers_names_of_every_region_are_not_imported():
    """countries.txt holds what build_countries.py makes of phonenumbers' region names; the detector reads the
    list, not phonenumbers' names of every region in every language (half a second of each worker's start)."""
    import subprocess
    import sys

    from auditor.scanners.text.recognizers._places import countries

    assert {"Finland", "Hungary", "United Kingdom", "England", "Brazil"} <= set(countries())
    assert list(countries()) == sorted(countries(), key=lambda n: (-len(n), n))
    probe = (
        "import sys; from auditor.scanners.text.scanner import TextScanner; TextScanner().detect(['Finland 80896']);"
        "print('phonenumbers.geodata.locale' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "False"
