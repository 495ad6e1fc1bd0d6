"""Raw values for `export --reveal-evidence`, read again from the corpus: the store never holds them.

Each finding's span points into a text its scanner can re-derive from the item (a post's text, a
metadata value: `Scanner.field_texts`). The items are read again by `auditor.corpus.reread` (as the dashboard's
drill-down reads them): only those whose content is unchanged since the scan, so a span never lands on different
text; whatever cannot be re-read stays masked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from auditor.corpus.reread import reread
from auditor.locator_masks import Unmasking
from auditor.model import Item
from auditor.scanners import Scanner, scanner_class
from auditor.store import FindingsStore, walks
from auditor.store.item_views import scanned_paths


def revealed(store: FindingsStore, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """`records` with the raw value as evidence where it can be re-read, and the item's true locator where its
    names were masked (auditor/locator_masks.py); masked otherwise."""
    texts, true = _field_texts(store)
    for record in records:
        text = texts.get((record["item"], record["scanner"]), {}).get(record["field"])
        span = record["span"]
        if text is not None and span is not None and 0 <= span[0] <= span[1] <= len(text):
            record = {**record, "evidence": text[span[0] : span[1]]}
        yield {**record, "item": true.get(record["item"], record["item"])}


def _field_texts(store: FindingsStore) -> tuple[dict[tuple[str, str], dict[str, str]], dict[str, str]]:
    """(item, scanner) → the texts that scanner's findings on the item point into, for unchanged items; and each
    such item's true locator."""
    wanted = walks.spanned_items(store)
    scanners = {name: scanner_class(name)() for name in {name for names in wanted.values() for name in names}}
    found: dict[tuple[str, str], dict[str, str]] = {}
    true: dict[str, str] = {}
    for locator, item in reread(scanned_paths(store), walks.content_hashes(store, set(wanted)), Unmasking.of(store, wanted)):
        true[locator] = item.locator
        for name in wanted[locator]:
            found[(locator, name)] = _texts_of(scanners[name], item)
    return found, true


def _texts_of(scanner: Scanner, item: Item) -> dict[str, str]:
    """The scanner's texts for the item; a file that no longer parses reveals nothing."""
    try:
        return scanner.field_texts(item)
    except Exception:
        return {}
