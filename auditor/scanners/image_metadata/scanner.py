"""The image metadata scanner: EXIF, XMP, IPTC, PNG text chunks, JPEG/GIF comments and ICC descriptions.

Pillow opens the file lazily (`Image.open` parses headers only; `load()` is never called, so pixels are never
decoded); PNG chunks and HEIC boxes are walked directly where Pillow would have to decode (see png.py,
heif.py). Field names (one convention across formats, documented in the package docstring):

    EXIF:<tag>            EXIF:Artist, EXIF:DateTimeOriginal, EXIF:UserComment, EXIF:GPSPosition
    XMP:<prefix>:<name>   XMP:dc:creator, XMP:photoshop:City, XMP:exif:GPSPosition
    IPTC:<dataset>        IPTC:By-line, IPTC:City, IPTC:Caption-Abstract
    PNG:<chunk>:<keyword> PNG:tEXt:Comment, PNG:iTXt:Description
    JPEG:COM, GIF:Comment comments
    ICC:Description, ICC:Copyright  the colour profile's text
    <family>:(unparsed)   a block that could not be parsed, read as plain printable text
    <field> (frame N)     a value first seen in frame N of a multi-frame TIFF or GIF (every frame is read)

A JPEG's every APP1 segment is read: each EXIF segment (Pillow parses only the first), each XMP packet, and an
extended XMP packet split over segments.
"""

from __future__ import annotations

import io
import struct
import warnings
from typing import Any

from PIL import Image, ImageFile, UnidentifiedImageError

from auditor.scanners.image_metadata import exif as exif_reader
from auditor.scanners.image_metadata import heif, png
from auditor.scanners.image_metadata import xmp as xmp_reader
from auditor.scanners.image_metadata.entries import (
    AUTHOR,
    DATE,
    PLACE,
    TEXT,
    EntriesScanner,
    Entry,
    printable_runs,
)
from auditor.scanners.image_metadata.exif import bytes_text
from auditor.scanners.versions import KINDS, VERSIONS

#: IPTC IIM record 2 datasets that are read (others: program, version, urgency, codes, country/state).
IPTC_DATASETS: dict[int, tuple[str, str]] = {
    5: ("ObjectName", TEXT),
    25: ("Keywords", TEXT),
    40: ("SpecialInstructions", TEXT),
    55: ("DateCreated", DATE),
    62: ("DigitalCreationDate", DATE),
    80: ("By-line", AUTHOR),
    90: ("City", PLACE),
    92: ("Sub-location", PLACE),
    103: ("OriginalTransmissionReference", TEXT),
    105: ("Headline", TEXT),
    110: ("Credit", TEXT),
    115: ("Source", TEXT),
    116: ("CopyrightNotice", TEXT),
    118: ("Contact", TEXT),
    120: ("Caption-Abstract", TEXT),
    122: ("Writer-Editor", AUTHOR),
}


#: Frames of a multi-frame image (TIFF pages, GIF frames) whose metadata is read; an image with more is an error.
MAX_FRAMES = 10_000
_EXIF_HEAD = b"Exif\x00\x00"
_XMP_HEAD = b"http://ns.adobe.com/xap/1.0/\x00"
_EXTENDED_XMP_HEAD = b"http://ns.adobe.com/xmp/extension/\x00"


class ImageMetadataError(ValueError):
    """An image whose metadata cannot be read; the message is one line and says why."""


class ImageMetadataScanner(EntriesScanner):
    name = "image_metadata"
    version = VERSIONS[name]
    kinds = KINDS[name]

    def entries_of(self, data: bytes) -> list[Entry]:
        return read_entries(data)


def read_entries(data: bytes) -> list[Entry]:
    """Every metadata entry of an image. Raises ImageMetadataError (one line) when the file cannot be read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on every corrupt tag; what matters is raised
            return _read(data)
    except ImageMetadataError:
        raise
    except Exception as error:
        message = " ".join(str(error).split())[:300]
        raise ImageMetadataError(f"image metadata unreadable: {type(error).__name__}: {message}") from None


def _read(data: bytes) -> list[Entry]:
    if not data:
        raise ImageMetadataError("empty file: no image to read")
    if data.startswith(png.SIGNATURE):
        return png.entries(data, icc_entries)
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise ImageMetadataError(f"refused as a decompression bomb by Pillow ({error}); metadata not read") from None
    except UnidentifiedImageError:
        if heif.is_isobmff(data):
            return _heif_entries(data)
        raise ImageMetadataError("not an image Pillow can read (truncated, corrupt, or another format)") from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise ImageMetadataError(f"{' '.join(str(error).split())[:300] or type(error).__name__} (truncated or corrupt image)") from None
    with image:
        return _every_frames_entries(image)


def _every_frames_entries(image: ImageFile.ImageFile) -> list[Entry]:
    """The entries of every frame; a later frame's entry is named `... (frame N)` unless the first frames had it."""
    found = _pillow_entries(image)
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_FRAMES:
        raise ImageMetadataError(f"image has {frames} frames, over the {MAX_FRAMES}-frame limit; metadata not read past the first")
    known = {(entry.field, entry.value) for entry in found}
    for frame in range(1, frames):
        image.seek(frame)
        for entry in _pillow_entries(image):
            if (entry.field, entry.value) not in known:
                known.add((entry.field, entry.value))
                found.append(Entry(f"{entry.field} (frame {frame + 1})", entry.value, entry.rule))
    return found


def _pillow_entries(image: ImageFile.ImageFile) -> list[Entry]:
    found: list[Entry] = []
    found.extend(exif_reader.entries(image.getexif()))
    applist = getattr(image, "applist", None)
    if isinstance(applist, list):  # JPEG: every APP1 segment, not only the first EXIF and one XMP packet
        found.extend(_jpeg_app1_entries([body for marker, body in applist if marker == "APP1"]))
    else:
        packet = image.info.get("xmp")
        if isinstance(packet, (bytes, str)) and packet:
            found.extend(xmp_reader.entries(packet))
    found.extend(_iptc_entries(image))
    family = image.format or "IMAGE"
    if isinstance(applist, list):
        found.extend(Entry("JPEG:COM", bytes_text(body), TEXT) for marker, body in applist if marker == "COM")
    elif isinstance(image.info.get("comment"), (bytes, str)):
        comment = image.info["comment"]
        found.append(Entry(f"{family}:Comment", bytes_text(comment) if isinstance(comment, bytes) else comment, TEXT))
    icc = image.info.get("icc_profile")
    if isinstance(icc, bytes) and icc:
        found.extend(icc_entries(icc))
    return found


def _jpeg_app1_entries(segments: list[bytes]) -> list[Entry]:
    """EXIF segments after the first (Pillow reads only the first), every XMP packet and the extended XMP."""
    found: list[Entry] = []
    exif_blocks = [body for body in segments if body.startswith(_EXIF_HEAD)]
    for block in exif_blocks[1:]:
        found.extend(_exif_block_entries(block))
    for body in segments:
        if body.startswith(_XMP_HEAD):
            found.extend(xmp_reader.entries(body[len(_XMP_HEAD) :]))
    extended = sorted(
        (int.from_bytes(body[len(_EXTENDED_XMP_HEAD) + 36 : len(_EXTENDED_XMP_HEAD) + 40], "big"), body[len(_EXTENDED_XMP_HEAD) + 40 :])
        for body in segments
        if body.startswith(_EXTENDED_XMP_HEAD)
    )
    if extended:  # one packet split over segments (GUID 32 bytes, full length 4, offset 4), joined by offset
        found.extend(xmp_reader.entries(b"".join(part for _, part in extended)))
    return found


def _exif_block_entries(block: bytes) -> list[Entry]:
    exif = Image.Exif()
    try:
        exif.load(block)
    except Exception:
        return [Entry("EXIF:(unparsed)", printable_runs(block), TEXT)]
    return exif_reader.entries(exif)


def _iptc_entries(image: ImageFile.ImageFile) -> list[Entry]:
    from PIL import IptcImagePlugin

    try:
        info = IptcImagePlugin.getiptcinfo(image)
    except Exception:
        raw = (image.info.get("photoshop") or {}).get(0x0404) if isinstance(image.info.get("photoshop"), dict) else None
        return [Entry("IPTC:(unparsed)", printable_runs(raw), TEXT)] if isinstance(raw, bytes) else []
    found = []
    for (record, dataset), value in (info or {}).items():
        if record != 2 or dataset not in IPTC_DATASETS:
            continue
        name, rule = IPTC_DATASETS[dataset]
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, bytes):
                found.append(Entry(f"IPTC:{name}", bytes_text(part), rule))
    return found


def icc_entries(profile: bytes) -> list[Entry]:
    """The description and copyright text of an ICC profile (a custom profile's name can be anything)."""
    from PIL import ImageCms

    try:
        parsed = ImageCms.ImageCmsProfile(io.BytesIO(profile)).profile
        values: list[tuple[str, Any]] = [("Description", parsed.profile_description), ("Copyright", parsed.copyright)]
    except Exception:
        return [Entry("ICC:(unparsed)", printable_runs(profile[128:]), TEXT)]
    return [Entry(f"ICC:{name}", value, TEXT) for name, value in values if isinstance(value, str) and value.strip()]


def _heif_entries(data: bytes) -> list[Entry]:
    metadata = heif.read(data)
    found: list[Entry] = []
    for block in metadata.exif:
        found.extend(_exif_block_entries(block))
    for packet in metadata.xmp:
        found.extend(xmp_reader.entries(packet))
    for profile in metadata.icc:
        found.extend(icc_entries(profile))
    return found
