"""Tesseract OCR as words with boxes and confidences: the one way phi-audit reads text from pixels.

Every pixel source (photos, DICOM frames, rendered PDF pages) hands a prepared greyscale PIL image here.
The words are joined into one text with each word's offsets kept, so the text scanner's spans map back to
pixel boxes.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

from PIL import Image


class OcrUnavailable(Exception):
    """Tesseract is not installed; the message says how to install it."""


class OcrTimeout(RuntimeError):
    """Tesseract ran past the time limit it was given."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    confidence: float  # 0–100, tesseract's word confidence
    bbox: tuple[int, int, int, int]  # x, y, w, h in the image's pixels


@dataclass(frozen=True)
class OcrText:
    """OCR words joined into one text: line breaks between lines, spaces between words."""

    text: str
    words: tuple[OcrWord, ...]
    offsets: tuple[tuple[int, int], ...]  # each word's [start, end) in `text`

    def bbox_of(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """The box around every word that overlaps text[start:end]."""
        boxes = [w.bbox for w, (s, e) in zip(self.words, self.offsets) if s < end and start < e]
        if not boxes:
            return None
        left = min(b[0] for b in boxes)
        top = min(b[1] for b in boxes)
        right = max(b[0] + b[2] for b in boxes)
        bottom = max(b[1] + b[3] for b in boxes)
        return (left, top, right - left, bottom - top)


def tesseract_missing_reason() -> str | None:
    """Why OCR cannot run here, or None."""
    if shutil.which("tesseract") is None:
        return "tesseract is not installed (Debian: apt-get install tesseract-ocr; `make setup` does it)"
    return None


def ocr_words(image: Image.Image, page_segmentation: int = 11, min_confidence: float = 0.0, *, timeout: float = 0) -> OcrText:
    """The words tesseract reads in `image`, in reading order.

    Page segmentation 11 (sparse text) suits burned-in annotations scattered over an image; 6 or 3 suit a
    document page. One tesseract thread per process (OMP_THREAD_LIMIT=1): parallelism comes from workers.
    `timeout` (seconds, 0 = none) stops tesseract and raises `OcrTimeout`.
    """
    reason = tesseract_missing_reason()
    if reason:
        raise OcrUnavailable(reason)
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(image, config=f"--psm {page_segmentation}", output_type=pytesseract.Output.DICT, timeout=timeout)
    except RuntimeError as error:
        if "timeout" in str(error).lower():
            raise OcrTimeout(f"tesseract stopped after its time limit of {timeout:g} s") from None
        raise
    words: list[OcrWord] = []
    keys: list[tuple[int, int, int]] = []
    for i, raw in enumerate(data["text"]):
        text = raw.strip()
        confidence = float(data["conf"][i])
        if not text or confidence < min_confidence:
            continue
        words.append(OcrWord(text, confidence, (data["left"][i], data["top"][i], data["width"][i], data["height"][i])))
        keys.append((data["block_num"][i], data["par_num"][i], data["line_num"][i]))
    return _join(words, keys)


def _join(words: list[OcrWord], lines: list[tuple[int, int, int]]) -> OcrText:
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for index, word in enumerate(words):
        if index:
            separator = "\n" if lines[index] != lines[index - 1] else " "
            parts.append(separator)
            position += 1
        parts.append(word.text)
        offsets.append((position, position + len(word.text)))
        position += len(word.text)
    return OcrText("".join(parts), tuple(words), tuple(offsets))
