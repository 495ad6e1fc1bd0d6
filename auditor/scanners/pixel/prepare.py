"""Where text is in an image, found cheaply, and the crops OCR is given.

`text_regions(grey)`: text lines found without OCR (a few milliseconds on a 1024² frame): morphological
gradient (3×3), binarised (Otsu, never below `MIN_EDGE`), closed horizontally so the letters of a line join,
connected components kept when they are shaped like a line of text (height `MIN_TEXT_PX`…`MAX_TEXT_PX`,
edge density, at least two letter-sized strokes inside). An image with no region is not OCR'd at all — the
common case (photos without captions, most CT/MR slices).

`crops_for(grey, regions)`: nearby regions merged into crops, each prepared for tesseract:
- contrast stretched between the crop's 1st and 99th percentiles (low-contrast annotations),
- inverted when its background is dark (white-on-black overlays of ultrasound, CT, MR),
- upscaled so its text is about `TARGET_TEXT_PX` high (8–10 px labels read badly at 1×), at most 4×,
- padded with `PAD_PX` of background, so text touching the image edge gets the margin tesseract needs.
Other readings of a crop (`binarise`): Otsu, the bright-overlay strokes, thin strokes against the local mean,
each pixel's distance from the local background (dim type over anatomy whose polarity flips along the line), or
the strokes after a blur over half a frame pixel (a JPEG's ringing and speckle around small type: "smoothed").

`band_crops(grey)`: the second pass — the top and bottom banners and the four corners of a medical image,
binarised (Otsu) after polarity and upscaling, for the text the region finder or pass 1 missed.

`Mosaic` stacks prepared crops into one image (one tesseract process per frame instead of one per crop:
starting tesseract costs ~50 ms) and maps each word's box back to the original image's pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Smallest and largest text line height found, in pixels of the frame.
MIN_TEXT_PX = 5
MAX_TEXT_PX = 90
#: Gradient threshold floor: weaker edges are texture, not glyphs.
MIN_EDGE = 40
#: Height tesseract reads best at (capital height ~20–30 px).
TARGET_TEXT_PX = 30
MAX_UPSCALE = 4.0
PAD_PX = 16
#: Region detection runs on at most this long a side (larger frames are shrunk for it only).
DETECT_SIDE = 2048
#: Fraction of the height / width that counts as a band or corner of a medical image.
BAND_FRACTION = 0.14
CORNER_FRACTION = 0.3
#: Largest mosaic height before it is split (tesseract is slower on very tall images).
MOSAIC_MAX_HEIGHT = 6000

Box = tuple[int, int, int, int]  # x, y, w, h


def text_regions(grey: np.ndarray) -> list[Box]:
    """Boxes (x, y, w, h, original pixels) of what looks like lines of text, top to bottom."""
    import cv2

    height, width = grey.shape
    scale = 1.0
    work = grey
    if max(height, width) > DETECT_SIDE:
        scale = DETECT_SIDE / max(height, width)
        work = cv2.resize(grey, (max(1, round(width * scale)), max(1, round(height * scale))), interpolation=cv2.INTER_AREA)
    gradient = cv2.morphologyEx(work, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    otsu, _ = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    _, edges = cv2.threshold(gradient, max(float(otsu), MIN_EDGE), 255, cv2.THRESH_BINARY)
    joined = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    boxes: list[Box] = []
    min_h, max_h = max(3, MIN_TEXT_PX * scale), MAX_TEXT_PX * scale
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        if not (min_h <= h <= max_h) or w < max(3, 0.3 * h) or w * h < 20:
            continue
        fill = area / float(w * h)
        if fill < 0.25:
            continue
        inside = edges[y : y + h, x : x + w]
        density = float(np.count_nonzero(inside)) / (w * h)
        if not 0.12 <= density <= 0.85:
            continue
        if w > 2.5 * h and _stroke_columns(inside) < 2:
            continue
        boxes.append(_unscale((x, y, w, h), scale, width, height))
    boxes += [_unscale(box, scale, width, height) for box in _character_lines(edges, min_h, max_h)]
    return sorted(set(boxes), key=lambda b: (b[1], b[0]))


def _character_lines(edges: np.ndarray, min_h: float, max_h: float) -> list[Box]:
    """Lines made of letter-sized edge components side by side: finds text that touches a larger shape
    (a label over a bone, a banner over the scan), which the closed-line components merge into the shape."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(edges, connectivity=8)
    letters = []
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        if min_h <= h <= max_h and 1 <= w <= 20 * h and area >= 4 and area >= 0.15 * w * h:
            letters.append((x, y, w, h))
    letters.sort(key=lambda b: b[0])
    lines: list[list[int]] = []  # x0, y0, x1, y1, count
    for x, y, w, h in letters:
        for line in lines:
            lh = line[3] - line[1]
            if (
                x - line[2] <= 1.2 * max(h, lh)
                and min(line[3], y + h) - max(line[1], y) >= 0.5 * min(h, lh)
                and 0.5 <= h / max(lh, 1) <= 2.0
            ):
                line[0], line[1], line[2], line[3] = min(line[0], x), min(line[1], y), max(line[2], x + w), max(line[3], y + h)
                line[4] += max(1, round(w / (0.6 * h)))
                break
        else:
            lines.append([x, y, x + w, y + h, max(1, round(w / (0.6 * h)))])
    return [(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1, n in lines if n >= 3]


def _stroke_columns(edges: np.ndarray) -> int:
    """How many separate runs of edge columns a line has (letters), capped at 3: a long bar has one."""
    columns = np.asarray(edges.any(axis=0))
    runs = np.count_nonzero(np.diff(columns.astype(np.int8)) == 1) + int(columns[0])
    return min(int(runs), 3)


def _unscale(box: Box, scale: float, width: int, height: int) -> Box:
    if scale == 1.0:
        return box
    x, y, w, h = box
    x0, y0 = int(x / scale), int(y / scale)
    x1, y1 = min(width, int(np.ceil((x + w) / scale))), min(height, int(np.ceil((y + h) / scale)))
    return (x0, y0, x1 - x0, y1 - y0)


#: An image this small with any text region is OCR'd whole (one crop): cheap, and nothing is cut off.
WHOLE_IMAGE_PIXELS = 320 * 320


def group_regions(regions: list[Box], width: int, height: int) -> list[tuple[Box, float]]:
    """Regions merged into crops (box, median line height): lines of one block, words of one line."""
    if not regions:
        return []
    if width * height <= WHOLE_IMAGE_PIXELS:
        return [((0, 0, width, height), float(np.median([h for _, _, _, h in regions])))]
    padded: list[tuple[list[int], list[int]]] = []  # (x0, y0, x1, y1), the line heights merged into it
    for x, y, w, h in regions:
        mx, my = int(3 * h) + 2, int(0.6 * h) + 2
        padded.append(([max(0, x - mx), max(0, y - my), min(width, x + w + mx), min(height, y + h + my)], [h]))
    merged = True
    while merged:
        merged = False
        out: list[tuple[list[int], list[int]]] = []
        for box, heights in padded:
            for other, other_heights in out:
                if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                    other[0], other[1] = min(other[0], box[0]), min(other[1], box[1])
                    other[2], other[3] = max(other[2], box[2]), max(other[3], box[3])
                    other_heights += heights
                    merged = True
                    break
            else:
                out.append((box, heights))
        padded = out
    return [((x0, y0, x1 - x0, y1 - y0), float(np.median(hs))) for (x0, y0, x1, y1), hs in padded]


@dataclass(frozen=True)
class Crop:
    """A prepared crop: `image` (uint8, dark text on light) made from `box` of the frame at `scale`, with `pad`."""

    box: Box
    image: np.ndarray
    scale: float
    pad: int


def prepare(
    grey: np.ndarray,
    box: Box,
    line_height: float,
    binarise: str | None = None,
    max_scale: float = MAX_UPSCALE,
    target: float = TARGET_TEXT_PX,
) -> Crop:
    """`binarise`: None (greyscale), "otsu", "extreme" (only thin strokes that stand out from their
    surroundings: burned-in text drawn at the top value over bone or a grey banner), "strokes" (thresholded
    against the local background after upscaling: faint grey 8–10 px type, whose one-pixel strokes a global
    threshold drops or fills in), or "background" (greyscale distance from the local background: dim grey type
    over anatomy that is darker than the text on one side and brighter on the other, where no one polarity of
    the crop shows the whole line). `target`: the text height the crop is upscaled to."""
    import cv2

    x, y, w, h = box
    crop = grey[y : y + h, x : x + w]
    low, high = np.percentile(crop, (1, 99)) if crop.size else (0, 255)
    if high - low >= 8:
        crop = np.clip((crop.astype(np.float32) - low) * (255.0 / (high - low)) + 0.5, 0, 255).astype(np.uint8)
    if _dark_background(crop):
        crop = 255 - crop
    if binarise == "background":
        crop = _from_background(crop, line_height)
    if binarise == "extreme":
        # Strokes darker than their own surroundings (black-hat), whatever lies under them: text crossing bone
        # or a grey banner keeps its shape. At the frame's resolution, before upscaling blurs the thin strokes.
        side = max(3, int(line_height * 0.6)) | 1
        hat = cv2.morphologyEx(crop, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
        level, _ = cv2.threshold(hat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        crop = np.where(hat > max(0.4 * level, 30), 0, 255).astype(np.uint8)  # faint strokes over bone count too
    scale = scale_for(line_height, max_scale, target)
    if scale > 1.0:
        crop = cv2.resize(crop, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_CUBIC)
    if binarise == "strokes":
        crop = _local_strokes(crop, line_height * scale)
    elif binarise == "smoothed":
        crop = _smoothed_strokes(crop, line_height * scale, scale)
    elif binarise in ("otsu", "extreme"):
        _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    pad = PAD_PX
    crop = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=int(_background(crop)))
    return Crop(box, crop, scale, pad)


def scale_for(line_height: float, max_scale: float = MAX_UPSCALE, target: float = TARGET_TEXT_PX) -> float:
    """How much a crop with this line height is upscaled (1.0: not at all)."""
    scale = float(np.clip(target / max(line_height, 1.0), 1.0, max_scale))
    return scale if scale > 1.05 else 1.0


#: A stroke of "strokes" binarisation is darker than its neighbourhood's mean by at least this many levels (of a
#: contrast-stretched crop: faint type still spans most of the range once stretched; texture does not).
STROKE_CONTRAST = 12


def _local_strokes(crop: np.ndarray, text_px: float) -> np.ndarray:
    """Dark strokes against the mean of a neighbourhood about two text heights wide: a dim line over anatomy
    keeps its thin strokes where one threshold for the whole crop would lose them to the brighter tissue."""
    import cv2

    block = max(3, int(2 * text_px)) | 1
    return cv2.adaptiveThreshold(crop, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, STROKE_CONTRAST)


#: The strongest 0.5 % of a crop's distances from its background are its strokes' full contrast ("background").
STROKE_PERCENTILE = 99.5
#: Below this many levels of distance a crop has no strokes to stretch (flat, or noise only).
MIN_STROKE_LEVELS = 8.0
#: A pixel is a stroke of the "background" reading when at least a quarter of the full contrast from its background
#: (darker than this level of the reading); a crop with more than this share of stroke pixels is texture.
STROKE_LEVEL = 192
MAX_STROKE_SHARE = 0.3


def _from_background(crop: np.ndarray, line_height: float) -> np.ndarray:
    """Dark where a pixel differs from its neighbourhood's median (one and a half line heights wide: wider than a
    stroke, so the median is what lies under the text), on white: the polarity of the text may flip along a line.
    A crop that is texture all over is returned as it was."""
    import cv2

    side = max(3, int(1.5 * line_height)) | 1
    distance = cv2.absdiff(crop, cv2.medianBlur(crop, side))
    top = max(float(np.percentile(distance, STROKE_PERCENTILE)), MIN_STROKE_LEVELS)
    strokes = (255 - np.clip(distance.astype(np.float32) * (255.0 / top), 0, 255)).astype(np.uint8)
    # Texture (a photo stored as DICOM, speckle) differs from its median almost everywhere: read as strokes it
    # costs tesseract several times a text crop's time and reads as debris, so such a crop keeps its greyscale.
    return crop if float(np.mean(strokes < STROKE_LEVEL)) > MAX_STROKE_SHARE else strokes


#: "smoothed" blurs an upscaled crop over this share of one of the frame's pixels (a JPEG's ringing and block edges
#: are a pixel or two wide at the frame's resolution, a stroke of 8–10 px type one to two).
SMOOTHING_PX = 0.5
#: The depth that counts as a full stroke ("smoothed"): the 95th percentile of the crop's, so that the fainter lines of a
#: banner (a lighter face, a dimmer colour) are as dark as its boldest once stretched.
SMOOTHED_PERCENTILE = 95.0


def _smoothed_strokes(crop: np.ndarray, text_px: float, scale: float) -> np.ndarray:
    """Strokes darker than their surroundings (black-hat one text height wide), after a blur over half a frame pixel:
    lossy compression (a JPEG screenshot, a phone photo of a screen) rings around small type and speckles the
    background, and a threshold of the raw pixels reads that as broken strokes and debris. Greyscale, each pixel's
    depth under its surroundings against the crop's strongest strokes, on white."""
    import cv2

    blurred = cv2.GaussianBlur(crop, (0, 0), SMOOTHING_PX * max(scale, 1.0))
    side = max(3, int(text_px)) | 1
    hat = cv2.morphologyEx(blurred, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    top = max(float(np.percentile(hat, SMOOTHED_PERCENTILE)), MIN_STROKE_LEVELS)
    return (255 - np.clip(hat.astype(np.float32) * (255.0 / top), 0, 255)).astype(np.uint8)


def _dark_background(crop: np.ndarray) -> bool:
    return _background(crop) < 128


def _background(crop: np.ndarray) -> float:
    """The crop's background level: the median of its border pixels (text rarely fills a border)."""
    if crop.size == 0:
        return 255.0
    border = np.concatenate([crop[0, :], crop[-1, :], crop[:, 0], crop[:, -1]])
    return float(np.median(border)) if border.size else float(np.median(crop))


def band_boxes(width: int, height: int) -> list[Box]:
    """The top and bottom banners and the left and right edge columns of a medical image (the corners overlap)."""
    band = max(8, int(height * BAND_FRACTION))
    side = max(8, int(width * CORNER_FRACTION * 0.6))
    boxes = [(0, 0, width, band), (0, height - band, width, band)]
    if height > 2 * band:
        boxes += [(0, band, side, height - 2 * band), (width - side, band, side, height - 2 * band)]
    return boxes


def in_band(box: Box, width: int, height: int) -> bool:
    """Whether a box lies (by its centre) in the banners or the edge columns of the image."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    return (
        cy < height * BAND_FRACTION
        or cy > height * (1 - BAND_FRACTION)
        or cx < width * CORNER_FRACTION * 0.6
        or cx > width * (1 - CORNER_FRACTION * 0.6)
    )


class Mosaic:
    """Prepared crops stacked top to bottom with white gaps; maps mosaic boxes back to the frame."""

    GAP = 24

    def __init__(self, crops: list[Crop]) -> None:
        self.crops = crops
        width = max(c.image.shape[1] for c in crops)
        height = sum(c.image.shape[0] for c in crops) + self.GAP * (len(crops) - 1)
        self.image = np.full((height, width), 255, np.uint8)
        self.tops: list[int] = []
        top = 0
        for crop in crops:
            h, w = crop.image.shape
            self.image[top : top + h, :w] = crop.image
            if w < width:  # the rest of the row in the crop's own background
                self.image[top : top + h, w:] = crop.image[0, 0]
            self.tops.append(top)
            top += h + self.GAP

    def to_frame(self, box: Box) -> tuple[int, Box] | None:
        """(crop index, box in frame pixels) of a word box in mosaic pixels, by the word's centre."""
        x, y, w, h = box
        cy = y + h / 2
        for index, (crop, top) in enumerate(zip(self.crops, self.tops)):
            ch, _cw = crop.image.shape
            if top <= cy < top + ch:
                fx = (x - crop.pad) / crop.scale
                fy = (y - top - crop.pad) / crop.scale
                x0 = max(0.0, fx)
                y0 = max(0.0, fy)
                x1 = min(crop.box[2], fx + w / crop.scale)
                y1 = min(crop.box[3], fy + h / crop.scale)
                if x1 <= x0 or y1 <= y0:
                    return None
                return index, (crop.box[0] + round(x0), crop.box[1] + round(y0), max(1, round(x1 - x0)), max(1, round(y1 - y0)))
        return None


def split_for_mosaics(crops: list[Crop]) -> list[list[Crop]]:
    groups: list[list[Crop]] = []
    height = 0
    for crop in crops:
        h = crop.image.shape[0] + Mosaic.GAP
        if not groups or height + h > MOSAIC_MAX_HEIGHT:
            groups.append([])
            height = 0
        groups[-1].append(crop)
        height += h
    return groups
