"""Per-item time budgets: an item over its budget becomes its own `scan:<scanner>` error, the other items of its
batch keep their findings, and no item is given its budget twice (issue 19)."""

from __future__ import annotations

import time
from typing import ClassVar

import pytest

from auditor import worker
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.scanners import REGISTRY
from auditor.scanners.base import Scanner
from auditor.worker import BatchScanner, item_budget

KEEPER = EvidenceKeeper(EvidenceKeeper.new_key())


class Slow(Scanner):
    """Finds one name in each post; a post that says "stall" takes far longer than any budget."""

    name = "slow"
    version = "1"
    kinds = frozenset({"post"})
    covers = frozenset({"text"})
    calls: ClassVar[list[list[str]]] = []

    def scan_batch(self, items, keeper):
        if items:  # not the warm-up call
            Slow.calls.append([item.locator for item in items])
        found = []
        for item in items:
            if "stall" in item.fields["text"]:
                time.sleep(30)
            found.append([Finding(item.locator, "text", "text", "PERSON", "names", None, (0, 4), None, 0.9, self.name, "J***", "d")])
        return found


class GroupingSlow(Slow):
    groups_items = True


def posts(*texts: str) -> list[Item]:
    return [Item(f"posts.jsonl#{n}", "post", f"hash{n}", fields={"text": text}) for n, text in enumerate(texts)]


@pytest.fixture(params=["slow", "grouping"])
def scanner_name(request, monkeypatch):
    monkeypatch.setitem(REGISTRY, "slow", f"{__name__}:{'Slow' if request.param == 'slow' else 'GroupingSlow'}")
    Slow.calls.clear()
    return "slow"


def test_only_the_item_over_its_budget_is_an_error_and_the_batch_keeps_the_rest(scanner_name):
    results = BatchScanner(KEEPER, [scanner_name], item_time_limit=0.5).scan(posts("Jane Roe", "stall here", "John Doe"))
    assert [len(r.findings) for r in results] == [1, 0, 1]
    assert [[(e.stage, e.reason) for e in r.errors] for r in results] == [
        [],
        [("scan:slow", "ItemTimeout: took longer than 0.5 s; not fully scanned")],
        [],
    ]


@pytest.mark.parametrize(
    ("scanner_class", "calls"),
    [
        ("Slow", [["posts.jsonl#0"], ["posts.jsonl#1"], ["posts.jsonl#2"]]),  # each item once, under its own budget
        ("GroupingSlow", [["posts.jsonl#0", "posts.jsonl#1", "posts.jsonl#2"], ["posts.jsonl#0"], ["posts.jsonl#1"], ["posts.jsonl#2"]]),
    ],
)
def test_an_item_over_budget_costs_its_budget_once_or_a_small_group_once_more(monkeypatch, scanner_class, calls):
    monkeypatch.setitem(REGISTRY, "slow", f"{__name__}:{scanner_class}")
    Slow.calls.clear()
    BatchScanner(KEEPER, ["slow"], item_time_limit=0.5).scan(posts("Jane Roe", "stall here", "John Doe"))
    assert Slow.calls == calls


def test_a_grouping_scanner_reads_the_small_items_of_a_batch_in_one_call_and_a_large_one_alone(monkeypatch):
    monkeypatch.setitem(REGISTRY, "slow", f"{__name__}:GroupingSlow")
    Slow.calls.clear()
    big = "word " * (worker.SMALL_ITEM // 5 + 1)
    BatchScanner(KEEPER, ["slow"]).scan(posts("Jane Roe", big, "John Doe"))
    assert Slow.calls == [["posts.jsonl#0", "posts.jsonl#2"], ["posts.jsonl#1"]]


def test_budgets_fit_the_kind_and_the_environment_variable_overrides_them(monkeypatch):
    monkeypatch.setattr(worker, "ITEM_TIME_LIMIT", None)
    assert item_budget("post") <= 10 < item_budget("image") <= item_budget("dicom") <= item_budget("pdf")
    assert item_budget("dicom") >= 60
    monkeypatch.setattr(worker, "ITEM_TIME_LIMIT", 7.0)
    assert {item_budget(kind) for kind in ("post", "image", "dicom", "pdf")} == {7.0}
