"""DICOM header files per second of the `dicom_header` scanner (read + Annex E walk + findings), end to end
with the text scanner reading the free-text values of each batch in one call, and with that NLP stubbed, beside
pydicom's `dcmread` alone on the same bytes, on a few thousand files.

    .venv/bin/python benchmarks/bench_dicom_headers.py [--files 3000] [--batch 32]

The files are variants of the DICOM files shipped with pydicom (`pydicom/data/test_files`), pydicom-data and
deid-data: each variant gets its own PatientName, PatientID, AccessionNumber, dates and UIDs, written to a
temporary folder and read back as bytes (disk reads are not timed). Items are scanned in batches of `--batch`, as
the pipeline sends them; spaCy and the recognizers are loaded before timing (their start-up is printed apart).
Prints one table: all files, and the image files only (no DICOMDIR, SR, RT structure sets, waveforms: those carry
hundreds of nested records each).
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
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
from auditor.scanners.text.scanner import TextScanner  # noqa: E402

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
            read_header(path.read_bytes())
        except Exception:  # noqa: BLE001 - not writable back, or not readable once written: not a variant
            continue
        written.append((path, image))
    return written


def measure(items: list[Item], scanner: DicomHeaderScanner, keeper: EvidenceKeeper, batch: int) -> tuple[float, int]:
    started = time.perf_counter()
    findings = sum(len(found) for start in range(0, len(items), batch) for found in scanner.scan_batch(items[start : start + batch], keeper))
    return time.perf_counter() - started, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    keeper = EvidenceKeeper(EvidenceKeeper.new_key())
    with tempfile.TemporaryDirectory() as folder:
        written = make_variants(args.files, Path(folder))
        loaded = [(Item(path.name, "dicom", "", payload=path.read_bytes()), image) for path, image in written]
    stubbed = DicomHeaderScanner(NoText())
    stubbed.scan_batch([loaded[0][0]], keeper)  # imports and the Annex E table load once, before timing
    started = time.perf_counter()
    real = DicomHeaderScanner(TextScanner())
    real.scan_batch([loaded[0][0]], keeper)
    print(f"text scanner start-up (spaCy, recognizers, vocabularies): {time.perf_counter() - started:.1f} s, not timed below")
    sets = [("all files", [item for item, _ in loaded]), ("image files only", [item for item, image in loaded if image])]
    print(f"{'set':<18}{'free-text NLP':<15}{'files':>7}{'seconds':>9}{'files/s':>9}{'findings/file':>15}{'read-only files/s':>19}{'ratio':>7}")
    for label, items in sets:
        started = time.perf_counter()
        for item in items:
            read_header(item.payload)
        read_rate = len(items) / (time.perf_counter() - started)
        for nlp, scanner in (("text scanner", real), ("stubbed", stubbed)):
            seconds, findings = measure(items, scanner, keeper, args.batch)
            rate = len(items) / seconds
            print(f"{label:<18}{nlp:<15}{len(items):>7}{seconds:>9.2f}{rate:>9.0f}{findings / len(items):>15.1f}{read_rate:>19.0f}{rate / read_rate:>7.2f}")


if __name__ == "__main__":
    main()
