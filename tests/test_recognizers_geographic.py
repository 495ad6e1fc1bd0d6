"""STREET_ADDRESS, ZIP_CODE and LOCATION: places smaller than a state."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.city import CityRecognizer
from auditor.scanners.text.recognizers.zip_code import ZipCodeRecognizer


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("drop off cards at 123 Main St if you want", "123 Main St"),
        ("we moved to 45 Oak Avenue, Apt 3 last year", "45 Oak Avenue, Apt 3"),
        ("the clinic at 7 W 42nd Street is great", "7 W 42nd Street"),
        ("send donations to P.O. Box 1234 please", "P.O. Box 1234"),
        ("Her house at 1600 Pennsylvania Ave is near", "1600 Pennsylvania Ave"),
    ],
)
def test_a_street_address_is_found_with_its_unit(detect, hit, text, address):
    assert hit(text, "STREET_ADDRESS", address) in detect(text)


@pytest.mark.parametrize("text", ["took 2 Advil and went to bed", "walked 3 blocks to the pharmacy", "I have 2 kids"])
def test_a_number_before_words_is_no_street_address(detect, text):
    assert {h for h in detect(text) if h[0] == "STREET_ADDRESS"} == set()


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("Springfield, IL 62704 represent!", "62704"),
        ("mail it to me in Austin, Texas 78701-1234", "78701-1234"),
        ("my zip code is 10027 if that matters", "10027"),
    ],
)
def test_a_zip_code_after_a_state_or_a_zip_label_is_found(detect, hit, text, zip_code):
    assert hit(text, "ZIP_CODE", zip_code) in detect(text)


def test_a_five_digit_number_alone_is_no_zip_code(recognize):
    assert recognize(ZipCodeRecognizer(), "my step count was 12000, goal is 15000") == set()


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Greetings from Springfield, IL where it's cold", "Springfield"),
        ("anyone else in Portland, Oregon seeing Dr. Lee?", "Portland"),
        ("I live in Fort Collins and the wait times are awful", "Fort Collins"),
        ("We moved to Boise last year for his treatment", "Boise"),
        ("I'm from St. Louis originally", "St. Louis"),
    ],
)
def test_a_city_by_its_state_or_a_where_i_live_phrase_is_a_location(detect, hit, text, city):
    assert hit(text, "LOCATION", city) in detect(text)


@pytest.mark.parametrize("text", ["I live in Texas now", "We moved to the United States in 2001", "Anyone from Ohio?"])
def test_a_state_or_the_country_is_no_location(detect, text):
    assert {h for h in detect(text) if h[0] == "LOCATION"} == set()


def test_a_lowercase_word_after_live_in_is_no_city(recognize):
    assert recognize(CityRecognizer(), "I live in fear of the next flare") == set()
