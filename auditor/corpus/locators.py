"""Locators unique by construction: the characters that separate a locator's parts are escaped inside a part.

A locator joins a file's relative name, an archive member (`!`), a record (`#`) and, where a record id or a
member name repeats, the record's place (`@line-7`, `@2`). A `#`, `!` or `@` in a file or member name or a record
id is percent-encoded, and so is a backslash (a name that is not UTF-8 shows its bytes as `\\xff`) (`collide.jsonl#7` the file is `collide.jsonl%237`), as are `%` itself and control
characters (a name can then never put an escape sequence on a terminal), so no name can pose as another
locator's record, member or place.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

_RESERVED = re.compile(r"[%#!@\\\x00-\x1f\x7f-\x9f]")


def escaped(part: str) -> str:
    """`part` with the locator's separators, `%` and control characters percent-encoded (UTF-8 bytes)."""
    return _RESERVED.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group(0).encode("utf-8")), part)


def unique(locator: str, seen: set[str], place: str) -> str:
    """`locator`, or `locator@place` when an earlier item of the same file already took it; records `seen`."""
    chosen = locator if locator not in seen else f"{locator}@{place}"
    seen.add(chosen)
    return chosen


def file_part(locator: str) -> str:
    """The part of an item's locator that names its file or archive member (`a.zip!b.jsonl#7@line-9` -> `a.zip!b.jsonl`)."""
    return locator.split("#", 1)[0]


def source_bytes(root: Path, locator: str) -> bytes:
    """The bytes of the file or archive member that a stored locator names, under the scan root `root` (a folder).

    Each part is found by listing its tree again and taking the name whose locator is that part, through the
    same checked reads as the scan (a link out of the root, a FIFO or a swapped file is refused), so an escaped
    name (`a%21b.txt`), a repeated member (`!note.txt@2`) and a name that is not UTF-8 resolve exactly as the scan
    named them. Raises KeyError when nothing under `root` has the locator (renamed or removed since the scan).
    """
    from auditor.corpus.trees import FolderTree, ZipTree

    parts = file_part(locator).split("!")
    guess = unquote(parts[0], errors="surrogateescape")
    tree: FolderTree | ZipTree = FolderTree(root, only=guess) if (root / guess).is_file() else FolderTree(root)
    prefix = ""
    for depth, part in enumerate(parts):
        name = next((entry for entry in tree.walk() if isinstance(entry, str) and tree.locator(entry) == prefix + part), None)
        if name is None:
            raise KeyError(f"{prefix + part!r}: no such file or member under the scan root (renamed or removed since the scan?)")
        data = tree.read(name)
        if depth + 1 < len(parts):
            prefix += part + "!"
            tree = ZipTree(data, prefix=prefix)
    return data
