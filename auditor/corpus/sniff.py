"""What a file is, by its content first: DICOM files often have no extension, and a `.jpg` may be anything."""

from __future__ import annotations

_IMAGE_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"BM",  # BMP
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif")
_DICOM_FIRST_GROUPS = (b"\x02\x00", b"\x08\x00")  # a preamble-less file starts with group 0002 or 0008


def sniff(head: bytes, name: str) -> str:
    """Classify a file from its first bytes (at least 132 when the file has them) and its name.

    Returns one of `dicom`, `image`, `pdf`, `zip`, `text`, `binary`.
    """
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if any(head.startswith(magic) for magic in _IMAGE_MAGIC):
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image"
    if _looks_like_bare_dicom(head):
        return "dicom"
    if _looks_like_text(head):
        return "text"
    if name.lower().endswith((".dcm", ".dicom")):
        return "dicom"
    return "binary"


def sniff_file(data: bytes, name: str) -> str:
    """`sniff` of a whole file, which can check a weak magic: a text that happens to begin "BM" (a note, "BMI
    31") is text unless it opens as a BMP image."""
    kind = sniff(data[:512], name)
    if kind == "image" and data.startswith(b"BM") and _looks_like_text(data[:512]) and not _opens_as_image(data):
        return "text"
    return kind


def _opens_as_image(data: bytes) -> bool:
    """Whether Pillow reads the image's header (no pixel is decoded)."""
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:
        return False
    return True


def _looks_like_bare_dicom(head: bytes) -> bool:
    """A DICOM file without preamble: starts with a group 0002/0008 tag followed by a plausible VR or length."""
    if len(head) < 8 or head[:2] not in _DICOM_FIRST_GROUPS:
        return False
    vr = head[4:6]
    if vr.isalpha() and vr.isupper():
        return True
    implicit_length = int.from_bytes(head[4:8], "little")
    return implicit_length < 1024


def utf16_without_bom(head: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when `head` looks like mostly-ASCII UTF-16 without a BOM (a NUL in every
    other byte, printable bytes between), else None. Such text is also valid UTF-8, so it must be told apart."""
    if len(head) < 4:
        return None
    pairs = len(head) // 2
    for encoding, nul_at in (("utf-16-le", 1), ("utf-16-be", 0)):
        nuls = head[nul_at : 2 * pairs : 2]
        chars = head[1 - nul_at : 2 * pairs : 2]
        if nuls.count(0) >= 0.9 * pairs and sum(1 for byte in chars if byte >= 32 or byte in b"\t\n\r") >= 0.9 * pairs:
            return encoding
    return None


def _looks_like_text(head: bytes) -> bool:
    """Text in any common encoding: a BOM, or few control bytes (UTF-16 without BOM shows as NUL pairs)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if not head:
        return True
    if utf16_without_bom(head):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls / len(head) < 0.05
