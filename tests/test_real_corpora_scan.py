"""The whole scan — corpus reader, every registered scanner, store — over the real test corpora that install
from PyPI: pydicom's own test files, pydicom-data and deid-data (files from real scanners, some broken on
purpose). Nothing crashes the scan and nothing is dropped: every file ends up as an item with findings,
an item with a recorded error, or an unreadable item with its reason."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from auditor.locator_masks import fits, untagged
from auditor.pipeline import scan
from auditor.store import FindingsStore

pytestmark = pytest.mark.needs_tesseract


def _package_folder(package: str, sub: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations, f"{package} is not installed (a test dependency)"
    return Path(list(spec.submodule_search_locations)[0]) / sub


CORPORA = {
    "pydicom": _package_folder("pydicom", "data/test_files"),
    "pydicom-data": _package_folder("data_store", "data"),
    "deid-data": _package_folder("deid_data", "data"),
}


@pytest.mark.parametrize("name", list(CORPORA))
def test_a_real_corpus_scans_without_a_crash_and_accounts_for_every_file(tmp_path, name):
    root = CORPORA[name]
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    summary = scan([root], tmp_path / "audit.db", workers=2)
    with FindingsStore.open_existing(tmp_path / "audit.db") as store:
        items = {stored.locator: stored for stored in store.items()}
        errors = store.errors()
        with_findings = {f.item for f in store.findings()}
    # every file is accounted for: as an item itself, or as the archive its members came from; a file whose name
    # the name scanner read an identifier in is stored masked (`emri_small.dcm` is `****_*****.dcm@~…`)
    located = {untagged(locator).split("!", 1)[0].split("#", 1)[0] for locator in items}
    missing = {file for file in files - located if not any(fits(file, shape) for shape in located if "*" in shape)}
    assert not missing, sorted(missing)[:10]
    # a scanner never fails silently: a failure is an error with a reason, and the scan finished
    assert all(error.reason for error in errors)
    assert summary.scanned + summary.unreadable == len(items)
    dicom_items = [s for s in items.values() if s.kind == "dicom"]
    assert dicom_items, "the corpus holds DICOM files"
    assert sum(1 for s in dicom_items if s.locator in with_findings) >= 0.9 * len(dicom_items)
