"""Scanning into the store: findings are kept masked, a re-scan skips what is unchanged, a new policy
re-scores without re-scanning, one failing item never stops the scan, and a killed scan resumes exactly."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from PIL import Image

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.pipeline import rescore, scan
from auditor.policy import load_policy
from auditor.scanners import REGISTRY
from auditor.scanners.base import PartialScan, Scanner
from auditor.store import FindingsStore, StoreError
from scripts.kill_resume import saved_items

pytestmark = pytest.mark.slow

RAW_NAME = "Margaret Okonkwo"
RAW_PHONE = "(617) 555-0143"


def make_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "media").mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "white").save(root / "media" / "xray.png")
    posts = [
        {"id": "p1", "text": f"My name is {RAW_NAME}, call me at {RAW_PHONE}. Just diagnosed with lupus.", "author": "@mo"},
        {"id": "p2", "text": "Nothing personal here, just a sunny day.", "media": ["media/xray.png"]},
        {"id": "p3", "text": f"{RAW_NAME} again, no health talk."},
    ]
    (root / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in posts) + "\n", encoding="utf-8")
    (root / "note.txt").write_text("Follow-up for her metformin refill.", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> tuple[Path, Path]:
    root = make_corpus(tmp_path_factory.mktemp("corpus"))
    store = tmp_path_factory.mktemp("store") / "audit.db"
    scan([root], store)
    return root, store


def test_findings_keep_masked_evidence_and_a_keyed_digest_never_the_raw_value(scanned):
    _, store_path = scanned
    with FindingsStore.open_existing(store_path) as store:
        findings = list(store.findings())
    names = [f for f in findings if f.item == "posts.jsonl#p1" and f.entity == "PERSON"]
    assert [f.evidence for f in names] == ["M******* O******"]
    assert all(len(f.digest) == 64 for f in findings)
    raw = b"".join(Path(str(store_path) + suffix).read_bytes() for suffix in ("", "-wal") if Path(str(store_path) + suffix).exists())
    assert RAW_NAME.encode() not in raw and b"555-0143" not in raw


def test_the_same_name_in_two_items_has_the_same_digest(scanned):
    _, store_path = scanned
    with FindingsStore.open_existing(store_path) as store:
        digests = {f.item: f.digest for f in store.findings() if f.entity == "PERSON"}
    assert digests["posts.jsonl#p1"] == digests["posts.jsonl#p3"]


def test_the_store_file_and_its_write_ahead_log_are_owner_only(scanned):
    _, store_path = scanned
    with FindingsStore.open_existing(store_path):  # holds the WAL open
        companions = [Path(f"{store_path}{suffix}") for suffix in ("", "-wal", "-shm")]
        modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in companions if path.exists()}
    assert len(modes) >= 2 and set(modes.values()) == {0o600}


def test_a_post_is_judged_with_its_media(scanned):
    _, store_path = scanned
    with FindingsStore.open_existing(store_path) as store:
        verdicts = {v.item: v for v in store.verdicts("hipaa-safe-harbor")}
        errors = store.errors()
    assert verdicts["posts.jsonl#p1"].risk == "high"
    assert verdicts["posts.jsonl#p3"].risk == "low"
    assert verdicts["posts.jsonl#p2"].complete is True
    assert errors == []


def test_a_part_no_scanner_read_is_lost_coverage_for_the_item_and_its_post(tmp_path, monkeypatch):
    monkeypatch.setattr("auditor.pipeline.RESCORE_CHUNK", 1)  # the post and its media judged in different chunks
    root = make_corpus(tmp_path / "corpus")
    scan([root], tmp_path / "audit.db", scanner_names=["text"])
    with FindingsStore.open_existing(tmp_path / "audit.db") as store:
        verdicts = {v.item: v for v in store.verdicts("hipaa-safe-harbor")}
        reasons = sorted(e.reason for e in store.errors() if e.item == "media/xray.png" and e.stage == "not_scanned")
    assert verdicts["posts.jsonl#p2"].complete is False and verdicts["media/xray.png"].complete is False
    assert len(reasons) == 4
    for part in ("metadata", "burned-in text", "faces", "barcodes"):
        assert sum(part in reason for reason in reasons) == 1, part


def test_a_rescan_of_an_unchanged_corpus_skips_every_scanned_item_and_starts_no_worker(tmp_path, monkeypatch):
    root = make_corpus(tmp_path / "corpus")
    store = tmp_path / "audit.db"
    first = scan([root], store)
    with monkeypatch.context() as patched:
        patched.setattr("auditor.engines.local.LocalEngine.run", _no_engine_may_start)
        second = scan([root], store, workers=2)
    assert (first.scanned, second.scanned, second.skipped) == (5, 0, 5)
    assert second.risk_counts == first.risk_counts
    (root / "note.txt").write_text("Changed: my sister Ana Lucia Ferreira has diabetes.", encoding="utf-8")
    third = scan([root], store)
    assert (third.scanned, third.skipped) == (1, 4)


def test_an_unchanged_rescan_keeps_the_verdicts_it_can_trust_and_judges_again_otherwise(tmp_path, monkeypatch):
    import auditor.pipeline as pipeline

    root = make_corpus(tmp_path / "corpus")
    with (root / "posts.jsonl").open("a", encoding="utf-8") as posts:
        posts.write('{"id": "broken", "text": \n')  # an unreadable record: recorded once, not again
    store = tmp_path / "audit.db"
    first = scan([root], store)
    assert first.unreadable == 1
    judged = []
    real = pipeline.rescore
    monkeypatch.setattr(pipeline, "rescore", lambda *args: judged.append(1) or real(*args))
    again = scan([root], store)
    assert (again.scanned, judged, again.risk_counts) == (0, [], first.risk_counts)  # nothing written, same policy
    stricter = load_policy("hipaa-safe-harbor").model_copy(update={"min_score": 0.99})  # same name and version
    scan([root], store, policy=stricter)
    assert judged == [1]  # the policy's content changed
    scan([root], store, policy=stricter)
    assert judged == [1]
    with FindingsStore.open_existing(store) as saved:  # a run since then that may have written, and died unjudged
        saved.start_run([str(root)], "hipaa-safe-harbor", "x", {})
    scan([root], store, policy=stricter)
    assert judged == [1, 1]


def test_verdicts_judged_as_each_batch_is_saved_are_those_judging_every_item_anew_gives(tmp_path):
    root = make_corpus(tmp_path / "corpus")
    store = tmp_path / "audit.db"

    def verdicts_after_scan() -> dict[str, tuple]:
        scan([root], store)
        with FindingsStore.open_existing(store) as saved:
            kept = {v.item: (v.risk, v.rules, v.identifiers, v.complete) for v in saved.verdicts("hipaa-safe-harbor")}
        (tmp_path / "copy.db").write_bytes(store.read_bytes())  # the log is checkpointed when the scan closes the store
        with FindingsStore.open_existing(tmp_path / "copy.db") as copy:
            rescore(copy, load_policy("hipaa-safe-harbor"))
            anew = {v.item: (v.risk, v.rules, v.identifiers, v.complete) for v in copy.verdicts("hipaa-safe-harbor")}
        assert kept == anew
        return kept

    first = verdicts_after_scan()
    # a post gains a medium that names a phone number, a later post links to it, a new note comes
    posts = [json.loads(line) for line in (root / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    posts[1]["media"].append("media/letter.txt")
    posts[2]["media"] = ["media/letter.txt"]
    (root / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in posts) + "\n", encoding="utf-8")
    (root / "media" / "letter.txt").write_text(f"Ring the ward on {RAW_PHONE}.", encoding="utf-8")
    (root / "new.txt").write_text(f"{RAW_NAME} was admitted with asthma.", encoding="utf-8")
    second = verdicts_after_scan()
    assert second["posts.jsonl#p2"] != first["posts.jsonl#p2"] and second["posts.jsonl#p3"] != first["posts.jsonl#p3"]
    (root / "media" / "letter.txt").write_text(f"Ring {RAW_NAME} on {RAW_PHONE} about the lupus.", encoding="utf-8")
    changed = verdicts_after_scan()  # the medium alone changed: both posts that count it are judged again
    assert changed["posts.jsonl#p2"] != second["posts.jsonl#p2"] and changed["posts.jsonl#p3"] != second["posts.jsonl#p3"]
    (root / "media" / "letter.txt").unlink()  # each post's missing medium is an error on a post already saved
    third = verdicts_after_scan()
    assert not third["posts.jsonl#p2"][3] and not third["posts.jsonl#p3"][3]
    assert verdicts_after_scan() == third


def _no_engine_may_start(*_: object) -> None:
    raise AssertionError("an engine (worker processes, scanners, models) was started for a scan with nothing to scan")


def test_an_item_a_scanner_failed_on_is_tried_again_on_the_next_scan(tmp_path, monkeypatch):
    root = make_corpus(tmp_path / "corpus")
    store = tmp_path / "audit.db"
    with monkeypatch.context() as patched:
        patched.setattr(
            "auditor.scanners.image_metadata.scanner.ImageMetadataScanner.unavailable_reason", lambda self: "its library is missing"
        )
        scan([root], store)
    again = scan([root], store)
    assert (again.scanned, again.skipped) == (1, 4)  # the image, whose metadata scanner could not run
    with FindingsStore.open_existing(store) as saved:
        assert not [e for e in saved.errors() if e.item.endswith("xray.png")]


def test_parts_the_chosen_scanners_do_not_read_stay_unscanned_until_a_scan_with_every_scanner(tmp_path):
    root = make_corpus(tmp_path / "corpus")
    store = tmp_path / "audit.db"
    scan([root], store, scanner_names=["text"])
    again = scan([root], store, scanner_names=["text"])
    assert (again.scanned, again.skipped) == (0, 5)  # the same scanners again would leave the same parts unread
    with FindingsStore.open_existing(store) as saved:
        image = [e.stage for e in saved.errors() if e.item.endswith("xray.png")]
        assert image and set(image) == {"not_scanned"}  # still incomplete: never reported as safe
    full = scan([root], store)
    assert (full.scanned, full.skipped) == (5, 0)  # other scanners: every item is scanned again


def test_a_new_policy_rescores_the_store_without_rescanning(scanned):
    _, store_path = scanned
    with FindingsStore.open_existing(store_path) as store:
        counts = rescore(store, load_policy("gdpr-article9"))
        gdpr = {v.item: v for v in store.verdicts("gdpr-article9")}
        hipaa = {v.item: v for v in store.verdicts("hipaa-safe-harbor")}
    assert gdpr["note.txt"].risk == "medium" and hipaa["note.txt"].risk == "none"
    assert sum(counts.values()) == len(gdpr)


class ExplodingScanner(Scanner):
    """A scanner that fails on one particular item, to show the failure stays with that item."""

    name = "exploding"
    version = "1"
    kinds: ClassVar[frozenset[str]] = frozenset({"post"})
    covers = frozenset({"text"})

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding]]:
        if any("p2" in item.locator for item in items):
            raise RuntimeError("cannot read this one")
        return [[] for _ in items]


def test_a_scanner_failing_on_one_item_records_that_item_error_and_scans_the_rest(tmp_path, monkeypatch):
    monkeypatch.setitem(REGISTRY, "exploding", f"{__name__}:ExplodingScanner")
    root = make_corpus(tmp_path / "corpus")
    summary = scan([root], tmp_path / "audit.db", scanner_names=["text", "exploding"])
    with FindingsStore.open_existing(tmp_path / "audit.db") as store:
        errors = [(e.item, e.stage, e.reason) for e in store.errors() if e.stage.startswith("scan")]
        items = {i.locator: i.complete for i in store.items()}
    assert errors == [("posts.jsonl#p2", "scan:exploding", "RuntimeError: cannot read this one")]
    assert items["posts.jsonl#p1"] and items["posts.jsonl#p3"] and not items["posts.jsonl#p2"]
    assert summary.scanned == 5


def test_a_file_that_is_not_a_store_is_refused_clearly(tmp_path):
    (tmp_path / "x.db").write_text("not sqlite")
    with pytest.raises(StoreError, match="not a phi-audit findings store"):
        FindingsStore.open_existing(tmp_path / "x.db")
    with pytest.raises(StoreError, match="no findings store"):
        FindingsStore.open_existing(tmp_path / "missing.db")


def test_a_store_of_another_schema_version_is_refused(tmp_path):
    FindingsStore.create_or_open(tmp_path / "a.db").close()
    with sqlite3.connect(tmp_path / "a.db") as db:
        db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        FindingsStore.open_existing(tmp_path / "a.db")


def _findings_table(store_path: Path) -> list[tuple]:
    with sqlite3.connect(store_path) as db:
        return sorted(db.execute("SELECT item, field, entity, span_start, span_end, evidence, digest FROM findings").fetchall())


def test_a_scan_killed_mid_way_resumes_to_exactly_the_findings_of_an_uninterrupted_scan(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    posts = [
        {
            "id": f"k{n}",
            "text": f"Post {n}: I'm Dana Whitfield-{n % 7}, my MRN is {4810000 + n}, on insulin since March {n % 27 + 1}, 2019.",
        }
        for n in range(400)
    ]
    (root / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in posts) + "\n", encoding="utf-8")
    reference = tmp_path / "reference.db"
    scan([root], reference)
    # copy the digest key so the interrupted store's digests are comparable with the reference's
    killed = tmp_path / "killed.db"
    FindingsStore.create_or_open(killed).close()
    with sqlite3.connect(killed) as db, sqlite3.connect(reference) as ref:
        db.execute(
            "UPDATE meta SET value=? WHERE key='digest_key'", ref.execute("SELECT value FROM meta WHERE key='digest_key'").fetchone()
        )
    command = [sys.executable, "-m", "auditor.cli", "scan", str(root), "--store", str(killed), "--no-progress"]
    for _ in range(2):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and saved_items(killed) < 60 + 100 * _:
            time.sleep(0.2)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    partial = saved_items(killed)
    assert 0 < partial < 400, "the kill should land mid-scan"
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert _findings_table(killed) == _findings_table(reference)
    with sqlite3.connect(killed) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM items").fetchone() == (400,)


class HalfReadingScanner(Scanner):
    """Reads part of every post: returns a PartialScan carrying what it found in that part."""

    name = "half"
    version = "1"
    kinds: ClassVar[frozenset[str]] = frozenset({"post"})
    covers = frozenset({"text"})

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        found = [
            Finding(item.locator, "text", "text", "PERSON", "names", None, (0, 2), None, 0.9, self.name, "A*", keeper.digest("Al", "names"))
            for item in items
        ]
        return [PartialScan("second half not read", [finding]) for finding in found]


def test_a_partial_scan_keeps_its_findings_and_marks_the_item_not_fully_scanned(tmp_path, monkeypatch):
    monkeypatch.setitem(REGISTRY, "half", f"{__name__}:HalfReadingScanner")
    root = make_corpus(tmp_path / "corpus")
    scan([root], tmp_path / "audit.db", scanner_names=["half"])
    with FindingsStore.open_existing(tmp_path / "audit.db") as store:
        findings = [f for f in store.findings() if f.item == "posts.jsonl#p1"]
        errors = [e for e in store.errors() if e.item == "posts.jsonl#p1"]
        complete = {i.locator: i.complete for i in store.items()}
    assert [(f.scanner, f.entity) for f in findings] == [("half", "PERSON")]
    assert [(e.stage, e.reason) for e in errors] == [("scan:half", "PartialScan: second half not read")]
    assert complete["posts.jsonl#p1"] is False
