"""What every page shares: the store the launcher named, the sidebar's filters, and cached reads.

Reads are cached in memory only (`st.cache_data` without `persist`: a disk cache would write PHI-derived
tables to disk) and keyed on the store file's modification time, so a scan writing meanwhile shows up.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from auditor.model import (
    HEALTH_CATEGORIES,
    RISK_LEVELS,
    SAFE_HARBOR_IDENTIFIERS,
    SOURCES,
)
from auditor.store import StoreError
from dashboards import queries
from dashboards.queries import Filters, StoreFacts

#: The environment variable through which `phi-audit dashboard` names the store.
STORE_VARIABLE = "PHI_AUDIT_STORE"
_CACHE = {"ttl": 600, "max_entries": 64, "show_spinner": False}


def store_path() -> str:
    return os.environ.get(STORE_VARIABLE, "audit.db")


def _stamp(path: str) -> tuple[float, ...]:
    """Changes whenever the store or its write-ahead log does."""
    return tuple(Path(path + suffix).stat().st_mtime if Path(path + suffix).exists() else 0.0 for suffix in ("", "-wal"))


def _read(function, *arguments):
    with queries.open_store(store_path()) as store:
        return function(store, *arguments)


@st.cache_data(**_CACHE)
def _facts(path: str, stamp: tuple[float, ...]) -> StoreFacts:
    return _read(queries.store_facts)


def facts() -> StoreFacts | str:
    """The store's facts, or the message that says why there are none to show."""
    path = store_path()
    try:
        found = _facts(path, _stamp(path))
    except StoreError as error:
        return str(error)
    if found.items == 0:
        return f"{path}: the store has no items yet. Scan a corpus into it first: phi-audit scan PATH --store {path}"
    if not found.policies:
        return f"{path}: the store has items but no verdicts. Score it: phi-audit report --store {path} --policy hipaa-safe-harbor"
    return found


@st.cache_data(**_CACHE)
def _cached(name: str, path: str, stamp: tuple[float, ...], arguments: tuple):
    # `arguments` is one tuple, not *arguments: Streamlit's cache key leaves variadic arguments out.
    return _read(getattr(queries, name), *arguments)


def load(name: str, *arguments):
    """`queries.<name>(store, *arguments)`, cached until the store changes."""
    path = store_path()
    return _cached(name, path, _stamp(path), arguments)


@st.cache_data(**_CACHE)
def _risk(path: str, stamp: tuple[float, ...], arguments: tuple):
    from dashboards import risk_queries

    return _read(risk_queries.risk_view, *arguments)


def load_risk(filters: Filters, quasi: tuple[str, ...], k: int) -> dict:
    """The risk pages' numbers over the selected subjects (dashboards/risk_queries.py), cached like `load`."""
    path = store_path()
    return _risk(path, _stamp(path), (filters, quasi, k))


def sidebar_filters(found: StoreFacts) -> Filters:
    """The filters, drawn in the sidebar on every page; their choices survive page changes."""
    bar = st.sidebar
    bar.header("Filters")
    policies = list(found.policies)
    default = policies.index(found.last_policy) if found.last_policy in policies else 0
    policy = bar.selectbox("Policy", policies, index=default, key="filter_policy")
    return Filters(
        policy=policy,
        risks=tuple(bar.multiselect("Risk level", list(reversed(RISK_LEVELS)), key="filter_risks")),
        identifiers=tuple(bar.multiselect("Safe Harbor identifier", list(SAFE_HARBOR_IDENTIFIERS), key="filter_identifiers")),
        health=tuple(bar.multiselect("Health category", list(HEALTH_CATEGORIES), key="filter_health")),
        sources=tuple(bar.multiselect("Source", list(SOURCES), key="filter_sources")),
        kinds=tuple(bar.multiselect("Item type", list(found.kinds), key="filter_kinds")),
        text=bar.text_input("Path contains, or author is", key="filter_text"),
    )


def filters() -> Filters:
    return st.session_state["filters"]


def pager(total: int, key: str) -> int:
    """A page number input for a table of `total` rows; returns the 0-based page."""
    pages = max(1, -(-total // queries.PAGE_SIZE))
    page = st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1, key=key)
    return int(page) - 1


def table(frame: pd.DataFrame, **options):
    """A data table: cells are shown as plain text, never as Markdown, HTML or links."""
    return st.dataframe(frame, hide_index=True, width="stretch", **options)
