"""Reads of items one by one or a page at a time: the riskiest items (the report's list and the dashboard's
Items page are the same ranking), one item with its verdict, media, findings and errors, and what an item's
values link it to. Values come back as stored: evidence is masked evidence."""

from __future__ import annotations

import json
from dataclasses import dataclass

from auditor.model import ItemError, Verdict
from auditor.store.findings_store import FindingsStore, StoredItem
from auditor.store.selection import Filters, marks
from auditor.store.totals import RISK_RANK

#: The findings table's columns, in the order the store keeps them (the export's schema before its span merge).
FINDING_COLUMNS = (
    "item",
    "source",
    "field",
    "entity",
    "identifier",
    "health",
    "span_start",
    "span_end",
    "bbox",
    "score",
    "scanner",
    "evidence",
    "digest",
)
ERROR_COLUMNS = ("item", "stage", "reason")
#: An item and its media: the findings of a post's images count as the post's.
_WITH_MEDIA = "(item = ? OR item IN (SELECT locator FROM items WHERE parent = ?))"


@dataclass(frozen=True)
class RankedItem:
    verdict: Verdict
    kind: str
    findings: int  # of the item itself, not of its media


def ranked_items(store: FindingsStore, filters: Filters, limit: int, offset: int = 0, at_risk: bool = False) -> list[RankedItem]:
    """The selected items riskiest first, then those exposing more identifiers, then by locator; with `at_risk`,
    only items of a risk above none."""
    selected, parameters = filters.selection(store)
    rows = store._select(
        "SELECT v.item, v.policy, v.policy_version, v.risk, v.rules, v.identifiers, v.health, v.complete, i.kind,"
        " (SELECT COUNT(*) FROM findings f WHERE f.item = i.locator) FROM items i JOIN verdicts v ON v.item = i.locator"
        f" WHERE v.policy = ? AND i.locator IN ({selected})"
        + (" AND v.risk != 'none'" if at_risk else "")
        + f" ORDER BY {RISK_RANK} DESC, json_array_length(v.identifiers) DESC, i.locator LIMIT ? OFFSET ?",
        [filters.policy, *parameters, limit, offset],
    )
    return [RankedItem(_verdict(row[:8]), row[8], row[9]) for row in rows]


def item_count(store: FindingsStore, filters: Filters) -> int:
    selected, parameters = filters.selection(store)
    return store._select(f"SELECT COUNT(*) FROM ({selected})", parameters)[0][0]


def evidence_of(store: FindingsStore, item: str, source: str, limit: int) -> tuple[int, list[tuple]]:
    """How many findings from `source` the item and its media have, and the first `limit` as (item, field, entity,
    identifier, health, evidence, span_start, span_end): identifiers first, so a burned-in name is never behind
    forty header lines."""
    total = store._select(f"SELECT COUNT(*) FROM findings WHERE source = ? AND {_WITH_MEDIA}", (source, item, item))[0][0]
    rows = store._select(
        f"SELECT item, field, entity, identifier, health, evidence, span_start, span_end FROM findings WHERE source = ? AND {_WITH_MEDIA}"
        " ORDER BY identifier IS NULL, item, field, span_start, id LIMIT ?",
        (source, item, item, limit),
    )
    return total, rows


def pixel_items(store: FindingsStore) -> list[tuple[str, str, int, int]]:
    """(item, kind, findings, identifiers) of every item with findings in its pixels, most identifiers first."""
    return store._select(
        "SELECT f.item, COALESCE(i.kind, '?'), COUNT(*), COUNT(f.identifier) FROM findings f LEFT JOIN items i ON i.locator = f.item"
        " WHERE f.source = 'pixel' GROUP BY f.item ORDER BY COUNT(f.identifier) DESC, f.item"
    )


def error_page(store: FindingsStore, filters: Filters, limit: int, offset: int) -> list[tuple]:
    """(item, stage, reason) of the selected items' errors, one page."""
    selected, parameters = filters.selection(store)
    return store._select(
        f"SELECT item, stage, reason FROM errors WHERE item IN ({selected}) ORDER BY item, id LIMIT ? OFFSET ?",
        [*parameters, limit, offset],
    )


def item_findings(store: FindingsStore, locator: str) -> list[tuple]:
    """The findings of one item and of its media, as FINDING_COLUMNS."""
    return store._select(
        f"SELECT {', '.join(FINDING_COLUMNS)} FROM findings WHERE {_WITH_MEDIA} ORDER BY item, field, span_start, id", [locator, locator]
    )


def selected_findings(store: FindingsStore, filters: Filters) -> list[tuple]:
    """Every finding of the selected items, as FINDING_COLUMNS."""
    selected, parameters = filters.selection(store)
    return store._select(
        f"SELECT {', '.join(FINDING_COLUMNS)} FROM findings WHERE item IN ({selected}) ORDER BY item, span_start, id", parameters
    )


def item_record(store: FindingsStore, locator: str, policy: str) -> dict[str, object] | None:
    """The item, its verdict under `policy`, its media (locator, kind, content hash), the paths scanned and its
    and its media's errors (ERROR_COLUMNS); None when the store has no such item."""
    rows = store._select(
        "SELECT i.locator, i.kind, i.parent, i.author, i.created_at, i.size, i.content_hash, i.complete,"
        " v.risk, v.rules, v.identifiers, v.health, v.policy_version FROM items i LEFT JOIN verdicts v ON v.item = i.locator AND v.policy = ?"
        " WHERE i.locator = ?",
        [policy, locator],
    )
    if not rows:
        return None
    keys = (
        "locator",
        "kind",
        "parent",
        "author",
        "created_at",
        "size",
        "content_hash",
        "complete",
        "risk",
        "rules",
        "identifiers",
        "health",
        "policy_version",
    )
    record: dict[str, object] = dict(zip(keys, rows[0]))
    for key in ("rules", "identifiers", "health"):
        record[key] = tuple(json.loads(str(record[key] or "[]")))
    record["media"] = store._select("SELECT locator, kind, content_hash FROM items WHERE parent = ? ORDER BY locator", [locator])
    record["scanned_paths"] = scanned_paths(store)
    record["errors"] = store._select(f"SELECT item, stage, reason FROM errors WHERE {_WITH_MEDIA}", [locator, locator])
    return record


def linked_items(store: FindingsStore, locator: str) -> list[tuple]:
    """(item, identifier, evidence, field) of other items where a value of this item (same keyed digest) appears too."""
    return store._select(
        "SELECT o.item, o.identifier, o.evidence, o.field FROM findings o"
        " WHERE o.identifier IS NOT NULL AND o.digest IN (SELECT digest FROM findings WHERE item = ? AND identifier IS NOT NULL)"
        " AND o.item != ? ORDER BY o.item, o.identifier",
        [locator, locator],
    )


def listed_items(store: FindingsStore) -> list[tuple[str, str, str | None]]:
    """(locator, kind, parent) of every item, in locator order."""
    return store._select("SELECT locator, kind, parent FROM items ORDER BY locator")


def scanned_paths(store: FindingsStore) -> list[str]:
    """Every path any run scanned, sorted: where an item can be read again."""
    return sorted({path for (paths,) in store._select("SELECT paths FROM runs") for path in json.loads(paths)})


def store_facts(store: FindingsStore) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """(items, policies with verdicts, kinds): what a reader needs before it chooses anything."""
    return (
        store._select("SELECT COUNT(*) FROM items")[0][0],
        tuple(row[0] for row in store._select("SELECT DISTINCT policy FROM verdicts ORDER BY policy")),
        tuple(row[0] for row in store._select("SELECT DISTINCT kind FROM items ORDER BY kind")),
    )


def _verdict(row: tuple) -> Verdict:
    item, policy, version, risk, rules, identifiers, health, complete = row
    return Verdict(
        item, policy, version, risk, tuple(json.loads(rules)), tuple(json.loads(identifiers)), tuple(json.loads(health)), bool(complete)
    )


def subject_findings(store: FindingsStore, subjects: tuple[str, ...]) -> list[tuple]:
    """(subject, item, identifier, health, evidence, field) of the findings of these subjects (items that are no
    one's media) and of their media, in subject order."""
    if not subjects:
        return []
    return store._select(
        "SELECT COALESCE(i.parent, i.locator), f.item, f.identifier, f.health, f.evidence, f.field FROM findings f JOIN items i ON i.locator = f.item"
        f" WHERE COALESCE(i.parent, i.locator) IN ({marks(subjects)}) ORDER BY 1, f.item, f.span_start, f.id",
        list(subjects),
    )


def stored_item(store: FindingsStore, locator: str) -> StoredItem | None:
    rows = store._select("SELECT locator, kind, parent, content_hash, scanned_with, complete FROM items WHERE locator = ?", (locator,))
    if not rows:
        return None
    item_locator, kind, parent, content_hash, scanned_with, complete = rows[0]
    return StoredItem(item_locator, kind, parent, content_hash, scanned_with, bool(complete))


def media_locators(store: FindingsStore, locator: str) -> list[str]:
    """The items inside this one (a post's images, a zip's members), in locator order."""
    return [row[0] for row in store._select("SELECT locator FROM items WHERE parent = ? ORDER BY locator", (locator,))]


def verdict_of(store: FindingsStore, locator: str, policy: str) -> Verdict | None:
    rows = store._select(
        "SELECT item, policy, policy_version, risk, rules, identifiers, health, complete FROM verdicts WHERE item = ? AND policy = ?",
        (locator, policy),
    )
    return _verdict(rows[0]) if rows else None


def errors_of(store: FindingsStore, locator: str) -> list[ItemError]:
    """The item's own errors, in the order they were recorded."""
    return [ItemError(*row) for row in store._select("SELECT item, stage, reason FROM errors WHERE item = ? ORDER BY id", (locator,))]


def subjects(store: FindingsStore) -> list[tuple[str, str]]:
    """(locator, kind) of every item that was read and is no one's media: the subjects risk is measured over."""
    return store._select("SELECT locator, kind FROM items WHERE parent IS NULL AND kind != 'unreadable'")


def subject_of(store: FindingsStore, subjects: list[str]) -> dict[str, str]:
    """item → its subject (itself, or the item it is a medium of), for these subjects and their media."""
    return dict(
        store._select(
            f"SELECT locator, COALESCE(parent, locator) FROM items WHERE locator IN ({marks(subjects)}) OR parent IN ({marks(subjects)})",
            subjects + subjects,
        )
    )


def exposed(store: FindingsStore, items: list[str]) -> list[tuple[str | None, str | None]]:
    """The distinct (identifier, health) pairs of these items' findings."""
    return store._select(f"SELECT DISTINCT identifier, health FROM findings WHERE item IN ({marks(items)})", items)


def risks_of(store: FindingsStore, policy: str, items: list[str]) -> list[str]:
    """The risk of each of these items that has a verdict under `policy`."""
    return [row[0] for row in store._select(f"SELECT risk FROM verdicts WHERE policy = ? AND item IN ({marks(items)})", [policy, *items])]
