"""Turns the paths a user names into a stream of Items (and ItemErrors for what cannot be read).

Every item has a stable locator: a file's path relative to the scan root, `path#<record id>` for a record
of a post export, `archive.zip!member` for an archive member. Media a post references belong to that post
(`parent`) and are not listed a second time by the folder walk. Nothing is dropped silently: a file that
cannot be read, a malformed record or a refused archive member becomes an ItemError.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import posixpath
from pathlib import Path
from typing import Iterable, Iterator

from auditor.corpus.decode import decode_text
from auditor.corpus.markup import read_document
from auditor.corpus.exports import ExportFile, PostRecord, RecordError, export_format, read_export
from auditor.corpus.sniff import sniff
from auditor.corpus.trees import FileChanged, FolderTree, TooLarge, Tree, ZipTree
from auditor.model import Item, ItemError

#: Binary kinds the corpus recognises; each has (or will have) a scanner of its own.
_BINARY_KINDS = {"image": "image", "dicom": "dicom", "pdf": "pdf"}
#: CSV columns read as text when present; otherwise every column that is not a number.
_CSV_TEXT_COLUMNS = ("text", "body", "content", "note", "notes", "comment", "comments", "message", "description", "title")
_CSV_ID_COLUMNS = ("id", "post_id", "record_id")
_EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".js")
#: What a file's extension claims it is, for the reason given when its content says otherwise.
_KIND_SUFFIXES = {
    "an image": (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".avif"),
    "a DICOM file": (".dcm", ".dicom"),
    "a PDF": (".pdf",),
    "a zip archive": (".zip",),
}
#: Deepest archive-in-archive nesting read.
MAX_ARCHIVE_DEPTH = 3

ReadResult = Item | ItemError


def read_corpus(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Every item under `paths` (folders, files, zips), in a stable order.

    Locators are relative to the folder named (a file named on its own is located by its file name).
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from _read_tree(FolderTree(path))
        elif path.is_file():
            yield from _read_tree(FolderTree(path.parent, only=path.name))
        else:
            yield ItemError(str(path), "read", "no such file or folder")


def _read_tree(tree: Tree, depth: int = 0) -> Iterator[ReadResult]:
    names: list[str] = []
    for entry in tree.walk():
        if isinstance(entry, ItemError):
            yield entry
        else:
            names.append(entry)
    claimed: set[str] = set()
    exports: set[str] = set()
    unparsed: dict[str, str] = {}  # exports that are not valid JSON: read as plain text, with this reason
    # Exports first, so the media their posts reference are known before the other files are listed.
    for name in names:
        if not name.lower().endswith(_EXPORT_SUFFIXES):
            continue
        data = yield from _read_or_report(tree, name)
        if data is None:
            exports.add(name)
            continue
        if sniff(data[:512], name) == "text":
            text, _ = decode_text(data)
            fmt = export_format(name, text)
            parsed = read_export(fmt, text) if fmt is not None else None
            export = parsed.with_posts() if parsed is not None else None
            if export is not None:
                exports.add(name)
                yield from _export_items(tree, name, export, claimed)
            elif parsed is not None and parsed.unparsed:
                unparsed[name] = parsed.unparsed
    for name in names:
        if name in claimed or name in exports:
            continue
        data = yield from _read_or_report(tree, name)
        if data is not None:
            yield from _file_items(tree, name, data, depth)
        if name in unparsed:
            # after the item, so the error always travels in the same batch as the item it concerns
            yield ItemError(tree.prefix + name, "read", f"not read as a post export ({unparsed[name]}); its text is scanned as plain text")


def _read_or_report(tree: Tree, name: str) -> Iterator[ItemError]:
    """Generator helper: yields an ItemError and returns None when the file cannot be read."""
    try:
        return tree.read(name)
    except (TooLarge, FileChanged) as error:
        yield ItemError(tree.prefix + name, "read", f"not read: {error}")
    except (OSError, KeyError, RuntimeError, EOFError, ValueError) as error:
        yield ItemError(tree.prefix + name, "read", f"cannot read: {error}")
    return None


def _file_items(tree: Tree, name: str, data: bytes, depth: int) -> Iterator[ReadResult]:
    locator = tree.prefix + name
    if not data:
        yield ItemError(locator, "read", "empty file (0 bytes): nothing to scan")
        return
    kind = sniff(data[:512], name)
    document = read_document(locator, name, data, kind, _sha256(data))  # HTML, XML, Office: auditor/corpus/markup.py
    if document is not None:
        yield from document
        return
    if kind == "zip":
        if depth >= MAX_ARCHIVE_DEPTH:
            yield ItemError(locator, "read", f"archive nested deeper than {MAX_ARCHIVE_DEPTH} levels; not opened")
            return
        try:
            inner = ZipTree(data, prefix=locator + "!")
        except Exception as error:  # zipfile raises many kinds on a corrupt archive
            yield ItemError(locator, "read", f"corrupt zip archive: {error}")
            return
        yield from _read_tree(inner, depth + 1)
    elif kind in _BINARY_KINDS:
        yield Item(locator, _BINARY_KINDS[kind], _sha256(data), payload=data, size=len(data))
    elif kind == "text":
        text, _ = decode_text(data)
        if name.lower().endswith((".csv", ".tsv")):
            yield from _csv_items(locator, text, delimiter="\t" if name.lower().endswith(".tsv") else ",")
        else:
            yield Item(locator, "text", _sha256(data), fields={"text": text}, size=len(data))
    else:
        yield ItemError(locator, "read", _unsupported_reason(name))


def _unsupported_reason(name: str) -> str:
    reason = "unsupported file type (not text, image, DICOM, PDF or zip)"
    suffix = posixpath.splitext(name.lower())[1]
    claimed = next((kind for kind, suffixes in _KIND_SUFFIXES.items() if suffix in suffixes), None)
    return f"named like {claimed} ({suffix}) but its content is not one; {reason}" if claimed else reason


def _export_items(tree: Tree, name: str, export: ExportFile, claimed: set[str]) -> Iterator[ReadResult]:
    locator = tree.prefix + name
    folder = posixpath.dirname(name)
    for record in export.records:
        if isinstance(record, RecordError):
            where = record.id or record.where.replace(" ", "-")
            yield ItemError(f"{locator}#{where}", "read", f"{record.where}: {record.reason}")
            continue
        post_locator = f"{locator}#{record.id}"
        yield Item(
            post_locator,
            "post",
            _record_hash(record),
            fields=record.fields,
            author=record.author,
            created_at=record.created_at,
            size=sum(len(value) for value in record.fields.values()),
        )
        yield from _media_items(tree, folder, record, post_locator, claimed)


def _media_items(tree: Tree, folder: str, record: PostRecord, post_locator: str, claimed: set[str]) -> Iterator[ReadResult]:
    for reference in record.media:
        name = posixpath.normpath(posixpath.join(folder, reference))
        if name.startswith("../") or os.path.isabs(reference) or not tree.exists(name):
            yield ItemError(post_locator, "read", f"referenced media not found in the corpus: {reference!r}")
            continue
        claimed.add(name)
        data = yield from _read_or_report(tree, name)
        if data is None:
            continue
        kind = sniff(data[:512], name)
        media_kind = _BINARY_KINDS.get(kind, "text" if kind == "text" else None)
        if media_kind is None:
            yield ItemError(tree.prefix + name, "read", f"media of {post_locator} is of an unsupported type")
            continue
        fields = {"text": decode_text(data)[0]} if media_kind == "text" else {}
        payload = data if media_kind != "text" else None
        yield Item(tree.prefix + name, media_kind, _sha256(data), fields=fields, payload=payload, parent=post_locator, size=len(data))


def _csv_items(locator: str, text: str, delimiter: str) -> Iterator[ReadResult]:
    """Each row of a CSV is an item; its text columns are its fields."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        yield ItemError(locator, "read", f"malformed CSV: {error}")
        return
    if not rows:
        return
    header = [column.strip() for column in rows[0]]
    lowered = [column.lower() for column in header]
    text_columns = [i for i, column in enumerate(lowered) if column in _CSV_TEXT_COLUMNS]
    id_column = next((i for i, column in enumerate(lowered) if column in _CSV_ID_COLUMNS), None)
    for number, row in enumerate(rows[1:], 1):
        row_id = row[id_column] if id_column is not None and id_column < len(row) and row[id_column] else str(number)
        columns = text_columns or [i for i in range(len(row)) if i != id_column and not _is_number(row[i])]
        fields = {header[i] if i < len(header) else f"column{i + 1}": row[i] for i in columns if i < len(row) and row[i].strip()}
        if fields:
            yield Item(f"{locator}#{row_id}", "text", _sha256(json.dumps(fields, sort_keys=True).encode()), fields=fields, size=sum(map(len, fields.values())))
        if len(row) != len(header):  # after the item: the scan attaches an error to the batch its item is in
            yield ItemError(f"{locator}#{row_id}", "read", f"row {number} has {len(row)} columns, the header {len(header)}; read as far as it goes")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _record_hash(record: PostRecord) -> str:
    content = {"fields": record.fields, "author": record.author, "created_at": record.created_at, "media": record.media}
    return _sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
