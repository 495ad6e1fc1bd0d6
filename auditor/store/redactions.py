"""Reading the store's redaction records (migration 0005): the latest `phi-audit redact` run and its items."""

from __future__ import annotations

import json
from collections import Counter

from auditor.store.findings_store import FindingsStore


def latest_run(store: FindingsStore) -> tuple | None:
    """(id, finished_at, out, policy, options, written, refused, residual) of the latest run, or None."""
    rows = store._select(
        "SELECT id, finished_at, out, policy, options, written, refused, residual FROM redaction_runs ORDER BY id DESC LIMIT 1"
    )
    return rows[0] if rows else None


def removed(store: FindingsStore, run_id: int) -> Counter[str]:
    """What the run's written copies had removed, summed over them."""
    counts: Counter[str] = Counter()
    for (found,) in store._select("SELECT removed FROM redactions WHERE run_id = ? AND status = 'written'", (run_id,)):
        counts.update(json.loads(found))
    return counts


def refused(store: FindingsStore, run_id: int, limit: int) -> list[tuple[str, str]]:
    """(item, reason) of the first `limit` items the run refused to copy, in locator order."""
    return store._select(
        "SELECT item, reason FROM redactions WHERE run_id = ? AND status = 'refused' ORDER BY item LIMIT ?", (run_id, limit)
    )


def residual(store: FindingsStore, run_id: int, limit: int) -> list[tuple[str, list[str]]]:
    """(item, identifiers still found) of the first `limit` copies the re-scan found something in, in locator order."""
    rows = store._select(
        "SELECT item, residual FROM redactions WHERE run_id = ? AND residual IS NOT NULL AND residual != '[]' ORDER BY item LIMIT ?",
        (run_id, limit),
    )
    return [(item, json.loads(left)) for item, left in rows]
