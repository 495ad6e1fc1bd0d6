"""Micro-batching of text checks: the checks that arrive within a few milliseconds of each other are scanned
by one `BatchScanner.scan` call in the text lane, instead of one call (one round trip to a process, one pass
of the language model) each.

A batch is sent when its window has passed since its first check arrived, or at once when it holds
`max_items` items, but never while `max_in_flight` batches are out (the lane gives one per process and one
queued behind them, so no process idles between two batches): checks arriving then wait and go together as soon as
a batch comes back, so batches grow with the load instead of queueing one round trip per check behind the lane. Each check then gets the results of its own items, in order. A batch whose process died
on it twice is split: each of its checks is scanned again on its own, so a poisoned upload fails alone and
its neighbours are still answered. A check that stopped waiting (its time limit) is simply not answered.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from auditor.model import Item
from auditor.worker import ItemResult

#: How long the first check of a batch waits for others (a text check takes tens of milliseconds at least).
WINDOW_SECONDS = 0.01

Scan = Callable[[Sequence[Item]], Awaitable[list[ItemResult]]]


@dataclass
class BatchCounts:
    """How many scan calls the batcher made and how many checks they carried (shown by `/readyz`)."""

    calls: int = 0
    checks: int = 0


@dataclass
class _Waiting:
    items: Sequence[Item]
    answer: asyncio.Future = field(repr=False)


class MicroBatcher:
    def __init__(self, scan: Scan, max_items: int, max_in_flight: int = 1, window: float = WINDOW_SECONDS) -> None:
        self._scan = scan
        self._max_items = max_items
        self._max_in_flight = max_in_flight  # more batches out would only queue behind the lane's processes
        self._window = window
        self._waiting: list[_Waiting] = []
        self._timer: asyncio.TimerHandle | None = None
        self._running: set[asyncio.Task] = set()
        self.counts = BatchCounts()

    async def scan(self, items: Sequence[Item]) -> list[ItemResult]:
        """The results of `items`, scanned together with the other checks of their batch."""
        loop = asyncio.get_running_loop()
        waiting = _Waiting(items, loop.create_future())
        self._waiting.append(waiting)
        if sum(len(w.items) for w in self._waiting) >= self._max_items:
            self._send()
        elif self._timer is None and len(self._running) < self._max_in_flight:
            self._timer = loop.call_later(self._window, self._send)
        return await waiting.answer

    def _send(self) -> None:
        """Send what is waiting, in batches of up to `max_items` items, while a process of the lane is free."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._waiting = [waiting for waiting in self._waiting if not waiting.answer.done()]  # drop checks that gave up
        while self._waiting and len(self._running) < self._max_in_flight:
            size = 0
            for taken, waiting in enumerate(self._waiting):
                size += len(waiting.items)
                if size > self._max_items and taken:
                    break
            else:
                taken = len(self._waiting)
            batch, self._waiting = self._waiting[:taken], self._waiting[taken:]
            task = asyncio.get_running_loop().create_task(self._scan_batch(batch))
            self._running.add(task)  # held until done: the loop keeps only weak references to tasks
            task.add_done_callback(self._batch_done)

    def _batch_done(self, task: asyncio.Task) -> None:
        self._running.discard(task)
        self._send()  # checks that arrived while every process was busy have waited long enough

    async def _scan_batch(self, batch: list[_Waiting]) -> None:
        self.counts.calls += 1
        self.counts.checks += len(batch)
        try:
            results = await self._scan([item for waiting in batch for item in waiting.items])
        except BrokenProcessPool:
            if len(batch) == 1:
                _answer(batch[0], error=BrokenProcessPool("the scanning process died on this check"))
                return
            await asyncio.gather(*(self._scan_batch([waiting]) for waiting in batch))
            return
        except Exception as error:
            for waiting in batch:
                _answer(waiting, error=error)
            return
        start = 0
        for waiting in batch:
            _answer(waiting, results[start : start + len(waiting.items)])
            start += len(waiting.items)


def _answer(waiting: _Waiting, results: list[ItemResult] | None = None, error: BaseException | None = None) -> None:
    if waiting.answer.done():  # the check stopped waiting (its time limit)
        return
    if error is not None:
        waiting.answer.set_exception(error)
    else:
        waiting.answer.set_result(results)
