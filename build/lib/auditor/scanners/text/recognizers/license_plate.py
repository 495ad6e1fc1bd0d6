"""Licence plates: two to eight capitals and digits look like any code, so only after a plate label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

#: "license plate", "plate", "plate #", "Plate:", "tag number", "plates read"; the value's shape does the rest.
_LABELS = r"licen[cs]e[ -]plates?|plates?(?:\s+(?:reads?|says?|said))?|tag(?=\s*(?:#|no\b|num|:|is\b|was\b))"
#: Upper-case: "plate number is 7ABC123" yes, "plate number and" no.
_PLATE = r"(?-i:(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4})"
#: Lower case (a post typed in lower case) only in the common plate shapes, letters and digits both
#: present and no unit or time glued on: "pbe 070", "wkc-2254", "0evk223"; never "3 days" or "10am".
_LOWER_PLATE = (
    r"(?-i:(?!\d+(?:am|pm|mg|ml|kg|lbs?|mph|st|nd|rd|th|x)\b)"
    r"(?:[a-z]{2,3}[ -]?\d{3,4}|\d{3,4}[ -]?[a-z]{2,3}|(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{6,8}))"
)


class LicensePlateRecognizer(DeclaredPatternRecognizer):
    """A plate of letters and digits, upper case, after "license plate", "plate", "plate #", "tag number" or
    "plates read": "PBE 070", "WKC-2254", "0EVK223"."""

    ENTITY = "LICENSE_PLATE"
    MIN_DIGITS = 1  # at least one digit
    LABELS = _LABELS
    PATTERNS = [
        Pattern("License plate (labelled)", after_label(_LABELS, _PLATE), 0.65),
        Pattern("license plate (labelled, lower case)", after_label(_LABELS, _LOWER_PLATE), 0.6),
    ]
    CONTEXT = ["plate", "tag", "car", "vehicle"]
