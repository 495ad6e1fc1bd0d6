"""Verdicts a scan makes as it saves each batch, from the findings in hand (`pipeline.scan`), rather than from every
finding read back once the scan is done; what is left for the end is what a batch cannot judge alone: a post (its
media may come in a later batch) and the posts whose media a batch saved or whose errors came apart.

A verdict another write may have made stale is deleted by that write, under the scan's policy only (the verdicts of
other policies are judged by `phi-audit rescore`, as before): so when a scan ends, every item without a verdict is one
to judge (`unjudged_chunks`), and every verdict kept is current.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence

from auditor.model import Verdict
from auditor.store.findings_store import FindingsStore, verdict_row

#: The posts that count an item's findings in their verdicts: the one it is a medium of, and those that link to it.
_HOLDERS = "SELECT parent FROM items WHERE locator = ?1 AND parent IS NOT NULL UNION SELECT post FROM media_links WHERE medium = ?1"


def writer(verdicts: Sequence[Verdict], unjudged: Sequence[str], policy: str) -> Callable[[sqlite3.Connection], None]:
    """What `FindingsStore.save_items(also=...)` runs in a batch's transaction, after its items are saved: the batch's
    `verdicts` written, and the stale ones of `policy` deleted: those of the batch's `unjudged` items, and of every post
    holding an item of the batch (`verdicts` and `unjudged` together are the batch's items)."""
    rows = [verdict_row(verdict) for verdict in verdicts]

    def write(db: sqlite3.Connection) -> None:
        _forget(db, [verdict.item for verdict in verdicts], unjudged, policy)
        db.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    return write


def forget(store: FindingsStore, locators: Sequence[str], policy: str) -> None:
    """Delete the verdicts of `policy` on these items and on the posts holding them: a write outside a batch (an error
    added to a saved item, a new media link) changed what those verdicts were judged from."""
    store._write_with(lambda db: _forget(db, (), locators, policy))


def _forget(db: sqlite3.Connection, held: Sequence[str], own: Sequence[str], policy: str) -> None:
    db.executemany("DELETE FROM verdicts WHERE policy = ? AND item = ?", [(policy, locator) for locator in own])
    db.executemany(f"DELETE FROM verdicts WHERE policy = ?2 AND item IN ({_HOLDERS})", [(locator, policy) for locator in (*held, *own)])


def unjudged_chunks(store: FindingsStore, policy: str, size: int) -> Iterator[dict[str, bool]]:
    """Every item without a verdict of `policy` as {locator: fully scanned}, `size` at a time in locator order (keyset
    pagination, as `walks.item_chunks`)."""
    after = ""
    while chunk := store._select(
        "SELECT locator, complete FROM items WHERE locator > ?"
        " AND NOT EXISTS (SELECT 1 FROM verdicts WHERE verdicts.item = items.locator AND verdicts.policy = ?)"
        " ORDER BY locator LIMIT ?",
        (after, policy, size),
    ):
        after = chunk[-1][0]
        yield {locator: bool(complete) for locator, complete in chunk}
