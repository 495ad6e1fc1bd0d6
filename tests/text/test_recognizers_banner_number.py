"""MEDICAL_RECORD_NUMBER without a label: a number alone on a banner or label line beside a surname-first name
in capitals and a full date, and nowhere else."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("PRZYBYLSKI, ADAM  00582213  07/22/1958  M", "00582213"),
        ("TANAKA, YUKI   11/02/1941   (88Y)   QX5520913   ST ELSEWHERE", "QX5520913"),
        ("NEWBORN  ADEYEMI, BABY BOY  N2024-01177  05/30/2024", "N2024-01177"),
        ("HUANG^MEI 1961-02-03 4471093", "4471093"),
        ("ROSSI, LUCA\nRSA8812044  12.04.1970", None),
    ],
)
def test_a_number_alone_on_a_banner_line_is_a_record_number(detect, hit, text, number):
    if number is None:  # the number on another line than the name: no banner
        assert not any(entity == "MEDICAL_RECORD_NUMBER" for entity, _, _ in detect(text))
    else:
        assert hit(text, "MEDICAL_RECORD_NUMBER", number) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "SMITH, JOHN 03/04/1961 paid 12500 dollars",
        "SMITH, JOHN 03/04/1961 paid $125000",
        "Order 4471093 shipped 03/04/2024",
        "BROWN, RICE AND BEANS 12/12/2023 serves 120000 meals",
    ],
)
def test_an_amount_or_a_number_without_a_name_in_capitals_beside_it_is_no_record_number(detect, text):
    assert not any(entity == "MEDICAL_RECORD_NUMBER" for entity, _, _ in detect(text))


def test_a_zip_plus_four_on_a_banner_line_is_no_record_number(detect):
    assert not any(entity == "MEDICAL_RECORD_NUMBER" for entity, _, _ in detect("DOE, JANE  94110-1234  01/02/1970"))


def test_a_long_line_of_numbers_after_prose_is_read_in_bounded_time(detect):
    """Each number looks back a few words for prose, not over the whole line (a crafted line was cubic)."""
    text = "DOE, JANE 01/02/1970 " + "a" * 8000 + " 1234567" * 200
    assert any(entity == "MEDICAL_RECORD_NUMBER" for entity, _, _ in detect(text))
