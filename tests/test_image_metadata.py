"""Image metadata scanner: EXIF, GPS (well-formed and malformed), XMP, IPTC, PNG text chunks, JPEG/GIF comments,
ICC, WebP/AVIF/TIFF/HEIC containers, harmless metadata, and bad input. Files are made here with Pillow (or by
hand where Pillow cannot write the malformed thing)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import pathlib
import struct
import time
import zlib
from collections.abc import Iterator

import pytest
from PIL import Image, ImageCms, ImageFile
from PIL.PngImagePlugin import PngInfo
from PIL.TiffImagePlugin import IFDRational

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.scanners.image_metadata import ImageMetadataError, ImageMetadataScanner
from auditor.scanners.image_metadata.entries import Entry
from auditor.scanners.image_metadata.scanner import read_entries as _read_entries

KEEPER = EvidenceKeeper(b"k" * 32)

XMP = b"""<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
  xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
  photoshop:City="Springfield" photoshop:State="Illinois" photoshop:Country="USA"
  xmp:CreateDate="2023-04-05T10:11:12" xmp:CreatorTool="Adobe Photoshop 25.0" tiff:Make="Canon" tiff:Model="EOS R5"
  crs:Exposure2012="+0.50" exif:GPSLatitude="39,47.5N" exif:GPSLongitude="89,39.0W" Iptc4xmpCore:Location="Oak Street Clinic">
 <dc:creator><rdf:Seq><rdf:li>Jane Roe</rdf:li></rdf:Seq></dc:creator>
 <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Robert Miller after knee surgery</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


@pytest.fixture(scope="module")
def scanner() -> ImageMetadataScanner:
    return ImageMetadataScanner()


@contextlib.contextmanager
def pixels_never_decoded() -> Iterator[None]:
    """Metadata reading never decodes pixels: every `load()` of Pillow's image classes raises meanwhile."""

    def refuse(self: ImageFile.ImageFile) -> None:
        raise AssertionError("pixels decoded while reading metadata")

    Image.init()
    classes = {Image.Image, ImageFile.ImageFile} | {
        c for factory, _ in Image.OPEN.values() if isinstance(factory, type) for c in factory.__mro__
    }
    saved = {cls: vars(cls)["load"] for cls in classes if "load" in vars(cls)}
    for cls in saved:
        cls.load = refuse
    try:
        yield
    finally:
        for cls, load in saved.items():
            cls.load = load


def read_entries(data: bytes) -> list[Entry]:
    with pixels_never_decoded():
        return _read_entries(data)


def image(fmt: str = "JPEG", size: tuple[int, int] = (16, 16), **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 60, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


def scan(scanner: ImageMetadataScanner, data: bytes) -> set[tuple[str, str, str | None, str | None, tuple[int, int] | None]]:
    found = findings(scanner, data)
    for finding in found:
        assert finding.source == "metadata" and finding.scanner == "image_metadata" and finding.item == "photo"
    return {(f.field, f.entity, f.identifier, f.health, f.span) for f in found}


def findings(scanner: ImageMetadataScanner, data: bytes) -> list[Finding]:
    with pixels_never_decoded():
        return scanner.scan_batch([Item("photo", "image", "h", payload=data)], KEEPER)[0]


def harmless_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS 5D Mark IV"  # Model
    exif[0x0131] = "Adobe Photoshop Lightroom Classic 12.0 (Windows)"  # Software
    exif[0x0112] = 1  # Orientation
    exif[0x011A] = IFDRational(300)  # XResolution
    exif[0x011B] = IFDRational(300)
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x829A] = IFDRational(1, 250)  # ExposureTime
    exif_ifd[0x829D] = IFDRational(28, 10)  # FNumber
    exif_ifd[0x8827] = 400  # ISO
    exif_ifd[0xA434] = "EF24-70mm f/2.8L II USM"  # LensModel
    return exif


# --- EXIF -------------------------------------------------------------------------------------------


def test_exif_identifiers_and_free_text(scanner: ImageMetadataScanner) -> None:
    exif = harmless_exif()
    exif[0x013B] = "Jane Roe"  # Artist
    exif[0x8298] = "Copyright 2023 Jane Roe"
    exif[0x9C9C] = "Robert Miller, type 2 diabetes".encode("utf-16-le") + b"\x00\x00"  # XPComment
    exif[0x9C9D] = "Jane Roe".encode("utf-16-le") + b"\x00\x00"  # XPAuthor
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = "2023:04:05 10:11:12"  # DateTimeOriginal
    exif_ifd[0x9004] = "2023:04:05 10:11:12"  # DateTimeDigitized
    exif_ifd[0x9286] = b"ASCII\x00\x00\x00SSN 536-22-1843"  # UserComment
    exif_ifd[0xA430] = "Jane Roe"  # CameraOwnerName
    exif_ifd[0xA431] = "032021001234"  # BodySerialNumber
    exif_ifd[0xA435] = "0000c1234"  # LensSerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (IFDRational(39), IFDRational(47), IFDRational(30))
    gps[3], gps[4] = "W", (IFDRational(89), IFDRational(39), IFDRational(0))
    assert scan(scanner, image(exif=exif)) == {
        ("EXIF:Artist", "AUTHOR", "names", None, (0, 8)),
        ("EXIF:Copyright", "PERSON", "names", None, (15, 23)),
        ("EXIF:XPComment", "PERSON", "names", None, (0, 13)),
        ("EXIF:XPComment", "CONDITION", None, "condition", (15, 30)),
        ("EXIF:XPAuthor", "AUTHOR", "names", None, (0, 8)),
        ("EXIF:DateTimeOriginal", "IMAGE_DATE", "dates", None, (0, 19)),
        ("EXIF:DateTimeDigitized", "IMAGE_DATE", "dates", None, (0, 19)),
        ("EXIF:UserComment", "US_SSN", "ssn", None, (4, 15)),
        ("EXIF:CameraOwnerName", "AUTHOR", "names", None, (0, 8)),
        ("EXIF:BodySerialNumber", "SERIAL_NUMBER", "device", None, (0, 12)),
        ("EXIF:LensSerialNumber", "SERIAL_NUMBER", "device", None, (0, 9)),
        ("EXIF:GPSPosition", "GPS_POSITION", "geographic", None, (0, 19)),
    }


def test_gps_evidence_is_masked_and_digest_is_keyed(scanner: ImageMetadataScanner) -> None:
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (IFDRational(33), IFDRational(51), IFDRational(54))
    gps[3], gps[4] = "E", (IFDRational(151), IFDRational(12), IFDRational(36))
    (finding,) = findings(scanner, image(exif=exif))
    assert finding.field == "EXIF:GPSPosition" and finding.entity == "GPS_POSITION"
    assert finding.evidence == "-**.*****, ***.*****"  # no digit of the position survives
    assert finding.digest == KEEPER.digest("-33.86500, 151.21000", "geographic")
    assert finding.score == 1.0 and finding.bbox is None


def test_usercomment_charsets_and_placeholders(scanner: ImageMetadataScanner) -> None:
    exif = Image.Exif()
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9286] = b"UNICODE\x00" + "Call 617-555-0199 for results".encode("utf-16-le")
    exif_ifd[0x9003] = "    :  :     :  :  "  # blank date placeholder: not a date, nothing in it
    exif_ifd[0xA431] = "0000000000"  # placeholder serial
    exif[0x013B] = "Unknown"  # placeholder artist
    assert scan(scanner, image(exif=exif)) == {("EXIF:UserComment", "PHONE_NUMBER", "phone", None, (5, 17))}


def _tiff_with_gps(entries: list[tuple[int, int, int, bytes]]) -> bytes:
    """`Exif\\0\\0` + a little-endian TIFF whose IFD0 points at a GPS IFD made of raw (tag, type, count, data)."""
    gps_offset = 8 + 2 + 12 + 4
    data_offset = gps_offset + 2 + 12 * len(entries) + 4
    ifd, blob = b"", b""
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            ifd += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\x00")
        else:
            ifd += struct.pack("<HHII", tag, kind, count, data_offset + len(blob))
            blob += value + b"\x00" * (len(value) % 2)
    head = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + struct.pack("<HHII", 0x8825, 4, 1, gps_offset) + b"\x00" * 4
    return b"Exif\x00\x00" + head + struct.pack("<H", len(entries)) + ifd + b"\x00" * 4 + blob


def _rationals(*pairs: tuple[int, int]) -> bytes:
    return b"".join(struct.pack("<II", n, d) for n, d in pairs)


LONGITUDE = [(3, 2, 2, b"E\x00"), (4, 5, 3, _rationals((2, 1), (17, 1), (40, 1)))]


@pytest.mark.parametrize(
    "latitude",
    [
        pytest.param([(1, 2, 2, b"N\x00"), (2, 5, 3, _rationals((48, 0), (51, 0), (30, 0)))], id="zero-denominators"),
        pytest.param([(1, 2, 2, b"N\x00"), (2, 5, 3, _rationals((0, 0), (0, 0), (0, 0)))], id="zero-over-zero"),
        pytest.param([(1, 2, 2, b"N\x00"), (2, 2, 5, b"48.8\x00")], id="string"),
        pytest.param([(1, 2, 2, b"N\x00"), (2, 5, 4, _rationals((1, 1), (2, 1), (3, 1), (4, 1)))], id="four-parts"),
        pytest.param([(1, 2, 2, b"N\x00"), (2, 1, 3, b"\x01\x02\x03")], id="bytes"),
        pytest.param([(1, 3, 1, b"\x07\x00"), (2, 5, 1, _rationals((95, 1)))], id="short-ref-out-of-range"),
        pytest.param([(1, 2, 2, b"N\x00"), (2, 5, 3, b"\x01\x00")], id="truncated-value"),
        pytest.param([(1, 2, 2, b"N\x00"), (2, 5, 200, _rationals((48, 1)))], id="count-past-end"),
    ],
)
def test_malformed_gps_never_crashes(scanner: ImageMetadataScanner, latitude: list[tuple[int, int, int, bytes]]) -> None:
    data = image(exif=_tiff_with_gps(latitude + LONGITUDE))
    assert scan(scanner, data) == set()


def test_well_formed_raw_gps_is_found(scanner: ImageMetadataScanner) -> None:
    """The hand-made GPS IFD above is read when its values are sound (the malformed cases are near misses)."""
    latitude = [(1, 2, 2, b"N\x00"), (2, 5, 3, _rationals((48, 1), (51, 1), (30, 1)))]
    (finding,) = findings(scanner, image(exif=_tiff_with_gps(latitude + LONGITUDE)))
    assert finding.digest == KEEPER.digest("48.85833, 2.29444", "geographic")


def test_broken_gps_pointer_reads_as_no_gps(scanner: ImageMetadataScanner) -> None:
    head = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + struct.pack("<HHII", 0x8825, 4, 1, 0xFFFFFF) + b"\x00" * 4
    assert scan(scanner, image(exif=b"Exif\x00\x00" + head)) == set()


def test_harmless_camera_metadata_is_not_a_finding(scanner: ImageMetadataScanner) -> None:
    exif = harmless_exif()
    assert scan(scanner, image(exif=exif, dpi=(300, 300))) == set()
    assert scan(scanner, image("WEBP", exif=exif)) == set()
    assert scan(scanner, image("TIFF", tiffinfo={0x010F: "Canon", 0x0110: "EOS R5", 0x0131: "darktable 4.6"})) == set()


def test_plain_photo_without_metadata(scanner: ImageMetadataScanner) -> None:
    noise = Image.effect_noise((64, 48), 40).convert("RGB")
    for fmt in ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"):
        buffer = io.BytesIO()
        noise.save(buffer, fmt)
        assert scan(scanner, buffer.getvalue()) == set(), fmt


# --- XMP, IPTC, comments, ICC -------------------------------------------------------------------------


def test_xmp_packet(scanner: ImageMetadataScanner) -> None:
    assert scan(scanner, image(xmp=XMP)) == {
        ("XMP:photoshop:City", "PLACE", "geographic", None, (0, 11)),
        ("XMP:Iptc4xmpCore:Location", "PLACE", "geographic", None, (0, 17)),
        ("XMP:xmp:CreateDate", "IMAGE_DATE", "dates", None, (0, 19)),
        ("XMP:dc:creator", "AUTHOR", "names", None, (0, 8)),
        ("XMP:dc:description", "PERSON", "names", None, (0, 13)),
        ("XMP:dc:description", "PROCEDURE", None, "procedure", (20, 32)),
        ("XMP:exif:GPSPosition", "GPS_POSITION", "geographic", None, (0, 19)),
    }


def test_xmp_with_a_dtd_is_never_expanded(scanner: ImageMetadataScanner, tmp_path: pathlib.Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Patient Robert Miller SSN 536-22-1843")
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    packet = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">{laughs}<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&l9;&xxe;</dc:title>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()
    started = time.monotonic()
    entries = read_entries(image(xmp=packet))
    assert time.monotonic() - started < 2
    assert [e.field for e in entries] == ["XMP:(unparsed)"]
    assert "Robert" not in entries[0].value and "lollol" not in entries[0].value
    assert scan(scanner, image(xmp=packet)) == set()


def test_malformed_xmp_is_read_as_text(scanner: ImageMetadataScanner) -> None:
    packet = b"<x:xmpmeta><rdf:RDF><dc:description>Call 617-555-0199 <b>for results</dc:description>"
    assert scan(scanner, image(xmp=packet)) == {("XMP:(unparsed)", "PHONE_NUMBER", "phone", None, (5, 17))}


def _iptc_app13(datasets: list[tuple[int, bytes]]) -> bytes:
    iim = b"\x1c\x01\x5a\x00\x03\x1b%G" + b"".join(b"\x1c\x02" + bytes([d]) + struct.pack(">H", len(v)) + v for d, v in datasets)
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iim)) + iim + b"\x00" * (len(iim) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def test_iptc(scanner: ImageMetadataScanner) -> None:
    data = image()
    data = (
        data[:2]
        + _iptc_app13(
            [
                (80, b"Jane Roe"),
                (90, b"Springfield"),
                (95, b"Illinois"),  # state: allowed by Safe Harbor
                (101, b"United States"),  # country
                (55, b"20230405"),
                (120, b"Robert Miller at the clinic, asthma"),
                (65, b"Photoshop"),  # originating program
            ]
        )
        + data[2:]
    )
    assert scan(scanner, data) == {
        ("IPTC:By-line", "AUTHOR", "names", None, (0, 8)),
        ("IPTC:City", "PLACE", "geographic", None, (0, 11)),
        ("IPTC:DateCreated", "IMAGE_DATE", "dates", None, (0, 8)),
        ("IPTC:Caption-Abstract", "PERSON", "names", None, (0, 13)),
        ("IPTC:Caption-Abstract", "CONDITION", None, "condition", (29, 35)),
    }


def test_jpeg_comments_and_gif_comment(scanner: ImageMetadataScanner) -> None:
    assert scan(scanner, image(comment=b"Call 617-555-0199 for results")) == {("JPEG:COM", "PHONE_NUMBER", "phone", None, (5, 17))}
    assert scan(scanner, image("GIF", comment=b"Patient has asthma")) == {("GIF:Comment", "CONDITION", None, "condition", (12, 18))}


def test_icc_profile_description(scanner: ImageMetadataScanner) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert scan(scanner, image(icc_profile=srgb)) == set()  # a standard profile says nothing about anyone
    custom = bytearray(srgb)
    # Rename the profile: overwrite the 'desc' text in place ("sRGB built-in" is 13 characters, kept length).
    start = bytes(custom).index("sRGB built-in".encode("utf-16-be"))
    custom[start : start + 26] = "Dr Jane Roe  ".encode("utf-16-be")
    assert scan(scanner, image(icc_profile=bytes(custom))) == {("ICC:Description", "PERSON", "names", None, (3, 11))}


# --- PNG ------------------------------------------------------------------------------------------------


def test_png_text_chunks_exif_and_xmp(scanner: ImageMetadataScanner) -> None:
    info = PngInfo()
    info.add_text("Comment", "Call 617-555-0199 for results")  # tEXt
    info.add_text("Description", "Robert Miller, type 2 diabetes", zip=True)  # zTXt
    info.add_itxt("Title", "Emily Clarke, metformin 500 mg", lang="en", tkey="Titel")  # iTXt
    info.add_itxt("Author", "Jane Roe", zip=True)  # compressed iTXt
    info.add_text("Software", "GIMP 2.10")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode("utf-8"))
    exif = Image.Exif()
    exif[0x013B] = "Jane Roe"
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "PNG", pnginfo=info, exif=exif)
    found = scan(scanner, buffer.getvalue())
    assert {f for f in found if not f[0].startswith("XMP:")} == {
        ("PNG:tEXt:Comment", "PHONE_NUMBER", "phone", None, (5, 17)),
        ("PNG:zTXt:Description", "PERSON", "names", None, (0, 13)),
        ("PNG:zTXt:Description", "CONDITION", None, "condition", (15, 30)),
        ("PNG:iTXt:Title", "PERSON", "names", None, (0, 12)),
        ("PNG:iTXt:Title", "MEDICATION", None, "medication", (14, 23)),
        ("PNG:iTXt:Author", "AUTHOR", "names", None, (0, 8)),
        ("EXIF:Artist", "AUTHOR", "names", None, (0, 8)),
    }
    assert ("XMP:dc:creator", "AUTHOR", "names", None, (0, 8)) in found


def test_png_text_after_the_image_data_is_read(scanner: ImageMetadataScanner) -> None:
    data = image("PNG")
    body = b"Comment\x00Call 617-555-0199 for results"
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body))
    iend = data.rindex(b"IEND") - 4
    assert scan(scanner, data[:iend] + chunk + data[iend:]) == {("PNG:tEXt:Comment", "PHONE_NUMBER", "phone", None, (5, 17))}


def test_imagemagick_raw_exif_profile(scanner: ImageMetadataScanner) -> None:
    exif = Image.Exif()
    exif[0x013B] = "Jane Roe"
    raw = exif.tobytes()
    info = PngInfo()
    info.add_text("Raw profile type exif", f"\nexif\n{len(raw):8d}\n{raw.hex()}\n", zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG", pnginfo=info)
    assert scan(scanner, buffer.getvalue()) == {("EXIF:Artist", "AUTHOR", "names", None, (0, 8))}


def test_ztxt_bomb_is_refused() -> None:
    bomb = b"Comment\x00\x00" + zlib.compress(b"A" * 20_000_000, 9)
    chunk = struct.pack(">I", len(bomb)) + b"zTXt" + bomb + struct.pack(">I", zlib.crc32(b"zTXt" + bomb))
    data = image("PNG")
    iend = data.rindex(b"IEND") - 4
    with pytest.raises(ImageMetadataError, match="decompression bomb"):
        read_entries(data[:iend] + chunk + data[iend:])


# --- other containers -----------------------------------------------------------------------------------


def test_webp_avif_tiff_gif(scanner: ImageMetadataScanner) -> None:
    exif = harmless_exif()
    exif[0x013B] = "Jane Roe"
    expected = {("EXIF:Artist", "AUTHOR", "names", None, (0, 8)), ("XMP:photoshop:City", "PLACE", "geographic", None, (0, 11))}
    for fmt in ("WEBP", "AVIF"):
        found = scan(scanner, image(fmt, exif=exif, xmp=XMP))
        assert expected <= found, fmt
    tiff = image("TIFF", tiffinfo={0x013B: "Jane Roe", 0x010E: "Patient has asthma", 700: XMP})
    assert {("EXIF:Artist", "AUTHOR", "names", None, (0, 8)), ("EXIF:ImageDescription", "CONDITION", None, "condition", (12, 18))} <= scan(
        scanner, tiff
    )


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _full_box(kind: bytes, version: int, payload: bytes) -> bytes:
    return _box(kind, bytes([version, 0, 0, 0]) + payload)


def heic(exif: bytes, xmp: bytes) -> bytes:
    """A HEIC container (no image, as pillow-heif is not used) with an Exif item and an XMP item in mdat."""
    ftyp = _box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic")
    infe_exif = _full_box(b"infe", 2, struct.pack(">HH4s", 1, 0, b"Exif") + b"\x00")
    infe_xmp = _full_box(b"infe", 2, struct.pack(">HH4s", 2, 0, b"mime") + b"XMP\x00application/rdf+xml\x00")
    iinf = _full_box(b"iinf", 0, struct.pack(">H", 2) + infe_exif + infe_xmp)
    hdlr = _full_box(b"hdlr", 0, b"\x00" * 4 + b"pict" + b"\x00" * 13)
    exif_item = struct.pack(">I", 6) + exif

    def meta(first: int) -> bytes:
        iloc = _full_box(
            b"iloc",
            0,
            b"\x44\x00"
            + struct.pack(">H", 2)
            + struct.pack(">HHHII", 1, 0, 1, first, len(exif_item))
            + struct.pack(">HHHII", 2, 0, 1, first + len(exif_item), len(xmp)),
        )
        return _full_box(b"meta", 0, hdlr + iinf + iloc)

    first = len(ftyp) + len(meta(0)) + 8
    return ftyp + meta(first) + _box(b"mdat", exif_item + xmp)


def test_heic_metadata_without_decoding(scanner: ImageMetadataScanner) -> None:
    exif = Image.Exif()
    exif[0x013B] = "Jane Roe"
    exif.get_ifd(0x8769)[0x9003] = "2023:04:05 10:11:12"
    found = scan(scanner, heic(exif.tobytes(), XMP))
    assert {
        ("EXIF:Artist", "AUTHOR", "names", None, (0, 8)),
        ("EXIF:DateTimeOriginal", "IMAGE_DATE", "dates", None, (0, 19)),
        ("XMP:photoshop:City", "PLACE", "geographic", None, (0, 11)),
    } <= found


def test_unreadable_heic_says_why() -> None:
    data = _box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic") + _box(b"mdat", b"\x00" * 64)
    with pytest.raises(ImageMetadataError, match="no 'meta' box.*pillow-heif"):
        read_entries(data)
    with pytest.raises(ImageMetadataError, match="truncated HEIF"):
        read_entries(heic(b"Exif\x00\x00", XMP)[:60])


# --- bad input ------------------------------------------------------------------------------------------


def _one_line_error(data: bytes) -> str:
    with pytest.raises(ImageMetadataError) as raised:
        read_entries(data)
    message = str(raised.value)
    assert message and "\n" not in message
    return message


def test_bad_input_raises_one_clear_line() -> None:
    jpeg = image()
    png = image("PNG", size=(64, 64))
    assert "truncated PNG" in _one_line_error(png[: len(png) // 2])
    assert "truncated PNG" in _one_line_error(png[:20])
    _one_line_error(jpeg[:10])
    _one_line_error(bytes(range(256)) * 40)
    assert "empty" in _one_line_error(b"")
    assert "not a PNG" not in _one_line_error(b"\x89PNG\r\n\x1a\n")  # signature only: truncated


def test_truncated_jpeg_after_headers_still_reads_its_metadata(scanner: ImageMetadataScanner) -> None:
    exif = Image.Exif()
    exif[0x013B] = "Jane Roe"
    data = image(size=(256, 256), exif=exif)
    assert scan(scanner, data[: len(data) - 200]) == {("EXIF:Artist", "AUTHOR", "names", None, (0, 8))}


def test_decompression_bomb_header_is_refused_without_decoding() -> None:
    data = bytearray(image(size=(16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 65000, 65000)  # height, width: 4.2 Gpx
    assert "decompression bomb" in _one_line_error(bytes(data))
    big_png = bytearray(image("PNG"))
    big_png[16:24] = struct.pack(">II", 100_000, 100_000)  # IHDR: chunks are still read, no pixel touched
    assert read_entries(bytes(big_png)) == []


def test_batch_keeps_items_apart(scanner: ImageMetadataScanner) -> None:
    exif = Image.Exif()
    exif[0x013B] = "Jane Roe"
    items = [
        Item("a", "image", "1", payload=image(exif=exif)),
        Item("b", "image", "2", payload=image()),
        Item("c", "image", "3", payload=image(comment=b"Patient has asthma")),
    ]
    with pixels_never_decoded():
        result = scanner.scan_batch(items, KEEPER)
    assert [[(f.item, f.entity) for f in found] for found in result] == [[("a", "AUTHOR")], [], [("c", "CONDITION")]]


def test_deid_data_files_never_crash(scanner: ImageMetadataScanner) -> None:
    """deid-data ships DICOM files (and zipped DICOM cines), no plain photos: each is a clear error, never a crash."""
    spec = importlib.util.find_spec("deid_data")
    if spec is None or spec.origin is None:
        pytest.skip("deid-data is not installed")
    root = pathlib.Path(spec.origin).parent
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc"))
    assert len(files) >= 15
    for path in files:
        with pytest.raises(ImageMetadataError, match="^not an image Pillow can read"):
            read_entries(path.read_bytes())


def test_the_decoding_guard_works() -> None:
    """The guard above does catch a decode: Pillow's own PNG getexif() loads the image (why png.py walks chunks)."""
    with pixels_never_decoded(), pytest.raises(AssertionError, match="pixels decoded"):
        Image.open(io.BytesIO(image("PNG"))).getexif()


def test_mutated_files_raise_only_clear_errors() -> None:
    """Bytes flipped and cut at random in files full of metadata: entries or ImageMetadataError, never anything else."""
    import random

    exif = harmless_exif()
    exif[0x013B] = "Jane Roe"
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00SSN 536-22-1843"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = (
        "N",
        (IFDRational(39), IFDRational(47), IFDRational(30)),
        "W",
        (IFDRational(89), IFDRational(1), IFDRational(2)),
    )
    info = PngInfo()
    info.add_text("Comment", "Call 617-555-0199", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG", pnginfo=info, exif=exif)
    seeds = [
        image(exif=exif, xmp=XMP, comment=b"hi"),
        png.getvalue(),
        image("WEBP", exif=exif, xmp=XMP),
        image("TIFF", exif=exif),
        heic(exif.tobytes(), XMP),
    ]
    rng = random.Random(3)
    started = time.monotonic()
    for seed in seeds:
        for _ in range(150):
            data = bytearray(seed)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            if rng.random() < 0.3:
                data = data[: rng.randrange(1, len(data))]
            try:
                read_entries(bytes(data))
            except ImageMetadataError as error:
                assert "\n" not in str(error)
    assert time.monotonic() - started < 20
