"""Item: one item's evidence and why the policy judged it so; its text and images are read again from the
corpus and shown with every finding masked (filled boxes, masked spans) unless reveal is asked for."""

import streamlit as st

from auditor.corpus.reread import reread_one
from auditor.media.frames import RenderError
from auditor.media.image import PixelLoadError
from dashboards import state
from dashboards.drilldown import (
    ANNEX_E_HELP,
    BOX_MODES,
    boxed_image,
    explain,
    highlighted_html,
    in_words,
    marks_of,
    placed,
    previews,
)

filters = state.filters()
st.title("Item")
locator = st.query_params.get("item") or st.text_input("Item locator (as listed on the Items page)", key="item_locator")
if not locator:
    st.info("Open an item from the Items page, or type its locator.")
    st.stop()
record = state.load("item_record", locator, filters.policy)
if record is None:
    st.error("The store has no item with this locator.")
    st.stop()

st.code(locator, language=None, wrap_lines=True)
if st.session_state.get("item_opened") != locator:
    # Reveal is a choice about one item: opening another starts masked again.
    st.session_state["item_opened"] = locator
    st.session_state["item_reveal"] = False
reveal = st.toggle("Reveal raw values (read again from the corpus: this shows PHI)", key="item_reveal")
if not reveal and st.session_state.get("item_box_mode") == "reveal":
    del st.session_state["item_box_mode"]  # unboxed pixels only while Reveal is on
if reveal:
    st.warning("Raw values are shown. Do not screenshot or share this page.")

findings = state.load("item_findings", locator)
columns = st.columns(4)
columns[0].metric("Risk", record["risk"] or "not judged")
columns[1].metric("Type", record["kind"])
columns[2].metric("Findings", len(findings), help="Of the item and of the media it shares.")
columns[3].metric("Fully scanned", "yes" if record["complete"] and record["errors"].empty else "no")
own = reread_one(record["scanned_paths"], locator, record["content_hash"], record["unmasking"])
if reveal and own is not None and own.locator != locator:
    st.text(f"True path: {own.locator}")  # the store keeps it masked (auditor/locator_masks.py); a name from the corpus: plain text
findings = placed(findings, locator, own)  # where each finding of a document is in its file
if record["author"] or record["created_at"]:
    # The store keeps the author masked; the raw one is read again from the corpus only on reveal.
    author = own.author if reveal and own is not None and own.author else record["author"]
    st.text(f"Author: {author or '-'}    Date: {record['created_at'] or '-'}")

st.subheader("Why this risk")
st.text(
    f"Policy {filters.policy} {record['policy_version'] or ''}: identifiers {', '.join(record['identifiers']) or 'none'}; "
    f"health information {', '.join(record['health']) or 'none'}."
)
fired, weighed = explain(filters.policy, record["rules"], record["identifiers"])
decided = fired[fired["risk"] == record["risk"]] if "risk" in fired else fired
if fired.empty:
    st.caption("No rule fired.")
else:
    state.table(decided)
    if len(decided) < len(fired):
        with st.expander(f"{len(fired) - len(decided)} lower rule(s) also fired (they did not decide the risk)"):
            state.table(fired.drop(decided.index))
if not weighed.empty:
    state.table(weighed)

if own is not None and own.fields:
    st.subheader("Text, findings highlighted")
    for name, text in own.fields.items():
        st.text(f"field: {name}")  # a CSV column name comes from the corpus: plain text, not Markdown
        st.html(highlighted_html(text, marks_of(findings, locator, name), reveal=reveal))
elif own is None and record["kind"] in ("post", "text"):
    st.caption("The text cannot be shown: its file is gone or has changed since the scan. The findings below are from the scan.")

shown = [(locator, record["kind"], own)] if record["kind"] in ("image", "dicom") else []
shown += [
    (media, kind, reread_one(record["scanned_paths"], media, digest, record["unmasking"]))
    for media, kind, digest in record["media"]
    if kind in ("image", "dicom")
]
if shown:
    st.subheader("Images, finding boxes masked")
    mode = st.radio("Boxed areas", BOX_MODES if reveal else BOX_MODES[:2], horizontal=True, key="item_box_mode")
    every_frame = st.checkbox("Every frame of a multi-frame image (each carries every box found on any frame)", key="item_every_frame")
for media, kind, item in shown:
    if item is None:
        st.caption("An image cannot be shown: its file is gone or has changed since the scan.")
        continue
    try:
        for frame, pixels, boxes in previews(item, findings[(findings["item"] == media) & findings["bbox"].notna()], every_frame):
            # A small screenshot or DICOM frame is shown larger than life, so its boxes can be seen.
            st.image(
                boxed_image(pixels, boxes, mode),
                caption=f"{kind}, frame {frame}: {len(boxes)} box(es)",
                width="stretch" if pixels.shape[1] >= 640 else 640,
            )
    except (PixelLoadError, RenderError) as error:
        st.text(f"No preview: {error}")

worded = in_words(findings)
metadata = worded[worded["source"] == "metadata"]
if not metadata.empty:
    st.subheader("Header and metadata findings")
    state.table(
        metadata[["what it is", "item", "field", "evidence", "Annex E action", "entity", "score"]],
        column_config={"Annex E action": st.column_config.TextColumn(help=ANNEX_E_HELP)},
    )
    if metadata["Annex E action"].astype(bool).any():
        st.caption(ANNEX_E_HELP)
st.subheader("All findings")
state.table(worded.drop(columns=["digest"]), column_config={"Annex E action": st.column_config.TextColumn(help=ANNEX_E_HELP)})
if not record["errors"].empty:
    st.subheader("What could not be scanned")
    state.table(record["errors"])

st.subheader("Same values in other items")
linked = state.load("linked_items", locator)
if linked.empty:
    st.caption("No identifier of this item appears in another item.")
else:
    state.table(linked)
    other = st.selectbox("Open a linked item", sorted(set(linked["item"])), key="item_linked")
    if st.button("Open linked item"):
        st.switch_page("views/item.py", query_params={"item": other})
