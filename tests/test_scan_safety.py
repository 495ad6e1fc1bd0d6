"""A scan's own safety (issue 20): its store inside the scanned folder is never read (a concurrent reader keeps
working), a medium shared by posts counts for each of them, every CSV column is judged, workers end with their
parent, and what reaches a terminal or a spreadsheet cannot run."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from auditor.export import export_findings
from auditor.model import Finding, Item
from auditor.pipeline import scan
from auditor.store import FindingsStore
from auditor.terminal import csv_cell, printable

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def exif_image(path: Path, artist: str) -> None:
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    Image.new("RGB", (8, 8), "white").save(path, exif=exif)


def test_a_store_inside_the_scanned_folder_is_never_read_and_a_concurrent_reader_keeps_working(tmp_path):
    for number in range(40):
        exif_image(tmp_path / f"photo{number:02d}.jpg", f"Jane Roe {number}")
    store = tmp_path / "audit.db"
    failures: list[str] = []
    done = threading.Event()

    def read_while_scanning() -> None:
        while not done.is_set():
            try:
                with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
                    db.execute("SELECT COUNT(*) FROM findings").fetchone()
            except sqlite3.OperationalError as error:
                if "no such table" not in str(error) and "unable to open" not in str(error):
                    failures.append(str(error))
            except sqlite3.DatabaseError as error:  # "database disk image is malformed"
                failures.append(str(error))

    reader = threading.Thread(target=read_while_scanning)
    reader.start()
    try:
        for _ in range(2):  # the second scan finds the store, its -wal and -shm in the folder from the start
            scan([tmp_path], store, scanner_names=["image_metadata"])
    finally:
        done.set()
        reader.join()
    assert failures == []
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        locators = {row[0] for row in db.execute("SELECT locator FROM items")}
        own = {row[0]: row[1] for row in db.execute("SELECT item, reason FROM errors WHERE item LIKE 'audit.db%'")}
    assert {f"photo{number:02d}.jpg" for number in range(40)} <= locators
    assert set(own) <= {"audit.db", "audit.db-wal", "audit.db-shm"} and "audit.db" in own
    assert all("never read as corpus" in reason for reason in own.values())


def test_a_medium_shared_by_posts_counts_in_the_verdict_of_every_post(tmp_path):
    exif_image(tmp_path / "scan.jpg", "Jane Roe")
    (tmp_path / "posts.jsonl").write_text(
        "".join(json.dumps({"id": f"p{n}", "text": "look", "media": ["scan.jpg"]}) + "\n" for n in range(5))
    )
    store = tmp_path.parent / f"{tmp_path.name}.db"
    scan([tmp_path], store, scanner_names=["image_metadata"])
    with FindingsStore.open_existing(store) as opened:
        verdicts = {v.item: v for v in opened.verdicts("hipaa-safe-harbor")}
    assert all("names" in verdicts[f"posts.jsonl#p{n}"].identifiers for n in range(5)), {k: v.identifiers for k, v in verdicts.items()}


def test_a_csv_row_of_structured_columns_gives_findings_and_a_high_risk(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "patients.csv").write_text(
        "id,patient_name,dob,mrn,phone,note\n1,Margaret Okonkwo,1961-03-02,48213907,617-555-0142,seen for lupus\n"
    )
    store = tmp_path / "audit.db"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "auditor",
            "scan",
            str(corpus),
            "--store",
            str(store),
            "--scanners",
            "text",
            "--no-progress",
            "--fail-on",
            "high",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    with FindingsStore.open_existing(store) as opened:
        identifiers = {f.identifier for f in opened.findings()}
        verdict = {v.item: v for v in opened.verdicts("hipaa-safe-harbor")}["patients.csv#row-1"]
    assert {"names", "dates", "phone", "mrn"} <= identifiers
    assert verdict.risk == "high"


def test_pool_workers_exit_when_the_main_process_is_killed(tmp_path):
    """A parent that starts two pool workers (the local engine's context and the scan's own initializer) and is then
    killed with SIGKILL."""
    parent = f"""
import concurrent.futures, multiprocessing, os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from auditor.engines.local import _context
from auditor.worker import init_worker
if __name__ == "__main__":
    pool = concurrent.futures.ProcessPoolExecutor(2, mp_context=_context(), initializer=init_worker, initargs=(b"k" * 32, ["image_metadata"]))
    futures = [pool.submit(time.sleep, 0.5) for _ in range(4)]
    [f.result() for f in futures]
    print(" ".join(str(p) for p in pool._processes), flush=True)
    time.sleep(600)
"""
    assert workers_left_after_killing([sys.executable, "-c", parent], within=20) == []


def workers_left_after_killing(parent: list[str], within: float) -> list[int]:
    """Start `parent`, which prints the pids of its two workers; kill it with SIGKILL; the workers still running
    `within` seconds later (killed then, so that a failing test leaves no orphan behind)."""
    process = subprocess.Popen(parent, stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in process.stdout.readline().split()]
    assert len(workers) == 2
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + within
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if _running(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    return alive


def test_a_worker_whose_parent_died_while_it_was_starting_exits_too(tmp_path):
    """The parent is killed before the worker's initializer runs: the worker, by then a child of PID 1, must still
    see that the process that started it is gone (the race that left a worker of a kill -9'd scan running)."""
    pid_file = tmp_path / "worker.pid"
    parent = f"""
import multiprocessing, os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from auditor.engines.orphans import exit_with_parent

def worker(pid_file, parent):
    open(pid_file, "w").write(str(os.getpid()))
    while os.path.exists(f"/proc/{{parent}}"):  # the initializer starts only once the parent is gone
        time.sleep(0.05)
    exit_with_parent()
    time.sleep(600)

if __name__ == "__main__":
    multiprocessing.get_context("spawn").Process(target=worker, args=({str(pid_file)!r}, os.getpid())).start()
    while not os.path.exists({str(pid_file)!r}):
        time.sleep(0.05)
    os._exit(0)  # gone without waiting for the child, as a killed scan is
"""
    script = tmp_path / "parent.py"  # a file, not -c: a spawned child imports its target from the parent's script
    script.write_text(parent)
    subprocess.run([sys.executable, str(script)], timeout=120, check=True)
    worker = int(pid_file.read_text())
    deadline = time.monotonic() + 20
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    running = _running(worker)
    if running:
        os.kill(worker, signal.SIGKILL)
    assert not running


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as status:
            return status.read().split(") ")[-1][:1] not in ("Z", "X")
    except FileNotFoundError:
        return False


def test_control_characters_never_reach_the_terminal_and_tabs_and_newlines_stay():
    assert printable("evil\x1b]0;owned\x07\x1b[2J.txt\u202egpj") == "evil\\x1b]0;owned\\x07\\x1b[2J.txt\\u202egpj"
    assert printable("a\tb\nc") == "a\tb\nc"


def test_a_failing_command_prints_a_reason_with_escapes_shown_not_run(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "auditor", "report", "--store", str(tmp_path / "x\x1b[2J.db")],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "\x1b[2J" not in run.stderr and "x\\x1b[2J.db" in run.stderr.replace("\n", "")


def test_csv_export_cells_that_a_spreadsheet_would_run_get_a_quote(tmp_path):
    store_path = tmp_path / "audit.db"
    with FindingsStore.create_or_open(store_path) as store:
        run = store.start_run([str(tmp_path)], "hipaa-safe-harbor", "1", {})
        item = Item('=HYPERLINK("http://x")', "text", "h")
        findings = [
            Finding(item.locator, "text", field, "URL", "url", None, (0, 1), None, 0.9, "text", evidence, "d")
            for field, evidence in (("+cmd", "-***"), ("@SUM(1)", "\tx"), ("\rfield", "plain"))
        ]
        store.save_items([(item, findings, [])], "{}", run)
        export_findings(store, "csv", tmp_path / "findings.csv")
    with open(tmp_path / "findings.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    cells = [row[key] for row in rows for key in ("item", "field", "evidence")]
    assert cells and all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert rows[0]["item"] == '\'=HYPERLINK("http://x")' and rows[0]["evidence"] == "'-***"
    assert csv_cell(0.5) == 0.5
