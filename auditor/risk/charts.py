"""Charts of the risk and composition sections (Altair, rendered to inline SVG by the HTML report and drawn
by the dashboard), beside the audit's own in auditor/report_charts.py."""

from __future__ import annotations

import altair as alt
import pandas as pd


def observed_expected_frame(groups: list[dict]) -> pd.DataFrame:
    """Long table (group, share, of) of each observed group's share in the corpus and in the population, from a
    comparison's `groups` as the JSON report has them."""
    rows = [(g["group"], g["observed_share"], "corpus") for g in groups] + [(g["group"], g["expected_share"], "population") for g in groups]
    return pd.DataFrame(rows, columns=["group", "share", "of"])


def observed_expected_chart(groups: list[dict], title: str) -> alt.Chart:
    """Per group, the corpus's share beside the population's, in the order given (most over-represented first)."""
    frame = observed_expected_frame(groups)
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("group:N", sort=[g["group"] for g in groups], title=None),
            yOffset="of:N",
            x=alt.X("share:Q", title="share", axis=alt.Axis(format="%")),
            color=alt.Color("of:N", scale=alt.Scale(domain=["corpus", "population"], range=["#37718e", "#bdbdbd"]), title=None),
            tooltip=["group", "of", alt.Tooltip("share:Q", format=".1%")],
        )
    )
