"""The record type of migration 0008: keyed digest of a true locator → the masked locator its item is stored under."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from auditor.store.findings_store import FindingsStore


def stored_under(store: FindingsStore, digest: str) -> str | None:
    """The masked locator of the item whose true locator has this digest; None when its locator is stored as it is."""
    rows = store._select("SELECT locator FROM masked_locators WHERE digest=?", (digest,))
    return rows[0][0] if rows else None


def digests_of(store: FindingsStore, locators: Sequence[str]) -> dict[str, str]:
    """Digest of the true locator → masked locator, for these masked locators."""
    found: dict[str, str] = {}
    for start in range(0, len(locators), 500):
        chunk = list(locators[start : start + 500])
        found.update(store._select(f"SELECT digest, locator FROM masked_locators WHERE locator IN ({','.join('?' * len(chunk))})", chunk))
    return found


def writer(rows: Sequence[tuple[str, str, str]]):
    """What `FindingsStore.save_items(also=...)` runs inside its transaction to record (digest, masked locator) rows
    from (digest, true locator, masked locator): a media link or a parent written under the true locator before its
    item was scanned (the link is made as the corpus is read) takes the masked one, and the true one is gone."""

    def write(db: sqlite3.Connection) -> None:
        db.executemany("INSERT OR REPLACE INTO masked_locators VALUES (?, ?)", [(digest, masked) for digest, _, masked in rows])
        renames = [(masked, true) for _, true, masked in rows]
        for statement in (
            "UPDATE OR REPLACE media_links SET post=? WHERE post=?",
            "UPDATE OR REPLACE media_links SET medium=? WHERE medium=?",
            "UPDATE items SET parent=? WHERE parent=?",
        ):
            db.executemany(statement, renames)

    return write
