"""DICOM header files per second of the `dicom_header` scanner (read + Annex E walk + findings), end to end
with the text scanner reading the free-text values of each batch in one call, and with that NLP stubbed, beside
pydicom's `dcmread` alone on the same bytes, on a few thousand files.

    .venv/bin/python benchmarks/bench_dicom_headers.py [--files 3000] [--batch 32]

The files are variants of the DICOM files shipped with pydicom (`pydicom/data/test_files`), pydicom-data and
deid-data: each variant gets its own PatientName, PatientID, AccessionNumber, dates and UIDs, written to a
temporary folder and read back as bytes (disk reads are not timed). Items are scanned in batches of `--batch`, as
the pipeline sends them; spaCy and the recognizers are loaded before timing (their start-up is printed apart).
`dcmread` alone and the two scans take turns on chunks of ten batches, so that other work on the machine slows
each alike: compare the ratios, not files/s across runs.
Prints one table: all files, and the image files only (no DICOMDIR, SR, RT structure sets, waveforms: those carry
hundreds of nested records each). `--workers N` adds the same runs spread over N processes (spawned and warmed
before timing, each batch sent to the next free worker as the pipeline does): "on 2 cores" is `--workers 2`. The
pool's runs go twice: with each file's whole payload, and with only the bytes before its pixels, cut in the main
process (`reader.without_pixels`, timed) as a headers-only scan (`phi-audit scan --scanners dicom_header`) sends them.

`--cli FOLDER` times the real thing instead: it writes the variant files to FOLDER (or uses the `.dcm` files already
there) and runs `phi-audit scan FOLDER --scanners dicom_header --workers N` (1, and `--workers` when above 1) in a
process of its own into a new store, from its start to its end (imports, worker start-up and model loading, the
store and the policy's verdicts included), with the CPU seconds of that process and its workers (the steadier
figure on a shared machine). Then the same scan through the Python API (`auditor.pipeline.scan`, what
the CLI calls) in a process of its own, noting when each item is saved: when the first is, and the rate after it,
once every worker has its models loaded:

    .venv/bin/python benchmarks/bench_dicom_headers.py --files 3000 --workers 2 --cli /tmp/dicom-variants

`--compare-to REV` checks instead that the code of git revision REV and the working tree make identical findings
(every field, text scanner included, under one fixed key) on the same variant files, each in its own process; the
working tree reads each file as a headers-only scan sends it (without its pixels), REV as REV's scan does:

    .venv/bin/python benchmarks/bench_dicom_headers.py --files 3000 --compare-to main
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import glob
import importlib.util
import io
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The code to measure: this checkout, or the one `--compare-to` unpacked (it runs this script in a subprocess).
sys.path.insert(0, os.environ.get("BENCH_DICOM_CODE", str(ROOT)))

from auditor.evidence import EvidenceKeeper
from auditor.media.dicom import read_header
from auditor.model import Item
from auditor.scanners.dicom.header import DicomHeaderScanner
from auditor.scanners.text.scanner import TextScanner

_HEAVY_MODALITIES = {"SR", "RTSTRUCT", "RTPLAN", "RTDOSE", "ECG", "KO", "PR"}


class NoText:
    """Stands in for the text scanner, to show the header walk's own cost."""

    def detect(self, texts):
        return [[] for _ in texts]


def source_files() -> list[Path]:
    roots = []
    for package, sub in (("pydicom", "data/test_files"), ("data_store", "data"), ("deid_data", "data")):
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            roots.append(Path(list(spec.submodule_search_locations)[0]) / sub)
    return sorted(
        Path(p) for root in roots for p in glob.glob(str(root / "**" / "*"), recursive=True) if os.path.isfile(p) and "__pycache__" not in p
    )


def make_variants(count: int, folder: Path) -> list[tuple[Path, bool]]:
    """(path, is_plain_image) for `count` variant files written to `folder`."""
    from pydicom import dcmread
    from pydicom.uid import generate_uid

    bases = []
    for path in source_files():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                read_header(path.read_bytes())
                dataset = dcmread(path, force=True)
        except Exception:
            continue
        image = "Rows" in dataset and str(dataset.get("Modality", "")) not in _HEAVY_MODALITIES and "DirectoryRecordSequence" not in dataset
        bases.append((dataset, image))
    rng = random.Random(7)
    written = []
    for index in range(count):
        dataset, image = bases[index % len(bases)]
        dataset.PatientName = f"DOE{index}^JANE"
        dataset.PatientID = f"MRN{rng.randrange(10**7):07d}"
        dataset.AccessionNumber = f"A{index:08d}"
        dataset.StudyDate = f"20{rng.randrange(10, 25)}0{rng.randrange(1, 10)}1{rng.randrange(0, 10)}"
        dataset.SOPInstanceUID = generate_uid(entropy_srcs=[f"variant {index}"])  # the same files on every run
        path = folder / f"{index:05d}.dcm"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                dataset.save_as(path, enforce_file_format=False)
            read_header(path.read_bytes())
        except Exception:
            path.unlink(missing_ok=True)
            continue
        written.append((path, image))
    return written


def headers_only(batch: list[Item]) -> list[Item]:
    """The batch as a headers-only scan sends it to its workers: without the pixels, when the code can cut them."""
    try:
        from auditor.media.dicom import without_pixels
    except ImportError:  # code from before headers-only scans (`--compare-to`, `BENCH_DICOM_CODE`): whole files
        return batch
    return [dataclasses.replace(item, payload=without_pixels(item.payload)) for item in batch]


def read_only(batch: list[Item]) -> int:
    for item in batch:
        read_header(item.payload)
    return 0


def scan_with(scanner: DicomHeaderScanner, keeper: EvidenceKeeper):
    """A run: one batch through `scanner`, returning how many findings it made."""
    return lambda batch: sum(len(found) for found in scanner.scan_batch(batch, keeper))


def take_turns(items: list[Item], batch: int, runs: dict) -> dict[str, tuple[float, int]]:
    """(seconds, findings) of each run over all `items`, the runs taking turns on chunks of ten batches so that the
    machine's other load slows each alike. A run takes a list of batches and returns the findings it made."""
    totals = {name: (0.0, 0) for name in runs}
    for start in range(0, len(items), 10 * batch):
        batches = [items[at : at + batch] for at in range(start, min(start + 10 * batch, len(items)), batch)]
        for name, run in runs.items():
            started = time.perf_counter()
            findings = run(batches)
            seconds, total = totals[name]
            totals[name] = (seconds + time.perf_counter() - started, total + findings)
    return totals


_worker_runs: dict = {}


def _start_worker(key: bytes, warm_up: Item) -> None:
    """One worker's scanners, loaded and warmed before timing (as the pipeline's worker initializer loads models)."""
    keeper = EvidenceKeeper(key)
    for nlp, detector in (("text scanner", TextScanner()), ("stubbed", NoText())):
        scanner = DicomHeaderScanner(detector)
        scanner.scan_batch([warm_up], keeper)
        _worker_runs[nlp] = scan_with(scanner, keeper)
    _worker_runs["dcmread"] = read_only


def _run_in_worker(name: str, batch: list[Item]) -> int:
    return _worker_runs[name](batch)


def _ready(barrier) -> None:
    barrier.wait()  # every worker takes one: all of them have started and warmed up


def pool_runs(pool: concurrent.futures.ProcessPoolExecutor, cut=lambda batch: batch) -> dict:
    """The same runs (dcmread, text scanner, stubbed) in the pool's workers, each batch made ready by `cut` in this
    process and sent to the next free worker."""
    return {
        name: (lambda batches, name=name: sum(pool.map(_run_in_worker, [name] * len(batches), map(cut, batches))))
        for name in ("dcmread", "text scanner", "stubbed")
    }


#: A fixed key, so that two runs give the same digests.
_COMPARE_KEY = bytes(32)


def dump_findings(folder: Path, out: Path, batch: int) -> None:
    """Every finding of the files in `folder` (text scanner included), one JSON line each, in a stable order."""
    keeper = EvidenceKeeper(_COMPARE_KEY)
    scanner = DicomHeaderScanner(TextScanner())
    items = [Item(path.name, "dicom", "", payload=path.read_bytes()) for path in sorted(folder.iterdir())]
    lines = []
    for start in range(0, len(items), batch):
        for found in scanner.scan_batch(headers_only(items[start : start + batch]), keeper):
            findings = getattr(found, "findings", []) if isinstance(found, Exception) else found
            lines += [json.dumps(dataclasses.asdict(finding), sort_keys=True) for finding in findings]
            if isinstance(found, Exception):
                lines.append(json.dumps({"error": f"{type(found).__name__}: {found}"}))
    out.write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")


def compare_to(revision: str, files: int, batch: int) -> None:
    """Findings of `revision`'s code and of this checkout on the same files, each run in its own process."""
    with tempfile.TemporaryDirectory() as work:
        folder, base = Path(work) / "files", Path(work) / "base"
        folder.mkdir()
        base.mkdir()
        make_variants(files, folder)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "auditor"], check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(base, filter="data")
        dumps = {}
        for label, code in ((revision, base), ("working tree", ROOT)):
            dumps[label] = Path(work) / f"{label.replace(' ', '_')}.jsonl"
            env = {**os.environ, "BENCH_DICOM_CODE": str(code)}
            subprocess.run([sys.executable, __file__, "--dump", str(folder), str(dumps[label]), "--batch", str(batch)], check=True, env=env)
        before, after = (dumps[label].read_text(encoding="utf-8").splitlines() for label in (revision, "working tree"))
        lost, new = sorted(set(before) - set(after)), sorted(set(after) - set(before))
        print(
            f"{len(os.listdir(folder))} files; findings: {len(before)} at {revision}, {len(after)} in the working tree; "
            f"only at {revision}: {len(lost)}, only in the working tree: {len(new)}; identical: {before == after}"
        )
        for line in lost[:10] + new[:10]:
            print(("- " if line in lost else "+ ") + line)


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def time_cli(folder: Path, files: int, workers: int) -> None:
    """Files/s of `phi-audit scan FOLDER --scanners dicom_header --workers N`, start to end, and of the same scan once
    under way, each run in a process of its own."""
    paths = sorted(folder.glob("*.dcm"))
    if len(paths) < files:
        folder.mkdir(parents=True, exist_ok=True)
        paths = [path for path, _ in make_variants(files, folder)]
    print(
        f"`phi-audit scan FOLDER --scanners dicom_header`, {len(paths)} files ({sum(p.stat().st_size for p in paths) / 1e9:.1f} GB), load average {load_average()} before"
    )
    print(
        f"{'workers':>7}{'files':>7}{'seconds':>9}{'files/s':>9}{'CPU s':>7}{'findings':>10}{'API: first saved, s':>21}{'files/s after it':>18}"
    )
    code = os.environ.get("BENCH_DICOM_CODE", str(ROOT))
    for count in sorted({1, max(1, workers)}):
        with tempfile.TemporaryDirectory() as work:
            command = [
                sys.executable,
                "-m",
                "auditor",
                "scan",
                str(folder),
                "--scanners",
                "dicom_header",
                "--workers",
                str(count),
                "--store",
                str(Path(work) / "cli.db"),
                "--no-progress",
                "--json",
            ]
            started, cpu_before = time.perf_counter(), _children_cpu()
            done = subprocess.run(command, capture_output=True, text=True, cwd=code)
            seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
            if done.returncode not in (0, 1):  # 1: items at risk, as expected of these files
                raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
            timeline = [sys.executable, __file__, "--timeline", str(folder), str(Path(work) / "api.db"), "--workers", str(count)]
            first, rate = json.loads(subprocess.run(timeline, check=True, capture_output=True, text=True).stdout)
        print(
            f"{count:>7}{len(paths):>7}{seconds:>9.1f}{len(paths) / seconds:>9.0f}{cpu:>7.1f}{json.loads(done.stdout)['findings']:>10}{first:>21.1f}{rate:>18.0f}"
        )
    print(f"load average {load_average()} after")


def _children_cpu() -> float:
    """User + system CPU seconds of every process this one has waited for (the CLI and, through it, its workers):
    steadier than wall time on a machine other work shares."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timeline(folder: Path, store: Path, workers: int) -> None:
    """`--cli`'s second run: prints [seconds to the first batch saved, files/s after it] of a headers-only scan."""
    from auditor.engines.local import LocalEngine
    from auditor.pipeline import scan

    saved: list[tuple[float, int]] = []  # (when, items) of each save: a batch at a time
    started = time.perf_counter()
    scan(
        [folder],
        store,
        engine=LocalEngine(workers),
        scanner_names=["dicom_header"],
        progress=lambda n: saved.append((time.perf_counter(), n)),
    )
    after_first = sum(n for _, n in saved[1:])
    print(json.dumps([saved[0][0] - started, after_first / (saved[-1][0] - saved[0][0])]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--workers", type=int, default=0, help="also measure the scans spread over this many processes")
    parser.add_argument("--compare-to", metavar="REV", help="compare the findings of git revision REV with this checkout's")
    parser.add_argument(
        "--cli", metavar="FOLDER", type=Path, help="time the real `phi-audit scan` on the variant files in FOLDER (written if missing)"
    )
    parser.add_argument("--dump", nargs=2, metavar=("FOLDER", "OUT"), help=argparse.SUPPRESS)  # --compare-to's subprocesses
    parser.add_argument("--timeline", nargs=2, metavar=("FOLDER", "STORE"), help=argparse.SUPPRESS)  # --cli's subprocesses
    args = parser.parse_args()
    if args.dump:
        return dump_findings(Path(args.dump[0]), Path(args.dump[1]), args.batch)
    if args.timeline:
        return timeline(Path(args.timeline[0]), Path(args.timeline[1]), args.workers)
    if args.compare_to:
        return compare_to(args.compare_to, args.files, args.batch)
    if args.cli:
        return time_cli(args.cli, args.files, args.workers)
    keeper = EvidenceKeeper(EvidenceKeeper.new_key())
    with tempfile.TemporaryDirectory() as folder:
        written = make_variants(args.files, Path(folder))
        loaded = [(Item(path.name, "dicom", "", payload=path.read_bytes()), image) for path, image in written]
    runs = {"dcmread": lambda batches: sum(read_only(batch) for batch in batches)}
    for nlp, detector in (("text scanner", TextScanner()), ("stubbed", NoText())):
        scanner = DicomHeaderScanner(detector)
        started = time.perf_counter()
        scanner.scan_batch([loaded[0][0]], keeper)  # imports, models and the Annex E table load once, before timing
        print(f"{nlp}: start-up {time.perf_counter() - started:.1f} s, not timed below")
        runs[nlp] = lambda batches, run=scan_with(scanner, keeper): sum(run(batch) for batch in batches)
    processes = {(1, "whole"): runs}
    pool = None
    if args.workers > 1:
        context = multiprocessing.get_context("spawn")
        barrier = context.Manager().Barrier(args.workers)
        pool = concurrent.futures.ProcessPoolExecutor(
            args.workers, mp_context=context, initializer=_start_worker, initargs=(keeper.key, loaded[0][0])
        )
        list(pool.map(_ready, [barrier] * args.workers))
        processes[args.workers, "whole"] = pool_runs(pool)
        processes[args.workers, "headers"] = pool_runs(pool, headers_only)
    sets = [("all files", [item for item, _ in loaded]), ("image files only", [item for item, image in loaded if image])]
    print(f"load average {load_average()} before")
    print(
        f"{'set':<18}{'processes':>10}{'payload':>9}{'files':>7}{'dcmread files/s':>17}{'free-text NLP':>15}{'files/s':>9}{'findings/file':>15}{'ratio to dcmread':>18}"
    )
    for label, items in sets:
        for (count, payload), named in processes.items():
            totals = take_turns(items, args.batch, named)
            read_rate = len(items) / totals["dcmread"][0]
            for nlp in ("text scanner", "stubbed"):
                seconds, findings = totals[nlp]
                rate = len(items) / seconds
                print(
                    f"{label:<18}{count:>10}{payload:>9}{len(items):>7}{read_rate:>17.0f}{nlp:>15}{rate:>9.0f}{findings / len(items):>15.1f}{rate / read_rate:>18.2f}"
                )
    print(f"load average {load_average()} after")
    if pool is not None:
        pool.shutdown()


if __name__ == "__main__":
    main()
