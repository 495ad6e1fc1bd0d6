"""A pool worker starts without full garbage collections: its models are objects that live as long as the process,
which each full collection walked again. The collector runs as usual from the end of the first batch."""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from auditor.model import Item
from auditor.worker import NO_FULL_COLLECTION, init_worker, scan_in_worker


def test_a_worker_holds_full_collections_off_until_its_first_batch_is_scanned_then_freezes_what_it_built():
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=init_worker, initargs=(b"k" * 32, ["file_name"])) as pool:
        starting = pool.submit(gc.get_threshold).result()
        pool.submit(scan_in_worker, [Item("notes/a.txt", "text", "", fields={"text": "hello"})]).result()
        started = pool.submit(gc.get_threshold).result()
        frozen = pool.submit(gc.get_freeze_count).result()
    assert starting[:2] == gc.get_threshold()[:2] and starting[2] == NO_FULL_COLLECTION
    assert started == gc.get_threshold() and started[0] > 0
    assert frozen > 0
