"""Photos with EXIF written by hand (exact TIFF types) and XMP / IPTC / COM segments spliced in."""

from __future__ import annotations

import io
import struct
from datetime import date
from pathlib import Path
from random import Random

from .metadata import Meta, free_text, health_term
from .tables import CITIES, FIRST_NAMES, MONTHS
from .texts import Ctx, Label, ascii_fold, mrn, phone_number, random_date

# Photos: EXIF written by hand (exact TIFF types), XMP / IPTC / COM segments spliced into the JPEG
# ------------------------------------------------------------------------------------------------

BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED = 1, 2, 3, 4, 5, 7
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
TagValue = tuple[int, int, object]  # (tag, TIFF type, value)


def _tiff_value(endian: str, typ: int, value) -> tuple[int, bytes]:
    """(count, bytes) of one IFD entry's value."""
    if typ == ASCII:
        data = value.encode("ascii") + b"\0"
        return len(data), data
    if typ in (BYTE, UNDEFINED):
        return len(value), bytes(value)
    if typ == SHORT:
        return len(value), struct.pack(f"{endian}{len(value)}H", *value)
    if typ == LONG:
        return len(value), struct.pack(f"{endian}{len(value)}I", *value)
    if typ == RATIONAL:
        return len(value), b"".join(struct.pack(f"{endian}II", n, d) for n, d in value)
    raise ValueError(typ)


def tiff_exif(ifd0: list[TagValue], exif: list[TagValue] = (), gps: list[TagValue] = (), *, big_endian: bool = False) -> bytes:
    """A TIFF structure for an EXIF block: IFD0, then the Exif and GPS sub-IFDs; types exactly as given."""
    endian = ">" if big_endian else "<"
    ifds = [list(ifd0)]
    names = ["0"]
    for tag, entries in ((EXIF_IFD, exif), (GPS_IFD, gps)):
        if entries:
            ifds[0].append((tag, LONG, [0]))  # patched below
            ifds.append(list(entries))
            names.append(tag)
    encoded = [[(tag, typ, *_tiff_value(endian, typ, value)) for tag, typ, value in sorted(ifd, key=lambda e: e[0])] for ifd in ifds]

    def size(entries) -> int:
        return 2 + 12 * len(entries) + 4 + sum(len(d) + len(d) % 2 for *_, d in entries if len(d) > 4)

    offsets, at = [], 8
    for entries in encoded:
        offsets.append(at)
        at += size(entries)
    pointer = {name: offsets[i] for i, name in enumerate(names)}
    out = bytearray(b"MM\x00*" if big_endian else b"II*\x00") + struct.pack(f"{endian}I", 8)
    for entries, start in zip(encoded, offsets):
        data_at = start + 2 + 12 * len(entries) + 4
        table, data = bytearray(struct.pack(f"{endian}H", len(entries))), bytearray()
        for tag, typ, count, payload in entries:
            if tag in pointer:
                payload = struct.pack(f"{endian}I", pointer[tag])
            if len(payload) > 4:
                table += struct.pack(f"{endian}HHII", tag, typ, count, data_at + len(data))
                data += payload + b"\0" * (len(payload) % 2)
            else:
                table += struct.pack(f"{endian}HHI", tag, typ, count) + payload.ljust(4, b"\0")
        out += table + b"\0\0\0\0" + data
    return bytes(out)


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg_with(jpeg: bytes, segments: list[bytes]) -> bytes:
    """Insert segments after SOI and the JFIF APP0 (where cameras and editors put theirs)."""
    at = 2
    while jpeg[at : at + 2] == b"\xff\xe0":
        at += 2 + int.from_bytes(jpeg[at + 2 : at + 4], "big")
    return jpeg[:at] + b"".join(segments) + jpeg[at:]


def exif_segment(tiff: bytes) -> bytes:
    return jpeg_segment(0xE1, b"Exif\0\0" + tiff)


def xmp_segment(xml: str) -> bytes:
    return jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + xml.encode("utf-8"))


def iptc_segment(datasets: list[tuple[int, str]]) -> bytes:
    """APP13 `Photoshop 3.0` with one 8BIM 0x0404 resource holding IPTC IIM record 2 datasets."""
    iim = b"\x1c\x02\x00\x00\x02\x00\x04"  # 2:00 Record Version = 4
    for number, text in datasets:
        value = text.encode("ascii")
        iim += b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(value)) + value
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(iim)) + iim + b"\0" * (len(iim) % 2)
    return jpeg_segment(0xED, b"Photoshop 3.0\0" + resource)


IPTC_NAMES = {80: "By-line", 90: "City", 101: "Country-PrimaryLocationName", 120: "Caption-Abstract", 25: "Keywords"}


def photo(rng: Random, size: tuple[int, int] = (64, 48)):
    """A small Pillow-drawn picture without any text in it."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    top, bottom = [rng.randrange(256) for _ in range(3)], [rng.randrange(256) for _ in range(3)]
    for y in range(size[1]):
        t = y / (size[1] - 1)
        draw.line([0, y, size[0], y], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(3):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randint(4, 12)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    return img


def jpeg_bytes(img, **kwargs) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=75, **kwargs)
    return buf.getvalue()


def exif_datetime(ctx: Ctx) -> tuple[str, date]:
    day = random_date(ctx, 2021, 2024)
    return (
        f"{day.year:04d}:{day.month:02d}:{day.day:02d} {ctx.rng.randrange(24):02d}:{ctx.rng.randrange(60):02d}:{ctx.rng.randrange(60):02d}",
        day,
    )


def gps_rationals(value: float) -> list[tuple[int, int]]:
    """Degrees, minutes, seconds as EXIF rationals (seconds in hundredths)."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
    return [(degrees, 1), (minutes, 1), (seconds, 100)]


def gps_decimal(dms: list[tuple[int, int]], ref: str) -> float:
    degrees, minutes, seconds = (n / d for n, d in dms)
    value = degrees + minutes / 60 + seconds / 3600
    return -value if ref in ("S", "W") else value


def gps_text(lat: float, lon: float) -> str:
    """The text a GPS label stands for: decimal degrees, 6 places, `lat,lon` (see data/README.md)."""
    return f"{lat:.6f},{lon:.6f}"


# Rough centres of a few of the cities above (public knowledge), jittered per photo.
CITY_COORDS = {
    "Tulsa": (36.154, -95.993),
    "Boise": (43.615, -116.202),
    "Fresno": (36.738, -119.787),
    "Duluth": (46.787, -92.101),
    "Eugene": (44.052, -123.087),
    "Chattanooga": (35.046, -85.309),
}


def gps_entries(ctx: Ctx, meta: Meta) -> list[TagValue]:
    city = ctx.pick(sorted(CITY_COORDS))
    lat0, lon0 = CITY_COORDS[city]
    lat, lon = lat0 + ctx.rng.uniform(-0.03, 0.03), lon0 + ctx.rng.uniform(-0.03, 0.03)
    lat_dms, lon_dms = gps_rationals(lat), gps_rationals(lon)
    meta.whole("EXIF:GPSPosition", gps_text(gps_decimal(lat_dms, "N"), gps_decimal(lon_dms, "W")), "geographic")
    return [
        (0x0000, BYTE, b"\x02\x03\x00\x00"),
        (0x0001, ASCII, "N"),
        (0x0002, RATIONAL, lat_dms),
        (0x0003, ASCII, "W"),
        (0x0004, RATIONAL, lon_dms),
        (0x0005, BYTE, b"\x00"),
        (0x0006, RATIONAL, [(ctx.rng.randint(1000, 60000), 100)]),
    ]


HARMLESS_IFD0 = [
    (0x010F, ASCII, "Apple"),
    (0x0110, ASCII, "iPhone 12"),
    (0x0112, SHORT, [1]),
    (0x011A, RATIONAL, [(72, 1)]),
    (0x011B, RATIONAL, [(72, 1)]),
    (0x0128, SHORT, [2]),
    (0x0131, ASCII, "16.6.1"),
]
HARMLESS_EXIF = [
    (0x829A, RATIONAL, [(1, 120)]),
    (0x829D, RATIONAL, [(16, 10)]),
    (0x8827, SHORT, [64]),
    (0x9000, UNDEFINED, b"0232"),
    (0xA002, LONG, [64]),
    (0xA003, LONG, [48]),
]


def photo_gps(out: Path, rng: Random, name: str) -> Meta:
    """GPS position, capture dates, body and lens serial numbers; harmless make/model around them."""
    ctx, meta = Ctx(rng), Meta(name)
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    meta.labels.append(Label("EXIF:DateTimeDigitized", 0, 10, "dates", None, taken[:10]))
    exif = HARMLESS_EXIF + [
        (0x9003, ASCII, taken),
        (0x9004, ASCII, taken),
        (0xA431, ASCII, meta.whole("EXIF:BodySerialNumber", ctx.digits(12), "device")),
        (0xA435, ASCII, meta.whole("EXIF:LensSerialNumber", f"{ctx.letters(2)}{ctx.digits(7)}", "device")),
    ]
    tiff = tiff_exif(HARMLESS_IFD0, exif, gps_entries(ctx, meta))
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff)]))
    meta.size = img.size
    return meta


def photo_people(out: Path, rng: Random, name: str) -> Meta:
    """Artist, Copyright, CameraOwnerName, ImageDescription, UserComment (ASCII), XPComment, XPAuthor (big-endian EXIF)."""
    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    folded = f"{ascii_fold(first)} {ascii_fold(last)}"
    relative = f"{ascii_fold(ctx.pick(FIRST_NAMES))} {ascii_fold(last)}"
    description = meta.doc(
        free_text(
            "EXIF:ImageDescription",
            [(relative, "names", None), " at ", ("Boise", "geographic", None), " after her ", health_term(ctx, "procedure")],
        )
    )
    comment = free_text(
        "EXIF:UserComment",
        [  # ASCII charset: the name's letters folded
            (ascii_fold(first), "names", None),
            " two weeks into ",
            health_term(ctx, "medication"),
            " for her ",
            health_term(ctx, "condition"),
        ],
    )
    meta.doc(comment)
    xp_comment = meta.doc(
        free_text("EXIF:XPComment", ["Für ", (f"{first} {last}", "names", None), " – ", (phone_number(ctx), "phone", None)])
    )
    ifd0 = [
        (0x010F, ASCII, "NIKON CORPORATION"),
        (0x0110, ASCII, "NIKON D3500"),
        (0x010E, ASCII, description),
        (0x013B, ASCII, meta.whole("EXIF:Artist", folded, "names")),
        (0x8298, ASCII, "Copyright " + folded),
        (0x9C9C, BYTE, xp_comment.encode("utf-16-le") + b"\0\0"),
        (0x9C9D, BYTE, meta.whole("EXIF:XPAuthor", f"{first} {last}", "names").encode("utf-16-le") + b"\0\0"),
    ]
    meta.labels.append(Label("EXIF:Copyright", 10, 10 + len(folded), "names", None, folded))
    exif = [
        (0x9286, UNDEFINED, b"ASCII\0\0\0" + comment.text.encode("ascii")),
        (0xA430, ASCII, meta.whole("EXIF:CameraOwnerName", folded, "names")),
    ]
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff_exif(ifd0, exif, big_endian=True))]))
    meta.size = img.size
    return meta


def photo_png_text(out: Path, rng: Random, name: str) -> Meta:
    """PNG tEXt / iTXt / zTXt chunks (a phone number and names in them) and an eXIf chunk."""
    from PIL.PngImagePlugin import PngInfo

    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    info = PngInfo()
    info.add_text("Software", "GIMP 2.10.34")
    info.add_text(
        "Comment",
        meta.doc(
            free_text(
                "PNG:tEXt:Comment",
                [
                    "call ",
                    (ascii_fold(f"{first} {last}"), "names", None),
                    " back at ",
                    (phone_number(ctx), "phone", None),
                    " about the ",
                    health_term(ctx, "lab_test"),
                ],
            )
        ),
    )
    info.add_itxt(
        "Description",
        meta.doc(
            free_text("PNG:iTXt:Description", ["Résultats de ", (f"{first} {last}", "names", None), ", ", health_term(ctx, "condition")])
        ),
        lang="fr",
        tkey="Description",
    )
    info.add_text("Author", meta.whole("PNG:zTXt:Author", ascii_fold(f"{ctx.pick(FIRST_NAMES)} {last}"), "names"), zip=True)
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    tiff = tiff_exif([(0x0131, ASCII, "GIMP 2.10.34")], [(0x9003, ASCII, taken)])
    img = photo(rng)
    img.save(out / name, pnginfo=info, exif=b"Exif\0\0" + tiff)
    meta.size = img.size
    return meta


def photo_comment(out: Path, rng: Random, name: str) -> Meta:
    """A JPEG COM comment segment."""
    ctx, meta = Ctx(rng), Meta(name)
    _first, last = ctx.person
    comment = meta.doc(
        free_text(
            "JPEG:COM",
            [
                "for Dr. ",
                (ascii_fold(last), "names", None),
                ": rash since ",
                (f"{ctx.rng.randint(1, 12)}/{ctx.rng.randint(1, 28)}", "dates", None),
                ", MRN ",
                (mrn(ctx), "mrn", None),
            ],
        )
    )
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [jpeg_segment(0xFE, comment.encode("ascii"))]))
    meta.size = img.size
    return meta


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def photo_xmp_iptc(out: Path, rng: Random, name: str) -> Meta:
    """An XMP packet (dc:creator, photoshop:City, dc:description) and IPTC IIM (APP13) in one JPEG."""
    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    city = ctx.pick(CITIES)[0]
    creator = meta.whole("XMP:dc:creator", f"{first} {last}", "names")
    xmp_city = meta.whole("XMP:photoshop:City", city, "geographic")
    description = meta.doc(
        free_text(
            "XMP:dc:description", ["Day 3 of ", health_term(ctx, "procedure"), " — ", (first, "names", None), " is tired but smiling"]
        )
    )
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmp:CreatorTool="Adobe Photoshop Lightroom Classic 12.4">\n'
        f"   <dc:creator><rdf:Seq><rdf:li>{xml_escape(creator)}</rdf:li></rdf:Seq></dc:creator>\n"
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(description)}</rdf:li></rdf:Alt></dc:description>\n'
        f"   <photoshop:City>{xml_escape(xmp_city)}</photoshop:City>\n"
        "   <photoshop:Country>USA</photoshop:Country>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    byline = meta.whole("IPTC:By-line", ascii_fold(f"{first} {last}"), "names")
    iptc_city = meta.whole("IPTC:City", ascii_fold(city), "geographic")
    caption = meta.doc(
        free_text(
            "IPTC:Caption-Abstract",
            [
                (ascii_fold(first), "names", None),
                " home from ",
                health_term(ctx, "procedure"),
                ", ",
                (f"{MONTHS[ctx.rng.randrange(12)]} {ctx.rng.randint(1, 28)}", "dates", None),
            ],
        )
    )
    iptc = iptc_segment([(80, byline), (90, iptc_city), (101, "USA"), (120, ascii_fold(caption))])
    assert ascii_fold(caption) == caption
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [xmp_segment(xml), iptc]))
    meta.size = img.size
    return meta


def photo_webp(out: Path, rng: Random, name: str) -> Meta:
    """A WebP with EXIF: GPS and a UserComment in the UNICODE charset (UTF-16, the TIFF's byte order)."""
    ctx, meta = Ctx(rng), Meta(name)
    first, _ = ctx.person
    comment = meta.doc(free_text("EXIF:UserComment", [(first, "names", None), "’s first ", health_term(ctx, "procedure"), " 🙏"]))
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    tiff = tiff_exif(
        HARMLESS_IFD0, [(0x9003, ASCII, taken), (0x9286, UNDEFINED, b"UNICODE\0" + comment.encode("utf-16-le"))], gps_entries(ctx, meta)
    )
    img = photo(rng)
    img.save(out / name, "WEBP", lossless=True, exif=b"Exif\0\0" + tiff)
    meta.size = img.size
    return meta


def photo_bad_gps(out: Path, rng: Random, name: str) -> Meta:
    """A GPS IFD whose rationals all have zero denominators (no position; not labelled) — must not crash."""
    ctx, meta = Ctx(rng), Meta(name)
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    gps = [
        (0x0001, ASCII, "N"),
        (0x0002, RATIONAL, [(36, 0), (9, 0), (1443, 0)]),
        (0x0003, ASCII, "W"),
        (0x0004, RATIONAL, [(95, 0), (59, 0), (0, 0)]),
        (0x0006, RATIONAL, [(0, 0)]),
    ]
    tiff = tiff_exif(HARMLESS_IFD0, [(0x9003, ASCII, taken)], gps)
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff)]))
    meta.size = img.size
    return meta


def photo_harmless(out: Path, rng: Random, name: str) -> Meta:
    """Only harmless EXIF (make, model, software, resolution, exposure): a negative."""
    meta = Meta(name)
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff_exif(HARMLESS_IFD0, HARMLESS_EXIF))]))
    meta.size = img.size
    return meta


PHOTO_WRITERS = [
    ("photos/IMG_4127.jpg", photo_gps),
    ("photos/DSC_1093.jpg", photo_people),
    ("photos/lab_printout.png", photo_png_text),
    ("photos/IMG_0415.jpg", photo_comment),
    ("photos/IMG_0420.jpg", photo_xmp_iptc),
    ("photos/IMG_0430.webp", photo_webp),
    ("photos/IMG_0433.jpg", photo_bad_gps),
    ("photos/harmless_exif.jpg", photo_harmless),
]


# ------------------------------------------------------------------------------------------------
