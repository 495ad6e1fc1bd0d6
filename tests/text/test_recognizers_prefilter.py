"""Recognizers that skip a text which cannot hold one of their matches (too few digits, none of their labels,
no "@", no "." before a letter): no text where one of their patterns matches may be skipped, or a skip would
lose a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from auditor.scanners.text.recognizers._patterns import Prefilter

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "posts.jsonl"


def _sample_texts() -> list[str]:
    texts = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the sample has one malformed line on purpose
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            texts.append(record["text"])
    return texts


def _prefiltered(analyzer) -> list:
    return [r for r in analyzer.registry.recognizers if isinstance(r, Prefilter)]


def test_the_number_recognizers_are_prefiltered_under_their_own_names(analyzer):
    names = {r.name: r.MIN_DIGITS for r in _prefiltered(analyzer)}
    assert names["UsSsnRecognizer"] == 9 and names["CreditCardRecognizer"] == 13 and names["ZipCodeRecognizer"] == 5
    assert {"OfflineEmailRecognizer", "TrimmedUrlRecognizer"} <= set(names)
    assert "IpRecognizer" not in names  # "::1" and "fe80::" hold too few digits to count on


def test_no_text_where_a_pattern_matches_is_skipped(analyzer):
    """Each pattern run on its own over the sample's posts: every text it matches passes the recognizer's
    prefilter, and every match holds the declared digits."""
    texts = _sample_texts() + [
        "SSN 123-45-6789, card 4111 1111 1111 1111, (01)00884838035462(17)250101, DEA AB1234563",
        "IBAN GB82 WEST 1234 5698 7654 32, ITIN 912-70-1234, Rx #: RX-1234567, see https://example.org/a.",
        "paged on beeper 4417, Phone: 032 288 79 44",
        "write to Hauptstraße 12, 10115 Berlin",
        "NRIC S8812345D, NI number AB 12 34 56 C, SIN 130-692-544",
        "the caregiver group meets at the church on Speedway Blvd",
        "Aadhaar 2345 6789 0124, codice fiscale RSSMRA85T10A562S, NIF 12345678Z, NIE X1234567L, HETU 131052-308T",
        "personnummer 811218-9876, PESEL 44051401359, Steuer-ID 86095742719, KVNR A123456780, TC 10000000146",
        "RRN 900101-1234568, ID 8001015009087, NIN 12345678901, TFN 123 456 782, Medicare 2123 45670 1",
        "driving licence MORGA657054SM9IJ",
        "CPF 390.533.447-05, CNIC 35202-1234567-1, CURP BOXW310820HNERXN09, BSN 111222333",
    ]
    matched = set()
    for recognizer in _prefiltered(analyzer):
        for pattern in recognizer.patterns:
            compiled = regex.compile(pattern.regex, recognizer.global_regex_flags)
            for text in texts:
                for match in compiled.finditer(text):
                    assert recognizer.could_match(text), (recognizer.name, pattern.name, match.group())
                    assert len(regex.findall(r"\d", match.group())) >= recognizer.MIN_DIGITS, (recognizer.name, pattern.name, match.group())
                    matched.add(recognizer.name)
    assert matched == {r.name for r in _prefiltered(analyzer)}


def test_a_labelled_number_needs_its_label(analyzer):
    mrn = next(r for r in analyzer.registry.recognizers if r.name == "MedicalRecordNumberRecognizer")
    assert mrn.could_match("MRN: 00123456") and mrn.could_match("med rec no. 00123456")
    assert not mrn.could_match("order 00123456 shipped")


def test_a_text_with_too_few_digits_is_skipped_and_one_with_enough_is_not(analyzer):
    ssn = next(r for r in analyzer.registry.recognizers if r.name == "UsSsnRecognizer")
    assert ssn.could_match("SSN 536-22-872") is False and ssn.could_match("SSN 536-22-8726")
    assert ssn.analyze("SSN 536-22-872", ["US_SSN"]) == []
    assert [(r.start, r.end) for r in ssn.analyze("SSN 536-22-8726", ["US_SSN"])] == [(4, 15)]
    assert ssn.could_match("SSN ١٢٣-٤٥-٦٧٨٩")  # digits as the patterns' \d counts them, in any script


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("TrimmedUrlRecognizer", "see example.org for help", True),
        ("TrimmedUrlRecognizer", "see EXAMPLE.ORG for help", True),
        ("TrimmedUrlRecognizer", "No link here. None at all, 3.5 mg.", False),
        ("OfflineEmailRecognizer", "write to jane@example.com", True),
        ("OfflineEmailRecognizer", "no address here", False),
        ("OfflineEmailRecognizer", "thanks @nurse_jo and @dr.lee", False),
    ],
)
def test_links_need_a_dot_before_a_letter_and_addresses_an_at_sign(analyzer, name, text, expected):
    recognizer = next(r for r in analyzer.registry.recognizers if r.name == name)
    assert recognizer.could_match(text) is expected
