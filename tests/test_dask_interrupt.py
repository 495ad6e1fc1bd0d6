"""Ctrl-C on a scan run with `--engine dask`: the terminal's SIGINT reaches the whole process group (the scan,
the Dask worker processes), and the user sees what was saved and the command that resumes, never a traceback of
a worker, of the scheduler or of a cluster closed half-started.

Each try starts the scan on its own local Dask cluster and sends SIGINT to the process group as a terminal does,
at a point where it once printed one: while a worker process is still importing (its first second), while the
cluster is still starting, and mid-scan, at three points after the first items are saved.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from scripts import kill_resume
from tests.test_crash_resume import _corpus
from tests.test_scan_safety import workers_left_after_killing

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # local Dask clusters, three interrupted scans of 6,000 posts

ROOT = Path(__file__).resolve().parent.parent
DEADLINE = 240


def _worker_born(process: subprocess.Popen, store: Path) -> None:
    """As soon as the first Dask worker process exists: it is still importing Python and distributed."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and process.poll() is None:
        try:
            children = psutil.Process(process.pid).children(recursive=True)
            if any("spawn_main" in " ".join(child.cmdline()) for child in children):
                return
        except psutil.Error:
            pass
        time.sleep(0.05)


def _after_worker_born(seconds: float) -> Callable[[subprocess.Popen, Path], None]:
    def wait(process: subprocess.Popen, store: Path) -> None:
        _worker_born(process, store)
        time.sleep(seconds)

    return wait


def _after_first_save(seconds: float) -> Callable[[subprocess.Popen, Path], None]:
    def wait(process: subprocess.Popen, store: Path) -> None:
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline and kill_resume.saved_items(store) == 0 and process.poll() is None:
            time.sleep(0.2)
        time.sleep(seconds)

    return wait


#: (when SIGINT is sent, whether items are saved by then)
TRIES = [
    (_worker_born, False),
    (_after_worker_born(1.5), False),
    (_after_first_save(0.0), True),
    (_after_first_save(0.7), True),
    (_after_first_save(1.4), True),
]


def _interrupted_scan(corpus: Path, store: Path, when: Callable[[subprocess.Popen, Path], None]) -> subprocess.CompletedProcess:
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
    when(process, store)
    os.killpg(process.pid, signal.SIGINT)  # the whole process group: the scan and every Dask process it started
    stdout, stderr = process.communicate(timeout=180)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.parametrize(("when", "saved"), TRIES, ids=["worker-importing", "cluster-starting", "saved", "saved+0.7s", "saved+1.4s"])
def test_ctrl_c_on_the_dask_engine_prints_what_was_saved_and_no_traceback(tmp_path_factory, when, saved):
    corpus = _corpus_once(tmp_path_factory)
    store = tmp_path_factory.mktemp("interrupted") / "audit.db"
    done = _interrupted_scan(corpus, store, when)
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr
    assert "ERROR" not in done.stderr, done.stderr  # nor a log line of the scheduler talking to closed workers
    said = "item(s) scanned so far are saved; run the same command again to resume:" if saved else "Interrupted before any item was saved"
    assert said in done.stderr, done.stderr
    assert f" scan {corpus} --store {store} --workers 2 --engine dask" in done.stderr


def _corpus_once(tmp_path_factory) -> Path:
    """One corpus for every try (6,000 DICOM headers: the scan is still running a few seconds after its first save)."""
    corpus = tmp_path_factory.getbasetemp() / "dask-interrupt-corpus"
    return corpus if corpus.is_dir() else _corpus(corpus, 6000)


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
    assert workers_left_after_killing([sys.executable, str(parent)], within=30) == []
