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
from tests.test_scan_safety import _running

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # local Dask clusters, three interrupted scans of 6,000 posts

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


def test_the_local_clusters_workers_exit_when_the_scan_is_killed(tmp_path):
    """kill -9 of the scan's process (or the out-of-memory killer): its Dask worker processes go with it (distributed
    stops a worker whose nanny's process is gone; this holds it so)."""
    parent = tmp_path / "parent.py"
    parent.write_text(
        f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from contextlib import ExitStack
from auditor.engines.dask_cluster import DaskEngine
if __name__ == "__main__":
    with ExitStack() as stack:
        client = DaskEngine(workers=2)._connect(stack)
        client.wait_for_workers(2, timeout=120)
        print(" ".join(str(pid) for pid in client.run(os.getpid).values()), flush=True)
        time.sleep(600)
"""
    )
    process = subprocess.Popen([sys.executable, str(parent)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in process.stdout.readline().split()]
    assert len(workers) == 2
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if _running(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == []
