"""Where a finding in an HTML, XML or Office document is in its file: "paragraph 2, characters 27-39",
"Sheet1!B7, characters 0-6", "bytes 54-60 (line 2, column 42)".

A document is scanned as the text a reader of it sees (auditor/corpus/markup.py), so a finding's span counts
characters of that text, which nobody can find in the file. The store keeps no content, so the place is worked out
again from the file, read back by auditor/corpus/reread.py only while it is unchanged since the scan, by
`markup.source_places`. This module is the one way to it: the text and HTML reports, the findings export (its
`where` column) and the dashboard's item page and downloads all show what it gives. A finding outside a
document's text, or in a file that is gone or changed, has no place.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from auditor.corpus.markup import may_be_document, source_places
from auditor.corpus.reread import reread
from auditor.evidence import mask
from auditor.locator_masks import Unmasking
from auditor.model import Item
from auditor.store import FindingsStore, walks
from auditor.store.item_views import scanned_paths

Span = tuple[int, int]
#: Documents read back at once by an export: their findings are all the export holds in memory.
EXPORT_BATCH = 64


def has_place(source: str, span: object) -> bool:
    """Whether a finding can have a place in a document's file: one in the document's text, with a span."""
    return source == "text" and span is not None


def places_in(locator: str, item: Item, spans: Iterable[Span]) -> dict[Span, str]:
    """Each span's place in the item's file (the item as read from the corpus); empty for an item that is no
    document (a document keeps its bytes as payload, plain text does not). `spans` are every finding's of the
    item's text: a spreadsheet's place names its sheet, and a sheet title that holds any of them is masked."""
    if item.kind != "text" or not item.payload:
        return {}
    wanted = sorted(set(spans))
    text = item.fields.get("text", "")
    found = [text[start:end] for start, end in wanted if text[start:end].strip()]
    return {span: _titled(place, found) for span, place in zip(wanted, source_places(locator, item.payload, wanted) or [])}


#: A spreadsheet's place: its sheet's title (the file's own words), then a cell or the title's own line.
_SHEET_PLACE = re.compile(r"^(?P<title>.+)(?P<rest>![A-Z]+[0-9]+| \(sheet name\)), characters [0-9]+-[0-9]+$", re.DOTALL)


def _titled(place: str, found: list[str]) -> str:
    """The place, its sheet title masked when a finding's value is in it (a sheet named after a patient)."""
    sheet = _SHEET_PLACE.match(place)
    if sheet is None or not any(value in sheet["title"] for value in found):
        return place
    return mask(sheet["title"]) + place[sheet.end("title") :]


def stored_places(store: FindingsStore, spans: Mapping[str, Iterable[Span]]) -> dict[str, dict[Span, str]]:
    """item → span → place, for the documents among these items (item → every span of a finding in its text)
    whose files are unchanged since the scan; each file is read once."""
    candidates = walks.spanned_text_items(store, list(spans))
    if not candidates:
        return {}
    unmasking = Unmasking.of(store, candidates)
    return {locator: places_in(locator, item, spans[locator]) for locator, item in reread(scanned_paths(store), candidates, unmasking)}


def item_places(store: FindingsStore, locators: Iterable[str]) -> dict[str, dict[Span, str]]:
    """item → span → place of every finding in the text of these items that are documents (their files read once)."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for finding in store.findings(sorted(set(locators))):
        if has_place(finding.source, finding.span) and finding.span is not None:
            spans[finding.item].append(finding.span)
    return stored_places(store, spans)


def placed_records(store: FindingsStore, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Export records (in item order, as `store.findings()` gives them) each with its `where`: the documents among
    them are read back EXPORT_BATCH at a time, so memory holds one batch's findings however large the store is.
    Only items named as documents are read back (`markup.may_be_document`), so that a store's plain notes are not
    read again; a page named `.txt` that only its first bytes make HTML has no place here."""
    documents = {locator for locator in walks.spanned_text_items(store) if may_be_document(locator)}
    pending: list[list[dict[str, Any]]] = []
    for item, group in itertools.groupby(records, key=lambda record: record["item"]):
        if item in documents:
            pending.append(list(group))
            if len(pending) < EXPORT_BATCH:
                continue
        yield from _placed(store, pending)
        pending = []
        if item not in documents:
            yield from ({**record, "where": None} for record in group)
    yield from _placed(store, pending)


def _placed(store: FindingsStore, groups: list[list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    spans = {group[0]["item"]: [tuple(r["span"]) for r in group if has_place(r["source"], r["span"])] for group in groups}
    places = stored_places(store, spans) if groups else {}
    for group in groups:
        own = places.get(group[0]["item"], {})
        yield from ({**r, "where": own.get(tuple(r["span"])) if has_place(r["source"], r["span"]) else None} for r in group)
