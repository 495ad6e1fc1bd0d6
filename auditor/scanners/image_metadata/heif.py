"""HEIC/HEIF metadata from the ISOBMFF boxes, without decoding anything: Pillow 13 reads AVIF but not
HEIC, and pillow-heif (a 5.7 MB wheel, 27 MB installed, bundling libheif/libde265 under LGPL and libx265
under GPL-2.0) would be needed only to decode pixels, which metadata reading never does. The `meta` box
lists the items (`iinf`/`infe`) and where their bytes are (`iloc`, in the file or in `idat`); the `Exif`
item and the `mime` item of type `application/rdf+xml` (XMP) are all there is to read, plus an ICC profile
in a `colr` property.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

_CONTAINERS = {b"iprp", b"ipco"}
_MAX_BOXES = 100_000


class HeifError(ValueError):
    """A HEIF file whose metadata boxes cannot be read; the message is one line."""


@dataclass
class HeifMetadata:
    exif: list[bytes] = field(default_factory=list)
    xmp: list[bytes] = field(default_factory=list)
    icc: list[bytes] = field(default_factory=list)


def is_isobmff(data: bytes) -> bool:
    return data[4:8] == b"ftyp"


def _boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the boxes in data[start:end]."""
    found: list[tuple[bytes, int, int]] = []
    position = start
    while position + 8 <= end and len(found) < _MAX_BOXES:
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        header = 8
        if size == 1:
            if position + 16 > end:
                raise HeifError(f"truncated HEIF: box {kind!r} at byte {position} has no 64-bit size")
            size = struct.unpack(">Q", data[position + 8 : position + 16])[0]
            header = 16
        elif size == 0:
            size = end - position
        if size < header or position + size > end:
            raise HeifError(f"truncated HEIF: box {kind.decode('latin-1')!r} at byte {position} runs past its container")
        found.append((kind, position + header, position + size))
        position += size
    return found


def read(data: bytes) -> HeifMetadata:
    """The Exif, XMP and ICC blocks of a HEIF/HEIC/AVIF file. Raises HeifError when there is no readable meta box."""
    top = {kind: (start, end) for kind, start, end in _boxes(data, 0, len(data))}
    if b"meta" not in top:
        raise HeifError("HEIF file has no 'meta' box: its metadata cannot be read (pillow-heif is not used)")
    start, end = top[b"meta"]
    children = _boxes(data, start + 4, end)  # meta is a FullBox
    boxes = {kind: (s, e) for kind, s, e in children}
    types, mime = _item_types(data, *boxes.get(b"iinf", (0, 0)))
    locations = _locations(data, *boxes.get(b"iloc", (0, 0)))
    idat = boxes.get(b"idat")
    result = HeifMetadata()
    for item, kind in types.items():
        if kind == b"Exif" or (kind == b"mime" and mime.get(item, "").startswith("application/rdf+xml")):
            payload = _item_bytes(data, locations.get(item, []), idat)
            if kind == b"Exif":
                if len(payload) >= 4:
                    offset = struct.unpack(">I", payload[:4])[0]
                    result.exif.append(payload[4 + offset :] if 4 + offset < len(payload) else payload[4:])
            else:
                result.xmp.append(payload)
    if b"iprp" in boxes:
        result.icc.extend(_icc(data, *boxes[b"iprp"]))
    return result


def _item_types(data: bytes, start: int, end: int) -> tuple[dict[int, bytes], dict[int, str]]:
    types: dict[int, bytes] = {}
    mime: dict[int, str] = {}
    if end <= start:
        return types, mime
    version = data[start]
    first = start + 4 + (2 if version == 0 else 4)
    for kind, s, e in _boxes(data, first, end):
        if kind != b"infe" or e - s < 4:
            continue
        infe_version = data[s]
        if infe_version < 2:
            continue
        position = s + 4
        id_size = 2 if infe_version == 2 else 4
        item = int.from_bytes(data[position : position + id_size], "big")
        position += id_size + 2
        item_type = data[position : position + 4]
        position += 4
        types[item] = item_type
        if item_type == b"mime":
            _name, _, rest = data[position:e].partition(b"\x00")
            content_type, _, _ = rest.partition(b"\x00")
            mime[item] = content_type.decode("latin-1", "replace")
    return types, mime


def _locations(data: bytes, start: int, end: int) -> dict[int, list[tuple[int, int, int]]]:
    """item -> [(construction method, offset, length)]."""
    locations: dict[int, list[tuple[int, int, int]]] = {}
    if end - start < 8:
        return locations
    version = data[start]
    position = start + 4
    sizes = data[position] << 8 | data[position + 1]
    offset_size, length_size, base_size, index_size = sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15, sizes & 15
    position += 2

    def number(size: int) -> int:
        nonlocal position
        if position + size > end:
            raise HeifError("truncated HEIF: 'iloc' box ends inside an entry")
        value = int.from_bytes(data[position : position + size], "big")
        position += size
        return value

    count = number(2 if version < 2 else 4)
    for _ in range(min(count, _MAX_BOXES)):
        item = number(2 if version < 2 else 4)
        method = number(2) & 15 if version in (1, 2) else 0
        number(2)  # data reference index
        base = number(base_size)
        extents = []
        for _ in range(number(2)):
            if version in (1, 2) and index_size:
                number(index_size)
            extents.append((method, base + number(offset_size), number(length_size)))
        locations[item] = extents
    return locations


def _item_bytes(data: bytes, extents: list[tuple[int, int, int]], idat: tuple[int, int] | None) -> bytes:
    parts = []
    for method, offset, length in extents:
        if method == 1 and idat is not None:
            start = idat[0] + offset
            parts.append(data[start : min(start + length, idat[1]) if length else idat[1]])
        elif method == 0:
            parts.append(data[offset : offset + length] if length else data[offset:])
    return b"".join(parts)


def _icc(data: bytes, start: int, end: int) -> list[bytes]:
    profiles = []
    for kind, s, e in _boxes(data, start, end):
        if kind in _CONTAINERS:
            profiles.extend(_icc(data, s, e))
        elif kind == b"colr" and data[s : s + 4] in (b"prof", b"rICC"):
            profiles.append(data[s + 4 : e])
    return profiles
