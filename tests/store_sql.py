"""Raw SQL over a store, for tests that check what is stored: the product reads the store only through its read
models (`auditor/store/`, no `query()`), so a test opens a read-only connection of its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing

from auditor.store import FindingsStore


def rows(store: FindingsStore, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
    with closing(sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, parameters).fetchall()
