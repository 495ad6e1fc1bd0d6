"""Redacted copies of DICOM files: the header under PS3.15 Annex E (`auditor/redact/annex_e.py`: the Basic
Profile and its options), and burned-in text boxes filled in the pixels of every frame.

The texts an option cleans (C) are read by the project's text scanner in one batch per file, and only the
spans it finds are replaced, in the run's text style; a surrogate's place is remembered, as for posts, so the
verifying re-scan does not take the fake value for one left in.

Pixels: decoded with pydicom's pixel handlers (`Dataset.pixel_array`: palette indices as stored, YBR
converted to RGB), each box filled on every frame with the darkest value (MONOCHROME1's maximum, MONOCHROME2's
minimum, the darkest palette entry), and written back uncompressed (`Dataset.set_pixel_data`, which sets
Explicit VR Little Endian and the pixel attributes). Overlays and curves (60xx/50xx) are removed by the table.
"""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING

import numpy as np

from auditor.redact.annex_e import (
    HeaderWalk,
    UidMapper,
    mark,
    parse_profile,
    shift_days,
)
from auditor.redact.pixels import boxes_of, cover
from auditor.redact.spans import Replacer, merged_spans, redactable
from auditor.redact.text import Refused

if TYPE_CHECKING:
    from pydicom.dataelem import DataElement


def redact_dicom(item, findings, boxed, context, header: bool = True) -> tuple[bytes, dict]:
    """The redacted file and what was done. `header=False` only fills more boxes (a second pass). Raises Refused."""
    from pydicom import dcmread

    options = parse_profile(context.options.dicom_profile)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset = dcmread(io.BytesIO(item.payload or b""), force=True)
            boxes = boxes_of(boxed)
            frames = _fill_pixels(dataset, boxes) if boxes else 0
            details = {"boxes": boxes, "frames_filled": frames, "profile": context.options.dicom_profile}
            if header:
                cleaner = _Cleaner(item.locator, context)
                days = shift_days(context.digest_key, str(dataset.get("PatientID", "") or ""))
                walk = HeaderWalk(options, UidMapper(context.digest_key), cleaner.add, days)
                walk.dataset(dataset)
                if getattr(dataset, "file_meta", None) is not None:
                    walk.dataset(dataset.file_meta)
                    if "SOPInstanceUID" in dataset:
                        dataset.file_meta.MediaStorageSOPInstanceUID = dataset.SOPInstanceUID
                details["cleaned_spans"] = cleaner.run()
                mark(dataset, options, bool(boxes))
                details["header_actions"] = dict(walk.counts)
            out = io.BytesIO()
            dataset.save_as(out, enforce_file_format=False)
    except Refused:
        raise
    except Exception as error:
        raise Refused(f"DICOM could not be redacted: {type(error).__name__}: {' '.join(str(error).split())[:200]}") from None
    return out.getvalue(), details


class _Cleaner:
    """The text values a C action cleans: collected during the header walk, read by the text scanner in one
    batch, and only the spans found (at or above the policy's score) replaced."""

    def __init__(self, locator: str, context) -> None:
        self.locator = locator
        self.context = context
        self.pending: list[tuple[DataElement, str]] = []

    def add(self, element: DataElement, path: str) -> None:
        self.pending.append((element, path))

    def run(self) -> dict[str, int]:
        """Clean every collected value; the identifiers removed, by type."""
        if not self.pending:
            return {}
        from pydicom.multival import MultiValue

        from auditor.evidence import EvidenceKeeper
        from auditor.scanners.text.detector import to_finding

        texts = []
        for element, _ in self.pending:
            values = list(element.value) if isinstance(element.value, MultiValue) else [element.value]
            texts.append("\\".join("" if v is None else str(v).strip() for v in values))
        detector = self.context.text_detector()
        if getattr(detector, "unavailable_reason", lambda: None)():
            raise Refused(f"a clean option needs the text scanner: {detector.unavailable_reason()}")
        keeper = EvidenceKeeper(self.context.digest_key)
        replacer = Replacer(self.context.options.text_style)
        removed: dict[str, int] = {}
        for (element, path), text, found in zip(self.pending, texts, detector.detect(texts), strict=True):
            findings = [to_finding(self.locator, "metadata", path, text, d, "redact", keeper) for d in found]
            spans = merged_spans(redactable(findings, self.context.options.policy.min_score), len(text))
            if not spans:
                continue
            new, placed = replacer.replace(text, spans)
            element.value = new.split("\\") if "\\" in text else new
            for span in spans:
                removed[span.identifier] = removed.get(span.identifier, 0) + 1
            if self.context.options.text_style == "surrogate":
                self.context.surrogates.setdefault(self.locator, {})[path] = placed
        return removed


def mark_no_burned_in_text(data: bytes) -> bytes:
    """The copy with BurnedInAnnotation NO: called only when the verifying re-scan read no text in its pixels."""
    from pydicom import dcmread

    dataset = dcmread(io.BytesIO(data), force=True)
    dataset.BurnedInAnnotation = "NO"
    out = io.BytesIO()
    dataset.save_as(out, enforce_file_format=False)
    return out.getvalue()


def _fill_pixels(dataset, boxes: list[list[int]]) -> int:
    """Fill the boxes in every frame; the pixels are written back uncompressed. Returns the frames filled."""
    if "PixelData" not in dataset:
        raise Refused("pixel findings but no pixel data to fill")
    photometric = str(dataset.get("PhotometricInterpretation", "MONOCHROME2")).strip().upper()
    array = dataset.pixel_array.copy()
    frames = int(dataset.get("NumberOfFrames", 1) or 1)
    samples = int(dataset.get("SamplesPerPixel", 1) or 1)
    stack = array if frames > 1 else array[None, ...]
    if photometric.startswith("YBR"):
        photometric = "RGB"  # pixel_array converted it
    fill = _darkest(dataset, stack, photometric)
    for frame in stack:
        cover(frame, boxes, "fill", fill if samples == 1 else np.zeros(samples, dtype=frame.dtype))
    dataset.set_pixel_data(stack if frames > 1 else stack[0], photometric, int(dataset.BitsStored), generate_instance_uid=False)
    return len(stack)


def _darkest(dataset, stack: np.ndarray, photometric: str):
    if photometric == "MONOCHROME1":
        return stack.max()
    if photometric == "PALETTE COLOR":
        from pydicom.pixels import apply_color_lut

        indices = np.unique(stack)
        rgb = apply_color_lut(indices.astype(stack.dtype), dataset).astype(np.float64)
        return indices[int(np.argmin(rgb.reshape(len(indices), -1, 3)[:, 0, :] @ [0.299, 0.587, 0.114]))]
    return stack.min()
