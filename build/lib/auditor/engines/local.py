"""The default engine: in-process with one worker, otherwise a pool of spawned processes on this machine.

Each pool process builds its scanners once (`auditor.worker.init_worker`); models load on first use.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Sequence

from auditor.engines import IN_FLIGHT_PER_WORKER, B, bounded
from auditor.evidence import EvidenceKeeper
from auditor.worker import BatchScanner, ItemResult, init_worker, scan_in_worker


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
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=init_worker, initargs=(key, list(scanner_names))) as pool:
            yield from bounded(
                batches,
                lambda items: pool.submit(scan_in_worker, items),
                lambda pending: wait(pending, return_when=FIRST_COMPLETED).done,
                lambda: IN_FLIGHT_PER_WORKER * self.workers,
                lost=(BrokenProcessPool,),
            )

