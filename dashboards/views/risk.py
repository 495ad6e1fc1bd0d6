"""Risk: could someone be re-identified? Equivalence classes over the chosen quasi-identifiers, the smallest
classes and the riskiest person-clusters, with their items' masked evidence."""

import streamlit as st

from auditor.report_charts import count_chart, frame_of
from dashboards import risk_views, state

filters = state.filters()
st.title("Re-identification risk")
data = risk_views.view(filters, "risk")
r = data["risk"]
st.caption(
    "Subjects are items with their media; a missing value (*) is a value of its own. A sample-unique is unique in this corpus, "
    "not proof of uniqueness in the population."
)
columns = st.columns(5)
columns[0].metric("k", r["k"], help="Size of the smallest equivalence class.")
columns[1].metric(
    "Sample-uniques", f"{100 * r['sample_unique_share']:.1f}%", help=f"{r['sample_uniques']} subject(s) alone in their class."
)
columns[2].metric("Prosecutor risk (highest)", f"{100 * r['prosecutor_risk']['highest']:.0f}%", help="1 / k")
columns[3].metric("Prosecutor risk (average)", f"{100 * r['prosecutor_risk']['average']:.1f}%", help="classes / subjects")
columns[4].metric("Marketer risk", f"{100 * r['marketer_risk']:.1f}%", help="Expected share re-identified (sampling fraction 1).")
if r["subjects"] == 0:
    st.info("No subject matches the filters.")
    st.stop()
if data["below"]:
    st.error(f"k = {r['k']} is below the threshold of {data['k_threshold']}: `phi-audit risk` exits 1.")
st.caption(
    f"{r['subjects']} subjects in {r['classes']} classes over {', '.join(r['quasi_identifiers'])}; "
    f"ℓ-diversity of health category {r['l_diversity_health']}."
)
st.altair_chart(
    count_chart(frame_of(r["class_size_histogram"], "class size"), "class size", "Subjects by the size of their class", unit="subjects"),
    width="stretch",
)

st.subheader("Smallest classes")
classes = [{"size": c["size"], **c["values"], "items": ", ".join(c["items"])} for c in r["riskiest_classes"]]
state.table(classes)
labels = [f"{c['size']} · " + ", ".join(f"{k}={v}" for k, v in c["values"].items()) for c in r["riskiest_classes"]]
chosen = st.selectbox("Open a class", range(len(labels)), format_func=labels.__getitem__, key="risk_class") if labels else None
if chosen is not None:
    state.table(risk_views.evidence(tuple(r["riskiest_classes"][chosen]["items"])))

st.subheader(f"Riskiest person-clusters ({len(data['clusters'])})")
if data["clusters"]:
    risk_views.clusters_table(data["clusters"][:20])
else:
    st.caption("No two selected subjects share an identifier or an author.")
