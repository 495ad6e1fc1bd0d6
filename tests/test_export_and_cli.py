"""The command line as a user meets it: exit codes, exports in the public schema, masked by default,
reports in text and JSON, eval scores, policy listing and validation."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.export import COLUMNS, findings_schema

RAW_NAME = "Theodore Blackwood"
RAW_EMAIL = "t.blackwood77@example.com"

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    posts = [
        {"id": "1", "text": f"I am {RAW_NAME}, email me at {RAW_EMAIL} about my chemo schedule."},
        {"id": "2", "text": "Lovely weather at the beach today."},
    ]
    (root / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in posts) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def store(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "audit.db"
    result = runner.invoke(app, ["scan", str(corpus), "--store", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    return path


def test_scan_prints_a_summary_and_exits_zero_without_fail_on(store):
    assert store.is_file()


def test_scan_exits_one_when_an_item_reaches_fail_on(corpus, store):
    result = runner.invoke(app, ["scan", str(corpus), "--store", str(store), "--fail-on", "low", "--no-progress"])
    assert result.exit_code == 1


def test_scan_json_summary_is_machine_readable(corpus, store):
    result = runner.invoke(app, ["scan", str(corpus), "--store", str(store), "--json", "--no-progress"])
    summary = json.loads(result.stdout)
    assert summary["skipped_unchanged"] == 2 and summary["scanned"] == 0


def test_usage_and_configuration_errors_exit_two_without_a_traceback(corpus, tmp_path):
    cases = [
        ["scan", str(corpus), "--store", str(tmp_path / "a.db"), "--policy", "no-such-policy"],
        ["scan", str(tmp_path / "missing-folder"), "--store", str(tmp_path / "a.db")],
        ["report", "--store", str(tmp_path / "missing.db")],
        ["export", "--format", "xml"],
        ["policies", "validate", str(tmp_path / "nope.yaml")],
        ["scan", str(corpus), "--store", str(tmp_path / "no-such-folder" / "a.db"), "--no-progress"],
        ["scan", str(corpus), "--store", str(corpus / "posts.jsonl"), "--no-progress"],
    ]
    for arguments in cases:
        result = runner.invoke(app, arguments)
        assert result.exit_code == 2, (arguments, result.output)
        assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_export_format_carries_the_schema_columns_with_masked_evidence(store, tmp_path, fmt):
    out = tmp_path / f"findings.{fmt}"
    result = runner.invoke(app, ["export", "--store", str(store), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert RAW_NAME.encode() not in out.read_bytes() and RAW_EMAIL.encode() not in out.read_bytes()
    rows = _read_export(out, fmt)
    assert rows, "the sample post has findings"
    validator = jsonschema.Draft202012Validator(findings_schema())
    for row in rows:
        validator.validate(row)
        assert list(row) == list(COLUMNS)


def _read_export(path: Path, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        for row in rows:
            for key in ("span", "bbox"):
                row[key] = json.loads(row[key]) if row[key] else None
            for key in ("identifier", "health", "where"):  # an empty CSV cell is what the other formats write as null
                row[key] = row[key] or None
            row["score"] = float(row["score"])
        return rows
    return pq.read_table(path).to_pylist()


def test_reveal_evidence_puts_raw_values_in_the_export_with_a_warning(store, tmp_path):
    out = tmp_path / "revealed.jsonl"
    result = runner.invoke(app, ["export", "--store", str(store), "--format", "jsonl", "--out", str(out), "--reveal-evidence"])
    assert result.exit_code == 0
    assert "raw PHI" in result.output
    values = {json.loads(line)["evidence"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert RAW_EMAIL in values


def test_text_report_names_risk_identifiers_and_masks_evidence(store):
    result = runner.invoke(app, ["report", "--store", str(store)])
    assert result.exit_code == 0
    assert "policy hipaa-safe-harbor" in result.output
    assert "email" in result.output
    assert RAW_NAME not in result.output and RAW_EMAIL not in result.output


def test_json_report_rescored_by_another_policy(store):
    result = runner.invoke(app, ["report", "--store", str(store), "--format", "json", "--policy", "gdpr-article9"])
    report = json.loads(result.stdout)
    assert report["policy"] == "gdpr-article9"
    assert report["items"] == 2
    assert report["items_by_identifier"]["email"] == 1


def test_eval_scores_the_store_against_labels(store, tmp_path):
    post = f"I am {RAW_NAME}, email me at {RAW_EMAIL} about my chemo schedule."
    start = post.index(RAW_EMAIL)
    truth = tmp_path / "truth.jsonl"
    truth.write_text(
        json.dumps(
            {
                "item": "posts.jsonl#1",
                "labels": [{"field": "text", "start": start, "end": start + len(RAW_EMAIL), "identifier": "email", "health": None}],
            }
        )
        + "\n"
        + json.dumps({"item": "posts.jsonl#2", "labels": []})
        + "\n"
    )
    result = runner.invoke(app, ["eval", "--truth", str(truth), "--store", str(store), "--json"])
    scores = {row["kind"]: row for row in json.loads(result.stdout)}
    assert scores["email"]["recall"] == 1.0 and scores["email"]["precision"] == 1.0


def test_policies_lists_the_shipped_policies_and_validates_a_file(tmp_path):
    listed = runner.invoke(app, ["policies"])
    assert "hipaa-safe-harbor 1.1 (default)" in listed.output and "gdpr-article9" in listed.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("policy: x\nversion: '1'\nidentifiers: {}\nhealth: []\nrules: []\n")
    result = runner.invoke(app, ["policies", "validate", str(broken)])
    assert result.exit_code == 2 and "rules" in result.output


def test_an_export_or_report_over_an_existing_readable_file_becomes_owner_only(store, tmp_path):
    for command in (["export", "--format", "csv"], ["report", "--format", "json"]):
        out = tmp_path / f"{command[0]}.out"
        out.write_text("old", encoding="utf-8")
        out.chmod(0o644)
        result = runner.invoke(app, [*command, "--store", str(store), "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
