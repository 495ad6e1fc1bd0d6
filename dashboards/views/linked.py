"""Linked items: person-clusters (items linked by the same keyed digest of a name, an MRN, a phone number, or by
the same author), then each shared value and account. Items that are harmless alone can together reveal a name,
a birth date and a diagnosis."""

import streamlit as st

from dashboards import risk_views, state

filters = state.filters()
st.title("Linked items")

clusters = risk_views.view(filters, "linked", controls=False)["clusters"]
st.subheader(f"Person-clusters ({len(clusters)})")
st.caption("Subjects linked by a shared identifier or author, and what they expose together; the risk is the highest of its subjects'.")
if clusters:
    risk_views.clusters_table(clusters)

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
