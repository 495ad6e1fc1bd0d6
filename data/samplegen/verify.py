"""Re-reading what was written: every label is checked against the file as a reader decodes it."""

from __future__ import annotations

import csv
import json
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .photos import EXIF_IFD, GPS_IFD, IPTC_NAMES, gps_decimal, gps_text

# Re-reading what was written: every label is checked against the file as a reader decodes it.
# ================================================================================================


def read_back(out: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """(locator, {field: text}) for every text item on disk, in labels.jsonl order."""
    bad = 0
    with open(out / "posts.jsonl", encoding="utf-8", newline="") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            yield f"posts.jsonl#{rec['id']}", {"text": rec["text"]}
    assert bad == 1, f"{bad} malformed lines in posts.jsonl"
    for rec in json.loads((out / "posts.json").read_text(encoding="utf-8")):
        yield f"posts.json#{rec['id']}", {"text": rec["text"]}
    js = (out / "x-archive/data/tweets.js").read_text(encoding="utf-8")
    for entry in json.loads(js[js.index("=") + 1 :]):
        yield f"x-archive/data/tweets.js#{entry['tweet']['id_str']}", {"full_text": entry["tweet"]["full_text"]}
    for child in json.loads((out / "reddit.json").read_text(encoding="utf-8"))["data"]["children"]:
        d = child["data"]
        fields = {"title": d["title"], "selftext": d["selftext"]} if child["kind"] == "t3" else {"body": d["body"]}
        yield f"reddit.json#{d['id']}", fields
    encodings = {"discharge_summary_win.txt": "utf-16", "referral_latin1.txt": "latin-1", "pasted_portal_message.txt": "utf-8-sig"}
    for path in sorted((out / "notes").iterdir(), key=lambda p: NOTE_ORDER.index(p.name)):
        yield f"notes/{path.name}", {"text": path.read_bytes().decode(encodings.get(path.name, "utf-8"))}
    with open(out / "notes.csv", encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), 1):
            yield f"notes.csv#row-{number}", {"text": row["text"]}
    with zipfile.ZipFile(out / "bundle.zip") as zf:
        for name in ("visit_note.txt", "notes/referral.txt", "caregiver_update.txt"):
            yield f"bundle.zip!{name}", {"text": zf.read(name).decode("utf-8")}
        for line in zf.read("posts_small.jsonl").decode("utf-8").splitlines():
            rec = json.loads(line)
            yield f"bundle.zip!posts_small.jsonl#{rec['id']}", {"text": rec["text"]}


# Metadata read back the way a scanner would: pydicom, Pillow, a PNG chunk walk, ElementTree, pypdf.

XMP_PREFIXES = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/exif/1.0/": "exif",
}
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


def dicom_value_text(value) -> str | None:
    """A DICOM value as the scanners report it: str(), multiple values joined by a backslash."""
    from pydicom.multival import MultiValue

    if value is None or isinstance(value, (bytes, bytearray)):
        return None
    if isinstance(value, (MultiValue, list, tuple)):
        return "\\".join(str(v) for v in value)
    return str(value)


def dicom_fields(ds, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(field path, value text) for every element: keywords, `Seq[i].Keyword`, private `(gggg,eeee)@CREATOR`."""
    for elem in ds:
        key = elem.keyword if elem.keyword and not elem.tag.is_private else f"({elem.tag.group:04X},{elem.tag.element:04X})"
        if elem.tag.is_private and elem.tag.element > 0xFF:  # a private element is named with its creator
            creator = ds.get((elem.tag.group << 16) | (elem.tag.element >> 8))
            key += f"@{creator.value if creator is not None else '?'}"
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                yield from dicom_fields(item, f"{prefix}{key}[{i}].")
            continue
        text = dicom_value_text(elem.value)
        if text is not None:
            yield prefix + key, text


def exif_fields(exif) -> Iterator[tuple[str, str]]:
    from PIL import ExifTags

    for tag, value in [*exif.items(), *exif.get_ifd(EXIF_IFD).items()]:
        name = ExifTags.TAGS.get(tag, f"0x{tag:04X}")
        if tag in (EXIF_IFD, GPS_IFD):
            continue
        if name == "UserComment":
            codec = {b"ASCII\0\0\0": "ascii", b"UNICODE\0": "utf-16-be" if exif.endian == ">" else "utf-16-le"}[value[:8]]
            yield f"EXIF:{name}", value[8:].decode(codec)
        elif name.startswith("XP"):
            yield f"EXIF:{name}", bytes(value).decode("utf-16-le").rstrip("\0")
        elif isinstance(value, str):
            yield f"EXIF:{name}", value
    gps = exif.get_ifd(GPS_IFD)
    if gps:
        try:
            lat = gps_decimal([(float(v), 1) for v in gps[2]], gps[1])
            lon = gps_decimal([(float(v), 1) for v in gps[4]], gps[3])
        except (KeyError, ZeroDivisionError):
            return
        if lat == lat and lon == lon:  # zero denominators read as NaN: no position
            yield "EXIF:GPSPosition", gps_text(lat, lon)


def png_text_fields(data: bytes) -> Iterator[tuple[str, str]]:
    import zlib

    at = 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        at += 12 + length
        kind = kind.decode("ascii")
        if kind in ("tEXt", "zTXt", "iTXt"):
            keyword, rest = body.split(b"\0", 1)
            if kind == "tEXt":
                text = rest.decode("latin-1")
            elif kind == "zTXt":
                text = zlib.decompress(rest[1:]).decode("latin-1")
            else:
                compressed, _method, rest = rest[0], rest[1], rest[2:]
                _lang, _tkey, raw = rest.split(b"\0", 2)
                text = (zlib.decompress(raw) if compressed else raw).decode("utf-8")
            yield f"PNG:{kind}:{keyword.decode('latin-1')}", text


def xmp_fields(packet: bytes) -> Iterator[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(packet.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    for desc in root.iter(f"{RDF}Description"):
        for qname, value in desc.attrib.items():
            if qname.startswith("{") and not qname.startswith(RDF):
                ns, local = qname[1:].split("}")
                yield f"XMP:{XMP_PREFIXES[ns]}:{local}", value
        for child in desc:
            ns, local = child.tag[1:].split("}")
            items = [li.text or "" for li in child.iter(f"{RDF}li")]
            yield f"XMP:{XMP_PREFIXES[ns]}:{local}", "; ".join(items) if items else (child.text or "")


def read_metadata(path: Path) -> dict[str, str]:
    """{field path: value text} of one binary item, decoded as the metadata scanners do."""
    data = path.read_bytes()
    if data.startswith(b"%PDF-"):
        from pypdf import PdfReader

        return {f"PDF:{key.lstrip('/')}": str(value) for key, value in (PdfReader(path).metadata or {}).items()}
    if data[128:132] == b"DICM" or data[:2] in (b"\x02\x00", b"\x08\x00"):
        import pydicom

        ds = pydicom.dcmread(path, force=True, stop_before_pixels=True)
        meta_fields = dict(dicom_fields(ds.file_meta)) if ds.get("file_meta") is not None or hasattr(ds, "file_meta") else {}
        return {**meta_fields, **dict(dicom_fields(ds))}
    from PIL import Image, IptcImagePlugin

    with Image.open(path) as im:
        fields = dict(exif_fields(im.getexif()))
        if im.format == "PNG":
            fields.update(png_text_fields(data))
        if "xmp" in im.info:
            fields.update(xmp_fields(im.info["xmp"]))
        if "comment" in im.info:
            fields["JPEG:COM"] = im.info["comment"].decode("utf-8")
        for (record, number), value in (IptcImagePlugin.getiptcinfo(im) or {}).items():
            if record == 2 and number:
                fields[f"IPTC:{IPTC_NAMES[number]}"] = value.decode("utf-8")
    return fields


NOTE_ORDER = [
    "visit_note_cardiology.txt",
    "caregiver_log.txt",
    "pasted_portal_message.txt",
    "discharge_summary_win.txt",
    "referral_latin1.txt",
    "health_journal.md",
    "todo.txt",
    "radiology_export.txt",
]


def labels_path(out: Path) -> Path:
    """The truth lives beside the corpus, not in it: a scan of the corpus must not read its own answers."""
    return out.with_name(out.name + ".labels.jsonl")


def pixel_labels_path(out: Path) -> Path:
    """Burned-in text truth, beside the corpus too, apart from the metadata/text truth."""
    return out.with_name(out.name + ".pixel-labels.jsonl")


METADATA_FOLDERS = ("dicom", "photos", "documents")


def verify(out: Path) -> None:
    with open(labels_path(out), encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    texts = list(read_back(out))
    binary = sorted(
        ["media/ct_head_0001"]
        + [p.relative_to(out).as_posix() for folder in METADATA_FOLDERS for p in (out / folder).rglob("*") if p.is_file()]
    )
    assert len(records) == len(texts) + len(binary), (len(records), len(texts), len(binary))
    assert sorted(rec["item"] for rec in records[len(texts) :]) == binary
    read = [*texts, *((rec["item"], read_metadata(out / rec["item"])) for rec in records[len(texts) :])]
    for (locator, fields), rec in zip(read, records, strict=True):
        assert rec["item"] == locator, (rec["item"], locator)
        for lab in rec["labels"]:
            assert fields[lab["field"]][lab["start"] : lab["end"]] == lab["text"], (locator, lab, fields.get(lab["field"]))
            assert (lab["identifier"] is None) != (lab["health"] is None), (locator, lab)
            assert lab["end"] > lab["start"], (locator, lab)
    from PIL import Image, ImageOps

    with open(pixel_labels_path(out), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            width, height = rec["size"]
            if not rec["item"].startswith(("dicom/", "media/ct_head")):
                with Image.open(out / rec["item"]) as im:
                    assert ImageOps.exif_transpose(im).size == (width, height), rec["item"]
            for box in [*rec["labels"], *rec["lines"]]:
                x, y, w, h = box["bbox"]
                assert x >= 0 and y >= 0 and w > 0 and h > 0 and x + w <= width and y + h <= height, (rec["item"], box)
            for lab in rec["labels"]:  # a code or a face (`<QR code>`, `<face>`) is no drawn line
                assert lab["text"].startswith("<") or any(lab["text"] in ln["text"] for ln in rec["lines"]), (rec["item"], lab)


# ================================================================================================
