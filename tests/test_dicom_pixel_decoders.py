"""Compressed DICOM pixel data that real devices write decodes, so its burned-in text is read, not reported lost.

JPEG Lossless (process 14), JPEG-LS and JPEG 2000 need a decoder pydicom does not carry itself; the install brings
python-gdcm for them. The files are real ones shipped with pydicom and pydicom-data."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.data import get_testdata_file

from auditor.media.frames import iter_frames, open_dicom

COMPRESSED = [
    "JPEG-LL.dcm",  # JPEG Lossless, Non-Hierarchical, First-Order Prediction
    "MR_small_jpeg_ls_lossless.dcm",  # JPEG-LS Lossless
    "SC_rgb_jls_lossy_line.dcm",  # JPEG-LS Near-Lossless, colour
    "GDCMJ2K_TextGBR.dcm",  # JPEG 2000, text burned into the frame
]


@pytest.mark.parametrize("name", COMPRESSED)
def test_real_compressed_pixel_data_renders_every_frame_as_the_uncompressed_copy_would(name):
    path = Path(get_testdata_file(name, read=False))
    pixels = open_dicom(path.read_bytes())
    frames = list(iter_frames(pixels))
    assert len(frames) == pixels.frames_read >= 1
    first = frames[0].grey
    assert first.shape == (pixels.rows, pixels.columns)
    assert first.std() > 0  # an image, not a blank frame


@pytest.mark.parametrize(
    ("compressed", "uncompressed"), [("MR_small_jpeg_ls_lossless.dcm", "MR_small.dcm"), ("693_J2KR.dcm", "693_UNCR.dcm")]
)
def test_a_lossless_encoding_renders_exactly_as_the_same_image_stored_uncompressed(compressed, uncompressed):
    def rendered(name: str):
        return next(iter(iter_frames(open_dicom(Path(get_testdata_file(name, read=False)).read_bytes())))).grey

    assert (rendered(compressed) == rendered(uncompressed)).all()
