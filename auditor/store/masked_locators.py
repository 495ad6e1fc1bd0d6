"""The record type of migration 0008: keyed digest of a true locator → the masked locator its item is stored under."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from auditor.store.findings_store import FindingsStore


def stored_under(store: FindingsStore, digest: str) -> str | None:
    """The masked locator of the item whose true locator has this digest; None when its locator is stored as it is."""
    rows = store._select("SELECT locator FROM masked_locators WHERE digest=?", (digest,))
    return rows[0][0] if rows else None


def every(store: FindingsStore) -> dict[str, str]:
    """Digest → masked locator, for every masked item (only items whose names hold an identifier)."""
    return dict(store._select("SELECT digest, locator FROM masked_locators"))


def writer(rows: Sequence[tuple[str, str]]):
    """What `FindingsStore.save_items(also=...)` runs inside its transaction to record (digest, masked locator) rows."""

    def write(db: sqlite3.Connection) -> None:
        db.executemany("INSERT OR REPLACE INTO masked_locators VALUES (?, ?)", rows)

    return write
