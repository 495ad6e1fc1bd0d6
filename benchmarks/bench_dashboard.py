"""How long the dashboard's overview takes to render on a store of 100,000 findings.

    .venv/bin/python benchmarks/bench_dashboard.py [--findings 100000] [--store /tmp/bench-dashboard.db] [--browser]

The store is written through the store API (items, findings, errors) and judged by the shipped policy, as a
scan would leave it: posts with 5 findings each on average, a tenth of them sharing an image, a few shared
names across posts, a per-item error now and then. Synthetic values, masked and digested by the store's key.

Measured: the overview page run by Streamlit's AppTest (the page's script: SQL aggregates, Altair charts,
elements sent) cold (empty cache) and warm, a filtered overview, one page of the item table; with --browser,
the time from opening the page in Debian's chromium until its six charts are drawn.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.model import Finding, Item, ItemError
from auditor.pipeline import rescore
from auditor.policy import load_policy
from auditor.store import FindingsStore

_KINDS = [
    ("names", None, "PERSON"),
    ("phone", None, "PHONE_NUMBER"),
    ("dates", None, "DATE_TIME"),
    ("mrn", None, "MEDICAL_RECORD_NUMBER"),
    ("email", None, "EMAIL_ADDRESS"),
    ("geographic", None, "LOCATION"),
    (None, "condition", "CONDITION"),
    (None, "medication", "MEDICATION"),
    (None, "lab_test", "LAB_TEST"),
    ("ssn", None, "US_SSN"),
]


def make_store(path: Path, findings: int, seed: int = 7) -> None:
    """A store holding `findings` synthetic findings over posts (and some images), judged by hipaa-safe-harbor."""
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with FindingsStore.create_or_open(path) as store:
        keeper = store.evidence_keeper()
        run = store.start_run(["/corpus"], "hipaa-safe-harbor", "1.0", {"text": "1"})
        written, number = 0, 0
        while written < findings:
            number += 1
            locator = f"posts.jsonl#{number:06d}"
            created = f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T12:00:00Z"
            item = Item(locator, "post", f"{number:064x}", author=f"user{rng.randint(1, 3000)}", created_at=created, size=300)
            found = []
            for index in range(min(rng.randint(0, 10), findings - written)):
                identifier, health, entity = rng.choice(_KINDS)
                value = f"Person {rng.randint(1, 500)}" if identifier == "names" else f"{entity}-{rng.randint(1, 10**6)}"
                found.append(
                    Finding(
                        locator,
                        "text",
                        "text",
                        entity,
                        identifier,
                        health,
                        (index * 20, index * 20 + 12),
                        None,
                        0.85,
                        "text",
                        keeper.evidence(value),
                        keeper.digest(value, identifier),
                    )
                )
            errors = [ItemError(locator, "read", "referenced media not found in the corpus")] if rng.random() < 0.01 else []
            store.save_items([(item, found, errors)], '{"text": "1"}', run)
            written += len(found)
            if rng.random() < 0.1 and written < findings:
                media = Item(f"media/{number:06d}.png", "image", f"{number:064x}1", parent=locator, size=1000)
                value = f"Person {rng.randint(1, 500)}"
                box = Finding(
                    media.locator,
                    "pixel",
                    "ocr",
                    "PERSON",
                    "names",
                    None,
                    (0, 10),
                    (5, 5, 40, 10),
                    0.8,
                    "pixel_text",
                    keeper.evidence(value),
                    keeper.digest(value, "names"),
                )
                store.save_items([(media, [box], [])], '{"text": "1"}', run)
                written += 1
        store.finish_run(run, "finished", number, 0)
        rescore(store, load_policy("hipaa-safe-harbor"))


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def time_apptest(store: Path) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["PHI_AUDIT_STORE"] = str(store)
    app = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=300)
    timings = {"overview, cold cache": _timed(app.run)}
    assert not app.exception, app.exception
    timings["overview, warm cache"] = _timed(app.run)
    app.sidebar.multiselect(key="filter_identifiers").select("mrn")
    timings["overview filtered by identifier (cold)"] = _timed(app.run)
    app.switch_page("views/items.py")
    timings["item table, first page (cold)"] = _timed(app.run)
    return timings


def time_browser(store: Path) -> tuple[float, float]:
    """Seconds from opening the overview in chromium until its six charts are drawn: on a fresh server (cold
    cache, the app's modules imported on first use), then in a second tab (warm cache)."""
    from playwright.sync_api import expect, sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "auditor", "dashboard", "--store", str(store), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            timings = []
            for _ in range(2):
                page = browser.new_page(viewport={"width": 1400, "height": 1500})
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}")
                expect(page.locator(".vega-embed canvas, .vega-embed svg")).to_have_count(6, timeout=300_000)
                timings.append(time.perf_counter() - start)
            browser.close()
        return timings[0], timings[1]
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/bench-dashboard.db"))
    parser.add_argument("--reuse", action="store_true", help="Use the store as it is if it exists.")
    parser.add_argument("--browser", action="store_true", help="Also time the overview in chromium.")
    options = parser.parse_args()
    if not (options.reuse and options.store.exists()):
        print(
            f"writing {options.findings} findings to {options.store} ... {_timed(lambda: make_store(options.store, options.findings)):.1f} s"
        )
    with closing(sqlite3.connect(f"file:{options.store}?mode=ro", uri=True)) as connection:  # a measurement reads the table itself
        counts = connection.execute(
            "SELECT (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM findings), (SELECT COUNT(*) FROM errors)"
        ).fetchone()
    print(f"store: {counts[0]} items, {counts[1]} findings, {counts[2]} errors")
    print("| what | seconds |\n| --- | --- |")
    for what, seconds in time_apptest(options.store).items():
        print(f"| {what} (AppTest) | {seconds:.2f} |")
    if options.browser:
        cold, warm = time_browser(options.store)
        print(f"| overview in chromium, page open to six charts drawn, fresh server | {cold:.2f} |")
        print(f"| overview in chromium, page open to six charts drawn, second tab | {warm:.2f} |")


if __name__ == "__main__":
    main()
