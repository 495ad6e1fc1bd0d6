"""Overlap of axis-aligned boxes given as (x, y, width, height) in pixels.

One module below the pixel scanners, `eval` and the benchmarks, so that "do these boxes overlap" and "how much"
mean the same thing in the scanner that reports a box and in the score that checks it.
"""

from __future__ import annotations

from collections.abc import Sequence

Box = Sequence[int]


def intersection(a: Box, b: Box) -> int:
    """The area two boxes share (0 when they only touch or are apart)."""
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0


def iou(a: Box, b: Box) -> float:
    """Intersection over union; 0.0 for boxes that share no area (or have none)."""
    shared = intersection(a, b)
    union = a[2] * a[3] + b[2] * b[3] - shared
    return shared / union if shared and union > 0 else 0.0


def share_of(a: Box, b: Box) -> float:
    """How much of box `a`'s area lies inside box `b` (0.0 for an empty `a`)."""
    area = a[2] * a[3]
    return intersection(a, b) / area if area > 0 else 0.0


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return intersection(a, b) > 0
