"""Raw values for `export --reveal-evidence`, read again from the corpus: the store never holds them.

Each finding's span points into a text its scanner can re-derive from the item (a post's text, a
metadata value: `Scanner.field_texts`). Only items whose content is unchanged since the scan are read,
so a span never lands on different text; whatever cannot be re-read stays masked.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Iterator

from auditor.model import Item
from auditor.scanners import Scanner, scanner_class
from auditor.store import FindingsStore


def revealed(store: FindingsStore, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """`records` with the raw value as evidence where it can be re-read; masked otherwise."""
    texts = _field_texts(store)
    for record in records:
        text = texts.get((record["item"], record["scanner"]), {}).get(record["field"])
        span = record["span"]
        if text is not None and span is not None and 0 <= span[0] <= span[1] <= len(text):
            record = {**record, "evidence": text[span[0] : span[1]]}
        yield record


def _field_texts(store: FindingsStore) -> dict[tuple[str, str], dict[str, str]]:
    """(item, scanner) → the texts that scanner's findings on the item point into, for unchanged items."""
    from auditor.corpus import read_corpus

    wanted: dict[str, set[str]] = defaultdict(set)
    for item, scanner in store.query("SELECT DISTINCT item, scanner FROM findings WHERE span_start IS NOT NULL"):
        wanted[item].add(scanner)
    hashes = {stored.locator: stored.content_hash for stored in store.items() if stored.locator in wanted}
    paths = sorted({path for (paths_json,) in store.query("SELECT paths FROM runs") for path in json.loads(paths_json)})
    scanners = {name: scanner_class(name)() for name in {name for names in wanted.values() for name in names}}
    found: dict[tuple[str, str], dict[str, str]] = {}
    for entry in read_corpus([p for p in paths if Path(p).exists()]):
        if isinstance(entry, Item) and entry.locator in wanted and hashes.get(entry.locator) == entry.content_hash:
            for name in wanted[entry.locator]:
                found[(entry.locator, name)] = _texts_of(scanners[name], entry)
    return found


def _texts_of(scanner: Scanner, item: Item) -> dict[str, str]:
    """The scanner's texts for the item; a file that no longer parses reveals nothing."""
    try:
        return scanner.field_texts(item)
    except Exception:  # noqa: BLE001 - an unreadable item keeps its evidence masked
        return {}
