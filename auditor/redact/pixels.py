"""Covering boxes in pixels, shared by images, DICOM frames and PDF pages: fill (solid) or blur, padded.

A box is padded by a fraction of its height (at least `MIN_PAD` pixels), since OCR boxes hug the glyphs and
anti-aliased edges or a misread letter beside them would survive an exact fill. Blur is a box filter over
the padded box whose radius scales with it, strong enough that text and faces cannot be read back; fill is
what a box of text needs when "cannot be read" must be certain, so barcodes are always filled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

#: Padding around each box: this fraction of its height, and never less than MIN_PAD pixels.
PAD_FRACTION = 0.25
MIN_PAD = 3


def padded(box: Sequence[int], width: int, height: int) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the box (x, y, w, h) padded and clipped to the image."""
    x, y, w, h = (int(v) for v in box[:4])
    pad = max(MIN_PAD, round(PAD_FRACTION * h))
    return max(0, x - pad), max(0, y - pad), min(width, x + w + pad), min(height, y + h + pad)


def cover(array: np.ndarray, boxes: Iterable[Sequence[int]], style: str, fill_value) -> np.ndarray:
    """`array` (H × W or H × W × C) with every box filled by `fill_value` or blurred, in place and returned."""
    height, width = array.shape[:2]
    for box in boxes:
        x0, y0, x1, y1 = padded(box, width, height)
        if x1 <= x0 or y1 <= y0:
            continue
        if style == "blur":
            array[y0:y1, x0:x1] = _blurred(array[y0:y1, x0:x1])
        else:
            array[y0:y1, x0:x1] = fill_value
    return array


def _blurred(region: np.ndarray) -> np.ndarray:
    """A strong blur: the region shrunk to a few cells and scaled back (each cell its mean), then smoothed."""
    import cv2

    height, width = region.shape[:2]
    cells_x, cells_y = max(1, width // 16), max(1, height // 16)
    work = region.astype(np.float32)
    small = cv2.resize(work, (cells_x, cells_y), interpolation=cv2.INTER_AREA)
    back = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    if back.ndim < region.ndim:
        back = back[..., None]
    return np.clip(
        np.rint(back),
        np.iinfo(region.dtype).min if region.dtype.kind in "iu" else -np.inf,
        np.iinfo(region.dtype).max if region.dtype.kind in "iu" else np.inf,
    ).astype(region.dtype)


def boxes_of(findings, kinds: Iterable[str] | None = None) -> list[list[int]]:
    """The pixel boxes to cover: every pixel finding with a box that names an identifier or is residual text."""
    wanted = set(kinds) if kinds is not None else None
    return [
        list(f.bbox)
        for f in findings
        if f.bbox is not None
        and f.source == "pixel"
        and (f.identifier or f.entity == "RESIDUAL_TEXT")
        and (wanted is None or f.scanner in wanted)
    ]
