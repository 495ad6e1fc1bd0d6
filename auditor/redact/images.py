"""Redacted copies of images and photos: every frame upright, pixel findings covered, metadata dropped.

- Boxes: burned-in text filled or blurred (`--pixels`), faces always blurred, barcodes and QR codes always
  filled; each box on every frame of a GIF, TIFF, WebP or APNG, whichever frame its finding names (the scanners
  report a region once, on the first frame that shows it: `auditor/frame_masks.py`).
- Frames: all of them, with their durations and loop count (GIF, WebP, APNG); the GIF and APNG writers merge
  frames the boxes made identical into one, their durations added, so the copy plays the same.
- Metadata: the copy is built from the pixels alone, so EXIF (GPS, dates, serials, owner), XMP, IPTC, PNG text
  chunks, GIF and JPEG comments and TIFF tags are gone. The EXIF orientation is applied to the pixels (the copy
  displays as the original did) and the ICC colour profile is kept, unless the scan found an identifier in its
  descriptions, in which case it is dropped too.
- Format: the source's own, lossless where it was (PNG, GIF, TIFF with LZW, BMP, WebP lossless); JPEG is
  re-encoded at quality 95. HEIC is refused when no HEIF encoder is installed (never written half-way).
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, ImageSequence

from auditor.media.image import MAX_PIXELS, MAX_SIDE
from auditor.redact.pixels import boxes_of, cover
from auditor.redact.text import Refused

_LOSSLESS: dict[str, dict[str, object]] = {"PNG": {}, "GIF": {}, "BMP": {}, "TIFF": {"compression": "tiff_lzw"}, "WEBP": {"lossless": True}}


def redact_image(item, findings, boxed, context) -> tuple[bytes, dict]:
    """The redacted image's bytes and what was done (boxes, metadata removed). Raises Refused."""
    style = context.options.pixels
    faces = boxes_of(boxed, {"faces"})
    barcodes = boxes_of(boxed, {"barcodes"})
    text = [box for box in boxes_of(boxed) if box not in faces and box not in barcodes]
    icc_named = any(f.source == "metadata" and f.field.upper().startswith("ICC") for f in findings)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = Image.open(io.BytesIO(item.payload or b""))
            width, height = source.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise Refused(f"image of {width}×{height} pixels is over the decoding bounds")
            fmt = (source.format or "PNG").upper()
            icc = None if icc_named else source.info.get("icc_profile")
            frames, durations = [], []
            for frame in ImageSequence.Iterator(source):
                frames.append(_redacted_frame(frame, text, faces, barcodes, style))
                durations.append(frame.info.get("duration"))  # read once decoded: WebP sets it when a frame loads
            data = _encode(frames, fmt, icc, durations, source.info.get("loop"))
    except Refused:
        raise
    except Exception as error:
        raise Refused(f"image could not be redacted: {type(error).__name__}: {' '.join(str(error).split())[:200]}") from None
    return data, {
        "boxes": text + faces + barcodes,
        "frames": len(frames),
        "faces_blurred": len(faces),
        "barcodes_filled": len(barcodes),
        "metadata_removed": "EXIF (orientation applied to the pixels), XMP, IPTC, text chunks, comments"
        + ("" if icc is not None else ", ICC profile"),
        "format": fmt,
    }


def _redacted_frame(frame: Image.Image, text, faces, barcodes, style: str) -> Image.Image:
    upright = ImageOps.exif_transpose(frame) or frame
    mode = upright.mode
    work = (
        upright.convert("RGBA" if "A" in mode or "transparency" in upright.info else "RGB")
        if mode in ("P", "PA", "LA", "CMYK", "YCbCr", "1")
        else upright
    )
    array = np.array(work)
    fill: int | np.ndarray = 0
    if array.ndim != 2:
        channels = np.array([0] * array.shape[2], dtype=array.dtype)
        if array.ndim == 3 and array.shape[2] == 4:
            channels[3] = np.iinfo(array.dtype).max
        fill = channels
    cover(array, text, style, fill)
    cover(array, barcodes, "fill", fill)
    cover(array, faces, "blur", fill)
    result = Image.fromarray(array, work.mode if work.mode not in ("I;16", "I;16B", "I;16L") else None)
    if mode == "P" and work.mode != "P":
        result = result.convert("RGB").quantize(256) if work.mode == "RGB" else result
    result.info = {}
    return result


def _encode(frames: list[Image.Image], fmt: str, icc: bytes | None, durations, loop) -> bytes:
    out = io.BytesIO()
    options: dict = dict(_LOSSLESS.get(fmt, {}))
    if fmt == "JPEG":
        options = {"quality": 95}
        frames = [f.convert("RGB") if f.mode not in ("RGB", "L", "CMYK") else f for f in frames]
    if icc:
        options["icc_profile"] = icc
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:])
        if fmt in ("GIF", "WEBP", "PNG") and all(durations):
            options["duration"] = durations
        if loop is not None and fmt in ("GIF", "WEBP", "PNG"):
            options["loop"] = loop
    try:
        frames[0].save(out, format=fmt, **options)
    except (KeyError, OSError, ValueError) as error:
        raise Refused(f"cannot write a {fmt} copy here ({error}); not copied") from None
    return out.getvalue()
