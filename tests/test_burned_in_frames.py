"""Burned-in text across the frames of an animated image or a DICOM cine (issue 18): the words an earlier frame
showed unchanged stay in a later frame's text, so a value that appears after its label ("MRN:" on frame 0,
"MRN: 48213907" on frame 1) is typed by it, on the frame that shows it; a banner every frame shows is still
reported once, on frame 0; and a redacted copy re-scans clean.

Fixtures are drawn in the test: a GIF's screen of dark text on white, a cine's frames of white text on black.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from auditor.cli import app
from auditor.model import Item
from auditor.pipeline import scan
from auditor.redact.run import MANIFEST
from auditor.scanners.pixel import burned_in
from tests.test_image_frames import KEEPER, animation
from tests.test_pixel_text import _dicom, _text_image

pytestmark = pytest.mark.needs_tesseract

Line = tuple[tuple[int, int], str]
BANNER: Line = ((20, 30), "Name: DOE, JANE")


def screen(index: int, lines: list[Line]) -> Image.Image:
    """A 480×160 screen with these lines, whose corner pixel counts `index` (the GIF writer merges identical frames)."""
    image = Image.new("RGB", (480, 160), (250, 250, 250))
    image.putpixel((479, 159), (index, 0, 250))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=20)
    for xy, text in lines:
        draw.text(xy, text, fill=(20, 20, 20), font=font)
    return image


def gif(*frames: list[Line]) -> bytes:
    return animation([screen(index, lines) for index, lines in enumerate(frames)], "GIF")


@pytest.fixture(scope="module")
def ocr() -> burned_in.BurnedInTextScanner:
    return burned_in.BurnedInTextScanner()


def identifiers(scanner: burned_in.BurnedInTextScanner, payload: bytes, kind: str = "image") -> list[tuple[str, str]]:
    """(field, identifier) of each identifier finding."""
    outcome = scanner.scan_batch([Item("media/loop", kind, "h", payload=payload)], KEEPER)[0]
    if isinstance(outcome, Exception):
        raise outcome
    return sorted((f.field, f.identifier) for f in outcome if f.identifier)


def test_an_mrn_whose_label_an_earlier_frame_showed_is_an_mrn_on_the_frame_that_shows_the_value(ocr) -> None:
    payload = gif([((20, 30), "MRN:")], [((20, 30), "MRN: 48213907")])
    assert identifiers(ocr, payload) == [("ocr:frame:1", "mrn")]
    (frame,) = [f for f in burned_in.read_item(Item("loop.gif", "image", "h", payload=payload)).frames if f.frame == 1]
    assert frame.ocr.text == "MRN: 48213907"  # the label unchanged since frame 0 is not read again: its words are frame 0's


def test_a_number_an_earlier_frame_showed_bare_is_an_mrn_on_the_frame_that_labels_it(ocr) -> None:
    # a bare number on a screenshot is no ID, so frame 0 reports nothing over it: frame 1's label makes it one
    assert identifiers(ocr, gif([((90, 30), "48213907")], [((20, 30), "MRN:"), ((90, 30), "48213907")])) == [("ocr:frame:1", "mrn")]


def test_a_banner_every_frame_shows_is_reported_once_on_frame_0_and_each_new_value_on_its_frame(ocr) -> None:
    payload = gif([BANNER], [BANNER, ((20, 70), "MRN: 48213907")], [BANNER, ((20, 70), "MRN: 70261548")])
    assert identifiers(ocr, payload) == [("ocr:frame:0", "names"), ("ocr:frame:1", "mrn"), ("ocr:frame:2", "mrn")]


def test_a_cine_whose_short_mrn_appears_after_its_label_is_typed_by_it_and_its_banner_reported_once(ocr) -> None:
    banner = ((4, 4), "PATIENT: GARCIA, MARIA")
    frames = [[banner, ((4, 60), "MRN:")], [banner, ((4, 60), "MRN: 48213")], [banner, ((4, 60), "MRN: 48213"), ((4, 120), "LAO 30")]]
    payload = _dicom(np.stack([_text_image(lines) for lines in frames]))
    assert identifiers(ocr, payload, "dicom") == [("ocr:frame:0", "names"), ("ocr:frame:1", "mrn")]
    last = burned_in.read_item(Item("cine.dcm", "dicom", "h", payload=payload)).frames[-1]
    assert last.frame == 2 and "GARCIA" in last.ocr.text and "MRN: 48213" in last.ocr.text  # the context, reported before


def test_phi_audit_redact_covers_a_value_that_appears_after_its_label(tmp_path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "loop.gif").write_bytes(gif([BANNER, ((20, 70), "MRN:")], [BANNER, ((20, 70), "MRN: 48213907")], [BANNER]))
    scan([root], tmp_path / "audit.db", "hipaa-safe-harbor", workers=1)
    result = CliRunner().invoke(app, ["redact", "--store", str(tmp_path / "audit.db"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "no identifier found" in result.output, result.output
    (record,) = [json.loads(line) for line in (tmp_path / "out" / MANIFEST).read_text().splitlines()]
    assert record["status"] == "written" and record["removed"] == {"mrn": 1, "names": 1}
    assert record["verification"] == {"pixel_text": 0, "rescanned_fully": True, "residual": []}
