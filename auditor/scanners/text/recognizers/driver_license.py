"""US driver's licence numbers by label. Presidio's UsLicenseRecognizer is left out: its patterns match
most short letter-digit tokens ("v2", "A1") and its "lic" context fires on "public" and "click"."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

_LABELS = r"driver[’']?s?\s*licen[cs]e|driving\s*licen[cs]e|(?-i:DL|D\.L\.|CDL)"
#: Letters and digits, dashes or single spaces between digit groups ("077 518 703", "X173-7698-1721").
_NUMBER = r"(?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{4,16}(?:[ ]\d{3,}){0,3}|\d{3}[ ]\d{3}[ ]\d{3}"


class DriverLicenseRecognizer(DeclaredPatternRecognizer):
    """Five to seventeen letters and digits, at least one a digit, after "driver's license" or "DL"."""

    ENTITY = "US_DRIVER_LICENSE"
    MIN_DIGITS = 1  # at least one digit
    LABELS = _LABELS
    PATTERNS = [Pattern("Driver license (labelled)", after_label(_LABELS, f"(?:{_NUMBER})"), 0.65)]
    CONTEXT = ["driver", "license", "licence", "dmv"]
