"""Barcodes and QR codes in images: wristbands, specimen labels, pharmacy labels, referral letters.

Decoder: zxing-cpp (Apache-2.0), 1-D (Code 128, Code 39, Code 93, Codabar, ITF, EAN/UPC, DataBar) and 2-D (QR,
Micro QR, Data Matrix, PDF417, Aztec) in one call, rotated and inverted codes included. OpenCV's QR detector
reads QR codes only, and its barcode detector only EAN/UPC: a patient wristband carries Code 128 or Data
Matrix, a specimen label Code 128 or Code 39, so neither is enough.

Each decoded code gives
* a `BARCODE` finding (identifier `other_unique_id`, span the whole decoded text, the code's box, evidence
  `<FORMAT: masked text>`, digest of the decoded text so the same wristband is followed across images).
  A code on a wristband or a specimen label encodes a patient, specimen or accession identifier, and the
  decoder cannot tell which; so every code counts, except the retail product codes (EAN-8/13, UPC-A/E, whose
  content is a product number, e.g. on a pill box), which get no BARCODE finding, and codes whose whole content
  is one web address (a poster's or a menu's QR code), kept at score 0.5 for a policy to weigh;
* the text scanner's findings in the decoded text (names, dates, MRNs, URLs in a QR payload), span into the
  decoded text and the code's box.
Field: `barcode` when the image has one code, `barcode:0`, `barcode:1`, … (reading order) when several. Every
frame of an animated or multi-page image is decoded: there the field names the frame too (`barcode:frame:2`,
`barcode:1:frame:2`), and a code whose pixels a later frame shows unchanged is reported once, on the first
(`pixel/frames.py`).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from auditor.evidence import EvidenceKeeper
from auditor.media.image import to_grey
from auditor.model import Finding, Item, masked_finding
from auditor.scanners.base import PartialScan, Scanner, ScannerUnavailable
from auditor.scanners.pixel.frames import Reported, frame_field, image_frames
from auditor.scanners.text.detector import TextDetector, to_finding
from auditor.scanners.versions import KINDS, VERSIONS

#: Longest side decoded. A wristband code across 1/8 of a 4032-pixel phone photo keeps about 3 pixels per bar
#: module at 2560 (zxing needs ~2); larger sides cost seconds per photo. zxing also tries downscaled copies itself.
WORK_SIDE = 2560
#: Symbologies whose content is a product number (GTIN), not a person's or a specimen's identifier.
PRODUCT_FORMATS = frozenset({"EAN8", "EAN13", "UPCA", "UPCE", "ISBN", "EAN-8", "EAN-13", "UPC-A", "UPC-E"})
#: ITF (Interleaved 2 of 5) has no checksum of its own: a tilted code yields partial reads of a few digits.
ITF_MIN_CHARS = 8
_URL_ONLY = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)
#: Longest masked evidence kept (a QR code can hold 3 KB of text).
EVIDENCE_CHARS = 80
#: Score of a BARCODE finding: a decoded code passed its checksum, so the decoding itself is certain;
#: the score says how likely its content identifies someone.
SCORE_CODE = 0.9
SCORE_URL_ONLY = 0.5


@dataclass(frozen=True, slots=True)
class Code:
    """A decoded barcode: its symbology, its text and its box (x, y, w, h) in the image's pixels."""

    format: str
    text: str
    bbox: tuple[int, int, int, int]


class BarcodeScanner(Scanner):
    name = "barcodes"
    version = VERSIONS[name]
    kinds = KINDS[name]
    uses_text_detector = True
    covers = frozenset({"barcodes"})

    def __init__(self, text: TextDetector | None = None) -> None:
        self._text = text or TextDetector()

    def unavailable_reason(self) -> str | None:
        reason = decoder_missing_reason()
        # Decoded text is read by the text scanner: without it only half of the part is covered.
        return reason or self._text.unavailable_reason()

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        reason = decoder_missing_reason()
        if reason:
            raise ScannerUnavailable(reason)
        per_item = [_codes(item.payload or b"") for item in items]
        texts = [code.text for frames, _, _ in per_item for _, codes in frames for code in codes]
        detections = iter(self._text.detect(texts) if texts else [])
        findings: list[list[Finding] | Exception] = []
        for item, (frames, multi_frame, unread) in zip(items, per_item):
            found: list[Finding] = []
            for frame, codes in frames:
                for index, code in enumerate(codes):
                    field = frame_field("barcode" if len(codes) == 1 else f"barcode:{index}", frame, multi_frame)
                    barcode = barcode_finding(item.locator, field, code, self.name, keeper)
                    if barcode is not None:
                        found.append(barcode)
                    for detection in next(detections):
                        finding = to_finding(item.locator, "pixel", field, code.text, detection, self.name, keeper)
                        found.append(dataclasses.replace(finding, bbox=code.bbox))
            findings.append(PartialScan(f"barcodes: {unread}", found) if unread else found)
        return findings


def _codes(payload: bytes) -> tuple[list[tuple[int, list[Code]]], bool, str | None]:
    """The codes of each frame that shows one, by frame index; whether the image has several frames; and which
    frames a damaged file kept unread (None when all were read). A code whose pixels an earlier frame showed
    unchanged is left to that frame (`pixel/frames.py`)."""
    plan, readable = image_frames(payload, WORK_SIDE)
    reported = Reported()
    frames = []
    for frame in readable:
        grey = to_grey(frame.pixels.rgb)
        codes = decode(grey)
        fresh = reported.first_shown(grey, [code.bbox for code in codes])
        codes = [dataclasses.replace(code, bbox=frame.pixels.to_original(code.bbox)) for code, new in zip(codes, fresh) if new]
        if codes:
            frames.append((frame.index, codes))
    return frames, plan.multi_frame, readable.unread


def decode(grey: np.ndarray) -> list[Code]:
    """Every code zxing-cpp decodes in a greyscale image, boxes in its pixels, in reading order (top to bottom,
    left to right)."""
    import zxingcpp

    codes = []
    seen = set()
    for result in zxingcpp.read_barcodes(grey):
        if not result.valid or not result.text:
            continue
        name = _format_name(result.format)
        if name.upper() == "ITF" and len(result.text) < ITF_MIN_CHARS:
            continue  # most likely a fragment of a longer code
        bbox = _box(result.position)
        key = (str(result.format), result.text, bbox)
        if key in seen:
            continue
        seen.add(key)
        codes.append(Code(name, result.text, bbox))
    return sorted(codes, key=lambda c: (c.bbox[1], c.bbox[0]))


def barcode_finding(item: str, field: str, code: Code, scanner: str, keeper: EvidenceKeeper) -> Finding | None:
    """The finding for the code itself (None for product codes): its content is taken as a unique identifier."""
    if code.format.replace("-", "").upper() in {f.replace("-", "") for f in PRODUCT_FORMATS}:
        return None
    masked = keeper.evidence(code.text)
    if len(masked) > EVIDENCE_CHARS:
        masked = masked[: EVIDENCE_CHARS - 1] + "…"
    return masked_finding(
        keeper,
        code.text,
        item=item,
        source="pixel",
        field=field,
        entity="BARCODE",
        identifier="other_unique_id",
        span=(0, len(code.text)),
        bbox=code.bbox,
        score=SCORE_URL_ONLY if _URL_ONLY.match(code.text) else SCORE_CODE,
        scanner=scanner,
        evidence=f"<{code.format}: {masked}>",
    )


def decoder_missing_reason() -> str | None:
    """Why codes cannot be decoded here, or None."""
    if importlib.util.find_spec("zxingcpp") is None:
        return "zxing-cpp is not installed (pip install zxing-cpp)"
    return None


def _box(position: object) -> tuple[int, int, int, int]:
    points = [getattr(position, corner) for corner in ("top_left", "top_right", "bottom_right", "bottom_left")]
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    left, top = max(0, min(xs)), max(0, min(ys))
    return (left, top, max(1, max(xs) - left + 1), max(1, max(ys) - top + 1))


def _format_name(value: object) -> str:
    name = getattr(value, "name", None) or str(value)
    return name.rsplit(".", 1)[-1]
