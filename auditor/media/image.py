"""Decode an image's pixels for the pixel scanners, with its size bounded before anything is decoded.

`Image.open` reads only the header; the declared width × height is checked against `MAX_PIXELS` before
`load()`, so a 60000×60000 PNG of a few kilobytes (a decompression bomb) is refused with a one-line
`PixelLoadError` instead of allocating gigabytes. Every way Pillow can fail becomes that same error, so a
scanner raising it turns into a per-item error and the scan goes on.

What comes out is an RGB `uint8` array (`H × W × 3`) per frame, turned upright by its EXIF orientation
(a phone photo of a wristband is stored sideways), alpha composited over white (screenshots), 16-bit and float
greyscale (TIFF, 16-bit PNG) stretched to 8 bits. `max_side` downsizes on the way (JPEG's DCT scaling through
`draft`, so a 48-megapixel photo is never decoded in full when 1024 pixels are enough). `load_pixels` gives the
first frame (what image kind needs); `iter_frames` every frame of an animated GIF, WebP or PNG, a multi-page TIFF
or an MPO, bounded like a DICOM cine (`frames.MAX_FRAMES` frames, `frames.MAX_TOTAL_PIXELS` pixels over all of
them, `frame_plan` says how many are read), and skips a frame identical to an earlier one by the hash of its
pixels, so a 500-frame GIF whose banner never changes is read once.

Each image is decoded once per process for all the pixel scanners (burned-in text, faces, barcodes, image kind
each read every image of a batch, one scanner after the other): the decode at `DECODE_SIDE` is kept in a small
cache bounded by `CACHE_BYTES`, and a scanner that wants fewer pixels gets a downsized copy of it.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from auditor.media.frames import MAX_FRAMES, MAX_TOTAL_PIXELS

#: Largest image decoded, by its declared width × height (a 48-megapixel phone photo passes).
MAX_PIXELS = 64_000_000
#: Longest side accepted even when the area is small (a 1 × 10⁷ strip is no photo).
MAX_SIDE = 30_000
#: Longest side of the shared decode (the most any pixel scanner reads: small burned-in text needs it).
DECODE_SIDE = 4096
#: Decoded pixels kept for the other scanners of a batch (a batch of 32 screenshots fits; phone photos partly).
CACHE_BYTES = 384 * 1024 * 1024
_cache: OrderedDict[bytes, Pixels] = OrderedDict()
#: Every distinct frame of the multi-frame images of a batch, under the same byte budget (a separate cache: the
#: first-frame readers of a batch of photos must not evict what the frame iterators read).
_frames_cache: OrderedDict[bytes, tuple[ImageFrame, ...]] = OrderedDict()


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


@dataclass(frozen=True)
class ImageFrame:
    """One distinct frame of an image: its 0-based index among all the image's frames and its pixels."""

    index: int
    pixels: Pixels


@dataclass(frozen=True)
class FramePlan:
    """How many frames an image has and how many of them the bounds let the pixel scanners read."""

    count: int
    read: int
    unread: str | None  # why frames past `read` are not read (the bound they are past, the damage), None when all are

    @property
    def multi_frame(self) -> bool:
        return self.count > 1


def load_rgb(data: bytes, *, max_side: int | None = None, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """The image's first frame as an upright RGB uint8 array, at most `max_side` pixels on its longer side
    (`iter_frames` gives every frame).

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


def frame_plan(data: bytes) -> FramePlan:
    """The image's frames and how many are read: at most `MAX_FRAMES`, and no more than `MAX_TOTAL_PIXELS` over
    them (each frame counted at its declared size). Reads headers only (Pillow parses the frame list, no pixel
    is decoded). A file damaged or cut short after some frames has those read, and the rest named as unread.
    Raises PixelLoadError when Pillow cannot open the image or find its first frame."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with _open(data) as image:
            try:
                count = max(1, int(getattr(image, "n_frames", 1)))
                sizes = [image.size] if count == 1 else list(_frame_sizes(image, min(count, MAX_FRAMES)))
            except Exception as error:
                message = " ".join(str(error).split())[:300] or type(error).__name__
                sizes = _sizes_before_damage(image)
                if not sizes:
                    raise PixelLoadError(f"image frames unreadable: {message}") from None
                count = len(sizes) + 1
                damaged = f"the file is damaged or cut short after frame {len(sizes)} ({message})"
                bounded = _bounded(count, sizes)
                return bounded if bounded.read < len(sizes) else FramePlan(count, len(sizes), damaged)
    return _bounded(count, sizes)


def _bounded(count: int, sizes: list[tuple[int, int]]) -> FramePlan:
    """The plan for `count` frames of these sizes under MAX_FRAMES and MAX_TOTAL_PIXELS."""
    total = 0
    for index, (width, height) in enumerate(sizes):
        total += width * height
        if total > MAX_TOTAL_PIXELS and index > 0:
            return FramePlan(count, index, f"past the limit of {MAX_TOTAL_PIXELS:,} pixels over an image's frames")
    if count > MAX_FRAMES:
        return FramePlan(count, MAX_FRAMES, f"past the limit of {MAX_FRAMES} frames per image")
    return FramePlan(count, count, None)


def _sizes_before_damage(image: Image.Image) -> list[tuple[int, int]]:
    """The size of each frame, from the first, that Pillow can seek to before the damage (at most MAX_FRAMES)."""
    sizes = []
    for index in range(MAX_FRAMES):
        try:
            image.seek(index)
        except Exception:
            break
        sizes.append(image.size)
    return sizes


def _frame_sizes(image: Image.Image, frames: int) -> Iterator[tuple[int, int]]:
    """Each frame's declared size: a TIFF's pages differ, the frames of the animated formats share the canvas."""
    if image.format != "TIFF":
        yield from [image.size] * frames
        return
    for index in range(frames):
        image.seek(index)
        yield image.size


def iter_frames(data: bytes, *, max_side: int | None = None) -> Iterator[ImageFrame]:
    """Each distinct frame the bounds let be read (`frame_plan`), in order, upright RGB at most `max_side` on its
    longer side (like `load_pixels`); a frame whose pixels equal an earlier frame's is skipped. Decoded once per
    process for the scanners of a batch when its distinct frames fit in `CACHE_BYTES`. Raises PixelLoadError."""
    frames = _frames_cache.get(data)
    if frames is None:
        yield from _decode_frames(data, max_side)
        return
    _frames_cache.move_to_end(data)
    for frame in frames:
        yield _sized(frame, max_side)


def _decode_frames(data: bytes, max_side: int | None) -> Iterator[ImageFrame]:
    plan = frame_plan(data)
    if plan.count == 1:
        yield ImageFrame(0, load_pixels(data, max_side=max_side))
        return
    kept: list[ImageFrame] | None = []  # the distinct frames, for the next scanner, while they fit in CACHE_BYTES
    kept_bytes = 0
    seen: set[str] = set()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = _open(data)
        with image:
            for index in range(plan.read):
                with warnings.catch_warnings():  # not across the yield: the caller's warnings stay its own
                    warnings.simplefilter("ignore")
                    image.seek(index)
                    pixels = _decode_open(image, max_side=DECODE_SIDE, max_pixels=MAX_PIXELS)
                digest = hashlib.sha1(pixels.rgb.tobytes() + repr(pixels.rgb.shape).encode()).hexdigest()
                if digest in seen:
                    continue
                seen.add(digest)
                frame = ImageFrame(index, pixels)
                kept_bytes += pixels.rgb.nbytes
                if kept is not None and kept_bytes <= CACHE_BYTES:
                    kept.append(frame)
                else:
                    kept = None  # too large to keep: the next scanner decodes it again
                yield _sized(frame, max_side)
    except PixelLoadError:
        raise
    except Exception as error:
        raise _load_error(error) from None
    if kept is not None:
        _remember_frames(data, tuple(kept))


def _sized(frame: ImageFrame, max_side: int | None) -> ImageFrame:
    if max_side and max(frame.pixels.rgb.shape[:2]) > max_side:
        return ImageFrame(frame.index, _shrink(frame.pixels, max_side))
    return frame


def _remember(data: bytes, pixels: Pixels) -> None:
    _cache[data] = pixels
    _evict()


def _remember_frames(data: bytes, frames: tuple[ImageFrame, ...]) -> None:
    _frames_cache[data] = frames
    _evict()


def _evict() -> None:
    """Drop the oldest decodes until both caches together hold at most `CACHE_BYTES` (the newest of each stays)."""
    used = sum(p.rgb.nbytes for p in _cache.values()) + sum(f.pixels.rgb.nbytes for fs in _frames_cache.values() for f in fs)
    while used > CACHE_BYTES and (len(_cache) > 1 or len(_frames_cache) > 1):
        cache: OrderedDict = _frames_cache if len(_frames_cache) > 1 else _cache
        _, dropped = cache.popitem(last=False)
        used -= sum(f.pixels.rgb.nbytes for f in dropped) if isinstance(dropped, tuple) else dropped.rgb.nbytes


def _shrink(pixels: Pixels, max_side: int) -> Pixels:
    image = Image.fromarray(pixels.rgb)
    image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return Pixels(np.asarray(image, dtype=np.uint8), pixels.width, pixels.height)


def _decode(data: bytes, *, max_side: int | None, max_pixels: int) -> Pixels:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on corrupt EXIF and on large images; errors are raised
            with _open(data) as image:
                return _decode_open(image, max_side=max_side, max_pixels=max_pixels)
    except PixelLoadError:
        raise
    except Exception as error:
        raise _load_error(error) from None


def _decode_open(image: Image.Image, *, max_side: int | None, max_pixels: int) -> Pixels:
    """The open image's current frame, checked against the bounds before it is decoded."""
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
    if max_side and max(rgb.size) > max_side:
        rgb.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return Pixels(np.asarray(rgb, dtype=np.uint8), full_width, full_height)


def _load_error(error: Exception) -> PixelLoadError:
    """Any way Pillow fails while decoding, as the one-line error the scanners turn into a per-item error."""
    if isinstance(error, Image.DecompressionBombError):
        return PixelLoadError(f"refused as a decompression bomb by Pillow ({error}); pixels not decoded")
    if isinstance(error, MemoryError):
        return PixelLoadError("not enough memory to decode this image")
    message = " ".join(str(error).split())[:300] or type(error).__name__
    return PixelLoadError(f"image pixels unreadable: {message} (truncated, corrupt or unsupported image)")


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
