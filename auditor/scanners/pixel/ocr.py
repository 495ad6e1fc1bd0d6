"""Tesseract OCR as words with boxes and confidences: the one way phi-audit reads text from pixels.

Every pixel source (photos, DICOM frames, rendered PDF pages) hands a prepared greyscale PIL image here.
The words are joined into one text with each word's offsets kept, so the text scanner's spans map back to
pixel boxes.
"""

from __future__ import annotations

import functools
import glob
import importlib.util
import os
import shutil
import threading
from dataclasses import dataclass

import numpy as np
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

    def words_over(self, start: int, end: int) -> list[OcrWord]:
        """The words that overlap text[start:end]."""
        return [w for w, (s, e) in zip(self.words, self.offsets) if s < end and start < e]

    def bbox_of(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """The box around every word that overlaps text[start:end]."""
        boxes = [w.bbox for w in self.words_over(start, end)]
        if not boxes:
            return None
        left = min(b[0] for b in boxes)
        top = min(b[1] for b in boxes)
        right = max(b[0] + b[2] for b in boxes)
        bottom = max(b[1] + b[3] for b in boxes)
        return (left, top, right - left, bottom - top)


def tesseract_missing_reason() -> str | None:
    """Why OCR cannot run here, or None: both engines need tesseract's English model, which Debian's
    tesseract-ocr package installs (with the command line, the fallback engine)."""
    if not (_has_tesserocr() and _tessdata()) and shutil.which("tesseract") is None:
        return "tesseract is not installed (Debian: apt-get install tesseract-ocr; `make setup` does it)"
    return None


def ocr_words(image: Image.Image | np.ndarray, page_segmentation: int = 11, min_confidence: float = 0.0, *, timeout: float = 0) -> OcrText:
    """The words tesseract reads in `image`, in reading order.

    Page segmentation 11 (sparse text) suits burned-in annotations scattered over an image; 6 or 3 suit a
    document page. One tesseract thread per process (OMP_THREAD_LIMIT=1): parallelism comes from workers.
    `timeout` (seconds, 0 = none) stops tesseract and raises `OcrTimeout`.

    Tesseract runs in this process through tesserocr (its wheel carries libtesseract) when it is installed,
    reading Debian's model: the tesseract command costs ~0.2 s per call to start and load its model, more
    than reading a banner takes. Without tesserocr, pytesseract runs the command.
    """
    reason = tesseract_missing_reason()
    if reason:
        raise OcrUnavailable(reason)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    grey = np.ascontiguousarray(np.asarray(image.convert("L") if isinstance(image, Image.Image) else image, dtype=np.uint8))
    tessdata = _tessdata()
    tsv = (
        _tsv_in_process(grey, page_segmentation, timeout, tessdata)
        if tessdata and _has_tesserocr()
        else _tsv_by_command(grey, page_segmentation, timeout)
    )
    words: list[OcrWord] = []
    keys: list[tuple[str, str, str]] = []
    for row in tsv.splitlines():
        columns = row.split("\t")
        if len(columns) < 12 or columns[0] != "5":  # level 5: a word
            continue
        text = columns[11].strip()
        confidence = float(columns[10])
        if not text or confidence < min_confidence:
            continue
        words.append(OcrWord(text, confidence, (int(columns[6]), int(columns[7]), int(columns[8]), int(columns[9]))))
        keys.append((columns[2], columns[3], columns[4]))  # block, paragraph, line
    return _join(words, keys)


def _tsv_in_process(grey: np.ndarray, page_segmentation: int, timeout: float, tessdata: str) -> str:
    api = _api(tessdata, page_segmentation)
    height, width = grey.shape
    api.SetImageBytes(grey.tobytes(), width, height, 1, width)
    if not api.Recognize(timeout=int(timeout * 1000)):
        if timeout:
            raise OcrTimeout(f"tesseract stopped after its time limit of {timeout:g} s")
        raise RuntimeError(f"tesseract could not read a {width}x{height} image")
    return api.GetTSVText(0)


def _tsv_by_command(grey: np.ndarray, page_segmentation: int, timeout: float) -> str:
    import pytesseract

    try:
        return pytesseract.image_to_data(Image.fromarray(grey), config=f"--psm {page_segmentation}", timeout=timeout)
    except RuntimeError as error:
        if "timeout" in str(error).lower():
            raise OcrTimeout(f"tesseract stopped after its time limit of {timeout:g} s") from None
        raise


class _Engines(threading.local):
    """Tesseract engines of the current thread, one per page segmentation mode. An engine reads one image at a
    time, so each thread gets its own (a Dask worker may run several tasks at once; a pool worker has one)."""

    def __init__(self) -> None:
        self.by_mode: dict[tuple[str, int], object] = {}


_ENGINES = _Engines()


def _api(tessdata: str, page_segmentation: int):  # -> tesserocr.PyTessBaseAPI
    """The thread's engine for this mode, loaded on first use (~0.1 s) and reused for every later image."""
    key = (tessdata, page_segmentation)
    if key not in _ENGINES.by_mode:
        import tesserocr

        _ENGINES.by_mode[key] = tesserocr.PyTessBaseAPI(path=tessdata, lang="eng", psm=page_segmentation)
    return _ENGINES.by_mode[key]


@functools.cache
def _has_tesserocr() -> bool:
    return importlib.util.find_spec("tesserocr") is not None


@functools.cache
def _tessdata() -> str | None:
    """The folder holding tesseract's English model: $TESSDATA_PREFIX, else where Debian, Homebrew or a
    source build put it."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    candidates += sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True)
    candidates += ["/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata"]
    for folder in candidates:
        if folder and os.path.isfile(os.path.join(folder, "eng.traineddata")):
            return folder.rstrip("/") + "/"
    return None


def _join(words: list[OcrWord], lines: list[tuple[str, str, str]]) -> OcrText:
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
