"""What the command line reads to do its job: the corpus once (the scan reports its own progress as it reads),
a policy once per `report --policy`, and one aggregate query for `scan --fail-on`'s exit code."""

from __future__ import annotations

import yaml
from typer.testing import CliRunner

from auditor import cli
from auditor.engines.local import LocalEngine
from auditor.model import risk_rank
from auditor.pipeline import scan
from auditor.policy import load_policy
from auditor.store import FindingsStore
from auditor.store.totals import failing
from tests.test_dashboard import build_small_store


def _corpus(root):
    corpus = root / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"note{n}.txt").write_text(f"note {n}", encoding="utf-8")
    (corpus / "broken.bin").write_bytes(b"\x00\x01")
    return corpus


def test_the_scan_says_how_many_items_it_has_read_and_done(tmp_path):
    corpus, read, done = _corpus(tmp_path), [], []
    summary = scan(
        [corpus], tmp_path / "a.db", scanner_names=["image_metadata"], engine=LocalEngine(1), progress=done.append, read=read.append
    )
    assert sum(read) == sum(done) == summary.scanned == 3
    read.clear(), done.clear()
    again = scan(
        [corpus], tmp_path / "a.db", scanner_names=["image_metadata"], engine=LocalEngine(1), progress=done.append, read=read.append
    )
    assert again.skipped == sum(read) == sum(done) == 3  # an unchanged item is read and done too


def test_the_progress_bar_does_not_read_the_corpus_before_the_scan(tmp_path, monkeypatch):
    import auditor.pipeline

    corpus, reads = _corpus(tmp_path), []
    real = auditor.pipeline.read_corpus
    monkeypatch.setattr(auditor.pipeline, "read_corpus", lambda paths, **options: reads.append(paths) or real(paths, **options))
    monkeypatch.setattr("auditor.corpus.read_corpus", lambda paths, **options: reads.append(paths) or real(paths, **options))
    summary = cli._scan_with_progress(
        scan, [corpus], tmp_path / "a.db", load_policy("hipaa-safe-harbor"), LocalEngine(1), ["image_metadata"]
    )
    assert summary.scanned == 3 and len(reads) == 1


def test_report_with_a_policy_reads_the_policy_once(tmp_path, monkeypatch):
    store = build_small_store(tmp_path)
    parsed = []
    real = yaml.safe_load
    monkeypatch.setattr(yaml, "safe_load", lambda text: parsed.append(1) or real(text))
    result = CliRunner().invoke(cli.app, ["report", "--store", str(store), "--policy", "gdpr-article9", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(parsed) == 1 and '"policy": "gdpr-article9"' in result.output


def test_the_exit_code_is_one_aggregate_query_that_agrees_with_the_verdicts(tmp_path):
    path = build_small_store(tmp_path)
    with FindingsStore.open_existing(path, read_only=True) as store:
        verdicts = store.verdicts("hipaa-safe-harbor")
        statements = []
        store._db.set_trace_callback(statements.append)
        found = failing(store, "hipaa-safe-harbor", "medium", 2)
        store._db.set_trace_callback(None)
    expected = sorted(
        (v for v in verdicts if risk_rank(v.risk) >= risk_rank("medium") or not v.complete), key=lambda v: (-risk_rank(v.risk), v.item)
    )
    assert len(statements) == 1
    assert found.count == len(expected) > 0
    assert found.first == [(v.item, v.risk, v.complete) for v in expected[:2]]
    assert cli._exit_code(path, "hipaa-safe-harbor", cli.FailOn.high) == cli.EXIT_FINDINGS
