"""Crash-safety check: SIGKILL a scan at random points, resume it, repeat, and compare with an uninterrupted scan.

A reference store is made by one uninterrupted scan. Then, round after round, the same scan is started on a
second store and killed with SIGKILL after a random delay (anywhere from start-up to the reference scan's
whole duration); the next round resumes it. Whenever a round finishes on its own, and at the very end after
one last uninterrupted resume, the store must hold exactly the reference's items, findings, errors and
verdicts (none lost, none doubled) and pass `PRAGMA integrity_check`; a finished store is then started afresh.

    python scripts/kill_resume.py [CORPUS] [--rounds 20] [--seed 7] [--scanners dicom_header,image_metadata]

Without --scanners the real command line (`python -m auditor scan`) with every scanner is killed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What must be equal between the resumed store and the reference (row ids and run ids excluded).
_TABLES = {
    "items": "SELECT locator, kind, parent, author, created_at, size, content_hash, scanned_with, complete FROM items",
    "findings": "SELECT item, source, field, entity, identifier, health, span_start, span_end, bbox, score, scanner, evidence, digest FROM findings",
    "errors": "SELECT item, stage, reason FROM errors",
    "verdicts": "SELECT item, policy, policy_version, risk, rules, identifiers, health, complete FROM verdicts",
}


@dataclass
class Outcome:
    kills: int = 0
    kills_mid_write: int = 0  # kills after which the store held more items than before the round, but not all
    completions: int = 0
    checks: list[dict] = field(default_factory=list)  # one per comparison with the reference

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(check["equal"] and check["integrity"] == "ok" for check in self.checks)


def scan_command(corpus: Path, store: Path, scanners: list[str] | None) -> list[str]:
    """The scan to kill: the CLI with every scanner, or the Python API with only `scanners` (fast, no models)."""
    if scanners is None:
        return [sys.executable, "-m", "auditor", "scan", str(corpus), "--store", str(store), "--no-progress"]
    code = f"from auditor.pipeline import scan; scan([{str(corpus)!r}], {str(store)!r}, scanner_names={scanners!r})"
    return [sys.executable, "-c", code]


def table_rows(store: Path) -> dict[str, Counter]:
    """Every row of the compared tables, counted (a doubled finding counts twice)."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return {table: Counter(db.execute(sql).fetchall()) for table, sql in _TABLES.items()}


def compare(store: Path, reference: dict[str, Counter]) -> dict:
    """How `store` differs from the reference rows: rows lost and doubled (or extra) per table, and integrity."""
    rows = table_rows(store)
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    lost = {table: sum((reference[table] - rows[table]).values()) for table in _TABLES}
    extra = {table: sum((rows[table] - reference[table]).values()) for table in _TABLES}
    return {"equal": rows == reference, "integrity": integrity, "lost": lost, "extra": extra, "findings": sum(rows["findings"].values())}


def saved_items(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    except sqlite3.Error:
        return 0


def new_store_with_key(store: Path, reference: Path) -> None:
    """An empty store holding the reference's digest key, so both stores' digests can be compared."""
    from auditor.store import FindingsStore

    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    FindingsStore.create_or_open(store).close()
    with sqlite3.connect(store) as db, sqlite3.connect(reference) as ref:
        db.execute(
            "UPDATE meta SET value=? WHERE key='digest_key'", ref.execute("SELECT value FROM meta WHERE key='digest_key'").fetchone()
        )


def run(command: list[str], env: dict[str, str], timeout: float) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"scan failed ({result.returncode}): {result.stderr[-2000:]}")


def kill_and_resume(
    corpus: Path, workdir: Path, rounds: int, scanners: list[str] | None = None, seed: int = 0, log: Callable[[str], None] = print
) -> Outcome:
    """`rounds` random SIGKILLs of a scan of `corpus`, each resumed by the next, checked against a reference."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    reference_store, store = workdir / "reference.db", workdir / "killed.db"
    started = time.monotonic()
    run(scan_command(corpus, reference_store, scanners), env, timeout=1800)
    duration = time.monotonic() - started
    reference = table_rows(reference_store)
    log(f"reference scan: {duration:.1f} s, {sum(reference['items'].values())} items, {sum(reference['findings'].values())} findings")
    rng = random.Random(seed)
    outcome = Outcome()
    new_store_with_key(store, reference_store)
    for number in range(1, rounds + 1):
        before = saved_items(store)
        delay = rng.uniform(0.0, duration)
        process = subprocess.Popen(scan_command(corpus, store, scanners), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            outcome.kills += 1
            after = saved_items(store)
            outcome.kills_mid_write += before < after < len(reference["items"])
            log(f"round {number}: killed after {delay:.2f} s with {after} item(s) saved (was {before})")
            continue
        outcome.completions += 1
        check = compare(store, reference)
        outcome.checks.append(check)
        log(f"round {number}: finished on its own before {delay:.2f} s; {_describe(check)}; starting a fresh store")
        new_store_with_key(store, reference_store)
    run(scan_command(corpus, store, scanners), env, timeout=1800)
    check = compare(store, reference)
    outcome.checks.append(check)
    log(f"final resume: {_describe(check)}")
    return outcome


def _describe(check: dict) -> str:
    verdict = "equal to the reference" if check["equal"] else f"DIFFERENT (lost {check['lost']}, extra {check['extra']})"
    return f"{check['findings']} findings, {verdict}, integrity_check {check['integrity']}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / "data" / "sample")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scanners", help="comma-separated scanner names (default: the CLI with every scanner)")
    parser.add_argument("--workdir", type=Path, help="where the stores go (default: a temporary folder, removed after)")
    args = parser.parse_args()
    workdir = args.workdir or Path(os.environ.get("TMPDIR", "/tmp")) / f"kill-resume-{os.getpid()}"
    try:
        outcome = kill_and_resume(args.corpus, workdir, args.rounds, args.scanners.split(",") if args.scanners else None, args.seed)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(
        json.dumps(
            {
                "kills": outcome.kills,
                "kills_mid_write": outcome.kills_mid_write,
                "completions": outcome.completions,
                "checks": outcome.checks,
                "ok": outcome.ok,
            }
        )
    )
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
