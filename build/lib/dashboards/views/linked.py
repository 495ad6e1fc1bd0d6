"""Linked items: one value (same keyed digest: a name, an MRN, a phone number) or one account seen in several
items. Items that are harmless alone can together reveal a name, a birth date and a diagnosis."""

import streamlit as st

from dashboards import state

filters = state.filters()
st.title("Linked items")

shared, values = state.load("shared_values", filters, 0)
st.subheader(f"Values seen in more than one item ({shared})")
st.caption("Matched by keyed digest: the raw value is never stored. `together expose` is what the items holding it expose between them.")
if shared:
    page = state.pager(shared, "linked_values_page")
    if page:
        _, values = state.load("shared_values", filters, page)
    state.table(values.drop(columns=["digest"]))

authors, accounts = state.load("accounts", filters, 0)
st.subheader(f"Accounts with more than one item ({authors})")
if authors:
    page = state.pager(authors, "linked_accounts_page")
    if page:
        _, accounts = state.load("accounts", filters, page)
    state.table(accounts)

if shared == 0 and authors == 0:
    st.info("No value or account links two of the selected items.")
