"""Metadata values as `Entry` records, and how each kind of entry becomes findings.

The readers (EXIF, XMP, IPTC, PNG chunks, ICC, PDF Info) turn a file's metadata into a flat list of
`Entry(field, value, rule)`; `findings_for` turns them into Findings. A rule says what a value *is*:

- `author`  a person's name by definition (EXIF Artist, XPAuthor, XMP dc:creator, IPTC By-line, PDF Author)
            -> entity AUTHOR, identifier names, span over the whole value. The value also goes through the
            text scanner for anything else it holds (an e-mail or phone in an Artist field); the text
            scanner's own name findings are dropped there, since the whole value is already a name.
- `person`  a person shown in the image (XMP face regions, IPTC Ext PersonInImage) -> PERSON_SHOWN, names.
- `place`   a city or sub-location field (IPTC City, XMP photoshop:City) -> PLACE, geographic. States and
            countries are not Safe Harbor identifiers and are not reported.
- `date`    a capture/creation date of an image -> IMAGE_DATE, dates. A value that is not a full date
            (a blank `    :  :  ` placeholder, a year alone) is read as free text instead.
- `serial`  a camera body or lens serial number -> SERIAL_NUMBER, device (placeholders like `0000` skipped).
- `gps`     a position composed from latitude and longitude -> GPS_POSITION, geographic; the value is
            `lat, lon` in decimal degrees (5 places) and, like every value, is only ever stored masked.
- `text`    free text -> the text scanner's `detect`, so metadata text meets the same recognizers as posts.
- `software` producer/creator software strings -> the text scanner, keeping only its pattern identifiers
            (e-mail, phone, fax, SSN, MRN, account, health plan): NER reads product names as people
            ("Adobe Acrobat Pro DC", "macOS Version") and version strings as IP addresses, so names, URLs
            and IPs found in software strings are dropped.

Every finding has source `metadata` and a span into the value's decoded text.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parsedate_tz

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item, masked_finding
from auditor.scanners.base import PartialScan, Scanner
from auditor.scanners.text.detector import Detection, TextDetector, to_finding

AUTHOR = "author"
PERSON = "person"
PLACE = "place"
DATE = "date"
SERIAL = "serial"
GPS = "gps"
TEXT = "text"
SOFTWARE = "software"

#: rule -> (entity, identifier) for values that are findings by what field they sit in.
STRUCTURED: dict[str, tuple[str, str]] = {
    AUTHOR: ("AUTHOR", "names"),
    PERSON: ("PERSON_SHOWN", "names"),
    PLACE: ("PLACE", "geographic"),
    DATE: ("IMAGE_DATE", "dates"),
    SERIAL: ("SERIAL_NUMBER", "device"),
    GPS: ("GPS_POSITION", "geographic"),
}

#: Author values that name nobody (tool defaults and placeholders).
_PLACEHOLDER_AUTHORS = frozenset(
    {
        "",
        "-",
        "?",
        "unknown",
        "n/a",
        "na",
        "none",
        "null",
        "anonymous",
        "author",
        "user",
        "owner",
        "admin",
        "administrator",
        "windows user",
        "default",
        "picasa",
        "camera owner",
        "copyright",
    }
)
#: Text-scanner identifiers kept from software strings: only those that point at a person.
_SOFTWARE_KEPT = frozenset({"email", "phone", "fax", "ssn", "mrn", "account", "health_plan"})
_DATE = re.compile(r"^\s*(\d{4})(?:[:\-/.](\d{1,2})[:\-/.](\d{1,2})|(\d{2})(\d{2}))(?:\D|$)")
_LONGEST_VALUE = 1_000_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One metadata value: where it sits (`field`), its decoded text, and what it is (`rule`)."""

    field: str
    value: str
    rule: str


def clean(value: str) -> str:
    """A decoded value without NULs and surrounding whitespace, cut at a sane length."""
    return value.replace("\x00", "").strip()[:_LONGEST_VALUE]


def is_full_date(value: str) -> bool:
    """`2023:04:05 10:11:12`, `2023-04-05T…`: a date with month and day (a year alone is allowed by Safe Harbor)."""
    match = _DATE.match(value)
    if not match:
        return parsedate_tz(value) is not None  # RFC 1123, as PNG's "Creation Time" suggests
    year, month, day = (int(part) for part in match.groups() if part is not None)
    return 1800 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31


def _is_placeholder_serial(value: str) -> bool:
    alnum = re.sub(r"[\W_]+", "", value).casefold()
    return not alnum or set(alnum) <= {"0"} or alnum in {"none", "unknown", "na", "null"}


def normalised_entries(entries: Sequence[Entry]) -> list[Entry]:
    """Entries with empty values, placeholders and exact repeats dropped; bad dates demoted to free text."""
    kept: list[Entry] = []
    seen: set[Entry] = set()
    for entry in entries:
        value = clean(entry.value)
        rule = entry.rule
        if not value:
            continue
        if rule == DATE and not is_full_date(value):
            rule = TEXT
        if rule in (AUTHOR, PERSON) and value.casefold() in _PLACEHOLDER_AUTHORS:
            continue
        if rule == SERIAL and _is_placeholder_serial(value):
            continue
        entry = Entry(entry.field, value, rule)
        if entry not in seen:
            seen.add(entry)
            kept.append(entry)
    return kept


class EntriesScanner(Scanner):
    """A metadata scanner that reads a file's entries (field, value, rule) and turns them into findings. The
    image and PDF metadata scanners differ only in how they read entries (`entries_of`)."""

    covers = frozenset({"metadata"})
    groups_items = True
    uses_text_detector = True

    def __init__(self) -> None:
        self._text = TextDetector()

    def unavailable_reason(self) -> str | None:
        # Free-text metadata (comments, captions, subjects) is read by the text scanner: without it, partial.
        return self._text.unavailable_reason()

    @abstractmethod
    def entries_of(self, data: bytes) -> list[Entry]:
        """Every metadata entry of one file; raises with a one-line message when it cannot be read."""

    def field_texts(self, item: Item) -> dict[str, str]:
        return {entry.field: entry.value for entry in normalised_entries(self.entries_of(item.payload or b""))}

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        outcomes: list[list[Finding] | Exception] = []
        read: list[tuple[int, list[Entry]]] = []
        for index, item in enumerate(items):
            try:
                read.append((index, self.entries_of(item.payload or b"")))
                outcomes.append([])
            except Exception as error:
                outcomes.append(error)
        found = findings_for([items[i].locator for i, _ in read], [entries for _, entries in read], self._text, self.name, keeper)
        for (index, _), (findings, cuts) in zip(read, found, strict=True):
            outcomes[index] = PartialScan("; ".join(cuts), findings) if cuts else findings
        return outcomes


def findings_for(
    locators: Sequence[str],
    per_item: Sequence[Sequence[Entry]],
    text_scanner: TextDetector,
    scanner: str,
    keeper: EvidenceKeeper,
) -> list[tuple[list[Finding], list[str]]]:
    """Findings for each item's entries, and what the text scanner cut from their free text (text/normalize.py);
    all free text of the batch goes through the text scanner at once."""
    entries = [normalised_entries(item_entries) for item_entries in per_item]
    texts = [e.value for item_entries in entries for e in item_entries if e.rule in (TEXT, AUTHOR, PERSON, SOFTWARE)]
    analyses = iter(text_scanner.analyse(texts) if texts else [])
    results: list[tuple[list[Finding], list[str]]] = []
    for locator, item_entries in zip(locators, entries, strict=True):
        findings: list[Finding] = []
        cuts: list[str] = []
        for entry in item_entries:
            if entry.rule in STRUCTURED:
                findings.append(_structured(locator, entry, scanner, keeper))
            if entry.rule in (TEXT, AUTHOR, PERSON, SOFTWARE):
                analysis = next(analyses)
                cuts.extend(f"{entry.field}: {cut}" for cut in analysis.cuts)
                for detection in analysis.detections:
                    if _keep(entry.rule, detection):
                        findings.append(to_finding(locator, "metadata", entry.field, entry.value, detection, scanner, keeper))
        results.append((findings, cuts))
    return results


def _keep(rule: str, detection: Detection) -> bool:
    from auditor.scanners.text.entities import ENTITIES

    identifier = ENTITIES[detection.entity].identifier
    if rule in (AUTHOR, PERSON):
        return identifier != "names"
    if rule == SOFTWARE:
        return identifier in _SOFTWARE_KEPT
    return True


def _structured(locator: str, entry: Entry, scanner: str, keeper: EvidenceKeeper) -> Finding:
    entity, identifier = STRUCTURED[entry.rule]
    return masked_finding(
        keeper,
        entry.value,
        item=locator,
        source="metadata",
        field=entry.field,
        entity=entity,
        identifier=identifier,
        span=(0, len(entry.value)),
        scanner=scanner,
    )


def printable_runs(data: bytes, minimum: int = 4) -> str:
    """The printable ASCII runs of an unparseable block, one per line, for the text scanner."""
    return "\n".join(m.group(0).decode("ascii") for m in re.finditer(rb"[\x20-\x7e]{%d,}" % minimum, data[:_LONGEST_VALUE]))
