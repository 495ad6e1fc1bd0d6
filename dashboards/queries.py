"""The dashboard's reads of the findings store, as the pages show them (data frames). Every count and table is
one of the store's read models (`auditor/store/`) over the items the filters select, so a store of 100,000
findings is aggregated by SQLite, never loaded into Python whole, and the overview counts what the report counts.

Nothing here writes: the store is opened read-only (SQLite WAL lets a scan write meanwhile). Values come
back as they are stored, so evidence is masked evidence; the raw values never reach the dashboard. Only where a
document's finding is in its file is worked out from the file again (auditor/places.py), as the export does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from auditor.evidence import mask
from auditor.locator_masks import Unmasking
from auditor.model import RISK_LEVELS
from auditor.places import placed_records
from auditor.store import FindingsStore, item_views, links
from auditor.store.item_views import ERROR_COLUMNS, FINDING_COLUMNS
from auditor.store.selection import Filters
from auditor.store.totals import totals
from auditor.words import IDENTIFIER_WORDS

__all__ = [
    "FINDING_COLUMNS",
    "PAGE_SIZE",
    "Filters",
    "StoreFacts",
    "accounts",
    "error_page",
    "item_count",
    "item_findings",
    "item_page",
    "item_record",
    "link_identifiers",
    "linked_items",
    "open_store",
    "overview",
    "selected_findings",
    "shared_values",
    "store_facts",
]

#: Rows per page of the item, finding and linked-value tables.
PAGE_SIZE = 50


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
    items, policies, kinds = item_views.store_facts(store)
    return StoreFacts(items=items, policies=policies, kinds=kinds, last_policy=run.get("policy"), run=run)


def _counts(counts: dict[str, int], label: str) -> pd.DataFrame:
    return pd.DataFrame({label: list(counts), "items": list(counts.values())})


def overview(store: FindingsStore, filters: Filters) -> dict[str, object]:
    """The overview's numbers and chart data for the selected items (the report's totals, `auditor/store/totals.py`)."""
    counted = totals(store, filters)
    return {
        "items": counted.items,
        "high": counted.by_risk["high"],
        "incomplete": counted.incomplete,
        "findings": counted.findings,
        "by_risk": _counts(counted.by_risk, "risk"),
        "by_identifier": _counts(counted.by_identifier, "identifier"),
        "by_health": _counts(counted.by_health, "health"),
        "by_source": _counts(counted.items_by_source, "source"),
        "by_kind": pd.DataFrame(list(counted.by_kind.items()), columns=["kind", "items"]),
        "over_time": pd.DataFrame(counted.over_time, columns=["month", "risk", "items"]),
        "errors": counted.errors,
    }


def error_page(store: FindingsStore, filters: Filters, page: int) -> pd.DataFrame:
    """One page of the per-item errors of the selected items."""
    return pd.DataFrame(item_views.error_page(store, filters, PAGE_SIZE, page * PAGE_SIZE), columns=list(ERROR_COLUMNS))


def item_count(store: FindingsStore, filters: Filters) -> int:
    return item_views.item_count(store, filters)


def item_page(store: FindingsStore, filters: Filters, page: int) -> pd.DataFrame:
    """One page of the selected items, riskiest first (the report's ranking), with the rules that decided each risk
    (`why`; every rule that fired is on the item's page)."""
    from auditor.report import rule_decider

    decide = rule_decider(filters.policy)
    records = [
        (
            r.verdict.risk,
            r.verdict.item,
            ", ".join(r.verdict.identifiers),
            ", ".join(r.verdict.health),
            ", ".join(decide(r.verdict)),
            r.verdict.complete,
            r.findings,
        )
        for r in item_views.ranked_items(store, filters, PAGE_SIZE, page * PAGE_SIZE)
    ]
    return pd.DataFrame(records, columns=ITEM_PAGE_COLUMNS)


#: The Items page's columns, narrow enough together to be read at 1,400 px without scrolling sideways.
ITEM_PAGE_COLUMNS = ["risk", "item", "identifiers", "health", "why", "fully scanned", "findings"]


def _masked(values: pd.Series) -> list[str | None]:
    """Account names masked like evidence: a handle identifies its owner as well as a name does."""
    return [mask(value) if isinstance(value, str) else None for value in values]


def item_findings(store: FindingsStore, locator: str) -> pd.DataFrame:
    """The findings of one item and of its media (masked evidence)."""
    return pd.DataFrame(item_views.item_findings(store, locator), columns=list(FINDING_COLUMNS))


def item_record(store: FindingsStore, locator: str, policy: str) -> dict[str, object] | None:
    """The item, its verdict under `policy`, its media and its errors; None when the store has no such item."""
    record = item_views.item_record(store, locator, policy)
    if record is not None:
        record["errors"] = pd.DataFrame(record["errors"], columns=list(ERROR_COLUMNS))
        # how the drill-down finds the file of a masked locator (auditor/locator_masks.py)
        record["unmasking"] = Unmasking.of(store, [locator, *(media for media, _, _ in record["media"])])  # type: ignore[attr-defined]
    return record


def linked_items(store: FindingsStore, locator: str) -> pd.DataFrame:
    """Other items where a value of this item (same keyed digest) appears too."""
    return pd.DataFrame(item_views.linked_items(store, locator), columns=["item", "identifier", "evidence", "field"])


#: How identifying a shared value is, most first: a number that belongs to one person, then contact details and
#: handles, then names (two people can share one), then the quasi-identifiers many people share.
LINK_STRENGTH: tuple[str, ...] = (
    "ssn",
    "mrn",
    "health_plan",
    "email",
    "phone",
    "fax",
    "account",
    "license",
    "vehicle",
    "device",
    "other_unique_id",
    "biometric",
    "face_photo",
    "names",
    "url",
    "ip",
    "dates",
    "geographic",
)


def link_identifiers(policy: str, kind: str) -> tuple[str, ...]:
    """The identifiers whose shared values make a link of `kind` under `policy` (its direct or quasi class), strongest first.

    Two kinds of link: a shared direct identifier (`person`) says "likely the same person"; a shared quasi-identifier
    (`quasi`: a city, an age, a date) is an overlap many people have."""
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
    total, values = links.shared_values(store, filters, link_identifiers(filters.policy, kind), PAGE_SIZE, page * PAGE_SIZE)
    records = [
        {
            "value": value.evidence,
            "identifier": value.identifier,
            "what it is": IDENTIFIER_WORDS.get(value.identifier, value.identifier),
            "items": len(value.items),
            "together expose": ", ".join(value.identifiers),
            "health together": ", ".join(value.health),
            "item list": ", ".join(value.items),
            "digest": value.digest,
        }
        for value in values
    ]
    columns = ["value", "identifier", "what it is", "items", "together expose", "health together", "item list", "digest"]
    return total, pd.DataFrame(records, columns=columns)


def accounts(store: FindingsStore, filters: Filters, page: int) -> tuple[int, pd.DataFrame]:
    """Authors with more than one selected item, and what their items expose together."""
    total, found = links.accounts(store, filters, PAGE_SIZE, page * PAGE_SIZE)
    frame = pd.DataFrame(
        [(a.author, a.items, ", ".join(a.identifiers), ", ".join(a.health), RISK_LEVELS[a.highest_risk]) for a in found],
        columns=["author", "items", "together expose", "health together", "highest risk"],
    )
    frame["author"] = _masked(frame["author"])
    return total, frame


def selected_findings(store: FindingsStore, filters: Filters) -> pd.DataFrame:
    """Every finding of the selected items in the export's public schema (masked evidence, a document's findings
    placed in its file as the export places them), for download."""
    frame = pd.DataFrame(item_views.selected_findings(store, filters), columns=list(FINDING_COLUMNS))
    frame.insert(
        6,
        "span",
        [None if pd.isna(start) else [int(start), int(end)] for start, end in zip(frame.pop("span_start"), frame.pop("span_end"))],
    )
    frame["bbox"] = [json.loads(box) if isinstance(box, str) else None for box in frame["bbox"]]
    frame["where"] = [record["where"] for record in placed_records(store, frame.to_dict("records"))]
    return frame
