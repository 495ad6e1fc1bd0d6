"""phi-audit dashboard: started by `phi-audit dashboard`, which names the store (PHI_AUDIT_STORE) and passes
Streamlit's settings (bind address, headless, no usage statistics, no error details) on its command line.

Every page reads the store read-only and shows masked evidence only.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboards import state

st.set_page_config(page_title="phi-audit dashboard", layout="wide")

found = state.facts()
if isinstance(found, str):
    st.title("phi-audit dashboard")
    st.error("Nothing to show.")
    st.code(found, language=None, wrap_lines=True)
    st.stop()

st.session_state["filters"] = state.sidebar_filters(found)
st.sidebar.caption(f"Store: {Path(state.store_path()).name} · evidence masked")

views = Path(__file__).parent / "views"  # not `pages/`, which Streamlit would also list as pages of its own
navigation = st.navigation(
    [
        st.Page(views / "overview.py", title="Overview", default=True),
        st.Page(views / "items.py", title="Items"),
        st.Page(views / "item.py", title="Item"),
        st.Page(views / "linked.py", title="Linked items"),
        st.Page(views / "risk.py", title="Risk"),
        st.Page(views / "composition.py", title="Composition"),
        st.Page(views / "downloads.py", title="Downloads"),
    ]
)
navigation.run()
