"""Exports of the findings store in the public schema (auditor/schema/findings.schema.json): JSONL, CSV, Parquet.

A finding in an HTML, XML or Office document's text says where it is in the file (`where`, auditor/places.py:
the documents are read again, unchanged ones only). Evidence stays masked unless `reveal` is asked for; then the raw values are read again from the corpus the
store was scanned from (auditor/reveal.py; the store never holds them), only where the item is unchanged. A CSV
cell that a spreadsheet would run as a formula is written with a leading quote (auditor/terminal.py).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any

from auditor.places import placed_records
from auditor.store import FindingsStore
from auditor.terminal import csv_cell

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = ("item", "source", "field", "entity", "identifier", "health", "span", "bbox", "score", "scanner", "evidence", "digest", "where")


def findings_schema() -> dict[str, Any]:
    return json.loads(resources.files("auditor.schema").joinpath("findings.schema.json").read_text(encoding="utf-8"))


def export_findings(store: FindingsStore, fmt: str, out: str | Path, reveal: bool = False) -> int:
    """Write every finding of `store` to `out` (created owner-only); returns the number of rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    records = placed_records(store, (finding.to_record() for finding in store.findings()))
    if reveal:
        from auditor.reveal import revealed

        records = revealed(store, records)
    path = Path(out)
    fd = open_private(path)
    if fmt == "parquet":
        os.close(fd)
        return _write_parquet(records, path)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
        return _write_jsonl(records, stream) if fmt == "jsonl" else _write_csv(records, stream)


def open_private(path: Path) -> int:
    """`path` opened for writing, owner-only (0600) before anything is written, also when it existed with a
    wider mode (os.open's mode applies only to a new file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    return fd


def _write_jsonl(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(
            {key: json.dumps(value) if key in ("span", "bbox") and value is not None else csv_cell(value) for key, value in record.items()}
        )
        count += 1
    return count


def _write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("item", pa.string()),
            ("source", pa.string()),
            ("field", pa.string()),
            ("entity", pa.string()),
            ("identifier", pa.string()),
            ("health", pa.string()),
            ("span", pa.list_(pa.int64())),
            ("bbox", pa.list_(pa.int64())),
            ("score", pa.float64()),
            ("scanner", pa.string()),
            ("evidence", pa.string()),
            ("digest", pa.string()),
            ("where", pa.string()),
        ]
    )
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks(records, 10_000):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
