"""Street addresses: "123 Main St", "45 Oak Avenue, Apt 3", "7 W 42nd Street", "14 Whitfield Close", "P.O. Box 12", a rural
route's "RR 2 Box 145". No maintained
library finds addresses in running text (usaddress parses a string already known to be one)."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._lexicon import is_common
from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer
from auditor.scanners.text.recognizers._places import STATES, is_known_town

_SUFFIX = (
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Ct|Court|Way|Pl|Place|Ter|Terrace"
    r"|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Trl|Trail|Sq|Square|Loop|Pike|Aly|Alley|Crescent|Plaza"
    # British and Irish street types
    r"|Close|Grove|Gardens|Mews|View|Row|Rise|Wynd)\b"
)
#: Capitalised street-name words, optionally a compass point first or an ordinal ("42nd").
_STREET = r"(?-i:(?:(?:NE|NW|SE|SW|[NSEW]\.?|North|South|East|West)\s+)?(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))(?:\s+[A-Z][a-z]+){0,3})"
_UNIT = r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Rm|Room|Fl|Floor|#)\.?\s*#?\s*[A-Z0-9-]{1,6}\b)?"
#: A street in capitals, as labels, letterheads and OCR'd banners print it: "4410 S CONGRESS AVE".
#: Not "DR" ("100 MG IV PUSH DR AWARE" is a note) and no dose, route, frequency or joining word among its words
#: ("2 DOSES PER DR", "3 CONCERNS WITH DR").
_NOT_CAPS_STREET_WORD = r"(?!(?:MG|MCG|ML|MEQ|UNITS?|TABS?|CAPS?|IV|PO|IM|SQ|SC|PRN|BID|TID|QID|QD|HS|HRS?|MINS?|AM|PM|FT|CC|CM|MM|KG|LBS?|PUSH|DRIP|BOLUS|DOSES?|OF|TO|AT|X|PER|WITH|IN|ON|FOR|AND|OR|THE|BY|FROM)\b)"
_CAPS_STREET = (
    rf"(?-i:(?:(?:NE|NW|SE|SW|[NSEW]\.?|NORTH|SOUTH|EAST|WEST)\s+)?(?:{_NOT_CAPS_STREET_WORD}[A-Z][A-Z'-]+|\d{{1,3}}(?:ST|ND|RD|TH))"
    rf"(?:\s+{_NOT_CAPS_STREET_WORD}[A-Z][A-Z'-]+){{0,3}})"
)
_CAPS_SUFFIX = (
    r"(?-i:ST|STREET|AVE|AVENUE|RD|ROAD|BLVD|BOULEVARD|DRIVE|LN|LANE|CT|COURT|WAY|PL|PLACE|TER|TERRACE|PKWY|PARKWAY"
    r"|HWY|HIGHWAY|CIR|CIRCLE|TRL|TRAIL|SQ|SQUARE|PIKE|PLAZA)\b"
)
#: What follows a street in capitals in an address, and not a note's "3 CM DEEP LATERAL ST" or "5 WEST CT": its
#: town and state on its line or the next (an address block's), or a ZIP code (", AUSTIN TX", " NAPLES FL 34108",
#: "3318 GRANT AVE\nPUEBLO CO 81004").
_CAPS_TOWN_AFTER = rf"(?=(?:,?[ \t]+|,?[ \t]*\n[ \t]*)(?-i:[A-Z][A-Z.'-]+(?:[ \t][A-Z][A-Z.'-]+){{0,2}}),?[ \t]+(?-i:{'|'.join(STATES)})\b|,?[ \t]*\d{{5}}\b)"
#: Words before a house number that say an address follows, as dispatch lines and forms write them in capitals
#: ("DISP 0214 TO 1402 N CEDAR ST", "ADDRESS 88 SPRUCE HOLLOW DR"): there a street needs no town after it.
#: "ADDRESS" and "ADDR" are also a verb ("WILL ADDRESS 3 MAIN CONCERNS"): a label only with its colon or opening a line
#: or a sentence.
_CAPS_ADDRESS_CUE = (
    r"(?-i:(?:\b(?:ADDRESS|ADDR|RESIDENCE|HOME\s+ADDRESS)[:.]|(?:^|\n|[.;!?][ \t])[ \t]{0,8}(?:ADDRESS|ADDR|RESIDENCE|HOME\s+ADDRESS)"
    r"|\b(?:LIVES\s+AT|FOUND\s+AT|PICK\s?UP\s+AT|(?:RESP(?:ONDED|ONDING)?|DISP(?:ATCHED)?(?:\s+\d{1,4})?|EN\s+ROUTE|ENRT)\s+TO)[:.]?)[ \t]+)"
)
#: "DR" before a doctor's name and what they do ("… DR KIM TO SEE", "DR PATEL NOTIFIED") is the doctor, not a drive.
_DOCTOR_AFTER = r"(?![ \t]+[A-Z]{2,}[ \t]+(?-i:TO|AWARE|NOTIFIED|PAGED|CALLED|UPDATED|INFORMED|SAW|SEES|WILL|AT|IN|ORDERED)\b)"
#: The street types such a line may end on; not "CT", "PL", "SQ" or "WAY", which notes in capitals use as words.
_CUED_CAPS_SUFFIX = (
    r"(?-i:ST|STREET|AVE|AVENUE|RD|ROAD|BLVD|BOULEVARD|DR|DRIVE|LN|LANE|COURT|HWY|HIGHWAY|PKWY|PARKWAY|CIR|CIRCLE|TRL|TRAIL|PIKE)\b"
)
#: A compass point after the street type: "Peachtree Rd NE", "NE 42nd St".
_QUADRANT = r"(?:\s+(?-i:NE|NW|SE|SW|N|S|E|W)\b)?"
_COMPASS = r"(?:(?-i:NE|NW|SE|SW|[NSEW])\.?|North|South|East|West)"
#: Lower-case street types ("main st", "apple blossom ct"); "dr" and "way" are left out (too common as words).
_LOWER_SUFFIX = r"(?-i:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|ct|court|hwy|highway|pkwy|parkway|ter|terrace|cir|circle)\b"
#: Words that never make a street name: "took 20 of the pills", "walked 10 blocks to the st", "walked 20 min down
#: main st" (a time's unit).
_NOT_STREET_WORD = (
    r"(?!(?:the|a|an|and|or|of|to|in|on|at|for|with|from|via|per|my|his|her|our|their|your|more|times|days|weeks|hours"
    r"|minutes|min|mins|hr|hrs|sec|secs|mg|pills|blocks|miles)\b)"
)
_LOWER_STREET = rf"(?-i:(?:(?:ne|nw|se|sw|n|s|e|w)\s+)?(?:{_NOT_STREET_WORD}[a-z][a-z'.]+|\d{{1,3}}(?:st|nd|rd|th))(?:\s+{_NOT_STREET_WORD}[a-z][a-z'.]+){{0,4}})"
#: A lower-case town, its state and a ZIP after a lower-case street with no comma between: "418 s wall ave joplin mo
#: 64801"; the town no everyday words (see StreetAddressRecognizer.analyze).
_LOWER_TOWN_AFTER = rf"[ \t]+(?P<town>(?-i:[a-z][a-z'.-]+(?:[ \t][a-z][a-z'.-]+){{0,2}}))[ \t]+(?i:{'|'.join(STATES)})[ \t]+\d{{5}}\b"
#: Where a lower-case street ends its clause, and needs no town after it.
_CLAUSE_AFTER = r"(?=\s*(?:[,.;\n]|$))"
#: Streets named before their number or type: "Route 9", "County Road 12", "Calle del Sol", "rue Dauphine".
_NUMBERED_ROAD = r"(?:Route|Rte\.?|State\s+Route|County\s+Road|County\s+Rd\.?|Highway|Hwy\.?|US|Interstate|Farm\s+Road|FM)\s+\d{1,4}[A-Z]?"
#: The words of a numbered road, capitalised or in capitals ("Route 9", "HWY 53"; a lower-case "route 9" may be a
#: bus's), and the abbreviations that need a road's place around them (SR, CR, I-, US, FM).
_ROAD_WORDS = (
    r"(?-i:Route|ROUTE|Rte\.?|RTE|State[ \t]+Route|County[ \t]+Road|County[ \t]+Rd\.?|COUNTY[ \t]+R(?:OA)?D|Highway|HIGHWAY"
    r"|Hwy\.?|HWY|Interstate|Farm[ \t]+Road)"
)
_ROAD_ABBREVIATIONS = r"(?-i:I-|US|SR|CR|FM)"
#: A road's number is no dose, no decimal and no duration: "Route 2 mg", "CR 1.2", "US 20 minutes".
_NOT_A_ROADS_NUMBER = (
    r"(?![.,/:]\d)(?![ \t]*(?i:mg|mcg|ml|units?|x\b|times|%|min(?:ute)?s?\b|h(?:ou)?rs?\b|days?\b|w(?:ee)?ks?\b|months?\b"
    r"|y(?:ea)?rs?\b|am\b|pm\b))"
)
#: "via" in lower case is a route ("60 via rad aline"), not a street.
_ROMANCE_STREET = r"(?:(?-i:Via|VIA)|Calle|Rue|Avenida|Av\.|Camino|Paseo|Rua|Boulevard|Chemin|Strada|Carrera)\s+(?:(?:de|del|de\s+la|de\s+los|des|du|la|le|las|los|da|do|dos)\s+)?[\p{L}'][\p{L}'-]+(?:\s+[\p{L}'][\p{L}'-]+){0,2}?"


class StreetAddressRecognizer(DeclaredPatternRecognizer):
    """A house number, capitalised street name and a street-type word, with an apartment or suite."""

    ENTITY = "STREET_ADDRESS"
    MIN_DIGITS = 1  # a house or box number
    PATTERNS = [
        Pattern("Street address", rf"\b\d{{1,6}}[A-Z]?\s+{_STREET}\s+{_SUFFIX}{_QUADRANT}{_UNIT}", 0.6),
        Pattern(
            "street address (lower case)",
            rf"\b\d{{2,6}}[a-z]?\s+{_LOWER_STREET}\s+{_LOWER_SUFFIX}{_QUADRANT}{_UNIT}(?:{_CLAUSE_AFTER}|(?={_LOWER_TOWN_AFTER}))",
            0.6,
        ),
        Pattern(
            "Route 9, Calle del Sol",
            rf"\b\d{{1,6}}[A-Z]?\s+(?:{_NUMBERED_ROAD}|{_ROMANCE_STREET}){_QUADRANT}{_UNIT}(?=\s*(?:[,.;\n]|$))",
            0.6,
        ),
        # a numbered road alone, where a crash, a pick-up or a home is placed: "a flat tire on Route 9", "HWY 53", "off
        # County Rd 12", "I-70 MM 214"; never a dose ("Route 2 mg"), a lab value ("CR 1.2") nor "us 2" in lower case
        Pattern(
            "numbered road",
            rf"\b(?:{_ROAD_WORDS})[ -]?\d{{1,4}}(?-i:[A-Z])?\b{_NOT_A_ROADS_NUMBER}(?:[ \t]+(?-i:MM)[ \t]+\d{{1,4}})?",
            0.5,
        ),
        # the abbreviations ("SR 37", "CR 400", "I-70", "US 1") are also a lab's, a scan's or a unit's: only where a road
        # is placed ("AT CR 400 & SR 37", "on US 1", "I-95 NB")
        Pattern(
            "numbered road (abbreviated, placed)",
            rf"(?:(?<=(?:\b(?i:on|at|off|to|from|near|via|exit|along|intercept|onto|and)|&)[ \t]{{1,3}})(?:{_ROAD_ABBREVIATIONS})[ -]?\d{{1,4}}\b"
            rf"{_NOT_A_ROADS_NUMBER}|\b(?:{_ROAD_ABBREVIATIONS})[ -]?\d{{1,4}}\b(?=[ \t]+(?:&|and|(?-i:[NSEW]B|MM|N|S|E|W)\b)))"
            r"(?:[ \t]+(?-i:MM)[ \t]+\d{1,4})?",
            0.5,
        ),
        Pattern(
            "STREET ADDRESS (capitals)",
            rf"\b\d{{1,6}}[A-Z]?\s+{_CAPS_STREET}\s+{_CAPS_SUFFIX}{_QUADRANT}{_UNIT}(?![\w-]){_CAPS_TOWN_AFTER}",
            0.6,
        ),
        Pattern(
            "STREET ADDRESS (capitals, after an address cue)",
            rf"(?<={_CAPS_ADDRESS_CUE})\d{{1,6}}[A-Z]?\s+{_CAPS_STREET}\s+{_CUED_CAPS_SUFFIX}{_DOCTOR_AFTER}{_QUADRANT}{_UNIT}(?![\w-])",
            0.6,
        ),
        Pattern("PO box", r"\bP\.?\s?O\.?\s*Box\s+\d{1,6}\b", 0.6),
        # USPS rural and highway contract routes (Publication 28): "RR 2 Box 145", "HC 61 Box 12A", "Rural Route 4"
        Pattern(
            "rural or contract route",
            r"\b(?:(?-i:RR|rr|R\.R\.|RFD|rfd|HC)\s*#?\s*\d{1,4},?\s*Box\s*\d{1,5}[A-Z]?|(?:Rural|Star)\s+Route\s+\d{1,4}(?:,?\s*Box\s*\d{1,5}[A-Z]?)?)\b",
            0.6,
        ),
    ]
    CONTEXT = ["address", "live", "street", "apartment", "house"]

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        found = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        return [r for r in found if not _before_everyday_words(text, r)]


_CLAUSE_AFTER_RE = regex.compile(_CLAUSE_AFTER)
_LOWER_TOWN_AFTER_RE = regex.compile(_LOWER_TOWN_AFTER)


def _before_everyday_words(text: str, result: RecognizerResult) -> bool:
    """A lower-case street found only by the "town" after it that is everyday words no gazetteer knows: "walked down
    main st then went home ok 90210" has no town, so no street."""
    explanation = result.analysis_explanation
    if explanation is None or explanation.pattern_name != "street address (lower case)" or _CLAUSE_AFTER_RE.match(text, result.end):
        return False
    town = _LOWER_TOWN_AFTER_RE.match(text, result.end)
    return town is not None and all(is_common(w) for w in town.group("town").split()) and not is_known_town(town.group("town"))
