"""The default engine: in-process with one worker, otherwise a pool of spawned processes on this machine.

Each pool process builds its scanners once (`auditor.worker.init_worker`); models load on first use.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Sequence

from auditor.engines import IN_FLIGHT_PER_WORKER, B, bounded
from auditor.evidence import EvidenceKeeper
from auditor.worker import BatchScanner, ItemResult, init_worker, scan_in_worker


def _start_worker(key: bytes, scanner_names: list[str]) -> None:
    """Pool initializer. Ctrl-C at a terminal reaches every process of the group: a worker then exits at once and
    quietly, and the main process alone reports the interrupt (a worker's KeyboardInterrupt traceback, printed
    over the resume hint, told the user something had crashed). Nothing is lost: only the main process writes."""
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
    init_worker(key, scanner_names)


class LocalEngine:
    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self.ships_items = self.workers > 1

    def run(self, batches: Iterable[B], key: bytes, scanner_names: Sequence[str]) -> Iterator[tuple[B, list[ItemResult]]]:
        if self.workers == 1:
            scanner = BatchScanner(EvidenceKeeper(key), scanner_names)
            yield from ((batch, scanner.scan(batch.items)) for batch in batches)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker, initargs=(key, list(scanner_names))) as pool:
            yield from bounded(
                batches,
                lambda items: pool.submit(scan_in_worker, items),
                lambda pending: wait(pending, return_when=FIRST_COMPLETED).done,
                lambda: IN_FLIGHT_PER_WORKER * self.workers,
                lost=(BrokenProcessPool,),
            )

