"""The dashboard's reads of the findings store: every count and table is one SQL query over the items the
filters select, so a store of 100,000 findings is aggregated by SQLite, never loaded into Python whole.

Nothing here writes: the store is opened read-only (SQLite WAL lets a scan write meanwhile). Values come
back as they are stored, so evidence is masked evidence; the raw values never reach the dashboard.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from auditor.evidence import mask
from auditor.model import (
    HEALTH_CATEGORIES,
    RISK_LEVELS,
    SAFE_HARBOR_IDENTIFIERS,
    SOURCES,
    Verdict,
)
from auditor.store import FindingsStore
from auditor.words import IDENTIFIER_WORDS

#: Rows per page of the item, finding and linked-value tables.
PAGE_SIZE = 50

_RISK_RANK = "CASE v.risk " + " ".join(f"WHEN '{level}' THEN {rank}" for rank, level in enumerate(RISK_LEVELS)) + " ELSE -1 END"


@dataclass(frozen=True)
class Filters:
    """What the person chose in the sidebar; an empty tuple means no restriction."""

    policy: str
    risks: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    health: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""

    def selection(self, store: FindingsStore) -> tuple[str, list[object]]:
        """A SELECT of the chosen items' locators, and its parameters. The text matches part of a path, or
        an author exactly (the store keeps authors masked, so the typed name is compared by its digest)."""
        where, parameters = ["v.policy = ?"], [self.policy]
        clauses = (
            ("v.risk IN ({})", self.risks),
            ("i.kind IN ({})", self.kinds),
            ("EXISTS (SELECT 1 FROM json_each(v.identifiers) WHERE value IN ({}))", self.identifiers),
            ("EXISTS (SELECT 1 FROM json_each(v.health) WHERE value IN ({}))", self.health),
            # An item is judged with its media, so a source seen in its media counts for it too.
            ("EXISTS (SELECT 1 FROM findings f WHERE f.source IN ({})"
             " AND (f.item = i.locator OR f.item IN (SELECT m.locator FROM items m WHERE m.parent = i.locator)))", self.sources),
        )
        for clause, values in clauses:
            if values:
                where.append(clause.format(_marks(values)))
                parameters += values
        if self.text.strip():
            where.append("(i.locator LIKE ? ESCAPE '\\' OR i.author_digest = ?)")
            pattern = "%" + self.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            parameters += [pattern, store.evidence_keeper().digest(self.text.strip(), "other_unique_id")]
        sql = "SELECT i.locator FROM items i JOIN verdicts v ON v.item = i.locator WHERE " + " AND ".join(where)
        return sql, parameters


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" * len(values))


@dataclass(frozen=True)
class StoreFacts:
    """What the sidebar needs before any filter is chosen."""

    items: int
    policies: tuple[str, ...]
    kinds: tuple[str, ...]
    last_policy: str | None
    run: dict = field(default_factory=dict)


def open_store(path: str | Path) -> FindingsStore:
    """The store, read-only; StoreError (missing, not a store, older schema) is the caller's to show."""
    return FindingsStore.open_existing(path, read_only=True)


def store_facts(store: FindingsStore) -> StoreFacts:
    run = store.latest_run() or {}
    return StoreFacts(
        items=store.query("SELECT COUNT(*) FROM items")[0][0],
        policies=tuple(row[0] for row in store.query("SELECT DISTINCT policy FROM verdicts ORDER BY policy")),
        kinds=tuple(row[0] for row in store.query("SELECT DISTINCT kind FROM items ORDER BY kind")),
        last_policy=run.get("policy"),
        run=run,
    )


def _frame(store: FindingsStore, sql: str, parameters: list[object], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(store.query(sql, parameters), columns=columns)


def _counts(store: FindingsStore, sql: str, parameters: list[object], names: tuple[str, ...], label: str) -> pd.DataFrame:
    """`sql` yields (name, count); every name in `names` is listed, zero when absent, in that order."""
    found = dict(store.query(sql, parameters))
    return pd.DataFrame({label: list(names), "items": [found.get(name, 0) for name in names]})


def overview(store: FindingsStore, filters: Filters) -> dict[str, object]:
    """The overview's numbers and chart data for the selected items."""
    selected, parameters = filters.selection(store)
    chosen = f"SELECT v.* FROM verdicts v WHERE v.policy = ? AND v.item IN ({selected})"
    chosen_parameters = [filters.policy, *parameters]
    totals = store.query(
        f"SELECT COUNT(*), SUM(risk = 'high'), SUM(complete = 0) FROM ({chosen})", chosen_parameters
    )[0]
    findings = store.query(f"SELECT COUNT(*) FROM findings WHERE item IN ({selected})", parameters)[0][0]
    return {
        "items": totals[0],
        "high": totals[1] or 0,
        "incomplete": totals[2] or 0,
        "findings": findings,
        "by_risk": _counts(store, f"SELECT risk, COUNT(*) FROM ({chosen}) GROUP BY risk", chosen_parameters, RISK_LEVELS, "risk"),
        "by_identifier": _counts(
            store, f"SELECT j.value, COUNT(*) FROM ({chosen}) c, json_each(c.identifiers) j GROUP BY j.value",
            chosen_parameters, SAFE_HARBOR_IDENTIFIERS, "identifier",
        ),
        "by_health": _counts(
            store, f"SELECT j.value, COUNT(*) FROM ({chosen}) c, json_each(c.health) j GROUP BY j.value",
            chosen_parameters, HEALTH_CATEGORIES, "health",
        ),
        "by_source": _counts(
            store, f"SELECT source, COUNT(DISTINCT item) FROM findings WHERE item IN ({selected}) GROUP BY source",
            parameters, SOURCES, "source",
        ),
        "by_kind": _frame(
            store, f"SELECT kind, COUNT(*) FROM items WHERE locator IN ({selected}) GROUP BY kind ORDER BY kind", parameters, ["kind", "items"]
        ),
        "over_time": _frame(
            store,
            f"SELECT substr(i.created_at, 1, 7) AS month, c.risk, COUNT(*) FROM items i JOIN ({chosen}) c ON c.item = i.locator"
            " WHERE i.created_at IS NOT NULL GROUP BY month, c.risk ORDER BY month",
            chosen_parameters,
            ["month", "risk", "items"],
        ),
        "errors": store.query(f"SELECT COUNT(*) FROM errors WHERE item IN ({selected})", parameters)[0][0],
    }


def error_page(store: FindingsStore, filters: Filters, page: int) -> pd.DataFrame:
    """One page of the per-item errors of the selected items."""
    selected, parameters = filters.selection(store)
    return _frame(
        store, f"SELECT item, stage, reason FROM errors WHERE item IN ({selected}) ORDER BY item, id LIMIT ? OFFSET ?",
        [*parameters, PAGE_SIZE, page * PAGE_SIZE], ["item", "stage", "reason"],
    )


def item_count(store: FindingsStore, filters: Filters) -> int:
    selected, parameters = filters.selection(store)
    return store.query(f"SELECT COUNT(*) FROM ({selected})", parameters)[0][0]


def item_page(store: FindingsStore, filters: Filters, page: int) -> pd.DataFrame:
    """One page of the selected items, riskiest first, with the rules that decided each risk (`why`; every rule
    that fired is on the item's page)."""
    from auditor.report import rule_decider

    selected, parameters = filters.selection(store)
    rows = store.query(
        f"SELECT v.risk, i.locator, v.identifiers, v.health, v.rules, v.complete, v.item, v.policy, v.policy_version,"
        f" (SELECT COUNT(*) FROM findings f WHERE f.item = i.locator) FROM items i JOIN verdicts v ON v.item = i.locator"
        f" WHERE v.policy = ? AND i.locator IN ({selected})"
        f" ORDER BY {_RISK_RANK} DESC, json_array_length(v.identifiers) DESC, i.locator LIMIT ? OFFSET ?",
        [filters.policy, *parameters, PAGE_SIZE, page * PAGE_SIZE],
    )
    decide = rule_decider(filters.policy)
    records = []
    for risk, locator, identifiers, health, rules, complete, item, policy, version, count in rows:
        verdict = Verdict(item, policy, version, risk, tuple(json.loads(rules)), tuple(json.loads(identifiers)), tuple(json.loads(health)), bool(complete))
        records.append((risk, locator, ", ".join(verdict.identifiers), ", ".join(verdict.health), ", ".join(decide(verdict)), verdict.complete, count))
    return pd.DataFrame(records, columns=ITEM_PAGE_COLUMNS)


#: The Items page's columns, narrow enough together to be read at 1,400 px without scrolling sideways.
ITEM_PAGE_COLUMNS = ["risk", "item", "identifiers", "health", "why", "fully scanned", "findings"]


def _masked(values: pd.Series) -> list[str | None]:
    """Account names masked like evidence: a handle identifies its owner as well as a name does."""
    return [mask(value) if isinstance(value, str) else None for value in values]


FINDING_COLUMNS = ["item", "source", "field", "entity", "identifier", "health", "span_start", "span_end", "bbox", "score", "scanner", "evidence", "digest"]


def item_findings(store: FindingsStore, locator: str) -> pd.DataFrame:
    """The findings of one item and of its media (masked evidence)."""
    return _frame(
        store,
        f"SELECT {', '.join(FINDING_COLUMNS)} FROM findings WHERE item = ? OR item IN (SELECT locator FROM items WHERE parent = ?)"
        " ORDER BY item, field, span_start, id",
        [locator, locator],
        FINDING_COLUMNS,
    )


def item_record(store: FindingsStore, locator: str, policy: str) -> dict[str, object] | None:
    """The item, its verdict under `policy`, its media and its errors; None when the store has no such item."""
    rows = store.query(
        "SELECT i.locator, i.kind, i.parent, i.author, i.created_at, i.size, i.content_hash, i.complete,"
        " v.risk, v.rules, v.identifiers, v.health, v.policy_version FROM items i LEFT JOIN verdicts v ON v.item = i.locator AND v.policy = ?"
        " WHERE i.locator = ?",
        [policy, locator],
    )
    if not rows:
        return None
    keys = ("locator", "kind", "parent", "author", "created_at", "size", "content_hash", "complete", "risk", "rules", "identifiers", "health", "policy_version")
    record = dict(zip(keys, rows[0]))
    for key in ("rules", "identifiers", "health"):
        record[key] = tuple(json.loads(record[key] or "[]"))
    record["media"] = store.query("SELECT locator, kind, content_hash FROM items WHERE parent = ? ORDER BY locator", [locator])
    record["scanned_paths"] = sorted({path for (paths,) in store.query("SELECT paths FROM runs") for path in json.loads(paths)})
    record["errors"] = _frame(store, "SELECT item, stage, reason FROM errors WHERE item = ? OR item IN (SELECT locator FROM items WHERE parent = ?)", [locator, locator], ["item", "stage", "reason"])
    return record


def linked_items(store: FindingsStore, locator: str) -> pd.DataFrame:
    """Other items where a value of this item (same keyed digest) appears too."""
    return _frame(
        store,
        "SELECT o.item, o.identifier, o.evidence, o.field FROM findings o"
        " WHERE o.identifier IS NOT NULL AND o.digest IN (SELECT digest FROM findings WHERE item = ? AND identifier IS NOT NULL)"
        " AND o.item != ? ORDER BY o.item, o.identifier",
        [locator, locator],
        ["item", "identifier", "evidence", "field"],
    )


#: How identifying a shared value is, most first: a number that belongs to one person, then contact details and
#: handles, then names (two people can share one), then the quasi-identifiers many people share.
LINK_STRENGTH: tuple[str, ...] = (
    "ssn", "mrn", "health_plan", "email", "phone", "fax", "account", "license", "vehicle", "device", "other_unique_id",
    "biometric", "face_photo", "names", "url", "ip", "dates", "geographic",
)
#: The two kinds of link: a shared direct identifier says "likely the same person"; a shared quasi-identifier (a
#: city, an age, a date) is an overlap many people have.
LINK_KINDS = ("person", "quasi")


def link_identifiers(policy: str, kind: str) -> tuple[str, ...]:
    """The identifiers whose shared values make a link of `kind` under `policy` (its direct or quasi class), strongest first."""
    from auditor.policy import PolicyError, load_policy

    try:
        classes = {name: weight.class_ for name, weight in load_policy(policy).identifiers.items()}
    except PolicyError:
        classes = {name: "quasi" if name in ("dates", "geographic", "url", "ip") else "direct" for name in LINK_STRENGTH}
    wanted = "direct" if kind == "person" else "quasi"
    return tuple(name for name in LINK_STRENGTH if classes.get(name) == wanted)


def shared_values(store: FindingsStore, filters: Filters, page: int, kind: str = "person") -> tuple[int, pd.DataFrame]:
    """Identifier values (by typed digest) seen in more than one selected item, of one kind of link (`person`: direct
    identifiers; `quasi`: quasi-identifiers): how many such values, and one page of them, the most identifying
    first (an MRN before a name, a name before a city), then by how many items share them.

    Each row says what the items sharing that value expose together, which is the harm one item alone does not show.
    """
    selected, parameters = filters.selection(store)
    names = link_identifiers(filters.policy, kind)
    rank = "CASE identifier " + " ".join(f"WHEN '{name}' THEN {order}" for order, name in enumerate(names)) + " END"
    shared = (
        f"SELECT digest, MIN(identifier) AS identifier, MIN(evidence) AS evidence, COUNT(DISTINCT item) AS n, {rank} AS strength"
        f" FROM findings WHERE identifier IN ({_marks(names)}) AND item IN ({selected}) GROUP BY digest HAVING n > 1"
    )
    shared_parameters = [*names, *parameters]
    total = store.query(f"SELECT COUNT(*) FROM ({shared})", shared_parameters)[0][0]
    rows = store.query(f"{shared} ORDER BY strength, n DESC, digest LIMIT ? OFFSET ?", [*shared_parameters, PAGE_SIZE, page * PAGE_SIZE])
    records = []
    for digest, identifier, evidence, count, _ in rows:
        together = store.query(
            "SELECT DISTINCT f.item, v.risk, v.identifiers, v.health FROM findings f JOIN verdicts v ON v.item = f.item AND v.policy = ?"
            " WHERE f.digest = ? ORDER BY f.item",
            [filters.policy, digest],
        )
        records.append(
            {
                "value": evidence,
                "identifier": identifier,
                "what it is": IDENTIFIER_WORDS.get(identifier, identifier),
                "items": count,
                "together expose": ", ".join(sorted({name for row in together for name in json.loads(row[2])})),
                "health together": ", ".join(sorted({name for row in together for name in json.loads(row[3])})),
                "item list": ", ".join(row[0] for row in together),
                "digest": digest,
            }
        )
    columns = ["value", "identifier", "what it is", "items", "together expose", "health together", "item list", "digest"]
    return total, pd.DataFrame(records, columns=columns)


def accounts(store: FindingsStore, filters: Filters, page: int) -> tuple[int, pd.DataFrame]:
    """Authors with more than one selected item, and what their items expose together."""
    selected, parameters = filters.selection(store)
    # Grouped by the author's digest: the stored (masked) names of two accounts may look alike.
    grouped = (
        f"SELECT i.author_digest AS account, MIN(i.author) AS author, COUNT(*) AS n FROM items i"
        f" WHERE i.author_digest IS NOT NULL AND i.locator IN ({selected}) GROUP BY i.author_digest HAVING n > 1"
    )
    total = store.query(f"SELECT COUNT(*) FROM ({grouped})", parameters)[0][0]
    rows = store.query(
        f"SELECT g.author, g.n,"
        f" (SELECT json_group_array(DISTINCT j.value) FROM items a JOIN verdicts v ON v.item = a.locator AND v.policy = ?, json_each(v.identifiers) j WHERE a.author_digest = g.account),"
        f" (SELECT json_group_array(DISTINCT j.value) FROM items a JOIN verdicts v ON v.item = a.locator AND v.policy = ?, json_each(v.health) j WHERE a.author_digest = g.account),"
        f" (SELECT MAX({_RISK_RANK}) FROM items a JOIN verdicts v ON v.item = a.locator AND v.policy = ? WHERE a.author_digest = g.account)"
        f" FROM ({grouped}) g ORDER BY g.n DESC, g.author LIMIT ? OFFSET ?",
        [filters.policy, filters.policy, filters.policy, *parameters, PAGE_SIZE, page * PAGE_SIZE],
    )
    frame = pd.DataFrame(
        [(author, n, ", ".join(sorted(json.loads(ids))), ", ".join(sorted(json.loads(health))), RISK_LEVELS[rank]) for author, n, ids, health, rank in rows],
        columns=["author", "items", "together expose", "health together", "highest risk"],
    )
    frame["author"] = _masked(frame["author"])
    return total, frame


def selected_findings(store: FindingsStore, filters: Filters) -> pd.DataFrame:
    """Every finding of the selected items in the export's public schema (masked evidence), for download."""
    selected, parameters = filters.selection(store)
    frame = _frame(store, f"SELECT {', '.join(FINDING_COLUMNS)} FROM findings WHERE item IN ({selected}) ORDER BY item, span_start, id", parameters, FINDING_COLUMNS)
    frame.insert(6, "span", [None if pd.isna(start) else [int(start), int(end)] for start, end in zip(frame.pop("span_start"), frame.pop("span_end"))])
    frame["bbox"] = [json.loads(box) if isinstance(box, str) else None for box in frame["bbox"]]
    return frame
