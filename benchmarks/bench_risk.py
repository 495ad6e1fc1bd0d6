"""Speed and memory of `phi-audit risk` on a large store: wall time and peak RSS of the command's process.

    .venv/bin/python benchmarks/bench_risk.py [--items 100000] [--work DIR]

Builds a store of N items without scanning (a scan of 100,000 posts takes minutes and is measured by
bench_scale.py): posts, every fifth with an image, each post naming an identifier digest shared with one
other post (so the person-cluster pass has work), and quasi-identifier records spread over age band, sex,
state and month as a real corpus's would be (many classes, some unique). Then runs `python -m auditor risk
--format json` in a process of its own, sampling its resident memory every 0.1 s, once with the default quasi
set and once with `--quasi age,sex,state`. The store is read in chunks of 5,000 subjects; memory follows the
number of equivalence classes, not the number of items.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from auditor.age_bands import AGE_BANDS
from auditor.model import Finding, Item
from auditor.risk.quasi import QuasiIdentifiers
from auditor.scanners.text.recognizers._places import STATES
from auditor.store import FindingsStore, quasi_store


def build(path: Path, items: int) -> int:
    """A store of about `items` items (posts and their images); returns how many."""
    rng = random.Random(15)
    states = list(STATES)
    made = 0
    with FindingsStore.create_or_open(path) as store:
        run = store.start_run(["generated"], "hipaa-safe-harbor", "1", {})
        batch: list[tuple[Item, list[Finding], QuasiIdentifiers]] = []
        number = 0
        while made < items:
            locator = f"posts.jsonl#{number:06d}"
            record = QuasiIdentifiers(
                locator,
                rng.choice(AGE_BANDS) if rng.random() < 0.6 else None,
                rng.choice("FM") if rng.random() < 0.7 else None,
                rng.choice(states) if rng.random() < 0.5 else None,
                month=f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}",
                health=("condition",) if rng.random() < 0.5 else (),
            )
            finding = Finding(locator, "text", "text", "PERSON", "names", None, (0, 4), None, 0.9, "text", "J***", f"n{number // 2}")
            batch.append((Item(locator, "post", "h", author=f"@user{number % 5000}"), [finding], record))
            made += 1
            if number % 5 == 0 and made < items:
                media = f"media/{number:06d}.jpg"
                batch.append((Item(media, "image", "h", parent=locator), [], QuasiIdentifiers(media, modality="XR", body_part="CHEST")))
                made += 1
            number += 1
            if len(batch) >= 1000:
                _save(store, batch, run)
                batch = []
        _save(store, batch, run)
    return made


def _save(store: FindingsStore, batch: list, run: int) -> None:
    store.save_items(
        [(item, findings, []) for item, findings, _ in batch], "{}", run, also=quasi_store.writer(record for _, _, record in batch)
    )


def measure(store: Path, extra: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit code) of `phi-audit risk` on the store."""
    command = [sys.executable, "-m", "auditor", "risk", "--store", str(store), "--format", "json", *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    if process.returncode not in (0, 1):
        raise SystemExit(process.stderr.read().decode())
    return time.perf_counter() - started, peak / 2**20, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-risk-"))
    work.mkdir(parents=True, exist_ok=True)
    store = work / "audit.db"
    if store.exists():
        store.unlink()
    started = time.perf_counter()
    made = build(store, args.items)
    print(f"built a store of {made} items in {time.perf_counter() - started:.1f} s ({store})")
    print(f"{'quasi set':<24} {'seconds':>8} {'peak RSS MiB':>13} {'exit':>5}")
    for label, extra in (("default (age,sex,region,month)", []), ("age,sex,state", ["--quasi", "age,sex,state"])):
        seconds, peak, code = measure(store, extra)
        print(f"{label:<24} {seconds:>8.1f} {peak:>13.0f} {code:>5}")


if __name__ == "__main__":
    main()
