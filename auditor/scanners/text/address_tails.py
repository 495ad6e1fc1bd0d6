"""A street address goes on with its town, state and postcode: "6 Ferry Rd, Kittery ME 03904", "14 Protea Rd,
Mitchells Plain 7785", "91 bayberry ln, wellfleet.", a vCard's "300 Market St;Lewisburg;PA;17837".

The town recognizers know a town by a gazetteer or a cue; after a street the place itself is the cue, and small
towns no gazetteer lists ("Kittery", "Wellfleet") are the ones that identify a person best. So the words right
after a street the recognizers found and a separator (a comma, a vCard's semicolon, an HL7 caret, a DICOM
backslash) are its town when a state, a province or a postcode follows them, or when they end the line or the
clause and are no everyday words (a known town may be one: "Holland", "Mobile"). The number after that town, and
its state, is its postcode.

Runs after the filters, on the streets they kept (as repeats.py runs on the names they kept). What another
recognizer found in the town's place stays, except a name: before a state and a postcode, "Toowong QLD 4066" is
a town, whatever spaCy reads.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from auditor.scanners.text.recognizers._lexicon import is_common
from auditor.scanners.text.recognizers._places import STATES, is_known_town

#: The recognizers' name on what this pass adds (the finding's explanation).
RECOGNIZER = "AddressTail"
SCORE = 0.6

#: Regions an address names after its town: US states and territories, Australian states, Canadian provinces.
_REGIONS = sorted({*STATES, "NSW", "VIC", "QLD", "TAS", "ACT", "ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE", "YT", "NU"})
_REGION_NAMES = {name.casefold() for name in STATES.values()}
_SEPARATOR = regex.compile(r"[ \t]*(?:[,;^\\][ \t]*)+")
_WORD = regex.compile(r"[\p{L}][\p{L}'’.-]*")
_GAP = regex.compile(r"[ \t]+")
#: A region after the town, in capitals, or in any case when a postcode follows it ("holland, mi 49423").
_REGION_AFTER = regex.compile(
    rf"[ \t]*[,;^\\]?[ \t]*(?P<region>(?-i:{'|'.join(_REGIONS)})|(?i:{'|'.join(_REGIONS)})(?=[ \t]*[,;^\\]?[ \t]*\d))(?![\p{{L}}\p{{N}}])"
)
#: A postcode: a US ZIP (ZIP+4 too), four or six digits, a UK or a Canadian one; with a region before it also a
#: ZIP read by OCR with O for 0 or l for 1 ("O39O4", "4210l").
_POSTCODE = r"\d{5}(?:-\d{4})?|\d{4}|\d{6}|(?-i:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)"
_CODE_AFTER = regex.compile(rf"[ \t]*[,;^\\]?[ \t]*(?P<code>{_POSTCODE})(?![\p{{L}}\p{{N}}])")
_OCR_CODE_AFTER = regex.compile(r"[ \t]*[,;^\\]?[ \t]*(?P<code>(?=(?:[Ol]*\d){3})[\dOl]{5})(?![\p{L}\p{N}])")
#: Where a town with nothing after it ends: a line, a clause or a field.
_END = regex.compile(r"[ \t]*(?:$|[\n,.;:)\]]|\\|\^)", regex.MULTILINE)
#: Words of a unit or a box, which follow a street but name no town.
_UNIT_WORDS = frozenset({"apt", "apartment", "suite", "ste", "unit", "fl", "floor", "room", "rm", "box", "bldg", "building", "po", "lot"})
_MOST_WORDS = 3


def tag_address_tails(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """`results` with the town and postcode that follow each street address, a name in the town's place read as the town."""
    added: list[RecognizerResult] = []
    dropped: set[int] = set()
    for street in sorted((r for r in results if r.entity_type == "STREET_ADDRESS"), key=lambda r: r.start):
        tail = _tail(text, street.end)
        if tail is None:
            continue
        (town_start, town_end), code = tail
        others = [r for r in results + added if r.start < town_end and town_start < r.end and id(r) not in dropped]
        if all(r.entity_type == "PERSON" for r in others) and (code is not None or not others):
            dropped.update(id(r) for r in others)
            added.append(_result("LOCATION", town_start, town_end))
        if code is not None and not any(r.start < code[1] and code[0] < r.end for r in results + added):
            us_zip = regex.fullmatch(r"[\dOl]{5}(?:-\d{4})?", text[code[0] : code[1]]) is not None
            added.append(_result("ZIP_CODE" if us_zip else "POSTAL_CODE", *code))
    return [r for r in results if id(r) not in dropped] + added


def _tail(text: str, end: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The town's span after a street ending at `end`, and its postcode's span if one follows."""
    separator = _SEPARATOR.match(text, end)
    if separator is None:
        return None
    words: list[regex.Match[str]] = []
    cursor = separator.end()
    while len(words) < _MOST_WORDS and (word := _WORD.match(text, cursor)):
        if word.group().casefold().rstrip(".") in _UNIT_WORDS:
            return None
        words.append(word)
        gap = _GAP.match(text, word.end())
        if gap is None:
            break
        cursor = gap.end()
    for count in range(1, len(words) + 1):
        start, stop = words[0].start(), words[count - 1].end()
        town = text[start:stop].rstrip(".")
        stop = start + len(town)
        if _is_region(town):
            return None
        after = stop
        region = _REGION_AFTER.match(text, after)
        if region is not None:
            after = region.end()
        code = _CODE_AFTER.match(text, after) or (_OCR_CODE_AFTER.match(text, after) if region else None)
        if region is not None or code is not None:
            if all(is_common(w) for w in town.split()) and not is_known_town(town):
                return None
            return (start, stop), (code.span("code") if code else None)
        if _END.match(text, stop) and (is_known_town(town) or not any(is_common(w) for w in town.split())):
            return (start, stop), None
    return None


def _is_region(words: str) -> bool:
    return words in STATES or words.casefold() in _REGION_NAMES


def _result(entity: str, start: int, end: int) -> RecognizerResult:
    return RecognizerResult(entity, start, end, SCORE, recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER})
