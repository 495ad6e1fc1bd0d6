"""Labelled identifiers of any shape, typed by their label, and labelled SSNs reported as written."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("seen at Johns Hopkins (MRN: #HJ-1234567), with a history", "MEDICAL_RECORD_NUMBER", "#HJ-1234567"),
        ("admitted (MRN: 12345-NYP) yesterday", "MEDICAL_RECORD_NUMBER", "12345-NYP"),
        ("MRN 12345ABC noted", "MEDICAL_RECORD_NUMBER", "12345ABC"),
        ("MRN: UCSF-20210930-567", "MEDICAL_RECORD_NUMBER", "UCSF-20210930-567"),
        ("patient ID #AB-987654, last seen", "LABELLED_ID", "AB-987654"),
        ("Site ID: 98765", "LABELLED_ID", "98765"),
        ("ins: ZY-567890.", "HEALTH_PLAN_ID", "ZY-567890"),
        ("Insurance: HP-987654 on file", "HEALTH_PLAN_ID", "HP-987654"),
        ("Beeper 4417", "PHONE_NUMBER", "4417"),
        ("(SSN: 123-45-6789)", "US_SSN", "123-45-6789"),
        ("SSN is 987-65-4321.", "US_SSN", "987-65-4321"),
    ],
)
def test_a_labelled_value_of_any_shape_is_reported_under_its_labels_type(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "MRN: pending",  # no digits
        "chart reviewed, K 3.1",
        "member of the care team",
        "case closed at 12",  # fewer than three digits
        "the 123-45-6789 in the example has no label",
    ],
)
def test_a_label_without_an_identifier_after_it_gives_none(detect, text):
    assert not any(entity in ("MEDICAL_RECORD_NUMBER", "LABELLED_ID", "HEALTH_PLAN_ID", "US_SSN") for entity, _, _ in detect(text))
