"""A street named without its house number where a place is meant: "the church on Speedway Blvd", "the
Walgreens on Ridge Rd", "lives off Elm St", and an intersection ("Main St/5th Ave", "the corner of Elm and Ash"). Apart from street_address.py, whose patterns need a number (and
skip texts without digits); this one needs "on", "off" or "near" before a capitalised name and a street type."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

#: Street types that name a street after a capitalised word; "Way", "Court", "Place", "Square" and the like
#: also follow everyday phrases ("on My Way", "on Supreme Court"), so they count only with a house number.
_SUFFIX = r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Pkwy|Parkway|Hwy|Highway|Pike)\b"
#: Streets of idioms and fiction, and words that start no street name ("on The Road", "on Our Street").
_NOT_A_NAME = r"(?!(?:Wall|Sesame|Easy|Abbey|Memory|Main|The|This|That|Our|My|Your|His|Her|Their|Every|Any|No)\b)"
_NAME = rf"(?-i:{_NOT_A_NAME}(?:(?:N|S|E|W|North|South|East|West)\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}})"


#: A street of an intersection, "Main" and ordinals included ("Main St/5th Ave").
_CROSS = r"(?-i:(?:(?:N|S|E|W)\s+)?(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+){0,2})"


class StreetNameRecognizer(DeclaredPatternRecognizer):
    """A capitalised street name and its type after "on", "off" or "near", with no number, or two at a corner."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = [
        Pattern("on Speedway Blvd", rf"\b(?:on|off|near)\s+\K{_NAME}\s+(?-i:{_SUFFIX})(?-i:(?![ \t]*\p{{Lu}}))", 0.5),
        # an intersection, as dispatch and incident notes locate a scene: "Main St/5th Ave", "corner of Elm and Ash"
        Pattern(
            "Main St/5th Ave",
            rf"(?<![\w/]){_CROSS}\s+(?-i:{_SUFFIX})\.?(?:[ \t]*[/@][ \t]*{_CROSS}(?:\s+(?-i:{_SUFFIX}))?"
            rf"|[ \t]+(?:&|and)[ \t]+{_CROSS}\s+(?-i:{_SUFFIX}))",
            0.6,
        ),
        Pattern(
            "corner of Elm and Ash",
            rf"\b(?:corner|intersection)\s+of\s+\K{_CROSS}(?:\s+(?-i:{_SUFFIX}))?\s+(?:and|&)\s+{_CROSS}(?:\s+(?-i:{_SUFFIX}))?",
            0.6,
        ),
    ]
    CONTEXT = ["street", "road", "live", "corner", "church", "pharmacy", "clinic"]
