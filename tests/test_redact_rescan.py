"""Whole runs (scan, redact, verifying re-scan) on the kinds whose layout or colour model the per-kind tests only
fill by hand: a palette-colour DICOM and a YBR DICOM, each made in the test from the frames of the sample's
multi-frame ultrasound, whose burned-in banner names the patient, and a multi-page TIFF and an animated WebP of
the same frames. The scan must find the banner in each; each copy must re-scan with no identifier and keep its frames (and
the DICOM copies their colour model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pydicom import dcmread
from pydicom.uid import ExplicitVRLittleEndian

from auditor.media.frames import iter_frames, open_dicom
from auditor.pipeline import scan
from auditor.policy import load_policy
from auditor.redact import RedactOptions, redact
from auditor.store import FindingsStore
from tests.store_sql import rows

pytestmark = pytest.mark.needs_tesseract

POLICY = load_policy("hipaa-safe-harbor")
CINE = Path(__file__).resolve().parent.parent / "data" / "sample" / "dicom" / "us_cine_0012.dcm"


def _palette(frames: np.ndarray):
    """The RGB frames as indices into one adaptive 256-entry palette, and its three 16-bit lookup tables."""
    strip = Image.fromarray(frames.reshape(-1, frames.shape[2], 3))
    quantized = strip.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    indices = np.asarray(quantized, dtype=np.uint8).reshape(frames.shape[:3])
    entries = np.array((quantized.getpalette() or [])[: 3 * 256], dtype=np.uint16).reshape(-1, 3)
    entries = np.vstack([entries, np.zeros((256 - len(entries), 3), dtype=np.uint16)]) * 257
    return indices, [entries[:, channel] for channel in range(3)]


def _as_palette(path: Path) -> None:
    from pydicom.pixels import set_pixel_data

    dataset = dcmread(CINE)
    indices, luts = _palette(dataset.pixel_array)
    set_pixel_data(dataset, indices, "PALETTE COLOR", 8, generate_instance_uid=False)
    for offset, lut in enumerate(luts):  # red, green, blue: (0028,110x) descriptors, (0028,120x) data
        dataset.add_new(0x00281101 + offset, "US", [256, 0, 16])
        dataset.add_new(0x00281201 + offset, "OW", lut.astype("<u2").tobytes())
    dataset.save_as(path, enforce_file_format=True)


def _as_ybr(path: Path) -> None:
    from pydicom.pixels import convert_color_space

    dataset = dcmread(CINE)
    ybr = convert_color_space(dataset.pixel_array, "RGB", "YBR_FULL")
    dataset.PixelData = ybr.tobytes()
    dataset.PhotometricInterpretation = "YBR_FULL"
    dataset.save_as(path, enforce_file_format=True)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("kinds")
    frames = dcmread(CINE).pixel_array
    pages = [Image.fromarray(frame) for frame in frames]
    pages[0].save(root / "banner.tif", "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    pages[0].save(root / "banner.webp", "WEBP", save_all=True, append_images=pages[1:], lossless=True)
    _as_palette(root / "palette.dcm")
    _as_ybr(root / "ybr.dcm")
    store = tmp_path_factory.mktemp("store") / "audit.db"
    scan([root], store, POLICY)
    out = tmp_path_factory.mktemp("out") / "copies"
    with FindingsStore.open_existing(store) as opened:
        summary = redact(opened, RedactOptions(out, POLICY))
    return root, store, out, summary


def test_the_scan_reads_the_banner_in_every_kind_so_the_run_is_not_vacuous(run):
    _, store, _, _ = run
    with FindingsStore.open_existing(store) as opened:
        found = rows(opened, "SELECT DISTINCT item FROM findings WHERE source = 'pixel' AND identifier IS NOT NULL")
    assert {row[0] for row in found} >= {"banner.tif", "banner.webp", "palette.dcm", "ybr.dcm"}


def test_every_copy_is_written_and_rescans_without_an_identifier(run):
    _, _, _, summary = run
    assert not summary.residual and not summary.refused
    assert {record.item for record in summary.written} == {"banner.tif", "banner.webp", "palette.dcm", "ybr.dcm"}
    assert all(record.boxes and record.verification["rescanned_fully"] for record in summary.written)


def test_a_multi_page_tiff_and_an_animated_webp_keep_every_frame(run):
    """The pixel scanners read every frame, so these are copied (they were refused while only the first was read),
    each box covered on every frame."""
    _, _, out, _ = run
    for name in ("banner.tif", "banner.webp"):
        with Image.open(out / name) as copy:
            assert copy.n_frames == 3


def test_the_palette_dicom_stays_palette_colour_with_its_frames_and_renders(run):
    root, _, out, _ = run
    copy, original = dcmread(out / "palette.dcm"), dcmread(root / "palette.dcm")
    assert copy.PhotometricInterpretation == "PALETTE COLOR" and copy.NumberOfFrames == original.NumberOfFrames == 3
    assert copy.RedPaletteColorLookupTableData == original.RedPaletteColorLookupTableData
    assert copy.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian and copy.PatientIdentityRemoved == "YES"
    assert sum(1 for _ in iter_frames(open_dicom((out / "palette.dcm").read_bytes()))) == 3


def test_the_ybr_dicom_is_written_as_rgb_with_its_frames_and_renders(run):
    root, _, out, _ = run
    copy, original = dcmread(out / "ybr.dcm"), dcmread(root / "ybr.dcm")
    assert copy.PhotometricInterpretation == "RGB" and copy.NumberOfFrames == original.NumberOfFrames == 3
    assert copy.pixel_array.shape == original.pixel_array.shape
    assert sum(1 for _ in iter_frames(open_dicom((out / "ybr.dcm").read_bytes()))) == 3
