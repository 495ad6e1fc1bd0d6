"""What the Risk, Composition and Linked items pages read: the risk measures, person-clusters and composition
(auditor/risk/) over the subjects the sidebar's filters select, and the masked evidence of a class's items."""

from __future__ import annotations

import pandas as pd

from auditor.risk.composition import CompositionCounter
from auditor.risk.measures import measure_records
from auditor.risk.mosaic import person_clusters
from auditor.risk.report import source_formats
from auditor.store import FindingsStore, item_views, quasi_store
from auditor.store.selection import Filters, selected_locators


def risk_view(store: FindingsStore, filters: Filters, quasi: tuple[str, ...], k: int) -> dict:
    """The risk report's numbers (as the JSON report has them) over the selected subjects."""
    selected = selected_locators(store, filters)

    def subjects():
        return ((locator, kind, record) for locator, kind, record in quasi_store.subjects(store) if locator in selected)

    counter = CompositionCounter()
    risk = measure_records(subjects, quasi, observe=counter.add)
    clusters = [c for c in person_clusters(store, risk, filters.policy) if selected.intersection(c.subjects)]
    sources = source_formats(store)
    return {
        "risk": risk.to_dict(),
        "k_threshold": k,
        "below": risk.subjects > 0 and risk.k < k,
        "clusters": [c.to_dict() for c in clusters],
        "composition": counter.result(sources).to_dict(),
    }


def subject_evidence(store: FindingsStore, locators: tuple[str, ...]) -> pd.DataFrame:
    """The masked findings of these subjects and their media, to drill down into a class or a cluster."""
    return pd.DataFrame(
        item_views.subject_findings(store, locators), columns=["subject", "item", "identifier", "health", "evidence", "field"]
    )
