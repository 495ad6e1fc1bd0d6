"""Reading items back from the corpus after a scan: the store keeps no content, only masked findings, so the
dashboard's drill-down and `export --reveal-evidence` read the items again, and both do it here.

Only the files that hold the wanted items are read (a post export, a zip, an image), each once, not the whole
corpus; and an item is given back only if its content hash still matches the scan: spans and boxes of a changed
file would point at the wrong text or pixels. Whatever is gone, unreadable or changed is simply not given back.
"""

from __future__ import annotations

import glob
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from auditor.corpus.reader import read_corpus
from auditor.locator_masks import Unmasking, fits, is_masked, untagged
from auditor.model import Item

#: Where a locator's file part ends: at its first archive member (`!`) or record (`#`) separator (both are
#: percent-encoded inside a name, auditor/corpus/locators.py).
_MEMBER_OR_RECORD = re.compile(r"[!#]")


def reread(scanned_paths: Sequence[str], wanted: Mapping[str, str], unmasking: Unmasking | None = None) -> Iterator[tuple[str, Item]]:
    """(stored locator, item) of the items of `wanted` (stored locator → content hash at the scan) that are still in
    the corpus unchanged, in the order their files are read. The item is as the reader gives it, with its true
    locator as the scan saw it. A masked locator (auditor/locator_masks.py) is found by `unmasking`: every file of
    its shape is read, and its item is the one whose true locator has the stored digest."""
    by_file: dict[tuple[Path, str], set[str]] = defaultdict(set)
    listed: dict[tuple[Path, str], list[Path]] = {}  # each folder listed once per shape, not once per locator
    for locator in wanted:
        for where in _files_of(scanned_paths, locator, listed):
            by_file[where].add(locator)
    left = dict(wanted)
    stored = unmasking.stored if unmasking else str
    for (candidate, prefix), locators in by_file.items():
        if not locators & left.keys():
            continue
        for entry in read_corpus([candidate]):
            if not isinstance(entry, Item):
                continue
            true = posixpath.join(prefix, entry.locator)
            locator = stored(true)
            if locator in locators and locator in left and left.pop(locator) == entry.content_hash:
                yield locator, replace(entry, locator=true)


def reread_one(scanned_paths: Sequence[str], locator: str, content_hash: str, unmasking: Unmasking | None = None) -> Item | None:
    """The item as scanned, or None when its file is gone, unreadable or changed since the scan."""
    return next((item for _, item in reread(scanned_paths, {locator: content_hash}, unmasking)), None)


def _files_of(scanned_paths: Sequence[str], locator: str, listed: dict[tuple[Path, str], list[Path]]) -> Iterator[tuple[Path, str]]:
    """(file, the folder its items' locators are relative to) for each scanned path that may hold the item. A
    locator is relative to the folder scanned; a file scanned on its own is located by its name. `listed` keeps
    the files of each shape already looked for under each root."""
    head = _MEMBER_OR_RECORD.split(untagged(locator), maxsplit=1)[0]
    for root in map(Path, scanned_paths):
        if root.is_file():
            if root.name == head or (is_masked(locator) and fits(root.name, head)):
                yield root, ""
        elif is_masked(locator):
            # `*` stands for one masked character: every file of that shape may be the one (its digest decides)
            pattern = glob.escape(head).replace("[*]", "?")
            if (root, pattern) not in listed:
                listed[root, pattern] = sorted(path for path in root.glob(pattern) if path.is_file())
            for path in listed[root, pattern]:
                yield path, posixpath.dirname(path.relative_to(root).as_posix())
        elif (root / head).is_file():
            yield root / head, posixpath.dirname(head)
