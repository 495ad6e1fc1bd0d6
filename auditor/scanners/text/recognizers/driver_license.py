"""US driver's licence numbers by label. Presidio's UsLicenseRecognizer is left out: its patterns match
most short letter-digit tokens ("v2", "A1") and its "lic" context fires on "public" and "click"."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

_LABELS = r"driver'?s?\s*licen[cs]e|driving\s*licen[cs]e|(?-i:DL|D\.L\.)"


class DriverLicenseRecognizer(DeclaredPatternRecognizer):
    """Five to seventeen letters and digits, at least one a digit, after "driver's license" or "DL"."""

    ENTITY = "US_DRIVER_LICENSE"
    PATTERNS = [Pattern("Driver license (labelled)", after_label(_LABELS, r"(?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{4,16}"), 0.65)]
    CONTEXT = ["driver", "license", "licence", "dmv"]
