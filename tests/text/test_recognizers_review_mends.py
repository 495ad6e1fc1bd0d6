"""The near misses a read of this session's rules found: each input is what a real note, post or form says, and each
rule must keep what it found before (a date, a name, a facility) and add no false alarm on everyday words."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Surgery on the 21st went well.", "PERSON_DATE", "the 21st"),
        ("She was admitted on the 14th complaining of chest pain.", "PERSON_DATE", "the 14th"),
        ("Surgery is scheduled for the 19th hopefully", "PERSON_DATE", "the 19th"),
        ("Rehab at Spaulding for 3 weeks.", "FACILITY", "Spaulding"),
        ("DR: Bishop", "PERSON", "Bishop"),
        ("I talked with Sloan on the phone.", "PERSON", "Sloan"),
        ("sent a text to Aunt Linda", "PERSON", "Aunt Linda"),
        ("Practice Name: Dr John Smith", "PERSON", "John Smith"),
        ("I called the pharmacy, Austin answered.", "PERSON", "Austin"),
        ("Called Sugar Land PD.", "LOCATION", "Sugar Land"),
        ("Dr Smith MD 55555", "PERSON", "Smith"),
        ("14 OAK, BOSTON MA; seen today", "LOCATION", "BOSTON"),
        ("T2N1M0 Calgary address", "POSTAL_CODE", "T2N1M0"),
        ("Paid with Visa ending in 4018.", "ACCOUNT_NUMBER", "4018"),
        ("state survey agency (intake 2024-MO-118827).", "LABELLED_ID", "2024-MO-118827"),
    ],
)
def test_what_the_earlier_rules_found_stays_found(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Send it to Charity Jones.", "FACILITY", "Charity"),
        ("I took my Mom to Costco", "FACILITY", "Costco"),
        ("Took Ibuprofen to Sleep", "FACILITY", "Sleep"),
        ("Facility: Maria Gonzalez", "FACILITY", "Maria Gonzalez"),
        ("Clinic: Cardiology", "FACILITY", "Cardiology"),
        ("Destination: Discharge To Home", "FACILITY", "Discharge To Home"),
        ("Hospital: Unknown At This Time", "FACILITY", "Unknown At This Time"),
        ("Seen in Cardiology clinic, referred to Dermatology", "FACILITY", "Dermatology"),
        ("McAllen PD responded", "LOCATION", "Allen"),
        ("Member ID WI 12345", "LOCATION", "Member ID"),
        ("His temp made it to 101 overnight.", "AGE_OVER_89", "101"),
        ("Heart Rate (92)", "AGE_OVER_89", "92"),
        ("Lab Results\nGlucose, 105\nChloride, 101", "AGE_OVER_89", "105"),
        ("Fluid intake 1200 mL today.", "LABELLED_ID", "1200"),
        ("SHA 256 hash of the file", "HEALTH_PLAN_ID", "256"),
        ("Morphine 4 mg given by I.V. push.", "PERSON", "I.V."),
        ("I am 2. May I come in?", "PERSON_DATE", "2. May"),
        ("The bracelet 2024 model", "DEVICE_ID", "2024"),
    ],
)
def test_everyday_words_and_measurements_are_no_identifiers(detect, text, entity, value):
    assert (entity, value) not in {(e, text[s:t]) for e, s, t in detect(text)}
