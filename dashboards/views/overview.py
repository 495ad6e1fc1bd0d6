"""Overview: how exposed the selected items are, where, and what could not be scanned."""

import streamlit as st

from auditor.redact.records import show_in_dashboard  # the section's code lives with the redaction
from auditor.report_charts import count_chart, risk_chart, timeline_chart
from dashboards import state

filters = state.filters()
summary = state.load("overview", filters)

st.title("Overview")
st.caption(f"Policy {filters.policy}. Every count is of items (a post is judged together with its media).")
columns = st.columns(4)
columns[0].metric("Items", summary["items"])
columns[1].metric("High risk", summary["high"])
columns[2].metric("Not fully scanned", summary["incomplete"], help="Lost coverage: never counted as safe.")
columns[3].metric("Findings", summary["findings"])

if summary["items"] == 0:
    st.info("No item matches the filters.")
    st.stop()

left, right = st.columns(2)
left.altair_chart(risk_chart(summary["by_risk"]), width="stretch")
left.altair_chart(count_chart(summary["by_health"], "health", "Items with health information"), width="stretch")
left.altair_chart(count_chart(summary["by_source"], "source", "Items by where it was found"), width="stretch")
right.altair_chart(count_chart(summary["by_identifier"], "identifier", "Items exposing each Safe Harbor identifier"), width="stretch")
right.altair_chart(count_chart(summary["by_kind"], "kind", "Items by type"), width="stretch")
if summary["over_time"].empty:
    st.caption("No selected item carries a date, so there is no timeline.")
else:
    st.altair_chart(timeline_chart(summary["over_time"]), width="stretch")

st.subheader(f"Per-item errors ({summary['errors']})")
if summary["errors"]:
    state.table(state.load("error_page", filters, state.pager(summary["errors"], "overview_errors_page")))
else:
    st.caption("None: every selected item was read and scanned.")

show_in_dashboard(state.store_path())
