"""The totals of a selection of items under one policy: what the report's header and the dashboard's overview
both show, counted once here (SQLite aggregates; nothing is loaded into Python whole), and the items that make
`scan --fail-on` fail."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model import HEALTH_CATEGORIES, RISK_LEVELS, SAFE_HARBOR_IDENTIFIERS, SOURCES
from auditor.store.findings_store import FindingsStore
from auditor.store.selection import Filters, marks

#: SQL ordering a verdict's risk: its index in RISK_LEVELS (none=0 … high=3), as `model.risk_rank`.
RISK_RANK = "CASE v.risk " + " ".join(f"WHEN '{level}' THEN {rank}" for rank, level in enumerate(RISK_LEVELS)) + " ELSE -1 END"


@dataclass(frozen=True)
class Totals:
    """Counts over the selected items (each judged with its media). Every dict lists all its names, zero when absent."""

    items: int
    policy_version: str
    by_risk: dict[str, int]
    incomplete: int
    by_identifier: dict[str, int]
    by_health: dict[str, int]
    by_kind: dict[str, int]  # kinds present only, in name order
    findings: int
    findings_by_source: dict[str, int]
    items_by_source: dict[str, int]
    #: Items by the month they were posted, and risk: (month, risk, items), months in order.
    over_time: list[tuple[str, str, int]]
    errors: int


def totals(store: FindingsStore, filters: Filters) -> Totals:
    selected, parameters = filters.selection(store)
    chosen = f"SELECT v.* FROM verdicts v WHERE v.policy = ? AND v.item IN ({selected})"
    chosen_parameters = [filters.policy, *parameters]

    def counted(sql: str, params: list[object], names: tuple[str, ...]) -> dict[str, int]:
        found = dict(store._select(sql, params))
        return {name: found.get(name, 0) for name in names}

    items, incomplete = store._select(f"SELECT COUNT(*), SUM(complete = 0) FROM ({chosen})", chosen_parameters)[0]
    version = store._select(f"SELECT policy_version FROM ({chosen}) ORDER BY item LIMIT 1", chosen_parameters)
    return Totals(
        items=items,
        policy_version=version[0][0] if version else "",
        by_risk=counted(f"SELECT risk, COUNT(*) FROM ({chosen}) GROUP BY risk", chosen_parameters, RISK_LEVELS),
        incomplete=incomplete or 0,
        by_identifier=counted(
            f"SELECT j.value, COUNT(*) FROM ({chosen}) c, json_each(c.identifiers) j GROUP BY j.value",
            chosen_parameters,
            SAFE_HARBOR_IDENTIFIERS,
        ),
        by_health=counted(
            f"SELECT j.value, COUNT(*) FROM ({chosen}) c, json_each(c.health) j GROUP BY j.value", chosen_parameters, HEALTH_CATEGORIES
        ),
        by_kind=dict(
            store._select(f"SELECT kind, COUNT(*) FROM items WHERE locator IN ({selected}) GROUP BY kind ORDER BY kind", parameters)
        ),
        findings=store._select(f"SELECT COUNT(*) FROM findings WHERE item IN ({selected})", parameters)[0][0],
        findings_by_source=counted(
            f"SELECT source, COUNT(*) FROM findings WHERE item IN ({selected}) GROUP BY source", parameters, SOURCES
        ),
        items_by_source=counted(
            f"SELECT source, COUNT(DISTINCT item) FROM findings WHERE item IN ({selected}) GROUP BY source", parameters, SOURCES
        ),
        over_time=store._select(
            f"SELECT substr(i.created_at, 1, 7) AS month, c.risk, COUNT(*) FROM items i JOIN ({chosen}) c ON c.item = i.locator"
            " WHERE i.created_at IS NOT NULL GROUP BY month, c.risk ORDER BY month",
            chosen_parameters,
        ),
        errors=store._select(f"SELECT COUNT(*) FROM errors WHERE item IN ({selected})", parameters)[0][0],
    )


@dataclass(frozen=True)
class Failing:
    """The items at or above a risk, or not fully scanned: how many, and the first few, riskiest first."""

    count: int
    first: list[tuple[str, str, bool]]  # (item, risk, complete)


def failing(store: FindingsStore, policy: str, at_or_above: str, shown: int) -> Failing:
    """What makes `scan --fail-on` exit 1, in one aggregate query (the count rides along each row)."""
    levels = RISK_LEVELS[RISK_LEVELS.index(at_or_above) :]
    rows = store._select(
        f"SELECT v.item, v.risk, v.complete, COUNT(*) OVER () FROM verdicts v WHERE v.policy = ? AND (v.risk IN ({marks(levels)}) OR v.complete = 0)"
        f" ORDER BY {RISK_RANK} DESC, v.item LIMIT ?",
        [policy, *levels, shown],
    )
    return Failing(rows[0][3] if rows else 0, [(item, risk, bool(complete)) for item, risk, complete, _ in rows])


def has_items(store: FindingsStore) -> bool:
    return bool(store._select("SELECT 1 FROM items LIMIT 1"))
