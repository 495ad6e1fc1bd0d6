"""Locators as the store keeps them (issue 20 §5): where the name scanner found an identifier in a file, folder or
archive member name (`MRN 48213907.png`), those characters are masked and the keyed digest of the true locator
tags the rest (`MRN ********.png@~1f2e3d4c5b`), so the store, reports, logs and exports never hold the name, and two
files whose masked names agree stay two items. A locator with no such finding is stored as it is.

The true locator is never stored: a re-scan finds its item by the digest (store table `masked_locators`), and
whatever reads the corpus again (auditor/corpus/reread.py, redact) lists the scan roots and takes the file whose
locator has that digest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar
from urllib.parse import unquote

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item, ItemError
from auditor.store import FindingsStore, masked_locators

#: What ends a masked locator: `@~` and the first hex digits of its true locator's keyed digest (`@` is escaped
#: inside a name, auditor/corpus/locators.py, so no true locator has it).
TAG = "@~"
_TAG_DIGITS = 10
_TAGGED = re.compile(rf"@~[0-9a-f]{{{_TAG_DIGITS}}}$")
#: One character of a name as name_text reads it: a run of percent escapes (separators, never letters or digits) or a character.
_NAME_CHAR = re.compile(r"(?:%[0-9A-Fa-f]{2})+|.", re.DOTALL)


def masked(locator: str, findings: Iterable[Finding], digest: str) -> str:
    """`locator` with every letter and digit inside a span of an identifier found in its names (source `name`,
    spans of `name_text(locator)`) masked, tagged by `digest`; unchanged when there is none."""
    spans = [f.span for f in findings if f.source == "name" and f.identifier and f.span]
    if not spans:
        return locator
    chars = list(locator)
    for index, (start, end) in enumerate(_name_places(locator)):
        if any(a <= index < b for a, b in spans) and end - start == 1 and chars[start].isalnum():
            chars[start] = "*"
    return "".join(chars) + TAG + digest[:_TAG_DIGITS]


def is_masked(locator: str) -> bool:
    return _TAGGED.search(locator) is not None


def untagged(locator: str) -> str:
    """A masked locator without its tag: the true locator's shape, `*` for each masked character."""
    return _TAGGED.sub("", locator)


def fits(name: str, shape: str) -> bool:
    """Whether `name` may be what the untagged masked `shape` stands for: `*` for any one character, the rest the same."""
    return len(name) == len(shape) and all(s in ("*", n) for n, s in zip(name, shape))


def _name_places(locator: str) -> list[tuple[int, int]]:
    """For each character of `name_text(locator)`, where it is in `locator` (start, end): name_text reads each
    member's name before its record (`#`) and place (`@`), escapes decoded, and joins members by one character."""
    places: list[tuple[int, int]] = []
    offset = 0
    for depth, part in enumerate(locator.split("!")):
        if depth:
            places.append((offset - 1, offset))
        name = part.partition("#")[0].partition("@")[0]
        for match in _NAME_CHAR.finditer(name):
            places += [(offset + match.start(), offset + match.end())] * len(unquote(match.group()))
        offset += len(part) + 1
    return places


@dataclass(frozen=True)
class Unmasking:
    """How a reader of the corpus tells the stored locator of a true one: the store's key and the masked locators
    it may meet, by the digest of their true locators (only those wanted, not the whole store's)."""

    key: bytes
    masked: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, store: FindingsStore, locators: Iterable[str]) -> Unmasking:
        """For reading back `locators` (stored ones) of `store`."""
        return cls(store.evidence_keeper().key, masked_locators.digests_of(store, [loc for loc in locators if is_masked(loc)]))

    def stored(self, locator: str) -> str:
        """The locator the item with true locator `locator` is stored under."""
        if not self.masked:
            return locator
        return self.masked.get(EvidenceKeeper(self.key).locator_digest(locator), locator)


class StoredLocators:
    """True locators → the locators a store keeps them under, for a scan that writes that store."""

    def __init__(self, store: FindingsStore) -> None:
        self._store = store
        self._keeper = store.evidence_keeper()

    def of(self, locator: str) -> str:
        """The locator `locator`'s item is (or would be, before its names are scanned) stored under."""
        return masked_locators.stored_under(self._store, self._keeper.locator_digest(locator)) or locator

    def masked_batch(
        self, results: Sequence[tuple[Item, list[Finding], list[ItemError]]]
    ) -> tuple[list[tuple[Item, list[Finding], list[ItemError]]], list[tuple[str, str, str]], list[str], dict[str, str]]:
        """A batch's results under their stored locators: (results, (digest, true, masked locator) of each masked
        one for `masked_locators.writer`, locators stored before under another mask (to forget), true → stored)."""
        renamed: dict[str, str] = {}
        rows: list[tuple[str, str, str]] = []
        replaced: list[str] = []
        for item, findings, _ in results:
            digest = self._keeper.locator_digest(item.locator)
            renamed[item.locator] = masked(item.locator, findings, digest)
            before = masked_locators.stored_under(self._store, digest)
            if before is not None and before != renamed[item.locator]:
                replaced.append(before)
            if renamed[item.locator] != item.locator:
                rows.append((digest, item.locator, renamed[item.locator]))
                # stored under its true name before (by a store older than masked locators, or before its name was
                # found to hold an identifier): that item and its raw name go
                replaced.append(item.locator)

        def stored(locator: str) -> str:
            return renamed.get(locator) or self.of(locator)

        saved = [
            (
                replace(item, locator=renamed[item.locator], parent=stored(item.parent) if item.parent else None),
                _under(findings, renamed[item.locator]),
                _under(errors, renamed[item.locator]),
            )
            for item, findings, errors in results
        ]
        return saved, rows, replaced, renamed


_Record = TypeVar("_Record", Finding, ItemError)


def _under(records: list[_Record], locator: str) -> list[_Record]:
    """`records` of the item stored under `locator`: a copy of each only where the locator changed (a masked name),
    for `dataclasses.replace` of every finding was the largest cost of saving a batch."""
    return [record if record.item == locator else replace(record, item=locator) for record in records]
