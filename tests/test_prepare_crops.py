"""How a text crop is prepared for tesseract (auditor/scanners/pixel/prepare.py), read by the real tesseract."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from auditor.scanners.pixel import prepare
from auditor.scanners.pixel.ocr import ocr_words

pytestmark = pytest.mark.needs_tesseract

LINE = "Accession 57882805"


def _dim_line_over_a_gradient() -> np.ndarray:
    """Grey type (level 135) over a background that runs from darker than it (40) to brighter (230): no one
    polarity of the crop shows the whole line, as with a dim annotation across anatomy."""
    grey = np.tile(np.linspace(40, 230, 360).astype(np.uint8), (40, 1))
    cv2.putText(grey, LINE, (8, 26), cv2.FONT_HERSHEY_SIMPLEX, 0.4, 135, 1, cv2.LINE_AA)
    return grey


def test_a_dim_line_whose_background_crosses_its_level_is_read_from_the_background():
    grey = _dim_line_over_a_gradient()
    [(box, line_height)] = prepare.group_regions(prepare.text_regions(grey), 360, 40)
    assert ocr_words(prepare.prepare(grey, box, line_height).image, 11).text != LINE
    assert ocr_words(prepare.prepare(grey, box, line_height, binarise="background").image, 11).text == LINE


def test_the_background_crop_is_dark_text_on_white_and_a_flat_crop_stays_white():
    crop = prepare.prepare(_dim_line_over_a_gradient(), (0, 0, 360, 40), 10.0, binarise="background")
    assert crop.scale == 3.0 and crop.image.shape == (40 * 3 + 2 * prepare.PAD_PX, 360 * 3 + 2 * prepare.PAD_PX)
    assert np.median(crop.image) > 240 and crop.image.min() < 60
    flat = prepare.prepare(np.full((40, 360), 90, np.uint8), (0, 0, 360, 40), 10.0, binarise="background")
    assert flat.image.min() == 255


def test_texture_all_over_keeps_its_greyscale_in_the_background_reading():
    """Speckle or a photo differs from its median almost everywhere: as strokes it would cost tesseract several
    times a text crop's time and read as debris."""
    speckle = np.random.default_rng(7).integers(0, 256, (40, 360), dtype=np.uint8)
    plain = prepare.prepare(speckle, (0, 0, 360, 40), 10.0)
    assert np.array_equal(prepare.prepare(speckle, (0, 0, 360, 40), 10.0, binarise="background").image, plain.image)


def _faint_line_in_a_jpeg(quality: int) -> np.ndarray:
    """Grey 11 px type (level 120) over a background grading from 50 to 100, saved as a JPEG: a viewer screenshot's
    banner, whose compression rings around the strokes and speckles the background."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    image = Image.fromarray(np.tile(np.linspace(50, 100, 170), (22, 1)).astype(np.uint8))
    ImageDraw.Draw(image).text((4, 5), "Accession No: 65267462", fill=120, font=ImageFont.load_default(size=11))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return np.asarray(Image.open(buffer).convert("L"))


@pytest.mark.parametrize("quality", [60, 70])
def test_faint_type_in_a_jpeg_is_read_whole_once_its_ringing_is_smoothed_away(quality):
    grey = _faint_line_in_a_jpeg(quality)
    read = {how: ocr_words(prepare.prepare(grey, (0, 0, 170, 22), 11, binarise=how).image, 11).text for how in ("smoothed", "otsu", None)}
    assert read["smoothed"] == "Accession No: 65267462"
    assert read["otsu"] != read["smoothed"] and read[None] != read["smoothed"]


def test_the_smoothed_crop_is_dark_strokes_on_white_and_a_flat_crop_stays_white():
    crop = prepare.prepare(_faint_line_in_a_jpeg(60), (0, 0, 170, 22), 11, binarise="smoothed")
    assert np.median(crop.image) > 240 and crop.image.min() < 30
    flat = prepare.prepare(np.full((22, 170), 90, np.uint8), (0, 0, 170, 22), 11, binarise="smoothed")
    assert flat.image.min() >= 240


def test_a_frame_whose_extra_readings_run_out_of_time_keeps_its_first_words(monkeypatch):
    from auditor.scanners.pixel import burned_in

    grey = np.full((120, 520), 20, np.uint8)
    cv2.putText(grey, "Patient: JOHN SMITH", (10, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 230, 2, cv2.LINE_AA)
    cv2.putText(grey, "MRN: 4471902", (10, 90), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 230, 2, cv2.LINE_AA)

    def out_of_time(*args, **kwargs):
        raise burned_in.OcrTimeout()

    monkeypatch.setattr(burned_in, "_labelled_block", out_of_time)
    read = burned_in.ItemRead()
    words = burned_in.read_frame(grey, medical=False, seen=set(), budget=burned_in._Budget(60), read=read)
    assert "SMITH" in words.text
    assert any("extra readings" in message for message in read.lost)
