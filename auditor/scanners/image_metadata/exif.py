"""EXIF (Pillow's `Image.Exif`): IFD0, the Exif IFD and the GPS IFD, as entries.

Fields are `EXIF:<tag name>` with the EXIF/TIFF tag name (`EXIF:Artist`, `EXIF:DateTimeOriginal`,
`EXIF:XPComment`), and two composed ones: `EXIF:GPSPosition` (GPSLatitude/Ref + GPSLongitude/Ref) and
`EXIF:GPSDestPosition`. Make, Model, Software, resolution, orientation and exposure are harmless and read
no further; MakerNote (vendor binary) and ImageUniqueID (an image's id, not a person's) are not read.
GPS values are used only when they are numbers: a string, a zero denominator (NaN) or a wrong arity is
skipped, never raised.
"""

from __future__ import annotations

import math
from typing import Any

from PIL import Image

from auditor.scanners.image_metadata.entries import AUTHOR, DATE, SERIAL, TEXT, Entry
from auditor.scanners.image_metadata.xmp import entries as xmp_entries
from auditor.scanners.image_metadata.xmp import gps_position

EXIF_IFD = 0x8769
GPS_IFD = 0x8825

#: tag -> (name, rule) for IFD0 and the Exif IFD (Pillow merges nothing: each IFD is read on its own).
TAGS: dict[int, tuple[str, str]] = {
    0x010D: ("DocumentName", TEXT),
    0x010E: ("ImageDescription", TEXT),
    0x011D: ("PageName", TEXT),
    0x0132: ("DateTime", DATE),
    0x013B: ("Artist", AUTHOR),
    0x013C: ("HostComputer", TEXT),
    0x8298: ("Copyright", TEXT),
    0x9003: ("DateTimeOriginal", DATE),
    0x9004: ("DateTimeDigitized", DATE),
    0x9286: ("UserComment", TEXT),
    0x9C9B: ("XPTitle", TEXT),
    0x9C9C: ("XPComment", TEXT),
    0x9C9D: ("XPAuthor", AUTHOR),
    0x9C9E: ("XPKeywords", TEXT),
    0x9C9F: ("XPSubject", TEXT),
    0xA430: ("CameraOwnerName", AUTHOR),
    0xA431: ("BodySerialNumber", SERIAL),
    0xA435: ("LensSerialNumber", SERIAL),
    0xA436: ("ImageTitle", TEXT),
    0xA437: ("Photographer", AUTHOR),
    0xA438: ("ImageEditor", AUTHOR),
    0xC62F: ("CameraSerialNumber", SERIAL),
}
_GPS_TEXT = {0x1C: ("GPSAreaInformation", TEXT), 0x1D: ("GPSDateStamp", DATE)}
_XP_TAGS = frozenset({0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F})
_CHARSET_TAGS = frozenset({0x9286, 0x1C})  # UserComment, GPSAreaInformation: 8-byte character code first
_XML_PACKET = 700


def entries(exif: Image.Exif) -> list[Entry]:
    """Entries of IFD0, the Exif IFD, the GPS IFD, and an XMP packet in IFD0 (TIFF tag 700)."""
    found: list[Entry] = []
    little = getattr(exif, "endian", "<") != ">"
    for ifd in (_plain(exif), _ifd(exif, EXIF_IFD)):
        for tag, value in ifd.items():
            if tag in TAGS:
                name, rule = TAGS[tag]
                text = decode(value, tag, little)
                if text:
                    found.append(Entry(f"EXIF:{name}", text, rule))
    packet = _plain(exif).get(_XML_PACKET)
    if isinstance(packet, (bytes, str)):
        found.extend(xmp_entries(packet))
    gps = _ifd(exif, GPS_IFD)
    for tag, (name, rule) in _GPS_TEXT.items():
        text = decode(gps.get(tag), tag, little)
        if text:
            found.append(Entry(f"EXIF:{name}", text, rule))
    for lat, lat_ref, lon, lon_ref, field in ((2, 1, 4, 3, "EXIF:GPSPosition"), (0x14, 0x13, 0x16, 0x15, "EXIF:GPSDestPosition")):
        position = gps_position(degrees(gps.get(lat), gps.get(lat_ref), "S"), degrees(gps.get(lon), gps.get(lon_ref), "W"))
        if position:
            found.append(Entry(field, position, "gps"))
    return found


def _plain(exif: Image.Exif) -> dict[int, Any]:
    try:
        return dict(exif)
    except Exception:
        return {}


def _ifd(exif: Image.Exif, tag: int) -> dict[int, Any]:
    """A sub-IFD as a dict; a missing or malformed one (pointer to nowhere, loop) reads as empty."""
    try:
        ifd = exif.get_ifd(tag)
    except Exception:
        return {}
    return ifd if isinstance(ifd, dict) else {}


def decode(value: Any, tag: int = 0, little: bool = True) -> str:
    """A tag's value as text: XP* tags are UTF-16LE bytes, UserComment has an 8-byte charset header."""
    if value is None:
        return ""
    if isinstance(value, tuple) and all(isinstance(v, int) and 0 <= v < 256 for v in value):
        value = bytes(value)
    if isinstance(value, str):
        return value.replace("\x00", "").strip()
    if not isinstance(value, bytes):
        return ""
    if tag in _XP_TAGS:
        return value.decode("utf-16-le", "replace").replace("\x00", "").strip()
    if tag in _CHARSET_TAGS and len(value) >= 8:
        return _charset_text(value[:8], value[8:], little)
    return bytes_text(value)


def _charset_text(header: bytes, body: bytes, little: bool) -> str:
    if header.startswith(b"UNICODE"):
        if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
            text = body.decode("utf-16", "replace")
        else:  # writers disagree on byte order: the TIFF's, or always little-endian; keep the likelier text
            orders = ("utf-16-le", "utf-16-be") if little else ("utf-16-be", "utf-16-le")
            text = max((body.decode(order, "replace") for order in orders), key=_plausibility)
    elif header.startswith(b"JIS"):
        text = body.decode("shift_jis", "replace")
    else:  # ASCII, undefined (eight NULs) or no header at all
        text = bytes_text(body if header.startswith((b"ASCII", b"\x00" * 8)) else header + body)
    return text.replace("\x00", "").strip()


def _plausibility(text: str) -> int:
    """How many characters look like ordinary text (Latin, punctuation, spaces): wrong-order UTF-16 is CJK soup."""
    return sum(1 for char in text if char < "\u0250" and (char.isprintable() or char.isspace()))


def bytes_text(value: bytes) -> str:
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        text = value.decode("latin-1")
    return text.replace("\x00", "").strip()


def degrees(value: Any, reference: Any, negative: str) -> float | None:
    """Degrees, minutes, seconds (rationals, numbers, (num, den) pairs) in signed decimal degrees, or None."""
    parts = [_number(part) for part in value] if isinstance(value, (list, tuple)) else [_number(value)]
    numbers = [part for part in parts if part is not None]
    if not 1 <= len(parts) <= 3 or len(numbers) != len(parts):
        return None
    result = sum(number / 60**i for i, number in enumerate(numbers))
    if not math.isfinite(result):
        return None
    if isinstance(reference, bytes):
        reference = reference.decode("latin-1", "replace")
    if isinstance(reference, str) and reference.strip().upper().startswith(negative):
        result = -abs(result)
    return result


def _number(value: Any) -> float | None:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        numerator, denominator = (_number(v) for v in value)
        if numerator is None or not denominator:
            return None
        return numerator / denominator
    if isinstance(value, (bool, str, bytes)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None
