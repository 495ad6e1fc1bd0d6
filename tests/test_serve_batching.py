"""Micro-batching of text checks (`auditor.service.batching`): checks that arrive together share one scan call,
each gets its own items' results in order, and a batch that kills its process is split so that only the check
that caused it fails."""

from __future__ import annotations

import asyncio
from concurrent.futures.process import BrokenProcessPool

import pytest

from auditor.model import Item
from auditor.service.batching import MicroBatcher
from auditor.worker import ItemResult


def _items(*names: str) -> list[Item]:
    return [Item(name, "text", name, fields={"text": name}) for name in names]


class Recorder:
    """A scan call that records what it was given and answers each item with itself; "poison" kills it."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    async def __call__(self, items):
        self.calls.append([item.locator for item in items])
        await asyncio.sleep(0)
        if any(item.locator == "poison" for item in items):
            raise BrokenProcessPool("died")
        return [ItemResult(item) for item in items]


def test_checks_arriving_together_share_one_call_and_get_their_own_results():
    async def run():
        recorder = Recorder()
        batcher = MicroBatcher(recorder, max_items=32)
        answers = await asyncio.gather(batcher.scan(_items("a")), batcher.scan(_items("b", "c")), batcher.scan(_items("d")))
        return recorder.calls, [[r.item.locator for r in answer] for answer in answers], batcher.counts

    calls, answers, counts = asyncio.run(run())
    assert calls == [["a", "b", "c", "d"]]
    assert answers == [["a"], ["b", "c"], ["d"]]
    assert (counts.calls, counts.checks) == (1, 3)


def test_a_full_batch_is_sent_at_once():
    async def run():
        recorder = Recorder()
        batcher = MicroBatcher(recorder, max_items=2, window=60)  # only a full batch can be sent in time
        await asyncio.wait_for(asyncio.gather(batcher.scan(_items("a")), batcher.scan(_items("b"))), 5)
        return recorder.calls

    assert asyncio.run(run()) == [["a", "b"]]


def test_a_batch_that_kills_its_process_is_split_and_only_the_poisoned_check_fails():
    async def run():
        recorder = Recorder()
        batcher = MicroBatcher(recorder, max_items=32)
        answers = await asyncio.gather(
            batcher.scan(_items("a")), batcher.scan(_items("poison")), batcher.scan(_items("b")), return_exceptions=True
        )
        return recorder.calls, answers

    calls, (first, poisoned, last) = asyncio.run(run())
    assert calls[0] == ["a", "poison", "b"] and sorted(calls[1:]) == [["a"], ["b"], ["poison"]]
    assert [r.item.locator for r in first] == ["a"] and [r.item.locator for r in last] == ["b"]
    assert isinstance(poisoned, BrokenProcessPool)


def test_a_check_that_stopped_waiting_does_not_break_its_batch():
    async def run():
        recorder = Recorder()
        batcher = MicroBatcher(recorder, max_items=32)
        impatient = asyncio.ensure_future(batcher.scan(_items("a")))
        patient = asyncio.ensure_future(batcher.scan(_items("b")))
        await asyncio.sleep(0)
        impatient.cancel()
        return await patient

    assert [r.item.locator for r in asyncio.run(run())] == ["b"]


@pytest.mark.parametrize("window", [0.0, 0.01])
def test_checks_arriving_apart_are_separate_calls(window):
    async def run():
        recorder = Recorder()
        batcher = MicroBatcher(recorder, max_items=32, window=window)
        await batcher.scan(_items("a"))
        await batcher.scan(_items("b"))
        return recorder.calls

    assert asyncio.run(run()) == [["a"], ["b"]]
