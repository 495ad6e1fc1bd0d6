"""Faces (Safe Harbor: full-face photographs): what the face scanner reports and what it must not.

The portrait is a 120×120 crop of scikit-image's `astronaut` (NASA, public domain), embedded so the tests need
no image package. Medical images and noise are negatives: an X-ray must not grow a face.
"""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

from auditor.evidence import EvidenceKeeper
from auditor.media.image import PixelLoadError, load_pixels
from auditor.model import Item
from auditor.scanners.pixel.faces import FaceScanner, detect_faces

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
KEEPER = EvidenceKeeper(b"k" * 32)
PORTRAIT_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYn"
    "KSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgo"
    "KCgoKCgoKCj/wAARCAB4AHgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF"
    "BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW"
    "V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi"
    "4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC"
    "AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm"
    "Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq"
    "8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDvGBLVYtYjnJqaGNW61bjjUDisbmpDjnirMQAXmpERcU2RVGTnimAhODxWfql/bWEJmvbh"
    "Ik7bjyfoKq65r1tptvIw3SyqpYInfHqe1fPuheLrrxB4luZLyTMrMfLEqb0254X24/lWdSpyq6KjG7PbD4wt7nMelW095N02gbFH"
    "1Y8flV+yk1ySTzmOnxxAf6pQzt+LZA/SuRsYLi6UNNdRRbTnaoKDH0Oc/hXYw3C2toqz/aHyOHRlIH5gVyPETZryJC3fiptOmWO8"
    "snKnqYmDH8u9bOn6zp2qxlrC6WUjqmMMPqDzXmuta1pV1cNBDdCeQNtO2MhhjsM1zdysluxu4rsRKnO4vgpzxkjvVxxUo/FqJ010"
    "PcmbJ4pm3JyTXB+GfGMkKtHrzPjIAkMfI/LqPevQF2yIrxsGRhkEdCK64VI1FdGbi47goqNmZpNoGBUsY+bBqTZg5xTERRhgwzRU"
    "jNg0UXsBjQuc1ZEp9aqA7e1G45qB2LqzbRkngVwPjDxmcNBYMRGDgy5wD9K1vHF49n4YunQ4ZykWfQMwB/TNeazWZ1WFHgYNEvyE"
    "D29KxrVHHRFwjfU29JvX1SxuYI2RFKFRIx5Yn0/xrE0nRLDQZXS5WC4e5OCMjcB3AP1wfqKWyuYbe4j090LSv94K3Kgf/Wq7qtjp"
    "84ZE8xZlBGR/CfauWU7o2jA2tOe0EgSCe8ES9A/3U/Ota5a8kt2SK4tXHPEqbdw99orhrNHRk891kI+ViynP1yK6+C7hhiCmRigA"
    "wd3zL+Hf6isxtFOdYZDEt7FbKV+75K5x9M1zPi028MHmwMvkN8rKSOh+vX3ruodXgskMcoS6hfGd69j0Iryj4gS27zGSxeLy5iVk"
    "B/gOeh9qdibjrTU4ruzNpZANJboXDF/4Bjgc5/GvWfgr4iGraVcaXPL5k9lhomJ5eI+vuDx+VeD6RavpURnUwETDbsWQF9p9fb6V"
    "2HwdkXSviDavNviiuw9uuW4LFcjI9M1vRkoT0M5q6Pot0KmlRuxq2NpHNRSFMcDmu9mSKd4NuCpop8u1wAaKkZj7MimMnfNShu1O"
    "xTsI5zxtBHc+F76OYgLtDc+oINeW6Ne/2efMyGVQWQcYx/jXrnjGye88L6nDFGZJDAxRB/Ew5A/SvmYXtxbuq3L/ALpuSo7j0rix"
    "MHzJo2pvQ7T4fE6v4+E0g3EeZI7EcYzwP1Fezah4W0e+uIzHdpBcj7wVxXmvwasPtF1e3yqPuBAB2ydx/pXdeIPFfiLSrKb+zNEt"
    "GtUkEaxvGzvINpO/AGAMjH41nGKejN07I1U+GsM8bSCfEmchlPDe9UL/AOGc8lsxjuwHOQGfqPxrY8M6jefaQk9tHbswV3+zn93l"
    "hnp61q+K9eOmKqQ5eR+gH86rliO7ueM6/wCCPE9jYFbf/SQoI2q3PX/Jrx/UZby2mlg1O3lSZX8zawwQO9fQ194seDWYtKvdGu7q"
    "5nTzVC3JX5cZHUjsa4rxNFZanbzz6cLhbeRGR4Jskxt0789aSio6kyszzezuoW8x7eFlLKP3jPgD1AFattfXFtr+nahD8y288cmM"
    "crhhn6iuN8OQPJeyW+eXBwp/vCu88A6XPq/ivTLL7UphEolmQd0T5j/ICqlDlnZGN7o+rHbCkg81BG5PU1Xnu2ZulNWQnpXfcysT"
    "XDY6daKZnd160VIWM9KnUcc01EqZUzVoQqLnivIfij8LxNcnV9ETZvbM0Cj5QxP3h6Z6mvZoE+YCrrRb0KlcgjmlKHMrApcrPLvg"
    "1pcmlWUkV1GUkLncpGCCMCvXTao1sGCuFPDBeK5m/jayvLd1jUFg2WU8t07dqLvVb6522FqrRBxl5GOAo/qfauH4HZndG0ldF6eK"
    "CC4XyF2pwWOckmuf8QSAaxaSvgAN1PcelaZguYAiW9us6ryxZyGwO/Q5JrlfFl7cXc0ax6ZJFGhOSwPJxU+ZpZHXXGm2d2FkkiQs"
    "BhWKjI/GuG8SaZaabY3UMSAF+c10XhjVZ0tEhuyrkD5WJ5+hrl/Glyb68aGEEljtwoz1+lF7kNWPnizkittflmU4VLgkH2ya95+C"
    "PgiTTxd+I9QjMdxegraxMMGOEnO4+7fyHvS/Dn4SWcGqnWtXR540bdbwSrhS394g8nHvxXsRXFdNOH2mck3Z2RnPBk9KaYiOlaIH"
    "PNK0akcCtiTOVCpzRV7yN1FAGWuasxISOlOSEk9OKwfG3iWHw7pzs0qRsEMju3SNfX6nsK1jG5ne5vT3Vpp/7y8njiH+0f6VmXvx"
    "A0C0B3zStjusfH64r5P8Y/E3U9XupF053trfOBITmV/cnt9B+dcJNPdXjlppZp3PdmLGq0RN0faq+OdD17ULS3spZPPVm4cAAgj2"
    "J9K6u6tLbUdJkgmViHXYWQlWHuCOQR618cfBCEj4kaUJUbY3mKe3VDX1xY3T2lwLW6yC33GI4ce3v7V5+Itz6HZQfuljw/YxwR+T"
    "LPqMZhH+uSXcHX1+bvWJ4vWM2zCLVL6SYjbllCqG7np06cV1rWiyRuwBA6g9jXP6nZIFLTs2xeSO1Re0bWOlPqZ3hHR4NN0aWe8u"
    "Z7uXO4zXB+YnsAOiqPQVneE7f7Z4yilA/d2+64Yjt2X9T+lQ6vrwFsbeNhsBwFH8RrrvA+ni20GG42/6Rd/vpG9f7o+gH86dGHNP"
    "0MKs7I6aaTI4qEDcKdj5c0R813NHIhjRUIB0NSPUO75qmxVycKKKbu+WipGYuv6lHpVlGxI86eaO3iX1d2Cj8s5/Cvmn486vc6he"
    "wWMJYi6neVhnA2qdqg+w/pXqvxM1N9PF59mlVk0+9F9MqjcS2xWEZOcgj72OnArivEOhW/iLW4dhDJNlUk/6YyENx9Vaujm0Zmlo"
    "eV+DvBb6pBNq+oGSDw/aEebPt+ads4EcY9SeM9hk1k+K9QFxqTCLYsaKFUIMACvoX4yWjaX4bsvDujW6xSqEeNYyBGVOVJ6/w4/M"
    "182XloYriUXJIlViGXpgjjFZLV3ZJsfDnW00Hxdp+qXYd7eGQCQLydpBBIHqM5r7Os9S0PxTo0Uum6ha3G5QwCSgOD67c5BH0r4R"
    "lbbF8n3c1ZiuDww4b1HBrKpS53c1hPl0Ps2/m8U6YrLaRx31uOV3ko2PqOK5DU9d8RapvgubVbJAcNySTXzla+IdUsvms9Tvrcj/"
    "AJ5XDr/I1pp8SvFcaMratJcKRj/SEWQ/mRmsvYS6M09uewyoLO3lnmYnYpZmY9ABXV/Cr4uaXrdlDZXZ8l4UCYYYeMDgZA+8v+0O"
    "ncV8p6x4j1fVgVv7+aWMn/V52p+Q4rPsbqeyu4rm1leGaNtyuhwVNdFGlyXuZTq82x+jJKSIrxsGRhkMpyCPUGosbTXgXwT+Kn2m"
    "EWWqH5U/1qD+D/pog/u/3l7dRX0GqLIqyRMHjcBlZTkEHoQa0asCZC2SvFQ+WevNaKxgDmiRVCniklcGzNkchcUUtwAScUUnYR8u"
    "eLNSv4Nd1h7+cGDUppEktoxukMqjG9Vx91kOPr9Ks+A9Rkjs1sLrd9t0nEZDcM8Ocqf+A5x9CtdB4701ridLuKFWngkFzGQPmDrj"
    "P8ga5jxbbzXK6H4l0Ip580pjkVOkTHjDD+4cEZ6Y4rkwWI9pGz3PVzHCexnzLZnrf9naV4nhifVUMmFKq27DIrcblPqDXgvxN+Hu"
    "paN4lltZQXDL5kNzjCXCdiPQ9iPWu90DxCqK2GD2hbZKsbE+UT1weuO4Pt61oauCfAup22r6sZIg4ltriQ7mcvICAGP3cAHmu2yP"
    "IlGx80Xa+VF5R4IPNRwE7as68IV1a6WzYtbhzsJ9KgtQMHcKOguo89Dmq47VYdhj0BquxGfehAxjnmpbM/vgpwVc7WU9D/h9ahPW"
    "rWmWVzf3Pk2kEkz7SxCLnCjqT6AetMk0rGS68P6xb3duWUBsoxHXHBUj1HIIr65+Dvi1L21g0+R8wToZbQk52Effi/A5I/Gvm4ad"
    "JcWsa3qg/aFJYjnbNGdrkf7yYb6rXV/D+W80aO7t2ytxp1ws0Z9DnBx7HC0LXQ0ifWxemyHcKqWV2l5ZwXUX+rmjWRfoRn+tTb6U"
    "RyGOgoqQc80VfKZ8x4/exm5Xbu8uRWxkHG1h7+hB/WuAvdI8yeaG2M0EF+SJ4o22tDKpOyXHdd+AR05yOtFFfMYebhUXKfd4mlGr"
    "QkpdFc4bQvEM2m3Si4txGSpB81MJKM8hvbjqP0Nd/peuLFEJ9JK3dsv72WxZg8kGOrJ2dfcfiB1oor6GLvofHyitjkfF/hiz1u5S"
    "98LoGtJyWeKNcm1kPLKV67SeR6cj0rmtP8Gaxdib7NZSywQkiWdELIvvkD274oop9TmejsZ+vaVb2VuHjuy8ufuMuMisez0+5ugW"
    "gjLgdcGiim3YkWfT7qKFpJLeRUU4LY4Fdt8LbfU5Irz7BAkdu7AT3bYyFHO3k8jvgdTjPAooqoe9uB2qWCxaPNJMp8tJ2lB/uqEZ"
    "T+dbWo26WVrHN0lu9PtGk/3toJ/9BFFFNazZpE67wN4mvLDR7VB88KqFMUnQe4PavTtJ1KHVbRZoMqf4kJ5U/wCe9FFeZhq0vbun"
    "fTU9vGYem8NGtb3rI1AMLRRRXqnz5//Z"
)
#: Where the face is in PORTRAIT_JPEG (x, y, w, h), as the detector boxes it.
PORTRAIT_FACE = (31, 32, 51, 51)


def portrait() -> Image.Image:
    return Image.open(io.BytesIO(PORTRAIT_JPEG)).convert("RGB")


def encode(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def scan(payload: bytes, locator: str = "photos/a.jpg") -> list:
    return FaceScanner().scan_batch([Item(locator, "image", "h", payload=payload)], KEEPER)[0]


def noisy_background(width: int, height: int, seed: int = 0) -> Image.Image:
    rng = np.random.default_rng(seed)
    base = np.full((height, width, 3), (90, 120, 90), np.float32) + rng.normal(0, 20, (height, width, 3))
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    left, top = max(a[0], b[0]), max(a[1], b[1])
    right, bottom = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    overlap = max(0, right - left) * max(0, bottom - top)
    return overlap / (a[2] * a[3] + b[2] * b[3] - overlap)


def test_the_scanner_declares_what_it_covers() -> None:
    scanner = FaceScanner()
    assert (scanner.name, scanner.kinds, scanner.covers) == ("faces", frozenset({"image"}), frozenset({"faces"}))
    assert scanner.unavailable_reason() is None  # the model ships inside the package


def test_a_portrait_is_one_face_photo_finding_with_its_box_and_no_template() -> None:
    [finding] = scan(encode(portrait(), "JPEG", quality=90))
    assert (finding.source, finding.field, finding.entity) == ("pixel", "face", "FACE")
    assert finding.identifier == "face_photo"
    assert finding.health is None and finding.span is None
    assert iou(finding.bbox, PORTRAIT_FACE) > 0.6
    assert finding.score >= 0.75
    w, h = finding.bbox[2:]
    assert finding.evidence == f"<face {w}×{h} px>"
    assert len(finding.digest) == 64


def test_the_digest_follows_item_and_box_not_the_face() -> None:
    payload = encode(portrait())
    assert scan(payload, "a.png")[0].digest == scan(payload, "a.png")[0].digest
    assert scan(payload, "a.png")[0].digest != scan(payload, "b.png")[0].digest  # the same face elsewhere: unrelated


def test_a_small_face_in_a_large_photo_is_found_and_boxed_in_the_photos_own_pixels() -> None:
    # 3000×2000 is decoded at 1536 wide; the box must come back in the stored image's pixels.
    photo = noisy_background(3000, 2000)
    photo.paste(portrait().resize((240, 240)), (2400, 300))
    [finding] = scan(encode(photo, "JPEG", quality=85))
    expected = (2400 + 2 * PORTRAIT_FACE[0], 300 + 2 * PORTRAIT_FACE[1], 2 * PORTRAIT_FACE[2], 2 * PORTRAIT_FACE[3])
    assert iou(finding.bbox, expected) > 0.5


def test_a_phone_photo_stored_sideways_is_read_upright() -> None:
    sideways = portrait().resize((240, 240)).rotate(90, expand=True)  # stored turned; EXIF says "rotate 270 CW"
    exif = Image.Exif()
    exif[0x0112] = 6
    canvas = noisy_background(400, 300)
    canvas.paste(sideways, (80, 30))
    [finding] = scan(encode(canvas, "JPEG", quality=90, exif=exif.tobytes()))
    x, y, w, h = finding.bbox
    assert x >= 0 and x + w <= 300 and y >= 0 and y + h <= 400  # the upright image is 300 wide, 400 high


def test_two_faces_are_two_findings() -> None:
    photo = noisy_background(900, 400, seed=1)
    photo.paste(portrait().resize((300, 300)), (40, 50))
    photo.paste(portrait().resize((300, 300)).transpose(Image.Transpose.FLIP_LEFT_RIGHT), (560, 50))
    findings = scan(encode(photo))
    assert len(findings) == 2
    assert findings[0].bbox != findings[1].bbox


def render_dicom(path: Path) -> bytes:
    ds = pydicom.dcmread(path, force=True)
    pixels = ds.pixel_array.astype(np.float64)
    if pixels.ndim == 4 or (pixels.ndim == 3 and pixels.shape[-1] != 3):  # multi-frame: its first frame
        pixels = pixels[0]
    low, high = np.percentile(pixels, (0.5, 99.5))
    scaled = np.clip((pixels - low) * 255.0 / max(high - low, 1e-6), 0, 255).astype(np.uint8)
    return encode(Image.fromarray(scaled))


PYDICOM_FILES = Path(pydicom.__file__).parent / "data" / "test_files"  # in pydicom's wheel: nothing is fetched
MEDICAL = sorted(SAMPLE.glob("dicom/*.dcm")) + [PYDICOM_FILES / name for name in ("CT_small.dcm", "MR_small.dcm")]


@pytest.mark.parametrize("path", MEDICAL, ids=lambda p: Path(p).name)
def test_medical_images_do_not_grow_faces(path: Path) -> None:
    assert scan(render_dicom(Path(path))) == []


@pytest.mark.parametrize("seed", range(3))
def test_noise_and_flat_images_have_no_face(seed: int) -> None:
    rng = np.random.default_rng(seed)
    assert detect_faces(rng.integers(0, 256, (480, 640, 3), dtype=np.uint8)) == []
    assert detect_faces(np.full((200, 300, 3), 255 * (seed % 2), np.uint8)) == []


def test_the_sample_photos_without_people_have_no_face() -> None:
    for path in [*SAMPLE.glob("photos/*"), *SAMPLE.glob("media/*.png"), *SAMPLE.glob("media/*.jpg")]:
        assert scan(path.read_bytes(), str(path)) == [], path.name


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares `width` × `height` (a decompression bomb needs no more to be refused)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(b"\0" * 16))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + idat + chunk(b"IEND", b"")


def test_an_image_declaring_too_many_pixels_is_refused_before_decoding() -> None:
    with pytest.raises(PixelLoadError, match=r"declares 10000×10000 pixels, over the limit"):
        scan(png_declaring(10_000, 10_000))
    with pytest.raises(PixelLoadError, match=r"decompression bomb"):  # Pillow's own bound, past twice its limit
        scan(png_declaring(40_000, 40_000))


@pytest.mark.parametrize(
    "payload, message",
    [(b"", "empty file"), (b"not an image at all", "not an image"), (encode(portrait(), "JPEG")[:600], "unreadable")],
    ids=["empty", "garbage", "truncated"],
)
def test_unreadable_images_raise_one_clear_error(payload: bytes, message: str) -> None:
    with pytest.raises(PixelLoadError, match=message):
        scan(payload)


def test_loading_keeps_the_full_size_for_mapping_boxes_back() -> None:
    pixels = load_pixels(encode(noisy_background(3000, 2000), "JPEG"), max_side=1000)
    assert max(pixels.rgb.shape[:2]) <= 1000
    assert (pixels.width, pixels.height) == (3000, 2000)
    assert pixels.to_original((10, 10, 100, 50)) == (30, 30, 300, 150)
