"""Fixtures and markers every test shares. Text-detection fixtures (Presidio, spaCy) live in tests/text/conftest.py,
so that a test which needs no model never loads one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Tests under tests/browser/ drive chromium: marked `browser`, so `make test-fast` can leave them out."""
    for item in items:
        if _HERE / "browser" in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item):
    """A test that needs tesseract fails when it is missing, saying why: skipped, an OCR regression would pass unseen."""
    if item.get_closest_marker("needs_tesseract"):
        from auditor.scanners.pixel.ocr import tesseract_missing_reason

        reason = tesseract_missing_reason()
        if reason:
            pytest.fail(f"needs tesseract: {reason}", pytrace=False)


@pytest.fixture(autouse=True)
def _main_module_restored():
    """Streamlit's AppTest runs the dashboard script as `__main__` and leaves it there; a process pool
    started later (spawn) would then run the dashboard script in every worker. Each test starts and
    ends with pytest's own `__main__`."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main
