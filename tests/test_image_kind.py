"""Medical image or not: a PNG/JPEG that looks like a radiograph, a CT/MR slice or an ultrasound frame is health
information (`medical_image`); photos, drawings, noise and documents are not reported.

Positives are real DICOM pixel data (pydicom's, pydicom-data's and deid-data's test files, the sample corpus)
rendered to PNG the way a patient's viewer export would be: VOI window, MONOCHROME1 inverted, 8 bits.
"""

from __future__ import annotations

import importlib.util
import io
import warnings
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image, ImageDraw
from pydicom.pixels import apply_modality_lut, apply_voi_lut, convert_color_space

from auditor.evidence import EvidenceKeeper
from auditor.media.image import load_rgb
from auditor.model import Item
from auditor.scanners.pixel.image_kind import ImageKindScanner, classify

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
KEEPER = EvidenceKeeper(b"k" * 32)


def _root(package: str, sub: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / sub


ROOTS = {
    "pydicom": _root("pydicom", "data/test_files"),
    "pydicom-data": _root("data_store", "data"),
    "deid-data": _root("deid_data", "data"),
    "sample": SAMPLE,
}


def render(path: Path) -> bytes:
    """The first frame as an 8-bit PNG, windowed as a viewer shows it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(path, force=True)
        pixels = ds.pixel_array
    if int(ds.get("NumberOfFrames", 1) or 1) > 1:
        pixels = pixels[0]
    photometric = str(ds.get("PhotometricInterpretation", ""))
    if pixels.ndim == 2:
        values = apply_modality_lut(pixels, ds)
        if "WindowCenter" in ds or "VOILUTSequence" in ds:
            values = apply_voi_lut(values, ds)
        low, high = np.percentile(values.astype(np.float64), (0.5, 99.5))
        grey = np.clip((values - low) * 255.0 / max(high - low, 1e-6), 0, 255).astype(np.uint8)
        image = Image.fromarray(255 - grey if photometric == "MONOCHROME1" else grey, "L")
    else:
        if "YBR" in photometric:
            pixels = convert_color_space(pixels, photometric, "RGB")
        image = Image.fromarray(np.clip(pixels * (255.0 / max(int(pixels.max()), 1)), 0, 255).astype(np.uint8), "RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def scan(payload: bytes) -> list:
    return ImageKindScanner().scan_batch([Item("media/x.png", "image", "h", payload=payload)], KEEPER)[0]


# (root, file, evidence): real scans the heuristics recognise. Known misses are listed in the scanner's report
# (CT_small and MR_small are tight crops without background; some ultrasound frames are nearly all black).
MEDICAL = [
    ("pydicom-data", "RG1_UNCI.dcm", "<radiograph-like>"),
    ("pydicom-data", "RG3_UNCR.dcm", "<radiograph-like>"),
    ("deid-data", "animals/cat.dcm", "<radiograph-like>"),
    ("pydicom-data", "693_UNCR.dcm", "<ct-or-mri-like>"),
    ("pydicom-data", "MR2_UNCR.dcm", "<ct-or-mri-like>"),
    ("pydicom-data", "JPEG2000_UNC.dcm", "<ct-or-mri-like>"),
    ("pydicom-data", "explicit_VR-UN.dcm", "<ct-or-mri-like>"),
    ("sample", "dicom/mr_knee_deid_0005.dcm", "<ct-or-mri-like>"),
    ("sample", "media/ct_head_0001", "<ct-or-mri-like>"),
    ("pydicom-data", "OBXXXX1A_expb_2frame.dcm", "<ultrasound-like>"),
    ("pydicom-data", "US1_UNCR.dcm", "<ultrasound-like>"),
    ("deid-data", "ultrasounds/GREYSCALE_IMAGE.dcm", "<ultrasound-like>"),
    ("deid-data", "ultrasounds/ultrasound-multiframe.dcm", "<ultrasound-like>"),
]


@pytest.mark.parametrize("root, name, evidence", MEDICAL, ids=[m[1] for m in MEDICAL])
def test_rendered_scans_are_medical_images_of_their_kind(root: str, name: str, evidence: str) -> None:
    if ROOTS[root] is None or not (ROOTS[root] / name).exists():
        pytest.skip(f"{name} is not in {root} (not installed?)")
    [finding] = scan(render(ROOTS[root] / name))
    assert (finding.source, finding.field, finding.entity) == ("pixel", "pixels", "MEDICAL_IMAGE")
    assert (finding.health, finding.identifier, finding.span, finding.bbox) == ("medical_image", None, None, None)
    assert finding.evidence == evidence
    assert 0.5 <= finding.score <= 1.0


def test_the_scanner_adds_health_information_not_coverage() -> None:
    scanner = ImageKindScanner()
    assert (scanner.name, scanner.kinds, scanner.covers) == ("image_kind", frozenset({"image"}), frozenset())


def test_the_sample_photos_and_pictures_are_not_medical() -> None:
    for path in [*SAMPLE.glob("photos/*"), SAMPLE / "media/p0012.jpg", SAMPLE / "media/p0044.jpg"]:
        assert scan(path.read_bytes()) == [], path.name


def test_a_portal_screenshot_is_recognised_as_a_document_but_not_reported() -> None:
    # Its words make it health information (OCR: lab tests), not its layout: a tweet's screenshot looks the same.
    payload = (SAMPLE / "media/p0007.png").read_bytes()
    assert classify(load_rgb(payload)).kind == "document"
    assert scan(payload) == []


def _png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("seed", range(3))
def test_noise_and_drawn_colour_scenes_are_not_medical(seed: int) -> None:
    rng = np.random.default_rng(seed)
    assert scan(_png(rng.integers(0, 256, (300, 400, 3), dtype=np.uint8))) == []
    assert scan(_png(rng.integers(0, 256, (300, 400), dtype=np.uint8))) == []
    scene = Image.new("RGB", (400, 300), tuple(int(v) for v in rng.integers(0, 256, 3)))
    draw = ImageDraw.Draw(scene)
    for _ in range(12):
        x, y = (int(v) for v in rng.integers(0, 380, 2))
        draw.ellipse([x, y, x + 80, y + 60], fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    assert scan(_png(np.asarray(scene))) == []


def test_a_dark_star_field_is_not_an_ultrasound() -> None:
    rng = np.random.default_rng(3)
    sky = np.zeros((300, 400), np.uint8)
    stars = rng.integers(0, 300 * 400, 900)
    sky.ravel()[stars] = rng.integers(80, 255, 900)
    assert scan(_png(sky)) == []


def test_tiny_images_are_not_judged() -> None:
    assert classify(np.zeros((8, 8, 3), np.uint8)).kind == "photo"


def test_the_pixel_scanners_decode_an_image_once(monkeypatch) -> None:
    """Burned-in text, faces, barcodes and image kind each read every image: one decode serves them all."""
    from auditor.media import image as load
    from auditor.scanners.pixel.barcodes import BarcodeScanner
    from auditor.scanners.pixel.faces import FaceScanner

    payload = (Path(__file__).resolve().parent.parent / "data" / "sample" / "images" / "wristband_qr.jpg").read_bytes()
    decodes = []
    real = load._decode
    monkeypatch.setattr(load, "_decode", lambda *a, **k: decodes.append(1) or real(*a, **k))
    load._cache.clear()
    item = Item("images/wristband_qr.jpg", "image", "h", payload=payload)
    keeper = EvidenceKeeper(b"k" * 32)
    for scanner in (FaceScanner(), BarcodeScanner(), ImageKindScanner()):
        scanner.scan_batch([item], keeper)
    assert len(decodes) == 1
