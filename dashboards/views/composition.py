"""Composition: whom the selected subjects represent, against the US population."""

import streamlit as st

from auditor.report_charts import count_chart, frame_of
from auditor.risk.charts import observed_expected_chart
from dashboards import risk_views, state

filters = state.filters()
st.title("Who this corpus represents")
c = risk_views.view(filters, "composition", controls=False)["composition"]
columns = st.columns(3)
columns[0].metric("Subjects", c["subjects"])
columns[1].metric("No demographic signal", f"{100 * c['no_demographic_signal_share']:.0f}%", help="Say nothing of their age, sex or place.")
tvd = c["age_sex"]["total_variation_distance"]
columns[2].metric(
    "Age × sex distance", "n/a" if tvd is None else f"{tvd:.2f}", help="Total variation distance from the US population (0 = same make-up)."
)
if c["subjects"] == 0:
    st.info("No subject matches the filters.")
    st.stop()
st.write(c["summary"])
st.caption(
    f"Dates from {c['date_range']['first'] or '?'} to {c['date_range']['last'] or '?'}. Reference: {c['age_sex']['reference']}; {c['state']['reference']}."
)
left, right = st.columns(2)
for column, name, title in ((left, "age_sex", "Age × sex"), (right, "state", "State")):
    if c[name]["groups"]:
        column.altair_chart(observed_expected_chart(c[name]["groups"], f"{title}: corpus against the US population"), width="stretch")
    else:
        column.caption(f"No selected subject has a known {title.lower()}.")
for index, name in enumerate(("chapter", "health", "modality", "body_part", "country", "source")):
    if c["distributions"].get(name):
        (left if index % 2 == 0 else right).altair_chart(
            count_chart(frame_of(c["distributions"][name], name), name, f"Subjects by {name.replace('_', ' ')}", unit="subjects"),
            width="stretch",
        )
