"""Ctrl-C that arrives while workers are being started is held, then reported as the interrupt it is.

Each case runs in a process of its own: it sends itself SIGINT, which a test runner's own worker must not get."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_CASE = """
import os, signal
from auditor.engines.ctrl_c import ctrl_c_held
try:
    with ctrl_c_held():
        {body}
except KeyboardInterrupt:
    print("KeyboardInterrupt")
except RuntimeError as error:
    print("RuntimeError", signal.getsignal(signal.SIGINT) is signal.default_int_handler)
"""


def _outcome(body: str) -> str:
    code = _CASE.format(body=body.replace("\n", "\n        "))
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout.strip()


@pytest.mark.parametrize(
    ("body", "outcome"),
    [
        ("os.kill(os.getpid(), signal.SIGINT)", "KeyboardInterrupt"),
        # The same Ctrl-C reached the workers, which exited; the pool then refused the batch being submitted.
        ('os.kill(os.getpid(), signal.SIGINT)\nraise RuntimeError("the process pool is not usable anymore")', "KeyboardInterrupt"),
        ('raise RuntimeError("a real failure")', "RuntimeError True"),
    ],
    ids=["held then raised", "wins over the broken pool it caused", "no ctrl-c: the code's own error"],
)
def test_a_ctrl_c_held_while_workers_start_is_raised_once_the_block_ends(body, outcome):
    assert _outcome(body) == outcome


_KEPT = """
import os, signal, time
from auditor.engines.ctrl_c import ctrl_c_kept
class Released:
    def __del__(self):  # as Dask's Future.__del__: Python would print a KeyboardInterrupt raised here and lose it
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.1)
with ctrl_c_kept() as check:
    Released()
    print("went on")
    try:
        check()
    except KeyboardInterrupt:
        print("raised at the check")
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    except KeyboardInterrupt:
        print("raised where it landed")
"""


def test_a_ctrl_c_landing_in_a_finalizer_is_kept_and_raised_at_the_next_check():
    done = subprocess.run([sys.executable, "-c", _KEPT], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.split("\n")[:3] == ["went on", "raised at the check", "raised where it landed"], done.stderr
    assert "Exception ignored" not in done.stderr
