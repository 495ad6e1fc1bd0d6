"""Memory and incremental speed of a large scan: peak RSS of all processes, first scan vs unchanged re-scan.

    .venv/bin/python benchmarks/bench_scale.py [--items 100000] [--workers 2] [--engine local|dask] [--work DIR]

Generates N posts with data/make_sample.py (one posts.jsonl: the largest single file the reader has to
hold is part of the measurement), then runs, each as `python -m auditor` in a process of its own while
sampling the resident memory of that process and all its descendants (workers, Dask nannies) every
0.2 s:
  1. the first scan,
  2. a re-scan of the unchanged corpus (content hashes: nothing should be scanned, no worker started),
  3. `report --policy gdpr-article9` (re-scores the store under another policy without re-scanning).
Prints one table: wall time, items/s, peak RSS in all, peak RSS of the main process, most processes seen.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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
    subprocess.run([sys.executable, str(REPO / "data" / "make_sample.py"), "--posts", str(items), "--out", str(generated)], check=True, capture_output=True)
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


def measure(label: str, arguments: list[str]) -> Run:
    """Run `python -m auditor ARGUMENTS`, sampling the RSS of its whole process tree until it ends."""
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "auditor", *arguments], cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
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
        if time.perf_counter() - reported > REPORT_SECONDS:
            reported = time.perf_counter()
            print(f"  {label}: {reported - started:.0f} s, RSS now {sum(sizes) / 2**20:.0f} MiB in {len(tree)} processes, peak {peak_total / 2**20:.0f} MiB", file=sys.stderr, flush=True)
        time.sleep(SAMPLE_SECONDS)
    stdout = process.communicate()[0]
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"{label}: exit {process.returncode}\n{stdout}")
    return Run(label, seconds, peak_total, peak_main, most, stdout)


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
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = make_posts(args.items, work)
        store = work / "audit.db"
        scan = ["scan", str(corpus), "--store", str(store), "--workers", str(args.workers), "--engine", args.engine, "--no-progress", "--json"]
        first = measure("first scan", scan)
        again = measure("re-scan, unchanged", scan)
        rescored = measure("report --policy gdpr-article9", ["report", "--store", str(store), "--policy", "gdpr-article9", "--format", "json"])
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    summaries = [json.loads(first.stdout), json.loads(again.stdout)]
    print(f"{args.items} posts, engine {args.engine}, {args.workers} workers, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"first scan: {summaries[0]['scanned']} scanned, {summaries[0]['findings']} findings; re-scan: {summaries[1]['scanned']} scanned, {summaries[1]['skipped_unchanged']} unchanged")
    print(f"| run | seconds | items/s | peak RSS, all processes | peak RSS, main process | processes |")
    print("| --- | --- | --- | --- | --- | --- |")
    for run in (first, again, rescored):
        print(f"| {run.label} | {run.seconds:.1f} | {args.items / run.seconds:.0f} | {run.peak_total / 2**20:.0f} MiB | {run.peak_main / 2**20:.0f} MiB | {run.most_processes} |")
    print(f"re-scan speed-up: {first.seconds / again.seconds:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
