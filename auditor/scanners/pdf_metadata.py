"""The PDF metadata scanner: the document information dictionary and the XMP packet, read with pypdf.

Fields: `PDF:<key>` for the Info dictionary (`PDF:Author`, `PDF:Title`, `PDF:Subject`, `PDF:Keywords`, and
any custom key an exporter wrote, e.g. `PDF:PatientName`), `XMP:<prefix>:<name>` for the XMP packet (the
same reader and convention as image XMP: `XMP:dc:creator`, `XMP:pdf:Keywords`).

What each is:
- Author (and XMP dc:creator, pdf:Author) is a person's name by definition -> AUTHOR (names), the whole value.
- Title, Subject, Keywords, custom keys, XMP descriptions -> free text through the text scanner
  (names, diagnoses, numbers found there keep the text scanner's entities and health categories).
- Creator and Producer (and XMP xmp:CreatorTool, pdf:Producer) are software: only the text scanner's
  pattern identifiers in them are reported ("Scanned by jane.doe@x.org" is; "Microsoft Word" is not, and
  neither are NER names, which fire on product names like "Adobe Acrobat Pro DC").
- CreationDate and ModDate (and XMP xmp:CreateDate/ModifyDate/MetadataDate) are *not* reported: they are
  when a program wrote the file (often the day someone downloaded a portal export), not an event of the
  person's care; a report's dates are in its page text, which the text/OCR scanners read.
Encrypted PDFs are opened with the empty user password (most "protected" PDFs only restrict printing);
one that needs a real password, or AES without the `cryptography` package, raises a clear error.
Page text is not read here.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from auditor.scanners.image_metadata import xmp as xmp_reader
from auditor.scanners.image_metadata.entries import AUTHOR, SOFTWARE, TEXT, EntriesScanner, Entry
from auditor.scanners.versions import KINDS, VERSIONS

INFO_RULES: dict[str, str] = {
    "Author": AUTHOR,
    "Creator": SOFTWARE,
    "Producer": SOFTWARE,
    "CreationDate": "",
    "ModDate": "",
    "Trapped": "",
}


class PdfMetadataError(ValueError):
    """A PDF whose metadata cannot be read; the message is one line and says why."""


class PdfMetadataScanner(EntriesScanner):
    name = "pdf_metadata"
    version = VERSIONS[name]
    kinds = KINDS[name]

    def entries_of(self, data: bytes) -> list[Entry]:
        return read_entries(data)


def read_entries(data: bytes) -> list[Entry]:
    """Every metadata entry of a PDF. Raises PdfMetadataError (one line) when it cannot be read."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return _read(data)
    except PdfMetadataError:
        raise
    except Exception as error:
        message = " ".join(str(error).split())[:300]
        raise PdfMetadataError(f"PDF metadata unreadable: {type(error).__name__}: {message}") from None


def _read(data: bytes) -> list[Entry]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        raise PdfMetadataError("not a PDF (no %PDF- header)")
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as error:
            raise PdfMetadataError(f"encrypted PDF: trying the empty password needs a package that is missing ({error})") from None
        if opened == PasswordType.NOT_DECRYPTED:
            raise PdfMetadataError("encrypted PDF: the empty password does not open it; metadata not read")
    found: list[Entry] = []
    info: dict[Any, Any] = reader.metadata or {}
    for key, value in info.items():
        name = str(key).lstrip("/")
        text = _text(value)
        rule = INFO_RULES.get(name, TEXT)
        if text and rule:
            found.append(Entry(f"PDF:{name}", text, rule))
    metadata = reader.root_object.get("/Metadata")
    if metadata is not None:
        stream = metadata.get_object()
        if hasattr(stream, "get_data"):
            found.extend(xmp_reader.entries(stream.get_data(), document=True))
    return found


def _text(value: Any) -> str:
    if hasattr(value, "get_object"):
        value = value.get_object()
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    if isinstance(value, (list, tuple)):
        return " ".join(part for part in (_text(v) for v in value) if part)
    return ""
