"""Licence plates: two to eight capitals and digits look like any code, so only after a plate label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

_LABELS = r"licen[cs]e[ -]plates?|(?:plate|tag)(?=\s*(?:#|no\b|num))|plates?\s+(?:reads?|says?|said)"
#: Upper-case only: "plate number is 7ABC123" yes, "plate number and" no.
_PLATE = r"(?-i:(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4})"


class LicensePlateRecognizer(DeclaredPatternRecognizer):
    """A plate of letters and digits after "license plate", "plate #", "tag number" or "plates read"."""

    ENTITY = "LICENSE_PLATE"
    PATTERNS = [Pattern("License plate (labelled)", after_label(_LABELS, _PLATE), 0.65)]
    CONTEXT = ["plate", "tag", "car", "vehicle"]
