"""What the command line says to a person who is not a programmer: help and errors as written (no markup eats
`[dask]` or a pattern), the version, a dashboard port already taken, which items made `--fail-on` fail, and every
item's verdict as a file."""

from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_dashboard import build_small_store
from typer.testing import CliRunner

from auditor.cli import app
from auditor.export_items import ITEM_COLUMNS
from auditor.store import FindingsStore
from tests.store_sql import rows as store_rows

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_small_store(tmp_path_factory.mktemp("messages"))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_help_keeps_square_brackets():
    assert "pip install 'phi-audit[dask]'" in _flat(runner.invoke(app, ["scan", "--help"]).output)


def test_a_bad_policy_error_shows_its_pattern_whole(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('policy: "Not^Valid"\nversion: "1"\nidentifiers: {}\nhealth: []\nrules: []\n', encoding="utf-8")
    result = runner.invoke(app, ["policies", "validate", str(bad)])
    assert result.exit_code == 2 and "'^[a-z0-9][a-z0-9-]*$'" in result.output
    result = runner.invoke(app, ["scan", str(tmp_path), "--store", str(tmp_path / "a.db"), "--policy", "no[such]"])
    assert result.exit_code == 2 and "no[such]: no such policy file" in result.output


def test_version():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"phi-audit {version('phi-audit')}"


def test_a_dashboard_port_in_use_is_a_usage_error_before_anything_is_printed(store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["dashboard", "--store", str(store), "--port", str(port)])
    assert result.exit_code == 2
    assert "Dashboard on" not in result.output and f"cannot listen on 127.0.0.1:{port}" in _flat(result.output)


@pytest.mark.parametrize(
    "missing, command, extra",
    [
        ("streamlit", ["dashboard"], "dashboard"),
        ("pyarrow", ["export", "--format", "parquet"], "parquet"),
    ],
)
def test_an_optional_part_not_installed_names_its_extra(store, monkeypatch, missing, command, extra):
    import importlib.util

    found = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if name == missing else found(name, *rest))
    result = runner.invoke(app, [*command, "--store", str(store)])
    assert result.exit_code == 2
    assert f"pip install 'phi-audit[{extra}]'" in _flat(result.output) and "Dashboard on" not in result.output


def test_fail_on_names_how_many_items_failed_and_the_first_few(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(7):
        (corpus / f"note{number}.txt").write_text(f"Jane Doe (MRN 4417{number:03d}) has diabetes.", encoding="utf-8")
    result = runner.invoke(app, ["scan", str(corpus), "--store", str(tmp_path / "a.db"), "--no-progress", "--fail-on", "high"])
    assert result.exit_code == 1
    said = _flat(result.output)
    assert "--fail-on high: 7 item(s) at or above high, or not fully scanned: note0.txt (high)" in said
    assert "and 2 more" in said and " export --what items --store " in said


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_items_export_has_every_items_verdict(store, tmp_path, fmt):
    out = tmp_path / f"items.{fmt}"
    result = runner.invoke(app, ["export", "--what", "items", "--store", str(store), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    else:
        rows = pq.read_table(out).to_pylist()
    assert tuple(rows[0]) == ITEM_COLUMNS
    by_item = {row["item"]: row for row in rows}
    with FindingsStore.open_existing(store, read_only=True) as opened:
        assert len(by_item) == len(rows) == store_rows(opened, "SELECT COUNT(*) FROM items")[0][0]
    assert {"posts.jsonl#p1", "broken.bin"} <= set(by_item)
    judged = by_item["posts.jsonl#p1"]
    assert judged["risk"] == "high" and judged["kind"] == "post"
    broken = by_item["broken.bin"]
    assert str(broken["complete"]) in ("False", "false") and "unsupported file type" in str(broken["errors"])
    if fmt != "csv":
        assert judged["decided_by"] == ["direct-identifier-with-health"] and "identifier-without-health" in judged["rules"]
        assert "names" in judged["identifiers"] and judged["health"]


def test_items_export_csv_quotes_what_a_spreadsheet_would_run(tmp_path):
    from auditor.export_items import csv_cell

    assert csv_cell("item", "=HYPERLINK(1)") == "'=HYPERLINK(1)" and csv_cell("rules", ["a", "b"]) == "a; b"


@pytest.mark.slow  # the installed command in a fresh process
def test_printed_commands_work_in_a_fresh_shell_without_the_virtualenv(tmp_path):
    import os
    import subprocess
    import sys

    program = Path(sys.executable).with_name("phi-audit")
    (tmp_path / "note.txt").write_text("nothing here", encoding="utf-8")
    fresh = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PATH")} | {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [str(program), "scan", str(tmp_path / "note.txt"), "--store", str(tmp_path / "a.db"), "--scanners", "dicom_header"],
        env=fresh,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"Report: {program} report --store {tmp_path / 'a.db'}" in done.stdout


def test_make_run_titles_its_two_eval_tables_and_ends_with_what_to_open_next():
    import subprocess

    root = Path(__file__).resolve().parents[1]
    lines = subprocess.run(
        ["make", "-n", "-s", "run", "VENV=.venv"], cwd=root, capture_output=True, text=True, timeout=60
    ).stdout.splitlines()
    titles = [line for line in lines if "== Eval" in line]
    assert len(titles) == 2 and "sample.labels.jsonl" in titles[0] and "sample.pixel-labels.jsonl" in titles[1]
    assert any("--format html --out out/sample-report.html" in line for line in lines)
    tail = "\n".join(lines[-5:])
    assert f"{root}/out/sample-report.html" in tail and f"{root}/.venv/bin/phi-audit dashboard --store {root}/out/sample.db" in tail


def test_a_ctrl_c_before_a_command_handles_it_exits_130_without_a_traceback(monkeypatch, capsys):
    """Still importing or starting (before `scan` can print its resume hint), Ctrl-C is one line and exit 130."""
    import auditor.cli as cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)
    monkeypatch.setattr("auditor.launcher.os._exit", _exit_as_system_exit)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "interrupted before anything was saved\n"


def _exit_as_system_exit(code: int) -> None:
    """`os._exit` would end the test run: raise what it stands for instead."""
    raise SystemExit(code)
