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
import typer.core

from auditor import launcher
from auditor.store import FindingsStore

ROOT = Path(__file__).resolve().parent.parent


class _InterruptedImport(importlib.abc.MetaPathFinder):
    def __init__(self, ctrl_c) -> None:
        self.ctrl_c = ctrl_c

    def find_spec(self, name, path=None, target=None):
        if name == "auditor.cli":
            self.ctrl_c()
        return None


def _ctrl_c(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


class _CtrlCInSetName:
    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt


def _ctrl_c_while_a_class_is_made(*_args: object, **_kwargs: object) -> None:
    """A Ctrl-C landing as a module defines a class with a dataclass field: Python 3.11 raises it as a RuntimeError
    ("Error calling __set_name__"), which a traceback showed in 1 of 31 scans interrupted in their first second."""
    type("Unmasking", (), {"masked": _CtrlCInSetName()})


CTRL_C = [_ctrl_c, _ctrl_c_while_a_class_is_made]


@pytest.mark.parametrize("ctrl_c", CTRL_C)
def test_a_ctrl_c_while_the_cli_is_being_imported_is_one_line_and_exit_130(monkeypatch, capsys, ctrl_c):
    monkeypatch.delitem(sys.modules, "auditor.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(ctrl_c), *sys.meta_path])
    monkeypatch.setattr(launcher.os, "_exit", _exit_as_system_exit)
    with pytest.raises(SystemExit) as stopped:
        launcher.main()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == launcher.INTERRUPTED_AT_START


@pytest.mark.parametrize("ctrl_c", CTRL_C)
@pytest.mark.parametrize(
    "step",
    ["auditor.cli._last_run_id", "auditor.cli.load_policy", "auditor.cli._scanner_names", "auditor.engines.make_engine"],
)
def test_a_ctrl_c_in_scan_before_its_first_item_says_nothing_was_saved(tmp_path, monkeypatch, capsys, step, ctrl_c):
    """Each step `scan` takes before the pipeline starts. Typer ends a KeyboardInterrupt its command does not handle
    with a silent exit 130: this is the empty stderr the subprocess test below saw about one run in fifteen."""
    monkeypatch.setattr(step, ctrl_c)
    stopped = _run(monkeypatch, "scan", str(tmp_path), "--store", str(tmp_path / "a.db"))
    assert stopped.code == 130
    err = capsys.readouterr().err
    assert "Interrupted before any item was saved (nothing was lost); run the same command again to start:" in err
    assert f"scan {tmp_path} --store {tmp_path / 'a.db'}" in err


def test_a_ctrl_c_after_a_scan_saved_its_items_says_how_many_are_saved(tmp_path, monkeypatch, capsys):
    (tmp_path / "note.txt").write_text("Jane Doe, MRN 12345678, called 555-123-4567.\n", encoding="utf-8")
    monkeypatch.setattr("auditor.cli._exit_code", _ctrl_c)
    stopped = _run(monkeypatch, "scan", str(tmp_path / "note.txt"), "--store", str(tmp_path / "a.db"), "--workers", "1")
    assert stopped.code == 130
    assert "Interrupted. 1 item(s) scanned so far are saved; run the same command again to resume:" in capsys.readouterr().err


def test_a_ctrl_c_while_typer_parses_the_command_line_is_one_line_not_a_silent_exit(monkeypatch, capsys):
    monkeypatch.setattr(typer.core.TyperGroup, "resolve_command", _ctrl_c)
    monkeypatch.setattr(launcher.os, "_exit", _exit_as_system_exit)
    assert _run(monkeypatch, "policies").code == 130
    assert capsys.readouterr().err == launcher.INTERRUPTED_AT_START


@pytest.mark.parametrize("ctrl_c", CTRL_C)
def test_a_ctrl_c_in_a_command_that_does_not_report_it_says_its_output_may_be_incomplete(monkeypatch, capsys, ctrl_c):
    """Not "nothing was saved": `redact` or `export --out` may have written part of theirs."""
    monkeypatch.setattr("auditor.cli.shipped_policies", ctrl_c)
    monkeypatch.setattr(launcher.os, "_exit", _exit_as_system_exit)
    assert _run(monkeypatch, "policies").code == 130
    assert capsys.readouterr().err == launcher.INTERRUPTED_IN_COMMAND


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.3, 0.8, 1.2, 2.0, 3.5])
def test_a_ctrl_c_in_the_first_seconds_of_a_pool_scan_prints_no_traceback(tmp_path, after):
    """The sample holds every kind, so the scan starts a pool of workers. (The first
    tenth of a second, the interpreter itself starting, is no part of phi-audit's to handle.) Whenever it lands,
    stderr is one of the two messages and nothing else, and what it says about the store is what the store holds."""
    sample, store = ROOT / "data" / "sample", tmp_path / "a.db"
    scan = subprocess.Popen(
        [sys.executable, "-m", "auditor", "scan", str(sample), "--store", str(store), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    time.sleep(after)
    scan.send_signal(signal.SIGINT)
    _, stderr = scan.communicate(timeout=180)
    assert scan.returncode == 130, stderr
    if stderr == launcher.INTERRUPTED_AT_START:
        assert not store.exists()
        return
    said, again = stderr.strip().split("\n")
    assert again.endswith(f" scan {sample} --store {store} --workers 2"), stderr
    saved = _items_of_an_interrupted_run(store)
    if saved:
        assert said == f"Interrupted. {saved} item(s) scanned so far are saved; run the same command again to resume:"
    else:
        assert said == "Interrupted before any item was saved (nothing was lost); run the same command again to start:"


def _items_of_an_interrupted_run(store: Path) -> int:
    """The items a store holds (none, and no store, when the scan was stopped before it made one), its run marked
    interrupted."""
    if not store.exists():
        return 0
    with FindingsStore.open_existing(store, read_only=True) as opened:
        assert (opened.latest_run() or {}).get("status", "interrupted") == "interrupted"
        return sum(1 for _ in opened.items())


def _run(monkeypatch, *argv: str) -> SystemExit:
    """The command line as `phi-audit` runs it, through typer: how it stopped."""
    from auditor import cli

    monkeypatch.setattr(sys, "argv", ["phi-audit", *argv])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    return stopped.value


def _exit_as_system_exit(code: int) -> None:
    """`os._exit` would end the test run: raise what it stands for instead."""
    raise SystemExit(code)
