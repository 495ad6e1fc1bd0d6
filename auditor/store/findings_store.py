"""The findings store: one SQLite file (WAL) with items, findings, per-item errors, scan runs and verdicts.

Each batch's results are written in one transaction, so a scan killed at any point loses at most the
batches in flight, and a re-run skips every item whose content hash and scanner versions are unchanged. Verdicts
are kept per policy apart from findings: a new policy re-scores the store without re-scanning.
The file is created owner-only (0600): it holds masked evidence, digests and the digest key. A post's author
(a handle, often a name) is kept masked like evidence, with its keyed digest so that one account's items
link up: the store holds no raw value from the corpus.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from auditor.evidence import EvidenceKeeper, mask
from auditor.model import Finding, Item, ItemError, Verdict
from auditor.store.migrations import BASELINE, LATEST, MIGRATIONS

#: Pages of the write-ahead log between checkpoints (64 MB of 4 KB pages).
WAL_PAGES = 16384
_FINDING_COLUMNS = "item, source, field, entity, identifier, health, span_start, span_end, bbox, score, scanner, evidence, digest"


class StoreError(Exception):
    """A store that cannot be opened: missing, not a phi-audit store, or of another schema version."""


@dataclass(frozen=True)
class StoredItem:
    locator: str
    kind: str
    parent: str | None
    content_hash: str
    scanned_with: str
    complete: bool


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid the cursor's INSERT gave its row (sqlite3 types `lastrowid` as optional: None before any insert)."""
    if cursor.lastrowid is None:
        raise TypeError("the statement inserted no row")
    return cursor.lastrowid


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FindingsStore:
    """A findings store on disk. Use `FindingsStore.create_or_open` to scan, `open_existing` to read."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def create_or_open(cls, path: str | Path) -> FindingsStore:
        """A new store (owner-only) or an existing phi-audit store, upgraded; StoreError for anything else."""
        path = Path(path)
        try:
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                os.close(fd)
            store = cls(cls._connect(path), path)
            try:
                store._initialise_or_upgrade()
            except BaseException:
                store.close()  # a refused file is not held open (a scan never reads a file it holds open)
                raise
        except OSError as error:
            raise StoreError(f"{path}: cannot create the findings store ({error.strerror or error})") from None
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: not a phi-audit findings store ({error})") from None
        return store

    @classmethod
    def open_existing(cls, path: str | Path, read_only: bool = False) -> FindingsStore:
        """An existing store. One made by an older phi-audit is upgraded first (a short write, even for a reader)."""
        path = Path(path)
        if not path.is_file():
            raise StoreError(f"{path}: no findings store here (run `phi-audit scan PATH --store {path}` first)")
        try:
            if read_only:
                with cls(cls._connect(f"file:{path}?mode=ro", uri=True), path) as reader:
                    behind = reader._version() < LATEST
                if behind:
                    cls(cls._connect(path), path)._upgrade().close()
            uri = f"file:{path}?mode=ro" if read_only else str(path)
            store = cls(cls._connect(uri, uri=read_only), path)
            if not read_only:
                store._upgrade()
            store._version()
        except sqlite3.OperationalError as error:
            raise StoreError(f"{path}: cannot open the findings store ({error})") from None
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: not a phi-audit findings store ({error})") from None
        return store

    @staticmethod
    def _connect(target: str | Path, uri: bool = False) -> sqlite3.Connection:
        connection = sqlite3.connect(target, uri=uri)
        try:
            if not uri:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                # a scan commits a batch at a time: copying the log into the file every 1,000 pages (SQLite's
                # default) was a fifth of the store's cost; a crash still loses no committed batch
                connection.execute(f"PRAGMA wal_autocheckpoint={WAL_PAGES}")
                # a row replaced leaves no bytes behind: a media link is written under a file's true name until
                # the file's own scan masks it (auditor/store/masked_locators.py)
                connection.execute("PRAGMA secure_delete=ON")
            connection.execute("PRAGMA busy_timeout=10000")
        except BaseException:
            connection.close()  # a file that is no database is not held open
            raise
        return connection

    def _version(self) -> int:
        """The store's schema version, checked to be one this phi-audit can read or upgrade."""
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a phi-audit findings store ({error})") from None
        if row is None:
            raise StoreError(f"{self.path}: not a phi-audit findings store (no schema version)")
        version = int(row[0])
        if version < BASELINE or version > LATEST:
            made_by = "an older" if version < BASELINE else "a newer"
            raise StoreError(
                f"{self.path}: store schema version {version} was made by {made_by} phi-audit; this one reads versions {BASELINE}-{LATEST}: re-scan into a new store"
            )
        return version

    def _initialise_or_upgrade(self) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            self._apply_migrations(since=0, then=[("INSERT INTO meta VALUES ('digest_key', ?)", (EvidenceKeeper.new_key(),))])
        elif "meta" not in tables:
            raise StoreError(f"{self.path}: not a phi-audit findings store (an SQLite file with other tables)")
        else:
            self._upgrade()

    def _upgrade(self) -> FindingsStore:
        """Apply every migration above the store's version, in one transaction."""
        version = self._version()
        if version < LATEST:
            self._apply_migrations(since=version)
        return self

    def _apply_migrations(self, since: int, then: Sequence[tuple[str, tuple]] = ()) -> None:
        """Every migration numbered above `since`, the version mark and `then`, in one transaction."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for migration in MIGRATIONS:
                if migration.number > since:
                    for statement in _statements(migration.sql):
                        self._db.execute(statement)
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(LATEST),))
            for statement, parameters in then:
                self._db.execute(statement, parameters)
        except BaseException:
            self._db.rollback()
            raise
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> FindingsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def evidence_keeper(self) -> EvidenceKeeper:
        (key,) = self._db.execute("SELECT value FROM meta WHERE key='digest_key'").fetchone()
        return EvidenceKeeper(bytes(key))

    def start_run(self, paths: Sequence[str], policy: str, policy_version: str, scanners: dict[str, str]) -> int:
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO runs (started_at, status, paths, policy, policy_version, scanners) VALUES (?, 'running', ?, ?, ?, ?)",
                (_now(), json.dumps(list(paths)), policy, policy_version, json.dumps(scanners, sort_keys=True)),
            )
        return _inserted_id(cursor)

    def finish_run(self, run_id: int, status: str, scanned: int, skipped: int) -> None:
        with self._db:
            self._db.execute(
                "UPDATE runs SET finished_at=?, status=?, items_scanned=?, items_skipped=? WHERE id=?",
                (_now(), status, scanned, skipped, run_id),
            )

    def previous_run(self, run_id: int) -> int | None:
        row = self._db.execute("SELECT MAX(id) FROM runs WHERE id < ?", (run_id,)).fetchone()
        return row[0]

    def verdicts_mark(self) -> str | None:
        """What the verdicts were last made from, as `mark_verdicts` recorded it."""
        row = self._db.execute("SELECT value FROM meta WHERE key='verdicts_of'").fetchone()
        return row[0] if row else None

    def mark_verdicts(self, mark: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('verdicts_of', ?)", (mark,))

    def risk_counts(self, policy: str) -> dict[str, int]:
        """Items by risk under `policy`, from the stored verdicts of the items the store holds."""
        return dict(
            self._db.execute(
                "SELECT risk, COUNT(*) FROM verdicts JOIN items ON locator = item WHERE policy=? GROUP BY risk", (policy,)
            ).fetchall()
        )

    def is_current(self, locator: str, content_hash: str, scanned_with: str) -> bool:
        """True when `item` was already scanned from the same content by the same scanners, and nothing went
        wrong: no error, or only parts that none of those scanners reads (`not_scanned`, as with `--scanners`),
        which scanning again would leave unread again. A failed read or scanner means scanning again."""
        row = self._db.execute("SELECT content_hash, scanned_with, complete FROM items WHERE locator=?", (locator,)).fetchone()
        if row is None or row[0] != content_hash or row[1] != scanned_with:
            return False
        return (
            bool(row[2])
            or self._db.execute("SELECT 1 FROM errors WHERE item=? AND stage != 'not_scanned' LIMIT 1", (locator,)).fetchone() is None
        )

    def has_scanned(self, locator: str, scanned_with: str) -> bool:
        """Whether the store holds `locator` as scanned by these very scanners: only such an item can be current
        (`is_current`), so only its content needs hashing before the scan knows whether to scan it again."""
        return self._db.execute("SELECT 1 FROM items WHERE locator=? AND scanned_with=?", (locator, scanned_with)).fetchone() is not None

    def save_items(
        self,
        results: Iterable[tuple[Item, Iterable[Finding], Iterable[ItemError]]],
        scanned_with: str,
        run_id: int,
        also: Callable[[sqlite3.Connection], None] | None = None,
        replacing: Sequence[str] = (),
    ) -> None:
        """Replace everything known about each item with this scan's results, all in one transaction (a commit
        costs as much as writing an item's rows: a scan saves each batch at once, one statement per table). An item
        given twice keeps its last results. `also` writes the batch's
        records of another type (quasi-identifiers) in the same transaction. `replacing` are locators these items
        were stored under before (a name whose masked form changed), forgotten with them."""
        keeper = self.evidence_keeper()
        latest = {item.locator: (item, list(findings), list(errors)) for item, findings, errors in results}
        item_rows: list[tuple] = []
        finding_rows: list[tuple] = []
        error_rows: list[tuple] = []
        for item, findings, errors in latest.values():
            author = (mask(item.author), keeper.digest(item.author, "other_unique_id")) if item.author else (None, None)
            item_rows.append(
                (
                    item.locator,
                    item.kind,
                    item.parent,
                    *author,
                    item.created_at,
                    item.size,
                    item.content_hash,
                    scanned_with,
                    int(not errors),
                    run_id,
                )
            )
            finding_rows.extend(_finding_row(f) for f in findings)
            error_rows.extend((e.item, e.stage, e.reason, run_id) for e in errors)
        with self._db:
            self._forget([*latest, *replacing])
            # an item stored under another locator before is gone, its verdicts with it (this one's are judged anew)
            self._db.executemany("DELETE FROM verdicts WHERE item=?", [(locator,) for locator in replacing if locator not in latest])
            self._db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", item_rows)
            self._db.executemany(f"INSERT INTO findings ({_FINDING_COLUMNS}) VALUES ({', '.join('?' * 13)})", finding_rows)
            self._db.executemany("INSERT INTO errors (item, stage, reason, run_id) VALUES (?, ?, ?, ?)", error_rows)
            if also is not None:
                also(self._db)

    def link_media(self, post: str, medium: str) -> bool:
        """Record that `post` references `medium` (first read for another post): its findings count for `post` too.
        False when the store had that link already."""
        with self._db:
            return self._db.execute("INSERT OR IGNORE INTO media_links VALUES (?, ?)", (post, medium)).rowcount == 1

    def save_unreadable(self, locator: str, errors: Sequence[ItemError], run_id: int) -> bool:
        """Record something that could not even be read as an item of its own, with no findings. Recorded
        already with the same errors, it is left as it is (a re-scan of an unchanged corpus writes nothing): False."""
        if self.unreadable_scanned_with(locator, errors) is not None:
            return False
        with self._db:
            self._forget([locator])
            self._db.execute("INSERT INTO items VALUES (?, 'unreadable', NULL, NULL, NULL, NULL, 0, '', '{}', 0, ?)", (locator, run_id))
            self._db.executemany(
                "INSERT INTO errors (item, stage, reason, run_id) VALUES (?, ?, ?, ?)",
                [(e.item, e.stage, e.reason, run_id) for e in errors],
            )
        return True

    def unreadable_scanned_with(self, locator: str, errors: Sequence[ItemError]) -> str | None:
        """The scanners that read the name of `locator`, recorded unreadable with these very errors; None when it is not so recorded."""
        row = self._db.execute("SELECT scanned_with FROM items WHERE locator=? AND kind='unreadable'", (locator,)).fetchone()
        stored = sorted(self._db.execute("SELECT stage, reason FROM errors WHERE item=?", (locator,)).fetchall())
        return row[0] if row is not None and stored == sorted((e.stage, e.reason) for e in errors) else None

    def add_error(self, error: ItemError, run_id: int) -> None:
        """Attach an error to an item already saved (e.g. a post whose media are missing)."""
        with self._db:
            self._db.execute(
                "INSERT INTO errors (item, stage, reason, run_id) VALUES (?, ?, ?, ?)", (error.item, error.stage, error.reason, run_id)
            )
            self._db.execute("UPDATE items SET complete=0 WHERE locator=?", (error.item,))

    def _forget(self, locators: list[str]) -> None:
        for table, column in (("findings", "item"), ("errors", "item"), ("items", "locator")):
            self._db.executemany(f"DELETE FROM {table} WHERE {column}=?", [(locator,) for locator in locators])

    def save_verdicts(self, verdicts: Iterable[Verdict]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [verdict_row(v) for v in verdicts])

    def _write(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        """One statement for each row, in one transaction: the store modules of other record types (beside this one) write so."""
        with self._db:
            self._db.executemany(sql, rows)

    def _write_with(self, write: Callable[[sqlite3.Connection], None]) -> None:
        """`write` in one transaction: for the store modules beside this one whose writes take several statements."""
        with self._db:
            write(self._db)

    def save_redaction(self, run: Sequence[object], records: Iterable[Sequence[object]]) -> int:
        """Record one `phi-audit redact` run (redaction_runs' columns after id) and its per-item rows
        (redactions' columns after run_id), in one transaction; returns the run's id."""
        with self._db:
            run_id = _inserted_id(self._db.execute("INSERT INTO redaction_runs VALUES (NULL, ?, ?, ?, ?, ?, ?, ?)", tuple(run)))
            self._db.executemany("INSERT INTO redactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(run_id, *row) for row in records])
        return run_id

    # -- reading ---------------------------------------------------------------------------------

    def items(self) -> Iterator[StoredItem]:
        for row in self._db.execute("SELECT locator, kind, parent, content_hash, scanned_with, complete FROM items ORDER BY locator"):
            yield StoredItem(row[0], row[1], row[2], row[3], row[4], bool(row[5]))

    def findings(self, items: Sequence[str] | None = None) -> Iterator[Finding]:
        """Every finding, or those of `items`, in item order."""
        if items is None:
            rows = self._db.execute(f"SELECT {_FINDING_COLUMNS} FROM findings ORDER BY item, span_start, id")
            yield from map(_finding_from_row, rows)
            return
        for start in range(0, len(items), 500):
            chunk = list(items[start : start + 500])
            rows = self._db.execute(
                f"SELECT {_FINDING_COLUMNS} FROM findings WHERE item IN ({','.join('?' * len(chunk))}) ORDER BY item, span_start, id", chunk
            )
            yield from map(_finding_from_row, rows)

    def errors(self) -> list[ItemError]:
        return [ItemError(*row) for row in self._db.execute("SELECT item, stage, reason FROM errors ORDER BY item, id")]

    def verdicts(self, policy: str) -> list[Verdict]:
        rows = self._db.execute(
            "SELECT item, policy, policy_version, risk, rules, identifiers, health, complete FROM verdicts WHERE policy=? ORDER BY item",
            (policy,),
        )
        return [
            Verdict(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), tuple(json.loads(r[5])), tuple(json.loads(r[6])), bool(r[7]))
            for r in rows
        ]

    def latest_run(self) -> dict | None:
        row = self._db.execute(
            "SELECT id, started_at, finished_at, status, paths, policy, policy_version, scanners, items_scanned, items_skipped FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        keys = (
            "id",
            "started_at",
            "finished_at",
            "status",
            "paths",
            "policy",
            "policy_version",
            "scanners",
            "items_scanned",
            "items_skipped",
        )
        run = dict(zip(keys, row))
        run["paths"] = json.loads(run["paths"])
        run["scanners"] = json.loads(run["scanners"])
        return run

    def _select(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
        """The rows of one read. For the read models beside this module only (`auditor/store/`): no SQL is
        written anywhere else (tests/test_store_owns_sql.py)."""
        return self._db.execute(sql, parameters).fetchall()


def _statements(sql: str) -> list[str]:
    """A migration's SQL as single statements: `executescript` would commit the open transaction."""
    statements, pending = [], ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


def verdict_row(v: Verdict) -> tuple:
    """A verdict as the columns of the verdicts table."""
    return (
        v.item,
        v.policy,
        v.policy_version,
        v.risk,
        json.dumps(v.rules),
        json.dumps(v.identifiers),
        json.dumps(v.health),
        int(v.complete),
    )


def _finding_row(finding: Finding) -> tuple:
    span = finding.span or (None, None)
    bbox = json.dumps(list(finding.bbox)) if finding.bbox else None
    return (
        finding.item,
        finding.source,
        finding.field,
        finding.entity,
        finding.identifier,
        finding.health,
        span[0],
        span[1],
        bbox,
        finding.score,
        finding.scanner,
        finding.evidence,
        finding.digest,
    )


def _finding_from_row(row: tuple) -> Finding:
    span = (row[6], row[7]) if row[6] is not None else None
    bbox = tuple(json.loads(row[8])) if row[8] else None
    return Finding(row[0], row[1], row[2], row[3], row[4], row[5], span, bbox, row[9], row[10], row[11], row[12])
