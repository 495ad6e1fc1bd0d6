"""DICOM header files per second: the `dicom_header` scanner's own loop (read + Annex E walk + findings),
without the free-text NLP (a stub detector stands in for the text scanner), on a few thousand files.

    .venv/bin/python benchmarks/bench_dicom_headers.py [--files 3000]

The files are variants of the DICOM files shipped with pydicom (`pydicom/data/test_files`), pydicom-data and
deid-data: each variant gets its own PatientName, PatientID, AccessionNumber, dates and UIDs, written to a
temporary folder and read back as bytes (disk reads are not timed). Prints one table: all files, and the image
files only (no DICOMDIR, SR, RT structure sets, waveforms: those carry hundreds of nested records each).
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import io
import os
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor.evidence import EvidenceKeeper  # noqa: E402
from auditor.model import Item  # noqa: E402
from auditor.scanners.dicom.header import DicomHeaderScanner  # noqa: E402
from auditor.scanners.dicom.reader import read_header  # noqa: E402

_HEAVY_MODALITIES = {"SR", "RTSTRUCT", "RTPLAN", "RTDOSE", "ECG", "KO", "PR"}


class NoText:
    """Stands in for the text scanner: the benchmark measures the header walk, not spaCy."""

    def detect(self, texts):
        return [[] for _ in texts]


def source_files() -> list[Path]:
    roots = []
    for package, sub in (("pydicom", "data/test_files"), ("data_store", "data"), ("deid_data", "data")):
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            roots.append(Path(list(spec.submodule_search_locations)[0]) / sub)
    return [Path(p) for root in roots for p in glob.glob(str(root / "**" / "*"), recursive=True) if os.path.isfile(p) and "__pycache__" not in p]


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
        except Exception:  # noqa: BLE001 - not DICOM, or not writable back: not a base
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
        dataset.SOPInstanceUID = generate_uid()
        path = folder / f"{index:05d}.dcm"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                dataset.save_as(path, enforce_file_format=False)
        except Exception:  # noqa: BLE001
            continue
        written.append((path, image))
    return written


def measure(items: list[Item], scanner: DicomHeaderScanner, keeper: EvidenceKeeper) -> tuple[float, int]:
    started = time.perf_counter()
    findings = sum(len(found) for found in scanner.scan_batch(items, keeper))
    return time.perf_counter() - started, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=3000)
    args = parser.parse_args()
    scanner = DicomHeaderScanner(NoText())
    keeper = EvidenceKeeper(EvidenceKeeper.new_key())
    with tempfile.TemporaryDirectory() as folder:
        written = make_variants(args.files, Path(folder))
        loaded = [(Item(path.name, "dicom", "", payload=path.read_bytes()), image) for path, image in written]
    scanner.scan_batch([loaded[0][0]], keeper)  # imports and the Annex E table load once, before timing
    rows = [("all files", [item for item, _ in loaded]), ("image files only", [item for item, image in loaded if image])]
    print(f"{'set':<20}{'files':>7}{'seconds':>9}{'files/s':>9}{'findings/file':>15}{'read-only files/s':>19}")
    for label, items in rows:
        seconds, findings = measure(items, scanner, keeper)
        started = time.perf_counter()
        for item in items:
            read_header(item.payload)
        read_seconds = time.perf_counter() - started
        print(f"{label:<20}{len(items):>7}{seconds:>9.2f}{len(items) / seconds:>9.0f}{findings / len(items):>15.1f}{len(items) / read_seconds:>19.0f}")


if __name__ == "__main__":
    main()
