"""`phi-audit dashboard`: refuses a store it cannot read, binds 127.0.0.1 unless told otherwise (and warns
when told), and starts Streamlit with its settings on the command line: headless, no usage statistics, no
error details in the browser, no file watcher."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_dashboard import build_small_store
from typer.testing import CliRunner

from auditor.cli import app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_small_store(tmp_path_factory.mktemp("cli"))


def test_missing_store_is_a_usage_error_and_starts_nothing(tmp_path):
    result = CliRunner().invoke(app, ["dashboard", "--store", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no findings store here" in " ".join(result.output.split())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening_addresses(port: int) -> set[str]:
    """The IPv4 addresses a socket listens on at `port`, from /proc/net/tcp (state 0A is LISTEN)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def _command_line(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def _start(store: Path, *options: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "auditor", "dashboard", "--store", str(store), "--port", str(port), *options],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server, port
        except OSError:
            time.sleep(0.5)
    server.terminate()
    pytest.fail("the dashboard did not start")


def _stop(server: subprocess.Popen) -> str:
    server.terminate()
    _, stderr = server.communicate(timeout=30)
    return stderr


def test_binds_loopback_with_the_launchers_settings(store):
    server, port = _start(store)
    try:
        assert _listening_addresses(port) == {"127.0.0.1"}
        streamlit = _command_line(server.pid)  # the launcher became the server: a kill of it stops the server
        assert streamlit[1:4] == ["-m", "streamlit", "run"]
        for setting in (
            "--server.address=127.0.0.1",
            "--server.headless=true",
            "--browser.gatherUsageStats=false",
            "--client.showErrorDetails=none",
            "--server.fileWatcherType=none",
            "--logger.hideWelcomeMessage=true",
        ):
            assert setting in streamlit
    finally:
        stderr = _stop(server)
    assert "warning" not in stderr


def test_binding_elsewhere_warns(store):
    server, port = _start(store, "--address", "0.0.0.0")
    try:
        assert _listening_addresses(port) == {"0.0.0.0"}
    finally:
        stderr = _stop(server)
    assert "anyone who can reach this machine sees the findings" in " ".join(stderr.split())
    assert "external IP" not in stderr  # Streamlit did not try to look it up on the internet
