"""The dashboard as a user starts it (`phi-audit dashboard --store …` on a free local port) and Debian's chromium to
drive it, for every browser test: no browser is ever downloaded (scripts/install-system-deps.sh installs chromium)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@contextmanager
def served(store: Path) -> Iterator[str]:
    """The dashboard's URL while it serves `store`; stopped afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "auditor", "dashboard", "--store", str(store), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the dashboard exited with {server.returncode}: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail("the dashboard did not answer its health check in time")


def launch_chromium(playwright):
    assert Path(CHROMIUM).exists(), "chromium is missing: run scripts/install-system-deps.sh"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])


def open_item(page, dashboard_url: str, locator: str) -> None:
    page.goto(f"{dashboard_url}/item?item={quote(locator, safe='/')}")
    page.get_by_role("heading", name="Why this risk").wait_for(timeout=60_000)
