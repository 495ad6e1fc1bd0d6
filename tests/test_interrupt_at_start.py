"""Ctrl-C in the first seconds of `phi-audit scan`: while Python imports the CLI, while the pool's workers
are being born and load their models. Each ends in one line, the resume hint or "interrupted before
anything was saved", and exit 130; never a traceback (one printed over the hint reads as a crash)."""

from __future__ import annotations

import importlib.abc
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor import launcher

ROOT = Path(__file__).resolve().parent.parent


class _InterruptedImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "auditor.cli":
            raise KeyboardInterrupt
        return None


def test_a_ctrl_c_while_the_cli_is_being_imported_is_one_line_and_exit_130(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "auditor.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    monkeypatch.setattr(launcher.os, "_exit", _exit_as_system_exit)
    with pytest.raises(SystemExit) as stopped:
        launcher.main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == launcher.INTERRUPTED_AT_START


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.3, 0.8, 1.2, 2.0, 3.5])
def test_a_ctrl_c_in_the_first_seconds_of_a_pool_scan_prints_no_traceback(tmp_path, after):
    """The sample holds every kind, so the scan starts a pool of workers. (The first
    tenth of a second, the interpreter itself starting, is no part of phi-audit's to handle.)"""
    scan = subprocess.Popen(
        [sys.executable, "-m", "auditor", "scan", str(ROOT / "data" / "sample"), "--store", str(tmp_path / "a.db"), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    time.sleep(after)
    scan.send_signal(signal.SIGINT)
    _, stderr = scan.communicate(timeout=180)
    assert scan.returncode == 130, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert "interrupted before anything was saved" in stderr or "run the same command again" in stderr, stderr


def _exit_as_system_exit(code: int) -> None:
    """`os._exit` would end the test run: raise what it stands for instead."""
    raise SystemExit(code)
