"""The checks `phi-audit serve` answered (table `service_checks`, migration 0003): one row per upload.

A row says when, what kind of upload, the sha256 and size of its bytes, the locator of its items and the
verdict given; it never holds the bytes, the upload's file name or a raw value.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields

from auditor.store.findings_store import FindingsStore


@dataclass(frozen=True)
class CheckRecord:
    id: str
    received_at: str
    finished_at: str
    kind: str  # file | post
    sha256: str
    size: int
    item: str
    policy: str
    policy_version: str
    verdict: str
    accept: bool
    complete: bool
    findings: int
    errors: int
    run_id: int


_COLUMNS = ", ".join(f.name for f in fields(CheckRecord))


def save_check(store: FindingsStore, check: CheckRecord) -> None:
    store._write(f"INSERT INTO service_checks ({_COLUMNS}) VALUES ({', '.join('?' * len(fields(CheckRecord)))})", [astuple(check)])


def checks_of(store: FindingsStore, sha256: str | None = None) -> list[CheckRecord]:
    """Every check, oldest first, or those of uploads with this sha256."""
    where, parameters = ("WHERE sha256=?", (sha256,)) if sha256 else ("", ())
    rows = store._select(f"SELECT {_COLUMNS} FROM service_checks {where} ORDER BY received_at, id", parameters)
    return [_check_record(row) for row in rows]


def _check_record(row: tuple) -> CheckRecord:
    """A service_checks row (of `_COLUMNS`) as its record; SQLite keeps `accept` and `complete` as 0 or 1."""
    values = list(row)
    values[10], values[11] = bool(row[10]), bool(row[11])
    return CheckRecord(*values)
