"""What the reports show of each risky item: evidence grouped by where it was found, every source always shown
with its count, "+N more" with where to see the rest, the items with findings in their pixels, only the rules
that decided the risk, and charts whose labels and axis numbers can be read."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import vl_convert
from test_dashboard import build_small_store

from auditor import report as report_module
from auditor.report import build_report, render_text
from auditor.report_charts import count_chart, risk_chart
from auditor.report_html import render_html
from auditor.store import FindingsStore


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    with FindingsStore.open_existing(build_small_store(tmp_path_factory.mktemp("sources")), read_only=True) as store:
        yield build_report(store, "hipaa-safe-harbor")


def test_evidence_is_grouped_by_source_and_every_source_is_shown(built):
    first = next(item for item in built.riskiest if item.item == "posts.jsonl#p1")
    assert [group.source for group in first.evidence] == ["pixel", "metadata", "text", "name"]
    pixel, metadata, text, name = first.evidence
    assert name.total == 0
    assert pixel.total == 1 and pixel.shown == ["a name in scan.png ocr: G*****, M****"]
    assert metadata.total == 0 and metadata.shown == []
    assert text.total == 3 and text.shown[0].startswith("a name in text: M**** G*****")
    assert first.decided_by == ["direct-identifier-with-health"] and "identifier-without-health" in first.rules
    assert built.pixel_items == [{"item": "scan.png", "kind": "image", "findings": 1, "identifiers": 1}]
    assert json.loads(built.to_json())["riskiest"][0]["evidence"][0]["source"] == "pixel"


def test_more_findings_than_shown_say_how_many_and_where_to_see_them(tmp_path, monkeypatch):
    monkeypatch.setattr(report_module, "EVIDENCE_PER_SOURCE", 1)
    with FindingsStore.open_existing(build_small_store(tmp_path), read_only=True) as store:
        built = build_report(store, "hipaa-safe-harbor")
    text = render_text(built)
    assert "in text: 3 finding(s)" in text and "+2 more: every finding is on the dashboard's Item page" in text
    assert "in pixels (burned-in text, faces, barcodes): 1 finding(s)" in text
    assert "why: direct-identifier-with-health (and 1 lower rule(s)" in text
    assert "Items with findings in their pixels (1)" in text and "scan.png (image): 1 finding(s)" in text
    html = render_html(built)
    assert "+2 more:" in html and "1 lower rule(s) also fired" in html and "<details>" in html


def _texts(chart) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", vl_convert.vegalite_to_svg(chart.to_dict()))


def test_chart_labels_are_whole_and_count_axes_have_whole_numbers_only():
    counts = pd.DataFrame({"identifier": ["names", "other_unique_id", "health_plan"], "items": [3, 1, 0]})
    texts = _texts(count_chart(counts, "identifier", "Items exposing each Safe Harbor identifier"))
    assert {"names", "other_unique_id", "health_plan"} <= set(texts) and not [t for t in texts if "…" in t]
    numbers = [t for t in texts if re.fullmatch(r"[\d.,]+", t)]
    assert numbers == ["0", "1", "2", "3"], numbers  # no 0.5, 1.0, 1.5… crowding the axis
    risk = _texts(risk_chart(pd.DataFrame({"risk": ["none", "low", "medium", "high"], "items": [1, 0, 2, 1]})))
    assert [t for t in risk if re.fullmatch(r"[\d.,]+", t)] == ["0", "1", "2"]
