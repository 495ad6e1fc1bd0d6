"""No frame a person can see shows burned-in text the scanner found: every frame of a multi-frame image is shown
with every pixel box of the item, since a region is reported once, on the first frame that shows it.

Checked on every frame of every multi-frame image of the sample (against its pixel truth boxes) and on the real
multi-frame ultrasounds of pydicom-data and deid-data (against the boxes the scanner reported)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pydicom
import pytest

from auditor import scan
from auditor.corpus import read_corpus
from auditor.frame_masks import boxes_of, frame_of, frames_with_findings
from auditor.media.frames import iter_frames, open_dicom
from auditor.store import FindingsStore
from dashboards.drilldown import boxed_image, previews
from tests.store_sql import rows as store_rows

pytestmark = pytest.mark.needs_tesseract

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def _multi_frame_sample_files() -> list[Path]:
    return sorted(
        p
        for p in (SAMPLE / "dicom").iterdir()
        if int(pydicom.dcmread(p, stop_before_pixels=True, force=True).get("NumberOfFrames", 1) or 1) > 1
    )


def _pixel_findings(path: Path, tmp_path: Path) -> pd.DataFrame:
    """The burned-in text findings of one file, as the dashboard reads them (field, bbox as stored)."""
    store = tmp_path / f"{path.stem}.db"
    scan([path], store, scanner_names=["pixel_text"])
    with FindingsStore.open_existing(store, read_only=True) as opened:
        rows = store_rows(opened, "SELECT field, bbox FROM findings WHERE bbox IS NOT NULL")
    return pd.DataFrame(rows, columns=["field", "bbox"])


def _shown_frames(path: Path, boxed: pd.DataFrame) -> dict[int, np.ndarray]:
    """Every distinct frame as the Item page shows it with Reveal off (boxes filled)."""
    (item,) = list(read_corpus([path]))
    return {frame: np.asarray(boxed_image(pixels, boxes, "fill")) for frame, pixels, boxes in previews(item, boxed, every_frame=True)}


def _rendered(path: Path) -> dict[int, np.ndarray]:
    return {frame.index: frame.grey for frame in iter_frames(open_dicom(path.read_bytes()))}


def _same_pixels(one: np.ndarray, other: np.ndarray, box: tuple[int, int, int, int] | list[int]) -> bool:
    """The same region on two frames, up to compression noise (a lossy cine's banner moves by a few levels)."""
    x, y, w, h = box
    return float(np.abs(one[y : y + h, x : x + w].astype(int) - other[y : y + h, x : x + w]).mean()) < 4


def _unmasked_share(shown: np.ndarray, box: list[int]) -> float:
    """The share of a box's pixels the shown frame leaves visible (neither filled black nor the red outline)."""
    x, y, w, h = box
    area = shown[y : y + h, x : x + w].reshape(-1, 3)
    hidden = (area == 0).all(axis=1) | (area == (229, 57, 53)).all(axis=1)
    return float(1 - hidden.mean())


def test_the_sample_has_a_multi_frame_image_whose_banner_is_labelled_on_its_first_frame_only():
    assert [p.name for p in _multi_frame_sample_files()] == ["us_cine_0012.dcm"]


@pytest.mark.parametrize("path", _multi_frame_sample_files(), ids=lambda p: p.name)
def test_no_pixel_truth_box_is_shown_unmasked_on_any_frame_of_a_sample_multi_frame_image(path, tmp_path):
    locator = path.relative_to(SAMPLE).as_posix()
    truth = next(
        json.loads(line)
        for line in (ROOT / "data" / "sample.pixel-labels.jsonl").read_text().splitlines()
        if json.loads(line)["item"] == locator
    )
    labels = [label for label in truth["labels"] if label["identifier"]]
    shown = _shown_frames(path, _pixel_findings(path, tmp_path))
    rendered = _rendered(path)
    assert set(shown) == set(rendered) and len(shown) == 3
    checked = 0
    for label in labels:
        for frame, pixels in shown.items():
            # A label is on every frame whose pixels there are those of the frame it was labelled on (the banner).
            if _same_pixels(rendered[frame], rendered[label["frame"]], label["bbox"]):
                checked += frame != label["frame"]
                assert _unmasked_share(pixels, label["bbox"]) < 0.1, f"{label['text']!r} shown on frame {frame}"
    assert checked >= 6  # the banner's name, ID and date, each on frames 1 and 2 (not labelled there)


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None:
        pytest.fail(f"{package} is a test dependency (pip install -e '.[test]')")
    return Path(spec.origin).parent.joinpath(*parts)


@pytest.mark.parametrize(
    ("path", "banner_repeats"),
    [
        (_package_file("data_store", "data", "OBXXXX1A_rle_2frame.dcm"), False),  # its second frame differs everywhere
        (_package_file("deid_data", "data", "ultrasounds", "ultrasound-multiframe.dcm"), True),  # a 30-frame cine
    ],
    ids=["OBXXXX1A_rle_2frame", "ultrasound-multiframe"],
)
def test_every_frame_of_a_real_multi_frame_ultrasound_hides_every_box_found_on_any_frame(path, banner_repeats, tmp_path):
    boxed = _pixel_findings(path, tmp_path)
    assert not boxed.empty, "the scanner read burned-in text in this file"
    boxes = boxes_of(boxed["bbox"])
    shown = _shown_frames(path, boxed)
    assert len(shown) > len(frames_with_findings(boxed["field"])), "frames without a finding of their own are shown too"
    for frame, pixels in shown.items():
        for box in boxes:
            assert _unmasked_share(pixels, list(box)) == 0, f"box {box} shown on frame {frame}"
    rendered = _rendered(path)
    first = {box: frame_of(field) for field, box in zip(boxed["field"], (tuple(json.loads(b)) for b in boxed["bbox"]))}
    repeated = [
        (box, frame)
        for box, origin in first.items()
        for frame in shown
        if frame != origin and _same_pixels(rendered[frame], rendered[origin], box)
    ]
    assert bool(repeated) == banner_repeats, (
        "some region found on one frame shows unchanged on another (the case each frame's own boxes miss)"
    )
