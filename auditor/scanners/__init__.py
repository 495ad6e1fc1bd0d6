"""Scanners, found through a registry by name. Each lives in its own module and is imported only when used,
so importing phi-audit never loads a model."""

from __future__ import annotations

import importlib

from auditor.scanners.base import Scanner, ScannerUnavailable

#: name -> "module:Class". A new scanner is one module and one line here.
REGISTRY: dict[str, str] = {
    "text": "auditor.scanners.text.scanner:TextScanner",
}

#: What each item kind is still waiting for, until a scanner for it exists (reported as lost coverage).
PENDING_KINDS: dict[str, str] = {
    "image": "no image scanner yet (EXIF/XMP metadata and burned-in text: planned)",
    "dicom": "no DICOM scanner yet (header and burned-in text: planned)",
    "pdf": "no PDF scanner yet (metadata, text layer and OCR: planned)",
}


def scanner_class(name: str) -> type[Scanner]:
    module_name, class_name = REGISTRY[name].split(":")
    return getattr(importlib.import_module(module_name), class_name)


def scanner_versions() -> dict[str, str]:
    """Each registered scanner's version, without building any of them (no model is loaded)."""
    return {name: scanner_class(name).version for name in REGISTRY}


__all__ = ["REGISTRY", "PENDING_KINDS", "Scanner", "ScannerUnavailable", "scanner_class", "scanner_versions"]
