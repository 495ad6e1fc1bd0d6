"""The auditor's own exposure: after a scan of the sample corpus, no raw value planted in it appears in the store,
in what the commands print (stdout and stderr), in any export format or in the text and JSON reports; every file
the auditor writes is owner-only; every command runs with the network blocked (the scan reads every kind of
item: posts, images, DICOM, PDFs, archives); and nothing in its code unpickles, evaluates or loads YAML unsafely.

The planted values come from the sample's truth (data/sample.labels.jsonl and data/sample.pixel-labels.jsonl,
written by data/make_sample.py next to the corpus). Values shorter than 6 characters ("92", "10/5") are left
out: they are ages and day-month pairs that occur in any text (a count, a timestamp) whether or not anything
leaked.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
TRUTH = (ROOT / "data" / "sample.labels.jsonl", ROOT / "data" / "sample.pixel-labels.jsonl")
MIN_LENGTH = 6


def planted_values() -> set[str]:
    """Every identifier value planted in the sample (text, metadata and burned-in), as written there."""
    values = set()
    for truth in TRUTH:
        for line in truth.read_text(encoding="utf-8").splitlines():
            for label in json.loads(line).get("labels", []):
                if label.get("identifier") and len(label["text"].strip()) >= MIN_LENGTH:
                    values.add(label["text"].strip())
    return values


#: Runs the command line with every way of opening a connection refused and recorded in the file $ATTEMPTS.
OFFLINE = """
import os, socket, sys
def refuse(*args, **kwargs):
    with open(os.environ["ATTEMPTS"], "a") as log:
        log.write(repr(args[1:2] or args) + "\\n")
    raise OSError("network blocked by test")
socket.socket.connect = socket.socket.connect_ex = socket.getaddrinfo = socket.create_connection = refuse
sys.argv = ["phi-audit", *sys.argv[1:]]
from auditor.cli import main
main()
"""


def phi_audit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ATTEMPTS": str(cwd / "network-attempts.log")}
    return subprocess.run([sys.executable, "-c", OFFLINE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """Everything the auditor wrote or printed for a scan of the sample, by where it came from."""
    work = tmp_path_factory.mktemp("leak")
    store = work / "audit.db"
    runs = {
        "scan": phi_audit("scan", str(SAMPLE), "--store", str(store), "--no-progress", cwd=work),
        "scan --json": phi_audit("scan", str(SAMPLE), "--store", str(store), "--no-progress", "--json", cwd=work),
        "report text": phi_audit("report", "--store", str(store), cwd=work),
        "report json": phi_audit("report", "--store", str(store), "--format", "json", cwd=work),
        "report --out": phi_audit("report", "--store", str(store), "--out", str(work / "report.txt"), cwd=work),
    }
    for fmt in ("jsonl", "csv", "parquet"):
        runs[f"export {fmt}"] = phi_audit("export", "--store", str(store), "--format", fmt, "--out", str(work / f"findings.{fmt}"), cwd=work)
    for name, run in runs.items():
        assert run.returncode in (0, 1), f"{name}: {run.stderr[-2000:]}"
    texts = {f"{name} {stream}": getattr(run, stream) for name, run in runs.items() for stream in ("stdout", "stderr")}
    attempts = work / "network-attempts.log"
    assert not attempts.exists(), attempts.read_text()  # every command, a scan of every kind of item included, stayed offline
    for path in sorted(work.iterdir()):
        texts[path.name] = path.read_bytes().decode("utf-8", "replace")  # the store and its WAL as raw bytes too
    texts["findings.parquet (rows)"] = pd.read_parquet(work / "findings.parquet").to_json(orient="records", force_ascii=False)
    return {"texts": texts, "work": work}


def test_the_sample_plants_hundreds_of_values_to_look_for():
    assert len(planted_values()) > 400


def _publication_dates(store: Path) -> set[str]:
    """The days posts were published on: the store keeps each post's `created_at` by design (it dates the post,
    not a person), and a burned-in date elsewhere in the sample may fall on one of those days."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return {row[0][:10] for row in db.execute("SELECT created_at FROM items WHERE created_at IS NOT NULL")}


def test_no_planted_value_appears_in_the_store_logs_exports_or_reports(outputs):
    values = planted_values() - _publication_dates(outputs["work"] / "audit.db")
    leaks = {}
    for where, text in outputs["texts"].items():
        folded = text.casefold()
        found = sorted(value for value in values if value.casefold() in folded)
        if found:
            leaks[where] = found
    assert leaks == {}
    assert {"audit.db", "findings.jsonl", "findings.csv", "findings.parquet", "report.txt"} <= set(outputs["texts"])


def test_findings_were_made_so_the_absence_of_values_means_masking(outputs):
    rows = json.loads(outputs["texts"]["findings.parquet (rows)"])
    assert len(rows) > 500
    assert all(re.fullmatch(r"[^\d]*", row["evidence"]) for row in rows if row["source"] == "text")


def test_every_file_the_auditor_writes_is_owner_only(outputs):
    written = [path for path in outputs["work"].iterdir() if path.is_file()]
    assert {path.name for path in written} >= {"audit.db", "findings.jsonl", "findings.csv", "findings.parquet", "report.txt"}
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def _calls(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            names.append(f"{owner}.{name}" if owner else name)
    return names


def test_nothing_the_auditor_reads_is_executed_or_unpickled():
    """No eval/exec, no unsafe YAML; the one pickle.load reads the installed drug package's own bundled data."""
    offenders = []
    for path in sorted((ROOT / "auditor").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        calls = _calls(ast.parse(source))
        relative = path.relative_to(ROOT).as_posix()
        offenders += [f"{relative}: {call}" for call in calls if call in {"eval", "exec", "compile", "yaml.load", "yaml.unsafe_load", "marshal.loads", "pickle.loads", "shelve.open"}]
        if "pickle.load" in calls and relative != "auditor/scanners/text/health/vocabulary.py":
            offenders.append(f"{relative}: pickle.load")
    assert offenders == []
