"""Which items a reader chose (the dashboard's sidebar; every item under a policy for the report): one SQL
selection of locators that every read model nests, so a count on the overview and the report's count of the
same items are the same query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.store.findings_store import FindingsStore


@dataclass(frozen=True)
class Filters:
    """What the person chose in the sidebar; an empty tuple means no restriction. `Filters(policy)` selects every
    item judged under that policy."""

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
        where = ["v.policy = ?"]
        parameters: list[object] = [self.policy]
        clauses = (
            ("v.risk IN ({})", self.risks),
            ("i.kind IN ({})", self.kinds),
            ("EXISTS (SELECT 1 FROM json_each(v.identifiers) WHERE value IN ({}))", self.identifiers),
            ("EXISTS (SELECT 1 FROM json_each(v.health) WHERE value IN ({}))", self.health),
            # An item is judged with its media, so a source seen in its media counts for it too.
            (
                "EXISTS (SELECT 1 FROM findings f WHERE f.source IN ({})"
                " AND (f.item = i.locator OR f.item IN (SELECT m.locator FROM items m WHERE m.parent = i.locator)))",
                self.sources,
            ),
        )
        for clause, values in clauses:
            if values:
                where.append(clause.format(marks(values)))
                parameters += values
        if self.text.strip():
            where.append("(i.locator LIKE ? ESCAPE '\\' OR i.author_digest = ?)")
            pattern = "%" + self.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            parameters += [pattern, store.evidence_keeper().digest(self.text.strip(), "other_unique_id")]
        sql = "SELECT i.locator FROM items i JOIN verdicts v ON v.item = i.locator WHERE " + " AND ".join(where)
        return sql, parameters


def selected_locators(store: FindingsStore, filters: Filters) -> set[str]:
    """The chosen items' locators (for a reader that filters records the store does not join, such as risk's)."""
    sql, parameters = filters.selection(store)
    return {row[0] for row in store._select(sql, parameters)}


def marks(values: Sequence[object]) -> str:
    """One `?` per value, for an `IN (...)`."""
    return ", ".join("?" * len(values))
