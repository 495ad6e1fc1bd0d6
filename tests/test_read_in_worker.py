"""A folder's binary files are read and hashed by the worker that scans them, not by the scan's main process: the
main process only sniffs their first bytes. What reading one in the worker reports is filed as if the main process
had read it: a file that cannot be read there is that item's error and the other items are scanned, nothing lost;
a scan that resumes or repeats reads and hashes in the main process only what the store holds already."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pydicom.data import get_testdata_file

from auditor.corpus.reader import ItemOnDisk, read_corpus, read_on_disk
from auditor.engines.local import LocalEngine
from auditor.model import Item, ItemError
from auditor.pipeline import scan
from auditor.store import FindingsStore
from tests.store_sql import rows

NAMES = ("CT_small.dcm", "MR_small.dcm")


@pytest.fixture
def folder(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in NAMES:
        shutil.copyfile(get_testdata_file(name), corpus / name)
    (corpus / "note.txt").write_text("Seen by Dr Alvarez." * 300, encoding="utf-8")  # longer than a sniffed head
    return corpus


class NotingEngine(LocalEngine):
    """In-process; notes the items it is sent, and runs `before` once, when the first batch comes."""

    def __init__(self, before=lambda: None) -> None:
        super().__init__(1)
        self.sent: list[Item] = []
        self.before = before

    def run(self, batches, key, scanner_names):
        def noted():
            for batch in batches:
                if not self.sent:
                    self.before()
                self.sent += batch.items
                yield batch

        return super().run(noted(), key, scanner_names)


def _items(store_path: Path) -> dict[str, tuple[str, str, int]]:
    with FindingsStore.open_existing(store_path) as store:
        return {
            locator: (kind, digest, complete)
            for locator, kind, digest, complete in rows(store, "SELECT locator, kind, content_hash, complete FROM items")
        }


def _errors(store_path: Path) -> list[tuple[str, str, str]]:
    with FindingsStore.open_existing(store_path) as store:
        return rows(store, "SELECT item, stage, reason FROM errors ORDER BY item, id")


def test_the_reader_leaves_a_folders_binary_files_on_disk_and_reads_text_and_archives_itself(folder):
    entries = list(read_corpus([folder], binary_on_disk=True))
    on_disk = [entry for entry in entries if isinstance(entry, ItemOnDisk)]
    assert sorted(item.locator for item in on_disk) == sorted(NAMES)
    assert all(item.kind == "dicom" and item.payload is None and item.content_hash == "" for item in on_disk)
    assert {item.size for item in on_disk} == {(folder / name).stat().st_size for name in NAMES}
    (text,) = [entry for entry in entries if isinstance(entry, Item) and not isinstance(entry, ItemOnDisk)]
    assert text.locator == "note.txt" and text.fields["text"].startswith("Seen by")
    assert list(read_corpus([folder])) == [read_on_disk(item)[0] if isinstance(item, ItemOnDisk) else item for item in entries]


def test_reading_an_item_on_disk_gives_what_the_reader_gives_for_the_file(folder):
    (item,) = [entry for entry in read_corpus([folder / "CT_small.dcm"], binary_on_disk=True)]
    assert isinstance(item, ItemOnDisk)
    whole = (folder / "CT_small.dcm").read_bytes()
    assert read_on_disk(item) == [Item("CT_small.dcm", "dicom", hashlib.sha256(whole).hexdigest(), payload=whole, size=len(whole))]


def test_a_file_that_became_another_kind_since_it_was_sniffed_is_not_read_as_either(folder):
    (item,) = [entry for entry in read_corpus([folder / "CT_small.dcm"], binary_on_disk=True)]
    (folder / "CT_small.dcm").write_text("Jane Roe, MRN 12345678. " * 400, encoding="utf-8")
    assert read_on_disk(item) == [
        ItemError("CT_small.dcm", "read", "not read: replaced by another file after it was listed; scan again to read it")
    ]
    assert isinstance(item, ItemOnDisk) and item.file is not None
    unlisted = ItemOnDisk(item.locator, item.kind, "", name=item.name, file=type(item.file)(item.file.path, None, item.file.root))
    assert read_on_disk(unlisted) == [
        ItemError("CT_small.dcm", "read", "not read: file changed while it was being read; scan again to read it")
    ]


def test_the_main_process_sends_no_bytes_and_stores_what_reading_them_here_stores(folder, tmp_path):
    scan([folder], tmp_path / "here.db", engine=LocalEngine(1), scanner_names=["dicom_header", "text"])
    engine = NotingEngine()
    scan([folder], tmp_path / "sent.db", engine=engine, scanner_names=["dicom_header", "text"])
    assert sorted(item.locator for item in engine.sent if isinstance(item, ItemOnDisk) and item.payload is None) == sorted(NAMES)
    items = _items(tmp_path / "sent.db")
    assert {name: items[name][1] for name in NAMES} == {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in NAMES}
    with FindingsStore.open_existing(tmp_path / "here.db") as here, FindingsStore.open_existing(tmp_path / "sent.db") as sent:
        assert [(f.item, f.field, f.entity, f.evidence) for f in here.findings()] == [
            (f.item, f.field, f.entity, f.evidence) for f in sent.findings()
        ]


def test_a_file_the_worker_cannot_read_is_that_items_error_and_the_other_items_are_scanned(folder, tmp_path):
    engine = NotingEngine(before=lambda: (folder / "MR_small.dcm").unlink())
    summary = scan([folder], tmp_path / "audit.db", engine=engine, scanner_names=["dicom_header", "text", "file_name"])
    assert (summary.scanned, summary.unreadable) == (2, 1)
    items = _items(tmp_path / "audit.db")
    assert items["MR_small.dcm"][0] == "unreadable" and items["MR_small.dcm"][2] == 0
    assert items["CT_small.dcm"][0] == "dicom" and items["note.txt"][0] == "text"
    ((stage, reason),) = [error[1:] for error in _errors(tmp_path / "audit.db") if error[0] == "MR_small.dcm"]
    assert stage == "read" and reason.startswith("cannot read: [Errno 2] No such file or directory")
    with FindingsStore.open_existing(tmp_path / "audit.db") as store:
        assert {f.item for f in store.findings()} >= {"CT_small.dcm"}


def test_a_file_the_worker_cannot_read_keeps_what_an_earlier_scan_found_in_it_and_is_not_fully_scanned(folder, tmp_path):
    store = tmp_path / "audit.db"
    scan([folder], store, engine=LocalEngine(1), scanner_names=["dicom_header"])
    with FindingsStore.open_existing(store) as opened:
        before = [f for f in opened.findings() if f.item == "MR_small.dcm"]
    engine = NotingEngine(before=lambda: (folder / "MR_small.dcm").unlink())
    scan([folder], store, engine=engine, scanner_names=["dicom_header", "file_name"])  # other scanners: scanned again
    assert "MR_small.dcm" in {item.locator for item in engine.sent}
    items = _items(store)
    assert items["MR_small.dcm"][0] == "dicom" and items["MR_small.dcm"][2] == 0
    assert [error[1:] for error in _errors(store) if error[0] == "MR_small.dcm" and error[1] == "read"][0][1].startswith("cannot read: ")
    with FindingsStore.open_existing(store) as opened:
        assert [f for f in opened.findings() if f.item == "MR_small.dcm"] == before


def test_a_repeated_scan_hashes_here_what_the_store_holds_and_scans_only_what_changed(folder, tmp_path):
    store = tmp_path / "audit.db"
    scan([folder], store, engine=NotingEngine(), scanner_names=["dicom_header"])
    changed = folder / "CT_small.dcm"
    changed.write_bytes(changed.read_bytes() + b"\0\0")
    engine = NotingEngine()
    again = scan([folder], store, engine=engine, scanner_names=["dicom_header"])
    assert (again.scanned, again.skipped) == (1, 2)
    (sent,) = engine.sent
    assert sent.locator == "CT_small.dcm" and not isinstance(sent, ItemOnDisk) and sent.payload == changed.read_bytes()
    assert _items(store)["CT_small.dcm"][1] == hashlib.sha256(changed.read_bytes()).hexdigest()
