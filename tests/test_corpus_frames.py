"""Parts of an image past the first are read (issue 20 §4): every JPEG APP1 segment (an XMP packet followed by
EXIF, a second EXIF segment) and every TIFF page's metadata; the pixel scanners read every frame, so a TIFF's
later pages and an animated PNG's or WebP's later frames are not recorded as not scanned (only frames past the
bounds are: tests/test_image_frames.py)."""

from __future__ import annotations

import io
import struct

from PIL import Image, TiffImagePlugin

from auditor.corpus.reader import read_corpus
from auditor.model import Item, ItemError
from auditor.scanners.image_metadata.scanner import read_entries


def exif_app1(artist: str) -> bytes:
    exif = Image.Exif()
    exif[315] = artist
    body = b"Exif\x00\x00" + exif.tobytes()
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def xmp_app1(creator: str) -> bytes:
    packet = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{creator}</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>'
    body = b"http://ns.adobe.com/xap/1.0/\x00" + packet.encode()
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def test_an_exif_segment_after_an_xmp_packet_and_a_second_exif_segment_are_read():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "JPEG")
    plain = buffer.getvalue()
    jpeg = plain[:2] + xmp_app1("clinic photo") + exif_app1("Adaeze Okafor") + exif_app1("Priya Raman") + plain[2:]
    values = {entry.value for entry in read_entries(jpeg)}
    assert {"Adaeze Okafor", "Priya Raman"} <= values


def test_a_tiffs_second_page_has_its_metadata_read_and_is_not_recorded_as_not_scanned(tmp_path):
    with TiffImagePlugin.AppendingTiffWriter(tmp_path / "pages.tif") as tiff:
        for artist in ("Clinic", "Jane Roe Two"):
            ifd = TiffImagePlugin.ImageFileDirectory_v2()
            ifd[315] = artist
            Image.new("RGB", (8, 8), "white").save(tiff, "TIFF", tiffinfo=ifd)
            tiff.newFrame()
    entries = list(read_corpus([tmp_path]))
    item = next(entry for entry in entries if isinstance(entry, Item))
    assert "Jane Roe Two" in {entry.value for entry in read_entries(item.payload)}
    assert not [e for e in entries if isinstance(e, ItemError)]


def test_the_later_frames_of_an_animated_png_and_webp_are_not_recorded_as_not_scanned(tmp_path):
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("white", "black", "grey")]
    frames[0].save(tmp_path / "cine.png", save_all=True, append_images=frames[1:])
    frames[0].save(tmp_path / "cine.webp", save_all=True, append_images=frames[1:], lossless=True)
    entries = list(read_corpus([tmp_path]))
    assert len([e for e in entries if isinstance(e, Item)]) == 2
    assert not [e for e in entries if isinstance(e, ItemError)]
