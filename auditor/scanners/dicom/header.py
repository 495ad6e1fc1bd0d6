"""The DICOM header scanner: every PS3.15 Annex E attribute present in a header, at any depth, as findings.

Conventions (see README.md in this folder for the full list):

- `field` is the attribute path: the keyword (`PatientName`), sequence items by index
  (`RequestAttributesSequence[0].RequestedProcedureID`), a standard tag without keyword as `(gggg,eeee)`, a
  private element as `(gggg,eeee)@CREATOR` (its tag as stored, then its private creator; `@?` when the creator
  is missing).
- `entity` of an Annex E finding is `DICOM_ANNEX_E_<action>`, the Basic Profile action with `/` as `_`
  (`DICOM_ANNEX_E_Z`, `DICOM_ANNEX_E_X_Z_D`, `DICOM_ANNEX_E_X_Z_U` for `X/Z/U*`); private elements are
  `DICOM_ANNEX_E_X`. Text found inside a value keeps the text scanner's entity (`US_SSN`, `PHONE_NUMBER`, ...).
  Other entities: `MEDICAL_IMAGE` (Modality, BodyPartExamined; health `medical_image`), `BURNED_IN_TEXT_RISK`,
  `DEIDENTIFIED`, `DICOM_FILE_REFERENCE` (DICOMDIR), `DICOM_UNREADABLE_ELEMENT`.
- A value's finding has `span = (0, len(value_text))`; a multi-valued identifier gives one finding per value,
  its span inside the `\\`-joined text. Sequences, binary values and risks have `span = None`.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from pydicom.datadict import dictionary_has_tag, dictionary_keyword, private_dictionary_description
from pydicom.dataelem import RawDataElement
from pydicom.multival import MultiValue

from auditor.evidence import EvidenceKeeper
from auditor.media.dicom import STRING_VRS, dictionary_vr, plain_strings, read_header, truncation
from auditor.model import Finding, Item, masked_finding
from auditor.scanners.base import PartialScan, Scanner
from auditor.scanners.dicom.burned_in import burned_in_risks
from auditor.scanners.dicom.deid import declared_deidentified, is_not_a_name, is_pseudonym, retains_uids
from auditor.scanners.dicom.rules import Rule, annex_e
from auditor.scanners.text.availability import text_detector_missing_reason
from auditor.scanners.versions import KINDS, VERSIONS

if TYPE_CHECKING:
    from pydicom.dataelem import DataElement
    from pydicom.dataset import Dataset

    from auditor.scanners.text.detector import Detection

SOURCE = "metadata"
_TEXT_VRS = frozenset({"LO", "LT", "SH", "ST", "UC", "UT"})
_BINARY_VRS = frozenset({"OB", "OD", "OF", "OL", "OV", "OW", "UN"})
_AGE = re.compile(r"^\s*(\d{1,3})\s*([DWMY])\s*$", re.IGNORECASE)
_DAYS_PER = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Y": 365.25}
_HEALTH_KEYWORDS = frozenset({"Modality", "BodyPartExamined"})
_DEID_KEYWORDS = frozenset({"PatientIdentityRemoved", "DeidentificationMethod"})
_NUMERIC_VRS = frozenset({"AT", "DS", "FD", "FL", "IS", "OD", "OF", "OL", "OV", "OW", "SL", "SS", "SV", "UL", "US", "UV"})
#: Standard elements outside Annex E that are still read: sequences (walked) and free text.
_WALKED_VRS = frozenset({"SQ", "LT", "ST", "UT"})
#: Modality, BodyPartExamined, PatientIdentityRemoved, DeidentificationMethod, its code sequence, ReferencedFileID.
_SPECIAL_TAGS = frozenset({0x00080060, 0x00180015, 0x00120062, 0x00120063, 0x00120064, 0x00041500})
#: A private value that reads as an identifier: one token of 7-20 letters, digits and hyphens, 7 or more digits
#: (six are a time of day, HHMMSS), and no calendar date (YYYYMMDD, or with a time after it).
_ID_SHAPE = re.compile(
    r"(?!(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\d{6})?$)(?=(?:[^\d]*\d){7})[A-Za-z0-9][A-Za-z0-9-]{5,18}[A-Za-z0-9]"
)
#: A vendor's element name that says its value is something else: "Patient Creation Time", "CSA Series Header Version".
_NOT_AN_ID_NAME = re.compile(r"time|date|version|size|length|count|number\s+of", re.IGNORECASE)
#: A private creator or element name that says what such a value is: "PATIENT_ID", "Patient Number", "MRN".
_PATIENT_ID_WORDS = re.compile(r"\bmrn\b|medical[\s_.-]*record|\b(?:patient|pat|pt)[\s_.-]*(?:id|identifier|number|no)\b", re.IGNORECASE)
_UNDEFINED = 0xFFFFFFFF
_SKIP, _COUNT, _READ = 0, 1, 2
#: How many (value, identifier) → (evidence, digest) pairs a scanner keeps between batches, and how many characters
#: of value: a series repeats its patient, study and equipment values in every file, and its long free texts too
#: (a vendor's XML of 27,000 characters in every slice, each sighting masked and hashed in 0.4 ms).
_MASKED_KEPT = 100_000
_MASKED_CHARS = 4_000_000
#: A longer value is masked and hashed each time it is seen.
_MASKED_LONGEST = 100_000


class TextDetector(Protocol):
    def detect(self, texts: Sequence[str]) -> list[list[Detection]]: ...


class MaskedValues:
    """The evidence and digest of the values seen under one keeper, each masked and hashed once."""

    def __init__(self, keeper: EvidenceKeeper) -> None:
        self.keeper = keeper
        self._known: dict[tuple[str, str | None], tuple[str, str]] = {}
        self._chars = 0

    def full(self) -> bool:
        return len(self._known) > _MASKED_KEPT or self._chars > _MASKED_CHARS

    def get(self, value: str, kind: str | None) -> tuple[str, str]:
        """(evidence, digest) of `value` as `kind`."""
        known = self._known.get((value, kind))
        if known is None:
            known = (self.keeper.evidence(value, kind), self.keeper.digest(value, kind))
            if len(value) <= _MASKED_LONGEST:
                self._known[value, kind] = known
                self._chars += len(value)
        return known


@dataclass
class HeaderScan:
    """One header's findings, and its free-text values (field, text) still to be read by the text scanner."""

    findings: list[Finding] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)


class DicomHeaderScanner(Scanner):
    name = "dicom_header"
    version = VERSIONS[name]
    kinds = KINDS[name]
    uses_text_detector = True
    #: It reads the header only, and stops before the pixels.
    reads_dicom_pixels = False
    covers = frozenset({"metadata"})
    groups_items = True

    def __init__(self, text_detector: TextDetector | None = None) -> None:
        self._text_detector = text_detector
        self._masked: MaskedValues | None = None

    def _detector(self) -> TextDetector:
        if self._text_detector is None:
            from auditor.scanners.text import detector

            self._text_detector = detector.TextDetector()
        return self._text_detector

    def unavailable_reason(self) -> str | None:
        if importlib.util.find_spec("pydicom") is None:
            return "pydicom is not installed (pip install 'pydicom>=3')"
        reason = text_detector_missing_reason()
        return f"free-text header values need the text scanner: {reason}" if reason else None

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        datasets = [read_header(item.payload) for item in items]
        cut_short = [truncation(dataset) for dataset in datasets]  # before scanning reads (and converts) the elements
        if self._masked is None or keeper != self._masked.keeper or self._masked.full():
            self._masked = MaskedValues(keeper)
        scans = [scan_header(dataset, item.locator, keeper, self.name, self._masked) for dataset, item in zip(datasets, items)]
        keys = [(index, path, text) for index, scan in enumerate(scans) for path, text in scan.texts]
        if keys:
            from auditor.scanners.text.detector import to_finding

            detections = self._detector().detect([text for _, _, text in keys])
            for (index, path, text), found in zip(keys, detections, strict=True):
                scans[index].findings.extend(to_finding(items[index].locator, SOURCE, path, text, d, self.name, keeper) for d in found)
        return [PartialScan(cut, scan.findings) if cut else scan.findings for scan, cut in zip(scans, cut_short)]


def scan_header(
    dataset: Dataset,
    locator: str,
    keeper: EvidenceKeeper,
    scanner: str = DicomHeaderScanner.name,
    masked: MaskedValues | None = None,
) -> HeaderScan:
    """The findings of one header (without the text scanner's: those texts are returned in `texts`).

    `masked` keeps the evidence and digest of values already seen under `keeper`, so that each is masked and
    hashed once.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom warns on every odd value; the values are still read
        patient_id = str(dataset.get("PatientID", "") or "").strip()
        walk = _Walk(
            locator,
            keeper,
            scanner,
            uids_are_original=not (declared_deidentified(dataset) and not retains_uids(dataset)),
            patient_id_shape=_shape(patient_id) if patient_id and not is_pseudonym(patient_id) else "",
            masked=MaskedValues(keeper) if masked is None else masked,
        )
        file_meta = getattr(dataset, "file_meta", None)
        if file_meta is not None:
            walk.dataset(file_meta, "")
        walk.dataset(dataset, "")
        for risk in burned_in_risks(dataset):
            walk.add(risk.field, "BURNED_IN_TEXT_RISK", None, None, risk.code, span=None, evidence=risk.code, digest="", score=risk.score)
    return walk.scan


class _Walk:
    def __init__(
        self,
        locator: str,
        keeper: EvidenceKeeper,
        scanner: str,
        uids_are_original: bool,
        patient_id_shape: str,
        masked: MaskedValues,
    ) -> None:
        self.locator = locator
        self.keeper = keeper
        self.scanner = scanner
        self.uids_are_original = uids_are_original
        self.patient_id_shape = patient_id_shape
        self.masked = masked
        self.rules = annex_e()
        self.scan = HeaderScan()

    def add(
        self,
        path: str,
        entity: str,
        identifier: str | None,
        health: str | None,
        value: str,
        *,
        span: tuple[int, int] | None = (-1, -1),
        evidence: str | None = None,
        digest: str | None = None,
        score: float = 1.0,
    ) -> None:
        if evidence is None or digest is None:
            known = self.masked.get(value, identifier or health)
            evidence = known[0] if evidence is None else evidence
            digest = known[1] if digest is None else digest
        self.scan.findings.append(
            masked_finding(
                self.keeper,
                value,
                item=self.locator,
                source=SOURCE,
                field=path,
                entity=entity,
                identifier=identifier,
                health=health,
                span=(0, len(value)) if span == (-1, -1) else span,
                score=score,
                scanner=self.scanner,
                evidence=evidence,
                digest=digest,
            )
        )

    # -- the walk ------------------------------------------------------------------------------------------

    def dataset(self, dataset: Dataset, prefix: str) -> None:
        private_counts: dict[str, int] = {}
        creators: dict[int, str] = {}
        for key, raw in list(dataset._dict.items()):  # raw elements: skip the irrelevant ones unconverted
            tag = int(key)
            relevance = self.relevance(tag, raw)
            if relevance == _SKIP:
                continue
            if relevance == _COUNT:
                creator = creators.get(tag >> 8) or creators.setdefault(tag >> 8, _creator(dataset, tag))
                block = f"{prefix}({tag >> 16:04X},{tag & 0xFF00:04X}-{tag & 0xFFFF | 0x00FF:04X})@{creator}"
                private_counts[block] = private_counts.get(block, 0) + 1
                continue
            plain = plain_strings(tag, raw)
            if plain is not None:
                self.standard_value(prefix, tag, *plain)
                continue
            try:
                element = dataset[key]
            except Exception as error:
                self.add(
                    prefix + _tag_text(tag),
                    "DICOM_UNREADABLE_ELEMENT",
                    None,
                    None,
                    "",
                    span=None,
                    evidence=f"<{type(error).__name__}>",
                    digest="",
                )
                continue
            if element.tag.is_private:
                self.private(dataset, element, prefix, private_counts)
            else:
                self.standard(element, prefix)
        for path, count in private_counts.items():
            self.add(path, self.rules.private.entity, None, None, "", span=None, evidence=f"<{count} non-text private elements>", digest="")

    def relevance(self, tag: int, raw: object) -> int:
        """Whether an element needs reading: most of a header (pixel geometry, numeric private data) does not."""
        if not isinstance(raw, RawDataElement):
            return _READ
        vr = raw.VR
        if raw.length == 0:
            return _SKIP
        group, number = tag >> 16, tag & 0xFFFF
        if group & 1:
            if number == 0 or (0x0010 <= number <= 0x00FF and vr != "SQ" and raw.length != _UNDEFINED):
                return _SKIP
            if vr in _NUMERIC_VRS:
                return _COUNT
            if vr is None or vr in ("UN", "OB"):
                if raw.length == _UNDEFINED or _printable(raw.value or b"") is not None:
                    return _READ
                return _COUNT
            return _READ
        return _READ if _standard_read(tag, vr) or raw.length == _UNDEFINED else _SKIP

    def standard(self, element: DataElement, prefix: str) -> None:
        if element.tag.element == 0x0000:  # group length
            return
        keyword, name, rule = _standard_tag(int(element.tag))
        path = prefix + name
        if element.VR == "SQ":
            items = element.value or ()
            if rule is not None and len(items):
                self.add(path, rule.entity, None, None, "", span=None, evidence=f"<sequence of {len(items)} item(s)>", digest="")
            for index, item in enumerate(items):
                self.dataset(item, f"{path}[{index}].")
            if keyword == "DeidentificationMethodCodeSequence":
                codes = "\\".join(str(item.get("CodeValue", "")).strip() for item in items)
                self.add(path, "DEIDENTIFIED", None, None, codes, evidence=codes)
            return
        if element.VR in _BINARY_VRS and isinstance(element.value, (bytes, bytearray)):
            if rule is not None and element.value:
                self.binary(path, rule.entity, element)
            return
        self.standard_value(prefix, int(element.tag), element.VR, _values(element))

    def standard_value(self, prefix: str, tag: int, vr: str, values: list[str]) -> None:
        """A standard element's string values: an Annex E finding, a health or de-identification marker, or free text."""
        keyword, name, rule = _standard_tag(tag)
        path = prefix + name
        parts, text = _parts(values)
        if not parts:
            return
        if keyword == "ReferencedFileID":
            self.add(path, "DICOM_FILE_REFERENCE", None, None, "/".join(part for part, _ in parts))
            return
        if rule is None and keyword not in _HEALTH_KEYWORDS and keyword not in _DEID_KEYWORDS and vr not in ("LT", "ST", "UT"):
            return  # not in Annex E: retained by the profile, not a finding
        if keyword in _HEALTH_KEYWORDS:
            self.add(path, "MEDICAL_IMAGE", None, "medical_image", text)
        if keyword in _DEID_KEYWORDS:
            plain = text.upper() in ("YES", "NO")
            self.add(path, "DEIDENTIFIED", None, None, text, evidence=text.upper() if plain else None)
            if keyword == "DeidentificationMethod":
                self.scan.texts.append((path, text))
            return
        if rule is None:
            self.scan.texts.append((path, text))  # LT/ST/UT outside Annex E: free text still read
            return
        self.annex_value(path, rule, vr, parts, text)

    def annex_value(self, path: str, rule: Rule, vr: str, parts: list[tuple[str, int]], text: str) -> None:
        if rule.rule == "free_text":
            self.add(path, rule.entity, None, None, text)
            self.scan.texts.append((path, text))
            return
        if rule.rule == "age":
            self.add(path, rule.entity, "dates" if _age_over_89(text) else None, None, text)
            return
        if rule.identifier is None:
            self.add(path, rule.entity, None, None, text)
            return
        for value, start in parts:
            identifier: str | None = rule.identifier
            if vr == "UI" and not self.uids_are_original:
                identifier = None  # a de-identified file (PatientIdentityRemoved YES) replaced its UIDs
            elif (identifier == "names" and is_not_a_name(value)) or (identifier != "dates" and vr != "UI" and is_pseudonym(value)):
                identifier = None
            self.add(path, rule.entity, identifier, None, value, span=(start, start + len(value)))

    def private_id(self, tag: int, creator: str, value: str) -> str | None:
        """A private value shaped like an identifier is one: the patient's record number (`mrn`) when its private
        creator or the vendor's name for the element says patient ID or MRN, or when it has the letter/digit
        pattern of this file's PatientID (a second record number of the same hospital); `other_unique_id` else;
        nothing when the vendor's name for the element says it holds a time, a date, a version or a size."""
        name = _private_name(tag, creator)
        if _NOT_AN_ID_NAME.search(name):
            return None
        said = f"{creator} {name}"
        if _PATIENT_ID_WORDS.search(said) or (self.patient_id_shape and _shape(value) == self.patient_id_shape):
            return "mrn"
        return "other_unique_id"

    def binary(self, path: str, entity: str, element: DataElement) -> None:
        data = bytes(element.value)
        digest = self.keeper.digest(hashlib.sha256(data).hexdigest(), None)
        self.add(path, entity, None, None, "", span=None, evidence=f"<{element.VR} {len(data)} bytes>", digest=digest)

    def private(self, dataset: Dataset, element: DataElement, prefix: str, counts: dict[str, int]) -> None:
        tag = element.tag
        if tag.element == 0x0000 or (0x0010 <= tag.element <= 0x00FF and element.VR != "SQ"):
            return  # group length; private creators (gggg,0010-00FF) are read with their elements
        creator = _creator(dataset, int(tag))
        path = f"{prefix}({tag.group:04X},{tag.element:04X})@{creator}"
        entity = self.rules.private.entity
        if element.VR == "SQ":
            items = element.value or ()
            if len(items):
                self.add(path, entity, None, None, "", span=None, evidence=f"<sequence of {len(items)} item(s)>", digest="")
            for index, item in enumerate(items):
                self.dataset(item, f"{path}[{index}].")
            return
        text = None
        if element.VR in STRING_VRS:
            parts, text = _parts(_values(element))
            if not parts:
                return
        elif element.VR in ("OB", "UN") and isinstance(element.value, (bytes, bytearray)):
            text = _printable(bytes(element.value))
        if text is None:
            if element.value not in (None, b"", ""):
                block = f"{prefix}({tag.group:04X},{tag.element & 0xFF00:04X}-{tag.element | 0x00FF:04X})@{creator}"
                counts[block] = counts.get(block, 0) + 1
            return
        identifier = {"PN": "names", "DA": "dates", "DT": "dates"}.get(element.VR)
        if identifier == "names" and is_not_a_name(text):
            identifier = None
        elif identifier is None and _ID_SHAPE.fullmatch(text) and not is_pseudonym(text):
            identifier = self.private_id(int(tag), creator, text)
        self.add(path, entity, identifier, None, text)
        if element.VR in _TEXT_VRS or element.VR in ("OB", "UN"):
            self.scan.texts.append((path, text))


@functools.lru_cache(maxsize=8192)  # bounded: a hostile header can hold any number of distinct tags
def _standard_tag(tag: int) -> tuple[str, str, Rule | None]:
    """(keyword, name in a path, Annex E rule) of a standard tag; the keyword as DataElement.keyword gives it (none
    for repeating groups), the name its keyword or `(gggg,eeee)`."""
    keyword = dictionary_keyword(tag) if dictionary_has_tag(tag) else ""
    return keyword, keyword or _tag_text(tag), annex_e().lookup(tag)


@functools.lru_cache(maxsize=8192)
def _standard_read(tag: int, vr: str | None) -> bool:
    """A standard element worth reading whatever its length: Annex E, a special marker, a sequence, free text."""
    return tag in _SPECIAL_TAGS or _standard_tag(tag)[2] is not None or (vr or dictionary_vr(tag)) in _WALKED_VRS


def _private_name(tag: int, creator: str) -> str:
    """The element's name in pydicom's dictionaries of vendors' private tags, or ''."""
    try:
        return private_dictionary_description(tag, creator)
    except KeyError:
        return ""


def _shape(value: str) -> str:
    """A value's letter/digit pattern: `MRN0012345` → `AAA9999999`."""
    return re.sub(r"[^\W\d_]", "A", re.sub(r"\d", "9", value))


def _creator(dataset: Dataset, tag: int) -> str:
    number = tag & 0xFFFF
    if number < 0x1000:
        return "?"
    try:
        element = dataset.get(((tag >> 16) << 16) | (number >> 8))
    except Exception:
        return "?"
    if element is None or not element.value:
        return "?"
    value = element.value
    return (value.decode("latin-1") if isinstance(value, bytes) else str(value)).strip(" \x00") or "?"


def _tag_text(tag: int) -> str:
    return f"({tag >> 16:04X},{tag & 0xFFFF:04X})"


def _values(element: DataElement) -> list[str]:
    """The values of a converted element as strings."""
    value = element.value
    if value is None:
        return []
    values = list(value) if isinstance(value, (list, tuple, MultiValue)) else [value]
    return [v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values]


def _parts(values: list[str]) -> tuple[list[tuple[str, int]], str]:
    """The non-empty `values` with their offsets in the `\\`-joined text, and that text."""
    strings = [value.strip() for value in values]
    parts = []
    offset = 0
    for value in strings:
        if value:
            parts.append((value, offset))
        offset += len(value) + 1
    return parts, ("\\".join(strings) if parts else "")


def _printable(data: bytes) -> str | None:
    """Text held in an OB/UN value, when it is (nearly) all printable: private strings in implicit-VR files."""
    stripped = data.strip(b"\x00 ")
    if len(stripped) < 2 or len(stripped) > 65536:
        return None
    text = stripped.decode("latin-1")
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    if printable < len(text) or not any(c.isalpha() for c in text):
        return None
    return text


def _age_over_89(text: str) -> bool:
    match = _AGE.match(text)
    if not match:
        return False
    days = int(match.group(1)) * _DAYS_PER[match.group(2).upper()]
    return days >= 90 * 365.25
