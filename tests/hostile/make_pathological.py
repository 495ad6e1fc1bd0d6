"""Pathological input of issue 19, beside make_hostile.py: what stalls a tokenizer or hides a name from it.

`make_pathological(root)` writes the corpus (a couple of megabytes) and returns its cases, as make_hostile does:
the good items (locator -> the identifier that must be found, hidden names included), the bad ones (locator ->
a pattern their error's reason must match), and `listed` items that need only be in the store (an outcome
either way, never dropped). Run it as a script to write the corpus: `python tests/hostile/make_pathological.py OUT`.
"""

from __future__ import annotations

import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image

from tests.hostile.make_hostile import (
    Case,
    dicom_bytes,
    note,
    png_bytes,
    writers,
    zip_bytes,
)


@dataclass
class Pathological(Case):
    #: Locators that must be in the store, whatever their outcome.
    listed: list[str] = field(default_factory=list)
    #: Prefix of a locator -> regex: some item under it, other than the good ones, has an error matching it.
    bad_under: dict[str, str] = field(default_factory=dict)


def deep_record(depth: int) -> str:
    """A post whose `text` is `depth` nested arrays around one string."""
    return '{"id": "deep", "text": ' + "[" * depth + '"a"' + "]" * depth + "}"


def many_frame_gif(frames: int) -> bytes:
    images = [Image.new("L", (32, 32), (frame * 7) % 256) for frame in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=20)
    return buffer.getvalue()


def many_frame_dicom(frames: int) -> bytes:
    """A multi-frame 8-bit DICOM image whose header names its patient."""
    dataset = pydicom.dcmread(io.BytesIO(dicom_bytes("WHITFIELD^DANA", description=None)))
    dataset.Rows, dataset.Columns = 64, 64
    dataset.NumberOfFrames = frames
    dataset.SamplesPerPixel, dataset.PhotometricInterpretation = 1, "MONOCHROME2"
    dataset.BitsAllocated, dataset.BitsStored, dataset.HighBit, dataset.PixelRepresentation = 8, 8, 7, 0
    dataset.add_new(0x7FE00010, "OB", np.zeros((frames, 64, 64), dtype=np.uint8).tobytes())
    buffer = io.BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def make_pathological(root: Path) -> list[Pathological]:
    """Write the pathological corpus under `root` and return its cases."""
    cases: list[Pathological] = []
    write, good_note = writers(root)

    run = write("punctuation/runs.txt", "!" * 50_000 + " Call Dana at 617-555-0131 today " + "?(" * 25_000 + "\n")
    case = Pathological("runs of 50,000 punctuation characters", good={run: "phone", good_note("punctuation", 31): "phone"})
    case.bad[run] = r"a token of 50,000 characters \(no space in it\) was cut for the tokenizer"
    cases.append(case)

    dotted = write("dotted/initials.txt", "A." * 10_000 + " Call Dana at 617-555-0136 today\n")
    case = Pathological(
        "a run of 10,000 dotted initials ('A.A.A.'), which a bare domain's pattern read from every letter", good={dotted: "phone"}
    )
    case.bad[dotted] = r"a token of 20,000 characters"
    cases.append(case)

    spaces = write("spaces/runs.txt", " " * 50_000 + "ab_cd: Call Dana at 617-555-0137 today\nPatientName: a" + " " * 50_000 + "b\n")
    cases.append(
        Pathological(
            "runs of 50,000 spaces before a chat speaker and inside a DICOM keyword line, which a line-start look-behind and a"
            " lazy value read from every space",
            good={spaces: "phone"},
        )
    )

    word = write("long_word/word.txt", "x" * 60_000 + ";617-555-0133;" + "y" * 40_000 + "\n")
    case = Pathological("a 100,000-character word", good={word: "phone", good_note("long_word", 32): "phone"})
    case.bad[word] = r"a token of 100,014 characters"
    cases.append(case)

    cases.append(
        Pathological(
            "zero-width and bidi-control characters inside names and numbers",
            good={
                write("hidden/zero_width.txt", "My name is J\u200bane Ro\u200be and my phone is 617\u200b-555-01\u200d34.\n"): "names",
                write("hidden/zero_width_phone.txt", "Reach me at 617\u200b-555-01\u2060\u200d35 after six.\n"): "phone",
                write("hidden/reversed.txt", "Call \u202e6310-555-716\u202c now, Dr. Maria Lopez\n"): "phone",
            },
        )
    )
    cases.append(
        Pathological(
            "homoglyphs in Latin names and numbers",
            good={
                write("homoglyphs/cyrillic.txt", "Patient J\u0430ne D\u043e\u0435 called\n"): "names",
                write("homoglyphs/fullwidth.txt", "Phone \uff16\uff11\uff17-555-0137, please\n"): "phone",
            },
        )
    )

    posts = [json.dumps({"id": f"d{n}", "text": note(n).strip()}) for n in (38, 39)]
    write("deep_text/posts.jsonl", "\n".join([posts[0], deep_record(50_000), posts[1]]) + "\n")
    case = Pathological(
        "a record whose text is 50,000 nested arrays", good={"deep_text/posts.jsonl#d38": "phone", "deep_text/posts.jsonl#d39": "phone"}
    )
    case.bad_under["deep_text/posts.jsonl#"] = r"(?i)nest|deep|depth"
    cases.append(case)

    comment = "=" * 400_000 + " Patient Dana Whitfield, phone 617-555-0140 " + "=" * 400_000
    giant = write("metadata/giant_comment.png", png_bytes(comment))
    case = Pathological("an 800 KB metadata segment", good={giant: "phone", good_note("metadata", 41): "phone"})
    case.bad[giant] = r"Comment: a token of 400,000 characters"
    cases.append(case)

    case = Pathological(
        "many-frame images",
        good={write("frames/frames.dcm", many_frame_dicom(40)): "names", good_note("frames", 42): "phone"},
        listed=[write("frames/frames.gif", many_frame_gif(200))],
    )
    cases.append(case)

    members = {f"m{n:04d}.txt": b"ok" for n in range(800)}
    members["m0400.txt"] = note(43).encode()
    write("archive/many.zip", zip_bytes(members))
    case = Pathological("an archive of 800 tiny members", good={"archive/many.zip!m0400.txt": "phone", good_note("archive", 44): "phone"})
    case.listed = ["archive/many.zip!m0000.txt", "archive/many.zip!m0799.txt"]
    cases.append(case)

    case = Pathological("a FIFO and links to devices in the folder", good={good_note("special", 45): "phone"})
    os.mkfifo(root / "special/pipe.txt")
    os.symlink("/dev/zero", root / "special/zero.txt")
    os.symlink("/dev/urandom", root / "special/random.dcm")
    case.bad["special/pipe.txt"] = r"not a regular file"
    case.bad["special/zero.txt"] = r"outside the corpus root"
    case.bad["special/random.dcm"] = r"outside the corpus root"
    cases.append(case)
    return cases


if __name__ == "__main__":
    for made in make_pathological(Path(sys.argv[1])):
        print(f"{made.name}: good {sorted(made.good)}, bad {sorted(made.bad)}, listed {made.listed}")
