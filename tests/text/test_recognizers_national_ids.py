"""NATIONAL_ID: other countries' identity numbers by their printed shape and python-stdnum's check, or after
their label; reported under other_unique_id (Safe Harbor's SSN is the US's)."""

from __future__ import annotations

import pytest

from auditor.scanners.text.entities import ENTITIES


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("My CPF is 390.533.447-05 if the clinic needs it", "390.533.447-05"),
        ("NIR 1 85 05 78 006 084 91 sur la carte", "1 85 05 78 006 084 91"),
        ("CNIC 35202-1234567-1, please help my father", "35202-1234567-1"),
        ("RUT 12.345.678-5 del paciente", "12.345.678-5"),
        ("CURP BOXW310820HNERXN09 en la receta", "BOXW310820HNERXN09"),
        ("Ghana card GHA-123456789-0 at the pharmacy", "GHA-123456789-0"),
        ("my TRN 123-456-789 for the NHF card", "123-456-789"),
        ("TRN: 123456788 on the form", "123456788"),
        ("BSN 111222333 op de verwijzing", "111222333"),
    ],
)
def test_a_national_number_by_its_shape_and_check_or_its_label_is_another_unique_id(detect, hit, text, number):
    assert hit(text, "NATIONAL_ID", number) in detect(text)
    assert ENTITIES["NATIONAL_ID"].identifier == "other_unique_id"


@pytest.mark.parametrize(
    "text",
    [
        "invoice 390.533.447-06 is overdue",
        "RUT 12.345.678-4 del paciente",
        "ref 111222334 was sent",
        "BSN 482637352 op de verwijzing",  # passes Israel's check, not the BSN's: each number by its own rule
    ],
)
def test_a_national_number_shape_whose_check_fails_or_without_its_label_is_none(detect, text):
    assert not any(entity == "NATIONAL_ID" for entity, _, _ in detect(text))


def test_a_labelled_shape_with_alternatives_needs_its_label_for_each(detect):
    """The BSN's two shapes (dotted, or nine digits) both sit after the label: nine digits alone are no BSN."""
    assert not any(entity == "NATIONAL_ID" for entity, _, _ in detect("checks 0b71a80969301157 upload"))
