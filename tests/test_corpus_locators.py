"""A stored locator resolves to the bytes it names (auditor/corpus/locators.py `source_bytes`), for the code that
opens the source again after a scan (redaction, the dashboard's re-reader, reveal): by listing the tree again and
matching each name's locator, with the scan's own checked reads."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from auditor.corpus.locators import source_bytes
from auditor.corpus.reader import read_corpus
from auditor.corpus.trees import FileChanged
from auditor.model import Item


def zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_every_item_the_scan_lists_resolves_to_its_own_bytes(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "a!b@c%d#7.txt").write_text("escaped name")
    (tmp_path / "bad-\udcff.txt".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")).write_bytes(b"not utf-8 name")
    inner = zip_of([("deep.txt", b"nested member")])
    (tmp_path / "bundle.zip").write_bytes(zip_of([("note.txt", b"first"), ("note.txt", b"second"), ("inner.zip", inner)]))
    items = [entry for entry in read_corpus([tmp_path]) if isinstance(entry, Item)]
    resolved = {item.locator: source_bytes(tmp_path, item.locator) for item in items}
    assert resolved == {
        "dir/a%21b%40c%25d%237.txt": b"escaped name",
        "bad-\\xff.txt": b"not utf-8 name",
        "bundle.zip!note.txt": b"first",
        "bundle.zip!note.txt@2": b"second",
        "bundle.zip!inner.zip!deep.txt": b"nested member",
    }


def test_a_record_locator_resolves_to_the_file_that_holds_the_record(tmp_path):
    (tmp_path / "posts.jsonl").write_text('{"id": "7", "text": "hi"}\n')
    assert source_bytes(tmp_path, "posts.jsonl#7@line-1") == b'{"id": "7", "text": "hi"}\n'


def test_a_file_removed_since_the_scan_is_a_key_error(tmp_path):
    (tmp_path / "bundle.zip").write_bytes(zip_of([("note.txt", b"x")]))
    with pytest.raises(KeyError, match="renamed or removed"):
        source_bytes(tmp_path, "gone.txt")
    with pytest.raises(KeyError):
        source_bytes(tmp_path, "bundle.zip!other.txt")


def test_a_locator_that_leaves_the_root_is_never_read(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (tmp_path / "outside.txt").write_text("MRN 48213907")
    os.symlink(tmp_path / "outside.txt", root / "link.txt")
    for locator in ("../outside.txt", "link.txt"):
        with pytest.raises((KeyError, FileChanged, OSError)):
            source_bytes(root, locator)
