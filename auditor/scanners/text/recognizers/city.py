"""Cities and towns, which spaCy's small model often misses: "Springfield, IL", "Portland, Oregon", and
a capitalised place after "I live in", "moved to", "I'm from". States are dropped later by the filters
(Safe Harbor lists only subdivisions smaller than a state)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer
from auditor.scanners.text.recognizers._places import STATE_PATTERN

_PLACE = r"(?-i:(?:(?:St|Ft|Mt)\.?\s|Saint\s|Fort\s)?[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
_LIVE = (
    r"(?:live[sd]?|living|moved|moving|grew\s+up|raised|based|reside[sd]?|residing)\s+(?:in|to|near|outside(?:\s+of)?)"
    r"|(?:i'm|i\s+am|we're|we\s+are|originally)\s+from|hometown\s+(?:is|of)"
)


class CityRecognizer(DeclaredPatternRecognizer):
    """A capitalised place followed by ", <state>", or after a where-I-live phrase."""

    ENTITY = "LOCATION"
    PATTERNS = [
        Pattern("City, ST", rf"\b{_PLACE}(?=,\s*(?:{STATE_PATTERN})\b)", 0.7),
        Pattern("live in City", rf"(?<=\b(?:{_LIVE})\s+(?:the\s+)?){_PLACE}\b", 0.6),
    ]
