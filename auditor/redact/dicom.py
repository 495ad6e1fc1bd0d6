"""Redacted copies of DICOM files: the header under PS3.15 Annex E's Basic Application Level Confidentiality
Profile, and burned-in text boxes filled in the pixels of every frame.

Header: every attribute of the 621 in `auditor/scanners/dicom/annex_e.json`, at every sequence depth (and in
the file meta), gets its action: X removed, Z emptied, D a dummy value, U a UID replaced, K kept; the
combined actions take the one that keeps no value and the element where it may be required (X/D → X,
X/Z, Z/D, X/Z/D → Z, X/Z/U* → U; a dummy date is still a date to a reader). The options the profile names (`--dicom-profile basic+retain-long-dates+retain-uids+...`) turn an
action into K where the table says so. Private elements are all removed (no safe-private list ships).
Replacement UIDs are `2.25.` UIDs derived from the store's digest key and the original (HMAC-SHA256), so one study stays one study across the whole corpus and across runs,
and the original cannot be read back without the key. PatientIdentityRemoved is YES and
DeidentificationMethod(CodeSequence) name the profile and options (CID 7050: 113100, 113101, 113106 ...).

Written here rather than through dicognito or deid: dicognito applies its own fixed actions (random
pseudonyms, shifted dates) rather than Annex E's table with its options and codes, and deid's header recipes
and its pixel cleaner (manufacturer coordinate lists) would duplicate the table this project already ships and
ignore the boxes our OCR found; pydicom does the reading, decoding and writing.

Pixels: decoded with pydicom's pixel handlers (`Dataset.pixel_array`: palette indices as stored, YBR
converted to RGB), each box filled on every frame with the darkest value (MONOCHROME1's maximum, MONOCHROME2's
minimum, the darkest palette entry), and written back uncompressed (`Dataset.set_pixel_data`, which sets
Explicit VR Little Endian and the pixel attributes). Overlays and curves (60xx/50xx) are removed by the table.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import io
import json
import warnings

import numpy as np

from auditor.redact.pixels import boxes_of, cover
from auditor.redact.text import Refused
from auditor.scanners.dicom.rules import DATA as ANNEX_E_DATA

#: `--dicom-profile` option names → (Annex E table option column, CID 7050 code, code meaning).
OPTIONS = {
    "retain-long-dates": ("rtnLongFullDatesOpt", "113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    "retain-uids": ("rtnUIDsOpt", "113110", "Retain UIDs Option"),
    "retain-device-id": ("rtnDevIdOpt", "113109", "Retain Device Identity Option"),
    "retain-patient-chars": ("rtnPatCharsOpt", "113108", "Retain Patient Characteristics Option"),
    "retain-institution-id": ("rtnInstIdOpt", "113112", "Retain Institution Identity Option"),
}
_BASIC = ("113100", "Basic Application Confidentiality Profile")
_CLEAN_PIXELS = ("113101", "Clean Pixel Data Option")
_COMBINED = {"X/Z": "Z", "X/D": "X", "Z/D": "Z", "X/Z/D": "Z", "X/Z/U*": "U"}
_DUMMY = {"PN": "ANONYMIZED", "DA": "19000101", "TM": "000000", "DT": "19000101000000", "AS": "000Y", "CS": "ANONYMIZED"}
_NUMERIC = frozenset({"IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV"})


def parse_profile(profile: str) -> tuple[str, ...]:
    """The options of a `basic[+option...]` profile; ValueError names an unknown one."""
    head, *options = [part.strip() for part in profile.split("+")]
    unknown = [o for o in options if o not in OPTIONS]
    if head != "basic" or unknown:
        raise ValueError(f"unknown DICOM profile {profile!r}: basic, then +{' +'.join(OPTIONS)}")
    return tuple(options)


@functools.cache
def _actions() -> dict[int, tuple[str, dict[str, str]]]:
    """tag → (action, options) for every Annex E attribute with a fixed tag; repeating groups by mask."""
    rows = json.loads(ANNEX_E_DATA.read_text(encoding="utf-8"))["attributes"]
    fixed = [r for r in rows if r["rule"] != "private" and all(c in "0123456789ABCDEFabcdef" for c in r["tag"][1:5] + r["tag"][6:10])]
    return {int(r["tag"][1:5] + r["tag"][6:10], 16): (r["action"], r["options"]) for r in fixed}


def _repeating(tag: int) -> bool:
    """Curve data (50xx,xxxx) and overlay data and comments (60xx,3000/4000), removed by the Basic Profile."""
    group, element = tag >> 16, tag & 0xFFFF
    return (group & 0xFF00) == 0x5000 or ((group & 0xFF00) == 0x6000 and element in (0x3000, 0x4000))


def redact_dicom(item, findings, boxed, context, header: bool = True) -> tuple[bytes, dict]:
    """The redacted file and what was done. `header=False` only fills more boxes (a second pass). Raises Refused."""
    from pydicom import dcmread

    options = parse_profile(context.options.dicom_profile)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset = dcmread(io.BytesIO(item.payload or b""), force=True)
            boxes = boxes_of(boxed)
            frames = _fill_pixels(dataset, boxes) if boxes else 0
            counts: dict[str, int] = {}
            if header:
                mapper = _UidMapper(context.digest_key)
                _apply(dataset, options, mapper, counts)
                if getattr(dataset, "file_meta", None) is not None:
                    _apply(dataset.file_meta, options, mapper, counts)
                    if "SOPInstanceUID" in dataset:
                        dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
                _mark(dataset, options, bool(boxes))
            out = io.BytesIO()
            dataset.save_as(out, enforce_file_format=False)
    except Refused:
        raise
    except Exception as error:  # noqa: BLE001 - any read, decode or write failure refuses the item
        raise Refused(f"DICOM could not be redacted: {type(error).__name__}: {' '.join(str(error).split())[:200]}") from None
    return out.getvalue(), {"boxes": boxes, "frames_filled": frames, "header_actions": counts, "profile": context.options.dicom_profile}


class _UidMapper:
    """Original UID → replacement, the same for the same UID under the same key (corpus-wide, every run)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __call__(self, uid: str) -> str:
        """`2.25.` and 128 bits of HMAC-SHA256(key, uid), as PS3.5 B.2 derives UIDs from UUIDs. (pydicom's
        `generate_uid` ignores its entropy sources under the 2.25 root, where it draws a random UUID.)"""
        value = str(uid).strip().rstrip("\x00")
        return f"2.25.{int.from_bytes(hmac.new(self._key, value.encode(), hashlib.sha256).digest()[:16], 'big')}" if value else ""


def _apply(dataset, options: tuple[str, ...], uid: _UidMapper, counts: dict[str, int]) -> None:
    """Every element of `dataset` and of its sequences' items, by its Annex E action."""
    actions = _actions()
    chosen = {OPTIONS[o][0] for o in options}
    for element in list(dataset):
        tag = int(element.tag)
        if element.tag.is_private or _repeating(tag):
            del dataset[element.tag]
            counts["X"] = counts.get("X", 0) + 1
            continue
        rule = actions.get(tag)
        if rule is None:
            if element.VR == "SQ":
                for child in element.value or []:
                    _apply(child, options, uid, counts)
            continue
        action, table_options = rule
        for column in chosen & set(table_options):
            if table_options[column] == "K":
                action = "K"
        action = _COMBINED.get(action, action)
        if element.VR == "SQ" and action in ("D", "U"):
            action = "K"  # a sequence's dummy or new UIDs are its items de-identified, walked below
        counts[action] = counts.get(action, 0) + 1
        if action == "X":
            del dataset[element.tag]
        elif action == "Z":
            element.value = [] if element.VR == "SQ" else None
        elif action == "D":
            _dummy(element, uid)
        elif action == "U":
            element.value = [uid(v) for v in element.value] if element.VM > 1 else uid(element.value)
        if element.VR == "SQ" and action == "K" and element.tag in dataset:
            for child in element.value or []:
                _apply(child, options, uid, counts)


def _dummy(element, uid: _UidMapper) -> None:
    if element.VR == "UI":
        element.value = uid(element.value)
    elif element.VR in _NUMERIC:
        element.value = 0
    elif element.VR in ("OB", "OW", "UN", "OD", "OF", "OL", "OV"):
        element.value = b"\x00\x00"
    else:
        element.value = _DUMMY.get(element.VR, "ANONYMIZED")


def mark_no_burned_in_text(data: bytes) -> bytes:
    """The copy with BurnedInAnnotation NO: called only when the verifying re-scan read no text in its pixels."""
    from pydicom import dcmread

    dataset = dcmread(io.BytesIO(data), force=True)
    dataset.BurnedInAnnotation = "NO"
    out = io.BytesIO()
    dataset.save_as(out, enforce_file_format=False)
    return out.getvalue()


def _mark(dataset, options: tuple[str, ...], cleaned_pixels: bool) -> None:
    """PatientIdentityRemoved, DeidentificationMethod and its code sequence, as PS3.15 E.1.1 asks."""
    from pydicom.dataset import Dataset

    codes = [_BASIC] + ([_CLEAN_PIXELS] if cleaned_pixels else []) + [OPTIONS[o][1:] for o in options]
    dataset.PatientIdentityRemoved = "YES"
    dataset.DeidentificationMethod = [meaning for _, meaning in codes]  # LO, 64 characters a value: one value each
    items = []
    for value, meaning in codes:
        code = Dataset()
        code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, "DCM", meaning
        items.append(code)
    dataset.DeidentificationMethodCodeSequence = items
    dataset.LongitudinalTemporalInformationModified = "UNMODIFIED" if "retain-long-dates" in options else "REMOVED"


def _fill_pixels(dataset, boxes: list[list[int]]) -> int:
    """Fill the boxes in every frame; the pixels are written back uncompressed. Returns the frames filled."""
    if "PixelData" not in dataset:
        raise Refused("pixel findings but no pixel data to fill")
    photometric = str(dataset.get("PhotometricInterpretation", "MONOCHROME2")).strip().upper()
    array = dataset.pixel_array.copy()
    frames = int(dataset.get("NumberOfFrames", 1) or 1)
    samples = int(dataset.get("SamplesPerPixel", 1) or 1)
    stack = array if frames > 1 else array[None, ...]
    if photometric.startswith("YBR"):
        photometric = "RGB"  # pixel_array converted it
    fill = _darkest(dataset, stack, photometric)
    for frame in stack:
        cover(frame, boxes, "fill", fill if samples == 1 else np.zeros(samples, dtype=frame.dtype))
    dataset.set_pixel_data(stack if frames > 1 else stack[0], photometric, int(dataset.BitsStored), generate_instance_uid=False)
    return len(stack)


def _darkest(dataset, stack: np.ndarray, photometric: str):
    if photometric == "MONOCHROME1":
        return stack.max()
    if photometric == "PALETTE COLOR":
        from pydicom.pixels import apply_color_lut

        indices = np.unique(stack)
        rgb = apply_color_lut(indices.astype(stack.dtype), dataset).astype(np.float64)
        return indices[int(np.argmin(rgb.reshape(len(indices), -1, 3)[:, 0, :] @ [0.299, 0.587, 0.114]))]
    return stack.min()
