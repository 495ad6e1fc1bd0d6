"""Linked items: person-clusters (items linked by the same keyed digest of a name, an MRN, a phone number, or by
the same author), then each shared value and account. Items that are harmless alone can together reveal a name,
a birth date and a diagnosis.

Links are of two kinds, shown apart: a shared direct identifier (an MRN, a phone number, an e-mail, a handle, a
name) says the items are likely about the same person, the most identifying first; a shared quasi-identifier (a
city, an age over 89, a date) is an overlap many people have, not "same person"."""

import streamlit as st

from dashboards import risk_views, state

filters = state.filters()
st.title("Linked items")
st.caption(
    "Matched by keyed digest of the value's type and normal form (dates, phone numbers and names compared as such; "
    "a date never matches an age): the raw value is never stored. `together expose` is what the items holding it expose between them."
)

clusters = risk_views.view(filters, "linked", controls=False)["clusters"]
st.subheader(f"Person-clusters ({len(clusters)})")
st.caption("Subjects linked by a shared identifier or author, and what they expose together; the risk is the highest of its subjects'.")
if clusters:
    risk_views.clusters_table(clusters)

SECTIONS = {
    "person": (
        "Likely the same person: a direct identifier in more than one item",
        "Most identifying first: record and member numbers, contact details, handles, then names.",
    ),
    "quasi": (
        "Shared quasi-identifiers: overlaps, not the same person",
        "A city, a date or an age over 89 is shared by many people; together with other overlaps it can still narrow an item down to a few.",
    ),
}
found = 0
for kind, (title, note) in SECTIONS.items():
    shared, values = state.load("shared_values", filters, 0, kind)
    found += shared
    st.subheader(f"{title} ({shared})")
    st.caption(note)
    if shared:
        page = state.pager(shared, f"linked_{kind}_page")
        if page:
            _, values = state.load("shared_values", filters, page, kind)
        state.table(values.drop(columns=["digest"]))

authors, accounts = state.load("accounts", filters, 0)
st.subheader(f"Accounts with more than one item ({authors})")
if authors:
    page = state.pager(authors, "linked_accounts_page")
    if page:
        _, accounts = state.load("accounts", filters, page)
    state.table(accounts)

if found == 0 and authors == 0:
    st.info("No value or account links two of the selected items.")
