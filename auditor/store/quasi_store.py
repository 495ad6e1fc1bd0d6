"""Reading and writing the store's quasi-identifier records (migrations 0004 and 0007), apart from the findings store's
own tables: written in the transaction that saves the item, read in chunks so memory does not grow with the store."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Iterator

from auditor.risk.quasi import QUASI_VERSION, QuasiIdentifiers
from auditor.store.findings_store import FindingsStore

_COLUMNS = "item, version, age_band, sex, state, zip3, city, facility, month, modality, body_part, health, chapters, country"
#: Rows read per round trip.
CHUNK = 5000


def writer(records: Iterable[QuasiIdentifiers | None]):
    """What `FindingsStore.save_items(also=...)` runs inside its transaction to store these records."""
    rows = [_row(record) for record in records if record is not None]

    def write(db: sqlite3.Connection) -> None:
        db.executemany(f"INSERT OR REPLACE INTO quasi_identifiers ({_COLUMNS}) VALUES ({', '.join('?' * 14)})", rows)

    return write


def is_current(store: FindingsStore, locator: str) -> bool:
    """Whether the item has a record made by this extraction version (else it must be scanned again)."""
    return bool(store._select("SELECT 1 FROM quasi_identifiers WHERE item=? AND version=?", (locator, QUASI_VERSION)))


def subjects(store: FindingsStore, chunk: int = CHUNK) -> Iterator[tuple[str, str | None, QuasiIdentifiers | None]]:
    """(locator, kind, record) of every item whose subject is its own (posts, files; not media of a post), its
    media's records merged in; record None when none was extracted. Keyset pagination over the roots."""
    after = ""
    while rows := store._select(
        "SELECT locator, kind FROM items WHERE parent IS NULL AND kind != 'unreadable' AND locator > ? ORDER BY locator LIMIT ?",
        (after, chunk),
    ):
        after = rows[-1][0]
        roots = [row[0] for row in rows]
        marks = ",".join("?" * len(roots))
        found: dict[str, QuasiIdentifiers] = {}
        for row in store._select(
            f"SELECT COALESCE(i.parent, i.locator), q.{_COLUMNS.replace(', ', ', q.')} FROM items i JOIN quasi_identifiers q ON q.item = i.locator "
            f"WHERE COALESCE(i.parent, i.locator) IN ({marks}) ORDER BY q.item",
            roots,
        ):
            root, record = row[0], _record(row[1:], item=row[0])
            found[root] = found[root].merged(record) if root in found else record
        for locator, kind in rows:
            yield locator, kind, found.get(locator)


def records(store: FindingsStore, items: Iterable[str]) -> dict[str, QuasiIdentifiers]:
    """The stored records of these items (not merged with their media), in locator order."""
    wanted = sorted(items)
    found: dict[str, QuasiIdentifiers] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row in store._select(
            f"SELECT {_COLUMNS} FROM quasi_identifiers WHERE item IN ({','.join('?' * len(chunk))}) ORDER BY item", chunk
        ):
            found[row[0]] = _record(row)
    return found


def _row(record: QuasiIdentifiers) -> tuple:
    return (
        record.item,
        record.version,
        record.age_band,
        record.sex,
        record.state,
        record.zip3,
        record.city,
        record.facility,
        record.month,
        record.modality,
        record.body_part,
        json.dumps(list(record.health)),
        json.dumps(list(record.chapters)),
        record.country,
    )


def _record(row: tuple, item: str | None = None) -> QuasiIdentifiers:
    age_band, sex, state, zip3, city, facility, month, modality, body_part = row[2:11]
    return QuasiIdentifiers(
        item or row[0],
        age_band,
        sex,
        state,
        zip3,
        city,
        facility,
        month,
        modality,
        body_part,
        health=_health(row[11]),
        chapters=_health(row[12]),
        country=row[13],
        version=row[1],
    )


@functools.lru_cache(maxsize=256)
def _health(text: str) -> tuple[str, ...]:
    """A stored health or chapter list (there are few distinct ones)."""
    return tuple(json.loads(text))
