"""How the drill-down shows an item: masked spans in escaped text, boxes filled or blurred in pixels, and the
item read back from the one file that holds it, only while that file is unchanged since the scan."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from auditor.corpus import read_corpus
from auditor.corpus.reread import reread_one
from auditor.frame_masks import frame_of
from dashboards.drilldown import Mark, boxed_image, highlighted_html, previews


def test_spans_show_masked_evidence_and_overlaps_merge():
    text = "Call Jane Doe at 555-123-4567 now"
    marks = [Mark(5, 13, "names", "J*** D**"), Mark(10, 13, "names", "D**"), Mark(17, 29, "phone", "***-***-****")]
    shown = highlighted_html(text, marks)
    assert "Jane" not in shown and "555" not in shown
    assert shown.count("<mark") == 2 and "J*** D** D**" in shown and "***-***-****" in shown
    assert shown.startswith("<div") and "Call " in shown and " now" in shown
    revealed = highlighted_html(text, marks, reveal=True)
    assert "Jane Doe" in revealed and "555-123-4567" in revealed


def test_scanned_markup_is_text_never_markup():
    text = 'hi <script>alert(1)</script> <img src="http://x.example/a.png"> [link](http://x.example)'
    shown = highlighted_html(text, [Mark(0, 2, "names", "h*")])
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "[link](http://x.example)" in shown


def test_marks_outside_the_text_are_ignored():
    assert highlighted_html("short", [Mark(3, 40, "names", "x")]) == highlighted_html("short", [])


def _picture() -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.integers(0, 255, size=(60, 100, 3), dtype=np.uint8)


def test_boxes_are_filled_by_default_and_the_rest_is_untouched():
    pixels = _picture()
    shown = np.asarray(boxed_image(pixels, [(20, 10, 30, 20)]))
    assert (shown[15:25, 25:45] == 0).all()
    assert (shown[40:, 60:] == pixels[40:, 60:]).all()


def test_blur_hides_the_box_and_reveal_keeps_it():
    pixels = _picture()
    blurred = np.asarray(boxed_image(pixels, [(20, 10, 30, 20)], "blur")).astype(int)
    inside = blurred[15:25, 25:45]
    assert inside.std() < pixels[15:25, 25:45].std() / 3  # detail is gone
    revealed = np.asarray(boxed_image(pixels, [(20, 10, 30, 20)], "reveal"))
    assert (revealed[15:25, 25:45] == pixels[15:25, 25:45]).all()
    with pytest.raises(ValueError):
        boxed_image(pixels, [], "none")


def test_frame_of_reads_the_dicom_frame_a_pixel_finding_names():
    assert frame_of("ocr:frame:3") == 3 and frame_of("ocr") == 0 and frame_of("page:2:ocr") == 0


def test_image_preview_scales_boxes_to_the_preview(tmp_path):
    from PIL import Image

    big = tmp_path / "big.png"
    Image.new("RGB", (3200, 800), "white").save(big)
    (item,) = [entry for entry in read_corpus([big])]
    boxed = pd.DataFrame({"field": ["ocr"], "bbox": [json.dumps([320, 80, 640, 160])]})
    ((frame, rgb, boxes),) = list(previews(item, boxed))
    assert frame == 0 and rgb.shape[1] == 1600 and boxes == [(160, 40, 320, 80)]


def test_items_are_read_back_from_their_own_file_only_while_unchanged(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "notes").mkdir(parents=True)
    (corpus / "notes" / "a.txt").write_text("Jane Doe has asthma", encoding="utf-8")
    (corpus / "posts.jsonl").write_text(json.dumps({"id": "x1", "text": "post text", "author": "a"}) + "\n", encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/b.txt", "zipped note")
    (corpus / "bundle.zip").write_bytes(buffer.getvalue())
    hashes = {entry.locator: entry.content_hash for entry in read_corpus([corpus])}
    paths = [str(corpus)]
    assert reread_one(paths, "notes/a.txt", hashes["notes/a.txt"]).fields["text"] == "Jane Doe has asthma"
    assert reread_one(paths, "posts.jsonl#x1", hashes["posts.jsonl#x1"]).fields["text"] == "post text"
    assert reread_one(paths, "bundle.zip!inner/b.txt", hashes["bundle.zip!inner/b.txt"]).fields["text"] == "zipped note"
    (corpus / "notes" / "a.txt").write_text("changed since the scan", encoding="utf-8")
    assert reread_one(paths, "notes/a.txt", hashes["notes/a.txt"]) is None
    assert reread_one(paths, "gone.txt", "0" * 64) is None


def test_dicom_preview_renders_the_frame_a_finding_names():
    sample = Path(__file__).resolve().parents[1] / "data" / "sample" / "dicom" / "cr_hand_burned_0006.dcm"
    (item,) = list(read_corpus([sample]))
    boxed = pd.DataFrame({"field": ["ocr"], "bbox": [json.dumps([4, 4, 40, 10])]})
    ((frame, rgb, boxes),) = list(previews(item, boxed))
    assert frame == 0 and rgb.shape == (128, 128, 3) and boxes == [(4, 4, 40, 10)]
    shown = np.asarray(boxed_image(rgb, boxes))
    assert (shown[6:12, 8:40] == 0).all()
