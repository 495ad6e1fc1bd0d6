"""PNG chunks read directly: Pillow's `im.text` and PNG `getexif()` call `load()` (they decode the pixels to
reach chunks after the image data), which metadata reading must never do, so the chunk list is walked here.

Fields: `PNG:<chunk>:<keyword>` for text chunks (`PNG:tEXt:Comment`, `PNG:iTXt:Description`,
`PNG:zTXt:Author`); an `eXIf` chunk gives `EXIF:*` fields, an XMP iTXt (`XML:com.adobe.xmp`) gives `XMP:*`
fields, ImageMagick's `Raw profile type exif|xmp` give the same, `iCCP` gives `ICC:*`. Compressed chunks are
inflated to at most 1 MB each (Pillow's own limit), so a zip bomb in a zTXt is refused, not expanded.
`Software` and ImageMagick's `date:create`/`date:modify` (file-system times at conversion) are not findings;
`Author` is AUTHOR and `Creation Time` is IMAGE_DATE; every other keyword's text goes to the text scanner.
A PNG cut before IEND raises: chunks after the cut (text often follows the image data) are unread.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

from PIL import Image

from auditor.scanners.image_metadata import exif as exif_reader
from auditor.scanners.image_metadata import xmp as xmp_reader
from auditor.scanners.image_metadata.entries import AUTHOR, DATE, TEXT, Entry, printable_runs

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TEXT = 1_000_000
_MAX_CHUNKS = 200_000
_KEYWORD_RULES = {"author": AUTHOR, "creation time": DATE}
_HARMLESS_KEYWORDS = frozenset({"software", "date:create", "date:modify", "date:timestamp", "xml:com.adobe.xmp"})


class PngError(ValueError):
    """A PNG whose chunks cannot be read; the message is one line."""


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of each chunk up to IEND. Raises PngError for a file cut short before IEND."""
    if not data.startswith(SIGNATURE):
        raise PngError("not a PNG (bad signature)")
    found: list[tuple[bytes, bytes]] = []
    position = len(SIGNATURE)
    while len(found) < _MAX_CHUNKS:
        if position + 8 > len(data):
            raise PngError(f"truncated PNG: file ends at byte {len(data)} before the IEND chunk; later chunks unread")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 8 + length
        if end + 4 > len(data):
            raise PngError(f"truncated PNG: {kind.decode('latin-1')!r} chunk at byte {position} runs past the end of the file")
        found.append((kind, data[position + 8 : end]))
        if kind == b"IEND":
            return found
        position = end + 4
    raise PngError(f"PNG has more than {_MAX_CHUNKS} chunks; refused")


def _inflate(compressed: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(compressed, MAX_TEXT)
    except zlib.error as error:
        raise PngError(f"PNG compressed chunk is corrupt: {error}") from None
    if inflater.unconsumed_tail:
        raise PngError(f"PNG compressed chunk inflates past {MAX_TEXT} bytes (decompression bomb?); refused")
    return text


def text_chunk(kind: bytes, data: bytes) -> tuple[str, str] | None:
    """(keyword, text) of a tEXt, zTXt or iTXt chunk."""
    keyword, _, rest = data.partition(b"\x00")
    name = keyword.decode("latin-1", "replace")
    if kind == b"tEXt":
        return name, rest.decode("latin-1")
    if kind == b"zTXt":
        return name, _inflate(rest[1:]).decode("latin-1")
    if kind == b"iTXt":
        if len(rest) < 2:
            return None
        compressed = rest[0]
        _language, _, rest = rest[2:].partition(b"\x00")
        _translated, _, text = rest.partition(b"\x00")
        raw = _inflate(text) if compressed else text
        return name, raw.decode("utf-8", "replace")
    return None


def entries(data: bytes, icc_entries: Callable[[bytes], list[Entry]]) -> list[Entry]:
    """Entries of every metadata chunk; `icc_entries` reads an ICC profile (the scanner's ImageCms reader)."""
    found: list[Entry] = []
    for kind, body in chunks(data):
        if kind in (b"tEXt", b"zTXt", b"iTXt"):
            parsed = text_chunk(kind, body)
            if parsed is None:
                continue
            keyword, text = parsed
            found.extend(_text_entries(kind.decode("ascii"), keyword, text))
        elif kind == b"eXIf":
            found.extend(_exif_entries(body))
        elif kind == b"iCCP":
            _name, _, rest = body.partition(b"\x00")
            found.extend(icc_entries(_inflate(rest[1:])))
    return found


def _text_entries(kind: str, keyword: str, text: str) -> list[Entry]:
    folded = keyword.casefold()
    if folded == "xml:com.adobe.xmp":
        return xmp_reader.entries(text)
    if folded.startswith("raw profile type "):
        profile = _raw_profile(text)
        if profile is not None:
            if folded.endswith(("exif", "app1")):
                return _exif_entries(profile)
            if folded.endswith("xmp"):
                return xmp_reader.entries(profile)
    if folded in _HARMLESS_KEYWORDS:
        return []
    return [Entry(f"PNG:{kind}:{keyword}", text, _KEYWORD_RULES.get(folded, TEXT))]


def _raw_profile(text: str) -> bytes | None:
    """ImageMagick's `\\n<name>\\n   <length>\\n<hex…>` encoding."""
    lines = text.strip().split("\n", 2)
    if len(lines) < 3:
        return None
    try:
        return bytes.fromhex("".join(lines[2].split()))
    except ValueError:
        return None


def _exif_entries(data: bytes) -> list[Entry]:
    exif = Image.Exif()
    try:
        exif.load(data)
    except Exception:
        return [Entry("EXIF:(unparsed)", printable_runs(data), TEXT)]
    return exif_reader.entries(exif)
