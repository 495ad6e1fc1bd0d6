"""`phi-audit report --format html`: one self-contained file an ethics board can file, with the scope, the
policy and its version, the summary charts, the riskiest items with masked evidence, the errors, the method
and its limits, and the commands that reproduce it."""

from __future__ import annotations

import json
import re

import pytest
from test_dashboard import NAME, PHONE, build_small_store
from typer.testing import CliRunner

from auditor.cli import app
from auditor.policy import load_policy
from auditor.report import build_report
from auditor.report_html import render_html
from auditor.store import FindingsStore

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_small_store(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def html(store, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out") / "report.html"
    result = runner.invoke(app, ["report", "--store", str(store), "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    return out.read_text(encoding="utf-8")


def test_html_report_fetches_nothing(html):
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert not re.findall(r"url\(", html)
    assert "Content-Security-Policy" in html


def test_html_report_has_scope_policy_charts_and_masked_riskiest_items(html, store):
    assert f"hipaa-safe-harbor {load_policy().version}" in html and str(store.parent / "corpus") in html
    summary, reidentification = html.split('<h2 id="re-identification-risk">')
    assert summary.count("<svg") == 5 and "Items exposing each Safe Harbor identifier" in html
    assert "Who this corpus represents" in reidentification and "<svg" in reidentification
    assert "posts.jsonl#p1" in html and "M**** G*****" in html and "***-***-****" in html
    assert NAME not in html and PHONE not in html


def test_html_report_lists_errors_method_limits_and_how_to_reproduce(html, store):
    assert "broken.bin" in html and "unsupported file type" in html
    assert "Method" in html and "Limits: what the scanners cannot see" in html and "handwriting" in html
    assert f"phi-audit scan {store.parent / 'corpus'} --store {store} --policy hipaa-safe-harbor" in html


def test_corpus_controlled_text_in_the_report_stays_text(store):
    with FindingsStore.open_existing(store, read_only=True) as opened:
        report = build_report(opened, "hipaa-safe-harbor")
    hostile = '<img src="http://tracker.example/p.png" onerror="alert(1)">.bin'
    report.errors.append({"item": hostile, "stage": "read", "reason": "<script>alert(2)</script>"})
    html = render_html(report)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=&#34;http://tracker.example/p.png&#34;" in html and "&lt;script&gt;alert(2)" in html


def test_json_and_text_reports_carry_the_reproducing_commands(store):
    as_json = json.loads(runner.invoke(app, ["report", "--store", str(store), "--format", "json"]).stdout)
    assert as_json["reproduce"][0].startswith("phi-audit scan ") and "--policy hipaa-safe-harbor" in as_json["reproduce"][1]
    text = runner.invoke(app, ["report", "--store", str(store)]).stdout
    assert "Reproduce with:" in text and as_json["reproduce"][0] in text
