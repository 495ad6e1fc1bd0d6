"""Decode an image's pixels for the pixel scanners, with its size bounded before anything is decoded.

`Image.open` reads only the header; the declared width × height is checked against `MAX_PIXELS` before
`load()`, so a 60000×60000 PNG of a few kilobytes (a decompression bomb) is refused with a one-line
`PixelLoadError` instead of allocating gigabytes. Every way Pillow can fail becomes that same error, so a
scanner raising it turns into a per-item error and the scan goes on.

What comes out is an RGB `uint8` array (`H × W × 3`): the first frame, turned upright by its EXIF orientation
(a phone photo of a wristband is stored sideways), alpha composited over white (screenshots), 16-bit and float
greyscale (TIFF, 16-bit PNG) stretched to 8 bits. `max_side` downsizes on the way (JPEG's DCT scaling through
`draft`, so a 48-megapixel photo is never decoded in full when 1024 pixels are enough).

Each image is decoded once per process for all the pixel scanners (burned-in text, faces, barcodes, image kind
each read every image of a batch, one scanner after the other): the decode at `DECODE_SIDE` is kept in a small
cache bounded by `CACHE_BYTES`, and a scanner that wants fewer pixels gets a downsized copy of it.
"""

from __future__ import annotations

import io
import warnings
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

#: Largest image decoded, by its declared width × height (a 48-megapixel phone photo passes).
MAX_PIXELS = 64_000_000
#: Longest side accepted even when the area is small (a 1 × 10⁷ strip is no photo).
MAX_SIDE = 30_000
#: Longest side of the shared decode (the most any pixel scanner reads: small burned-in text needs it).
DECODE_SIDE = 4096
#: Decoded pixels kept for the other scanners of a batch (a batch of 32 screenshots fits; phone photos partly).
CACHE_BYTES = 384 * 1024 * 1024
_cache: OrderedDict[bytes, Pixels] = OrderedDict()


class PixelLoadError(ValueError):
    """An image whose pixels cannot or may not be decoded; the message is one line and says why."""


@dataclass(frozen=True)
class Pixels:
    """Decoded pixels and the size of the upright full-resolution image they were made from."""

    rgb: np.ndarray  # H × W × 3 uint8, possibly downsized
    width: int  # the upright image's width at full resolution
    height: int

    def to_original(self, bbox: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """A box (x, y, w, h) in `rgb`'s pixels, in the full-resolution image's pixels."""
        scale_x, scale_y = self.width / self.rgb.shape[1], self.height / self.rgb.shape[0]
        x, y, w, h = bbox
        return (round(x * scale_x), round(y * scale_y), round(w * scale_x), round(h * scale_y))


def load_rgb(data: bytes, *, max_side: int | None = None, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """The image's first frame as an upright RGB uint8 array, at most `max_side` pixels on its longer side.

    Raises PixelLoadError when the file is not a decodable image or declares more than `max_pixels`.
    """
    return load_pixels(data, max_side=max_side, max_pixels=max_pixels).rgb


def load_pixels(data: bytes, *, max_side: int | None = None, max_pixels: int = MAX_PIXELS) -> Pixels:
    """Like `load_rgb`, with the upright full-resolution size kept so boxes can be mapped back. Decoded once
    per process (see `CACHE_BYTES`); `max_side` above `DECODE_SIDE` reads no more than `DECODE_SIDE`."""
    if max_pixels != MAX_PIXELS:
        return _decode(data, max_side=max_side, max_pixels=max_pixels)
    pixels = _cache.get(data)
    if pixels is None:
        pixels = _decode(data, max_side=DECODE_SIDE, max_pixels=max_pixels)
        _remember(data, pixels)
    else:
        _cache.move_to_end(data)
    if max_side and max(pixels.rgb.shape[:2]) > max_side:
        return _shrink(pixels, max_side)
    return pixels


def _remember(data: bytes, pixels: Pixels) -> None:
    _cache[data] = pixels
    used = sum(p.rgb.nbytes for p in _cache.values())
    while used > CACHE_BYTES and len(_cache) > 1:
        _, dropped = _cache.popitem(last=False)
        used -= dropped.rgb.nbytes


def _shrink(pixels: Pixels, max_side: int) -> Pixels:
    image = Image.fromarray(pixels.rgb)
    image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return Pixels(np.asarray(image, dtype=np.uint8), pixels.width, pixels.height)


def _decode(data: bytes, *, max_side: int | None, max_pixels: int) -> Pixels:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on corrupt EXIF and on large images; errors are raised
            with _open(data) as image:
                width, height = image.size
                if width <= 0 or height <= 0:
                    raise PixelLoadError(f"image declares an empty size {width}×{height}")
                if width * height > max_pixels or max(width, height) > MAX_SIDE:
                    raise PixelLoadError(
                        f"image declares {width}×{height} pixels, over the limit of {max_pixels:,} pixels "
                        f"(longest side {MAX_SIDE:,}); pixels not decoded"
                    )
                if max_side and image.format == "JPEG" and max(width, height) > 2 * max_side:
                    image.draft("RGB", (max_side, max_side))  # decode at 1/2, 1/4 or 1/8 scale: faster, smaller
                turned = _exif_orientation(image) in (5, 6, 7, 8)
                full_width, full_height = (height, width) if turned else (width, height)
                image.load()
                rgb = _to_rgb(ImageOps.exif_transpose(image))
    except PixelLoadError:
        raise
    except Image.DecompressionBombError as error:
        raise PixelLoadError(f"refused as a decompression bomb by Pillow ({error}); pixels not decoded") from None
    except MemoryError:
        raise PixelLoadError("not enough memory to decode this image") from None
    except Exception as error:
        message = " ".join(str(error).split())[:300] or type(error).__name__
        raise PixelLoadError(f"image pixels unreadable: {message} (truncated, corrupt or unsupported image)") from None
    if max_side and max(rgb.size) > max_side:
        rgb.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return Pixels(np.asarray(rgb, dtype=np.uint8), full_width, full_height)


def to_grey(rgb: np.ndarray) -> np.ndarray:
    """ITU-R 601 luma of an RGB uint8 array, as uint8."""
    weights = np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return np.clip(rgb.astype(np.float32) @ weights + 0.5, 0, 255).astype(np.uint8)


def _open(data: bytes) -> Image.Image:
    if not data:
        raise PixelLoadError("empty file: no image to decode")
    try:
        return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise PixelLoadError(f"refused as a decompression bomb by Pillow ({error}); pixels not decoded") from None
    except UnidentifiedImageError:
        raise PixelLoadError("not an image Pillow can decode (truncated, corrupt, or another format)") from None
    except Exception as error:
        message = " ".join(str(error).split())[:300] or type(error).__name__
        raise PixelLoadError(f"image header unreadable: {message}") from None


def _exif_orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:
        return 1


def _to_rgb(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode == "RGB":
        return image
    if mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        values = np.asarray(image, dtype=np.float64)
        low, high = np.percentile(values, (0.5, 99.5)) if values.size else (0.0, 1.0)
        if high <= low:
            low, high = float(values.min()), float(values.max()) or 1.0
        scaled = np.clip((values - low) * (255.0 / max(high - low, 1e-9)), 0, 255).astype(np.uint8)
        return Image.fromarray(scaled, "L").convert("RGB")
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")
