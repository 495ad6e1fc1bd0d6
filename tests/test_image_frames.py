"""Every frame of an animated GIF, WebP or PNG and of a multi-page TIFF is scanned (issues 14, 20 §4): burned-in
text, a face or a barcode that only a later frame shows is found there, named `…:frame:N`; a banner every frame
shows is read and reported once; only frames past the bounds are recorded as not scanned; and a redacted copy keeps
its frames and re-scans clean.

Fixtures are drawn in the test: a screenshot-like frame (no text) followed by the same frame with a patient line.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from auditor.cli import app
from auditor.corpus.reader import read_corpus
from auditor.evidence import EvidenceKeeper
from auditor.media import image as media_image
from auditor.media.image import frame_plan, iter_frames
from auditor.model import Item, ItemError
from auditor.pipeline import scan
from auditor.redact.run import MANIFEST
from auditor.scanners.pixel import burned_in
from auditor.scanners.pixel.barcodes import BarcodeScanner
from auditor.scanners.pixel.faces import FaceScanner
from auditor.store import FindingsStore
from tests.test_faces import PORTRAIT_FACE, portrait

pytestmark = pytest.mark.needs_tesseract
KEEPER = EvidenceKeeper(b"k" * 32)
#: Each format with the options that keep its frames lossless.
FORMATS = {"GIF": {}, "TIFF": {"compression": "tiff_lzw"}, "WEBP": {"lossless": True}, "PNG": {}}


def screen(index: int, patient: bool) -> Image.Image:
    """A 480×160 screen whose corner pixel counts `index` (no two frames are identical: the GIF and PNG writers
    merge identical frames), with the patient line when `patient`."""
    image = Image.new("RGB", (480, 160), (250, 250, 250))
    image.putpixel((479, 159), (index % 256, index // 256, 250))
    draw = ImageDraw.Draw(image)
    if patient:
        font = ImageFont.load_default(size=20)
        draw.text((20, 30), "Patient: Marisol Okonkwo", fill=(20, 20, 20), font=font)
        draw.text((20, 70), "MRN: 60482973", fill=(20, 20, 20), font=font)
    return image


def animation(frames: list[Image.Image], fmt: str) -> bytes:
    buffer = io.BytesIO()
    frames[0].save(
        buffer, fmt, save_all=True, append_images=frames[1:], duration=[100 + 10 * i for i in range(len(frames))], loop=0, **FORMATS[fmt]
    )
    return buffer.getvalue()


def durations(image: Image.Image) -> list[int]:
    """Each frame's duration (WebP says it once the frame is decoded)."""
    found = []
    for index in range(image.n_frames):
        image.seek(index)
        image.load()
        found.append(image.info["duration"])
    return found


def findings(scanner, payload: bytes) -> list:
    outcome = scanner.scan_batch([Item("media/loop", "image", "h", payload=payload)], KEEPER)[0]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


@pytest.fixture(scope="module")
def ocr() -> burned_in.BurnedInTextScanner:
    return burned_in.BurnedInTextScanner()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_name_and_mrn_burned_into_the_second_frame_alone_are_found_on_frame_1(ocr, fmt: str) -> None:
    payload = animation([screen(0, patient=False), screen(1, patient=True)], fmt)
    found = findings(ocr, payload)
    assert {f.identifier for f in found if f.identifier} >= {"names", "mrn"}
    assert {f.field for f in found} == {"ocr:frame:1"}


def test_a_300_frame_gif_whose_banner_never_changes_is_scanned_whole_and_reports_the_banner_once(ocr, tmp_path) -> None:
    payload = animation([screen(i, patient=True) for i in range(300)], "GIF")
    assert frame_plan(payload) == media_image.FramePlan(300, 300, None)
    (tmp_path / "loop.gif").write_bytes(payload)
    assert not [e for e in read_corpus([tmp_path]) if isinstance(e, ItemError)]
    found = [f for f in findings(ocr, payload) if f.identifier]
    assert sorted(f.identifier for f in found) == ["mrn", "names"]
    assert {f.field for f in found} == {"ocr:frame:0"}
    assert burned_in.read_item(Item("loop.gif", "image", "h", payload=payload)).ocr_calls <= 4


def test_a_frame_identical_to_an_earlier_one_is_not_decoded_for_the_scanners_again() -> None:
    pages = [screen(0, False), screen(0, False), screen(1, False), screen(0, False)]
    payload = animation(pages, "TIFF")  # TIFF keeps identical pages (GIF and PNG writers merge them)
    assert frame_plan(payload).count == 4
    assert [frame.index for frame in iter_frames(payload)] == [0, 2]


def test_frames_past_the_frame_limit_are_recorded_as_not_scanned_and_the_others_are_read(tmp_path) -> None:
    frames = [Image.new("RGB", (16, 16), (i % 256, 100 * (i // 256), 0)) for i in range(media_image.MAX_FRAMES + 2)]
    (tmp_path / "long.gif").write_bytes(animation(frames, "GIF"))
    errors = [e for e in read_corpus([tmp_path]) if isinstance(e, ItemError)]
    assert [(e.item, e.stage) for e in errors] == [("long.gif", "not_scanned")]
    count = media_image.MAX_FRAMES + 2
    assert f"frames {media_image.MAX_FRAMES + 1}-{count} of {count} not scanned" in errors[0].reason
    assert f"limit of {media_image.MAX_FRAMES} frames per image" in errors[0].reason


def test_frames_past_the_pixel_limit_are_recorded_as_not_scanned(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(media_image, "MAX_TOTAL_PIXELS", 2 * 480 * 160)
    (tmp_path / "pages.tif").write_bytes(animation([screen(i, patient=False) for i in range(3)], "TIFF"))
    (error,) = [e for e in read_corpus([tmp_path]) if isinstance(e, ItemError)]
    assert "frame 3 of 3 not scanned" in error.reason and "limit of 153,600 pixels" in error.reason
    assert [frame.index for frame in iter_frames((tmp_path / "pages.tif").read_bytes())] == [0, 1]


def test_a_face_on_a_later_frame_is_found_there() -> None:
    frames = [Image.new("RGB", (240, 240), (90, 120, 90 + index)) for index in range(3)]
    frames[2].paste(portrait(), (60, 60))
    (face,) = findings(FaceScanner(), animation(frames, "WEBP"))
    assert face.field == "face:frame:2" and face.entity == "FACE"
    assert abs(face.bbox[0] - (60 + PORTRAIT_FACE[0])) <= 6


def test_a_wristband_code_on_a_later_frame_is_found_there() -> None:
    band = zxingcpp.write_barcode_to_image(zxingcpp.create_barcode("MRN 00482913", zxingcpp.BarcodeFormat.QRCode), scale=4)
    frames = [Image.new("RGB", (300, 300), (255, 255, 255 - index)) for index in range(2)]
    frames[1].paste(Image.fromarray(np.asarray(band)).convert("RGB"), (50, 50))
    found = findings(BarcodeScanner(), animation(frames, "GIF"))
    assert {f.field for f in found} == {"barcode:frame:1"} and "BARCODE" in {f.entity for f in found}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_phi_audit_redact_covers_the_later_frames_text_and_keeps_every_frame(tmp_path, fmt: str) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    name = f"loop.{fmt.lower()}"
    (root / name).write_bytes(animation([screen(0, patient=False), screen(1, patient=True), screen(2, patient=False)], fmt))
    scan([root], tmp_path / "audit.db", "hipaa-safe-harbor", workers=1)
    with FindingsStore.open_existing(tmp_path / "audit.db", read_only=True) as store:
        assert {f.field for f in store.findings() if f.identifier} == {"ocr:frame:1"}
    result = CliRunner().invoke(app, ["redact", "--store", str(tmp_path / "audit.db"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "no identifier found" in result.output, result.output
    (record,) = [json.loads(line) for line in (tmp_path / "out" / MANIFEST).read_text().splitlines()]
    assert record["status"] == "written" and record["removed"] == {"mrn": 1, "names": 1}
    assert record["verification"] == {"pixel_text": 0, "rescanned_fully": True, "residual": []}
    with Image.open(tmp_path / "out" / name) as copy:
        assert copy.n_frames == 3
        if fmt != "TIFF":  # a TIFF's pages have no timing
            assert copy.info.get("loop") == 0
            assert durations(copy) == [100, 110, 120]


def test_the_item_page_shows_the_frame_a_finding_names_with_every_box_of_the_item() -> None:
    from dashboards.drilldown import previews

    payload = animation([screen(0, patient=False), screen(1, patient=True), screen(2, patient=False)], "GIF")
    boxed = pd.DataFrame({"field": ["ocr:frame:1", "ocr:frame:1"], "bbox": ["[94, 35, 152, 15]", "[73, 76, 94, 14]"]})
    shown = list(previews(Item("loop.gif", "image", "h", payload=payload), boxed))
    assert [(frame, boxes) for frame, _, boxes in shown] == [(1, [(94, 35, 152, 15), (73, 76, 94, 14)])]
    assert [frame for frame, _, _ in previews(Item("loop.gif", "image", "h", payload=payload), boxed, every_frame=True)] == [0, 1, 2]


def test_every_pixel_scanners_frame_field_names_its_frame_for_the_masks_and_the_scores() -> None:
    from auditor.frame_masks import frame_of

    assert [frame_of(field) for field in ("ocr:frame:2", "face:frame:3", "barcode:frame:4", "barcode:1:frame:5")] == [2, 3, 4, 5]
    assert [frame_of(field) for field in ("ocr", "face", "barcode", "barcode:1")] == [0, 0, 0, 0]


def _cut_in_last_frame(payload: bytes, keep: float) -> bytes:
    return payload[: int(len(payload) * keep)]


@pytest.fixture(scope="module")
def three_frame_gif() -> bytes:
    """A patient screen, then two blank ones: a file cut short in its last frames still shows the patient."""
    return animation([screen(0, patient=True), screen(1, patient=False), screen(2, patient=False)], "GIF")


def test_a_gif_cut_short_in_a_later_frame_keeps_what_its_first_frame_shows_and_names_the_frame_not_read(ocr, three_frame_gif) -> None:
    payload = _cut_in_last_frame(three_frame_gif, 0.97)  # every frame listed, the last one's pixels cut short
    outcome = ocr.scan_batch([Item("media/cut.gif", "image", "h", payload=payload)], KEEPER)[0]
    assert isinstance(outcome, burned_in.PartialScan)
    assert {f.identifier for f in outcome.findings if f.identifier} >= {"names", "mrn"}
    assert "not read: image pixels unreadable" in str(outcome)


def test_a_gif_whose_frame_list_is_cut_short_is_read_up_to_the_damage_and_the_rest_is_recorded_as_not_scanned(
    ocr, three_frame_gif, tmp_path
) -> None:
    last_frame = three_frame_gif.rindex(b"\x21\xf9\x04")  # its graphic control extension, 8 bytes before its descriptor
    payload = three_frame_gif[: last_frame + 8 + 3]  # cut inside the last frame's image descriptor
    plan = frame_plan(payload)
    assert 1 <= plan.read < plan.count and "damaged or cut short" in (plan.unread or "")
    (tmp_path / "cut.gif").write_bytes(payload)
    recorded = [e for e in read_corpus([tmp_path]) if isinstance(e, ItemError)]
    assert [e.stage for e in recorded] == ["not_scanned"] and "damaged or cut short" in recorded[0].reason
    assert {f.identifier for f in findings(ocr, payload) if f.identifier} >= {"names", "mrn"}


def test_faces_and_barcodes_of_a_gif_cut_short_keep_the_frames_read(three_frame_gif) -> None:
    payload = _cut_in_last_frame(three_frame_gif, 0.97)
    for scanner in (FaceScanner(), BarcodeScanner()):
        outcome = scanner.scan_batch([Item("media/cut.gif", "image", "h", payload=payload)], KEEPER)[0]
        assert isinstance(outcome, burned_in.PartialScan) and "not read: image pixels unreadable" in str(outcome), scanner.name


def test_a_damaged_file_is_held_to_the_pixel_limit_over_the_frames_before_the_damage(three_frame_gif, monkeypatch) -> None:
    monkeypatch.setattr(media_image, "MAX_TOTAL_PIXELS", 480 * 160 + 1)
    last_frame = three_frame_gif.rindex(b"\x21\xf9\x04")
    plan = frame_plan(three_frame_gif[: last_frame + 8 + 3])  # two frames before the damage, only one within the limit
    assert plan.read == 1 and "limit of 76,801 pixels" in (plan.unread or "")
