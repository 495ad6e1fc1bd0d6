"""Drawing shared by the Risk, Composition and Linked items pages: the quasi-identifier controls and the
person-cluster table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from auditor.policy import PolicyError, load_policy
from auditor.policy.schema import RiskSettings
from auditor.risk.quasi import ATTRIBUTES
from dashboards import state


def settings(policy: str) -> RiskSettings:
    """The policy's quasi-identifiers and k (the defaults for a policy not found here)."""
    try:
        return load_policy(policy).risk
    except PolicyError:
        return RiskSettings()


def view(filters, key: str, controls: bool = True) -> dict:
    """The quasi-identifier and k controls (defaults from the policy; the policy's own without `controls`), and
    the risk numbers they give."""
    chosen = settings(filters.policy)
    if not controls:
        return state.load_risk(filters, tuple(chosen.quasi), chosen.k)
    left, right = st.columns([3, 1])
    quasi = left.multiselect("Quasi-identifiers", list(ATTRIBUTES), default=list(chosen.quasi), key=f"{key}_quasi") or list(chosen.quasi)
    k = right.number_input("k threshold", min_value=1, value=chosen.k, step=1, key=f"{key}_k")
    return state.load_risk(filters, tuple(quasi), int(k))


def clusters_table(clusters: list[dict]) -> None:
    """Person-clusters: what each exposes together, and its risk."""
    frame = pd.DataFrame(
        [
            {
                "subjects": len(c["subjects"]),
                "linked by": ", ".join(c["linked_by"]),
                "exposes together": ", ".join(c["identifiers"] + c["health"]),
                "quasi-identifiers": ", ".join(f"{k} {v}" for k, v in sorted(c["quasi_identifiers"].items())),
                "prosecutor risk": f"{100 * c['prosecutor_risk']:.0f}%",
                "verdict": c["verdict"],
                "items": ", ".join(c["subjects"]),
            }
            for c in clusters
        ],
        columns=["subjects", "linked by", "exposes together", "quasi-identifiers", "prosecutor risk", "verdict", "items"],
    )
    state.table(frame)


def evidence(locators: tuple[str, ...]) -> pd.DataFrame:
    """The masked findings of these subjects (a small read, not cached)."""
    from dashboards import queries, risk_queries

    with queries.open_store(state.store_path()) as store:
        return risk_queries.subject_evidence(store, locators)
