"""`scan` and `rescore`: the Python API the CLI is built on.

The main process reads the corpus and is the only writer of the store; batches of items go to worker
processes (spawned, each loading its models once) or, with one worker, are scanned in-process. An item
whose content and scanner versions are unchanged since the last scan is skipped. After the scan every item
is judged by the policy, with the findings of its media counted as its own.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import defaultdict
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from auditor.corpus import read_corpus
from auditor.model import Item, ItemError
from auditor.policy import Policy, judge, load_policy
from auditor.scanners import REGISTRY, scanner_versions
from auditor.store import FindingsStore
from auditor.worker import BatchScanner, ItemResult, init_worker, scan_in_worker

#: Items per batch sent to a scanner (spaCy batches the texts of one batch together).
BATCH_SIZE = 32


@dataclass
class ScanSummary:
    run_id: int
    scanned: int = 0
    skipped: int = 0
    unreadable: int = 0
    findings: int = 0
    interrupted: bool = False
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
    workers: int = 1,
    progress: ProgressCallback | None = None,
    scanner_names: Sequence[str] | None = None,
) -> ScanSummary:
    """Scan `paths` into the store at `store_path` and judge every item by `policy`.

    Resumable: re-running on the same corpus skips items already scanned with unchanged content and
    scanner versions; a scan interrupted by Ctrl-C or a crash continues where it stopped.
    """
    policy = load_policy(policy) if isinstance(policy, str) else policy
    names = list(scanner_names or REGISTRY)
    versions = {name: version for name, version in scanner_versions().items() if name in names}
    scanned_with = json.dumps(versions, sort_keys=True)
    with FindingsStore.create_or_open(store_path) as store:
        run_id = store.start_run([str(Path(p).resolve()) for p in paths], policy.policy, policy.version, versions)
        summary = ScanSummary(run_id)
        try:
            for result in _scan_batches(_batches(read_corpus(paths), store, scanned_with, summary, progress), store, workers, names):
                batch, results = result
                for item_result in results:
                    errors = item_result.errors + batch.reader_errors.pop(item_result.item.locator, [])
                    store.save_item(item_result.item, item_result.findings, errors, scanned_with, run_id)
                    summary.scanned += 1
                    summary.findings += len(item_result.findings)
                    if progress:
                        progress(1)
                _save_orphan_errors(store, batch.reader_errors, run_id, summary)
        except KeyboardInterrupt:
            summary.interrupted = True
            store.finish_run(run_id, "interrupted", summary.scanned, summary.skipped)
            raise
        summary.risk_counts = rescore(store, policy)
        store.finish_run(run_id, "finished", summary.scanned, summary.skipped)
    return summary


def rescore(store: FindingsStore, policy: Policy) -> dict[str, int]:
    """Judge every item of the store by `policy` from the stored findings (no re-scan); returns risk counts."""
    items = list(store.items())
    children: dict[str, list[str]] = defaultdict(list)
    for stored in items:
        if stored.parent:
            children[stored.parent].append(stored.locator)
    complete = {stored.locator: stored.complete for stored in items}
    verdicts = []
    for stored in items:
        group = [stored.locator, *children.get(stored.locator, [])]
        verdicts.append(judge(stored.locator, store.findings(group), policy, complete=all(complete.get(g, False) for g in group)))
    store.save_verdicts(verdicts)
    counts: dict[str, int] = defaultdict(int)
    for verdict in verdicts:
        counts[verdict.risk] += 1
    return dict(counts)


def _batches(
    stream: Iterable[Item | ItemError], store: FindingsStore, scanned_with: str, summary: ScanSummary, progress: ProgressCallback | None
) -> Iterator[_Batch]:
    """Batches of items that need scanning; reader errors travel with the batch of the item they concern."""
    batch = _Batch()
    for entry in stream:
        if isinstance(entry, ItemError):
            batch.reader_errors[entry.item].append(entry)
            continue
        if store.is_current(entry, scanned_with):
            summary.skipped += 1
            if progress:
                progress(1)
            continue
        if len(batch.items) >= BATCH_SIZE:
            yield batch
            batch = _Batch()
        batch.items.append(entry)
    if batch.items or batch.reader_errors:
        yield batch


def _scan_batches(batches: Iterator[_Batch], store: FindingsStore, workers: int, names: list[str]) -> Iterator[tuple[_Batch, list[ItemResult]]]:
    key = store.evidence_keeper().key
    if workers <= 1:
        scanner = BatchScanner(store.evidence_keeper(), names)
        for batch in batches:
            yield batch, scanner.scan(batch.items)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(key, names)) as pool:
        pending: dict[Future, _Batch] = {}
        try:
            for batch in batches:
                pending[pool.submit(scan_in_worker, batch.items)] = batch
                while len(pending) >= 2 * workers:
                    yield from _collect(pending, FIRST_COMPLETED)
            while pending:
                yield from _collect(pending, FIRST_COMPLETED)
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def _collect(pending: dict[Future, _Batch], return_when: str) -> Iterator[tuple[_Batch, list[ItemResult]]]:
    done, _ = wait(list(pending), return_when=return_when)
    for future in done:
        yield pending.pop(future), future.result()


def _save_orphan_errors(store: FindingsStore, reader_errors: dict[str, list[ItemError]], run_id: int, summary: ScanSummary) -> None:
    """Reader errors not about an item of this batch: about a skipped (unchanged) item, or about a file or
    record that never became an item at all."""
    for locator, errors in reader_errors.items():
        if store.query("SELECT 1 FROM items WHERE locator=? AND kind != 'unreadable'", (locator,)):
            for error in errors:
                store.add_error(error, run_id)
        else:
            store.save_unreadable(locator, errors, run_id)
            summary.unreadable += 1
    reader_errors.clear()
