"""Every item's verdict as a file (`phi-audit export --what items`): one row per item with where it is, what it
is, its risk under one policy, the rules that decided it and every rule that fired, the identifiers and health
categories it exposes (with its media), whether it was fully scanned, and its errors. JSON Lines, CSV or Parquet;
owner-only like every export. Nothing in it is a raw value: locators, kinds, rule and category names, and error
reasons (which name the file and the problem, never a value found in it).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from auditor.export import FORMATS, open_private
from auditor.report import rule_decider
from auditor.store import FindingsStore
from auditor.store.item_views import listed_items
from auditor.store.totals import has_items

ITEM_COLUMNS = ("item", "kind", "parent", "risk", "decided_by", "rules", "identifiers", "health", "complete", "errors")
_LISTS = ("decided_by", "rules", "identifiers", "health", "errors")
#: A CSV cell starting with one of these is a formula to a spreadsheet; a locator is a file name from the corpus.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def item_records(store: FindingsStore, policy: str) -> Iterator[dict[str, Any]]:
    """One record per item judged under `policy`, in locator order. Raises ValueError when the store has items but
    no verdicts under that policy."""
    verdicts = {verdict.item: verdict for verdict in store.verdicts(policy)}
    if not verdicts and has_items(store):
        raise ValueError(f"the store has no verdicts for policy {policy!r}; re-score with `phi-audit report --policy {policy}`")
    decide = rule_decider(policy)
    errors: dict[str, list[str]] = {}
    for error in store.errors():
        errors.setdefault(error.item, []).append(f"{error.stage}: {error.reason}")
    for locator, kind, parent in listed_items(store):
        verdict = verdicts.get(locator)
        yield {
            "item": locator,
            "kind": kind,
            "parent": parent,
            "risk": verdict.risk if verdict else None,
            "decided_by": list(decide(verdict)) if verdict else [],
            "rules": list(verdict.rules) if verdict else [],
            "identifiers": list(verdict.identifiers) if verdict else [],
            "health": list(verdict.health) if verdict else [],
            "complete": bool(verdict.complete) if verdict else False,
            "errors": errors.get(locator, []),
        }


def export_items(store: FindingsStore, policy: str, fmt: str, out: str | Path) -> int:
    """Write every item's verdict to `out` (created owner-only); returns the number of rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    records = list(item_records(store, policy))
    path = Path(out)
    fd = open_private(path)
    if fmt == "parquet":
        os.close(fd)
        _write_parquet(records, path)
        return len(records)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
        if fmt == "jsonl":
            stream.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        else:
            writer = csv.DictWriter(stream, fieldnames=ITEM_COLUMNS)
            writer.writeheader()
            writer.writerows({key: csv_cell(key, value) for key, value in record.items()} for record in records)
    return len(records)


def csv_cell(key: str, value: Any) -> Any:
    """A CSV cell: lists joined by `; `, and text that a spreadsheet would run as a formula quoted with `'`."""
    if key in _LISTS:
        value = "; ".join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_parquet(records: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    text, strings = pa.string(), pa.list_(pa.string())
    schema = pa.schema(
        [
            ("item", text),
            ("kind", text),
            ("parent", text),
            ("risk", text),
            *((name, strings) for name in _LISTS[:4]),
            ("complete", pa.bool_()),
            ("errors", strings),
        ]
    )
    pq.write_table(pa.Table.from_pylist(records, schema=schema), path)
