"""Street addresses: "123 Main St", "45 Oak Avenue, Apt 3", "7 W 42nd Street", "P.O. Box 12". No maintained
library finds addresses in running text (usaddress parses a string already known to be one)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

_SUFFIX = (
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Ct|Court|Way|Pl|Place|Ter|Terrace"
    r"|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Trl|Trail|Sq|Square|Loop|Pike|Aly|Alley|Crescent|Plaza)\b"
)
#: Capitalised street-name words, optionally a compass point first or an ordinal ("42nd").
_STREET = r"(?-i:(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+){0,3})"
_UNIT = r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Rm|Room|Fl|Floor|#)\.?\s*#?\s*[A-Z0-9-]{1,6}\b)?"


class StreetAddressRecognizer(DeclaredPatternRecognizer):
    """A house number, capitalised street name and a street-type word, with an apartment or suite."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = [
        Pattern("Street address", rf"\b\d{{1,6}}[A-Z]?\s+{_STREET}\s+{_SUFFIX}{_UNIT}", 0.6),
        Pattern("PO box", r"\bP\.?\s?O\.?\s*Box\s+\d{1,6}\b", 0.6),
    ]
    CONTEXT = ["address", "live", "street", "apartment", "house"]
