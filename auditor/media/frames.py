"""DICOM pixel data → 8-bit greyscale frames that OCR can read, one frame at a time.

What is done to each frame, in the order PS3.3 C.11 / C.7.6.3 prescribe:
- Colour: PALETTE COLOR through its palette (`apply_color_lut`); YBR_FULL / YBR_FULL_422 / YBR_PARTIAL_* /
  YBR_ICT / YBR_RCT converted to RGB (the decoder does it with `as_rgb=True`, `convert_color_space` when
  it did not); 16-bit RGB scaled by its BitsStored; then ITU-R 601 luma.
- Greyscale: Modality LUT / rescale, then the VOI LUT or the window (WindowCenter/Width, first of several;
  also from the shared or per-frame functional groups of enhanced multi-frame objects), scaled from the
  window's output range to 0–255 — not min–max of the raw values, which leaves a CT localizer black. A frame
  without any window is stretched between its 0.5th and 99.5th percentiles. MONOCHROME1 is inverted so
  that every frame is MONOCHROME2-like (text brighter than air or darker, `prepare` handles both polarities).
- A stale header: real exports and re-saved studies store 0–255 values in a 16-bit container under the original
  CT rescale and window (intercept −1024, window 40/400), which turn the frame black. A frame the rescale and
  window turn (nearly) uniform or saturated while its stored values have structure is rendered from its stored
  range instead (0.5th–99.5th percentiles, per frame: `Frame.rendering` says `stored-range`). Where the window
  only clips part of a frame, the stored-range rendering rides along as `Frame.stored`, so that the scanner can
  read again, from the stored values, a text-like region where the windowed frame read no text.
- Every frame of a multi-frame image, decoded one at a time (`decoder.iter_array`), each hashed so a frame
  identical to one already rendered is reported as a repeat and never OCR'd again.

Bounds, checked from the header before any pixel is decoded: `MAX_FRAME_PIXELS` per frame and
`MAX_TOTAL_PIXELS` over all frames (`RenderError`); frames past `MAX_FRAMES` are not read (the scanner turns
that into lost coverage). A transfer syntax whose decoder needs a plugin pydicom lacks here is a
`RenderError` that names the transfer syntax and the packages that would decode it.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

#: Largest single frame decoded, by declared Rows × Columns.
MAX_FRAME_PIXELS = 64_000_000
#: Largest image decoded over all its frames (a 2000-frame 1024² cine is 2·10⁹: refused).
MAX_TOTAL_PIXELS = 1_000_000_000
#: Frames read per item; later ones are lost coverage.
MAX_FRAMES = 500

#: The renderings a frame's text can be read from (said in the finding's field when not the header's).
WINDOW = "window"
STORED_RANGE = "stored-range"
STORED_VALUES = "stored-values"
#: A rendering is "structureless" when fewer than this fraction of its pixels lie off its dominant level and
#: off black and white: a blank or saturated frame.
STRUCTURE_FLOOR = 0.01


class RenderError(ValueError):
    """DICOM pixels that cannot or may not be decoded; the message is one line and says why."""


@dataclass(frozen=True)
class Frame:
    index: int  # 0-based frame number
    grey: np.ndarray  # H × W uint8, MONOCHROME2 polarity
    digest: str  # sha1 of the rendered frame
    repeat_of: int | None  # index of an identical earlier frame, or None
    rendering: str = WINDOW  # how `grey` was made: WINDOW (the header's rescale and VOI) or STORED_RANGE
    stored: np.ndarray | None = None  # the stored-range rendering, when the window clips part of the frame


@dataclass(frozen=True)
class DicomPixels:
    dataset: Dataset
    rows: int
    columns: int
    frame_count: int
    photometric: str

    @property
    def frames_read(self) -> int:
        return min(self.frame_count, MAX_FRAMES)


def open_dicom(payload: bytes) -> DicomPixels:
    """The data set with its pixel data, after checking that the pixels may be decoded. Raises RenderError."""
    from pydicom import dcmread
    from pydicom.pixels import get_decoder
    from pydicom.uid import UID

    if not payload:
        raise RenderError("empty payload: no DICOM pixel data")
    if payload.startswith(b"DICM"):
        payload = b"\x00" * 128 + payload
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            dataset = dcmread(io.BytesIO(payload), force=True)
        except Exception as error:
            raise RenderError(f"unreadable DICOM: {type(error).__name__}: {_one_line(error)}") from None
    if "PixelData" not in dataset and "FloatPixelData" not in dataset and "DoubleFloatPixelData" not in dataset:
        raise NoPixelData("no pixel data in this DICOM (nothing burned in to read)")
    rows, columns = int(dataset.get("Rows", 0) or 0), int(dataset.get("Columns", 0) or 0)
    frames = _frame_count(dataset)
    samples = int(dataset.get("SamplesPerPixel", 1) or 1)
    if rows <= 0 or columns <= 0:
        raise RenderError(f"DICOM declares an empty image {columns}×{rows}; pixels not decoded")
    if rows * columns > MAX_FRAME_PIXELS:
        raise RenderError(f"DICOM declares {columns}×{rows} pixels per frame, over the limit of {MAX_FRAME_PIXELS:,}; pixels not decoded")
    if rows * columns * samples * min(frames, MAX_FRAMES) > MAX_TOTAL_PIXELS:
        raise RenderError(
            f"DICOM declares {frames} frames of {columns}×{rows}×{samples}, over the limit of {MAX_TOTAL_PIXELS:,} samples; pixels not decoded"
        )
    meta = dataset.file_meta if hasattr(dataset, "file_meta") else None
    syntax = meta.get("TransferSyntaxUID") if meta is not None else None
    if not syntax:
        # No file meta (a bare data set): the encoding pydicom found while reading it.
        from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

        implicit, little = getattr(dataset, "original_encoding", (True, True))
        syntax = ImplicitVRLittleEndian if implicit else (ExplicitVRLittleEndian if little else ExplicitVRBigEndian)
        dataset.file_meta = dataset.file_meta if meta is not None else _empty_meta()
        dataset.file_meta.TransferSyntaxUID = syntax
    syntax = UID(str(syntax))
    try:
        decoder = get_decoder(syntax)
    except NotImplementedError:
        raise RenderError(f"pixel data in transfer syntax {syntax.name or syntax} ({syntax}): pydicom has no decoder for it") from None
    if not decoder.is_available:
        missing = "; ".join(decoder.missing_dependencies) or "a decoder plugin"
        raise RenderError(f"pixel data in {syntax.name} ({syntax}) needs a decoder plugin pydicom lacks here: install one of: {missing}")
    return DicomPixels(dataset, rows, columns, frames, str(dataset.get("PhotometricInterpretation", "MONOCHROME2")).strip().upper())


class NoPixelData(RenderError):
    """The DICOM has no pixel data (a structured report, a DICOMDIR): nothing to OCR, not an error."""


def iter_frames(pixels: DicomPixels) -> Iterator[Frame]:
    """Each frame (up to MAX_FRAMES) as 8-bit greyscale, with repeats marked. Raises RenderError."""
    from pydicom.pixels import get_decoder

    dataset = pixels.dataset
    decoder = get_decoder(dataset.file_meta.TransferSyntaxUID)
    seen: dict[str, int] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            arrays = decoder.iter_array(dataset, as_rgb=True, indices=range(pixels.frames_read))
            for index, (array, meta) in enumerate(arrays):
                photometric = str(meta.get("photometric_interpretation", pixels.photometric)).upper()
                grey, rendering, stored = render(array, dataset, photometric, index)
                digest = hashlib.sha1(grey.tobytes() + str(grey.shape).encode()).hexdigest()
                repeat = seen.get(digest)
                if repeat is None:
                    seen[digest] = index
                yield Frame(index, grey, digest, repeat, rendering, stored)
        except RenderError:
            raise
        except MemoryError:
            raise RenderError("not enough memory to decode this DICOM's pixels") from None
        except Exception as error:
            raise RenderError(f"DICOM pixels undecodable: {type(error).__name__}: {_one_line(error)}") from None


def render(array: np.ndarray, dataset: Dataset, photometric: str, index: int = 0) -> tuple[np.ndarray, str, np.ndarray | None]:
    """One decoded frame as (H × W uint8 in MONOCHROME2 polarity, its rendering, the stored-range rendering or None).

    The header's rendering unless it leaves the frame without structure that its stored values have (a stale
    rescale or window): then the stored range. The stored-range rendering is kept beside the windowed one when
    the window clips a part of the frame (the text drawn at a value the window puts out of range)."""
    windowed = to_grey8(array, dataset, photometric, index)
    if array.ndim != 2 or array.dtype.kind == "f" or photometric not in ("MONOCHROME1", "MONOCHROME2") or not _windowed(dataset, index):
        return windowed, WINDOW, None
    stored = _stretch(array.astype(np.float64))
    if photometric == "MONOCHROME1":
        stored = 255 - stored
    kept = _structure(windowed)
    if kept < STRUCTURE_FLOOR and _structure(stored) > max(STRUCTURE_FLOOR, 5 * kept):
        return stored, STORED_RANGE, None
    clipped = (
        np.count_nonzero((windowed == 0) | (windowed == 255)) > np.count_nonzero((stored == 0) | (stored == 255)) + 0.001 * windowed.size
    )
    return windowed, WINDOW, stored if clipped else None


def _windowed(dataset: Dataset, index: int) -> bool:
    """Whether the header transforms this frame's stored values (a rescale, a modality LUT, a VOI window or LUT)."""
    view = _frame_view(dataset, index)
    rescaled = float(view.get("RescaleSlope", 1) or 1) != 1 or float(view.get("RescaleIntercept", 0) or 0) != 0
    return rescaled or any(k in view for k in ("ModalityLUTSequence", "VOILUTSequence", "WindowCenter"))


def _structure(grey: np.ndarray) -> float:
    """The fraction of pixels off the frame's dominant level (±2) and off black and white."""
    sample = grey.ravel()[:: max(1, grey.size // 250_000)]
    counts = np.bincount(sample, minlength=256)
    mode = int(np.argmax(counts))
    flat = counts[max(0, mode - 2) : mode + 3].sum() + (counts[0] if mode > 2 else 0) + (counts[255] if mode < 253 else 0)
    return 1.0 - float(flat) / max(1, sample.size)


def to_grey8(array: np.ndarray, dataset: Dataset, photometric: str, index: int = 0) -> np.ndarray:
    """One decoded frame as H × W uint8 in MONOCHROME2 polarity, as the header's transforms render it."""
    from pydicom.pixels import apply_color_lut, convert_color_space

    if photometric == "PALETTE COLOR":
        rgb = apply_color_lut(array, dataset)
        return _luma(_scale_colour(rgb, 16 if rgb.dtype.itemsize > 1 else 8))
    if array.ndim == 3 and array.shape[-1] in (3, 4):
        if photometric.startswith("YBR") and photometric not in ("YBR_ICT", "YBR_RCT"):
            array = convert_color_space(array, photometric, "RGB")
        bits = int(dataset.get("BitsStored", 8) or 8)
        return _luma(_scale_colour(array[..., :3], bits))
    if array.ndim != 2:
        raise RenderError(f"unexpected decoded frame shape {array.shape} for {photometric}")
    grey = _window(array, dataset, index)
    if photometric == "MONOCHROME1":
        grey = 255 - grey
    return grey


def _window(array: np.ndarray, dataset: Dataset, index: int) -> np.ndarray:
    from pydicom.pixels import apply_modality_lut, apply_voi_lut

    if array.dtype.kind == "f":
        return _stretch(array.astype(np.float64))
    view = _frame_view(dataset, index)
    values = apply_modality_lut(array, view).astype(np.float64, copy=False)
    has_lut = "VOILUTSequence" in view
    has_window = "WindowCenter" in view and "WindowWidth" in view
    if has_lut:
        out = apply_voi_lut(values, view, index=0, prefer_lut=True).astype(np.float64)
        lut = view.VOILUTSequence[0]
        bits = int(lut.LUTDescriptor[2]) if "LUTDescriptor" in lut else 16
        low, high = 0.0, float(2 ** min(bits, 16) - 1)
        if out.max() > high:  # some writers declare 16 bits for a 12-bit LUT; trust the data's ceiling
            high = float(out.max())
        return _scale(out, low, high)
    if has_window:
        center, width = _first(view.WindowCenter), _first(view.WindowWidth)
        if width and width > 0:
            low, high = center - 0.5 - (width - 1) / 2, center - 0.5 + (width - 1) / 2
            if str(view.get("VOILUTFunction", "LINEAR")).upper() == "SIGMOID":
                out = 255.0 / (1 + np.exp(-4 * (values - center) / width))
                return np.clip(out + 0.5, 0, 255).astype(np.uint8)
            return _scale(values, low, high)
    return _stretch(values)


def _frame_view(dataset: Dataset, index: int) -> Dataset:
    """The attributes that govern frame `index`: top level, or the functional groups of enhanced objects."""
    from pydicom.dataset import Dataset

    if (
        "WindowCenter" in dataset
        or "VOILUTSequence" in dataset
        or ("SharedFunctionalGroupsSequence" not in dataset and "PerFrameFunctionalGroupsSequence" not in dataset)
    ):
        return dataset
    view = Dataset()
    for keyword in (
        "PhotometricInterpretation",
        "BitsStored",
        "BitsAllocated",
        "PixelRepresentation",
        "RescaleSlope",
        "RescaleIntercept",
        "ModalityLUTSequence",
    ):
        if keyword in dataset:
            setattr(view, keyword, dataset[keyword].value)
    groups = []
    for sequence in ("SharedFunctionalGroupsSequence", "PerFrameFunctionalGroupsSequence"):
        items = dataset.get(sequence) or []
        position = 0 if sequence.startswith("Shared") else index
        if position < len(items):
            groups.append(items[position])
    for group in groups:
        for transform in group.get("PixelValueTransformationSequence") or []:
            for keyword in ("RescaleSlope", "RescaleIntercept"):
                if keyword in transform:
                    setattr(view, keyword, transform[keyword].value)
        for voi in group.get("FrameVOILUTSequence") or []:
            for keyword in ("WindowCenter", "WindowWidth", "VOILUTFunction"):
                if keyword in voi:
                    setattr(view, keyword, voi[keyword].value)
    return view


def _first(value) -> float:
    try:
        return float(value[0]) if not isinstance(value, (int, float, str)) else float(value)
    except (TypeError, ValueError, IndexError):
        return 0.0


def _scale(values: np.ndarray, low: float, high: float) -> np.ndarray:
    if high <= low:
        return _stretch(values)
    out = (values - low) * (255.0 / (high - low))
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def _stretch(values: np.ndarray) -> np.ndarray:
    """Between the 0.5th and 99.5th percentiles (a frame with no window): text at the top value stays white."""
    finite = values[np.isfinite(values)] if values.dtype.kind == "f" else values
    if finite.size == 0:
        return np.zeros(values.shape, np.uint8)
    sample = finite.ravel()[:: max(1, finite.size // 1_000_000)]
    low, high = np.percentile(sample, (0.5, 99.5))
    if high <= low:
        low, high = float(sample.min()), float(sample.max())
    if high <= low:
        return np.zeros(values.shape, np.uint8)
    return _scale(np.nan_to_num(values), float(low), float(high))


def _scale_colour(rgb: np.ndarray, bits: int) -> np.ndarray:
    if rgb.dtype == np.uint8:
        return rgb
    ceiling = float(2 ** min(max(bits, 1), 32) - 1)
    if rgb.size and rgb.max() > ceiling:
        ceiling = float(rgb.max())
    return np.clip(rgb.astype(np.float64) * (255.0 / ceiling) + 0.5, 0, 255).astype(np.uint8)


def _luma(rgb: np.ndarray) -> np.ndarray:
    weights = np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return np.clip(rgb.astype(np.float32) @ weights + 0.5, 0, 255).astype(np.uint8)


def _frame_count(dataset: Dataset) -> int:
    try:
        return max(1, int(dataset.get("NumberOfFrames", 1) or 1))
    except (TypeError, ValueError):
        return 1


def _empty_meta():
    from pydicom.dataset import FileMetaDataset

    return FileMetaDataset()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]
