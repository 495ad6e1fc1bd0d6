"""What the pixel scanners share to read every frame of an image: the field that names a frame, and the rule that a
region is reported once, on the first frame that shows it.

The convention is the DICOM cine's (`burned_in.py`, `auditor/frame_masks.py`): a finding on a multi-frame image
names its frame, `ocr:frame:N`, `face:frame:N`, `barcode:frame:N` (N 0-based, frame 0 included); a single-frame
image's fields name none. A region whose pixels a later frame shows unchanged (a GIF's static banner, the same
wristband on every page of a TIFF) is not reported again there: every box of an item masks every frame of it.
`Reported` numbers the boxes, so that the burned-in text scanner can keep an earlier frame's words in a later
frame's text, as the context of what changes, and still report each of them once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

import numpy as np

from auditor import boxes
from auditor.media.frames import RenderError
from auditor.media.image import FramePlan, ImageFrame, PixelLoadError, frame_plan, iter_frames

Box = tuple[int, int, int, int]


class _Indexed(Protocol):
    @property
    def index(self) -> int: ...


F = TypeVar("F", bound=_Indexed)


class UntilDamaged(Iterable[F]):
    """The frames of an item up to the first that fails to decode (a file cut short in its third frame): what was
    read before stays read, and `unread` says which frames were not, for the scanner to report the item as partly
    scanned. A failure on the first frame is the item's error, raised as it was."""

    def __init__(self, frames: Iterable[F], count: int) -> None:
        self._frames = iter(frames)
        self._count = count
        self.unread: str | None = None

    def __iter__(self) -> Iterator[F]:
        last = -1
        while True:
            try:
                frame = next(self._frames)
            except StopIteration:
                return
            except (PixelLoadError, RenderError) as error:
                if last < 0:
                    raise
                first, count = last + 2, max(self._count, last + 2)
                frames = f"frame {first} of {count}" if first == count else f"frames {first}-{count} of {count}"
                self.unread = f"pixels of {frames} not read: {error}"
                return
            last = frame.index
            yield frame


def image_frames(payload: bytes, max_side: int) -> tuple[FramePlan, UntilDamaged[ImageFrame]]:
    """An image's frame plan, and its distinct frames (`media.image.iter_frames`) up to any damage: what each pixel
    scanner of images reads."""
    plan = frame_plan(payload)
    return plan, UntilDamaged(iter_frames(payload, max_side=max_side), plan.read)


def frame_field(name: str, frame: int, multi_frame: bool) -> str:
    """`name` with the frame it was read on when the image has several (`face:frame:2`)."""
    return f"{name}:frame:{frame}" if multi_frame else name


def unchanged(region: np.ndarray, before: np.ndarray) -> bool:
    """The same region up to compression noise: under 1% of its pixels moved by more than 32 levels (a cine's
    banner shifts by a few levels from frame to frame in lossy loops, a GIF's with each frame's own palette; a
    changed glyph moves by a hundred)."""
    if region.shape != before.shape:
        return False
    return bool(np.count_nonzero(np.abs(region.astype(np.int16) - before) > 32) <= 0.01 * region.size)


def unchanged_at(box: Box, pixels: np.ndarray, before: np.ndarray) -> bool:
    """Whether the region `box` of a frame is `unchanged` from the frame `before` it."""
    return unchanged(_crop(pixels, box), _crop(before, box))


class Reported:
    """The boxes reported on earlier frames, each with the pixels it covered there; a box's number is its place in
    the order they were first shown."""

    def __init__(self) -> None:
        self._boxes: list[tuple[Box, np.ndarray]] = []

    def shown_before(self, pixels: np.ndarray, box: Box) -> bool:
        """Whether `box` overlaps a box reported on an earlier frame whose pixels are unchanged on this one."""
        return bool(self._shown_again(pixels, box))

    def first_shown(self, pixels: np.ndarray, found: list[Box]) -> list[bool]:
        """For each box found on this frame, whether it is reported here (not shown before); records those that are."""
        fresh = [not self.shown_before(pixels, box) for box in found]
        self._record(pixels, [box for box, new in zip(found, fresh) if new])
        return fresh

    def numbered(self, pixels: np.ndarray, found: list[Box]) -> list[frozenset[int]]:
        """For each box found on this frame, the numbers of the earlier boxes it shows again: those it overlaps whose
        pixels are unchanged on this frame, when they cover half of it or more (a word read fused with a new one
        is new); else its own new number, recorded with its pixels."""
        numbers = []
        for box in found:
            again = self._shown_again(pixels, box)
            if sum(boxes.share_of(box, self._boxes[n][0]) for n in again) >= 0.5:
                numbers.append(frozenset(again))
            else:
                numbers.append(frozenset({len(self._boxes)}))
                self._record(pixels, [box])
        return numbers

    def __len__(self) -> int:
        """How many boxes were reported (numbered)."""
        return len(self._boxes)

    def _shown_again(self, pixels: np.ndarray, box: Box) -> list[int]:
        """The numbers of the earlier boxes that `box` overlaps whose pixels are unchanged on this frame."""
        return [n for n, (seen, before) in enumerate(self._boxes) if boxes.overlaps(box, seen) and unchanged(_crop(pixels, seen), before)]

    def _record(self, pixels: np.ndarray, shown: list[Box]) -> None:
        self._boxes.extend((box, _crop(pixels, box).copy()) for box in shown)


def _crop(pixels: np.ndarray, box: Box) -> np.ndarray:
    x, y, w, h = box
    return pixels[max(0, y) : y + h, max(0, x) : x + w]
