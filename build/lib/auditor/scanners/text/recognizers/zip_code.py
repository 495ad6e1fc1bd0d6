"""US ZIP codes: a five-digit number is anything, so only after a state ("Springfield, IL 62704") or a
ZIP label, or as ZIP+4 ("62704-1234") near "zip"."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label
from auditor.scanners.text.recognizers._places import STATE_PATTERN, STATES

_ZIP = r"\d{5}(?:-\d{4})?"
_ABBREVIATIONS = "|".join(STATES)


class ZipCodeRecognizer(DeclaredPatternRecognizer):
    """Five or nine digits after a state abbreviation or name, or after "zip", "zip code", "postal code"."""

    ENTITY = "ZIP_CODE"
    MIN_DIGITS = 5  # five digits
    PATTERNS = [
        Pattern("ZIP after state", rf"(?<=\b(?:{STATE_PATTERN})\.?,?\s+)(?<!licen[cs]e\s+\w+\s+){_ZIP}(?!\w|-\w)", 0.7),
        Pattern("zip after city, st (any case)", rf"(?<=\p{{L}},[ \t]*(?:{_ABBREVIATIONS})\.?[ \t]+){_ZIP}(?!\w|-\w)", 0.7),
        Pattern("in the 12345 area", rf"(?<=\bin\s+the\s+){_ZIP}(?=\s+(?:area|zip|zip\s*code|neighbou?rhood)\b)", 0.7),
        Pattern("ZIP (labelled)", after_label(r"zip(?:\s*code)?|zipcode|postal\s*code", _ZIP), 0.7),
        Pattern("ZIP+4", r"\b\d{5}-\d{4}\b", 0.2),
    ]
    CONTEXT = ["zip", "zipcode", "postal", "mail"]
