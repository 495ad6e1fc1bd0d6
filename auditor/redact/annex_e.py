"""A DICOM header under PS3.15 Annex E's Basic Application Level Confidentiality Profile and the options chosen.

Every attribute of the 621 in `auditor/scanners/dicom/annex_e.json`, at every sequence depth (and in the file
meta), gets its action: X removed, Z emptied, D a dummy value, U a UID replaced, K kept; the combined actions
take the one that keeps no value and the element where it may be required (X/D → X, X/Z, Z/D, X/Z/D → Z,
X/Z/U* → U; a dummy date is still a date to a reader). An option (`--dicom-profile basic+clean-descriptors+...`)
turns an attribute's action into its own where the table gives one: K keeps the value; C cleans it, which is

- text (descriptors, AE titles, patient characteristics, a safe private text): the text scanner run over the
  value and only the spans it finds replaced in the run's text style, so "Chest PA, Dr. Okonkwo" keeps
  "Chest PA" where the base profile would remove it all;
- a sequence (structured content, graphic annotations): kept, its items walked under the table, and every
  text in them cleaned as above (names in SR PersonName still get their own D), where the base D gives the
  free text of its items (an SR TextValue, a graphic's UnformattedTextValue) a dummy value;
- a date or date-time (Retain Longitudinal Temporal Information with Modified Dates): shifted back by a
  number of days keyed to the patient (HMAC of the store's key and the original PatientID), the same for all
  of one patient's files, so intervals survive and the real dates cannot be read back; times are kept; a date
  that does not parse is emptied;
- private elements (Retain Safe Private): those on the safe-private list (`safe_private.json`) kept and their
  text cleaned, their private creators with them; every other private element removed.

Where a clean cannot be proved here the base action stays (fail closed), and that is on purpose: overlay
data and comments, and curves (60xx, 50xx), are removed even under Clean Graphics, because no scanner of this
project reads the text an overlay bitmap may draw; binary timestamps (FrameOriginTimestamp,
CertifiedTimestamp) keep their base action under Modified Dates, since their encoding is not a DICOM date.

Replacement UIDs are `2.25.` UIDs derived from the store's digest key and the original (HMAC-SHA256), so one
study stays one study across the whole corpus and across runs, and the original cannot be read back without
the key. PatientIdentityRemoved is YES and DeidentificationMethod(CodeSequence) name the profile and options
(CID 7050: 113100, 113101, 113103 ... 113112).

Written here rather than through dicognito or deid: dicognito applies its own fixed actions (random
pseudonyms, shifted dates) rather than Annex E's table with its options and codes, and deid's header recipes
would duplicate the table this project already ships; pydicom does the reading and writing.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import json
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from auditor.redact import safe_private
from auditor.scanners.dicom.rules import DATA as ANNEX_E_DATA

if TYPE_CHECKING:
    from pydicom.dataelem import DataElement

#: `--dicom-profile` option names → (Annex E table option column, CID 7050 code, code meaning).
OPTIONS = {
    "retain-long-dates": ("rtnLongFullDatesOpt", "113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    "retain-long-modified-dates": ("rtnLongModifDatesOpt", "113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    "retain-uids": ("rtnUIDsOpt", "113110", "Retain UIDs Option"),
    "retain-device-id": ("rtnDevIdOpt", "113109", "Retain Device Identity Option"),
    "retain-patient-chars": ("rtnPatCharsOpt", "113108", "Retain Patient Characteristics Option"),
    "retain-institution-id": ("rtnInstIdOpt", "113112", "Retain Institution Identity Option"),
    "retain-safe-private": ("rtnSafePrivOpt", "113111", "Retain Safe Private Option"),
    "clean-descriptors": ("cleanDescOpt", "113105", "Clean Descriptors Option"),
    "clean-structured-content": ("cleanStructContOpt", "113104", "Clean Structured Content Option"),
    "clean-graphics": ("cleanGraphOpt", "113103", "Clean Graphics Option"),
}
BASIC = ("113100", "Basic Application Confidentiality Profile")
CLEAN_PIXELS = ("113101", "Clean Pixel Data Option")
COMBINED = {"X/Z": "Z", "X/D": "X", "Z/D": "Z", "X/Z/D": "Z", "X/Z/U*": "U"}
_EXCLUSIVE = frozenset({"retain-long-dates", "retain-long-modified-dates"})
_DUMMY = {"PN": "ANONYMIZED", "DA": "19000101", "TM": "000000", "DT": "19000101000000", "AS": "000Y", "CS": "ANONYMIZED"}
_NUMERIC = frozenset({"IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV"})
_BINARY = frozenset({"OB", "OW", "UN", "OD", "OF", "OL", "OV"})
#: Value representations a clean reads as text.
TEXT_VRS = frozenset({"AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UT"})
#: The free text a D sequence's items get a dummy for (their codes and structure, CS/SH/LO, are kept).
_FREE_TEXT_VRS = frozenset({"LT", "PN", "ST", "UC", "UT"})
#: The most days a patient's dates are shifted back (ten years), and the least (one).
_MAX_SHIFT_DAYS = 3650


def parse_profile(profile: str) -> tuple[str, ...]:
    """The options of a `basic[+option...]` profile; ValueError names an unknown one or a conflicting pair."""
    head, *options = [part.strip() for part in profile.split("+")]
    unknown = [o for o in options if o not in OPTIONS]
    if head != "basic" or unknown:
        raise ValueError(f"unknown DICOM profile {profile!r}: basic, then +{' +'.join(OPTIONS)}")
    if set(options) >= _EXCLUSIVE:
        raise ValueError(f"DICOM profile {profile!r}: {' and '.join(sorted(_EXCLUSIVE))} exclude each other")
    return tuple(options)


@functools.cache
def actions() -> dict[int, tuple[str, dict[str, str]]]:
    """tag → (action, options) for every Annex E attribute with a fixed tag; repeating groups by mask."""
    rows = json.loads(ANNEX_E_DATA.read_text(encoding="utf-8"))["attributes"]
    fixed = [r for r in rows if r["rule"] != "private" and all(c in "0123456789ABCDEFabcdef" for c in r["tag"][1:5] + r["tag"][6:10])]
    return {int(r["tag"][1:5] + r["tag"][6:10], 16): (r["action"], r["options"]) for r in fixed}


def repeating(tag: int) -> bool:
    """Curve data (50xx,xxxx) and overlay data and comments (60xx,3000/4000), removed by the Basic Profile."""
    group, element = tag >> 16, tag & 0xFFFF
    return (group & 0xFF00) == 0x5000 or ((group & 0xFF00) == 0x6000 and element in (0x3000, 0x4000))


def resolve(action: str, table_options: dict[str, str], columns: frozenset[str]) -> str:
    """The action under the chosen options: C when one of them cleans (the stricter of C and K), K when one
    retains, else the base action with a combined one made single."""
    chosen = {table_options[column] for column in columns & set(table_options)}
    if "C" in chosen:
        return "C"
    if "K" in chosen:
        return "K"
    return COMBINED.get(action, action)


class UidMapper:
    """Original UID → replacement, the same for the same UID under the same key (corpus-wide, every run)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __call__(self, uid: str) -> str:
        """`2.25.` and 128 bits of HMAC-SHA256(key, uid), as PS3.5 B.2 derives UIDs from UUIDs. (pydicom's
        `generate_uid` ignores its entropy sources under the 2.25 root, where it draws a random UUID.)"""
        value = str(uid).strip().rstrip("\x00")
        return f"2.25.{int.from_bytes(hmac.new(self._key, value.encode(), hashlib.sha256).digest()[:16], 'big')}" if value else ""


def shift_days(key: bytes, patient_id: str) -> int:
    """How many days this patient's dates go back: 1 to 3650, keyed, the same in every file and run."""
    digest = hmac.new(key, b"date-shift\x00" + patient_id.strip().encode("utf-8", "replace"), hashlib.sha256).digest()
    return 1 + int.from_bytes(digest[:4], "big") % _MAX_SHIFT_DAYS


def shifted(value: str, vr: str, days: int) -> str:
    """A DA or DT value `days` earlier (a DT keeps its time and offset); "" when it is not a full date."""
    text = str(value).strip()
    try:
        date = datetime.datetime.strptime(text[:8], "%Y%m%d").date()
    except ValueError:
        return ""
    if vr == "DA" and len(text) != 8:
        return ""
    return (date - datetime.timedelta(days=days)).strftime("%Y%m%d") + (text[8:] if vr == "DT" else "")


class HeaderWalk:
    """One header de-identified in place: each element's action, and the texts to clean handed to `clean`
    (element, path in the header scanner's notation), which the caller cleans in one batch afterwards."""

    def __init__(self, options: tuple[str, ...], uid: UidMapper, clean: Callable[[DataElement, str], None], days: int) -> None:
        self.columns = frozenset(OPTIONS[o][0] for o in options)
        self.safe_private = "retain-safe-private" in options
        self.uid = uid
        self.clean = clean
        self.days = days
        self.counts: Counter[str] = Counter()

    def dataset(self, dataset, prefix: str = "", free_text: str | None = None) -> None:
        """Every element of `dataset` and of its sequences' items. Inside a sequence whose action is D or C,
        the values the table does not list get that action too (`free_text`): under D the free text
        (LT, ST, UT, UC, PN: an SR TextValue, a graphic's UnformattedTextValue) a dummy, under C every text
        value cleaned."""
        table = actions()
        for element in list(dataset):
            tag = int(element.tag)
            if element.tag.is_private:
                self.private(dataset, element, prefix)
                continue
            if repeating(tag):
                self.remove(dataset, element)
                continue
            path = prefix + (element.keyword or f"({element.tag.group:04X},{element.tag.element:04X})")
            rule = table.get(tag)
            if rule is None:
                if element.VR == "SQ":
                    self.items(element, path, free_text)
                elif free_text == "C" and element.VR in TEXT_VRS and element.value:
                    self.clean(element, path)
                    self.counts["C"] += 1
                elif free_text == "D" and element.VR in _FREE_TEXT_VRS and element.value:
                    self.dummy(element)
                    self.counts["D"] += 1
                continue
            self.standard(dataset, element, path, resolve(rule[0], rule[1], self.columns))
        if self.safe_private:
            _drop_unused_creators(dataset)

    def standard(self, dataset, element, path: str, action: str) -> None:
        if element.VR == "SQ" and action in ("D", "U", "C"):
            self.counts[action] += 1  # a sequence's dummy, new UIDs or clean are its items de-identified
            self.items(element, path, action if action in ("D", "C") else None)
            return
        if action == "C":
            action = self.cleaned(element, path)
        self.counts[action] += 1
        if action == "X":
            self.remove(dataset, element, counted=True)
        elif action == "Z":
            element.value = [] if element.VR == "SQ" else None
        elif action == "D":
            self.dummy(element)
        elif action == "U":
            element.value = [self.uid(v) for v in element.value] if element.VM > 1 else self.uid(element.value)
        elif action == "K" and element.VR == "SQ":
            self.items(element, path, None)

    def cleaned(self, element, path: str) -> str:
        """Apply a C action to a non-sequence element; the action that was applied (C, or the base one kept)."""
        if element.VR in ("DA", "DT"):
            values = [shifted(v, element.VR, self.days) for v in (element.value if element.VM > 1 else [element.value])]
            element.value = values if element.VM > 1 else values[0]
            return "C"
        if element.VR == "TM":
            return "C"  # times are kept: the shift is a whole number of days
        if element.VR in TEXT_VRS:
            if element.value:
                self.clean(element, path)
            return "C"
        action, _ = actions()[int(element.tag)]
        return COMBINED.get(action, action)  # a binary value has no clean proved here: its base action

    def items(self, element, path: str, free_text: str | None) -> None:
        for index, child in enumerate(element.value or []):
            self.dataset(child, f"{path}[{index}].", free_text)

    def private(self, dataset, element, prefix: str) -> None:
        """Removed, unless the Retain Safe Private Option keeps it: on the list, its text cleaned (C)."""
        tag = element.tag
        if self.safe_private and tag.element >= 0x1000:
            creator = dataset.get((tag.group, tag.element >> 8))
            name = str(creator.value) if creator is not None and creator.value else ""
            if name and safe_private.is_safe(name, int(tag), element.VR):
                self.counts["C"] += 1
                if element.VR in TEXT_VRS and element.value:
                    self.clean(element, f"{prefix}({tag.group:04X},{tag.element:04X})@{name.strip()}")
                return
        if self.safe_private and 0x0010 <= tag.element <= 0x00FF:
            return  # a private creator: kept while an element of its block is (see _drop_unused_creators)
        self.remove(dataset, element)

    def remove(self, dataset, element, counted: bool = False) -> None:
        del dataset[element.tag]
        if not counted:
            self.counts["X"] += 1

    def dummy(self, element) -> None:
        if element.VR == "UI":
            element.value = self.uid(element.value)
        elif element.VR in _NUMERIC:
            element.value = 0
        elif element.VR in _BINARY:
            element.value = b"\x00\x00"
        else:
            element.value = _DUMMY.get(element.VR, "ANONYMIZED")


def _drop_unused_creators(dataset) -> None:
    """The private creators whose block keeps no element, removed (a creator alone names a vendor, no more)."""
    used = {(int(e.tag.group), int(e.tag.element) >> 8) for e in dataset if e.tag.is_private and e.tag.element >= 0x1000}
    for element in [e for e in dataset if e.tag.is_private and 0x0010 <= e.tag.element <= 0x00FF]:
        if (int(element.tag.group), int(element.tag.element)) not in used:
            del dataset[element.tag]


def mark(dataset, options: tuple[str, ...], cleaned_pixels: bool) -> None:
    """PatientIdentityRemoved, DeidentificationMethod and its code sequence, as PS3.15 E.1.1 asks."""
    from pydicom.dataset import Dataset

    codes = [BASIC] + ([CLEAN_PIXELS] if cleaned_pixels else []) + [OPTIONS[o][1:] for o in options]
    dataset.PatientIdentityRemoved = "YES"
    dataset.DeidentificationMethod = [meaning for _, meaning in codes]  # LO, 64 characters a value: one value each
    items = []
    for value, meaning in codes:
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, "DCM", meaning
        items.append(code)
    dataset.DeidentificationMethodCodeSequence = items
    dataset.LongitudinalTemporalInformationModified = (
        "UNMODIFIED" if "retain-long-dates" in options else "MODIFIED" if "retain-long-modified-dates" in options else "REMOVED"
    )
