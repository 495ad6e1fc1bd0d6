"""The DICOM header scanner over every file shipped in pydicom's test files, pydicom-data and deid-data:
real files from real scanners (and some deliberately broken ones). None may crash the process; each yields
findings or a clear one-line error."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from auditor.evidence import EvidenceKeeper
from auditor.media.dicom import DicomReadError
from auditor.model import Item
from auditor.scanners.dicom.header import DicomHeaderScanner

KEEPER = EvidenceKeeper(b"k" * 32)


class NoText:
    def detect(self, texts):
        return [[] for _ in texts]


def _root(package: str, sub: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / sub


ROOTS = {
    "pydicom": _root("pydicom", "data/test_files"),
    "pydicom-data": _root("data_store", "data"),
    "deid-data": _root("deid_data", "data"),
}


def _files() -> list[Path]:
    return sorted(
        p for root in ROOTS.values() if root for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"
    )


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    assert all(ROOTS.values()), f"test data packages missing: {ROOTS}"
    scanner = DicomHeaderScanner(NoText())
    outcome: dict[str, object] = {}
    for path in _files():
        item = Item(str(path), "dicom", "h", payload=path.read_bytes())
        try:
            outcome[str(path.relative_to(path.parents[len(path.parts) - 2]))] = scanner.scan_batch([item], KEEPER)[0]
        except DicomReadError as error:
            outcome[str(path)] = error
    return outcome


def _get(results, suffix: str):
    return next(value for key, value in results.items() if key.endswith(suffix))


def test_every_file_gives_findings_or_a_clear_error(results):
    assert len(results) > 240
    for key, value in results.items():
        if isinstance(value, DicomReadError):
            message = str(value)
            assert (
                message
                and "\n" not in message
                and (message.startswith("not a DICOM file") or message.startswith("unreadable DICOM header"))
            ), key
        else:
            assert value or key.endswith("empty_charset_LEI.dcm"), f"{key}: no findings"  # that file holds only a charset
    with_findings = [k for k, v in results.items() if isinstance(v, list) and v]
    errors = sorted(Path(k).name for k, v in results.items() if isinstance(v, DicomReadError))
    assert len(with_findings) >= 240
    # the only errors are files that are not DICOM (text, JSON, ICC, gzip, zip) and no_meta.dcm's stray first byte
    assert set(errors) <= {
        "README.txt",
        "README",
        "README.md",
        "rtplan.dump",
        "rtstruct.dump",
        "zipMR.gz",
        "crayons.icc",
        "test1.json",
        "test_PN.json",
        "no_meta.dcm",
        "RGB_CINE.zip",
        "GREYSCALE_CINE.zip",
    }


def test_known_files_give_known_findings(results):
    ct = _get(results, "test_files/CT_small.dcm")
    # `CompressedSamples^CT1`: one token with a digit in it, so masked whole (a code, not a name's initials)
    assert ("PatientName", "names", "*****************^***") in {(f.field, f.identifier, f.evidence) for f in ct}
    assert {"OtherPatientIDsSequence[0].PatientID", "OtherPatientIDsSequence[1].PatientID"} <= {
        f.field for f in ct if f.identifier == "mrn"
    }
    assert any(f.field.startswith("(0009,1001)@GEMS_IDEN_01") for f in ct)
    big_endian = _get(results, "test_files/MR_small_bigendian.dcm")
    assert any(f.field == "PatientName" and f.identifier == "names" for f in big_endian)
    deflated = _get(results, "test_files/image_dfl.dcm")
    assert any(f.entity == "BURNED_IN_TEXT_RISK" and f.evidence == "secondary_capture" for f in deflated)
    dicomdir = _get(results, "dicomdirtests/DICOMDIR")
    references = [f for f in dicomdir if f.entity == "DICOM_FILE_REFERENCE"]
    assert len(references) >= 30 and all(f.field.startswith("DirectoryRecordSequence[") for f in references)
    assert any(f.field.endswith("].PatientName") and f.identifier == "names" for f in dicomdir)
    report = _get(results, "test_files/test-SR.dcm")
    assert any(f.field.startswith("VerifyingObserverSequence[0].VerifyingObserverName") and f.identifier == "names" for f in report)
    ultrasound = _get(results, "ultrasounds/GREYSCALE_IMAGE.dcm")
    assert any(f.entity == "BURNED_IN_TEXT_RISK" and f.evidence == "ultrasound" for f in ultrasound)
