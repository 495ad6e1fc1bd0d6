"""Two engines, one scan: a Dask cluster finds exactly what the local engine finds, its own cluster listens on
localhost only and serves no dashboard, and a misconfigured or missing engine is a usage error."""

from __future__ import annotations

import http.client
import shutil
import sqlite3
import sys
import urllib.request
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.engines import EngineError, make_engine
from auditor.pipeline import scan
from auditor.store import FindingsStore

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
#: A representative part of the sample (the whole takes minutes): text notes, posts whose media are their
#: children, a zip, a DICOM file with burned-in text, a photo with EXIF, a screenshot, PDFs and a CT.
SUBSET = ("notes", "media", "bundle.zip", "dicom/cr_hand_burned_0006.dcm", "photos/IMG_0415.jpg", "photos/lab_printout.png", "documents")
POSTS_IN_SUBSET = 24


def sample_subset(root: Path) -> Path:
    for name in SUBSET:
        source, target = SAMPLE / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, target) if source.is_dir() else shutil.copy(source, target)
    posts = (SAMPLE / "posts.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "posts.jsonl").write_text("".join(posts[:POSTS_IN_SUBSET]), encoding="utf-8")
    return root


def store_sharing_key(reference: Path, path: Path) -> Path:
    """An empty store with the digest key of `reference`, so digests of both stores can be compared."""
    FindingsStore.create_or_open(path).close()
    with sqlite3.connect(path) as db, sqlite3.connect(reference) as ref:
        db.execute(
            "UPDATE meta SET value=? WHERE key='digest_key'", ref.execute("SELECT value FROM meta WHERE key='digest_key'").fetchone()
        )
    return path


def contents(store_path: Path) -> dict[str, list[tuple]]:
    """Everything a scan leaves in the store, save run ids and row ids."""
    queries = {
        "items": "SELECT locator, kind, parent, content_hash, scanned_with, complete FROM items",
        "findings": "SELECT item, source, field, entity, identifier, health, span_start, span_end, bbox, score, scanner, evidence, digest FROM findings",
        "errors": "SELECT item, stage, reason FROM errors",
        "verdicts": "SELECT item, policy, risk, rules, identifiers, health, complete FROM verdicts",
    }
    with sqlite3.connect(store_path) as db:
        return {table: sorted(db.execute(sql).fetchall(), key=repr) for table, sql in queries.items()}


def listening(process: psutil.Process) -> list[tuple[str, int]]:
    """Listening TCP sockets of `process` and its descendants."""
    found = []
    for member in [process, *process.children(recursive=True)]:
        try:
            found += [(c.laddr.ip, c.laddr.port) for c in member.net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN]
        except psutil.Error:
            pass
    return found


def served(sockets: list[tuple[str, int]], paths: tuple[str, ...]) -> dict[str, int]:
    """Which of `paths` any of the listening sockets answers with HTTP 200 (Dask's own ports speak no HTTP)."""
    answered = {}
    for ip, port in sockets:
        for path in paths:
            url = f"http://{ip}:{port}{path}"
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    answered[url] = response.status
            except (OSError, http.client.HTTPException):
                pass
    return answered


def test_the_dask_engine_finds_exactly_what_the_local_engine_finds_on_its_own_localhost_only_cluster(tmp_path):
    corpus = sample_subset(tmp_path / "corpus")
    local = tmp_path / "local.db"
    reference = scan([corpus], local)
    sockets: list[tuple[str, int]] = []
    pages: dict[str, int] = {}

    def while_the_cluster_runs(_: int) -> None:
        if not sockets:
            sockets.extend(listening(psutil.Process()))
            pages.update(served(sockets, ("/status", "/info/main/workers.html", "/json/index.html")))

    dask_store = store_sharing_key(local, tmp_path / "dask.db")
    # the engine's own cluster: LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    on_dask = scan([corpus], dask_store, engine=make_engine("dask", workers=2), progress=while_the_cluster_runs)
    assert (on_dask.scanned, on_dask.findings, on_dask.risk_counts) == (reference.scanned, reference.findings, reference.risk_counts)
    assert reference.scanned > 50 and reference.findings > 300
    assert contents(dask_store) == contents(local)
    assert sockets, "the scheduler and workers listen while the scan runs"
    assert {ip for ip, _ in sockets} == {"127.0.0.1"}
    assert pages == {}, "no dashboard and no info pages"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
        (["--engine", "ray"], "'ray' is not one of"),
    ],
)
def test_a_scheduler_without_the_dask_engine_or_an_unknown_engine_is_a_usage_error(tmp_path, arguments, message):
    (tmp_path / "note.txt").write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(tmp_path / "note.txt"), "--store", str(tmp_path / "a.db"), "--no-progress", *arguments])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert not (tmp_path / "a.db").exists()


def test_the_dask_engine_without_dask_installed_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "auditor.engines.dask_cluster", raising=False)
    with pytest.raises(EngineError, match=r"pip install 'phi-audit\[dask\]'"):
        make_engine("dask")


def test_a_pool_worker_killed_mid_scan_is_a_clear_error_and_the_scan_resumes(tmp_path):
    """A worker killed mid-scan (the OOM killer, kill -9) stops the scan with `WorkersLost`, which says that
    what was saved is kept and how to resume; the run is marked, and the same scan again skips what was saved
    and completes the store with nothing doubled."""
    import multiprocessing
    import os
    import signal

    from auditor.engines import WorkersLost
    from auditor.engines.local import LocalEngine

    corpus = tmp_path / "photos"
    corpus.mkdir()
    photo = (SAMPLE / "photos" / "IMG_0415.jpg").read_bytes()
    for index in range(400):
        (corpus / f"p{index:03d}.jpg").write_bytes(photo + index.to_bytes(4, "big"))  # 400 distinct items
    store = tmp_path / "audit.db"
    killed = []

    def kill_a_worker(_count: int) -> None:
        if not killed:
            killed.append(multiprocessing.active_children()[0].pid)
            os.kill(killed[0], signal.SIGKILL)

    with pytest.raises(WorkersLost, match="running the same command again resumes"):
        scan([corpus], store, engine=LocalEngine(2), scanner_names=["image_metadata"], progress=kill_a_worker)
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT status FROM runs").fetchone() == ("workers lost",)
        assert 0 < db.execute("SELECT COUNT(*) FROM items").fetchone()[0] < 400
    resumed = scan([corpus], store, engine=LocalEngine(1), scanner_names=["image_metadata"])
    assert resumed.skipped > 0 and resumed.scanned + resumed.skipped == 400
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*), COUNT(DISTINCT locator) FROM items").fetchone() == (400, 400)


def test_an_engine_error_listed_as_lost_becomes_workers_lost_and_cancels_the_rest():
    from auditor.engines import WorkersLost, bounded

    class Future:
        def __init__(self, fails: bool) -> None:
            self.fails, self.cancelled = fails, False

        def result(self):
            if self.fails:
                raise ConnectionResetError("scheduler went away")
            return []

        def cancel(self) -> None:
            self.cancelled = True

    class Batch:
        items: list = []

    futures = [Future(fails=index == 1) for index in range(4)]
    submitted = iter(futures)
    run = bounded([Batch() for _ in futures], lambda items: next(submitted), lambda pending: pending[:1], lambda: 3, lost=(OSError,))
    with pytest.raises(WorkersLost, match="ConnectionResetError: scheduler went away"):
        list(run)
    assert [f.cancelled for f in futures] == [False, False, True, True]  # the batches still in flight are cancelled
