"""Whether a PNG/JPEG looks like a medical image: a radiograph, a CT or MRI slice, an ultrasound frame.

A name on a chest X-ray is worse than a name on a concert photo: an image that looks medical is health
information (`medical_image`) of its own, whatever text it carries. DICOM files are medical by definition (the
DICOM header scanner records their Modality); this scanner reads ordinary images.

Heuristics on a 256-pixel copy, no model (no small medical-vs-photo classifier ships in a PyPI package):

* medical images are greyscale: almost no pixel has colour (ultrasound may carry a Doppler box or a coloured
  banner, so a little colour is allowed there);
* CT and MRI slices: a dark background on every border and a bright body in the middle;
* ultrasound: a dark background and a speckled sector (fan) that widens from the top down, or a dark frame
  with a speckled grey field, often under a text banner;
* radiographs: greyscale, a wide smooth histogram, little fine texture (a B/W photo has more edges), often
  a dark or a white collimated border;
* documents (a lab report, a portal screenshot): a light page with dark text lines. These are *recognised*
  (`classify` says `document`) but not reported: a white page with text looks the same whether it is a lab
  report or a tweet, and its words (OCR → lab tests, conditions) are what make it health information.

Finding: entity `MEDICAL_IMAGE`, health `medical_image`, source `pixel`, field `pixels`, no span or box,
evidence the guessed kind (`<radiograph-like>`, `<ct-or-mri-like>`, `<ultrasound-like>`), score the confidence.
Covers no part (it adds health information, not coverage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from auditor.evidence import EvidenceKeeper
from auditor.media.image import load_rgb, to_grey
from auditor.model import Finding, Item, masked_finding
from auditor.scanners.base import Scanner
from auditor.scanners.versions import KINDS, VERSIONS

#: Side of the working copy.
WORK_SIDE = 256
#: Kinds that are reported, and their evidence.
MEDICAL_KINDS = {
    "radiograph": "<radiograph-like>",
    "cross_sectional": "<ct-or-mri-like>",
    "ultrasound": "<ultrasound-like>",
}
#: Confidence below which no finding is made.
MIN_SCORE = 0.5


@dataclass(frozen=True)
class Features:
    """What the heuristics look at, each 0–1 unless said otherwise."""

    colour: float  # fraction of pixels with visible colour (max−min channel > 40)
    dark: float  # fraction of pixels with luma < 24
    light: float  # fraction with luma > 230
    mid: float  # fraction with 40 ≤ luma ≤ 215
    border_dark: float  # fraction of the outer 6% frame that is dark
    centre_bright: float  # mean luma of the central third / 255
    spread: float  # luma standard deviation / 128
    edges: float  # mean absolute luma gradient / 255 (fine texture)
    fan: float  # how much the lit width grows from the upper to the lower half (ultrasound sector), −1–1
    speckle: float  # local roughness inside lit, non-saturated regions / 255
    solid: float  # fraction of lit pixels whose four neighbours are lit too (a body or a sector, not stars)


@dataclass(frozen=True)
class Guess:
    kind: str  # radiograph, cross_sectional, ultrasound, document, photo
    score: float


class ImageKindScanner(Scanner):
    name = "image_kind"
    version = VERSIONS[name]
    kinds = KINDS[name]
    covers = frozenset[str]()

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        return [self._scan(item, keeper) for item in items]

    def _scan(self, item: Item, keeper: EvidenceKeeper) -> list[Finding]:
        guess = classify(load_rgb(item.payload or b"", max_side=WORK_SIDE))
        if guess.kind not in MEDICAL_KINDS or guess.score < MIN_SCORE:
            return []
        evidence = MEDICAL_KINDS[guess.kind]
        return [
            masked_finding(
                keeper,
                f"{item.locator}|{guess.kind}",
                item=item.locator,
                source="pixel",
                field="pixels",
                entity="MEDICAL_IMAGE",
                health="medical_image",
                score=round(guess.score, 3),
                scanner=self.name,
                evidence=evidence,
            )
        ]


def classify(rgb: np.ndarray) -> Guess:
    """The kind an RGB uint8 image looks like, with a confidence."""
    if rgb.shape[0] < 16 or rgb.shape[1] < 16:
        return Guess("photo", 0.0)
    f = features(_shrink(rgb))
    scores = {
        "document": _document(f),
        "cross_sectional": _cross_sectional(f),
        "ultrasound": _ultrasound(f),
        "radiograph": _radiograph(f),
    }
    if scores["cross_sectional"] >= MIN_SCORE:
        # a dark frame all round is the mark of a slice; a radiograph's smooth histogram fits a slice too
        scores["radiograph"] = min(scores["radiograph"], scores["cross_sectional"] - 0.01)
    kind = max(scores, key=lambda k: scores[k])
    if scores[kind] < MIN_SCORE:
        return Guess("photo", round(1.0 - scores[kind], 3))
    return Guess(kind, round(scores[kind], 3))


def features(rgb: np.ndarray) -> Features:
    grey = to_grey(rgb).astype(np.float32)
    height, width = grey.shape
    chroma = rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2).astype(np.int16)
    dark_mask = grey < 24
    band_y, band_x = max(1, int(height * 0.06)), max(1, int(width * 0.06))
    frame = np.concatenate(
        [dark_mask[:band_y].ravel(), dark_mask[-band_y:].ravel(), dark_mask[:, :band_x].ravel(), dark_mask[:, -band_x:].ravel()]
    )
    centre = grey[height // 3 : 2 * height // 3, width // 3 : 2 * width // 3]
    gradient = (np.abs(np.diff(grey, axis=0)).mean() + np.abs(np.diff(grey, axis=1)).mean()) / 2
    lit = grey >= 24
    rows = lit.mean(axis=1)
    upper, lower = rows[height // 8 : height // 2].mean(), rows[height // 2 : 7 * height // 8].mean()
    fan = float((lower - upper) / max(lower, upper, 1e-6))
    # speckle: difference from a 3×3 box mean, inside lit regions away from saturation and text
    padded = np.pad(grey, 1, mode="edge")
    box = sum(padded[dy : dy + height, dx : dx + width] for dy in range(3) for dx in range(3)) / 9.0
    rough = np.abs(grey - box)
    inside = lit & (grey < 230)
    speckle = float(rough[inside].mean() / 255.0) if inside.any() else 0.0
    core = lit[1:-1, 1:-1] & lit[:-2, 1:-1] & lit[2:, 1:-1] & lit[1:-1, :-2] & lit[1:-1, 2:]
    solid = float(core.sum() / max(1, lit[1:-1, 1:-1].sum()))
    return Features(
        colour=float((chroma > 40).mean()),
        dark=float(dark_mask.mean()),
        light=float((grey > 230).mean()),
        mid=float(((grey >= 40) & (grey <= 215)).mean()),
        border_dark=float(frame.mean()),
        centre_bright=float(centre.mean() / 255.0),
        spread=float(grey.std() / 128.0),
        edges=float(gradient / 255.0),
        fan=fan,
        speckle=speckle,
        solid=solid,
    )


def _shrink(rgb: np.ndarray) -> np.ndarray:
    height, width = rgb.shape[:2]
    if max(height, width) <= WORK_SIDE:
        return rgb
    from PIL import Image

    image = Image.fromarray(rgb)
    image.thumbnail((WORK_SIDE, WORK_SIDE), Image.Resampling.BILINEAR)
    return np.asarray(image)


def _ramp(value: float, low: float, high: float) -> float:
    """0 at `low`, 1 at `high`, linear between (either direction)."""
    if high == low:
        return 1.0 if value >= high else 0.0
    return float(min(1.0, max(0.0, (value - low) / (high - low))))


def _document(f: Features) -> float:
    return min(_ramp(f.light, 0.35, 0.6), _ramp(f.mid, 0.45, 0.2), _ramp(f.colour, 0.5, 0.2), _ramp(f.dark, 0.2, 0.05))


def _cross_sectional(f: Features) -> float:
    """A dark frame all round and a bright, solid body in the middle."""
    return min(
        _ramp(f.colour, 0.06, 0.01),
        _ramp(f.border_dark, 0.55, 0.85),
        _ramp(f.dark, 0.2, 0.35),
        _ramp(f.centre_bright, 0.12, 0.3),
        _ramp(f.solid, 0.75, 0.85),
        _ramp(f.speckle, 0.06, 0.035),
    )


def _ultrasound(f: Features) -> float:
    """Mostly dark, a solid speckled sector (widening downwards, or a speckled field in a dark frame)."""
    shape = max(_ramp(f.fan, 0.3, 0.5), min(_ramp(f.border_dark, 0.45, 0.6), _ramp(f.speckle, 0.035, 0.045)))
    return min(
        _ramp(f.colour, 0.3, 0.1),
        _ramp(f.dark, 0.35, 0.5),
        _ramp(f.speckle, 0.015, 0.03),
        _ramp(f.solid, 0.6, 0.75),
        shape,
    )


def _radiograph(f: Features) -> float:
    """Greyscale, a wide smooth histogram and little fine texture. A black-and-white photograph looks the same
    to these measures, so without a dark or white collimated border the confidence stays below 0.7."""
    base = min(
        _ramp(f.colour, 0.03, 0.005),
        _ramp(f.spread, 0.25, 0.4),
        _ramp(f.mid, 0.15, 0.3),
        _ramp(f.edges, 0.06, 0.03),
        _ramp(f.speckle, 0.045, 0.03),
    )
    border = max(_ramp(f.light, 0.1, 0.25), _ramp(f.dark, 0.1, 0.3))
    return base * (0.6 + 0.4 * border)
