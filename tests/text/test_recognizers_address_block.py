"""Addresses laid out as a block of lines: the street line (numbers before and after the name, as many
countries write them) and a postcode alone on a later line. The examples are written for these tests."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.address_block import AddressBlockRecognizer


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Ines Moura\n  2210 Rua Nova 18\n  Braga\n  4700-320", "2210 Rua Nova 18"),
        ("> Lars Eide\n> 412 17 Fjordveien\n> Apt. 12\n> Bergen", "412 17 Fjordveien"),
        ("Invoice to:\n18 Karlova 6 Suite 20\nBrno", "18 Karlova 6 Suite 20"),
        ("Ship to\n77 ul. Polna 3\nPoznań\n61-001", "77 ul. Polna 3"),
    ],
)
def test_the_street_line_of_an_address_block_is_an_address(recognize, hit, text, line):
    assert hit(text, "STREET_ADDRESS", line) in recognize(AddressBlockRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "postcode"), [("Ines Moura\n2210 Rua Nova 18\nBraga\n4700", "4700"), ("x\n77 Polna 3\nPoznań\n61-001", "61-001")]
)
def test_a_postcode_alone_on_a_line_of_the_block_is_part_of_the_address(recognize, hit, text, postcode):
    assert hit(text, "STREET_ADDRESS", postcode) in recognize(AddressBlockRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "Plan:\n12 Weeks\nFollow Up In Clinic",
        "Orders\n2000 Units Heparin\nDaily",
        "Results\n3 Tablets\nDaily",
        "Lives at 2210 Rua Nova 18 in Braga",
        "Room 12\nBed 4\n5000",
    ],
)
def test_counts_doses_and_lines_outside_a_block_are_no_address(recognize, text):
    assert recognize(AddressBlockRecognizer(), text) == set()
