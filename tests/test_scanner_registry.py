"""The scanner registry: every registered scanner can be found by name, and the store learns what changed
(the scanners' versions) without importing any scanner, so an unchanged re-scan loads no heavy library."""

from __future__ import annotations

import subprocess
import sys

from auditor.scanners import REGISTRY, scanner_class, scanner_versions


def test_every_registered_scanner_is_found_by_name_and_carries_its_registered_version():
    versions = scanner_versions()
    assert set(versions) == set(REGISTRY)
    for name in REGISTRY:
        scanner = scanner_class(name)
        assert scanner.name == name and scanner.version == versions[name]


def test_reading_the_versions_imports_no_scanner_library():
    probe = (
        "import sys; from auditor.scanners import scanner_versions; scanner_versions(); "
        "print(sorted(m for m in ('presidio_analyzer', 'spacy', 'cv2', 'pydicom', 'pytesseract') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_batch_scanner_builds_only_the_scanners_of_the_kinds_it_was_given():
    probe = (
        "import sys; from auditor.evidence import EvidenceKeeper; from auditor.model import Item; "
        "from auditor.worker import BatchScanner; "
        "results = BatchScanner(EvidenceKeeper(b'k' * 32), ['dicom_header', 'image_metadata', 'file_name'])"
        ".scan([Item('posts.jsonl#1', 'post', '', fields={'text': 'see you soon'})]); "
        "print(sorted(m for m in ('pydicom', 'PIL') if m in sys.modules), [e.stage for e in results[0].errors])"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] ['not_scanned']"  # its text: no text scanner was named
