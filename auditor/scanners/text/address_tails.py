"""A street address goes on with its town, state and postcode: "6 Ferry Rd, Kittery ME 03904", "14 Protea Rd,
Mitchells Plain 7785", "91 bayberry ln, wellfleet.", a vCard's "300 Market St;Lewisburg;PA;17837"; and a facility's
name with the town of its campus ("Garfield High School, Seattle", "Sutter Health (Santa Rosa)"); and a letter's
addressee is on the line above its street ("DOROTHY A PELLETIER\n22 BIRCH HILL RD").

The town recognizers know a town by a gazetteer or a cue; after a street the place itself is the cue, and small
towns no gazetteer lists ("Kittery", "Wellfleet") are the ones that identify a person best. So the words right
after a street the recognizers found and a separator (a comma, a vCard's semicolon, an HL7 caret, a DICOM
backslash) are its town when a state, a province or a postcode follows them, or when they end the line or the
clause and are no everyday words (a known town may be one: "Holland", "Mobile"). The number after that town, and
its state, is its postcode.

Runs after the filters, on the streets they kept (as repeats.py runs on the names they kept), so it never adds
what the filters drop: a state, a province or a country is no town, a year or a dose no postcode ("…, 1998",
"…, Metformin 1000 mg"), and a given name at a clause's end is no town ("…, Mary."). What another
recognizer found in the town's place stays, except a name before both a region and a postcode: "Toowong QLD 4066"
is a town, whatever spaCy reads.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex
from presidio_analyzer import RecognizerResult

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname
from auditor.scanners.text.recognizers._places import STATES, is_known_town, is_state_or_country, is_us_town
from auditor.scanners.text.recognizers.facility import DENOMINATIONS, GENERIC_WORDS, holds_facility_word

#: The recognizers' name on what this pass adds (the finding's explanation).
RECOGNIZER = "AddressTail"
SCORE = 0.6
#: What a postcode found in a tail's place may already be: another recognizer's reading of the same code.
_POSTCODE_ENTITIES = frozenset({"ZIP_CODE", "POSTAL_CODE"})

#: Regions an address names after its town, by code: US states and territories, which may stand alone after a
#: town ("Kittery ME"), and Australian states and Canadian provinces, which count only before a postcode (their
#: codes are also words and abbreviations: "NS" is normal saline).
_US_REGIONS = "|".join(sorted(STATES))
_OTHER_REGIONS = "NSW|VIC|QLD|TAS|ACT|SA|NT|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|YT|NU"
_OTHER_REGION_CODES = frozenset(_OTHER_REGIONS.split("|"))
_REGION_NAMES = "|".join(sorted(STATES.values(), key=len, reverse=True))
_BEFORE_CODE = r"(?=[^\S\n]*[,;^\\]?[^\S\n]*[0-9])"
#: A region after the town: a US state's code in capitals or its name, or any region's code before a postcode in any
#: case ("holland, mi 49423"); another country's region in capitals ("on" is a word).
_REGION_AFTER = regex.compile(
    rf"[^\S\n]*[,;^\\]?[^\S\n]*(?P<region>(?-i:{_US_REGIONS}|{_OTHER_REGIONS})|(?i:{_REGION_NAMES})|(?i:{_US_REGIONS}){_BEFORE_CODE})"
    r"(?![\p{L}\p{N}])"
)
_SEPARATOR = regex.compile(r"[^\S\n]*(?:[,;^\\][^\S\n]*)+")
#: A weaker separator: a space, a full stop or a line break ("12 Oak St\nKittery ME 03904", "12 Oak St. Kittery, ME"),
#: after which the words are a town only before a region and a postcode.
_WEAK_SEPARATOR = regex.compile(r"\.?(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)")
_WORD = regex.compile(r"[\p{L}][\p{L}'’.-]{0,39}")
_GAP = regex.compile(r"[^\S\n]+")
#: A postcode: a US ZIP (ZIP+4 too), four or six digits, a UK or a Canadian one, not a dose or a count ("1000 mg");
#: with a region before it also a ZIP read by OCR with O for 0 or l for 1 ("O39O4", "4210l").
_POSTCODE = (
    r"[0-9]{5}(?:-[0-9]{4})?|[0-9]{4}|[0-9]{6}|(?-i:[A-Z]{1,2}[0-9][A-Z0-9]?[^\S\n]?[0-9][A-Z]{2}|[A-Z][0-9][A-Z][^\S\n]?[0-9][A-Z][0-9])"
)
_NOT_A_UNIT = (
    r"(?![^\S\n]?(?i:mg|mcg|g|ml|units?|iu|mmol|kg|lbs?|cm|mm|%|tabs?|pills?|patients?|people|steps|calories|miles?|mi|km"
    r"|sq\.?\s?ft|sqft|ft|feet|dollars|usd)\b)"
)
_CODE_AFTER = regex.compile(rf"[^\S\n]*[,;^\\]?[^\S\n]*(?P<code>{_POSTCODE})(?![\p{{L}}\p{{N}}]){_NOT_A_UNIT}")
_OCR_CODE_AFTER = regex.compile(rf"[^\S\n]*[,;^\\]?[^\S\n]*(?P<code>(?=(?:[Ol]*[0-9]){{3}})[0-9Ol]{{5}})(?![\p{{L}}\p{{N}}]){_NOT_A_UNIT}")
#: Four digits that read as a year: a postcode of four only after a region ("Toowong QLD 4066", not "…, 2019").
_YEAR = regex.compile(r"(?:19|20)[0-9][0-9]")
_US_ZIP = regex.compile(r"[0-9Ol]{5}(?:-[0-9]{4})?")
#: Where a town with nothing after it ends: a line, a clause or a field.
_END = regex.compile(r"[^\S\n]*(?:$|[\n,.;:)\]]|\\|\^)", regex.MULTILINE)
#: Words of a unit or a box, titles and labels, and a bill's words, which follow a street but name no town ("…, Pager
#: 40221", "…, Dr Jones", "12 Oak St\nCopay OK 25000").
_NOT_TOWN_WORDS = frozenset(
    {"apt", "apartment", "suite", "ste", "unit", "fl", "floor", "room", "rm", "box", "bldg", "building", "po", "lot"}
    | {"dr", "mr", "mrs", "ms", "miss", "pager", "beeper", "ext", "tel", "phone", "cell", "fax", "bed", "mrn", "id", "dob"}
    | {"copay", "co-pay", "copayment", "coinsurance", "deductible", "balance", "amount", "total", "subtotal", "due"}
    | {"paid", "charge", "charges", "billed", "allowed", "owed", "payment", "adjustment", "invoice", "claim", "statement"}
)
_MOST_WORDS = 3
#: How far after a street its town and postcode may end: three words, a region and a postcode, with separators.
_REACH = 200


@dataclass(frozen=True)
class _Tail:
    """What follows a street: its town, the postcode after it, and whether a region stood between them."""

    town: tuple[int, int] | None
    code: tuple[int, int] | None
    region: bool


class _ByStart:
    """Results in the order of their starts, so that a pass finds those that may overlap a span by bisection instead
    of reading them all (each pass runs once per street or facility)."""

    def __init__(self, results: list[RecognizerResult]) -> None:
        self._ranked = sorted(results, key=lambda r: r.start)
        self._starts = [r.start for r in self._ranked]

    def of(self, entity: str) -> list[RecognizerResult]:
        return [r for r in self._ranked if r.entity_type == entity]

    def starting_within(self, low: int, high: int) -> list[RecognizerResult]:
        """The results that start from `low` up to, not including, `high`."""
        return self._ranked[bisect.bisect_left(self._starts, low) : bisect.bisect_left(self._starts, high)]


def _overlaps(result: RecognizerResult, start: int, end: int) -> bool:
    return result.start < end and start < result.end


def tag_address_tails(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """`results` with the town and postcode that follow each street address; a name before a region and a postcode
    read as the town."""
    by_start = _ByStart(results)
    added: list[RecognizerResult] = []
    dropped: set[int] = set()
    for street in by_start.of("STREET_ADDRESS"):
        tail = _tail(text, text[street.start : street.end], street.end)
        if tail is None:
            continue
        # what may overlap the tail: results that start from the street on, within reach, and the last ones added
        near = by_start.starting_within(street.start, street.end + _REACH) + added[-4:]
        code_holders = [] if tail.code is None else [r for r in near if _overlaps(r, *tail.code)]
        if any(r.entity_type not in _POSTCODE_ENTITIES for r in code_holders):
            continue  # "…, Pager 40221": the number is another identifier, so the words before it are no town
        if tail.town is not None:
            start, end = tail.town
            others = [r for r in near if _overlaps(r, start, end) and id(r) not in dropped]
            if not others or (tail.region and tail.code and all(r.entity_type == "PERSON" for r in others)):
                dropped.update(id(r) for r in others)
                added.append(_result("LOCATION", start, end))
        if tail.code is not None and not code_holders:
            us_zip = _US_ZIP.fullmatch(text, *tail.code) is not None
            added.append(_result("ZIP_CODE" if us_zip else "POSTAL_CODE", *tail.code))
    return [r for r in results if id(r) not in dropped] + added


def tag_facility_towns(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """`results` with the town written right after a facility's name and a comma, a dash or a bracket: "Westlake
    High School, Austin", "Valley Diagnostic Imaging — Scottsdale", "Sutter Health (Santa Rosa)", "Apria
    Healthcare, Lenexa branch". A campus's or a branch's town says where a person was treated as much as its
    street would. The words must be a known town, or be followed by a word naming the site ("…, Seattle
    Division"), and no other result may hold them; a department is no town ("…, Hematology clinic").

    A known town that is also an everyday word or a given name is one only where its clause ends or a site's word
    follows ("Mercy Hospital, Jackson.", "…, Florence, SC"); elsewhere it is the word or the name, and a town
    another recognizer read there is dropped ("Mercy Hospital, Jackson was my nurse", "…, Reading room 3")."""
    by_start = _ByStart(results)
    added: list[RecognizerResult] = []
    dropped: set[int] = set()
    for facility in by_start.of("FACILITY"):
        separator = _AFTER_FACILITY.match(text, facility.end)
        if separator is None:
            continue
        town = _town_after_facility(text, separator.end())
        near = by_start.starting_within(facility.start, separator.end() + _REACH)
        if town is None:
            dropped.update(
                id(r) for r in near if r.start == separator.end() and r.entity_type == "LOCATION" and _reads_as_a_word(text, r.start, r.end)
            )
        elif not any(_overlaps(r, *town) for r in near + added[-1:]):
            added.append(_result("LOCATION", *town))
    return [r for r in results if id(r) not in dropped] + added


#: Between a facility and its town: a comma, a dash (spaced) or an opening bracket.
_AFTER_FACILITY = regex.compile(r"[^\S\n]*(?:,|[^\S\n][-–—]|\()[^\S\n]*")
#: Words after a town that name one site of an organisation: "Seattle Division", "Lenexa branch", "Bismarck center";
#: not "clinic", "unit" or "office", which follow a department as often ("Hematology clinic", "Central unit").
_SITE_AFTER = regex.compile(r"[^\S\n]+(?i:division|branch|campus|cent(?:er|re)|plant|site|district|location|satellite)\b")
#: Where a town's clause ends: the text, the line, a full stop, a comma, a semicolon or a closing bracket ("Mercy
#: Hospital, Jackson.", "…, Florence, for a fracture", "Sutter Health (Santa Rosa)").
_CLAUSE_END = regex.compile(r"[^\S\n]*(?:$|\n|[.,;)\]](?![\p{L}\p{N}]))", regex.MULTILINE)


def _town_after_facility(text: str, cursor: int) -> tuple[int, int] | None:
    """The span of the town at `cursor`, after a facility and its separator, if the words there read as one."""
    words = _words(text, cursor)
    for count in range(len(words), 0, -1):  # the longest town first: "Santa Rosa", not "Santa"
        start, stop = words[0].start(), words[count - 1].end()
        town = text[start:stop].rstrip(".")
        stop = start + len(town)
        if not town[0].isupper() or _is_region(town):
            continue
        if is_known_town(town):
            if not _reads_as_a_word(text, start, stop):
                return start, stop
        elif _SITE_AFTER.match(text, stop) and not _is_name(town) and not _is_department(town):
            return start, stop
    return None


def _reads_as_a_word(text: str, start: int, stop: int) -> bool:
    """Whether a one-word town's name that is also an everyday word or a given name reads as that after a facility:
    neither its clause ends after it, nor a region, a postcode or a site's word follows ("…, Jackson was my nurse",
    "…, Hope this helps", "…, Central unit"; not "…, Florence, SC", "…, Normal campus"). A town of more words is
    seldom a phrase there ("…, San Francisco is great")."""
    word = text[start:stop]
    if not word.isalpha() or not (is_given(word) or is_common(word)):
        return False
    ends = _CLAUSE_END.match(text, stop) or _REGION_AFTER.match(text, stop) or _code_after(text, stop)
    return not (ends or _SITE_AFTER.match(text, stop))


def _is_department(words: str) -> bool:
    """Everyday words, or a word that qualifies a facility as its service does ("Hematology", "Outpatient")."""
    return all(is_common(w) for w in words.split()) or any(w.casefold() in GENERIC_WORDS for w in words.split())


#: A line that may hold an addressee's name: a title perhaps, a first name, an initial perhaps, one or two more words,
#: and a generation's suffix perhaps ("DOROTHY A PELLETIER", "Mr. Jamal K. Osei-Bonsu", "Mr. John A. Smith Jr").
_SUFFIX = r"(?i:jr|sr|ii|iii|iv)\.?(?![\p{L}\p{N}])"
_ADDRESSEE = regex.compile(
    r"(?m)^[^\S\n]{0,8}(?:(?i:mr|mrs|ms|miss|dr|mx)\.?[^\S\n]+)?(?P<name>(?P<first>\p{Lu}[\p{L}'’-]+)(?:[^\S\n]+\p{Lu}\.?)?"
    rf"(?:[^\S\n]+(?!{_SUFFIX})(?P<last>\p{{Lu}}[\p{{L}}'’-]+)){{1,2}}(?:,?[^\S\n]+{_SUFFIX})?)[^\S\n]{{0,8}}\n[^\S\n]{{0,8}}$"
)
#: Words after a first name that make a line above a street a site's name: a care home's, and those facility.py
#: qualifies a facility or a church with ("Rose Marie Home", "Sharon Regional", "Grace Lutheran").
_SITE_WORDS = frozenset({"home", "homes", "manor", "residence", "village", "apartments"}) | GENERIC_WORDS | DENOMINATIONS


def tag_addressees(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """`results` with the name on the line above a street that opens its line, as a letter, a notice or a label
    addresses its reader ("DOROTHY A PELLETIER\n22 BIRCH HILL RD APT 3"): a known first name, then a known surname
    or words not all everyday ones ("Grace Smith"), no facility's word ("Sharon Regional", "Grace Lutheran Home"
    name a site), and no other result on the line."""
    by_start = _ByStart(results)
    added: list[RecognizerResult] = []
    for street in by_start.of("STREET_ADDRESS"):
        line_start = text.rfind("\n", 0, street.start)
        if line_start <= 0 or text[line_start + 1 : street.start].strip(" \t"):
            continue
        above = text.rfind("\n", 0, line_start) + 1
        name = _ADDRESSEE.match(text, above, street.start)
        if name is None or not _names_a_person(name):
            continue
        start, end = name.span("name")
        if not any(_overlaps(r, start, end) for r in by_start.starting_within(start - _REACH, end)):
            added.append(_result("PERSON", start, end))
    return results + added


def _names_a_person(name: regex.Match[str]) -> bool:
    """Whether an addressee's line reads as a person's name rather than a heading or a site's."""
    words = name.group("name").split()
    if not is_given(name.group("first")) or holds_facility_word(name.group("name")):
        return False
    # the words after the first name, its initial left out ("DOROTHY A PELLETIER": "A" is no article here)
    if any(w.casefold() in _SITE_WORDS for w in name.captures("last")):
        return False
    return is_surname(name.group("last"), ("rare", "word")) or not all(is_common(w) for w in words)


def _tail(text: str, street: str, end: int) -> _Tail | None:
    """The town and postcode after `street` ending at `end`, if the words there read as them."""
    separator = _SEPARATOR.match(text, end)
    spaced = separator is None  # "418 s wall ave joplin mo 64801": a town without a comma needs its region and ZIP
    if spaced and (separator := _WEAK_SEPARATOR.match(text, end)) is None:
        return None
    region = _REGION_AFTER.match(text, separator.end())
    if region is not None and (code := _code_after(text, region)):  # no town: "12 Oak St, QLD 4066"
        return _Tail(None, code, True)
    words = _words(text, separator.end())
    for count in range(1, len(words) + 1):
        start = words[0].start()
        town = text[start : words[count - 1].end()].rstrip(".")
        stop = start + len(town)
        region = _REGION_AFTER.match(text, stop)
        code = _code_after(text, region if region else stop)
        if region is not None and region.group("region").upper() in _OTHER_REGION_CODES and code is None:
            region = None  # "Hgb NS 1000 ml": a province's code is one only before its postcode
        # "holland, mi" is a town; so is a state's name before a region and a ZIP ("New York, NY 10037")
        state_named = _is_region(town)
        if state_named and not (region is not None and (is_us_town(town) or code is not None)):
            return None
        if spaced and (region is None or code is None):
            continue
        if region is not None or code is not None:
            if all(is_common(w) for w in town.split()) and not (state_named or is_known_town(town)):
                return None
            if code is None and not (is_known_town(town) or _reads_as_a_town(town, street)):
                return None  # a state's code alone after words that read as no town: "…, Hgb OK"
            if region is None and not is_known_town(town) and any(is_given(w) for w in town.split()):
                return None  # "…, Sarah Connor 4471": a name before a number
            return _Tail((start, stop), code, region is not None)
        if _END.match(text, stop) and not _is_name(town) and (is_known_town(town) or _reads_as_a_town(town, street)):
            return _Tail((start, stop), None, False)
    return None


def _reads_as_a_town(words: str, street: str) -> bool:
    """Whether words no gazetteer knows, with nothing or only a state's code after them, read as the street's town:
    longer than three letters, no everyday word among them, and written as the street is. After a lower-case street
    they are lower case ("91 bayberry ln, wellfleet."); after any other, capitalised ("6 Ferry Rd, Kittery.", not
    "12 Oak St, afebrile."), and in capitals only after a street in capitals and longer than five letters, as
    shorter ones are abbreviations ("ADDRESS 12 OAK ST, KITTERY.", not "…, NKDA." or "…, SNF."). Case is all that
    is read of a lower-case word after a lower-case street, so a clinical word no word list holds passes there
    ("12 oak st, afebrile."): the small towns a post typed in lower case names are the ones no gazetteer lists."""
    if len(words) <= 3 or any(is_common(w) for w in words.split()):
        return False  # "…, Hgb OK": a short word no gazetteer knows is an abbreviation
    if street.islower():
        return words.islower()
    if words.isupper():
        return street.isupper() and len(words.replace(" ", "")) > 5
    return words[0].isupper()


def _words(text: str, cursor: int) -> list[regex.Match[str]]:
    """Up to _MOST_WORDS words from `cursor`, one space or tab apart; none if a unit word comes first."""
    words: list[regex.Match[str]] = []
    while len(words) < _MOST_WORDS and (word := _WORD.match(text, cursor)):
        if word.group().casefold().rstrip(".") in _NOT_TOWN_WORDS:
            return []
        words.append(word)
        gap = _GAP.match(text, word.end())
        if gap is None:
            break
        cursor = gap.end()
    return words


def _code_after(text: str, at: int | regex.Match[str]) -> tuple[int, int] | None:
    """The postcode at `at`, or after the region matched there: after a US state only a ZIP (an OCR-read one too),
    and four digits that read as a year, or six digits, only after another region ("Toowong QLD 4066";
    not "…, 2019" or "…, Dallas 450000")."""
    if isinstance(at, int):
        code = _CODE_AFTER.match(text, at)
        bare = code is not None and (_YEAR.fullmatch(code.group("code")) or regex.fullmatch(r"[0-9]{6}", code.group("code")))
        return code.span("code") if code and not bare else None
    if at.group("region").upper() in _OTHER_REGION_CODES:
        code = _CODE_AFTER.match(text, at.end())
        return code.span("code") if code else None
    code = _CODE_AFTER.match(text, at.end()) or _OCR_CODE_AFTER.match(text, at.end())
    return code.span("code") if code and _US_ZIP.fullmatch(code.group("code")) else None


def _is_region(words: str) -> bool:
    """A state, another country's region code or a country: larger than a town, so no Safe Harbor identifier and no town."""
    return is_state_or_country(words) or words in _OTHER_REGION_CODES


def _is_name(words: str) -> bool:
    """A given name among the words: "…, Mary." names a person. Surnames are also towns too often ("Kingfisher")."""
    return any(is_given(w) for w in words.split())


def _result(entity: str, start: int, end: int) -> RecognizerResult:
    return RecognizerResult(entity, start, end, SCORE, recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER})
