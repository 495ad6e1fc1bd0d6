"""Which boxes hide burned-in text on each frame of an image: the one rule the dashboard, the HTML report and any
redacted copy share, so that no frame a person can see shows a region the scanner found on another frame.

The pixel scanners report a region once, on the first frame that shows it (a cine's or an animated GIF's banner is
read on frame 0 and skipped on every later frame whose pixels there are unchanged: `scanners/pixel/frames.py`; faces
and barcodes alike). Masking each frame
with its own findings only would leave that banner in clear on frames 1, 2, …. So every pixel box of an item masks
every frame of it. That is a superset of "every frame that shows the region" that cannot miss one (a frame that
shows a banner moved by compression noise, or a frame past the OCR budget), at the cost of hiding a strip of
anatomy on frames where the region shows none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

Box = tuple[int, int, int, int]

_FRAME_FIELD = re.compile(r"^(?:ocr|face|barcode)(?::[a-z0-9-]+)?:frame:(\d+)$")


def frame_of(field: str) -> int:
    """The frame a pixel finding's field names (`ocr:frame:N`, `ocr:RENDERING:frame:N` when another rendering
    read it, `face:frame:N`, `barcode:I:frame:N`: `scanners/pixel/frames.py`); 0 for a single-frame image."""
    match = _FRAME_FIELD.match(field)
    return int(match.group(1)) if match else 0


def boxes_of(bboxes: Iterable[str | list[int] | tuple[int, ...] | None]) -> list[Box]:
    """The distinct (x, y, w, h) boxes of an item's pixel findings, stored (JSON text) or exported (lists), in order."""
    boxes: dict[Box, None] = {}
    for bbox in bboxes:
        if bbox is None:
            continue
        values = json.loads(bbox) if isinstance(bbox, str) else bbox
        boxes[tuple(int(v) for v in values)] = None  # type: ignore[index]
    return list(boxes)


def frames_with_findings(fields: Iterable[str]) -> set[int]:
    """The frames on which the scanner reported a pixel finding (where a region first showed)."""
    return {frame_of(field) for field in fields}
