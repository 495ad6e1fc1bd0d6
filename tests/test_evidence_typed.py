"""Masks a person cannot read back, and digests that link two items only when they hold the same thing: typed
(a date never equals an age), and normalised per identifier so one value written two ways is one value."""

from __future__ import annotations

import pytest

from auditor.evidence import EvidenceKeeper, mask, typed

keeper = EvidenceKeeper(b"k" * 32)


def test_a_date_never_equals_an_age_with_the_same_digits():
    assert keeper.digest("9/5", "dates") != keeper.digest("95", "dates")
    assert typed("95", "dates") == ("dates/age", "95") == typed("095Y", "dates")
    assert keeper.digest("4417023", "mrn") != keeper.digest("4417023", "account")


@pytest.mark.parametrize("other", ["March 4, 1961", "19610304", "1961-03-04", "4 March 1961", "03/04/1961"])
def test_dates_are_compared_in_iso_form(other):
    assert keeper.digest(other, "dates") == keeper.digest("03/04/1961", "dates")


def test_a_partial_date_keeps_only_what_was_written():
    assert typed("9/5", "dates")[1].endswith("09-05") and typed("9/5", "dates") != typed("9/5/2020", "dates")


@pytest.mark.parametrize("other", ["555-123-4567", "(555) 123-4567", "+1 555 123 4567", "555.123.4567", "555-l23-4567", "(555) l23-4567"])
def test_phones_are_compared_in_e164(other):
    assert typed(other, "phone") == ("phone", "+15551234567")


def test_a_phone_ocr_read_with_o_for_zero_is_the_number_with_the_zero():
    assert typed("401-555-O122", "phone") == typed("401-555-0122", "phone") == ("phone", "+14015550122")


@pytest.mark.parametrize("other", ["DOE^JANE", "jane doe", "Doe, Jane", "JANE DOE", "Jáne Döe"])
def test_names_fold_case_accents_and_order(other):
    assert keeper.digest(other, "names") == keeper.digest("Jane Doe", "names")


def test_emails_fold_case():
    assert keeper.digest("Jane.Doe@Example.org", "email") == keeper.digest("mailto:jane.doe@example.org", "email")


@pytest.mark.parametrize(
    ("value", "identifier", "masked"),
    [
        ("born on the 12th", None, "b*** o* t** ****"),
        ("E0600409", "mrn", "********"),
        ("ABC 1234", "vehicle", "*** ****"),
        ("Springfield, IL", "geographic", "***********, **"),
        ("DOE^JANE", "names", "D**^J***"),
        ("J̲a̲n̲e̲ D̲o̲e̲", "names", "J*** D**"),
        ("Ⓙⓐⓝⓔ Ⓓⓞⓔ", "names", "J*** D**"),
        ("𝐉𝐚𝐧𝐞", None, "J***"),
    ],
)
def test_numbers_and_codes_are_masked_whole_and_decorated_letters_stay_hidden(value, identifier, masked):
    assert mask(value, identifier) == masked
