"""The default engine: in-process with one worker, otherwise a pool of processes on this machine.

Each pool process builds its scanners once (`auditor.worker.init_worker`); models load on first use. Without a
worker count the engine takes the usable cores, as many as memory holds (`usable_workers`), and scans a corpus
of a few batches in-process: a pool's start-up (each worker loads the models) costs more than it saves there.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from auditor.engines import IN_FLIGHT_PER_WORKER, B, bounded
from auditor.engines.ctrl_c import ctrl_c_held, exit_quietly_on_ctrl_c
from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.worker import BatchScanner, ItemResult, init_worker, scan_in_worker

#: Peak memory of one pool worker with every scanner loaded (benchmarks/README.md: about 270 MB scanning text,
#: more with OCR and faces), with room to spare.
WORKER_PEAK_BYTES = 600 * 1024 * 1024
#: A corpus of fewer batches than this is scanned in-process when the worker count was not given.
POOL_MIN_BATCHES = 4


def usable_workers() -> int:
    """The cores this process may run on, capped by the workers the available memory holds."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return max(1, cores)
    return max(1, min(cores, available // WORKER_PEAK_BYTES))


def _start_worker(key: bytes, scanner_names: list[str]) -> None:
    """Pool initializer of a worker born with Ctrl-C held (`_submit`): from here Ctrl-C ends it at once and
    quietly, and the main process alone reports the interrupt."""
    exit_quietly_on_ctrl_c()
    init_worker(key, scanner_names)


def _submit(pool: ProcessPoolExecutor, items: Sequence[Item]) -> Future[list[ItemResult]]:
    """Submit a batch with Ctrl-C held: the pool spawns its workers inside `submit`, and one born or half-written
    when Ctrl-C came printed a traceback over the resume hint."""
    with ctrl_c_held():
        return pool.submit(scan_in_worker, items)


def _context() -> multiprocessing.context.BaseContext:
    """Spawned workers: never forked from this process, whose threads and open store they would copy. A forkserver
    preloaded with the models was tried (less start-up CPU per worker) and dropped: numpy's and spaCy's libraries
    start threads at import, and a worker forked from that process hung on a lock one of them held."""
    return multiprocessing.get_context("spawn")


class LocalEngine:
    def __init__(self, workers: int | None = None) -> None:
        self.chosen = workers is not None  # given by the caller, so a small corpus gets the pool too
        self.workers = max(1, workers) if workers is not None else usable_workers()
        self.ships_items = self.workers > 1
        self.reads_local_files = True

    def run(self, batches: Iterable[B], key: bytes, scanner_names: Sequence[str]) -> Iterator[tuple[B, list[ItemResult]]]:
        batches = iter(batches)
        head = list(islice(batches, 0 if self.chosen else POOL_MIN_BATCHES))
        if self.workers == 1 or (not self.chosen and len(head) < POOL_MIN_BATCHES):
            scanner = BatchScanner(EvidenceKeeper(key), scanner_names)
            yield from ((batch, scanner.scan(batch.items)) for batch in chain(head, batches))
            return
        with ProcessPoolExecutor(
            self.workers, mp_context=_context(), initializer=_start_worker, initargs=(key, list(scanner_names))
        ) as pool:
            yield from bounded(
                chain(head, batches),
                lambda items: _submit(pool, items),
                lambda pending: wait(pending, return_when=FIRST_COMPLETED).done,
                lambda: IN_FLIGHT_PER_WORKER * self.workers,
                lost=(BrokenProcessPool,),
            )
