"""Reading one item back from the corpus for the drill-down: the store keeps no content, only masked findings.

Only the file that holds the item is read again (a post export, a zip, an image), not the whole corpus, and
the item is used only if its content hash still matches the scan: spans and boxes of a changed file would
point at the wrong text or pixels.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from auditor.corpus import read_corpus
from auditor.model import Item

_MEMBER_OR_RECORD = re.compile(r"[!#]")


def read_item(scanned_paths: list[str], locator: str, content_hash: str) -> Item | None:
    """The item as scanned, or None when its file is gone, unreadable or changed since the scan."""
    head = _MEMBER_OR_RECORD.split(locator, maxsplit=1)[0]
    for root in map(Path, scanned_paths):
        if root.is_file():
            candidate, prefix = (root, "") if head == root.name else (None, "")
        else:
            candidate, prefix = root / head, posixpath.dirname(head)
        if candidate is None or not candidate.is_file():
            continue
        for entry in read_corpus([candidate]):
            if isinstance(entry, Item) and posixpath.join(prefix, entry.locator) == locator:
                return entry if entry.content_hash == content_hash else None
    return None
