"""Scanning a batch of items with every scanner that reads them: the work a worker process does.

The same function runs in the main process (one worker) or in each process of the pool; a process builds
its scanners once (models load lazily on first use) and keeps them for every batch it is given.

Every item has a time budget of its own, by kind (`ITEM_BUDGETS`: seconds for a post, a minute and a half for an
image or a DICOM file, more for a PDF), or `PHI_AUDIT_ITEM_TIME_LIMIT` seconds for every item when that
environment variable is set. A scanner whose time grows with the size of what it reads (`Scanner.groups_items`:
text and metadata) scans the small items of a batch in one call, under the largest of their budgets, so spaCy
batches their texts; every other item is scanned in a call of its own, under its own budget. An item over its
budget gets a `scan:<scanner>` error (not fully scanned) and the other items keep their results. Only a group
of small items that goes over is scanned again, item by item: its cost is bounded by its size, so that takes
one small budget at most, never a second large one.

Before its first timed call in a process a scanner is called once with no items and no limit, so that loading
its models is not counted against the first items. The limit is a SIGALRM timer, so it works only in a process's main
thread, and it interrupts Python code only: a single long call into C (one regular expression, one decoder
call) ends before the limit is noticed.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter

from auditor.corpus.reader import ItemOnDisk, read_on_disk
from auditor.engines.orphans import exit_with_parent
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item, ItemError
from auditor.risk.quasi import QuasiIdentifiers
from auditor.scanners import REGISTRY, Scanner, missing_part_reason, required_parts, scanner_class, scanner_kinds
from auditor.scanners.base import PartialScan
from auditor.terminal import quiet_libraries

#: Seconds one scanner may spend on one item of each kind: a post's text takes well under a second, an image's
#: OCR a few seconds, a multi-frame DICOM or a many-page PDF tens of seconds (benchmarks/README.md). Above the
#: budgets the OCR scanners keep themselves (60 s an image, 120 s a PDF), which stop early with what they read.
ITEM_BUDGETS: dict[str, float] = {"post": 10.0, "text": 10.0, "image": 90.0, "dicom": 90.0, "pdf": 150.0}
#: The budget of a kind not in ITEM_BUDGETS.
DEFAULT_BUDGET = 60.0
#: One budget for every item, when set: PHI_AUDIT_ITEM_TIME_LIMIT seconds.
ITEM_TIME_LIMIT: float | None = float(os.environ["PHI_AUDIT_ITEM_TIME_LIMIT"]) if os.environ.get("PHI_AUDIT_ITEM_TIME_LIMIT") else None
#: Largest item (characters of text) a grouping scanner scans together with others.
SMALL_ITEM = 64 * 1024


def item_budget(kind: str, override: float | None = None) -> float:
    """Seconds a scanner may spend on one item of `kind`: `override`, else PHI_AUDIT_ITEM_TIME_LIMIT, else by kind."""
    if override is not None:
        return override
    if ITEM_TIME_LIMIT is not None:
        return ITEM_TIME_LIMIT
    return ITEM_BUDGETS.get(kind, DEFAULT_BUDGET)


def item_size(item: Item) -> int:
    """What a grouping scanner's time grows with: the characters of the item's text (a metadata scanner reads
    a file's header, whatever the size of its pixels)."""
    return sum(len(text) for text in (item.fields or {}).values())


class ItemTimeout(Exception):
    """A scanner went over its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ItemTimeout in the block after `seconds`; a no-op where SIGALRM cannot be used."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ItemTimeout(f"took longer than {seconds:g} s; not fully scanned")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class ItemResult:
    """A scanned item (without its payload), its findings, its quasi-identifiers and whatever stopped part of
    it being scanned."""

    item: Item
    findings: list[Finding] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)
    quasi: QuasiIdentifiers | None = None
    #: The corpus reader's errors about an item read here (its bytes were left on disk, `ItemOnDisk`): the scan files
    #: them as it files those of an item its own process read.
    read_errors: list[ItemError] = field(default_factory=list)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled (from a worker to the scan's process) with its findings and errors as tuples: a frozen dataclass
        with slots pickles its state field by field in Python, which for a headers-only scan's ~30 findings a file
        cost more CPU than the store's writes of them."""
        return (
            _unpickled,
            (self.item, [_finding_values(f) for f in self.findings], [_error_values(e) for e in self.errors], self.quasi, self.read_errors),
        )


_finding_values = attrgetter(*(f.name for f in fields(Finding)))
_error_values = attrgetter(*(f.name for f in fields(ItemError)))


def _unpickled(
    item: Item, findings: list[tuple], errors: list[tuple], quasi: QuasiIdentifiers | None, read_errors: list[ItemError]
) -> ItemResult:
    return ItemResult(item, [Finding(*values) for values in findings], [ItemError(*values) for values in errors], quasi, read_errors)


class BatchScanner:
    """The named scanners (default: all registered), each built once, the first time a batch holds a kind of item
    it reads: a worker that scans only posts never imports the DICOM, image and PDF scanners (pydicom, gdcm, PIL:
    ~0.2 CPU s of its start)."""

    def __init__(self, keeper: EvidenceKeeper, scanner_names: Sequence[str] | None = None, item_time_limit: float | None = None) -> None:
        self.keeper = keeper
        self.item_time_limit = item_time_limit
        self._warm: set[str] = set()  # scanners that have run once here, so their models are loaded
        self._names = list(scanner_names or REGISTRY)
        self._built: dict[str, Scanner] = {}

    def _scanners_for(self, kinds: set[str]) -> list[Scanner]:
        """The scanners that read any of `kinds`, in the order they were named."""
        needed = [name for name in self._names if kinds & scanner_kinds(name)]
        for name in needed:
            if name not in self._built:
                self._built[name] = scanner_class(name)()
        return [self._built[name] for name in needed]

    def scan(self, items: Sequence[Item]) -> list[ItemResult]:
        items, read_errors = _read_on_disk(items)
        if not any(item.kind == "dicom" for item in items):
            results = self._scan(items)
        else:
            from auditor.media.dicom import headers_kept  # pydicom: not for a worker that never sees a DICOM file

            with headers_kept():  # `_extract_quasi` reads each header as the header scanner read it
                results = self._scan(items)
        for result, errors in zip(results, read_errors, strict=True):
            result.read_errors = errors
        return results

    def _scan(self, items: Sequence[Item]) -> list[ItemResult]:
        results = [ItemResult(replace(item, payload=None)) for item in items]
        covered: list[set[str]] = [set() for _ in items]
        for scanner in self._scanners_for({item.kind for item in items}):
            chosen = [i for i, item in enumerate(items) if item.kind in scanner.kinds]
            if not chosen:
                continue
            reason = scanner.unavailable_reason()
            if reason:
                for i in chosen:
                    results[i].errors.append(ItemError(items[i].locator, f"scan:{scanner.name}", f"scanner unavailable: {reason}"))
                continue
            for i in chosen:
                covered[i] |= scanner.covers
            self._run(scanner, [items[i] for i in chosen], [results[i] for i in chosen])
        for i, item in enumerate(items):
            for part in required_parts(item):
                if part not in covered[i]:
                    results[i].errors.append(ItemError(item.locator, "not_scanned", missing_part_reason(item.kind, part)))
            self._extract_quasi(item, results[i])
        return results

    def _extract_quasi(self, item: Item, result: ItemResult) -> None:
        """The item's quasi-identifiers from its raw values, generalized here so that none leaves the worker."""
        from auditor.risk.extract import extract as extract_quasi  # its patterns import Presidio: not at import time

        try:
            with time_limit(item_budget(item.kind, self.item_time_limit)):
                result.quasi = extract_quasi(item, result.findings, self.keeper)
        except Exception as error:
            result.errors.append(ItemError(item.locator, "scan:quasi", f"{type(error).__name__}: {error}"))

    def _run(self, scanner: Scanner, items: list[Item], results: list[ItemResult]) -> None:
        """Scan each item under its own budget: a grouping scanner's small items together, every other item alone."""
        self._warm_up(scanner)
        grouped = [i for i, item in enumerate(items) if scanner.groups_items and item_size(item) <= SMALL_ITEM] if len(items) > 1 else []
        if grouped and not self._call(scanner, [items[i] for i in grouped], [results[i] for i in grouped], retry=True):
            grouped = []
        for i, item in enumerate(items):
            if i not in grouped:
                self._call(scanner, [item], [results[i]])

    def _call(self, scanner: Scanner, items: list[Item], results: list[ItemResult], retry: bool = False) -> bool:
        """One scanner call under the largest budget of `items`; False when a group failed as a whole and is to
        be scanned again item by item (`retry`), otherwise each item's failure is its own error."""
        try:
            with time_limit(max(item_budget(item.kind, self.item_time_limit) for item in items)):
                outcomes = scanner.scan_batch(items, self.keeper)
        except Exception as error:
            if retry:
                return False
            for result in results:
                _record_failure(scanner, result, error)
            return True
        for result, outcome in zip(results, outcomes, strict=True):
            if isinstance(outcome, Exception):
                _record_failure(scanner, result, outcome)
            else:
                result.findings.extend(outcome)
        return True

    def _warm_up(self, scanner: Scanner) -> None:
        """Let the scanner load its models outside the time limit; a failure here shows again in the real call."""
        if scanner.name not in self._warm:
            self._warm.add(scanner.name)
            try:
                scanner.scan_batch([], self.keeper)
            except Exception:
                pass


def _read_on_disk(items: Sequence[Item]) -> tuple[list[Item], list[list[ItemError]]]:
    """The items, each one whose bytes were left on disk (`ItemOnDisk`) read here as the corpus reader reads a file:
    the item with its bytes and hash; or, when it cannot be read, an `unreadable` item of that name (scanned for its
    name, as the scan scans a file it could not read); and, for each item, the reader's errors about it."""
    read: list[Item] = []
    errors: list[list[ItemError]] = []
    for item in items:
        entries = read_on_disk(item) if isinstance(item, ItemOnDisk) else [item]
        found = [entry for entry in entries if isinstance(entry, Item)]
        failed = [entry for entry in entries if isinstance(entry, ItemError)]
        read.append(found[0] if found else Item.unreadable(failed[0].item))
        errors.append(failed)
    return read, errors


def _record_failure(scanner: Scanner, result: ItemResult, error: Exception) -> None:
    """The item's error, with whatever a partial scan found before it stopped."""
    if isinstance(error, PartialScan):
        result.findings.extend(error.findings)
    result.errors.append(ItemError(result.item.locator, f"scan:{scanner.name}", f"{type(error).__name__}: {error}"))


# One BatchScanner per worker process, made by the pool's initializer.
_process_scanner: BatchScanner | None = None
# The cyclic collector's thresholds, kept while its full passes are held off for the worker's start (`_hold_collector`).
_held_thresholds: tuple[int, int, int] | None = None
#: A threshold for the oldest generation that is never reached: collections of the young ones before a full pass.
NO_FULL_COLLECTION = 2**31 - 1


def init_worker(key: bytes, scanner_names: Sequence[str] | None) -> None:
    """Pool initializer: one tesseract thread per process, scanners built once, no teardown at the end."""
    global _process_scanner
    _hold_collector()
    exit_with_parent()
    atexit.register(_exit_without_teardown)
    quiet_libraries()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    _process_scanner = BatchScanner(EvidenceKeeper(key), scanner_names)


def _exit_without_teardown() -> None:
    """A pool worker's last act, once the pool has let it go: the interpreter would free its models (spaCy, the
    recognizers, the vocabularies' tries: millions of objects) one by one, over a second a worker while the scan
    waits for it to end, in a process that has nothing left to write but its logs and standard streams. The pool
    reads no worker's exit code (multiprocessing has run its own exit work by then), so 0 hides nothing."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


def _hold_collector() -> None:
    """No full garbage collection while the worker starts: its imports and models (spaCy, the recognizers' tables and
    tries, several of them loaded on the first batch) are hundreds of thousands of objects that live as long as the
    process, and each full pass walked all of them again, ~0.5 CPU s of a worker's ~2.5 s start (benchmarks/README.md).
    The young generations are still collected, so the cycles a first batch leaves behind are freed as they would be."""
    global _held_thresholds
    _held_thresholds = gc.get_threshold()
    gc.set_threshold(_held_thresholds[0], _held_thresholds[1], NO_FULL_COLLECTION)


def _release_collector() -> None:
    """After the worker's first batch: what was built so far is frozen (never walked by the collector again, as it
    lives until the process ends) and the collector runs as usual from here."""
    global _held_thresholds
    if _held_thresholds is not None:
        gc.freeze()
        gc.set_threshold(*_held_thresholds)
        _held_thresholds = None


def scan_in_worker(items: Sequence[Item]) -> list[ItemResult]:
    assert _process_scanner is not None, "init_worker was not run in this process"
    results = _process_scanner.scan(items)
    _release_collector()
    return results
