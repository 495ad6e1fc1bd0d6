"""PERSON: names the small spaCy model misses, and the capitalised words that are no names."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.person_name import PersonNameRecognizer


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("found my old scan, header says DOE^JOHN^Q lol", "DOE^JOHN^Q"),
        ("PATIENT: DOE, JOHN DOB: 03/04/1961", "DOE, JOHN"),
        ("NAME: MARIA GARCIA LOPEZ\nMRN: 00123456", "MARIA GARCIA LOPEZ"),
        ("PT: SMITH, ANNA", "SMITH, ANNA"),
        ("Patient name: Doe, Jane", "Doe, Jane"),
        ("Dr. Patel told me it's benign!", "Patel"),
        ("shoutout to Nurse Jackie on 4 West", "Jackie"),
        ("Mrs. O'Brien from the clinic called", "O'Brien"),
        ("Hi all, my name is Ana Souza and I have lupus", "Ana Souza"),
        ("I'm Priya, newly diagnosed with T1D", "Priya"),
        ("my son Jake was diagnosed at 3", "Jake"),
        ("my mom Jane Doe finally got her transplant", "Jane Doe"),
    ],
)
def test_a_name_introduced_by_a_label_an_honorific_or_a_phrase_is_found(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Had a CT scan and a PET yesterday",
        "I wrote it all down in MS Word",
        "I'm Type 2 and on metformin",
        "I'm So tired of this",
        "my son Is doing better after chemo",
        "MRI showed nothing, EKG normal",
        "Dr. appointment went fine",
    ],
)
def test_imaging_words_software_and_capitalised_phrases_are_no_names(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()


def test_the_honorific_is_not_part_of_the_name(recognize):
    assert recognize(PersonNameRecognizer(), "Dr. John Smith") == {("PERSON", 4, 14)}


def test_an_all_caps_name_stops_at_the_next_record_label(recognize):
    assert recognize(PersonNameRecognizer(), "PATIENT: DOE, JOHN DOB 1961") == {("PERSON", 9, 18)}


def test_a_possessive_is_not_part_of_the_name(recognize):
    assert recognize(PersonNameRecognizer(), "my son Jake's inhaler") == {("PERSON", 7, 11)}


def test_an_exponent_is_no_dicom_name(recognize):
    assert recognize(PersonNameRecognizer(), "dose scales with x^2 not e^x") == set()
