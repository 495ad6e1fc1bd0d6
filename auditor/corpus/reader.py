"""Turns the paths a user names into a stream of Items (and ItemErrors for what cannot be read).

Every item has a stable locator, unique by construction (auditor/corpus/locators.py): a file's path relative to
the scan root, `path#<record id>` for a record of a post export (`#<id>@line-7` when the id repeats),
`path#row-3` for a CSV row, `archive.zip!member` for an archive member (`!member@2` for a second member of that
name). Media a post references belong to the first post that does (`parent`), are linked to every other one
(MediaLink) and are not listed a second time by the folder walk. Nothing is dropped silently: a file that
cannot be read, a malformed record or a refused archive member becomes an ItemError.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import posixpath
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from auditor.corpus.decode import decode_text
from auditor.corpus.exports import (
    ExportFile,
    PostRecord,
    RecordError,
    export_format,
    read_export,
)
from auditor.corpus.locators import escaped, unique
from auditor.corpus.markup import read_document
from auditor.corpus.sniff import sniff, sniff_file
from auditor.corpus.trees import FileChanged, FolderTree, ListedFile, TooLarge, Tree, ZipTree, read_listed
from auditor.model import Item, ItemError

#: Binary kinds the corpus recognises; each has (or will have) a scanner of its own.
_BINARY_KINDS = {"image": "image", "dicom": "dicom", "pdf": "pdf"}
#: CSV columns of free text, read as they are (every other column is read with its header before the value).
_CSV_TEXT_COLUMNS = ("text", "body", "content", "note", "notes", "comment", "comments", "message", "description", "title")
_EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".js")
#: What a file's extension claims it is, for the reason given when its content says otherwise.
_KIND_SUFFIXES = {
    "an image": (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".avif"),
    "a DICOM file": (".dcm", ".dicom"),
    "a PDF": (".pdf",),
    "a zip archive": (".zip",),
}


@dataclass(frozen=True)
class MediaLink:
    """A post that references a medium first read for another post: the medium counts in this post's verdict too."""

    post: str
    medium: str


@dataclass(frozen=True, slots=True)
class ItemOnDisk(Item):
    """A binary file of a folder (an image, a DICOM file, a PDF) listed and sniffed but not read: whoever scans it
    reads and hashes it (`read_on_disk`), so that its bytes need not pass through the scan's main process on their
    way to a worker. Its `content_hash` is empty and `size` is what the file had when sniffed."""

    name: str = ""  # as the folder's walk listed it
    file: ListedFile | None = None


#: Deepest archive-in-archive nesting read.
MAX_ARCHIVE_DEPTH = 3
#: Bytes of a file read to sniff it when its bytes may be left on disk (a page): a file no longer is read whole.
HEAD_BYTES = 4096

ReadResult = Item | ItemError | MediaLink
T = TypeVar("T")


def read_corpus(paths: Iterable[str | Path], binary_on_disk: bool = False) -> Iterator[ReadResult]:
    """Every item under `paths` (folders, files, zips), in a stable order.

    Locators are relative to the folder named (a file named on its own is located by its file name). With
    `binary_on_disk`, the binary files of a folder (not those in an archive, nor a post's media) come as ItemOnDisk.
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from _read_tree(FolderTree(path), binary_on_disk=binary_on_disk)
        elif path.is_file():
            yield from _read_tree(FolderTree(path.parent, only=path.name), binary_on_disk=binary_on_disk)
        else:
            yield ItemError(str(path), "read", "no such file or folder")


def read_on_disk(item: ItemOnDisk) -> list[ReadResult]:
    """What reading the file of `item` yields, as the corpus reader would have yielded it had it read the file when
    it listed it: the item with its bytes and hash, and its errors (the pixels of some frames left unread); or only
    the errors that stopped it being read, one of them when the file has become something else since it was sniffed."""
    return list(_guarded(item.locator, _read_listed_item(item)))


def _read_listed_item(item: ItemOnDisk) -> Iterator[ReadResult]:
    assert item.file is not None, "an ItemOnDisk is made with its file"
    file = item.file
    data = yield from _reported(item.name, lambda: read_listed(file))
    if data is None:
        return
    if _binary_kind(data, item.name) != item.kind:
        yield ItemError(item.locator, "read", "not read: file changed while it was being read; scan again to read it")
        return
    yield from _file_items(item.locator, item.name, data, depth=0)


def _binary_kind(head: bytes, name: str) -> str | None:
    """The item kind of a binary file that its first bytes settle (`sniff_file` need not read it all: not a "BM"
    head, which may be a note); None for any other file."""
    kind = sniff(head[:512], name)
    return _BINARY_KINDS.get(kind) if not (kind == "image" and head.startswith(b"BM")) else None


def _read_tree(tree: Tree, depth: int = 0, binary_on_disk: bool = False) -> Iterator[ReadResult]:
    names: list[str] = []
    for entry in tree.walk():
        if isinstance(entry, ItemError):
            yield entry
        else:
            names.append(entry)
    claimed: dict[str, str] = {}  # media a post referenced -> that post's locator
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
        if binary_on_disk and isinstance(tree, FolderTree):
            content = yield from _binary_on_disk(tree, name)
        else:
            content = yield from _read_or_report(tree, name)
        if isinstance(content, ItemOnDisk):
            yield content
        elif content is not None:
            yield from _guarded(tree.locator(name), _file_items(tree.locator(name), name, content, depth))
        if name in unparsed:
            # after the item, so the error always travels in the same batch as the item it concerns
            yield ItemError(tree.locator(name), "read", f"not read as a post export ({unparsed[name]}); its text is scanned as plain text")


def _binary_on_disk(tree: FolderTree, name: str) -> Generator[ItemError, None, ItemOnDisk | bytes | None]:
    """Generator helper: the file as an ItemOnDisk when its head says it is binary; else its bytes, read as
    `_read_or_report` reads them (None when it cannot be read)."""
    head = yield from _reported(tree.prefix + name, lambda: tree.head(name, HEAD_BYTES))
    if head is None:
        return None
    data, size = head
    if len(data) == size:  # no longer than its head: read whole already
        return data
    kind = _binary_kind(data, name)
    if kind is None:
        return (yield from _read_or_report(tree, name))
    return ItemOnDisk(tree.locator(name), kind, "", size=size, name=name, file=tree.where(name))


def _read_or_report(tree: Tree, name: str) -> Generator[ItemError, None, bytes | None]:
    """Generator helper: yields an ItemError and returns None when the file cannot be read."""
    return (yield from _reported(tree.prefix + name, lambda: tree.read(name)))


def _reported(where: str, read: Callable[[], T]) -> Generator[ItemError, None, T | None]:
    """What `read()` returns; or None, with the error of the file at `where` yielded, when it raises."""
    try:
        return read()
    except (TooLarge, FileChanged) as error:
        yield ItemError(where, "read", f"not read: {error}")
    except Exception as error:
        yield ItemError(where, "read", f"cannot read: {_reason(error)}")
    return None


def _reason(error: Exception) -> str:
    """An error's message, with its class named when it is not a plain OS error (the message alone may be empty)."""
    return str(error) if isinstance(error, OSError) and str(error) else f"{type(error).__name__}: {error}"


def _guarded(locator: str, entries: Iterator[ReadResult]) -> Iterator[ReadResult]:
    """`entries`, with any exception raised while making them the error of the file at `locator`."""
    try:
        yield from entries
    except Exception as error:
        yield ItemError(locator, "read", f"cannot read: {_reason(error)}")


def _file_items(locator: str, name: str, data: bytes, depth: int) -> Iterator[ReadResult]:
    if not data:
        yield ItemError(locator, "read", "empty file (0 bytes): nothing to scan")
        return
    kind = sniff_file(data, name)
    content_hash = _sha256(data)  # once: hashing is the reader's largest cost on a folder of scans
    document = read_document(locator, name, data, kind, content_hash)  # HTML, XML, Office: auditor/corpus/markup.py
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
        yield Item(locator, _BINARY_KINDS[kind], content_hash, payload=data, size=len(data))
        unread = _unread_frames(data) if kind == "image" else None
        if unread:  # after the item, in its batch: the pixel scanners read every frame up to the bounds
            yield ItemError(locator, "not_scanned", unread)
    elif kind == "text":
        text, _ = decode_text(data)
        if name.lower().endswith((".csv", ".tsv")):
            yield from _csv_items(locator, text, delimiter="\t" if name.lower().endswith(".tsv") else ",")
        else:
            yield Item(locator, "text", content_hash, fields={"text": text}, size=len(data))
    else:
        yield ItemError(locator, "read", _unsupported_reason(name))


def _unread_frames(data: bytes) -> str | None:
    """Why some frames of an image (a TIFF's pages, an animated GIF's, PNG's or WebP's frames) are not scanned: more
    of them than the pixel scanners' bounds, or a file damaged after some frames (auditor/media/image.py
    `frame_plan`: headers only, no pixel decoded); None when all are read."""
    from auditor.media.image import PixelLoadError, frame_plan

    try:
        plan = frame_plan(data)
    except PixelLoadError:
        return None  # the pixel scanners report an undecodable image with their own reason
    if plan.unread is None:
        return None
    first, count = plan.read + 1, plan.count
    frames = f"frame {count} of {count}" if first == count else f"frames {first}-{count} of {count}"
    return f"pixels of {frames} not scanned: {plan.unread} (every frame's metadata is read)"


def _unsupported_reason(name: str) -> str:
    reason = "unsupported file type (not text, image, DICOM, PDF or zip)"
    suffix = posixpath.splitext(name.lower())[1]
    claimed = next((kind for kind, suffixes in _KIND_SUFFIXES.items() if suffix in suffixes), None)
    return f"named like {claimed} ({suffix}) but its content is not one; {reason}" if claimed else reason


def _export_items(tree: Tree, name: str, export: ExportFile, claimed: dict[str, str]) -> Iterator[ReadResult]:
    locator = tree.locator(name)
    folder = posixpath.dirname(name)
    seen: set[str] = set()
    for record in export.records:
        if isinstance(record, RecordError):
            where = escaped(record.id) if record.id else record.where.replace(" ", "-")
            yield ItemError(unique(f"{locator}#{where}", seen, record.where.replace(" ", "-")), "read", f"{record.where}: {record.reason}")
            continue
        post_locator = unique(f"{locator}#{escaped(record.id)}", seen, record.where.replace(" ", "-"))
        yield Item(
            post_locator,
            "post",
            _record_hash(record),
            fields=record.fields,
            author=record.author,
            created_at=record.created_at,
            size=sum(len(value) for value in record.fields.values()),
        )
        for error in record.cut:
            yield ItemError(post_locator, "read", error)
        yield from _media_items(tree, folder, record, post_locator, claimed)


def _masked_name(reference: str) -> str:
    """A file name as an error may quote it: masked like evidence, for a name that never became an item was never
    scanned for the identifiers it may hold ('jane doe.png'); its extension stays, to say what kind it was."""
    from auditor.evidence import mask

    stem, extension = posixpath.splitext(reference)
    return f"'{escaped(mask(stem))}{escaped(extension[:10])}'"


def _media_items(tree: Tree, folder: str, record: PostRecord, post_locator: str, claimed: dict[str, str]) -> Iterator[ReadResult]:
    """The media a post references: read once, at the first post that references it (its `parent`); every other
    post that references it gets a MediaLink, so the medium counts in each of their verdicts."""
    for number, reference in enumerate(record.media, 1):
        name = posixpath.normpath(posixpath.join(folder, reference))
        if name.startswith("../") or os.path.isabs(reference) or not tree.exists(name):
            yield ItemError(
                post_locator, "read", f"referenced media not found in the corpus: medium {number} of the post ({_masked_name(reference)})"
            )
            continue
        if name in claimed:
            if claimed[name] != post_locator:
                yield MediaLink(post_locator, tree.locator(name))
            continue
        claimed[name] = post_locator
        data = yield from _read_or_report(tree, name)
        if data is None:
            continue
        kind = sniff_file(data, name)
        media_kind = _BINARY_KINDS.get(kind, "text" if kind == "text" else None)
        if media_kind is None:
            yield ItemError(tree.locator(name), "read", "a post's medium of an unsupported type (not an image, DICOM, PDF or text)")
            continue
        fields = {"text": decode_text(data)[0]} if media_kind == "text" else {}
        payload = data if media_kind != "text" else None
        yield Item(tree.locator(name), media_kind, _sha256(data), fields=fields, payload=payload, parent=post_locator, size=len(data))


def _csv_items(locator: str, text: str, delimiter: str) -> Iterator[ReadResult]:
    """Each row of a CSV is an item located by its place (`#row-3`: an id column may hold an MRN); every
    non-empty cell is a field (`csv_row_fields`)."""
    try:
        header, rows = csv_rows(text, delimiter)
    except csv.Error as error:
        yield ItemError(locator, "read", f"malformed CSV: {error}")
        return
    for number, row in enumerate(rows, 1):
        row_locator = csv_row_locator(locator, number)
        fields = {key: scanned for key, (_, scanned) in csv_row_fields(header, row).items()}
        if fields:
            yield Item(
                row_locator,
                "text",
                _sha256(json.dumps(fields, sort_keys=True).encode()),
                fields=fields,
                size=sum(map(len, fields.values())),
            )
        if len(row) != len(header):  # after the item: the scan attaches an error to the batch its item is in
            yield ItemError(row_locator, "read", f"row {number} has {len(row)} columns, the header {len(header)}; read as far as it goes")


def csv_rows(text: str, delimiter: str) -> tuple[list[str], list[list[str]]]:
    """A CSV's header (stripped) and its rows; raises csv.Error on a malformed file."""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        return [], []
    return [column.strip() for column in rows[0]], rows[1:]


def csv_row_locator(locator: str, number: int) -> str:
    return f"{locator}#row-{number}"


def csv_row_fields(header: list[str], row: list[str]) -> dict[str, tuple[int, str]]:
    """A row's fields as the scan reads them: field name -> (cell index, text scanned). Every non-empty cell is
    read headed by its column's name, so that `mrn: 48213` is read with its context; a free-text column (`note`,
    `text`) is read as it is. Redaction maps findings back to cells through the same function."""
    fields: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(row):
        if not value.strip():
            continue
        column = header[index] if index < len(header) and header[index] else f"column {index + 1}"
        key = column if column not in fields else f"{column} (column {index + 1})"
        fields[key] = (index, value if column.lower() in _CSV_TEXT_COLUMNS else f"{column}: {value}")
    return fields


def _record_hash(record: PostRecord) -> str:
    content = {"fields": record.fields, "author": record.author, "created_at": record.created_at, "media": record.media}
    return _sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_tree(tree: Tree) -> Iterator[ReadResult]:
    """Every item of one tree that is not a folder on disk (an upload held in memory: `phi-audit serve`), read
    exactly as `read_corpus` reads a folder: exports, media, archives and their bounds."""
    return _read_tree(tree)
