"""A DICOM header under PS3.15 Annex E's Basic Application Level Confidentiality Profile and the options chosen.

Every attribute of the 621 in `auditor/scanners/dicom/annex_e.json`, at every sequence depth (and in the file
meta), gets its action: X removed, Z emptied, D a dummy value, U a UID replaced, K kept; the combined actions
take the one that keeps no value and the element where it may be required (X/D → X, X/Z, Z/D, X/Z/D → Z,
X/Z/U* → U; a dummy date is still a date to a reader). An option (`--dicom-profile basic+clean-descriptors+...`)
turns an attribute's action into its own where the table gives one: K keeps the value; C cleans it, which is

- text (descriptors, AE titles, patient characteristics, overlay comments and curve labels under Clean
  Graphics, a safe private text): the text scanner run over the
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

Where a clean cannot be proved here the base action stays (fail closed), and that is on purpose: a binary
value under C keeps its base action, so overlay bitmaps (60xx,3000) and curve data are removed even under
Clean Graphics, because no scanner of this project reads the text an overlay bitmap may draw, and binary
timestamps (FrameOriginTimestamp, CertifiedTimestamp) keep theirs under Modified Dates, since their encoding
is not a DICOM date.

Replacement UIDs are `2.25.` UIDs derived from the store's digest key and the original (HMAC-SHA256), so one
study stays one study across the whole corpus and across runs, and the original cannot be read back without
the key. PatientIdentityRemoved is YES and DeidentificationMethod(CodeSequence) name the profile and options
(CID 7050: 113100, 113101, 113103 ... 113112). Which options exist is data: the option columns of the Annex E
table, each given its name and code in `deid_methods.json`; HeaderWalk names no attribute and no option.

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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.redact import safe_private
from auditor.scanners.dicom.rules import DATA as ANNEX_E_DATA

if TYPE_CHECKING:
    from pydicom.dataelem import DataElement

#: CID 7050 codes of the profile and of the options the table's columns offer (`deid_methods.json`).
METHODS = Path(__file__).with_name("deid_methods.json")
COMBINED = {"X/Z": "Z", "X/D": "X", "Z/D": "Z", "X/Z/D": "Z", "X/Z/U*": "U"}
_DUMMY = {"PN": "ANONYMIZED", "DA": "19000101", "TM": "000000", "DT": "19000101000000", "AS": "000Y", "CS": "ANONYMIZED"}
_NUMERIC = frozenset({"IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV"})
_BINARY = frozenset({"OB", "OW", "UN", "OD", "OF", "OL", "OV"})
#: Value representations a clean reads as text.
TEXT_VRS = frozenset({"AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UT"})
#: The free text a D sequence's items get a dummy for (their codes and structure, CS/SH/LO, are kept).
_FREE_TEXT_VRS = frozenset({"LT", "PN", "ST", "UC", "UT"})
#: The most days a patient's dates are shifted back (ten years), and the least (one).
_MAX_SHIFT_DAYS = 3650


@dataclass(frozen=True)
class Option:
    name: str  # as `--dicom-profile basic+NAME` takes it
    column: str  # the option's column in Table E.1-1 (annex_e.json)
    code: str  # CID 7050
    meaning: str
    temporal: str | None  # the LongitudinalTemporalInformationModified it sets, if any


@functools.cache
def methods() -> dict:
    """`deid_methods.json`, checked against the table: its options are exactly the table's option columns, so
    an option exists because the table gives it actions, and a rebuilt table's new column cannot go unnoticed."""
    data = json.loads(METHODS.read_text(encoding="utf-8"))
    rows = json.loads(ANNEX_E_DATA.read_text(encoding="utf-8"))["attributes"]
    columns = {column for row in rows for column in row["options"]}
    listed = {row["column"] for row in data["options"]}
    if listed != columns:
        raise RuntimeError(f"{METHODS.name} and the Annex E table disagree on the options: {sorted(listed ^ columns)}")
    return data


def offered() -> dict[str, Option]:
    """name → Option, for every option the Annex E table has a column for."""
    return {
        row["name"]: Option(row["name"], row["column"], row["code"], row["meaning"], row.get("temporal")) for row in methods()["options"]
    }


def parse_profile(profile: str) -> tuple[str, ...]:
    """The options of a `basic[+option...]` profile; ValueError names an unknown one or a conflicting pair."""
    head, *chosen = [part.strip() for part in profile.split("+")]
    known = offered()
    unknown = [o for o in chosen if o not in known]
    if head != "basic" or unknown:
        raise ValueError(f"unknown DICOM profile {profile!r}: basic, then +{' +'.join(known)}")
    for group in methods()["excludes"]:
        if set(chosen) >= set(group):
            raise ValueError(f"DICOM profile {profile!r}: {' and '.join(group)} exclude each other")
    return tuple(chosen)


def _hex_tag(row: dict) -> str:
    return row["tag"][1:5] + row["tag"][6:10]


@functools.cache
def actions() -> dict[int, tuple[str, dict[str, str]]]:
    """tag → (action, options) for every Annex E attribute with a fixed tag."""
    rows = json.loads(ANNEX_E_DATA.read_text(encoding="utf-8"))["attributes"]
    fixed = [r for r in rows if r["rule"] != "private" and "X" not in _hex_tag(r).upper()]
    return {int(_hex_tag(r), 16): (r["action"], r["options"]) for r in fixed}


@functools.cache
def masked() -> tuple[tuple[int, int, str, dict[str, str]], ...]:
    """(mask, value, action, options) of the table's repeating-group rows: curves (50xx,xxxx), overlay data
    (60xx,3000) and overlay comments (60xx,4000)."""
    rows = json.loads(ANNEX_E_DATA.read_text(encoding="utf-8"))["attributes"]
    found = []
    for row in rows:
        digits = _hex_tag(row).upper()
        if row["rule"] != "private" and "X" in digits:
            mask = int("".join("0" if c == "X" else "F" for c in digits), 16)
            found.append((mask, int(digits.replace("X", "0"), 16), row["action"], row["options"]))
    return tuple(found)


def rule_for(tag: int) -> tuple[str, dict[str, str]] | None:
    """(action, options) of the table's row for `tag`: its own, or its repeating group's; None when unlisted."""
    fixed = actions().get(tag)
    if fixed is not None:
        return fixed
    return next(((action, options) for mask, value, action, options in masked() if tag & mask == value), None)


@functools.cache
def private_rule() -> tuple[str, dict[str, str]]:
    """(action, options) of the table's row for private attributes (GGGG,EEEE)."""
    rows = json.loads(ANNEX_E_DATA.read_text(encoding="utf-8"))["attributes"]
    row = next(r for r in rows if r["rule"] == "private")
    return row["action"], row["options"]


def repeating(tag: int) -> bool:
    """An element of a repeating-group row (curves, overlay data and comments), removed by the Basic Profile."""
    return any(tag & mask == value for mask, value, _, _ in masked())


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
        self.columns = frozenset(offered()[name].column for name in options)
        action, table_options = private_rule()
        self.safe_private = resolve(action, table_options, self.columns) == "C"  # the table's C: Retain Safe Private
        self.uid = uid
        self.clean = clean
        self.days = days
        self.counts: Counter[str] = Counter()

    def dataset(self, dataset, prefix: str = "", free_text: str | None = None) -> None:
        """Every element of `dataset` and of its sequences' items. Inside a sequence whose action is D or C,
        the values the table does not list get that action too (`free_text`): under D the free text
        (LT, ST, UT, UC, PN: an SR TextValue, a graphic's UnformattedTextValue) a dummy, under C every text
        value cleaned."""
        for element in list(dataset):
            if element.tag.is_private:
                self.private(dataset, element, prefix)
                continue
            path = prefix + (element.keyword or f"({element.tag.group:04X},{element.tag.element:04X})")
            rule = rule_for(int(element.tag))
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
        rule = rule_for(int(element.tag))
        action = rule[0] if rule is not None else "X"
        return COMBINED.get(action, action)  # a binary value has no clean proved here: its base action

    def items(self, element, path: str, free_text: str | None) -> None:
        for index, child in enumerate(element.value or []):
            self.dataset(child, f"{path}[{index}].", free_text)

    def private(self, dataset, element, prefix: str) -> None:
        """Removed, unless the Retain Safe Private Option keeps it: on the list, its text cleaned (C), a UID replaced
        by its keyed UID as every standard one is, a sequence's items walked with their texts cleaned."""
        tag = element.tag
        if self.safe_private and tag.element >= 0x1000:
            creator = dataset.get((tag.group, tag.element >> 8))
            name = str(creator.value) if creator is not None and creator.value else ""
            if name and safe_private.is_safe(name, int(tag), element.VR):
                self.counts["C"] += 1
                path = f"{prefix}({tag.group:04X},{tag.element:04X})@{name.strip()}"
                if element.VR == "SQ":
                    self.items(element, path, "C")  # its items' texts cleaned, their private elements judged alike
                elif element.VR == "UI" and element.value:
                    element.value = [self.uid(v) for v in element.value] if element.VM > 1 else self.uid(element.value)
                elif element.VR in TEXT_VRS and element.value:
                    self.clean(element, path)
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

    data, chosen = methods(), [offered()[name] for name in options]
    profile, pixels = (data["profile"]["code"], data["profile"]["meaning"]), (data["clean_pixels"]["code"], data["clean_pixels"]["meaning"])
    codes = [profile] + ([pixels] if cleaned_pixels else []) + [(option.code, option.meaning) for option in chosen]
    dataset.PatientIdentityRemoved = "YES"
    dataset.DeidentificationMethod = [meaning for _, meaning in codes]  # LO, 64 characters a value: one value each
    items = []
    for value, meaning in codes:
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, "DCM", meaning
        items.append(code)
    dataset.DeidentificationMethodCodeSequence = items
    dataset.LongitudinalTemporalInformationModified = next((o.temporal for o in chosen if o.temporal), "REMOVED")
