"""Memory and incremental speed of a large scan: peak RSS of all processes, first scan vs unchanged re-scan.

    .venv/bin/python benchmarks/bench_scale.py [--items 100000] [--workers 2] [--engine local|dask] [--work DIR] [--time-limit S]

Generates N posts with data/make_sample.py (one posts.jsonl: the largest single file the reader has to
hold is part of the measurement), then runs, each as `python -m auditor` in a process of its own while
sampling the resident memory of that process and all its descendants (workers, Dask nannies) every
0.2 s:
  1. the first scan,
  2. a re-scan of the unchanged corpus (content hashes: nothing should be scanned, no worker started),
  3. `report --policy gdpr-article9` (re-scores the store under another policy without re-scanning).
Prints one table: wall time, items/s, peak RSS in all, peak RSS of the main process, most processes seen.
On a machine too slow for the whole corpus, `--time-limit S` interrupts the first scan after S seconds (as
Ctrl-C does), cuts the corpus down to the posts that scan saved, and measures steps 2 and 3 on those.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.2
#: How often a long run reports its memory so far on stderr.
REPORT_SECONDS = 60


@dataclass
class Run:
    label: str
    seconds: float
    peak_total: int
    peak_main: int
    most_processes: int
    stdout: str


def make_posts(items: int, work: Path) -> Path:
    """A folder holding one posts.jsonl of `items` generated posts (with their PHI and health talk), their
    references to media dropped (only the posts are written here); the generator's malformed line stays."""
    generated = work / "generated"
    subprocess.run(
        [sys.executable, str(REPO / "data" / "make_sample.py"), "--posts", str(items), "--out", str(generated)],
        check=True,
        capture_output=True,
    )
    corpus = work / "corpus"
    corpus.mkdir(exist_ok=True)
    with (generated / "posts.jsonl").open(encoding="utf-8") as source, (corpus / "posts.jsonl").open("w", encoding="utf-8") as target:
        for line in source:
            target.write(_without_media(line))
    shutil.rmtree(generated)
    return corpus


def _without_media(line: str) -> str:
    try:
        record = json.loads(line)
    except ValueError:
        return line
    record.pop("media", None)
    return json.dumps(record, ensure_ascii=False) + "\n"


def cut_to_scanned(corpus: Path, store: Path) -> int:
    """Keep only the posts of `corpus` that `store` holds (after an interrupted first scan); returns how many."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        scanned = {locator.split("#", 1)[1] for (locator,) in db.execute("SELECT locator FROM items WHERE kind = 'post'")}
    lines = (corpus / "posts.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if _post_id(line) in scanned]
    (corpus / "posts.jsonl").write_text("".join(kept), encoding="utf-8")
    return len(kept)


def _post_id(line: str) -> str | None:
    try:
        return str(json.loads(line)["id"])
    except (ValueError, KeyError):
        return None


def measure(label: str, arguments: list[str], time_limit: float | None = None) -> Run:
    """Run `python -m auditor ARGUMENTS`, sampling the RSS of its whole process tree until it ends (or, past
    `time_limit` seconds, interrupting it as Ctrl-C would)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", *arguments],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=_take_interrupts,
    )
    root = psutil.Process(process.pid)
    peak_total = peak_main = most = 0
    reported = started
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        sizes = [_rss(p) for p in tree]
        peak_total, peak_main, most = max(peak_total, sum(sizes)), max(peak_main, sizes[0]), max(most, len(tree))
        if time_limit is not None and time.perf_counter() - started > time_limit:
            process.send_signal(signal.SIGINT)
            time_limit = None
        if time.perf_counter() - reported > REPORT_SECONDS:
            reported = time.perf_counter()
            print(
                f"  {label}: {reported - started:.0f} s, RSS now {sum(sizes) / 2**20:.0f} MiB in {len(tree)} processes, peak {peak_total / 2**20:.0f} MiB",
                file=sys.stderr,
                flush=True,
            )
        time.sleep(SAMPLE_SECONDS)
    stdout = process.communicate()[0]
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1, 130):
        raise SystemExit(f"{label}: exit {process.returncode}\n{stdout}")
    return Run(label, seconds, peak_total, peak_main, most, stdout)


def _take_interrupts() -> None:
    """A background job ignores SIGINT and its children inherit that; the scan must take Ctrl-C (--time-limit)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:  # ended between listing and reading
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="posts to generate (default 100,000)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--work", type=Path, help="folder for the corpus and the store (default: a temporary one, removed)")
    parser.add_argument("--time-limit", type=float, help="interrupt the first scan after this many seconds and go on with what it scanned")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = make_posts(args.items, work)
        store = work / "audit.db"
        scan = [
            "scan",
            str(corpus),
            "--store",
            str(store),
            "--workers",
            str(args.workers),
            "--engine",
            args.engine,
            "--no-progress",
            "--json",
        ]
        first = measure("first scan", scan, args.time_limit)
        items = cut_to_scanned(corpus, store) if args.time_limit else args.items
        again = measure("re-scan, unchanged", scan)
        rescored = measure(
            "report --policy gdpr-article9", ["report", "--store", str(store), "--policy", "gdpr-article9", "--format", "json"]
        )
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    rescan = json.loads(again.stdout)
    print(
        f"{args.items} posts, engine {args.engine}, {args.workers} workers, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"first scan: {first.stdout.strip() or 'interrupted'}; {items} posts scanned")
    print(f"re-scan: {rescan['scanned']} scanned, {rescan['skipped_unchanged']} unchanged")
    print("| run | seconds | items/s | peak RSS, all processes | peak RSS, main process | processes |")
    print("| --- | --- | --- | --- | --- | --- |")
    for run in (first, again, rescored):
        print(
            f"| {run.label} | {run.seconds:.1f} | {items / run.seconds:.0f} | {run.peak_total / 2**20:.0f} MiB | {run.peak_main / 2**20:.0f} MiB | {run.most_processes} |"
        )
    print(f"re-scan speed-up: {first.seconds / again.seconds:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
