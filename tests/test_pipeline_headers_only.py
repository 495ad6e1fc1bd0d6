"""Headers-only scans (`scan --scanners dicom_header`): a DICOM file of a folder is read by the worker that scans it
(the main process sends none of its bytes); one the main process reads (an archive's member) goes to the workers with
its bytes before its pixels, and they find exactly what they find in the whole file; a pixel scanner still gets the
whole file; what a headers-only scan did not read stays lost coverage, and a later full scan scans the item again."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from pydicom import dcmread
from pydicom.data import get_testdata_file
from typer.testing import CliRunner

from auditor import pipeline
from auditor.cli import app
from auditor.corpus.reader import ItemOnDisk
from auditor.engines.local import LocalEngine
from auditor.evidence import EvidenceKeeper
from auditor.media.dicom import without_pixels
from auditor.model import Finding, Item
from auditor.pipeline import scan
from auditor.scanners import REGISTRY, reads_dicom_pixels, scanner_class
from auditor.scanners.base import Scanner
from auditor.scanners.dicom.header import DicomHeaderScanner
from auditor.scanners.versions import VERSIONS
from auditor.store import FindingsStore
from tests.store_sql import rows as store_rows

KEEPER = EvidenceKeeper(b"k" * 32)


class NoText:
    def detect(self, texts):
        return [[] for _ in texts]


def _findings(payload: bytes) -> list[Finding]:
    return DicomHeaderScanner(NoText()).scan_batch([Item("f.dcm", "dicom", "h", payload=payload)], KEEPER)[0]


@pytest.mark.parametrize(
    "name, cut",
    [
        ("CT_small.dcm", True),  # explicit VR little endian, native pixels
        ("MR_small_bigendian.dcm", True),  # big endian: the pixel tag's bytes in that order
        ("JPEG2000.dcm", True),  # encapsulated pixels (undefined length)
        ("image_dfl.dcm", False),  # deflated: pydicom's offsets count inflated bytes, so the file goes whole
        ("rtplan.dcm", False),  # no pixel data
    ],
)
def test_without_pixels_keeps_every_byte_the_header_scan_reads(name, cut):
    whole = Path(get_testdata_file(name)).read_bytes()
    header = without_pixels(whole)
    assert (len(header) < len(whole)) is cut
    assert whole.startswith(header)
    assert _findings(header) == _findings(whole)


@pytest.mark.parametrize("implicit_vr", [False, True])
def test_without_pixels_cuts_a_bare_data_set_without_preamble_or_file_meta(implicit_vr):
    dataset = dcmread(get_testdata_file("CT_small.dcm"))
    del dataset.file_meta
    dataset.preamble = None
    file = io.BytesIO()
    dataset.save_as(file, implicit_vr=implicit_vr, little_endian=True, enforce_file_format=False)
    whole = file.getvalue()
    header = without_pixels(whole)
    assert whole.startswith(header) and len(header) < len(whole) / 4
    assert _findings(header) == _findings(whole)


def test_without_pixels_of_a_file_that_starts_at_dicm_cuts_at_its_own_offsets():
    stripped = Path(get_testdata_file("CT_small.dcm")).read_bytes()[128:]
    header = without_pixels(stripped)
    assert header.startswith(b"DICM") and len(header) < len(stripped)
    assert _findings(header) == _findings(stripped)


def test_without_pixels_leaves_what_it_cannot_read_whole():
    for payload in (b"", b"not a DICOM file at all", b"\x08\x00\x05\x00" + b"\xff" * 40):
        assert without_pixels(payload) == payload


def test_only_the_header_and_name_scanners_declare_they_read_no_dicom_pixels_and_the_rest_of_dicom_readers_do():
    dicom_readers = {name for name in REGISTRY if "dicom" in scanner_class(name).kinds}
    assert {name for name in dicom_readers if not scanner_class(name).reads_dicom_pixels} == {"dicom_header", "file_name"}
    assert not reads_dicom_pixels(["text", "dicom_header", "image_metadata", "pdf_metadata", "faces"])
    assert reads_dicom_pixels(["dicom_header", "pixel_text"])


class ShippingEngine(LocalEngine):
    """In-process (so test scanners registered here are seen), but handled as if items went to other processes."""

    def __init__(self) -> None:
        super().__init__(1)
        self.ships_items = True


class FakeOcr(Scanner):
    """Stands in for the OCR scanner: covers a DICOM item's burned-in text and notes the bytes it was given."""

    name = "fake_ocr"
    version = "1"
    kinds = frozenset({"dicom"})
    covers = frozenset({"ocr"})
    seen: ClassVar[list[int]] = []

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        FakeOcr.seen += [len(item.payload or b"") for item in items]
        return [[] for _ in items]


class HeaderSizes(DicomHeaderScanner):
    """The header scanner, noting the bytes it was given."""

    seen: ClassVar[list[int]] = []

    def scan_batch(self, items, keeper):
        HeaderSizes.seen += [len(item.payload or b"") for item in items]
        return super().scan_batch(items, keeper)


@pytest.fixture
def dicom_folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setitem(REGISTRY, "dicom_header", f"{__name__}:HeaderSizes")
    monkeypatch.setitem(REGISTRY, "fake_ocr", f"{__name__}:FakeOcr")
    monkeypatch.setattr(HeaderSizes, "seen", [])
    monkeypatch.setattr(FakeOcr, "seen", [])
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("CT_small.dcm", "MR_small_bigendian.dcm"):
        shutil.copyfile(get_testdata_file(name), folder / name)
    return folder


@pytest.fixture
def dicom_zip(dicom_folder, tmp_path) -> Path:
    """The same files as members of an archive, which the main process reads."""
    archive = tmp_path / "scans.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(dicom_folder.iterdir()):
            bundle.write(path, path.name)
    return archive


def _stored(store_path: Path) -> tuple[list[Finding], dict[str, tuple[bool, list[str]]]]:
    with FindingsStore.open_existing(store_path) as store:
        findings = list(store.findings())
        items = {item.locator: item.complete for item in store.items()}
        errors = store_rows(store, "SELECT item, stage, reason FROM errors ORDER BY item, stage")
    return findings, {
        locator: (complete, [f"{stage}: {reason}" for item, stage, reason in errors if item == locator])
        for locator, complete in items.items()
    }


class SendingEngine(ShippingEngine):
    """Notes the items it is sent."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[Item] = []

    def run(self, batches, key, scanner_names):
        def noted():
            for batch in batches:
                self.sent += batch.items
                yield batch

        return super().run(noted(), key, scanner_names)


def test_a_folders_dicom_files_are_sent_to_the_workers_without_their_bytes_and_read_there_whole(dicom_folder, tmp_path):
    scan([dicom_folder], tmp_path / "in_process.db", scanner_names=["dicom_header"], engine=LocalEngine(1))
    HeaderSizes.seen.clear()
    engine = SendingEngine()
    summary = scan([dicom_folder], tmp_path / "sent.db", scanner_names=["dicom_header"], engine=engine)
    assert summary.scanned == 2
    assert all(isinstance(item, ItemOnDisk) and item.payload is None and not item.content_hash for item in engine.sent)
    assert sorted(HeaderSizes.seen) == sorted(path.stat().st_size for path in dicom_folder.iterdir())
    assert _stored(tmp_path / "sent.db")[1] == _stored(tmp_path / "in_process.db")[1]
    with FindingsStore.open_existing(tmp_path / "sent.db") as store:
        hashes = dict(store_rows(store, "SELECT locator, content_hash FROM items"))
    assert hashes == {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in dicom_folder.iterdir()}


def test_a_headers_only_scan_ships_no_pixels_finds_the_same_and_stays_not_fully_scanned(dicom_zip, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "CUT_PIXELS_ABOVE", 0)  # the test files are small: cut them as a big one is
    with zipfile.ZipFile(dicom_zip) as bundle:
        members = [bundle.read(name) for name in bundle.namelist()]
    whole = sorted(map(len, members))
    scan([dicom_zip], tmp_path / "in_process.db", scanner_names=["dicom_header"], engine=LocalEngine(1))
    assert sorted(HeaderSizes.seen) == whole  # in one process nothing is shipped, so nothing is cut
    HeaderSizes.seen.clear()
    summary = scan([dicom_zip], tmp_path / "shipped.db", scanner_names=["dicom_header"], engine=ShippingEngine())
    headers = sorted(len(without_pixels(member)) for member in members)
    assert summary.scanned == 2 and sorted(HeaderSizes.seen) == headers and all(header < size for header, size in zip(headers, whole))
    in_process, shipped = _stored(tmp_path / "in_process.db"), _stored(tmp_path / "shipped.db")
    assert [f.digest for f in shipped[0]] != [] and [(f.field, f.entity, f.evidence) for f in shipped[0]] == [
        (f.field, f.entity, f.evidence) for f in in_process[0]
    ]
    for complete, errors in shipped[1].values():  # fail closed: the burned-in text was not read
        assert not complete
        assert errors == ["not_scanned: dicom: its burned-in text is not read: no OCR scanner for this kind"]


def test_a_headers_only_scan_ships_a_small_file_whole_for_the_worker_parses_its_header_anyway(dicom_folder, dicom_zip, tmp_path):
    whole = sorted(path.stat().st_size for path in dicom_folder.iterdir())
    assert max(whole) < pipeline.CUT_PIXELS_ABOVE
    scan([dicom_zip], tmp_path / "shipped.db", scanner_names=["dicom_header"], engine=ShippingEngine())
    assert sorted(HeaderSizes.seen) == whole


def test_a_full_scan_after_a_headers_only_scan_scans_every_item_again_with_its_pixels(dicom_folder, tmp_path):
    store = tmp_path / "audit.db"
    scan([dicom_folder], store, scanner_names=["dicom_header"], engine=ShippingEngine())
    again = scan([dicom_folder], store, scanner_names=["dicom_header", "fake_ocr"], engine=ShippingEngine())
    assert (again.scanned, again.skipped) == (2, 0)
    assert sorted(FakeOcr.seen) == sorted(path.stat().st_size for path in dicom_folder.iterdir())  # the pixels reach the OCR
    assert all(complete and not errors for complete, errors in _stored(store)[1].values())
    assert scan([dicom_folder], store, scanner_names=["dicom_header", "fake_ocr"], engine=ShippingEngine()).skipped == 2


def test_scan_scanners_runs_only_those_says_so_and_fails_closed(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copyfile(get_testdata_file("CT_small.dcm"), folder / "ct.dcm")
    runner = CliRunner()
    result = runner.invoke(
        app, ["scan", str(folder), "--store", str(tmp_path / "a.db"), "--scanners", "dicom_header", "--workers", "2", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert "Ran only dicom_header: what they do not read is recorded as not scanned." in result.output
    findings, items = _stored(tmp_path / "a.db")
    assert {f.scanner for f in findings} == {"dicom_header"} and any(f.field == "PatientName" for f in findings)
    assert items["ct.dcm"][0] is False
    with FindingsStore.open_existing(tmp_path / "a.db") as store:
        assert json.loads(store_rows(store, "SELECT scanned_with FROM items")[0][0]) == {"dicom_header": VERSIONS["dicom_header"]}
    failing = runner.invoke(
        app, ["scan", str(folder), "--store", str(tmp_path / "a.db"), "--scanners", "dicom_header", "--fail-on", "high", "--no-progress"]
    )
    assert failing.exit_code == 1  # not fully scanned is never safe


@pytest.mark.parametrize("option", ["ocr", "dicom_header,nope", ","])
def test_scan_scanners_with_an_unknown_or_no_name_is_a_usage_error(tmp_path, option):
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--store", str(tmp_path / "a.db"), "--scanners", option, "--no-progress"])
    assert result.exit_code == 2
    assert "--scanners: unknown scanner" in result.output and "choose from text, dicom_header" in result.output


def test_a_header_too_slow_to_cut_goes_whole_to_the_worker(dicom_folder, dicom_zip, tmp_path, monkeypatch):
    def stalls(payload: bytes) -> bytes:
        time.sleep(5)
        return payload[:10]

    monkeypatch.setattr("auditor.pipeline.item_budget", lambda kind: 0.05)
    monkeypatch.setattr("auditor.media.dicom.without_pixels", stalls)
    summary = scan([dicom_zip], tmp_path / "audit.db", scanner_names=["dicom_header"], engine=ShippingEngine())
    assert summary.scanned == 2
    assert sorted(HeaderSizes.seen) == sorted(path.stat().st_size for path in dicom_folder.iterdir())
