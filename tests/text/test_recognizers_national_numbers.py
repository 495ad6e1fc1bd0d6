"""Other countries' personal numbers, found by their check digits and reported as the identifier they stand for:
a national, tax or social-security number as another unique identifying number (Safe Harbor's SSN is the US's),
a Medicare or health-insurance number as a health plan ID, a driving licence as a licence. A number whose check fails is
not one of them (after its name it is still reported as written, as a labelled ID: test_recognizers_labelled_ids.py)."""

from __future__ import annotations

import pytest

from auditor.scanners.text.entities import ENTITIES

#: The entities of other countries' national, tax and social-security numbers.
NATIONAL_NUMBERS = frozenset(
    ["IN_AADHAAR", "ZA_ID_NUMBER", "KR_RRN", "TR_NATIONAL_ID", "PL_PESEL", "NG_NIN", "NATIONAL_ID", "SE_PERSONNUMMER"]
)


@pytest.mark.parametrize(
    ("text", "entity", "number", "identifier"),
    [
        ("Mera Aadhaar 2345 6789 0124 hai, hospital ne maanga", "IN_AADHAAR", "2345 6789 0124", "other_unique_id"),
        ("codice fiscale RSSMRA85T10A562S sul referto", "IT_FISCAL_CODE", "RSSMRA85T10A562S", "other_unique_id"),
        ("DNI 12345678Z en la receta", "ES_NIF", "12345678Z", "other_unique_id"),
        ("NIE X1234567L para la tarjeta sanitaria", "ES_NIE", "X1234567L", "other_unique_id"),
        ("henkilötunnus 131052-308T laboratoriossa", "FI_PERSONAL_IDENTITY_CODE", "131052-308T", "other_unique_id"),
        ("personnummer 811218-9876 på remissen", "SE_PERSONNUMMER", "811218-9876", "other_unique_id"),
        ("PESEL 44051401359 na skierowaniu", "PL_PESEL", "44051401359", "other_unique_id"),
        ("Steuer-ID 86095742719 auf dem Formular", "DE_TAX_ID", "86095742719", "other_unique_id"),
        ("TC kimlik no 10000000146, hastane kaydı", "TR_NATIONAL_ID", "10000000146", "other_unique_id"),
        ("my ID number 8001015009087 is on the clinic card", "ZA_ID_NUMBER", "8001015009087", "other_unique_id"),
        ("TFN 123 456 782 on the Medicare claim", "AU_TFN", "123 456 782", "other_unique_id"),
        ("Versichertennummer A123456780 der Krankenkasse", "DE_HEALTH_INSURANCE", "A123456780", "health_plan"),
        ("driving licence MORGA657054SM9IJ scanned with the referral", "UK_DRIVING_LICENCE", "MORGA657054SM9IJ", "license"),
    ],
)
def test_a_checked_national_number_is_found_as_the_identifier_it_stands_for(detect, text, entity, number, identifier):
    start = text.index(number)
    found = {name for name, begin, end in detect(text) if (begin, end) == (start, start + len(number))}
    assert identifier in {ENTITIES[name].identifier for name in found}, found
    assert ENTITIES[entity].identifier == identifier  # what the country's own recognizer reports it as


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Mera Aadhaar 2345 6789 0125 hai", "IN_AADHAAR"),  # Verhoeff check digit off by one
        ("DNI 12345678A en la receta", "ES_NIF"),  # the letter does not match
        ("PESEL 44051401358 na skierowaniu", "PL_PESEL"),
        ("TC kimlik no 10000000147", "TR_NATIONAL_ID"),
    ],
)
def test_a_number_whose_check_fails_is_not_that_countrys_number(detect, text, entity):
    assert not [found for found in detect(text) if found[0] == entity]


def test_a_thirteen_digit_card_number_is_no_national_number(detect):
    text = "What is the limit for card 4158112277712?"
    assert {found[0] for found in detect(text)} <= {"CREDIT_CARD"}


def test_every_digit_of_an_australian_medicare_number_after_its_label_is_in_an_identifier(detect):
    text = "Medicare 2123 45670 1 for the GP visit"
    covered = {i for name, start, end in detect(text) if ENTITIES[name].identifier for i in range(start, end)}
    assert all(i in covered for i, char in enumerate(text) if char.isdigit())
