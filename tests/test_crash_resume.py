"""Crash safety: a scan SIGKILLed at random points and resumed ends with exactly the store of an uninterrupted
scan, and Ctrl-C stops a scan cleanly, saying how to resume it.

The kill rounds scan DICOM headers without free text, so no language model loads and a round costs a second or
two; `scripts/kill_resume.py` runs the same check for 20 rounds against the
command line with every scanner.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import kill_resume
from tests.hostile.make_hostile import dicom_bytes

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def _corpus(root: Path, count: int) -> Path:
    """DICOM files whose headers name patients, with no free text (no language model to load), and one empty file."""
    root.mkdir(parents=True)
    for number in range(count):
        (root / f"scan{number:03d}.dcm").write_bytes(dicom_bytes(f"PATIENT{number}^ANNA", description=None))
    (root / "empty.dcm").write_bytes(b"")
    return root


def test_scans_killed_at_random_points_resume_to_exactly_the_uninterrupted_store(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 300)
    logged: list[str] = []
    outcome = kill_resume.kill_and_resume(corpus, tmp_path / "work", rounds=3, scanners=["dicom_header"], seed=3, log=logged.append)
    assert outcome.kills >= 2, logged
    assert outcome.checks, logged
    for check in outcome.checks:
        assert check["integrity"] == "ok"
        assert check["lost"] == {"items": 0, "findings": 0, "errors": 0, "verdicts": 0}, logged
        assert check["extra"] == {"items": 0, "findings": 0, "errors": 0, "verdicts": 0}, logged
        assert check["equal"] and check["findings"] >= 600


def test_ctrl_c_stops_the_scan_cleanly_and_says_how_to_resume(tmp_path):
    corpus = _corpus(tmp_path / "my corpus", 4000)  # scanned in seconds: long enough to be interrupted
    store = tmp_path / "audit.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", "scan", str(corpus), "--store", str(store), "--no-progress"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # as a terminal's Ctrl-C finds it: a test run started in the background ignores SIGINT, and children inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and kill_resume.saved_items(store) == 0:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "item(s) scanned so far are saved; run the same command again to resume:" in stderr
    assert f"scan '{corpus}' --store {store}" in stderr  # quoted: the path has a space
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone() == ("interrupted",)
        saved = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    assert 0 < saved < 4001


def test_ctrl_c_at_a_terminal_stops_every_worker_quietly_and_repeats_the_options(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 4000)
    store = tmp_path / "audit.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", "scan", str(corpus), "--store", str(store), "--workers", "2", "--no-progress"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and kill_resume.saved_items(store) == 0:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group, workers too
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "item(s) scanned so far are saved; run the same command again to resume:" in stderr
    assert f" scan {corpus} --store {store} --workers 2" in stderr


def test_an_interrupt_before_any_item_is_saved_does_not_claim_findings_were_saved(tmp_path):
    from auditor.cli import _interrupted, _last_run_id, _saved_after

    store = tmp_path / "audit.db"
    assert _last_run_id(store) is None
    assert _saved_after(store, None) == 0
    assert _interrupted(0).startswith("Interrupted before any item was saved")
