"""Ctrl-C on a scan run with `--engine dask`: the terminal's SIGINT reaches the whole process group (the scan,
the nannies' worker processes), and the user sees the resume hint, never a worker's traceback.

Each try starts the scan on its own local Dask cluster, waits until items are saved, then sends SIGINT to the
process group as a terminal does; the interrupt lands at a different point of the scan each time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import kill_resume
from tests.test_crash_resume import _corpus

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
TRIES = 3


def _interrupted_scan(corpus: Path, store: Path, wait_after_first_save: float) -> subprocess.CompletedProcess:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "auditor",
            "scan",
            str(corpus),
            "--store",
            str(store),
            "--engine",
            "dask",
            "--workers",
            "2",
            "--no-progress",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # as a terminal's Ctrl-C finds it: a test run started in the background ignores SIGINT, and children inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and kill_resume.saved_items(store) == 0 and process.poll() is None:
        time.sleep(0.2)
    time.sleep(wait_after_first_save)
    os.killpg(process.pid, signal.SIGINT)  # the whole process group: the scan and every Dask process it started
    stdout, stderr = process.communicate(timeout=180)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_ctrl_c_on_the_dask_engine_prints_the_resume_hint_and_no_worker_traceback(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 6000)
    for attempt in range(TRIES):
        store = tmp_path / f"audit{attempt}.db"
        done = _interrupted_scan(corpus, store, wait_after_first_save=0.7 * attempt)
        assert done.returncode == 130, done.stderr
        assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr
        assert "item(s) scanned so far are saved; run the same command again to resume:" in done.stderr
        assert f" scan {corpus} --store {store} --workers 2 --engine dask" in done.stderr
