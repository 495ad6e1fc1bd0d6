"""State medical, nursing and pharmacy licence numbers: formats differ by state and board, so by label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label
from auditor.scanners.text.recognizers._places import STATES

_PROFESSION = r"medical|nursing|nurse|physician|professional|state|board|rn|lpn|md|do|np|pa|pharmacist|pharmacy|practitioner"
_STATES = "|".join(STATES)
#: "medical license", "TX license", "license #", "lic. no."; a driver's licence is left to US_DRIVER_LICENSE.
_LABELS = rf"(?:{_PROFESSION}|{_STATES})\s+licen[cs]e|(?<!driv\w*'?s?\s)licen[cs]e(?=\s*(?:#|no\b|num))|lic\.?(?=\s*(?:#|no\b))"


class MedicalLicenseNumberRecognizer(DeclaredPatternRecognizer):
    """Four to ten digits with an optional letter prefix (G12345, MD-123456, RN 1234567) after a
    professional licence label; a driver's licence is US_DRIVER_LICENSE."""

    ENTITY = "MEDICAL_LICENSE"
    MIN_DIGITS = 4  # four to ten digits
    LABELS = _LABELS
    PATTERNS = [Pattern("Medical license (labelled)", after_label(_LABELS, r"(?:[A-Z]{1,3}[- ]?)?\d{4,10}"), 0.65)]
    CONTEXT = ["license", "licence", "board", "nursing", "medical"]
