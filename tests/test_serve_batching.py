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


class BusyLane(Recorder):
    """A lane whose processes stay busy until `free` is set: the calls made while busy are recorded as they start."""

    def __init__(self) -> None:
        super().__init__()
        self.free = asyncio.Event()

    async def __call__(self, items):
        self.calls.append([item.locator for item in items])
        await self.free.wait()
        return [ItemResult(item) for item in items]


def _backlog(max_items: int, max_in_flight: int, *names: str) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """(calls started while the lane was busy, calls in all, each check's results) for a first check "first"
    followed, once it is being scanned, by single-item checks `names`."""

    async def run():
        lane = BusyLane()
        batcher = MicroBatcher(lane, max_items=max_items, max_in_flight=max_in_flight)
        first = asyncio.ensure_future(batcher.scan(_items("first")))
        await asyncio.sleep(0.05)  # "first" is out, its process busy
        later = [asyncio.ensure_future(batcher.scan(_items(name))) for name in names]
        await asyncio.sleep(0.05)
        while_busy = [list(call) for call in lane.calls]
        lane.free.set()
        answers = await asyncio.gather(first, *later)
        return while_busy, lane.calls, [[r.item.locator for r in answer] for answer in answers]

    return asyncio.run(run())


def test_checks_arriving_while_a_batch_is_out_wait_and_go_together_when_it_comes_back():
    while_busy, calls, answers = _backlog(32, 1, "a", "b", "c")
    assert while_busy == [["first"]], "nothing more is sent while max_in_flight batches are out"
    assert calls == [["first"], ["a", "b", "c"]]
    assert answers == [["first"], ["a"], ["b"], ["c"]]


def test_a_backlog_goes_in_batches_of_at_most_max_items():
    _, calls, answers = _backlog(2, 1, "a", "b", "c", "d", "e")
    assert calls == [["first"], ["a", "b"], ["c", "d"], ["e"]]
    assert answers == [["first"], ["a"], ["b"], ["c"], ["d"], ["e"]]


def test_with_max_in_flight_2_a_second_batch_goes_out_while_the_first_is_scanned():
    while_busy, calls, _ = _backlog(32, 2, "a", "b")
    assert while_busy == [["first"], ["a", "b"]]
    assert calls == while_busy
