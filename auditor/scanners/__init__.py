"""Scanners, found through a registry by name. Each lives in its own module and is imported only when used,
so importing phi-audit never loads a model."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from auditor.model import Item
from auditor.scanners.base import Scanner, ScannerUnavailable
from auditor.scanners.versions import KINDS, VERSIONS, with_text_detector

#: name -> "module:Class". A new scanner is one module and one line here.
REGISTRY: dict[str, str] = {
    "text": "auditor.scanners.text.scanner:TextScanner",
    "dicom_header": "auditor.scanners.dicom.header:DicomHeaderScanner",
    "image_metadata": "auditor.scanners.image_metadata:ImageMetadataScanner",
    "pdf_metadata": "auditor.scanners.pdf_metadata:PdfMetadataScanner",
    "document_metadata": "auditor.scanners.document_metadata:DocumentMetadataScanner",
    "pdf_pages": "auditor.scanners.pixel.documents:PdfPageScanner",
    "pixel_text": "auditor.scanners.pixel.burned_in:BurnedInTextScanner",
    "faces": "auditor.scanners.pixel.faces:FaceScanner",
    "barcodes": "auditor.scanners.pixel.barcodes:BarcodeScanner",
    "image_kind": "auditor.scanners.pixel.image_kind:ImageKindScanner",
    "file_name": "auditor.scanners.file_name:FileNameScanner",
}

#: The parts of each kind of item that must be scanned before it counts as fully scanned. A part that no
#: registered scanner covers is recorded as lost coverage (`not_scanned`), never as safe.
COVERAGE: dict[str, tuple[str, ...]] = {
    "post": ("text",),
    "text": ("text",),
    "image": ("metadata", "ocr", "faces", "barcodes"),
    "dicom": ("metadata", "ocr"),
    "pdf": ("metadata", "text", "ocr"),
    "unreadable": (),  # a file that could not be read: only its name is scanned, and it is incomplete already
}

#: Why a part is not covered yet, for the report.
_MISSING_PART = {
    "text": "its text is not read by any scanner",
    "metadata": "its metadata (DICOM header, EXIF/XMP, PDF info, a document's properties) is not read: no metadata scanner for it",
    "ocr": "its burned-in text is not read: no OCR scanner for this kind",
    "faces": "faces in it are not looked for: no face detector available",
    "barcodes": "barcodes in it are not decoded: no barcode reader available",
}


def required_parts(item: Item) -> tuple[str, ...]:
    """The parts of `item` that must be scanned: those of its kind, and the metadata of a document read as text
    (an HTML, XML or Office file travels with its bytes; a plain note or a post has none)."""
    parts = COVERAGE.get(item.kind, ("text",))
    return parts + ("metadata",) if item.kind == "text" and item.payload and "metadata" not in parts else parts


def missing_part_reason(kind: str, part: str) -> str:
    return f"{kind}: {_MISSING_PART[part]}"


def scanner_class(name: str) -> type[Scanner]:
    module_name, class_name = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module_name), class_name)


def reads_dicom_pixels(names: Iterable[str]) -> bool:
    """Whether any of the scanners `names` reads DICOM pixels (Scanner.reads_dicom_pixels). Imports their
    classes (no models); the pipeline asks only when items are shipped to other processes."""
    return any("dicom" in cls.kinds and cls.reads_dicom_pixels for cls in map(scanner_class, names))


def scanner_versions() -> dict[str, str]:
    """Each registered scanner's version, without importing any of phi-audit's scanner modules; a scanner
    registered at run time (a plug-in) is imported to read the version its class declares."""
    return {name: VERSIONS[name] if name in VERSIONS else _plugin_version(scanner_class(name)) for name in REGISTRY}


def scanner_kinds(name: str) -> frozenset[str]:
    """The kinds of item scanner `name` reads, without importing it unless it is a plug-in (`scanner_versions`)."""
    return KINDS[name] if name in KINDS else scanner_class(name).kinds


def _plugin_version(cls: type[Scanner]) -> str:
    return with_text_detector(cls.version) if cls.uses_text_detector else cls.version


__all__ = [
    "COVERAGE",
    "REGISTRY",
    "Scanner",
    "ScannerUnavailable",
    "missing_part_reason",
    "reads_dicom_pixels",
    "required_parts",
    "scanner_class",
    "scanner_versions",
]
