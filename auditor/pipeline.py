"""`scan` and `rescore`: the Python API the CLI is built on.

The main process reads the corpus as a stream and is the only writer of the store; batches of items go to
an engine (`auditor.engines`: in-process, a local process pool, or a Dask cluster) that scans them with the
same BatchScanner and returns masked findings. A local engine's workers read and hash a folder's binary files
themselves (`ItemOnDisk`): the main process only sniffs them. An item whose content and scanner versions are unchanged
since the last scan is skipped. Every item is judged by the policy, with the findings of its media counted as its
own: as its batch is saved, from the findings in hand, or (a post, or the whole store when its verdicts are not all
current) once the scan is done. Nothing here holds the whole corpus, its findings or its verdicts: memory grows
with the engine's batches in flight, not with the corpus.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from auditor.corpus import MediaLink, read_corpus
from auditor.corpus.reader import ItemOnDisk, read_on_disk
from auditor.engines import Engine, WorkersLost
from auditor.engines.local import LocalEngine
from auditor.locator_masks import StoredLocators
from auditor.model import Finding, Item, ItemError, Verdict
from auditor.policy import Policy, judge, load_policy
from auditor.scanners import REGISTRY, reads_dicom_pixels, scanner_versions
from auditor.store import FindingsStore, batch_verdicts, masked_locators, quasi_store, walks
from auditor.worker import ItemResult, ItemTimeout, item_budget, time_limit

#: Items per batch sent to a scanner (spaCy batches the texts of one batch together).
BATCH_SIZE = 32
#: Bytes of a DICOM file above which a headers-only scan cuts its pixels off before shipping it to a worker.
CUT_PIXELS_ABOVE = 4_000_000
#: Items judged per round trip to the store when re-scoring.
RESCORE_CHUNK = 500


@dataclass
class ScanSummary:
    run_id: int
    scanned: int = 0
    skipped: int = 0
    unreadable: int = 0
    findings: int = 0
    risk_counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Batch:
    items: list[Item] = field(default_factory=list)
    reader_errors: dict[str, list[ItemError]] = field(default_factory=lambda: defaultdict(list))


ProgressCallback = Callable[[int], None]


def scan(
    paths: Sequence[str | Path],
    store_path: str | Path = "audit.db",
    policy: Policy | str = "hipaa-safe-harbor",
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    scanner_names: Sequence[str] | None = None,
    engine: Engine | None = None,
    read: ProgressCallback | None = None,
) -> ScanSummary:
    """Scan `paths` into the store at `store_path` and judge every item by `policy`.

    `engine` runs the scanners (default: `LocalEngine(workers)`, whose default is the usable cores); `scanner_names` picks some of them (default: all),
    and what those do not read is recorded as not scanned. Resumable: re-running on the same corpus
    skips items already scanned with unchanged content and scanner versions; a scan interrupted by Ctrl-C
    or a crash continues where it stopped. `progress(n)` is called as n more items are done (scanned or
    skipped), `read(n)` as n more are read from the corpus: the corpus is read once, so its size is known
    only once it has all been read.
    """
    engine = engine or LocalEngine(workers)
    policy = load_policy(policy) if isinstance(policy, str) else policy
    names = list(scanner_names or REGISTRY)
    versions = {name: version for name, version in scanner_versions().items() if name in names}
    scanned_with = json.dumps(versions, sort_keys=True)
    # Asked at the first DICOM file big enough to cut: it imports every scanner class, which a scan of posts never needs.
    headers_only = functools.cache(lambda: engine.ships_items and not reads_dicom_pixels(names))
    with FindingsStore.create_or_open(store_path) as store:
        run_id = store.start_run([str(Path(p).resolve()) for p in paths], policy.policy, policy.version, versions)
        # When the store holds no item yet, or the run before this one judged every item by this very policy, each batch
        # is judged as it is saved, from its findings in hand; otherwise every item is judged once the scan is done.
        in_hand = walks.no_items(store) or store.verdicts_mark() == _verdicts_mark(policy, store.previous_run(run_id))
        stale = functools.partial(batch_verdicts.forget, store, policy=policy.policy) if in_hand else _nothing_stale
        summary = ScanSummary(run_id)
        locators = StoredLocators(store)
        try:
            corpus = _read_here_when_scanned(read_corpus(paths, binary_on_disk=engine.reads_local_files), store, locators, scanned_with)
            batches = _batches(corpus, store, locators, scanned_with, summary, progress, headers_only, read, stale)
            with closing(_scanned(engine, batches, store.evidence_keeper().key, names)) as completed:  # stop the workers on any exit
                for batch, scanned in completed:
                    for result in scanned:  # what reading an item in the worker reported: filed as if read here
                        for error in result.read_errors:
                            batch.reader_errors[error.item].append(error)
                    results = [r for r in scanned if not _read_after_all(r.item, store, locators)]
                    saved, masks, replaced, renamed = locators.masked_batch(
                        [(r.item, r.findings, r.errors + batch.reader_errors.pop(r.item.locator, [])) for r in results]
                    )
                    quasi = [
                        replace(r.quasi, item=renamed.get(r.quasi.item, r.quasi.item))
                        for r in results
                        if r.quasi is not None and r.item.kind != "unreadable"
                    ]
                    writers = [quasi_store.writer(quasi), masked_locators.writer(masks)]
                    if in_hand:
                        writers.append(batch_verdicts.writer(*_judged_in_hand(saved, policy), policy.policy))
                    store.save_items(saved, scanned_with, run_id, also=_all(writers), replacing=replaced)
                    unreadable = sum(item.kind == "unreadable" for item, _, _ in saved)
                    summary.scanned += len(saved) - unreadable
                    summary.unreadable += unreadable
                    summary.findings += sum(len(r.findings) for r in results)
                    if progress:
                        progress(len(saved) - unreadable)  # what `read` counted: items, not the files that are none
                    _save_orphan_errors(store, locators, batch.reader_errors, run_id, summary, stale)
        except KeyboardInterrupt:
            store.finish_run(run_id, "interrupted", summary.scanned, summary.skipped)
            raise
        except WorkersLost:
            store.finish_run(run_id, "workers lost", summary.scanned, summary.skipped)
            raise
        summary.risk_counts = _judged(store, policy, run_id, in_hand)
        store.finish_run(run_id, "finished", summary.scanned, summary.skipped)
    return summary


def _read_here_when_scanned(
    stream: Iterable[Item | ItemError | MediaLink], store: FindingsStore, locators: StoredLocators, scanned_with: str
) -> Iterator[Item | ItemError | MediaLink]:
    """The stream, with each ItemOnDisk that the store holds from these very scanners read here, as the reader would
    have read it: its content hash decides whether it is scanned again (a resumed or repeated scan). Any other is left
    for the worker that scans it."""
    for entry in stream:
        if isinstance(entry, ItemOnDisk) and store.has_scanned(locators.of(entry.locator), scanned_with):
            yield from read_on_disk(entry)
        else:
            yield entry


def _read_after_all(item: Item, store: FindingsStore, locators: StoredLocators) -> bool:
    """Whether a name-only `unreadable` item is an item the store has by now (its errors came a batch after it, as a
    post's missing media do): it is dropped, and its errors go to the item (`_save_orphan_errors`)."""
    return item.kind == "unreadable" and walks.is_readable_item(store, locators.of(item.locator))


def _all(writers: list[Callable[[sqlite3.Connection], None]]) -> Callable[[sqlite3.Connection], None]:
    """Writers of `save_items(also=...)` as one: all run in the batch's transaction, in order."""

    def write(db: sqlite3.Connection) -> None:
        for writer in writers:
            writer(db)

    return write


def _nothing_stale(locators: list[str]) -> None:
    """Where no verdict is kept from a batch (every item is judged at the end), a write makes none stale."""


def _judged_in_hand(saved: list[tuple[Item, list[Finding], list[ItemError]]], policy: Policy) -> tuple[list[Verdict], list[str]]:
    """The verdicts of a batch's items judged from the findings in hand, and the items left to judge at the end: posts,
    judged with their media (which may come in a later batch). Every other kind has no media, so its verdict is its
    own findings' (`_judge_chunk` would read back the same), complete when it has no error (as `save_items` stores it)."""
    verdicts = [judge(item.locator, findings, policy, complete=not errors) for item, findings, errors in saved if item.kind != "post"]
    return verdicts, [item.locator for item, _, _ in saved if item.kind == "post"]


def _verdicts_mark(policy: Policy, run_id: int | None) -> str:
    """What `mark_verdicts` records once every item's verdict by `policy` is current, at the end of run `run_id`."""
    fingerprint = hashlib.sha256(policy.model_dump_json().encode()).hexdigest()[:16]
    return f"{policy.policy}:{fingerprint}@{run_id}"


def _judged(store: FindingsStore, policy: Policy, run_id: int, in_hand: bool) -> dict[str, int]:
    """Risk counts of every item by `policy`. When the batches were judged as they were saved (`in_hand`), what is left
    is the items without a verdict (posts, and those whose verdicts a later write made stale): an unchanged store has
    none, and a changed one only its changes. Otherwise every item is judged anew."""
    if not in_hand:
        return rescore(store, policy)
    for chunk in batch_verdicts.unjudged_chunks(store, policy.policy, RESCORE_CHUNK):
        store.save_verdicts(_judge_chunk(store, policy, chunk))
    store.mark_verdicts(_verdicts_mark(policy, run_id))
    return store.risk_counts(policy.policy)


def rescore(store: FindingsStore, policy: Policy) -> dict[str, int]:
    """Judge every item of the store by `policy` from the stored findings (no re-scan); returns risk counts.

    Walks the items in chunks (keyset pagination), so memory stays flat however large the store is. Every verdict by
    `policy` is current after it, as of the store's last run, so that run's mark is `policy`'s.
    """
    counts: Counter[str] = Counter()
    for chunk in walks.item_chunks(store, RESCORE_CHUNK):
        verdicts = _judge_chunk(store, policy, chunk)
        store.save_verdicts(verdicts)
        counts.update(verdict.risk for verdict in verdicts)
    last = store.latest_run()
    store.mark_verdicts(_verdicts_mark(policy, last["id"] if last else None))
    return dict(counts)


def _judge_chunk(store: FindingsStore, policy: Policy, complete: dict[str, bool]) -> list[Verdict]:
    """Verdicts of a chunk of items, each judged with the findings and completeness of its media."""
    groups: dict[str, list[str]] = {locator: [locator] for locator in complete}
    for post, medium, medium_complete in walks.media_of(store, list(complete)):
        if medium not in groups[post]:  # a medium shared by several posts counts in every one's verdict
            groups[post].append(medium)
            complete[medium] = medium_complete
    by_item: dict[str, list[Finding]] = defaultdict(list)
    for finding in store.findings([locator for group in groups.values() for locator in group]):
        by_item[finding.item].append(finding)
    return [
        judge(locator, [f for member in group for f in by_item[member]], policy, complete=all(complete[member] for member in group))
        for locator, group in groups.items()
    ]


def _batches(
    stream: Iterable[Item | ItemError | MediaLink],
    store: FindingsStore,
    locators: StoredLocators,
    scanned_with: str,
    summary: ScanSummary,
    progress: ProgressCallback | None,
    headers_only: Callable[[], bool] = lambda: False,
    read: ProgressCallback | None = None,
    stale: Callable[[list[str]], None] = _nothing_stale,
) -> Iterator[_Batch]:
    """Batches of items that need scanning; reader errors travel with the batch of the item they concern.
    When `headers_only()`, big DICOM items keep only the bytes before their pixels (`_worth_cutting`). A new media link
    makes its post's verdict `stale`."""
    batch = _Batch()
    for entry in stream:
        if isinstance(entry, ItemError):
            batch.reader_errors[entry.item].append(entry)
            continue
        if isinstance(entry, MediaLink):
            post = locators.of(entry.post)
            if store.link_media(post, locators.of(entry.medium)):
                stale([post])
            continue
        if read:
            read(1)
        stored = locators.of(entry.locator)
        if store.is_current(stored, entry.content_hash, scanned_with) and quasi_store.is_current(store, stored):
            summary.skipped += 1
            if progress:
                progress(1)
            continue
        if len(batch.items) >= BATCH_SIZE:
            yield _with_unreadable(batch, store, locators, scanned_with)
            batch = _Batch()
        batch.items.append(_without_pixels(entry) if _worth_cutting(entry) and headers_only() else entry)
    if batch.items or batch.reader_errors:
        yield _with_unreadable(batch, store, locators, scanned_with)


def _with_unreadable(batch: _Batch, store: FindingsStore, locators: StoredLocators, scanned_with: str) -> _Batch:
    """The batch with an item of kind `unreadable` (no content) for each file of its reader errors that never became
    an item, unless the store has it so already from the same scanners: its name is scanned like any other's, and
    its locator masked where that finds an identifier (auditor/locator_masks.py)."""
    present = {item.locator for item in batch.items}
    for locator, errors in batch.reader_errors.items():
        stored = locators.of(locator)
        if locator in present or walks.is_readable_item(store, stored) or store.unreadable_scanned_with(stored, errors) == scanned_with:
            continue
        batch.items.append(Item.unreadable(locator))
    return batch


def _worth_cutting(item: Item) -> bool:
    """A DICOM file big enough that parsing its header here costs less than shipping its pixels to a worker: below
    CUT_PIXELS_ABOVE the worker's own parse (which stops before the pixels anyway) is the only one (measured on
    2,000 files of 0.5 MB: 10 % less CPU for the whole headers-only scan)."""
    return item.kind == "dicom" and len(item.payload or b"") > CUT_PIXELS_ABOVE


def _without_pixels(item: Item) -> Item:
    """The item with the bytes its header scan reads; its content hash and size stay those of the whole file. A
    header pydicom takes longer to read than a worker may goes whole, for the worker to report (fail closed)."""
    from auditor.media.dicom import without_pixels

    try:
        with time_limit(item_budget(item.kind)):
            return replace(item, payload=without_pixels(item.payload or b""))
    except ItemTimeout:
        return item


def _scanned(
    engine: Engine, batches: Iterator[_Batch], key: bytes, names: list[str]
) -> Generator[tuple[_Batch, list[ItemResult]], None, None]:
    """The engine starts at the first batch with items: a re-scan with nothing to scan starts no worker and
    loads no model."""
    for batch in batches:
        if batch.items:
            yield from engine.run(chain([batch], batches), key, names)
            return
        yield batch, []


def _save_orphan_errors(
    store: FindingsStore,
    locators: StoredLocators,
    reader_errors: dict[str, list[ItemError]],
    run_id: int,
    summary: ScanSummary,
    stale: Callable[[list[str]], None] = _nothing_stale,
) -> None:
    """Reader errors not about an item of this batch: about a skipped (unchanged) item, or about a file or
    record that never became an item at all. The verdicts of what they change are `stale`."""
    for true_locator, true_errors in reader_errors.items():
        locator = locators.of(true_locator)
        errors = [replace(error, item=locator) for error in true_errors]
        if walks.is_readable_item(store, locator):
            for error in errors:
                store.add_error(error, run_id)
            stale([locator])
        else:
            if store.save_unreadable(locator, errors, run_id):
                stale([locator])
            summary.unreadable += 1
    reader_errors.clear()
