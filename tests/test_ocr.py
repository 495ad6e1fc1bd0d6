"""Tesseract as phi-audit calls it (auditor/scanners/pixel/ocr.py): in this process through tesserocr, or through
the tesseract command when tesserocr is missing. Both read the same words with boxes and confidences, a time
limit stops a read, and each thread has its own engine."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from auditor.scanners.pixel import ocr

pytestmark = pytest.mark.needs_tesseract

BANNER = ["PATIENT: DOE, JANE", "MRN 55512034   DOB 11/12/1950"]


def _banner() -> np.ndarray:
    image = Image.new("L", (640, 120), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=26)
    for row, line in enumerate(BANNER):
        draw.text((16, 16 + 46 * row), line, fill=0, font=font)
    return np.asarray(image)


def test_in_process_engine_reads_words_lines_and_boxes():
    if not ocr._has_tesserocr():
        pytest.skip("tesserocr not installed")
    read = ocr.ocr_words(_banner(), 6)
    assert read.text.splitlines() == ["PATIENT: DOE, JANE", "MRN 55512034 DOB 11/12/1950"]
    mrn = read.words[read.text.split().index("55512034")]
    x, y, w, h = mrn.bbox
    assert 60 < x < 200 and 55 < y < 90 and w > 60 and 10 < h < 40
    assert mrn.confidence > 80


def test_command_engine_reads_the_same_words(monkeypatch):
    if ocr.shutil.which("tesseract") is None:
        pytest.skip("the tesseract command is not installed")
    in_process = ocr.ocr_words(_banner(), 6)
    monkeypatch.setattr(ocr, "_has_tesserocr", lambda: False)
    by_command = ocr.ocr_words(Image.fromarray(_banner()), 6)
    assert by_command.text == in_process.text
    assert [w.bbox for w in by_command.words] == [w.bbox for w in in_process.words]


def test_a_read_past_its_time_limit_raises_ocr_timeout(monkeypatch):
    if not ocr._has_tesserocr():
        pytest.skip("tesserocr not installed")
    noise = np.random.default_rng(0).integers(0, 256, (3000, 3000), dtype=np.uint8)
    with pytest.raises(ocr.OcrTimeout):
        ocr.ocr_words(noise, 11, timeout=0.001)
    assert ocr.ocr_words(_banner(), 6).text.startswith("PATIENT")  # the engine reads again after a timeout


def test_each_thread_gets_its_own_engine():
    if not ocr._has_tesserocr():
        pytest.skip("tesserocr not installed")
    tessdata = ocr._tessdata()
    engines, texts = [], []

    def read() -> None:
        engines.append(ocr._api(tessdata, 6))
        texts.append(ocr.ocr_words(_banner(), 6).text)

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert engines[0] is not engines[1]
    assert texts[0] == texts[1] and "55512034" in texts[0]
    assert ocr._api(tessdata, 6) is ocr._api(tessdata, 6)  # one engine per thread and mode, reused
