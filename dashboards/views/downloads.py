"""Downloads: the selected findings (masked evidence, the export's public schema) and the audit report.

Files are made when the button is pressed, in memory: nothing is written to the server's disk.
"""

import streamlit as st

from auditor.report import build_report
from auditor.report_html import render_html
from dashboards import queries, state

filters = state.filters()
st.title("Downloads")
count = state.load("item_count", filters)
st.caption(f"The findings of the {count} item(s) the filters select, with evidence masked.")


def _findings(fmt: str):
    def make() -> str:
        frame = state.load("selected_findings", filters)
        return frame.to_csv(index=False) if fmt == "csv" else frame.to_json(orient="records", lines=True, force_ascii=False)

    return make


def _report() -> str:
    with queries.open_store(state.store_path()) as store:
        return render_html(build_report(store, filters.policy))


st.download_button("Findings (CSV)", _findings("csv"), file_name="findings.csv", mime="text/csv", on_click="ignore")
st.download_button("Findings (JSON Lines)", _findings("jsonl"), file_name="findings.jsonl", mime="application/x-ndjson", on_click="ignore")


def _items() -> str:
    import pandas as pd

    from auditor.export_items import ITEM_COLUMNS, csv_cell, item_records

    with queries.open_store(state.store_path()) as store:
        rows = [{key: csv_cell(key, value) for key, value in record.items()} for record in item_records(store, filters.policy)]
    return pd.DataFrame(rows, columns=list(ITEM_COLUMNS)).to_csv(index=False)


st.download_button("Every item's verdict (CSV, whole store)", _items, file_name="items.csv", mime="text/csv", on_click="ignore")
st.download_button("Audit report (HTML, whole store)", _report, file_name="audit-report.html", mime="text/html", on_click="ignore")
