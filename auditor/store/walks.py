"""The reads a scan and its follow-ups walk the store with: the items in chunks with their media (to judge them
anew), what is already recorded of a locator, what a run saved, and which items' findings point into a text
(what `export --reveal-evidence` reads again)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from auditor.store.findings_store import FindingsStore
from auditor.store.selection import marks


def item_chunks(store: FindingsStore, size: int) -> Iterator[dict[str, bool]]:
    """Every item as {locator: fully scanned}, `size` at a time in locator order (keyset pagination: memory stays
    flat however large the store is)."""
    after = ""
    while chunk := store._select("SELECT locator, complete FROM items WHERE locator > ? ORDER BY locator LIMIT ?", (after, size)):
        after = chunk[-1][0]
        yield {locator: bool(complete) for locator, complete in chunk}


def media_of(store: FindingsStore, posts: list[str]) -> Iterator[tuple[str, str, bool]]:
    """(post, medium, medium fully scanned) of these posts' media: those inside them, then those they link to (a
    medium first read for another post, `link_media`), in that order."""
    yield from (
        (parent, child, bool(complete))
        for parent, child, complete in store._select(f"SELECT parent, locator, complete FROM items WHERE parent IN ({marks(posts)})", posts)
    )
    yield from (
        (post, medium, bool(complete))
        for post, medium, complete in store._select(
            f"SELECT post, medium, complete FROM media_links JOIN items ON locator = medium WHERE post IN ({marks(posts)})", posts
        )
    )


def no_items(store: FindingsStore) -> bool:
    """Whether the store holds no item at all (a new store)."""
    return not store._select("SELECT 1 FROM items LIMIT 1")


def is_readable_item(store: FindingsStore, locator: str) -> bool:
    """Whether the store holds `locator` as an item that was read (not only recorded as unreadable)."""
    return bool(store._select("SELECT 1 FROM items WHERE locator = ? AND kind != 'unreadable'", (locator,)))


def items_saved_after(store: FindingsStore, run_id: int | None) -> int:
    """How many items runs after `run_id` saved (all of them for None)."""
    return store._select("SELECT COUNT(*) FROM items WHERE run_id > ?", [run_id or 0])[0][0]


def spanned_items(store: FindingsStore) -> dict[str, set[str]]:
    """item → the scanners whose findings on it have a span into a text."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for item, scanner in store._select("SELECT DISTINCT item, scanner FROM findings WHERE span_start IS NOT NULL"):
        wanted[item].add(scanner)
    return dict(wanted)


def content_hashes(store: FindingsStore, locators: set[str]) -> dict[str, str]:
    """The content hash each of these items was scanned from."""
    return {stored.locator: stored.content_hash for stored in store.items() if stored.locator in locators}


def spanned_text_items(store: FindingsStore, locators: list[str] | None = None) -> dict[str, str]:
    """locator → content hash of each text item (of `locators`, or every one) with findings that point into its
    text: the items that may be documents whose findings have a place in their file (auditor/places.py)."""
    among = "" if locators is None else f" AND locator IN ({marks(locators)})"
    rows = store._select(
        "SELECT locator, content_hash FROM items WHERE kind = 'text'"
        " AND locator IN (SELECT item FROM findings WHERE source = 'text' AND span_start IS NOT NULL)" + among,
        locators or [],
    )
    return dict(rows)
