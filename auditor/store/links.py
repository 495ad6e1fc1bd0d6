"""What links the selected items to one another: a value (by its keyed digest) seen in several of them, and an
account (by its author's digest) with several items; each with what the linked items expose together."""

from __future__ import annotations

import json
from dataclasses import dataclass

from auditor.store.findings_store import FindingsStore
from auditor.store.selection import Filters, marks
from auditor.store.totals import RISK_RANK


@dataclass(frozen=True)
class SharedValue:
    digest: str
    identifier: str
    evidence: str
    items: list[str]  # in locator order
    identifiers: list[str]  # the linked items expose together, sorted
    health: list[str]


def shared_values(
    store: FindingsStore, filters: Filters, identifiers: tuple[str, ...], limit: int, offset: int
) -> tuple[int, list[SharedValue]]:
    """Values of `identifiers` (strongest first) seen in more than one selected item: how many, and one page of
    them by the order of their identifier in `identifiers`, then by how many items share them."""
    selected, parameters = filters.selection(store)
    rank = "CASE identifier " + " ".join(f"WHEN '{name}' THEN {order}" for order, name in enumerate(identifiers)) + " END"
    shared = (
        f"SELECT digest, MIN(identifier) AS identifier, MIN(evidence) AS evidence, COUNT(DISTINCT item) AS n, {rank} AS strength"
        f" FROM findings WHERE identifier IN ({marks(identifiers)}) AND item IN ({selected}) GROUP BY digest HAVING n > 1"
    )
    shared_parameters = [*identifiers, *parameters]
    total = store._select(f"SELECT COUNT(*) FROM ({shared})", shared_parameters)[0][0]
    rows = store._select(f"{shared} ORDER BY strength, n DESC, digest LIMIT ? OFFSET ?", [*shared_parameters, limit, offset])
    values = []
    for digest, identifier, evidence, _, _ in rows:
        together = store._select(
            "SELECT DISTINCT f.item, v.identifiers, v.health FROM findings f JOIN verdicts v ON v.item = f.item AND v.policy = ?"
            " WHERE f.digest = ? ORDER BY f.item",
            [filters.policy, digest],
        )
        values.append(
            SharedValue(
                digest,
                identifier,
                evidence,
                [row[0] for row in together],
                sorted({name for row in together for name in json.loads(row[1])}),
                sorted({name for row in together for name in json.loads(row[2])}),
            )
        )
    return total, values


@dataclass(frozen=True)
class SharedAccount:
    author: str  # masked as stored
    items: int
    identifiers: list[str]  # its items expose together, sorted
    health: list[str]
    highest_risk: int  # index in RISK_LEVELS


def accounts(store: FindingsStore, filters: Filters, limit: int, offset: int) -> tuple[int, list[SharedAccount]]:
    """Authors with more than one selected item (grouped by the author's digest: the stored, masked names of two
    accounts may look alike): how many, and one page of them, most items first."""
    selected, parameters = filters.selection(store)
    grouped = (
        f"SELECT i.author_digest AS account, MIN(i.author) AS author, COUNT(*) AS n FROM items i"
        f" WHERE i.author_digest IS NOT NULL AND i.locator IN ({selected}) GROUP BY i.author_digest HAVING n > 1"
    )
    total = store._select(f"SELECT COUNT(*) FROM ({grouped})", parameters)[0][0]
    rows = store._select(
        f"SELECT g.author, g.n,"
        f" (SELECT json_group_array(DISTINCT j.value) FROM items a JOIN verdicts v ON v.item = a.locator AND v.policy = ?, json_each(v.identifiers) j WHERE a.author_digest = g.account),"
        f" (SELECT json_group_array(DISTINCT j.value) FROM items a JOIN verdicts v ON v.item = a.locator AND v.policy = ?, json_each(v.health) j WHERE a.author_digest = g.account),"
        f" (SELECT MAX({RISK_RANK}) FROM items a JOIN verdicts v ON v.item = a.locator AND v.policy = ? WHERE a.author_digest = g.account)"
        f" FROM ({grouped}) g ORDER BY g.n DESC, g.author LIMIT ? OFFSET ?",
        [filters.policy, filters.policy, filters.policy, *parameters, limit, offset],
    )
    return total, [
        SharedAccount(author, n, sorted(json.loads(ids)), sorted(json.loads(health)), rank) for author, n, ids, health, rank in rows
    ]


def shared_digests(store: FindingsStore, identifiers: tuple[str, ...], most: int) -> list[tuple[str, str, str]]:
    """(kind of link, value digest, subject) for every value of `identifiers`, and every author, shared by 2..`most`
    subjects (an item and its media are one subject), by kind and digest."""
    return store._select(
        f"""WITH pairs AS (
              SELECT DISTINCT f.identifier AS kind, f.digest AS digest, COALESCE(i.parent, i.locator) AS subject
              FROM findings f JOIN items i ON i.locator = f.item WHERE f.identifier IN ({marks(identifiers)}) AND f.digest != ''
              UNION
              SELECT DISTINCT 'author', i.author_digest, COALESCE(i.parent, i.locator) FROM items i WHERE i.author_digest IS NOT NULL),
            shared AS (SELECT kind, digest FROM pairs GROUP BY kind, digest HAVING COUNT(*) BETWEEN 2 AND ?)
            SELECT p.kind, p.digest, p.subject FROM pairs p JOIN shared s ON s.kind = p.kind AND s.digest = p.digest ORDER BY p.kind, p.digest""",
        (*identifiers, most),
    )
