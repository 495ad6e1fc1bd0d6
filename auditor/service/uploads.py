"""An upload as the corpus reader sees it: a tree of files held in memory, read by `auditor.corpus`.

A file upload is a tree of one file; a JSON post is a one-record post export with its media beside it. So an
upload is read exactly as a scan reads a folder (content sniffing, CSV rows, post exports, zip members with
their size, ratio and nesting bounds), and nothing is written to disk. The upload's file name is not kept
(it may itself name the patient): only its extension, which decides how a text file is read (`.csv` rows,
`.jsonl` posts) and is the last resort for a DICOM file without preamble.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from auditor.corpus.locators import escaped
from auditor.corpus.reader import ReadResult, read_tree
from auditor.model import ItemError

_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}$")
#: The record id of a JSON post inside its check.
POST_ID = "post"
#: The file a JSON post becomes: a one-record post export.
POST_FILE = "post.jsonl"


@dataclass
class MemoryTree:
    """Files held in memory under relative names (`auditor.corpus.trees.Tree`)."""

    files: Mapping[str, bytes]
    prefix: str

    def walk(self) -> Iterator[str | ItemError]:
        yield from sorted(self.files)

    def read(self, name: str) -> bytes:
        return self.files[name]

    def exists(self, name: str) -> bool:
        return name in self.files

    def locator(self, name: str) -> str:
        return self.prefix + escaped(name)


def stored_name(stem: str, client_name: str | None) -> str:
    """`stem` with the extension of the name the client gave (lower-cased), if it has a plain one."""
    match = _EXTENSION.search(posixpath.basename((client_name or "").replace("\\", "/")).lower())
    return stem + (match.group(0) if match else "")


@dataclass
class Upload:
    """An upload read: its locator, its files by name (under `prefix` in the locators), what the reader made of them."""

    locator: str
    prefix: str
    files: dict[str, bytes]
    entries: list[ReadResult]


def read_file_upload(prefix: str, client_name: str | None, data: bytes) -> Upload:
    """An uploaded file and what the corpus reader makes of it."""
    name = stored_name("upload", client_name)
    files = {name: data}
    return Upload(prefix + name, prefix, files, list(read_tree(MemoryTree(files, prefix))))


def read_post_upload(prefix: str, text: str, author: str | None, created_at: str | None, media: list[tuple[str, bytes]]) -> Upload:
    """A posted post and its items: the post, then each medium (`media/<n>.<ext>`) as its child."""
    files = {stored_name(f"media/{number}", name): data for number, (name, data) in enumerate(media, 1)}
    record = {"id": POST_ID, "text": text, "author": author, "created_at": created_at, "media": list(files)}
    files[POST_FILE] = json.dumps({key: value for key, value in record.items() if value is not None}).encode("utf-8")
    return Upload(f"{prefix}{POST_FILE}#{POST_ID}", prefix, files, list(read_tree(MemoryTree(files, prefix))))
