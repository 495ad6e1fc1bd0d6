"""The contract every registered scanner keeps, checked over the whole registry (a new scanner is held to it the
moment it is registered): an empty batch gives [], a batch gives one outcome per item, it covers only parts its
kinds have, its evidence is never a raw value, and asking whether it can run imports nothing but the standard library.

The items are real ones from the committed sample corpus (`data/sample`), so the scanners run their real models.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.corpus import read_corpus
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.scanners import COVERAGE, REGISTRY, scanner_class

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
#: Files whose items give every scanner something to find: names and dates in posts and notes, DICOM headers with
#: patient data and burned-in text, a photo with EXIF, a QR wristband, a face, an X-ray, PDFs with author metadata.
FIXTURES = (
    "photos/IMG_0415.jpg",
    "images/wristband_qr.jpg",
    "images/portrait_0001.jpg",
    "images/xray_chest_burned.png",
    "dicom/ct_chest_private_0003.dcm",
    "dicom/cr_hand_burned_0006.dcm",
    "documents/referral_letter.pdf",
    "notes/visit_note_cardiology.txt",
    "notes/health_journal.md",
    "posts.jsonl",
)
#: An HTML page whose author is in its metadata (document_metadata reads what a text read leaves out).
PAGE = '<html><head><meta name="author" content="Maria Garcia"><title>Visit of Maria Garcia</title></head><body>Follow-up.</body></html>'
#: Items of each kind per batch: enough for a batch to mix items, few enough for OCR to stay quick.
PER_KIND = 4


class RecordingKeeper(EvidenceKeeper):
    """The store's evidence keeper, remembering every raw value a scanner hands it (to mask or to digest)."""

    def __init__(self) -> None:
        super().__init__(EvidenceKeeper.new_key())
        self.raw: set[str] = set()

    def digest(self, value: str, identifier: str | None) -> str:
        self.raw.add(value)
        return super().digest(value, identifier)

    def evidence(self, value: str, identifier: str | None = None) -> str:
        self.raw.add(value)
        return super().evidence(value, identifier)


@pytest.fixture(scope="module")
def sample_items(tmp_path_factory) -> dict[str, list[Item]]:
    """Up to PER_KIND items of each kind, each fixture file's own items first (a post's media come after)."""
    page = tmp_path_factory.mktemp("page") / "visit of maria garcia.html"  # a name in the file name too
    page.write_text(PAGE, encoding="utf-8")
    by_kind: dict[str, list[Item]] = {}
    for entry in read_corpus([page, *(SAMPLE / name for name in FIXTURES)]):
        if isinstance(entry, Item) and len(by_kind.setdefault(entry.kind, [])) < PER_KIND:
            by_kind[entry.kind].append(entry)
    return by_kind


def _allowed_parts(kind: str) -> set[str]:
    """The parts an item of `kind` can have (auditor.scanners.required_parts: a document read as text has metadata)."""
    # `name`: every item's file and member names (the file_name scanner), a part not yet required (issue 20)
    return set(COVERAGE[kind]) | ({"metadata"} if kind == "text" else set()) | {"name"}


@pytest.mark.parametrize("name", list(REGISTRY))
def test_declares_kinds_and_covers_only_parts_those_kinds_have(name):
    """A scanner may cover nothing (image_kind adds findings about what an image is, it reads no part)."""
    scanner = scanner_class(name)
    assert scanner.name == name and scanner.version
    assert scanner.kinds and scanner.kinds <= set(COVERAGE)
    assert scanner.covers <= set().union(*(_allowed_parts(kind) for kind in scanner.kinds))


@pytest.mark.parametrize("name", list(REGISTRY))
def test_an_empty_batch_gives_an_empty_list(name):
    assert scanner_class(name)().scan_batch([], RecordingKeeper()) == []


@pytest.mark.parametrize("name", list(REGISTRY))
def test_one_outcome_per_item_and_evidence_is_never_a_raw_value(name, sample_items):
    scanner = scanner_class(name)()
    if reason := scanner.unavailable_reason():
        pytest.fail(f"{name} cannot run here ({reason}): the contract is checked on a machine with every backend")
    batch = [item for kind in sorted(scanner.kinds) for item in sample_items.get(kind, [])]
    assert batch, f"no sample item of {sorted(scanner.kinds)}"
    keeper = RecordingKeeper()
    outcomes = scanner.scan_batch(batch, keeper)
    assert len(outcomes) == len(batch)
    found: list[Finding] = []
    for item, outcome in zip(batch, outcomes):
        assert isinstance(outcome, (list, Exception)), f"{item.locator}: {outcome!r}"
        findings = outcome if isinstance(outcome, list) else getattr(outcome, "findings", [])
        assert all(isinstance(f, Finding) and f.item == item.locator and f.scanner == name for f in findings)
        found += findings
    assert found, "nothing found: the evidence check would check nothing (add a fixture this scanner finds something in)"
    raw = {value for value in keeper.raw if len(value.strip()) > 1}
    assert not [f.evidence for f in found if f.evidence in raw], "evidence equal to a raw value"
    assert not [f.evidence for f in found if f.digest and f.evidence == f.digest]
    for finding in found:
        text = scanner.field_texts(next(i for i in batch if i.locator == finding.item)).get(finding.field)
        if finding.span and text is not None and finding.span[1] - finding.span[0] > 1:
            assert finding.evidence != text[finding.span[0] : finding.span[1]]


#: Scanners whose `unavailable_reason` imports a heavy library today, and what it imports. They fail the contract
#: until fixed; the strict mark makes this test fail as soon as one is fixed, so that it is taken off the list.
#: Both import OpenCV, whose wheel can be present and still fail to load (a missing system library): the fix is a
#: check that catches that without the import (a subprocess, or a cached answer), not a bare `find_spec`.
IMPORTS_TO_ASK = {
    "pixel_text": "imports cv2 and pytesseract (numpy, pandas)",
    "faces": "imports cv2 to check it can read TFLite models",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=IMPORTS_TO_ASK[name])) if name in IMPORTS_TO_ASK else name
        for name in REGISTRY
    ],
)
def test_asking_whether_it_can_run_imports_nothing_but_the_standard_library(name):
    probe = (
        "import json, sys; from auditor.scanners import scanner_class; scanner = scanner_class(sys.argv[1])(); before = set(sys.modules); "
        "scanner.unavailable_reason(); "
        "print(json.dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before} - set(sys.stdlib_module_names) - {'auditor'})))"
    )
    result = subprocess.run([sys.executable, "-c", probe, name], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
