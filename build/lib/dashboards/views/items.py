"""Items: the selected items, riskiest first, with the rules that fired; pick one to open it."""

import streamlit as st

from dashboards import state

filters = state.filters()
total = state.load("item_count", filters)
st.title("Items")
st.caption(f"{total} item(s) match the filters, riskiest first (policy {filters.policy}).")
if total == 0:
    st.info("No item matches the filters.")
    st.stop()

page = state.pager(total, "items_page")
rows = state.load("item_page", filters, page)
chosen = state.table(rows, on_select="rerun", selection_mode="single-row", key="items_table")
picked = chosen.selection.rows if chosen else []
locator = st.selectbox("Open an item of this page", list(rows["item"]), index=picked[0] if picked else 0, key="items_open")
if st.button("Open item", type="primary") or picked:
    st.switch_page("views/item.py", query_params={"item": locator})
