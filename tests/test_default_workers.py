"""`--workers` by default: the usable cores as memory allows, and no pool for a corpus of a few batches (issue 19)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest

from auditor.engines import local
from auditor.engines.local import POOL_MIN_BATCHES, LocalEngine, usable_workers
from auditor.evidence import EvidenceKeeper
from auditor.model import Item

KEY = EvidenceKeeper.new_key()


@dataclass
class Batch:
    items: list[Item] = field(default_factory=list)


def batches(count: int) -> list[Batch]:
    return [Batch([Item(f"n{b}-{i}.txt", "text", f"h{b}{i}", fields={"text": "nothing here"}) for i in range(2)]) for b in range(count)]


class PoolStarted(Exception):
    pass


def no_pool(*args, **kwargs):
    raise PoolStarted


def test_the_default_is_the_usable_cores_when_memory_holds_them(monkeypatch):
    monkeypatch.setattr(os, "sysconf", lambda name: {"SC_AVPHYS_PAGES": 64 * 1024 * 1024, "SC_PAGE_SIZE": 4096}[name])  # 256 GiB
    assert usable_workers() == len(os.sched_getaffinity(0))


def test_the_default_is_capped_by_the_memory_a_worker_needs(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)))
    monkeypatch.setattr(os, "sysconf", lambda name: {"SC_AVPHYS_PAGES": 3 * local.WORKER_PEAK_BYTES // 4096, "SC_PAGE_SIZE": 4096}[name])
    assert usable_workers() == 3
    monkeypatch.setattr(os, "sysconf", lambda name: {"SC_AVPHYS_PAGES": 1, "SC_PAGE_SIZE": 4096}[name])
    assert usable_workers() == 1


def test_a_corpus_of_a_few_batches_is_scanned_in_process_without_a_pool(monkeypatch):
    monkeypatch.setattr(local, "usable_workers", lambda: 2)
    monkeypatch.setattr(local, "ProcessPoolExecutor", no_pool)
    engine = LocalEngine()
    done = list(engine.run(batches(POOL_MIN_BATCHES - 1), KEY, ["text"]))
    assert engine.workers == 2 and len(done) == POOL_MIN_BATCHES - 1
    assert all(not result.errors for _, results in done for result in results)


def test_a_larger_corpus_gets_the_pool_and_a_worker_count_given_always_does(monkeypatch):
    monkeypatch.setattr(local, "usable_workers", lambda: 2)
    monkeypatch.setattr(local, "ProcessPoolExecutor", no_pool)
    with pytest.raises(PoolStarted):
        list(LocalEngine().run(batches(POOL_MIN_BATCHES), KEY, ["text"]))
    with pytest.raises(PoolStarted):
        list(LocalEngine(2).run(batches(1), KEY, ["text"]))
