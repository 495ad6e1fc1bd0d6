"""A hostile test corpus: every kind of bad input issue 7 names, each next to good items that must still be found.

`make_hostile(root)` writes the corpus (a few hundred kilobytes) and returns its cases. Each case names the
good items around the bad input (locator -> the Safe Harbor identifier that must be found in it) and the bad
items (locator -> a pattern their error's reason must match), so a test can check both for every case.
Run it as a script to write the corpus into a folder: `python tests/hostile/make_hostile.py OUT`.
"""

from __future__ import annotations

import io
import json
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pydicom
from PIL import Image, PngImagePlugin
from pydicom.dataset import FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage, generate_uid


@dataclass
class Case:
    """One hostile input: the good items that must still be scanned and found, and the bad ones with their reason."""

    name: str
    good: dict[str, str] = field(default_factory=dict)  # locator -> identifier that must be found
    bad: dict[str, str] = field(default_factory=dict)  # locator -> regex the error's reason must match


def note(number: int) -> str:
    """A short note with a planted phone number (a Safe Harbor identifier every scan must find)."""
    return f"Note {number}: please call Dana Whitfield at 617-555-01{number % 100:02d} about my insulin.\n"


def dicom_bytes(name: str = "DOE^JANE", preamble: bool = True, description: str | None = "CHEST PA AND LATERAL") -> bytes:
    """A small valid DICOM file whose header names a patient: Part 10 with preamble, or a bare data set.
    Without a `description` it holds no free text, so scanning it needs no language model."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset = pydicom.Dataset()
    dataset.file_meta = meta
    dataset.PatientName = name
    dataset.PatientID = "MRN 4417782"
    dataset.SOPClassUID = SecondaryCaptureImageStorage
    if description:
        dataset.StudyDescription = description
    buffer = io.BytesIO()
    dataset.save_as(buffer, enforce_file_format=preamble)
    return buffer.getvalue()


def dicom_with_overlong_length() -> bytes:
    """A DICOM file whose last element declares a 4 GB value that the file does not hold."""
    data = dicom_bytes("ROE^RICHARD")
    overlong = struct.pack("<HH2sHI", 0x0011, 0x1010, b"UN", 0, 0xFFFF_FFF0) + b"only a few bytes"
    return data + overlong


def png_bytes(comment: str | None = None, size: tuple[int, int] = (48, 32)) -> bytes:
    info = PngImagePlugin.PngInfo()
    if comment:
        info.add_text("Comment", comment)
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 200, 200)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 150)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A valid-looking PNG of a few hundred bytes whose header declares `width` × `height` pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def nested_zip(depth: int) -> bytes:
    """An archive nested `depth` levels deep; each level holds a note and the next archive."""
    inner = zip_bytes({f"level{depth}.txt": note(depth).encode()})
    for level in range(depth - 1, 0, -1):
        inner = zip_bytes({f"level{level}.txt": note(level).encode(), f"level{level + 1}.zip": inner})
    return inner


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def writers(root: Path) -> tuple[Callable[[str, bytes | str], str], Callable[[str, int], str]]:
    """`write(relative, data)` a file under `root` (returning its locator) and `good_note(folder, number)`."""
    root.mkdir(parents=True, exist_ok=True)

    def write(relative: str, data: bytes | str) -> str:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return relative

    def good_note(folder: str, number: int) -> str:
        return write(f"{folder}/good{number}.txt", note(number))

    return write, good_note


def read_outcome(store: Path) -> tuple[dict[str, set[str]], dict[str, list[str]], dict[str, str]]:
    """What a scan stored: identifiers found per item, `stage: reason` errors per item, and every item's kind."""
    import sqlite3
    from collections import defaultdict

    with sqlite3.connect(store) as db:
        found: dict[str, set[str]] = defaultdict(set)
        for item, identifier in db.execute("SELECT item, identifier FROM findings WHERE identifier IS NOT NULL"):
            found[item].add(identifier)
        errors: dict[str, list[str]] = defaultdict(list)
        for item, stage, reason in db.execute("SELECT item, stage, reason FROM errors"):
            errors[item].append(f"{stage}: {reason}")
        items = {locator: kind for locator, kind in db.execute("SELECT locator, kind FROM items")}
    return found, errors, items


def make_hostile(root: Path) -> list[Case]:
    """Write the hostile corpus under `root` and return its cases."""
    cases: list[Case] = []
    write, good_note = writers(root)

    # -- DICOM ------------------------------------------------------------------------------------------
    case = Case("empty DICOM", good={good_note("dicom_empty", 1): "phone", write("dicom_empty/good.dcm", dicom_bytes()): "names"})
    case.bad[write("dicom_empty/empty.dcm", b"")] = r"empty file"
    cases.append(case)

    whole = dicom_bytes("SMITH^JOHN")
    case = Case(
        "truncated DICOM", good={good_note("dicom_truncated", 2): "phone", write("dicom_truncated/good.dcm", dicom_bytes()): "names"}
    )
    case.bad[write("dicom_truncated/cut.dcm", whole[: len(whole) - 7])] = (
        r"header truncated: element \(0010,0020\) declares 12 bytes, the file holds 5"
    )
    cases.append(case)

    case = Case("DICOM declaring lengths beyond the file", good={good_note("dicom_lengths", 3): "phone"})
    case.bad[write("dicom_lengths/overlong.dcm", dicom_with_overlong_length())] = (
        r"header truncated: element \(0011,1010\) declares 4294967280 bytes, the file holds 16"
    )
    cases.append(case)

    # -- images -----------------------------------------------------------------------------------------
    case = Case("random bytes with an image extension", good={good_note("image_random", 4): "phone"})
    case.bad[write("image_random/photo.jpg", os.urandom(4096).replace(b"\xff\xd8", b"\x00\x00"))] = r"named like an image"
    cases.append(case)

    jpeg = jpeg_bytes()
    png = png_bytes()
    case = Case(
        "truncated JPEG and PNG",
        good={
            good_note("image_truncated", 5): "phone",
            write("image_truncated/good.png", png_bytes("Patient Dana Whitfield, phone 617-555-0177")): "phone",
        },
    )
    case.bad[write("image_truncated/cut.jpg", jpeg[: len(jpeg) // 2])] = r"(?i)truncated|unreadable|corrupt"
    case.bad[write("image_truncated/cut.png", png[: len(png) - 30])] = r"(?i)truncated|unreadable|corrupt"
    cases.append(case)

    case = Case("PNG declaring 40,000 x 40,000 pixels", good={good_note("image_bomb", 6): "phone"})
    case.bad[write("image_bomb/bomb.png", png_declaring(40_000, 40_000))] = r"40000×40000|decompression bomb"
    cases.append(case)

    # -- archives ---------------------------------------------------------------------------------------
    bomb = zip_bytes({"zeros.txt": b"0" * (20 * 1024 * 1024), "inside.txt": note(7).encode()})
    case = Case("zip bomb member", good={"zip_bomb/bomb.zip!inside.txt": "phone", good_note("zip_bomb", 8): "phone"})
    write("zip_bomb/bomb.zip", bomb)
    case.bad["zip_bomb/bomb.zip!zeros.txt"] = r"zip bomb"
    cases.append(case)

    write("zip_nested/nested.zip", nested_zip(6))
    levels = "zip_nested/nested.zip!level2.zip!level3.zip!"
    case = Case(
        "nested archives",
        good={
            "zip_nested/nested.zip!level1.txt": "phone",
            "zip_nested/nested.zip!level2.zip!level2.txt": "phone",
            levels + "level3.txt": "phone",
        },
    )
    case.bad[levels + "level4.zip"] = r"nested deeper than 3"
    cases.append(case)

    escaping = zip_bytes(
        {
            "../escape.txt": note(9).encode(),
            "/etc/absolute.txt": note(10).encode(),
            "C:\\windows.txt": note(11).encode(),
            "inside.txt": note(12).encode(),
        }
    )
    write("zip_escape/escape.zip", escaping)
    case = Case("zip members escaping the archive", good={"zip_escape/escape.zip!inside.txt": "phone"})
    for member in ("../escape.txt", "/etc/absolute.txt", "C:\\windows.txt"):
        case.bad[f"zip_escape/escape.zip!{member}"] = r"leaves the archive"
    cases.append(case)

    # -- links ------------------------------------------------------------------------------------------
    case = Case("symbolic links leaving the root or looping", good={good_note("links", 13): "phone", "links/inside_link.txt": "phone"})
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(note(14))
    os.symlink(outside / "secret.txt", root / "links/outside_file.txt")
    os.symlink(outside, root / "links/outside_folder")
    os.symlink("good13.txt", root / "links/inside_link.txt")
    os.symlink(".", root / "links/loop")
    os.symlink("self", root / "links/self")
    case.bad["links/outside_file.txt"] = r"outside the corpus root"
    case.bad["links/outside_folder"] = r"outside the corpus root"
    case.bad["links/loop"] = r"loops"
    case.bad["links/self"] = r"loops"
    cases.append(case)

    # -- text -------------------------------------------------------------------------------------------
    case = Case(
        "latin-1 and UTF-16 text",
        good={
            write("encodings/latin1.txt", "Café note: José Núñez, téléphone 617-555-0115.\n".encode("latin-1")): "phone",
            write("encodings/utf16.txt", note(16).encode("utf-16")): "phone",
            write("encodings/utf16le-nobom.txt", note(17).encode("utf-16-le")): "phone",
        },
    )
    cases.append(case)

    filler = "lorem ipsum dolor sit amet " * (5 * 1024 * 1024 // 27)
    line = filler[: len(filler) // 2] + note(18).strip() + " " + filler[len(filler) // 2 :]
    case = Case("a single 5 MB line", good={good_note("long_line", 19): "phone"})
    # Read whole; the hostile test scans with a per-item time limit shorter than the text scanner needs for it.
    case.bad[write("long_line/one_line.txt", line)] = r"ItemTimeout: took longer than \d+ s; not fully scanned"
    cases.append(case)

    posts = [json.dumps({"id": f"p{n}", "text": note(n).strip()}) for n in (20, 21)]
    jsonl = "\n".join([posts[0], '{"id": "p-bad", "text": "unterminated', deep_json(50_000), posts[1]]) + "\n"
    write("exports/posts.jsonl", jsonl)
    case = Case(
        "malformed and 50,000-deep JSONL lines among good records",
        good={"exports/posts.jsonl#p20": "phone", "exports/posts.jsonl#p21": "phone"},
    )
    case.bad["exports/posts.jsonl#line-2"] = r"malformed JSON record"
    case.bad["exports/posts.jsonl#line-3"] = r"nested too deeply"
    cases.append(case)

    case = Case("JSON nested 50,000 deep", good={good_note("deep_json", 22): "phone"})
    case.bad[write("deep_json/deep.json", deep_json(50_000))] = r"nested too deeply"
    cases.append(case)

    # -- names ------------------------------------------------------------------------------------------
    case = Case(
        "file names with newlines, non-ASCII and undecodable bytes",
        good={
            write("names/line\nbreak.txt", note(23)): "phone",
            write("names/Zoë_患者_📷.txt", note(24)): "phone",
        },
    )
    write(os.fsdecode(b"names/bad-\xff-byte.txt"), note(25))
    case.good["names/bad-\\xff-byte.txt"] = "phone"  # a name that is not UTF-8 is located with the byte escaped
    cases.append(case)
    return cases


if __name__ == "__main__":
    for made in make_hostile(Path(sys.argv[1])):
        print(f"{made.name}: good {sorted(made.good)}, bad {sorted(made.bad)}")
