"""Bytes to text without ever failing: a BOM wins, then UTF-16 without BOM (NUL in every other byte), then
strict UTF-8, then detection (Windows-1252 for Latin script), then latin-1, which decodes anything."""

from __future__ import annotations

import codecs

import charset_normalizer

from auditor.corpus.sniff import utf16_without_bom

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


#: Single-byte code pages for Latin script that detection cannot tell apart on a short text.
_LATIN_SCRIPT_CODEPAGES = frozenset(
    {"cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp437", "latin_1", "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish"}
    | {f"iso8859_{n}" for n in (1, 2, 3, 4, 9, 10, 13, 14, 15, 16)}
)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode `data` and say how: returns (text, encoding). The BOM is not part of the text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    utf16 = utf16_without_bom(data[:512])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding not in _LATIN_SCRIPT_CODEPAGES:
        return str(best), best.encoding
    # Short Latin-script texts fit many code pages equally well; Windows-1252 is by far the most common.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
