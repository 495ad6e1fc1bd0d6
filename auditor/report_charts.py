"""The audit's summary charts (Altair), shared by the dashboard and the HTML report so both show the same picture.

Each chart takes a small table of counts that SQL already aggregated; none reads findings itself.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from auditor.model import RISK_LEVELS

#: Risk colours, lowest first: grey, yellow, orange, red.
RISK_COLOURS = ("#9e9e9e", "#f2c14e", "#f08a24", "#c62828")
_RISK_SCALE = alt.Scale(domain=list(RISK_LEVELS), range=list(RISK_COLOURS))
#: Category labels are never cut short (`other_unique_id`, not `ther_unique_i…`), and a chart keeps a margin so
#: nothing is clipped at its edge.
_LABELS = alt.Axis(labelLimit=0, labelPadding=4)
_PADDING = {"left": 8, "right": 16, "top": 4, "bottom": 4}


def _counts_axis(title: str, counts: pd.Series) -> alt.Axis:
    """A count axis of whole numbers only, at most six, with labels that would overlap left out. The ticks are
    given: Vega's own for a small maximum are 0, 0.5, 1, 1.5…, which a whole-number format prints as 0 1 1 2 2."""
    top = int(counts.max()) if len(counts) else 0
    step = next(m * 10**e for e in range(12) for m in (1, 2, 5) if m * 10**e * 5 >= top)  # 1, 2, 5, 10, 20, 50…
    return alt.Axis(title=title, format="d", values=list(range(0, top + step, step)), labelOverlap="greedy", labelFlush=False)


def risk_chart(by_risk: pd.DataFrame) -> alt.Chart:
    """Items by risk level (columns `risk`, `items`), highest risk on top."""
    return (
        alt.Chart(by_risk, title="Items by risk")
        .mark_bar()
        .encode(
            y=alt.Y("risk:N", sort=list(reversed(RISK_LEVELS)), title=None, axis=_LABELS),
            x=alt.X("items:Q", axis=_counts_axis("items", by_risk["items"])),
            color=alt.Color("risk:N", scale=_RISK_SCALE, legend=None),
            tooltip=["risk", "items"],
        )
        .properties(padding=_PADDING)
    )


def count_chart(counts: pd.DataFrame, label: str, title: str, unit: str = "items") -> alt.Chart:
    """A horizontal bar per name (columns `label`, `items`: a count of `unit`) in the table's own order, zeros included."""
    return (
        alt.Chart(counts, title=title)
        .mark_bar(color="#37718e")
        .encode(
            y=alt.Y(f"{label}:N", sort=list(counts[label]), title=None, axis=_LABELS),
            x=alt.X("items:Q", axis=_counts_axis(unit, counts["items"])),
            tooltip=[label, "items"],
        )
        .properties(padding=_PADDING)
    )


def timeline_chart(over_time: pd.DataFrame) -> alt.Chart:
    """Items per month of their date (columns `month`, `risk`, `items`), stacked by risk."""
    return (
        alt.Chart(over_time, title="Items over time (by post date)")
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="month", axis=alt.Axis(labelAngle=-45, labelOverlap="greedy")),
            y=alt.Y(
                "items:Q", axis=_counts_axis("items", over_time.groupby("month")["items"].sum() if len(over_time) else over_time["items"])
            ),
            color=alt.Color("risk:N", scale=_RISK_SCALE),
            tooltip=["month", "risk", "items"],
        )
        .properties(padding=_PADDING)
    )


def frame_of(counts: dict[str, int], label: str) -> pd.DataFrame:
    """A counts table from a report's `{name: count}` dict, in the dict's order."""
    return pd.DataFrame({label: list(counts), "items": list(counts.values())})
