"""The burned-in text scanner: text drawn into the pixels of images and DICOM files, read by OCR and analysed
with the same recognizers as posts.

Per item:
1. Pixels → 8-bit frames (`render.py` for DICOM: VOI LUT/window, MONOCHROME1, palette, YBR, every frame,
   repeats skipped by hash; `media/image.py` for images: bounded decode, EXIF orientation, every frame of an
   animated or multi-page image, repeats skipped by hash).
2. Text regions found without OCR (`prepare.text_regions`); a frame without any is not OCR'd.
3. Pass 1: regions grouped into crops (stretched, inverted when white-on-black, upscaled, padded so text at
   the very edge is read), stacked in one mosaic, one tesseract call (`ocr.ocr_words`, psm 11). On a photo or
   screenshot pass 1 upscales at most `PHOTO_PROBE_UPSCALE`: a crop that reads a plausible word that way is
   read again at full scale in pass 2, and texture costs a fraction of a full read.
   Pass 2, only for crops where pass 1 read a plausible word or that lie in a medical image's banners and edge
   columns (texture reads as debris; reading it again is wasted): crops that read badly (mean confidence <
   `RETRY_CONFIDENCE`) are read binarised (Otsu), and on medical images also as thin strokes against their local mean
   (faint grey type over anatomy, `prepare(binarise="strokes")`); on medical images every such crop that read something is also
   read through the bright-overlay pass (black-hat: text drawn at the top value over bone or a grey banner), and
   weak ones through the banners and edge columns (`prepare.band_boxes`). On a photo or screenshot a crop that read a
   banner label but no word over most of its text-like regions counts as weak (its boldest line read, its faint ones
   not), and the blocks of text rows aligned at one edge (`_aligned_block`) in crops read weakly or found nothing
   plausible in are read once more through JPEG smoothing (`prepare(binarise="smoothed")`), and the unlabelled rows
   of a labelled banner too; those words are kept only when they make more labelled values.
   Words of both passes are merged: of overlapping words the one that reads as an identifier (a header value,
   an ID, a date), then the more confident. A banner of two labelled lines or more is read again as one block
   (black-hat strokes), and then each of its rows where no labelled value of its field's form was read (a date that
   is no calendar day, an age that is no age), one row at a time: as thin strokes (`prepare(binarise="strokes")`)
   and as a block of lines (tesseract psm 6); a row's new words are kept only when they make more well-formed or
   more labelled values.
   Cines and animated images (`_EarlierFrames`): text regions unchanged since the previous frame (up to
   compression noise) are not read again, their words are the previous frame's; a frame's text holds every word it
   shows, so a value that appears after its label ("MRN:" on frame 0, "MRN: 48213907" on frame 1) is read with it.
   A frame that shows no new word adds no text, and a finding whose words all show again, unchanged, words an
   earlier frame reported a finding over is dropped (`item_findings`): a banner is reported once, in the first
   frame that shows it (`pixel/frames.py`).
4. The words, joined into lines, go through `TextDetector.detect`; then the pixel rules:
   - the header's identifying values (`deny_list.find`, DICOM only) found with OCR misreads forgiven,
   - labelled banner lines (`banner_labels.py`): "Patient ID: …", "DOB: …", "Institution Name: …" type their
     value by the label (`LABELLED_SCORE`), and the label words themselves are never a value;
   - banner patterns: `LAST, FIRST` / `LAST^FIRST` names, IDs of 6+ digits after `ID` (any image) or bare on a
     medical image or a screenshot showing a labelled banner when read with confidence (`BARE_ID_CONFIDENCE`); a
     bare `YYYYMMDD` that is a real day is a date, not an ID,
   - the age band the banner states (its "Age:" value, else its date of birth against its study date) is appended
     to the masked evidence of the finding it was read from ("***Y (age 60-69)"): the quasi-identifier extraction
     (auditor/risk/extract.py) reads it there, since the OCR text is not kept,
   - the allow-list (`allow_list.py`): a detection made only of equipment text is dropped, and a name that
     contains an anatomy or preset word (`Adv Breast`) is dropped;
   - a name the text scanner guessed from words all read below `GUESSED_NAME_CONFIDENCE` is dropped (texture
     read as letters spells given names).
5. Residual text: words left in the banners and corner columns of a medical image that are neither
   equipment text nor part of a finding — one `RESIDUAL_TEXT` finding per line, no identifier, score 0.3.

Renderings (DICOM): the frame as its header renders it, or its stored range when the header's rescale/window blank
it (`render.STORED_RANGE`); text-like regions of the stored-range rendering where the windowed frame read no word
and the window clipped the pixels are read again (`render.STORED_VALUES`: only there, so a frame the window renders
well costs one region search more). The field names the rendering when it is not the header's.

Findings: source `pixel`, field `ocr` (`ocr:stored-range`, `ocr:stored-values` when read from the stored values;
`ocr:frame:N`, `ocr:stored-values:frame:N` for a multi-frame DICOM or image, N 0-based; a banner repeated
in later frames is reported once, in the first frame that shows it), span into that frame's OCR text, bbox
`[x, y, w, h]` in the original image's pixels, entity / identifier / health from the text scanner (header
matches: `HEADER_<KIND>` with the kind's identifier, institutions `INSTITUTION_NAME` without one; banner
patterns: `PERSON` / `MEDICAL_RECORD_NUMBER`), evidence masked, digest keyed. The raw value never leaves.

Errors: undecodable pixels, a missing decoder plugin, a declared size over the bounds → one-line per-item
error. The per-item time budget (`TIME_BUDGET_SECONDS`, passed to tesseract as its timeout) and frames past
`render.MAX_FRAMES` of a DICOM → `PixelTextIncomplete`, which carries the findings of what was read (the worker keeps
them once it reads `error.findings`, as for `documents.PdfPagesIncomplete`).
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.util
import itertools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from auditor import boxes
from auditor.evidence import EvidenceKeeper
from auditor.media.frames import STORED_VALUES, WINDOW
from auditor.model import Finding, Item, masked_finding
from auditor.scanners.base import PartialScan, Scanner
from auditor.scanners.pixel import allow_list, banner_labels, deny_list, prepare
from auditor.scanners.pixel.frames import Reported, UntilDamaged, frame_field, image_frames, unchanged_at
from auditor.scanners.pixel.ocr import OcrText, OcrTimeout, OcrWord, ocr_words, tesseract_missing_reason
from auditor.scanners.text.availability import text_detector_missing_reason
from auditor.scanners.versions import KINDS, VERSIONS

if TYPE_CHECKING:
    from auditor.media.frames import Frame
    from auditor.scanners.dicom.identifying import IdentifyingValue
    from auditor.scanners.text.detector import Detection, TextDetector

SOURCE = "pixel"
#: Seconds of OCR per item before it stops with lost coverage.
TIME_BUDGET_SECONDS = 60.0
#: Pass-1 crops read with less mean word confidence than this are read again (pass 2).
RETRY_CONFIDENCE = 80.0
#: Words below this confidence are dropped (tesseract's guesses at speckle and tick marks).
MIN_WORD_CONFIDENCE = 35.0
#: Image decode bound for photos/screenshots: longest side kept (boxes are mapped back to full resolution).
IMAGE_MAX_SIDE = 4096
RESIDUAL_SCORE = 0.3
HEADER_SCORE_EXACT = 0.95
HEADER_SCORE_FUZZY = 0.85
BANNER_NAME_SCORE = 0.7
BANNER_ID_SCORE = 0.6
#: A value after its banner label ("Patient ID: …"): the label says what it is, above any guess from its shape,
#: and above the header's exact match (which names no type for an institution).
LABELLED_SCORE = 0.96
#: Pass 1 on a photo or screenshot upscales its crops at most this much; a crop that reads a plausible word
#: this way is read again at full scale in pass 2 (a photo's texture costs a quarter of the full read).
PHOTO_PROBE_UPSCALE = 2.0
#: The banners and edge columns read whole in pass 2 are upscaled at most this much: they are a fifth to a
#: half of the frame, and at 4x they cost more than everything else read in it.
BAND_MAX_UPSCALE = 2.0
#: Mean level difference (0–255) between a region's contrast-stretched windowed and stored-range crops above
#: which the window is taken to have clipped it (the same pixels rescaled differ by a few levels of rounding).
CLIPPED_LEVELS = 20.0
#: Least OCR confidence of a bare ID's word (tesseract reads clean digits at 85–96).
BARE_ID_CONFIDENCE = 70.0
#: A name the text scanner finds in OCR text needs its longest word read with at least this confidence (names read from
#: burned-in text and screenshots: 65–96; given names spelled by texture debris: 37–45).
GUESSED_NAME_CONFIDENCE = 50.0
#: A labelled banner's block grows over boxes up to this many line heights tall (text lines, not anatomy).
BLOCK_LINE_RATIO = 2.5
#: This many text-like rows aligned at one edge are a block of text (a banner, a viewer's overlay) even where a photo's
#: or screenshot's first reading found no plausible word: the block is read through JPEG smoothing (`_aligned_block`).
ALIGNED_ROWS = 3
#: More text-like regions than this in one crop are a texture's strokes, not a banner's lines: no aligned block is sought.
MAX_BLOCK_REGIONS = 400
#: The lines of such a block are this many line heights apart at most (middle to middle), and of one height within this ratio.
MAX_LINE_PITCH = 2.5
BLOCK_HEIGHT_RATIO = 1.5
#: A crop that read a banner label but no word over more than this share of its text-like regions is read again.
UNREAD_SHARE = 0.25
#: Text height a banner row left unlabelled is upscaled to when it is read again (`prepare(target=...)`).
REREAD_TEXT_PX = 30.0
#: How those rows are read again (binarisation, tesseract page segmentation): thin strokes as sparse words, and each
#: row's distance from its local background and its strokes after a blur over half a frame pixel (on a photo or
#: screenshot, JPEG smoothing alone) as one block of text, whose lines tesseract reads whole, each word in the context
#: of its line. The blur reads faint 6–9 px type over anatomy best of the three (a row's box read alone: 67 of
#: tune_faint's 121 DICOM banner lines within a tenth of their characters, against 65 from its background, 61 thin
#: strokes), and it differs from them where it fails, so each row keeps whichever reading makes the banner read best.
ROW_READINGS: tuple[tuple[str, int], ...] = (("strokes", 11), ("background", 6), ("smoothed", 6))
ROW_READINGS_LOSSY: tuple[tuple[str, int], ...] = (("strokes", 11), ("smoothed", 11), ("smoothed", 6))

_BANNER_NAME = re.compile(r"\b[A-Z][A-Z'\-]{1,}(?:[ ]?[,^][ ]?|\^)[A-Z][A-Za-z'\-]{1,}(?:[ ^][A-Z][A-Za-z'\-]*)?")
_BANNER_ID = re.compile(r"(?<![\w/.:-])(?:(?P<fused>[1Il]D)[A-Z]?|[A-Z]{0,3})(?P<id>\d{6,})(?![\w/.:-])")
#: An ID written in groups of digits ("ID 542-876-293"): an ID only after its `ID` label, and never a calendar day.
_GROUPED_ID = re.compile(r"(?<![\w/.:-])\d{2,5}(?:-\d{2,5}){1,3}(?![\w/.:-])")
_LABELLED_NAME = re.compile(r"\b(?:Patient|Pt|Name|Patient Name)[ \t]*:?[ \t]+([A-Z][A-Za-z'\-]+,?(?:[ \t]+[A-Z][A-Za-z'\-]+){1,2})")
_ID_CONTEXT = re.compile(r"\b(?:ID|PID|MRN|PATIENT\s*ID|PAT\s*ID|ACC|HN|NHS)\s*[:#]?\s*$", re.IGNORECASE)


class PixelTextIncomplete(PartialScan):
    """Part of an item's pixels was not read (time budget, frame limit); `findings` holds what was read."""


@dataclass
class FrameText:
    frame: int
    ocr: OcrText
    medical: bool
    size: tuple[int, int]  # width, height of the original image
    rendering: str = WINDOW  # the rendering the words were read from (`render.WINDOW`, …)
    #: For each word, the numbers of the words of earlier frames it shows again (`frames.Reported.numbered`), or its
    #: own; empty for a text read on its own (every word new).
    shows: tuple[frozenset[int], ...] = ()

    def field(self, multi_frame: bool) -> str:
        """The findings' field: `ocr`, with the rendering when not the header's (`ocr:stored-range`) and the
        frame of a multi-frame DICOM or image (`ocr:frame:2`, `ocr:stored-values:frame:2`)."""
        return frame_field("ocr" if self.rendering == WINDOW else f"ocr:{self.rendering}", self.frame, multi_frame)


@dataclass
class ItemRead:
    frames: list[FrameText] = field(default_factory=list)
    header: list[IdentifyingValue] = field(default_factory=list)
    multi_frame: bool = False
    lost: list[str] = field(default_factory=list)
    ocr_calls: int = 0


class _Budget:
    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


class BurnedInTextScanner(Scanner):
    name = "pixel_text"
    version = VERSIONS[name]
    kinds = KINDS[name]
    uses_text_detector = True
    covers = frozenset({"ocr"})

    def __init__(self, text: TextDetector | None = None, time_budget: float = TIME_BUDGET_SECONDS) -> None:
        self._text = text
        self.time_budget = time_budget

    def _text_scanner(self) -> TextDetector:
        if self._text is None:
            from auditor.scanners.text.detector import TextDetector

            self._text = TextDetector()
        return self._text

    def unavailable_reason(self) -> str | None:
        reason = tesseract_missing_reason()
        if reason:
            return reason
        for module in ("cv2", "pytesseract"):
            if importlib.util.find_spec(module) is None:
                return f"{module} is not installed (pip install opencv-python-headless pytesseract)"
        return text_detector_missing_reason()  # asked without building the detector, whose imports are heavy

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        reads: list[ItemRead | Exception] = []
        for item in items:
            try:
                reads.append(read_item(item, self.time_budget))
            except Exception as error:
                reads.append(error)
        texts = [frame.ocr.text for read in reads if isinstance(read, ItemRead) for frame in read.frames]
        detections = iter(self._text_scanner().detect(texts) if texts else [])
        outcomes: list[list[Finding] | Exception] = []
        for item, read in zip(items, reads):
            if isinstance(read, Exception):
                outcomes.append(read)
                continue
            findings = item_findings(item.locator, read, [next(detections) for _ in read.frames], keeper, self.name)
            if read.lost:
                outcomes.append(PixelTextIncomplete("; ".join(read.lost), findings))
            else:
                outcomes.append(findings)
        return outcomes


# ---------------------------------------------------------------------------------------------- reading


def read_item(item: Item, time_budget: float = TIME_BUDGET_SECONDS) -> ItemRead:
    """OCR text of every distinct frame of an item. Raises RenderError / PixelLoadError (one line)."""
    budget = _Budget(time_budget)
    if item.kind == "dicom":
        return _read_dicom(item.payload or b"", budget)
    return _read_image(item.payload or b"", budget)


def _read_dicom(payload: bytes, budget: _Budget) -> ItemRead:
    from auditor.media.frames import MAX_FRAMES, NoPixelData, iter_frames, open_dicom

    try:
        pixels = open_dicom(payload)
    except NoPixelData:
        return ItemRead()
    read = ItemRead(header=_header_values(pixels.dataset), multi_frame=pixels.frame_count > 1)
    seen_crops: set[str] = set()
    previous: np.ndarray | None = None
    earlier = _EarlierFrames()
    frames = UntilDamaged(iter_frames(pixels), pixels.frames_read)
    for frame in frames:
        if frame.repeat_of is not None:
            continue
        size = (frame.grey.shape[1], frame.grey.shape[0])
        try:
            ocr = read_frame(frame.grey, medical=True, seen=seen_crops, budget=budget, read=read, previous=previous)
            hidden = _stored_values_text(frame, ocr, seen_crops, budget, read)
        except OcrTimeout:
            read.lost.append(_budget_message(budget, frame.index, pixels.frames_read))
            break
        previous = frame.grey
        for text, rendering in ((ocr, frame.rendering), (hidden, STORED_VALUES)):
            shown = earlier.frame_text(text, frame.grey, rendering)
            if shown is not None:
                read.frames.append(FrameText(frame.index, shown[0], True, size, rendering, shown[1]))
        if budget.remaining() <= 0 and frame.index + 1 < pixels.frames_read:
            read.lost.append(_budget_message(budget, frame.index + 1, pixels.frames_read))
            break
    if frames.unread:
        read.lost.append(f"burned-in text: {frames.unread}")
    if pixels.frame_count > MAX_FRAMES:
        read.lost.append(f"burned-in text: frames {MAX_FRAMES}–{pixels.frame_count - 1} not read (limit of {MAX_FRAMES} frames per item)")
    return read


def _stored_values_text(frame: Frame, windowed: OcrText, seen: set[str], budget: _Budget, read: ItemRead) -> OcrText:
    """Text the window hid: the text-like regions of the stored-range rendering, in a banner or an edge column,
    where the windowed frame showed no text-like region and read no word, and the window clipped what the stored
    values show (empty when the window clipped nothing). A region the windowed frame showed as text-like and read
    as nothing is texture, not hidden text (an MR's tissue under a narrow window)."""
    if frame.stored is None:
        return OcrText("", (), ())
    height, width = frame.grey.shape
    shown = [word.bbox for word in windowed.words] + prepare.text_regions(frame.grey)
    regions = [
        box
        for box in prepare.text_regions(frame.stored)
        if prepare.in_band(box, width, height) and not _overlaps_any(box, shown) and _clipped(frame, box)
    ]
    if not regions:
        return OcrText("", (), ())
    return read_frame(frame.stored, medical=True, seen=seen, budget=budget, read=read, regions=regions)


def _clipped(frame: Frame, box: prepare.Box) -> bool:
    """Whether the window shows this region otherwise than its stored values do (clipped, not just rescaled):
    their contrast-stretched crops differ, so the windowed reading may have missed text the stored values show."""
    if frame.stored is None:
        return False
    x, y, w, h = box
    windowed, stored = (_normalised(grey[y : y + h, x : x + w]) for grey in (frame.grey, frame.stored))
    return float(np.mean(np.abs(windowed - stored))) > CLIPPED_LEVELS


def _normalised(crop: np.ndarray) -> np.ndarray:
    low, high = np.percentile(crop, (1, 99)) if crop.size else (0, 1)
    return np.clip((crop.astype(np.float32) - low) * (255.0 / max(high - low, 1.0)), 0, 255)


def _read_image(payload: bytes, budget: _Budget) -> ItemRead:
    """Every distinct frame the bounds let be read (`media.image.frame_plan`; the corpus reader records the
    frames past them as not scanned), with the cine's rules (`_EarlierFrames`): regions unchanged since the
    previous frame are not read again, their words are the previous frame's, and a word an earlier frame showed
    unchanged is reported once, there."""
    from auditor.media.image import to_grey

    plan, frames = image_frames(payload, IMAGE_MAX_SIDE)
    read = ItemRead(multi_frame=plan.multi_frame)
    seen_crops: set[str] = set()
    previous: np.ndarray | None = None
    earlier = _EarlierFrames()
    for frame in frames:
        pixels = frame.pixels
        grey = to_grey(pixels.rgb)
        try:
            ocr = read_frame(grey, medical=False, seen=seen_crops, budget=budget, read=read, previous=previous)
        except OcrTimeout:
            read.lost.append(_budget_message(budget, frame.index, plan.read))
            break
        previous = grey
        shown = earlier.frame_text(ocr, grey, WINDOW)
        if shown is not None:
            text, shows = shown
            if (pixels.width, pixels.height) != (grey.shape[1], grey.shape[0]):
                text = _remap(text, pixels.to_original)
            read.frames.append(FrameText(frame.index, text, False, (pixels.width, pixels.height), WINDOW, shows))
        if budget.remaining() <= 0 and frame.index + 1 < plan.read:
            read.lost.append(_budget_message(budget, frame.index + 1, plan.read))
            break
    if frames.unread:
        read.lost.append(f"burned-in text: {frames.unread}")
    return read


class _EarlierFrames:
    """What the frames read so far showed, so that a cine's banner is reported once while it stays in every later
    frame's text as the context of what changes there (frame 0 shows "MRN:", frame 1 "MRN: 48213907"): each word
    read, numbered with the pixels it covered (`frames.Reported`), and per rendering the previous frame's pixels
    and words with their numbers."""

    def __init__(self) -> None:
        self._reported = Reported()
        self._previous: dict[str, tuple[np.ndarray, dict[OcrWord, frozenset[int]]]] = {}

    def frame_text(self, read: OcrText, pixels: np.ndarray, rendering: str) -> tuple[OcrText, tuple[frozenset[int], ...]] | None:
        """A frame's text and what each of its words shows again: the words read on it (`read`), numbered, and the
        previous frame's words on pixels unchanged since and where no word was read (the regions not read again,
        or read again as nothing). None when no word is new: every word was in an earlier frame's text."""
        known = len(self._reported)  # the words numbered before this frame: one more is a new word
        found = [word.bbox for word in read.words]
        shows = dict(zip(read.words, self._reported.numbered(pixels, found)))
        before, words = self._previous.get(rendering, (None, {}))
        if before is not None and before.shape == pixels.shape:
            for word, numbers in words.items():
                if not _overlaps_any(word.bbox, found) and unchanged_at(word.bbox, pixels, before):
                    shows[word] = numbers
        self._previous[rendering] = (pixels, shows)
        if len(self._reported) == known:
            return None
        text = read if len(shows) == len(read.words) else join_words(list(shows))
        return text, tuple(shows[word] for word in text.words)


def item_findings(
    locator: str, read: ItemRead, detections: Sequence[Sequence[Detection]], keeper: EvidenceKeeper, scanner: str = BurnedInTextScanner.name
) -> list[Finding]:
    """The findings of every frame of an item (`frame_findings`, with each frame's detections), but those whose
    words all show again words an earlier frame reported a finding over: a cine's banner, in every frame's text
    as context, is reported once, on the first frame that shows it."""
    reported: set[int] = set()
    findings = []
    for frame, found in zip(read.frames, detections):
        here = frame_findings(locator, frame.field(read.multi_frame), frame, found, read.header, keeper, scanner)
        shown = [_shown(frame, finding.span or (0, 0)) for finding in here]
        findings += [finding for finding, numbers in zip(here, shown) if not numbers or not numbers <= reported]
        reported.update(*shown)
    return findings


def _shown(frame: FrameText, span: tuple[int, int]) -> frozenset[int]:
    """The numbers of the words (`FrameText.shows`) under a span of the frame's text."""
    start, end = span
    return frozenset(n for numbers, (s, e) in zip(frame.shows, frame.ocr.offsets) if s < end and start < e for n in numbers)


def _budget_message(budget: _Budget, first_lost: int, total: int) -> str:
    frames = f"frame {first_lost}" if total == 1 or first_lost == total - 1 else f"frames {first_lost}–{total - 1}"
    return f"burned-in text: OCR time budget of {budget.seconds:g} s spent; {frames} not read"


def _header_values(dataset) -> list[IdentifyingValue]:
    from auditor.scanners.dicom.deid import declared_deidentified
    from auditor.scanners.dicom.identifying import identifying_values

    try:
        if declared_deidentified(dataset):
            return []
        return identifying_values(dataset)
    except Exception:
        return []


def read_frame(
    grey: np.ndarray,
    *,
    medical: bool,
    seen: set[str],
    budget: _Budget,
    read: ItemRead | None = None,
    previous: np.ndarray | None = None,
    regions: list[prepare.Box] | None = None,
) -> OcrText:
    """The OCR text of one frame (words in the frame's pixels), in reading order; empty without text regions.
    Regions whose pixels are the same in the `previous` frame were read when they first appeared (a cine's
    banner over a moving image): only the regions that changed are read."""
    height, width = grey.shape
    regions = prepare.text_regions(grey) if regions is None else regions
    if previous is not None and previous.shape == grey.shape:
        regions = [box for box in regions if not unchanged_at(box, grey, previous)]
    if not regions:
        return OcrText("", (), ())
    groups = prepare.group_regions(regions, width, height)
    fresh: list[tuple[prepare.Box, float]] = []
    for box, line_height in groups:
        x, y, w, h = box
        digest = hashlib.sha1(grey[y : y + h, x : x + w].tobytes() + repr(box).encode()).hexdigest()
        if digest in seen:
            continue  # the same pixels at the same place in an earlier frame: already read and reported
        seen.add(digest)
        fresh.append((box, line_height))
    if not fresh:
        return OcrText("", (), ())
    # a DICOM frame's crops are first read against their local background (dim type over anatomy); a photo's JPEG
    # artefacts would be read as strokes that way
    crops = [
        prepare.prepare(
            grey, box, lh, binarise="background" if medical else None, max_scale=prepare.MAX_UPSCALE if medical else PHOTO_PROBE_UPSCALE
        )
        for box, lh in fresh
    ]
    per_crop = _ocr_crops(crops, budget, read)
    words = [w for crop_words in per_crop for w in crop_words]
    # Texture (fur, wood, foliage, a photo stored as DICOM, speckle) passes for text regions and reads as
    # low-confidence debris: a crop where pass 1 read no plausible word is not read again (half the cost of a
    # photo), unless it lies in a medical image's banners or edge columns, where burned-in text is.
    worth = [_plausible(got) or (medical and prepare.in_band(box, width, height)) for (box, _), got in zip(fresh, per_crop)]
    retry = [
        i
        for i, crop_words in enumerate(per_crop)
        if worth[i] and (_weak(crop_words) or (not medical and _partly_read(fresh[i][0], regions, crop_words)))
    ]
    second = [prepare.prepare(grey, fresh[i][0], fresh[i][1], binarise="otsu") for i in retry]
    if medical:  # faint grey type over anatomy, whose thin strokes Otsu drops or fills in: against their local mean
        second += [prepare.prepare(grey, fresh[i][0], fresh[i][1], binarise="strokes") for i in retry]
    if not medical:  # the probe's plausible crops, at full scale
        second += [
            prepare.prepare(grey, box, lh) for (box, lh), crop, ok in zip(fresh, crops, worth) if ok and crop.scale < prepare.scale_for(lh)
        ]
    if medical:
        # Overlay text is drawn at the top value: where it crosses bone or a grey banner, pass 1 reads it cut
        # short with good confidence (`E515!`), so every such crop that read something gets the bright-overlay pass.
        second += [prepare.prepare(grey, box, lh, binarise="extreme") for (box, lh), got, ok in zip(fresh, per_crop, worth) if got and ok]
    if retry and medical:
        # Banners and edge columns as wholes: the text the region finder split or missed.
        line = float(np.median([lh for _, lh in fresh]))
        second += [
            prepare.prepare(grey, box, line, binarise="otsu", max_scale=BAND_MAX_UPSCALE)
            for box in prepare.band_boxes(width, height)
            if _overlaps_any(box, [fresh[i][0] for i in retry])
        ]
    if second:
        for crop_words in _ocr_crops(second, budget, read):
            words.extend(crop_words)
    spellings = deny_list.spellings(read.header) if read is not None else []
    merged = _merge(words, spellings)
    # Lossy small type (a JPEG screenshot, a photo of a screen), read once more with the ringing and speckle smoothed
    # away: the weak crops where a banner label was read, and the blocks of aligned text rows of the others read weakly
    # or found nothing plausible in. A dense texture's strokes can line up into such a block too (a photo of grass or
    # gravel): that costs one more reading of it, bounded by MAX_BLOCK_REGIONS and kept only if it makes more values.
    # The readings after these two are extras: when the budget runs out in one, the words read so far are kept (and
    # the cut is said), not thrown away with the frame.
    try:
        lossy = [] if medical else _lossy_crops(fresh, worth, retry, merged, regions)
        if lossy:
            smoothed = _ocr_crops([prepare.prepare(grey, box, lh, binarise="smoothed") for box, lh in lossy], budget, read)
            candidate = _longer_words(merged, _merge([w for crop_words in smoothed for w in crop_words], spellings))
            if _reads_better(join_words(candidate), join_words(merged)):
                merged = candidate
        block = _labelled_block(join_words(merged), width, height, regions + [w.bbox for w in merged])
        if block is None:
            return join_words(merged)
        # A labelled banner (two labels or more) read again as one block, bright overlay strokes only (black-hat): the
        # region finder cuts its lines where they cross bone or texture ("Przybylski^Ma" "erite"); the block's words
        # replace the shorter pieces they overlap, and fill the gaps.
        box, line = block
        whole = _ocr_crops([prepare.prepare(grey, box, line, binarise="extreme")], budget, read)[0]
        merged = _longer_words(merged, _merge(whole, spellings))
        return _reread_unlabelled_rows(grey, merged, box, line, regions, budget, read, medical)
    except OcrTimeout:
        if read is not None:
            read.lost.append(
                f"burned-in text: OCR time budget of {budget.seconds:g} s spent in a frame's extra readings; its first readings are kept"
            )
        return join_words(merged)


def _longer_words(words: list[OcrWord], other: list[OcrWord]) -> list[OcrWord]:
    """`words` with another reading's words where they read more (by two characters or more) than the pieces of
    `words` they overlap, or where no word was read: a line read whole where it was read in pieces."""
    for word in other:
        pieces = [w for w in words if _overlap(w.bbox, word.bbox) >= 0.3]
        if not pieces or len(word.text) > max(len(w.text) for w in pieces) + 1:
            words = [w for w in words if w not in pieces] + [word]
    return words


def _reread_unlabelled_rows(
    grey: np.ndarray,
    merged: list[OcrWord],
    block: prepare.Box,
    line: float,
    regions: list[prepare.Box],
    budget: _Budget,
    read: ItemRead | None,
    medical: bool,
) -> OcrText:
    """The banner's text-like rows where no labelled value was read, or only one that does not read as its field's
    values do (`banner_labels.well_formed`: "DOB: 13451", "Age: 634\""), read again one row at a time
    (`ROW_READINGS`, one tesseract call per reading; `ROW_READINGS_LOSSY` on a photo or screenshot, one call per page
    segmentation mode): small or faint type whose label or value both
    readings of the block misspelt past recognition ("Aces s siort", "Study Oste"). A row's new words replace its
    old ones only when the banner then reads better (`_banner_score`: more well-formed labelled values, no fewer
    labelled values, or the other way round), so a row of other text is left as it was read."""
    ocr = join_words(merged)
    rows = _unlabelled_rows(ocr, block, line, regions + [w.bbox for w in merged])
    if not rows:
        return ocr
    readings = ROW_READINGS if medical else ROW_READINGS_LOSSY
    # A medical image's rows: one mosaic per reading. Tesseract reads a mosaic as one block of lines (psm 6), so a row
    # read in a mosaic with the other readings of every row reads otherwise than alone: sharing one mosaic between
    # the background and the blurred readings lost a name the background reading alone gives (tune `mr_01`).
    if medical:
        groups = [[reading] for reading in readings]
    else:
        groups = [[(how, p) for how, p in readings if p == psm] for psm in dict.fromkeys(p for _, p in readings)]
    per_row: list[list[list[OcrWord]]] = [[] for _ in rows]
    for group in groups:
        crops = [prepare.prepare(grey, row, line, binarise=how, target=REREAD_TEXT_PX) for row in rows for how, _ in group]
        for index, words in enumerate(_ocr_crops(crops, budget, read, group[0][1])):
            per_row[index // len(group)].append(words)
    for row, readings_of_row in zip(rows, per_row):
        kept = [w for w in merged if not _in_row(w.bbox, row)]
        for words in readings_of_row:
            candidate = join_words(kept + words)
            if _reads_better(candidate, ocr):
                merged, ocr = kept + words, candidate
    return ocr


def _reads_better(candidate: OcrText, ocr: OcrText) -> bool:
    """Whether a banner reads better in `candidate` than in `ocr` (`_banner_score`): more well-formed labelled values
    and no fewer labelled values, or more labelled values and no fewer well-formed ones."""
    new, old = _banner_score(candidate), _banner_score(ocr)
    return new[0] >= old[0] and new[1] >= old[1] and new != old


def _banner_score(ocr: OcrText) -> tuple[int, int]:
    """How well a banner was read: its labelled values that read as their field's values do, and all of them."""
    values = banner_labels.labelled_values(ocr)
    return sum(banner_labels.well_formed(ocr.text[v.start : v.end], v.field) for v in values), len(values)


def _unlabelled_rows(ocr: OcrText, block: prepare.Box, line: float, around: list[prepare.Box]) -> list[prepare.Box]:
    """Rows of the labelled block (the width of the block, the height of a text line and a little margin) made of
    text-like boxes (regions, words) stacked in it, where no label or labelled value of its field's form was read."""
    bx, by, bw, bh = block
    typed = [
        b
        for value in banner_labels.labelled_values(ocr)
        if banner_labels.well_formed(ocr.text[value.start : value.end], value.field)
        for b in (ocr.bbox_of(*value.label), ocr.bbox_of(value.start, value.end))
        if b
    ]
    bands: list[list[int]] = []  # x0, y0, x1, y1 of the boxes of one row
    for x, y, w, h in sorted(around, key=lambda b: b[1]):
        if h > BLOCK_LINE_RATIO * line or not (bx <= x + w / 2 <= bx + bw and by <= y + h / 2 <= by + bh):
            continue
        if bands and y + h / 2 < bands[-1][3]:
            band = bands[-1]
            band[0], band[1], band[2], band[3] = min(band[0], x), min(band[1], y), max(band[2], x + w), max(band[3], y + h)
        else:
            bands.append([x, y, x + w, y + h])
    margin = max(1, round(0.2 * line))
    rows = []
    for x0, y0, x1, y1 in bands:
        left, top = max(bx, x0 - round(line)), max(by, y0 - margin)
        row = (left, top, min(bx + bw, x1 + round(line)) - left, min(by + bh, y1 + margin) - top)
        if row[2] > 0 and row[3] > 0 and not any(_in_row(box, row) for box in typed):
            rows.append(row)
    return rows


def _in_row(box: prepare.Box, row: prepare.Box) -> bool:
    """Whether a box's vertical middle lies within the row (and the box overlaps it horizontally)."""
    x, y, w, h = box
    rx, ry, rw, rh = row
    return ry <= y + h / 2 < ry + rh and x < rx + rw and rx < x + w


def _labelled_block(ocr: OcrText, width: int, height: int, around: list[prepare.Box]) -> tuple[prepare.Box, float] | None:
    """The box (and line height) around a banner of two labelled lines or more, or None: the labelled lines grown
    over the text-like boxes (`around`: regions, words) stacked with them, since the first reading often types
    only a few of the banner's lines; then widened by three line heights each side and one line below (a wrapped
    value)."""
    labelled = banner_labels.labelled_values(ocr)
    if len(labelled) < 2:
        return None
    boxes = [b for value in labelled for b in (ocr.bbox_of(*value.label), ocr.bbox_of(value.start, value.end)) if b]
    line = float(np.median([b[3] for b in boxes]))
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    pending = [b for b in around if b[3] <= BLOCK_LINE_RATIO * line]
    grown = True
    while grown:
        grown = False
        for bx, by, bw, bh in list(pending):
            near_x = bx <= x1 + 3 * line and x0 - 3 * line <= bx + bw
            near_y = by <= y1 + 1.5 * line and y0 - 1.5 * line <= by + bh
            if near_x and near_y:
                x0, y0, x1, y1 = min(x0, bx), min(y0, by), max(x1, bx + bw), max(y1, by + bh)
                pending.remove((bx, by, bw, bh))
                grown = True
    x0, y0 = max(0, int(x0 - 3 * line)), max(0, int(y0 - line))
    x1, y1 = min(width, int(x1 + 3 * line)), min(height, int(y1 + 2 * line))
    return (x0, y0, x1 - x0, y1 - y0), line


def _lossy_crops(
    fresh: list[tuple[prepare.Box, float]], worth: list[bool], retry: list[int], merged: list[OcrWord], regions: list[prepare.Box]
) -> list[tuple[prepare.Box, float]]:
    """What a photo or screenshot reads through JPEG smoothing: its weak crops where a banner label was read, and the
    blocks of aligned text rows (`_aligned_block`) of its other crops read weakly or found nothing plausible in."""
    labelled = [i for i in retry if banner_labels.labelled_values(join_words([w for w in merged if _centre_in(w.bbox, fresh[i][0])]))]
    others = [fresh[i] for i in range(len(fresh)) if i not in labelled and (i in retry or not worth[i])]
    return [fresh[i] for i in labelled] + [(block, line) for box, line in others for block in _aligned_block(box, regions)]


def _aligned_block(box: prepare.Box, regions: list[prepare.Box]) -> list[prepare.Box]:
    """The box (in a list, or none) around the longest run of a crop's text-like lines that start, or end, at one edge
    (within half a line height), of one height (within `BLOCK_HEIGHT_RATIO`) and one above the other at a text's
    line pitch, when there are `ALIGNED_ROWS` of them or more, with the regions beside them on those rows: the
    lines of a banner or an overlay are stacked so, a texture's strokes are not."""
    inside = [region for region in regions if _centre_in(region, box)]
    if len(inside) > MAX_BLOCK_REGIONS:
        return []  # a dense texture's strokes, not a banner's lines (and the search is quadratic in them)
    best: list[prepare.Box] = []
    for edge in (lambda b: b[0], lambda b: b[0] + b[2]):
        for anchor in inside:
            height = anchor[3]
            lines = sorted(
                (
                    b
                    for b in inside
                    if abs(edge(b) - edge(anchor)) <= 0.5 * height
                    and b[2] >= 2 * b[3]
                    and height / BLOCK_HEIGHT_RATIO <= b[3] <= height * BLOCK_HEIGHT_RATIO
                ),
                key=lambda b: b[1] + b[3] / 2,
            )
            run: list[prepare.Box] = []
            for row in lines:
                pitch = (row[1] + row[3] / 2) - (run[-1][1] + run[-1][3] / 2) if run else 0.0
                if run and pitch < 0.5 * height:
                    continue  # the same row
                run = run + [row] if not run or pitch <= MAX_LINE_PITCH * height else [row]
                if len(run) > len(best):
                    best = run
    if len(best) < ALIGNED_ROWS:
        return []
    line = float(np.median([b[3] for b in best]))
    top, bottom = min(b[1] for b in best), max(b[1] + b[3] for b in best)
    rows = [b for b in inside if top <= b[1] + b[3] / 2 <= bottom and b[3] <= BLOCK_LINE_RATIO * line]  # the values beside the labels
    x0, y0 = min(b[0] for b in rows) - line, top - line
    x1, y1 = max(b[0] + b[2] for b in rows) + line, bottom + line
    bx, by, bw, bh = box
    left, top = int(max(bx, x0)), int(max(by, y0))
    return [(left, top, int(min(bx + bw, x1)) - left, int(min(by + bh, y1)) - top)]


def _partly_read(box: prepare.Box, regions: list[prepare.Box], words: list[OcrWord]) -> bool:
    """Whether a crop read a banner's label confidently but no word over more than `UNREAD_SHARE` of its text-like
    regions: a banner whose boldest lines were read and whose faint or small ones were not."""
    inside = [region for region in regions if _centre_in(region, box)]
    if not inside or not banner_labels.labelled_values(join_words(words)):
        return False
    unread = sum(1 for region in inside if not _overlaps_any(region, [w.bbox for w in words]))
    return unread > UNREAD_SHARE * len(inside)


def _weak(words: list[OcrWord]) -> bool:
    good = [w for w in words if any(ch.isalnum() for ch in w.text)]
    return not good or float(np.mean([w.confidence for w in good])) < RETRY_CONFIDENCE or min(w.confidence for w in good) < 70


def _plausible(words: list[OcrWord]) -> bool:
    return any(w.confidence >= 60 and sum(ch.isalnum() for ch in w.text) >= 3 for w in words)


def _centre_in(box: prepare.Box, outer: prepare.Box) -> bool:
    x, y, w, h = box
    ox, oy, ow, oh = outer
    return ox <= x + w / 2 < ox + ow and oy <= y + h / 2 < oy + oh


def _overlaps_any(box: prepare.Box, others: list[prepare.Box]) -> bool:
    return any(boxes.overlaps(box, other) for other in others)


def _ocr_crops(crops: list[prepare.Crop], budget: _Budget, read: ItemRead | None, psm: int = 11) -> list[list[OcrWord]]:
    per_crop: list[list[OcrWord]] = [[] for _ in crops]
    offset = 0
    for group in prepare.split_for_mosaics(crops):
        remaining = budget.remaining()
        if remaining <= 0:
            raise OcrTimeout("budget spent")
        mosaic = prepare.Mosaic(group)
        text = ocr_words(mosaic.image, psm, timeout=max(1.0, remaining))
        if read is not None:
            read.ocr_calls += 1
        for word in text.words:
            if word.confidence < MIN_WORD_CONFIDENCE or not any(ch.isalnum() for ch in word.text):
                continue
            mapped = mosaic.to_frame(word.bbox)
            if mapped is None:
                continue
            index, box = mapped
            per_crop[offset + index].append(OcrWord(word.text, word.confidence, box))
        offset += len(group)
    return per_crop


_DATE_SHAPE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}")


def _merge(words: list[OcrWord], spellings: Sequence[tuple[str, IdentifyingValue]] = ()) -> list[OcrWord]:
    """One word per place: of overlapping words (IoU ≥ 0.3 or one inside the other) the one that reads as an
    identifier (spells a header value, holds an ID or a date), then the more confident. A binarised second
    pass often reads `ID6E` with more confidence than the first pass's `1D6955510`: the misread hides the ID."""
    kept: list[OcrWord] = []
    for word in sorted(words, key=lambda w: (-_identifying(w.text, spellings), -w.confidence)):
        if all(_overlap(word.bbox, k.bbox) < 0.3 for k in kept):
            kept.append(word)
    return kept


def _identifying(text: str, spellings: Sequence[tuple[str, IdentifyingValue]]) -> int:
    """How many characters of `text` read as an identifier: a run of 5+ digits, a date, part of a header value."""
    shaped = max((len(m.group(0)) for pattern in (r"\d{5,}", _DATE_SHAPE) for m in re.finditer(pattern, text)), default=0)
    key = deny_list.canonical(text)
    spelled = len(key) if len(key) >= 4 and any(key in spelling for spelling, _ in spellings) else 0
    return max(shaped, spelled)


def _overlap(a: prepare.Box, b: prepare.Box) -> float:
    """Intersection over union, or half the share of the smaller box that the other covers when that is more:
    a short word read inside a longer reading of the same place counts as the same word."""
    smaller = min(a[2] * a[3], b[2] * b[3])
    shared = boxes.intersection(a, b)
    return max(boxes.iou(a, b), shared / smaller * 0.5) if shared else 0.0


def join_words(words: list[OcrWord]) -> OcrText:
    """Words into lines (by vertical overlap), left to right; a wide gap starts a new line too."""
    lines: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3] / 2, w.bbox[0])):
        for line in lines:
            if _on_line(word, line):
                line.append(word)
                break
        else:
            lines.append([word])
    segments: list[list[OcrWord]] = []
    for line in sorted(lines, key=lambda ln: (min(v.bbox[1] for v in ln), min(v.bbox[0] for v in ln))):
        line.sort(key=lambda v: v.bbox[0])
        current = [line[0]]
        for previous, word in itertools.pairwise(line):
            gap = word.bbox[0] - (previous.bbox[0] + previous.bbox[2])
            if gap > 2.5 * max(previous.bbox[3], word.bbox[3]):
                segments.append(current)
                current = []
            current.append(word)
        segments.append(current)
    parts: list[str] = []
    ordered: list[OcrWord] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for segment in segments:
        for w_index, word in enumerate(segment):
            if ordered:
                separator = " " if w_index else "\n"
                parts.append(separator)
                position += 1
            parts.append(word.text)
            offsets.append((position, position + len(word.text)))
            ordered.append(word)
            position += len(word.text)
    return OcrText("".join(parts), tuple(ordered), tuple(offsets))


def _on_line(word: OcrWord, line: list[OcrWord]) -> bool:
    """Whether a word's middle lies within the line's typical band (the median middle and height of its words):
    one tall misread box (a word read across two banner lines) must not merge the lines it spans."""
    _, y, _, h = word.bbox
    middle = float(np.median([v.bbox[1] + v.bbox[3] / 2 for v in line]))
    height = float(np.median([v.bbox[3] for v in line]))
    return abs(y + h / 2 - middle) <= 0.5 * min(h, height)


def _remap(ocr: OcrText, to_original) -> OcrText:
    words = tuple(OcrWord(w.text, w.confidence, to_original(w.bbox)) for w in ocr.words)
    return OcrText(ocr.text, words, ocr.offsets)


# ---------------------------------------------------------------------------------------------- findings


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    entity: str
    identifier: str | None
    health: str | None
    score: float
    age_band: str | None = None  # the age band the banner states, carried on its age's or birth date's finding


def frame_findings(
    locator: str,
    field_name: str,
    frame: FrameText,
    detections: Sequence[Detection],
    header: Sequence[IdentifyingValue],
    keeper: EvidenceKeeper,
    scanner: str = BurnedInTextScanner.name,
) -> list[Finding]:
    """Findings of one frame's OCR text: text-scanner detections after the allow-list, header matches,
    banner patterns, and residual text in the banners of a medical image."""
    from auditor.scanners.text.entities import ENTITIES

    ocr = frame.ocr
    hits: list[_Hit] = []
    for match in deny_list.find(ocr, header):
        identifier = None if match.kind == "institution" else match.kind
        entity = "INSTITUTION_NAME" if match.kind == "institution" else f"HEADER_{match.kind.upper()}"
        hits.append(
            _Hit(match.start, match.end, entity, identifier, None, HEADER_SCORE_EXACT if match.distance == 0 else HEADER_SCORE_FUZZY)
        )
    for detection in detections:
        spec = ENTITIES[detection.entity]
        spanned = ocr.words_over(detection.start, detection.end)
        words = [w.text for w in spanned]
        if spec.identifier and allow_list.all_equipment(words):
            continue
        if detection.entity in ("PERSON", "LOCATION") and allow_list.any_anatomy_or_preset(words):
            continue
        if detection.entity == "PERSON" and spanned and max(spanned, key=lambda w: len(w.text)).confidence < GUESSED_NAME_CONFIDENCE:
            continue  # texture read as letters spells given names ("I. Pete"): its longest word read that doubtfully names no one
        if spec.identifier and banner_labels.is_label(ocr.text[detection.start : detection.end]):
            continue  # a banner's label ("Birth Date", "Study Date") is read as a name or a date by itself: no value
        hits.append(_Hit(detection.start, detection.end, detection.entity, spec.identifier, spec.health, detection.score))
    labelled = banner_labels.labelled_values(ocr)
    # a screenshot that shows a patient banner (two labelled values or more) is a medical image's
    hits.extend(_banner_hits(ocr, frame.medical or len(labelled) >= 2, labelled))
    hits.extend(_labelled_hit(ocr, value) for value in labelled)
    kept = _resolve(hits)
    stated = _stated_age_band(ocr, labelled)
    if stated:
        (start, end), band = stated
        kept = [replace(hit, age_band=band) if hit.start < end and start < hit.end else hit for hit in kept]
    findings = [_finding(locator, field_name, ocr, hit, keeper, scanner) for hit in kept]
    if frame.medical:
        explained = [(h.start, h.end) for h in kept] + [value.label for value in labelled]
        findings.extend(_residual(locator, field_name, frame, explained, keeper, scanner))
    return findings


def _labelled_hit(ocr: OcrText, value: banner_labels.LabelledValue) -> _Hit:
    """A labelled banner value as the label types it; an age over 89 is a date (Safe Harbor), a younger one is not."""
    field = value.field
    if field is banner_labels.AGE and banner_labels.age_over_89(ocr.text[value.start : value.end]):
        return _Hit(value.start, value.end, "AGE_OVER_89", "dates", None, LABELLED_SCORE)
    return _Hit(value.start, value.end, field.entity, field.identifier, None, LABELLED_SCORE)


def _stated_age_band(ocr: OcrText, labelled: Sequence[banner_labels.LabelledValue]) -> tuple[tuple[int, int], str] | None:
    """The age band a labelled banner states and the span it is read from: its "Age:" value ("064Y", "64 Y"),
    else its date of birth against its study date. A quasi-identifier (auditor/risk/extract.py reads it from the
    finding's evidence): a ten-year band is a generalization, never the value."""
    from auditor.age_bands import age_band

    text = ocr.text
    for value in labelled:
        years = banner_labels.age_years(text[value.start : value.end]) if value.field is banner_labels.AGE else None
        if years is not None:
            return (value.start, value.end), age_band(years)
    dates = [value for value in labelled if value.field is banner_labels.DATE]
    births = [value for value in dates if banner_labels.is_birth_label(text[slice(*value.label)])]
    events = [value for value in dates if value not in births]
    if not births or not events:
        return None
    born, on = (banner_labels.calendar_day(text[v.start : v.end]) for v in (births[0], events[0]))
    if born is None or on is None or on < born:
        return None
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return ((births[0].start, births[0].end), age_band(years)) if years <= 120 else None


def _banner_hits(ocr: OcrText, medical: bool, labelled: Sequence[banner_labels.LabelledValue] = ()) -> list[_Hit]:
    """`LAST, FIRST` names and names after a `Patient:` label anywhere; long IDs after `ID` anywhere (also in groups:
    "ID 542-876-293"), and bare ones on medical images: an MRN, or an accession number when the banner's patient ID is
    among its `labelled` values already (a banner shows one patient ID; the study's accession is the other long number
    it shows, and its label is the one misread: "Acos 37701213"). A bare ID
    (no `ID:` before it) must be read with confidence: a doubtful word read as digits (`44CG43` → `440643`, a
    preset code) is no ID."""
    text = ocr.text
    hits = []
    for match in _BANNER_NAME.finditer(text):
        words = match.group(0).replace(",", " ").replace("^", " ").split()
        if allow_list.any_anatomy_or_preset(words) or allow_list.all_equipment(words):
            continue
        hits.append(_Hit(match.start(), match.end(), "PERSON", "names", None, BANNER_NAME_SCORE))
    for match in _LABELLED_NAME.finditer(text):
        words = match.group(1).replace(",", " ").split()
        if not allow_list.any_anatomy_or_preset(words):
            hits.append(_Hit(match.start(1), match.end(1), "PERSON", "names", None, BANNER_NAME_SCORE))
    for match in _BANNER_ID.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        context = bool(match.group("fused")) or bool(_ID_CONTEXT.search(text[line_start : match.start()]))
        if not context and not medical:
            continue  # a bare number on a photo or a screenshot is no ID; `ID E2613966` on a film label is
        if not context and min(w.confidence for w in ocr.words_over(match.start(), match.end())) < BARE_ID_CONFIDENCE:
            continue
        start = match.end("fused") if match.group("fused") else match.start()
        if not context and match.start() == match.start("id") and _compact_date(match.group("id")):
            # a bare "19440804" on a banner whose label was lost is a study date or a birth date, not an MRN
            hits.append(_Hit(start, match.end(), "PERSON_DATE", "dates", None, BANNER_ID_SCORE))
            continue
        if not context and any(v.field is banner_labels.RECORD and (v.end <= match.start() or match.end() <= v.start) for v in labelled):
            # the banner's patient ID is labelled elsewhere: a second long number is the study's (an accession whose
            # label was misread), not a second MRN
            hits.append(_Hit(start, match.end(), "ACCOUNT_NUMBER", "account", None, BANNER_ID_SCORE))
            continue
        hits.append(_Hit(start, match.end(), "MEDICAL_RECORD_NUMBER", "mrn", None, 0.85 if context else BANNER_ID_SCORE))
    for match in _GROUPED_ID.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        digits = sum(ch.isdigit() for ch in match.group(0))
        if digits >= 6 and _ID_CONTEXT.search(text[line_start : match.start()]) and banner_labels.calendar_day(match.group(0)) is None:
            hits.append(_Hit(match.start(), match.end(), "MEDICAL_RECORD_NUMBER", "mrn", None, 0.85))
    return hits


def _compact_date(digits: str) -> bool:
    """Whether eight digits are a DICOM-style date (YYYYMMDD, 1900–2099) that exists."""
    if len(digits) != 8 or digits[:2] not in ("19", "20"):
        return False
    try:
        datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False
    return True


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Identifiers overlapping each other keep the best (score, then length); health terms likewise."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.score, -(h.end - h.start), h.start)):
        if all(hit.end <= k.start or k.end <= hit.start or (k.health is None) != (hit.health is None) for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end))


def _finding(locator: str, field_name: str, ocr: OcrText, hit: _Hit, keeper: EvidenceKeeper, scanner: str) -> Finding:
    value = ocr.text[hit.start : hit.end]
    evidence = f"{keeper.evidence(value, hit.identifier)} (age {hit.age_band})" if hit.age_band else None
    return masked_finding(
        keeper,
        value,
        item=locator,
        source=SOURCE,
        field=field_name,
        entity=hit.entity,
        identifier=hit.identifier,
        health=hit.health,
        span=(hit.start, hit.end),
        bbox=ocr.bbox_of(hit.start, hit.end),
        score=round(hit.score, 3),
        scanner=scanner,
        evidence=evidence,
        digest_kind="institution" if hit.entity == "INSTITUTION_NAME" else None,
    )


def _residual(
    locator: str, field_name: str, frame: FrameText, covered: list[tuple[int, int]], keeper: EvidenceKeeper, scanner: str
) -> list[Finding]:
    """Unexplained words (outside the `covered` spans: findings, labels) in the banners / edge columns, one
    finding per line segment."""
    ocr = frame.ocr
    width, height = frame.size
    findings = []
    run: list[int] = []

    def flush() -> None:
        if not run:
            return
        start, end = ocr.offsets[run[0]][0], ocr.offsets[run[-1]][1]
        value = ocr.text[start:end]
        findings.append(
            masked_finding(
                keeper,
                value,
                item=locator,
                source=SOURCE,
                field=field_name,
                entity="RESIDUAL_TEXT",
                span=(start, end),
                bbox=ocr.bbox_of(start, end),
                score=RESIDUAL_SCORE,
                scanner=scanner,
            )
        )
        run.clear()

    for index, (word, (start, end)) in enumerate(zip(ocr.words, ocr.offsets)):
        residual = (
            prepare.in_band(word.bbox, width, height)
            and word.confidence >= 60
            and sum(ch.isalnum() for ch in word.text) >= 3
            and not allow_list.is_equipment(word.text)
            and not any(s < end and start < e for s, e in covered)
        )
        same_line = run and "\n" not in ocr.text[ocr.offsets[run[-1]][1] : start]
        if residual and (not run or same_line):
            run.append(index)
        elif residual:
            flush()
            run.append(index)
        else:
            flush()
    flush()
    return findings
