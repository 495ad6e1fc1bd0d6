"""Items: the selected items, riskiest first, with the rules that decided each risk; pick one to open it."""

import streamlit as st

from dashboards import state

filters = state.filters()
total = state.load("item_count", filters)
st.title("Items")
st.caption(
    f"{total} item(s) match the filters, riskiest first (policy {filters.policy}). `why` names the rules that decided the risk; "
    "the item's page lists every rule that fired."
)
if total == 0:
    st.info("No item matches the filters.")
    st.stop()

page = state.pager(total, "items_page")
rows = state.load("item_page", filters, page)
# Fixed widths (px) that add up to less than the page at 1,400 px with the sidebar open: long lists are cut in the
# cell (hover shows them whole) rather than widening the table past the screen. Type and author are on the item's page.
widths = {"risk": 55, "item": 200, "identifiers": 200, "health": 115, "why": 180, "fully scanned": 75, "findings": 65}
chosen = state.table(
    rows,
    on_select="rerun",
    selection_mode="single-row",
    key="items_table",
    column_config={name: st.column_config.Column(width=width) for name, width in widths.items()},
)
picked = chosen.selection.rows if chosen else []
locator = st.selectbox("Open an item of this page", list(rows["item"]), index=picked[0] if picked else 0, key="items_open")
if st.button("Open item", type="primary") or picked:
    st.switch_page("views/item.py", query_params={"item": locator})
