"""The burned-in text scanner (auditor/scanners/pixel/burned_in.py): DICOM rendering of every photometric kind,
text at the edge, header deny-list with OCR misreads, the equipment allow-list, the cheap no-text skip,
size bounds, and the real ultrasound files of deid-data / pydicom-data."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from auditor.evidence import EvidenceKeeper
from auditor.media.frames import RenderError, iter_frames, open_dicom
from auditor.model import Item
from auditor.scanners.pixel import burned_in, deny_list
from auditor.scanners.pixel.ocr import OcrText, OcrWord

pytestmark = pytest.mark.needs_tesseract
KEEPER = EvidenceKeeper(b"k" * 32)


@pytest.fixture(scope="module")
def scanner() -> burned_in.BurnedInTextScanner:
    return burned_in.BurnedInTextScanner()


def _text_image(lines: list[tuple[tuple[int, int], str]], size=(320, 200), fg=255, bg=0, font_size=18) -> np.ndarray:
    image = Image.new("L", size, bg)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=font_size)
    for xy, text in lines:
        draw.text(xy, text, fill=fg, font=font)
    return np.asarray(image)


def _dicom(pixels: np.ndarray, **attributes) -> bytes:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.PatientName = "DOE^JANE"
    ds.PatientID = "X0000001"
    frames = pixels if pixels.ndim == 4 or (pixels.ndim == 3 and attributes.get("SamplesPerPixel", 1) == 1) else pixels[None]
    ds.Rows, ds.Columns = frames.shape[1], frames.shape[2]
    ds.SamplesPerPixel = attributes.pop("SamplesPerPixel", 1)
    ds.PhotometricInterpretation = attributes.pop("PhotometricInterpretation", "MONOCHROME2")
    bits = 16 if pixels.dtype == np.uint16 else 8
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = bits, attributes.pop("BitsStored", bits), bits - 1, 0
    if ds.SamplesPerPixel == 3:
        ds.PlanarConfiguration = 0
    if len(frames) > 1:
        ds.NumberOfFrames = len(frames)
    for key, value in attributes.items():
        setattr(ds, key, value)
    ds.PixelData = np.ascontiguousarray(frames).tobytes()
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _scan(scanner, payload: bytes, kind: str = "dicom"):
    outcome = scanner.scan_batch([Item("x.dcm", kind, "h", payload=payload)], KEEPER)[0]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def _ids(findings) -> set[str]:
    return {f.identifier for f in findings if f.identifier}


BANNER = [((4, 4), "PATIENT: GARCIA, MARIA"), ((4, 30), "MRN 00482913"), ((4, 56), "DOB 03/04/1961")]


def test_monochrome1_16bit_window_reads_the_banner(scanner):
    grey = _text_image(BANNER)  # text 255 on 0
    raw = (4000 - grey.astype(np.uint16) * 15).astype(np.uint16)  # MONOCHROME1: text low (white), air high
    payload = _dicom(raw, PhotometricInterpretation="MONOCHROME1", BitsStored=12, WindowCenter=2000, WindowWidth=4000)
    frame = next(iter_frames(open_dicom(payload)))
    assert frame.grey[40:60, 200:300].mean() < 50  # air black after inversion and window
    findings = _scan(scanner, payload)
    assert {"names", "mrn", "dates"} <= _ids(findings)
    mrn = next(f for f in findings if f.identifier == "mrn")
    assert mrn.source == "pixel" and mrn.field == "ocr" and "0" not in mrn.evidence
    x, y, _w, h = mrn.bbox
    assert 40 <= x <= 70 and 25 <= y <= 40 and h < 30  # in the image's own pixels


def test_palette_colour_and_ybr(scanner):
    grey = _text_image(BANNER)
    lut = list(range(0, 65536, 257))
    palette = _dicom(
        grey,
        PhotometricInterpretation="PALETTE COLOR",
        RedPaletteColorLookupTableDescriptor=[256, 0, 16],
        GreenPaletteColorLookupTableDescriptor=[256, 0, 16],
        BluePaletteColorLookupTableDescriptor=[256, 0, 16],
        RedPaletteColorLookupTableData=np.array(lut, np.uint16).tobytes(),
        GreenPaletteColorLookupTableData=np.array(lut, np.uint16).tobytes(),
        BluePaletteColorLookupTableData=np.array(lut, np.uint16).tobytes(),
    )
    assert "mrn" in _ids(_scan(scanner, palette))
    from pydicom.pixels import convert_color_space

    rgb = np.repeat(grey[..., None], 3, axis=2)
    ybr = convert_color_space(rgb, "RGB", "YBR_FULL")
    payload = _dicom(ybr, SamplesPerPixel=3, PhotometricInterpretation="YBR_FULL")
    assert {"names", "mrn"} <= _ids(_scan(scanner, payload))


def test_multi_frame_repeated_frame_read_once_and_frames_named(scanner, monkeypatch):
    first = _text_image(BANNER)
    second = _text_image([((4, 120), "MRN 77120934")])
    frames = np.stack([first, first, second])
    calls = []
    real = burned_in.ocr_words
    monkeypatch.setattr(burned_in, "ocr_words", lambda *a, **k: calls.append(1) or real(*a, **k))
    findings = _scan(scanner, _dicom(frames))
    fields = {f.field for f in findings if f.identifier == "mrn"}
    assert fields == {"ocr:frame:0", "ocr:frame:2"}
    assert (
        len(calls) <= 5
    )  # frame 1 (identical to 0) never reaches tesseract: frame 0 two passes and its labelled banner as a block, frame 2 two passes


def test_text_touching_the_edge_and_white_on_black(scanner):
    font = ImageFont.load_default(size=18)
    image = Image.new("L", (300, 200), 0)
    draw = ImageDraw.Draw(image)
    top = draw.textbbox((0, 0), "MRN 55512034", font=font)
    draw.text((-top[0], -top[1]), "MRN 55512034", fill=255, font=font)  # glyphs touch the top-left corner
    bottom = draw.textbbox((0, 0), "DOB 11/12/1950", font=font)
    draw.text((300 - bottom[2], 200 - bottom[3]), "DOB 11/12/1950", fill=255, font=font)  # and the bottom-right
    grey = np.asarray(image)
    assert grey[0, :].max() > 128 and grey[-1, :].max() > 128 and grey[:, :4].max() > 128  # top, bottom and left edges
    findings = _scan(scanner, _dicom(grey))
    assert {"mrn", "dates"} <= _ids(findings)


def test_header_patient_id_matched_through_ocr_misread():
    from auditor.scanners.dicom.identifying import IdentifyingValue

    words = (OcrWord("ID", 90, (0, 0, 10, 10)), OcrWord("E5l59482", 80, (12, 0, 40, 10)))
    ocr = OcrText("ID E5l59482", words, ((0, 2), (3, 11)))
    header = [IdentifyingValue("PatientID", "mrn", "E5159482", ("E5159482",))]
    (match,) = deny_list.find(ocr, header)
    assert (match.start, match.end, match.kind) == (3, 11, "mrn")
    truncated = OcrText("CCHS CLEVELAN..", (OcrWord("CCHS", 90, (0, 0, 9, 9)), OcrWord("CLEVELAN..", 90, (10, 0, 9, 9))), ((0, 4), (5, 15)))
    values = [IdentifyingValue("InstitutionName", "institution", "CCHS CLEVELAND CLINIC", ("CCHS CLEVELAND CLINIC",))]
    assert [m.kind for m in deny_list.find(truncated, values)] == ["institution"]
    one_dot = OcrText("CCHS CLEVELAN.", (OcrWord("CCHS", 90, (0, 0, 9, 9)), OcrWord("CLEVELAN.", 90, (10, 0, 9, 9))), ((0, 4), (5, 14)))
    assert [m.kind for m in deny_list.find(one_dot, values)] == ["institution"]  # the viewer's two dots read as one
    sentence = OcrText("Dr Peters.", (OcrWord("Dr", 90, (0, 0, 9, 9)), OcrWord("Peters.", 90, (10, 0, 9, 9))), ((0, 2), (3, 10)))
    surname = [IdentifyingValue("PatientName", "names", "PETERSON", ("PETERSON",))]
    assert deny_list.find(sentence, surname) == []  # one dot ends a sentence too: a short prefix is no value cut short


def test_header_value_with_its_label_run_into_it_is_found():
    from auditor.scanners.dicom.identifying import IdentifyingValue

    words = (OcrWord("AcCA20240916162", 62, (4, 34, 95, 9)), OcrWord("MRKATERYNA", 90, (0, 0, 50, 9)))
    ocr = OcrText("AcCA20240916162 MRKATERYNA", words, ((0, 15), (16, 26)))
    header = [
        IdentifyingValue("AccessionNumber", "account", "A20240916162", ("A20240916162",)),
        IdentifyingValue("PatientName", "names", "KATERYNA", ("KATERYNA",)),
    ]
    (match,) = deny_list.find(ocr, header)  # a longer word ending in a name is another word
    assert (match.start, match.end, match.kind) == (0, 15, "account")


def _frame(text: str, confidence: float) -> burned_in.FrameText:
    words, offsets, position = [], [], 0
    for token in text.split(" "):
        words.append(OcrWord(token, confidence, (position * 8, 0, len(token) * 8, 12)))
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return burned_in.FrameText(0, OcrText(text, tuple(words), tuple(offsets)), False, (800, 600))


def test_a_name_spelled_by_doubtful_ocr_is_not_reported(scanner):
    text = "seen by Pete Lindqvist today"
    detections = scanner._text_scanner().detect([text])[0]
    assert any(d.entity == "PERSON" for d in detections)
    confident = burned_in.frame_findings("x", "ocr", _frame(text, 91), detections, [], KEEPER)
    doubtful = burned_in.frame_findings("x", "ocr", _frame(text, 42), detections, [], KEEPER)
    assert "names" in {f.identifier for f in confident}
    assert "names" not in {f.identifier for f in doubtful}  # texture debris read as letters (37–45 here)


def test_equipment_text_gives_no_identifier(scanner):
    text = "TIS 0.5 MI 1.4\n36Hz L12-5 2D 60%\nAdv Breast\nCHEST PA 120kVp 4mAs\nWL 40 WW 400"
    tokens = text.replace("\n", " ").split(" ")
    words, offsets, position = [], [], 0
    for token in tokens:
        start = text.index(token, position)
        words.append(OcrWord(token, 95, (start * 8, 0, len(token) * 8, 12)))
        offsets.append((start, start + len(token)))
        position = start + len(token)
    frame = burned_in.FrameText(0, OcrText(text, tuple(words), tuple(offsets)), True, (800, 600))
    detections = scanner._text_scanner().detect([text])[0]
    findings = burned_in.frame_findings("x", "ocr", frame, detections, [], KEEPER)
    assert not [f for f in findings if f.identifier], findings


def test_image_without_text_is_skipped_without_ocr(scanner, monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("OCR was called on an image without text")

    monkeypatch.setattr(burned_in, "ocr_words", boom)
    yy, xx = np.mgrid[0:256, 0:256]
    smooth = (128 + 60 * np.sin(xx / 40.0) * np.cos(yy / 50.0)).astype(np.uint8)
    assert _scan(scanner, _dicom(smooth)) == []
    png = io.BytesIO()
    Image.fromarray(smooth).save(png, "PNG")
    assert _scan(scanner, png.getvalue(), kind="image") == []


def test_huge_declared_size_is_a_clear_error():
    from pydicom.dataset import Dataset

    payload = bytearray(_dicom(np.zeros((8, 8), np.uint8)))
    from pydicom import dcmread

    ds = dcmread(io.BytesIO(bytes(payload)))
    ds.Rows = ds.Columns = 60000
    buffer = io.BytesIO()
    ds.save_as(buffer)
    with pytest.raises(RenderError, match="over the limit"):
        open_dicom(buffer.getvalue())
    assert isinstance(Dataset(), Dataset)


def _package_file(package: str, *parts: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)
    return path if path.exists() else None


@pytest.mark.parametrize(
    "package, parts, expected",
    [
        # GREYSCALE_IMAGE: patient name (header match), the burned-in ID 00079241539 (≠ header PatientID),
        # birth and study dates, the institution (cut to "CCHS CLEVELAN..").
        ("deid_data", ("data", "ultrasounds", "GREYSCALE_IMAGE.dcm"), {"names", "mrn", "dates", "INSTITUTION_NAME"}),
        # RGB_IMAGE: name, burned-in ID 00047431395, accession, date, institution.
        ("deid_data", ("data", "ultrasounds", "RGB_IMAGE.dcm"), {"names", "mrn", "dates", "account", "INSTITUTION_NAME"}),
        # US1 (pydicom-data): the institution banner.
        ("data_store", ("data", "US1_UNCI.dcm"), {"INSTITUTION_NAME"}),
    ],
)
def test_real_ultrasound_burned_in_values(scanner, package, parts, expected):
    path = _package_file(package, *parts)
    if path is None:
        pytest.skip(f"{package} not installed")
    findings = _scan(scanner, path.read_bytes())
    found = _ids(findings) | {f.entity for f in findings}
    assert expected <= found, expected - found


SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def test_a_confident_misread_does_not_hide_the_id_the_other_pass_read() -> None:
    # Pass 1 read the fused banner ID; pass 2 read the same place as `ID6E` with more confidence.
    first = OcrWord("1D6955510", 78.0, (3, 14, 53, 9))
    second = [OcrWord("ID6E", 82.0, (3, 14, 20, 9)), OcrWord("10", 71.0, (44, 12, 9, 14))]
    assert [w.text for w in burned_in._merge([first, *second])] == ["1D6955510"]
    # Without an identifier on either side, the more confident word stays.
    assert [w.text for w in burned_in._merge([OcrWord("CHEST", 60.0, (0, 0, 40, 9)), OcrWord("CHFST", 90.0, (0, 0, 40, 9))])] == ["CHFST"]


def test_a_doubtful_word_read_as_digits_is_no_bare_id() -> None:
    words = (OcrWord("440643", 54.0, (20, 74, 58, 12)), OcrWord("6104417023", 93.0, (20, 90, 80, 12)))
    ocr = OcrText("440643\n6104417023", words, ((0, 6), (7, 17)))
    hits = burned_in._banner_hits(ocr, medical=True)
    assert [(h.start, h.end, h.identifier) for h in hits] == [(7, 17, "mrn")]


def test_an_mrn_crossing_bone_is_read_whole(scanner) -> None:
    # The sample's 8-pixel MRN runs from dark air across a bright bone: pass 1 reads it cut short.
    findings = _scan(scanner, (SAMPLE / "dicom" / "cr_hand_burned_0006.dcm").read_bytes())
    mrn = [f for f in findings if f.identifier == "mrn"]
    assert mrn and mrn[0].bbox[0] + mrn[0].bbox[2] >= 70  # past the bone at x = 56–72


def test_a_cine_banner_is_reported_once_and_a_later_frame_s_own_text_in_its_frame(scanner) -> None:
    findings = _scan(scanner, (SAMPLE / "dicom" / "us_cine_0012.dcm").read_bytes())
    names = {(f.field, f.identifier) for f in findings if f.identifier}
    assert ("ocr:frame:0", "names") in names and ("ocr:frame:0", "mrn") in names and ("ocr:frame:0", "dates") in names
    assert ("ocr:frame:2", "names") in names  # the sonographer, shown only on the frozen last frame
    assert not {field for field, _ in names} - {"ocr:frame:0", "ocr:frame:2"}


def test_16_bit_ct_and_monochrome1_overlays_of_the_sample(scanner) -> None:
    ct = _scan(scanner, (SAMPLE / "dicom" / "ct_burned_0011.dcm").read_bytes())
    assert {"names", "mrn", "dates"} <= _ids(ct)
    dx = _scan(scanner, (SAMPLE / "dicom" / "dx_mono1_burned_0013.dcm").read_bytes())
    assert {"names", "dates", "account"} <= _ids(dx)


@pytest.mark.parametrize("member", ["GREYSCALE_CINE.zip", "RGB_CINE.zip"])
def test_real_cines_are_read_whole_within_the_time_budget(scanner, member) -> None:
    import zipfile

    path = _package_file("deid_data", "data", "ultrasounds", member)
    if path is None:
        pytest.skip("deid-data not installed")
    with zipfile.ZipFile(path) as archive:
        payload = archive.read(archive.namelist()[0])
    findings = _scan(scanner, payload)  # a PixelTextIncomplete (budget spent) would be raised here
    assert {"names", "mrn", "dates"} <= _ids(findings)


def test_us1_preset_code_is_not_an_mrn(scanner) -> None:
    path = _package_file("data_store", "data", "US1_UNCI.dcm")
    if path is None:
        pytest.skip("pydicom-data not installed")
    assert "mrn" not in _ids(_scan(scanner, path.read_bytes()))


def test_a_face_photo_stored_as_dicom_is_read_once_and_names_no_one(scanner) -> None:
    """pydicom-data's OT-PAL-8-face: a palette-colour photo whose texture passes for text regions. Pass 1 reads
    debris there, so it is not read again (no retry, no bright-overlay pass outside the banners), and the
    debris that spells given names (`Reo`, `Baty`, read at confidence 37–45) names no one."""
    path = _package_file("data_store", "data", "OT-PAL-8-face.dcm")
    if path is None:
        pytest.skip("pydicom-data not installed")
    item = Item("face", "dicom", "h", payload=path.read_bytes())
    assert burned_in.read_item(item).ocr_calls == 1
    assert not _ids(_scan(scanner, path.read_bytes()))


def test_small_text_on_a_screenshot_is_read_at_full_scale_after_the_probe(scanner, monkeypatch) -> None:
    """Pass 1 reads a photo's or screenshot's crops upscaled at most 2x (texture is cheap to reject that way);
    a crop that reads a plausible word is read again at full scale, so 9-pixel text still gives its values."""
    font = ImageFont.load_default(size=11)
    image = Image.new("L", (900, 300), 250)
    draw = ImageDraw.Draw(image)
    draw.text((20, 40), "Patient: Marisol Okonkwo-Haines   MRN: 55512034", fill=20, font=font)
    draw.text((20, 60), "DOB 11/12/1950   Phone (614) 555-0187", fill=20, font=font)
    scales = []
    real = burned_in._ocr_crops
    monkeypatch.setattr(burned_in, "_ocr_crops", lambda crops, *a: scales.append([c.scale for c in crops]) or real(crops, *a))
    png = io.BytesIO()
    image.save(png, "PNG")
    found = _ids(_scan(scanner, png.getvalue(), kind="image"))
    assert {"names", "mrn", "dates", "phone"} <= found
    assert max(scales[0]) <= burned_in.PHOTO_PROBE_UPSCALE < max(scales[1])
