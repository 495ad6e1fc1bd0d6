"""Burned-in banners as real exports carry them (issue 18): a stale CT rescale/window over 8-bit values in a 16-bit
container, labelled banner lines read as identifiers of their label's type without any header, and the JPEG copy
of a frame giving the identifiers its DICOM gives. Fixtures: `tests/fixtures/burned_in/` (made by its
`make_burned_in.py`) and frames drawn here with Pillow's own font."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from auditor import boxes
from auditor.evidence import EvidenceKeeper
from auditor.media.frames import STORED_RANGE, WINDOW, iter_frames, open_dicom
from auditor.model import Item
from auditor.scanners.pixel import banner_labels, burned_in
from auditor.scanners.pixel.burned_in import join_words
from auditor.scanners.pixel.ocr import OcrWord

pytestmark = pytest.mark.needs_tesseract

FIXTURES = Path(__file__).parent / "fixtures" / "burned_in"
KEEPER = EvidenceKeeper(b"k" * 32)
needs_ocr = pytest.mark.needs_tesseract

BANNER = [
    "Name: BEASLEY ANDREW",
    "Patient ID: 6415974217",
    "DOB: 05/03/1937",
    "Age: 092Y",
    "Sex: M",
    "Study Date: 1988 Jun 09",
    "Institution Name: Maynard-Clarke Medical",
    "Clinic",
]


@pytest.fixture(scope="module")
def scanner() -> burned_in.BurnedInTextScanner:
    return burned_in.BurnedInTextScanner()


def _scan(scanner, payload: bytes, kind: str):
    outcome = scanner.scan_batch([Item(f"x.{kind}", kind, "h", payload=payload)], KEEPER)[0]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def _frame_with_banner(size=(512, 400)) -> np.ndarray:
    """A dark frame with a body-like ellipse and the banner top left, in 0–255 (text at 255)."""
    image = Image.new("L", size, 0)
    draw = ImageDraw.Draw(image)
    draw.ellipse((60, 150, 450, 390), fill=105)
    font = ImageFont.load_default(size=14)
    for row, line in enumerate(BANNER):
        x = 4 if row < len(BANNER) - 1 else 4 + round(draw.textlength("Institution Name: ", font=font))
        draw.text((x, 4 + 19 * row), line, fill=255, font=font)
    return np.asarray(image)


def _ct(stored: np.ndarray, **attributes) -> bytes:
    """A CT file storing `stored` in a 16-bit container under the rescale and window given."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = "2.25.1234"
    ds.Modality, ds.PatientName, ds.PatientID, ds.PatientIdentityRemoved = "CT", "ANON^0001", "PSEUDO-0001", "YES"
    ds.Rows, ds.Columns = stored.shape
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    for key, value in attributes.items():
        setattr(ds, key, value)
    ds.PixelData = stored.astype(np.uint16).tobytes()
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


STALE_CT = {"RescaleIntercept": -1024, "RescaleSlope": 1, "WindowCenter": 40, "WindowWidth": 400}


def test_a_stale_ct_window_over_8_bit_values_renders_from_the_stored_range_with_the_text_visible():
    display = _frame_with_banner()
    frame = next(iter_frames(open_dicom(_ct(display, **STALE_CT))))
    assert frame.rendering == STORED_RANGE  # the header's window would leave every pixel black
    text, air = frame.grey[4:20, 4:120], frame.grey[370:400, 0:50]
    assert text.max() == 255 and air.max() < 40  # white type on dark air, as the modality showed it
    assert frame.grey[250, 250] > 60  # and the anatomy is there too


def test_a_trustworthy_window_keeps_the_header_rendering():
    display = _frame_with_banner().astype(np.float32)
    hounsfield = np.where(display > 200, 3000, display * 4 + 900)  # 12-bit CT, text at the top value
    frame = next(iter_frames(open_dicom(_ct(hounsfield, RescaleIntercept=-1024, RescaleSlope=1, WindowCenter=40, WindowWidth=400))))
    assert frame.rendering == WINDOW


@needs_ocr
def test_the_stale_window_ct_fixture_is_read_and_says_which_rendering_read_it(scanner):
    findings = _scan(scanner, (FIXTURES / "tune" / "ct_00.dcm").read_bytes(), "dicom")
    typed = {f.identifier for f in findings if f.identifier}
    assert {"names", "mrn", "dates", "account"} <= typed
    assert {f.field for f in findings} == {"ocr:stored-range"}


@needs_ocr
def test_text_the_window_clips_into_bright_bone_is_read_from_the_stored_values(scanner):
    display = _frame_with_banner().astype(np.float32)
    stored = np.where(display > 200, 3400, display * 4 + 900)
    stored[:170, :] = np.where(display[:170, :] > 200, 3400, 2600)  # the banner over tissue the window saturates
    payload = _ct(stored, RescaleIntercept=-1024, RescaleSlope=1, WindowCenter=40, WindowWidth=400)
    frame = next(iter_frames(open_dicom(payload)))
    assert frame.rendering == WINDOW and frame.grey[4:20, 4:120].min() == 255  # invisible in the windowed frame
    findings = _scan(scanner, payload, "dicom")
    assert {"names", "mrn", "dates"} <= {f.identifier for f in findings if f.field == "ocr:stored-values"}


@needs_ocr
def test_a_labelled_banner_without_any_header_yields_findings_of_each_labels_type(scanner):
    buffer = io.BytesIO()
    Image.fromarray(_frame_with_banner()).save(buffer, format="PNG")
    findings = _scan(scanner, buffer.getvalue(), "image")  # an image: no header to confirm anything
    by_entity = {(f.entity, f.identifier) for f in findings}
    assert ("PERSON", "names") in by_entity
    assert ("MEDICAL_RECORD_NUMBER", "mrn") in by_entity  # a bare 10-digit number, typed by its label
    assert ("FACILITY", "geographic") in by_entity
    assert ("AGE_OVER_89", "dates") in by_entity
    dates = [f for f in findings if f.entity == "PERSON_DATE"]
    assert len(dates) == 2  # "05/03/1937" and "1988 Jun 09"
    facility = next(f for f in findings if f.entity == "FACILITY")
    assert facility.bbox[3] > 25  # the institution wrapped over two lines is one value
    assert not any(f.identifier for f in findings if f.entity == "PATIENT_SEX")


@needs_ocr
def test_the_jpeg_and_dicom_variants_of_one_frame_give_the_same_identifiers(scanner):
    display = _frame_with_banner()
    buffer = io.BytesIO()
    Image.fromarray(display).save(buffer, format="JPEG", quality=85)
    from_dicom = _scan(scanner, _ct(display, **STALE_CT), "dicom")
    from_jpeg = _scan(scanner, buffer.getvalue(), "image")

    def identifiers(findings):
        return sorted((f.identifier, f.digest) for f in findings if f.identifier)

    assert identifiers(from_dicom) == identifiers(from_jpeg)
    assert len(identifiers(from_dicom)) >= 6


def _ocr(lines: list[list[tuple[str, int]]], height: int = 10):
    """OCR words at (text, x) per line, 14 px apart: what `read_frame` hands the findings."""
    words = [OcrWord(text, 90, (x, 14 * row, 6 * len(text), height)) for row, line in enumerate(lines) for text, x in line]
    return join_words(words)


def _values(ocr) -> list[tuple[str, str]]:
    return [(value.field.entity, ocr.text[value.start : value.end]) for value in banner_labels.labelled_values(ocr)]


def test_labels_type_their_values_with_misread_colons_and_several_labels_on_a_line():
    ocr = _ocr(
        [
            [("Sexi", 0), ("M", 30)],
            [("DOB", 0), ("1974-01-02", 24), ("Age:", 110), ("45", 140)],
            [("Accession", 0), ("No", 60), ("33199414", 80)],
        ]
    )
    assert _values(ocr) == [("PATIENT_SEX", "M"), ("PERSON_DATE", "1974-01-02"), ("PATIENT_AGE", "45"), ("ACCOUNT_NUMBER", "33199414")]


def test_a_right_aligned_value_far_from_its_label_is_the_labels_value():
    ocr = _ocr([[("Patient", 0), ("ID:", 48), ("A-77/3", 300)]])  # a gap wide enough to split the line in two
    assert "\n" in ocr.text
    assert _values(ocr) == [("MEDICAL_RECORD_NUMBER", "A-77/3")]


def test_a_wrapped_institution_continues_on_the_next_line_but_a_labelled_line_does_not():
    ocr = _ocr(
        [[("Institution", 0), ("Name:", 72), ("Maynard-Clarke", 110), ("Medical", 200)], [("Clinic", 110)], [("Name:", 0), ("DOE", 36)]]
    )
    assert _values(ocr) == [("FACILITY", "Maynard-Clarke Medical\nClinic"), ("PERSON", "DOE")]


def test_words_without_a_label_and_placeholders_are_not_labelled_values():
    ocr = _ocr([[("Name:", 0), ("ANONYMOUS", 36)], [("Named", 0), ("after", 40), ("Dr", 80)], [("DOB:", 0), ("unknown", 30)]])
    assert _values(ocr) == []


def test_an_age_is_a_safe_harbor_date_only_over_89_years():
    assert banner_labels.age_over_89("092Y") and banner_labels.age_over_89("94")
    assert not banner_labels.age_over_89("089Y") and not banner_labels.age_over_89("095M")


def test_a_name_label_over_a_facility_is_a_facility_but_an_all_caps_name_stays_a_name():
    ocr = _ocr([[("Name:", 0), ("Northgate", 36), ("Community", 96)], [("Health", 36), ("Center", 80)]])
    assert _values(ocr) == [("FACILITY", "Northgate Community\nHealth Center")]
    ocr = _ocr([[("Name:", 0), ("DOE", 36), ("JOHN", 60)], [("Clinic", 36)]])
    assert _values(ocr) == [("PERSON", "DOE JOHN")]


def test_a_misspelt_two_word_label_is_one_label_not_a_name_label_inside_it():
    ocr = _ocr([[("Institutian", 0), ("Name:", 72), ("Northgate", 110), ("Community", 170)]])
    assert _values(ocr) == [("FACILITY", "Northgate Community")]


def test_the_rest_of_a_misread_label_is_no_part_of_the_number_after_it():
    ocr = _ocr(
        [
            [("Accession", 0), ("#1", 60), ("44237236", 80)],
            [("Accessivn", 0), ("Now", 60), ("73379571", 90)],
            [("Accession", 0), ("No:", 60), ("0:", 84), ("87360857", 100)],
            [("MRN:", 0), ("2", 30), ("2128174773", 40)],
            [("MRN:", 0), ("673", 30), ("170", 52), ("345", 74)],
        ]
    )
    assert _values(ocr) == [
        ("ACCOUNT_NUMBER", "44237236"),
        ("ACCOUNT_NUMBER", "73379571"),
        ("ACCOUNT_NUMBER", "87360857"),
        ("MEDICAL_RECORD_NUMBER", "2128174773"),
        ("MEDICAL_RECORD_NUMBER", "673 170 345"),
    ]


def test_a_wrapped_value_is_found_below_its_line_when_another_columns_text_is_read_between():
    # a viewer's series panel left of the image: its caption lies between the two lines in reading order
    words = [
        OcrWord(t, 90, (x, y, 6 * len(t), 10))
        for t, x, y in [
            ("Institution", 200, 0),
            ("Name:", 272, 0),
            ("Northgate", 310, 0),
            ("Community", 370, 0),
            ("Se", 0, 8),
            ("1", 20, 8),
            ("396", 30, 8),
            ("Health", 310, 14),
            ("Center", 350, 14),
        ]
    ]
    ocr = join_words(words)
    assert ocr.text.index("396") < ocr.text.index("Health")
    assert _values(ocr) == [("FACILITY", "Northgate Community"), ("FACILITY", "Health Center")]


def test_a_labelled_banner_is_re_read_as_a_whole_over_the_lines_the_first_reading_did_not_type():
    ocr = _ocr([[("Name:", 0), ("DOE", 36)], [("MRN:", 0), ("1234567", 36)]])
    text_lines = [(0, 28, 90, 10), (0, 42, 140, 10)]  # two more banner lines the first reading read nothing typed in
    anatomy = (0, 80, 400, 200)
    (x, y, w, h), _line = burned_in._labelled_block(ocr, 512, 512, text_lines + [anatomy])
    assert y == 0 and 52 <= y + h < 80 and x + w >= 140


def test_labels_misread_with_digits_bars_or_split_letters_are_still_labels():
    ocr = _ocr(
        [
            [("D0B:", 0), ("05/03/1937", 30)],
            [("Patient", 0), ("|D:", 48), ("6415974217", 72)],
            [("Narne:", 0), ("BEASLEY", 44), ("ANDREW", 100)],
        ]
    )
    assert _values(ocr) == [("PERSON_DATE", "05/03/1937"), ("MEDICAL_RECORD_NUMBER", "6415974217"), ("PERSON", "BEASLEY ANDREW")]


def test_a_misspelt_label_after_a_stray_mark_is_still_a_label_and_the_mark_is_no_part_of_it():
    """Tesseract reads a tick or an edge of anatomy just left of a banner line as a mark of one or two characters
    ("Bi Listitution Name 7 Ottoway Diagnostic", viewer `mr_00`): the misspelt label after it still types the value,
    and the label as read is no name of its own."""
    ocr = _ocr([[("Bi", 0), ("Listitution", 16), ("Name", 86), ("7", 114), ("Ottoway", 124), ("Diagnostic", 170)]])
    [value] = banner_labels.labelled_values(ocr)
    assert value.field is banner_labels.FACILITY and ocr.text[slice(*value.label)] == "Listitution Name"
    assert banner_labels.is_label("Bi Listitution Name")
    assert not banner_labels.labelled_values(_ocr([[("Bi", 0), ("Northgate", 16), ("Harbour", 76)]]))


@pytest.mark.parametrize(
    "value, years",
    [
        ("064Y", 64),
        ("64 Y", 64),
        ("64", 64),
        ("7 yrs", 7),
        ("018M", 1),
        ("003W", 0),
        ("O99Y", 99),
        ("OO7M", 0),
        ("OOOY", None),
        ("Y64", None),
        ("412", None),
    ],
)
def test_an_age_value_is_read_in_whole_years_as_banners_write_it(value, years):
    assert banner_labels.age_years(value) == years


def test_a_birth_label_is_told_from_an_events_date_label():
    assert all(banner_labels.is_birth_label(label) for label in ("DOB:", "D0B", "D.O.B.", "Birth Date:", "Date of Birth"))
    assert not any(banner_labels.is_birth_label(label) for label in ("Study Date:", "Series Date", "Date:"))


def test_a_bare_compact_date_on_a_banner_is_a_date_and_other_bare_numbers_stay_ids():
    ocr = _ocr([[("Study", 0), ("Oste", 40), ("19440804", 80)], [("MRN:", 0), ("5640026", 36)], [("Sa", 0), ("37701299", 40)]])
    frame = burned_in.FrameText(0, ocr, True, (512, 512))
    typed = {
        (ocr.text[f.span[0] : f.span[1]], f.identifier) for f in burned_in.frame_findings("x", "ocr", frame, [], [], KEEPER) if f.identifier
    }
    # 1970-12-99 is no day: an ID, and with the MRN labelled above it, the accession
    assert typed == {("19440804", "dates"), ("5640026", "mrn"), ("37701299", "account")}


@pytest.mark.parametrize(
    "value, field, formed",
    [
        ("05/03/1937", banner_labels.DATE, True),
        ("1988 Jun 09", banner_labels.DATE, True),
        ("19600213", banner_labels.DATE, True),
        ("13451", banner_labels.DATE, False),  # five digits of a misread date are no day
        ("12/19/2° 7", banner_labels.DATE, False),
        ("094Y", banner_labels.AGE, True),
        ("O94Y", banner_labels.AGE, True),  # its leading zero read as the letter O
        ('634"', banner_labels.AGE, False),
        ("699Y", banner_labels.AGE, False),  # no one is 699 years old
        ("B1688848", banner_labels.RECORD, True),
        ("542-876-293", banner_labels.RECORD, True),
        ("54>", banner_labels.RECORD, False),
        ("LAFLEUR^OLUWASEUN", banner_labels.NAME, True),
        ("MORENO-DIAZ, DRAGAN", banner_labels.NAME, True),
        ("NO.D avgy AN 2", banner_labels.NAME, False),
        ("Marlow-Fenwick Imaging Clinic", banner_labels.FACILITY, True),
        ("a eneral Gr tr", banner_labels.FACILITY, False),
        ("F", banner_labels.SEX, True),
        ("SenM", banner_labels.SEX, False),
    ],
)
def test_a_labelled_value_is_well_formed_when_it_reads_as_its_fields_values_are_written(value, field, formed):
    assert banner_labels.well_formed(value, field) is formed


def test_a_banner_row_whose_value_was_misread_is_read_again_and_a_row_read_well_is_not():
    ocr = _ocr([[("DOB:", 0), ("13451", 30)], [("MRN:", 0), ("1234567", 36)], [("Age:", 0), ("064Y", 30)]])
    rows = burned_in._unlabelled_rows(ocr, (0, 0, 200, 60), 10.0, [w.bbox for w in ocr.words])
    assert [row[1] <= 5 < row[1] + row[3] for row in rows] == [True]  # the DOB's row only


def test_a_banner_reads_better_with_more_well_formed_values_even_when_it_has_no_more_labelled_values():
    misread = _ocr([[("DOB:", 0), ("13451", 30)], [("Age:", 0), ('634"', 30)]])
    reread = _ocr([[("DOB:", 0), ("19451109", 30)], [("Age:", 0), ('634"', 30)]])
    assert burned_in._banner_score(misread) == (0, 2)
    assert burned_in._banner_score(reread) == (1, 2)
    assert burned_in._reads_better(reread, misread) and not burned_in._reads_better(misread, reread)
    fewer = _ocr([[("DOB:", 0), ("19451109", 30)]])  # one value well formed, but the age's row lost its label
    assert not burned_in._reads_better(fewer, misread)


def test_an_id_in_digit_groups_is_an_id_after_its_label_but_not_a_date_nor_a_number_without_one():
    ocr = _ocr(
        [
            [("LAFLEUR,", 0), ("OLUWASEUN", 60), ("ID", 130), ("542-876-293", 150)],
            [("Study", 0), ("ID", 40), ("2014-07-14", 60)],
            [("Dose", 0), ("120-450-300", 40)],
        ]
    )
    frame = burned_in.FrameText(0, ocr, False, (512, 512))
    typed = {
        (ocr.text[f.span[0] : f.span[1]], f.identifier) for f in burned_in.frame_findings("x", "ocr", frame, [], [], KEEPER) if f.identifier
    }
    assert ("542-876-293", "mrn") in typed
    assert not any(value in ("2014-07-14", "120-450-300") and identifier == "mrn" for value, identifier in typed)


def test_the_thin_stroke_binarisation_keeps_faint_type_over_a_brighter_background_whole():
    """Grey type (level 150) on air that brightens into tissue (60 → 140): one threshold for the whole crop
    inks the tissue or loses the strokes over it; thresholding against the local mean keeps the strokes alone."""
    line, font = "Patient ID: 6415974217", ImageFont.load_default(size=10)
    image = Image.fromarray(np.tile(np.linspace(60, 140, 140), (20, 1)).astype(np.uint8))
    ImageDraw.Draw(image).text((4, 5), line, fill=150, font=font)
    drawn = Image.new("L", image.size, 0)
    ImageDraw.Draw(drawn).text((4, 5), line, fill=255, font=font)
    glyphs = np.asarray(drawn) > 128
    over_tissue = np.zeros_like(glyphs)
    over_tissue[:, 80:] = True

    def read(binarise: str) -> tuple[float, float]:
        """(strokes kept, background inked) over the brightest tissue."""
        crop = burned_in.prepare.prepare(np.asarray(image), (0, 0, 140, 20), 10, binarise=binarise, max_scale=1.0)
        ink = crop.image[crop.pad : crop.pad + 20, crop.pad : crop.pad + 140] < 128
        strokes, background = glyphs & over_tissue, ~glyphs & over_tissue
        return np.count_nonzero(ink & strokes) / np.count_nonzero(strokes), np.count_nonzero(ink & background) / np.count_nonzero(
            background
        )

    kept, inked = read("strokes")
    assert kept > 0.8 and inked < 0.1
    kept, inked = read("otsu")
    assert kept < 0.8 or inked > 0.1


def test_a_faint_banner_over_mr_tissue_is_read_by_its_thin_strokes_where_the_first_reading_is_weak(scanner):
    """Grey 8–11 px type over MR tissue as bright as it (`tune_faint/mr_02.dcm`): the background and Otsu
    readings misspell the accession number (`32657112`, then taken for an MRN); the crop's thin strokes against
    their local mean read it, and it is typed by its label."""
    labels = next(r for r in _labels("tune_faint") if r["item"] == "mr_02.dcm")["labels"]
    accession = next(label for label in labels if label["identifier"] == "account")
    findings = _scan(scanner, (FIXTURES / "tune_faint" / "mr_02.dcm").read_bytes(), "dicom")
    over = {f.identifier for f in findings if f.bbox and boxes.overlaps(f.bbox, accession["bbox"])}
    assert over == {"account"}


def _labels(split: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / f"{split}.labels.jsonl").read_text().splitlines() if line.strip()]


def test_text_rows_aligned_at_one_edge_make_a_block_with_the_values_beside_them_and_scattered_strokes_do_not():
    """A banner's labels start at one edge and its values follow them on their rows: the block the JPEG fallback
    reads holds both. A texture's text-like strokes line up at no edge."""
    labels = [(4, 4 + 12 * row, 40, 8) for row in range(4)]
    values = [(50, 4 + 12 * row, 60, 8) for row in range(4)]
    rib = (20, 150, 200, 20)  # taller than a text line: no value of the banner
    [block] = burned_in._aligned_block((0, 0, 300, 200), labels + values + [rib])
    assert block[0] <= 4 and block[0] + block[2] >= 110 and block[1] + block[3] < 150
    scattered = [(5 + 37 * n, 3 + 29 * n, 18 + 5 * n, 8) for n in range(5)]
    assert burned_in._aligned_block((0, 0, 300, 200), scattered) == []


def test_a_crop_that_read_a_banner_label_but_not_most_of_its_lines_is_read_again():
    """A banner whose boldest line was read confidently ("Birth Date: 19510505") and whose fainter lines were read
    as nothing is not done: the crop is retried like a weak one. A crop read over all its lines is."""
    regions = [(4, 4 + 12 * row, 100, 8) for row in range(6)]
    read_once = [OcrWord("Birth", 95, (4, 28, 22, 8)), OcrWord("Date:", 95, (28, 28, 22, 8)), OcrWord("19510505", 90, (52, 28, 46, 8))]
    assert burned_in._partly_read((0, 0, 120, 80), regions, read_once)
    assert not burned_in._partly_read((0, 0, 120, 80), regions[2:3], read_once)
    unlabelled = [OcrWord("Zoom", 95, (4, 28, 22, 8))]
    assert not burned_in._partly_read((0, 0, 120, 80), regions, unlabelled)


def test_a_viewer_screenshot_of_a_faint_banner_gives_the_names_ids_and_dates_its_dicom_gives(scanner):
    """`tune_faint/cr_00`: grey 8 px type over a radiograph, as a DICOM and as a quality-70 JPEG screenshot of a viewer
    (chrome, thumbnails, a title strip) that shows it dimmer than the stored values. The first reading of the JPEG
    reads the banner's boldest lines and misses the rest; the smoothed reading of the crop reads them."""

    def found(item: str) -> set[tuple[str, str]]:
        labels = next(r for r in _labels("tune_faint") if r["item"] == item)["labels"]
        findings = _scan(scanner, (FIXTURES / "tune_faint" / item).read_bytes(), "dicom" if item.endswith(".dcm") else "image")
        return {
            (label["identifier"], label["text"])
            for label in labels
            if label["identifier"] != "geographic"
            and any(f.identifier == label["identifier"] and f.bbox and boxes.overlaps(f.bbox, label["bbox"]) for f in findings)
        }

    from_dicom = found("cr_00.dcm")
    assert len(from_dicom) == 5
    assert found("cr_00.jpg") == from_dicom


def test_a_faint_banner_row_that_its_background_reading_scrambles_is_read_by_its_blurred_strokes(scanner):
    """`tune_faint/dx_02.dcm`: grey 10 px type over a radiograph. The banner's birth-date row, read again alone against its
    local background, comes out in pieces out of order ("2- 1954 FEB-"); its strokes after a blur over half a frame pixel
    read the date whole, in its own tesseract call, and the row keeps that reading: the date is typed by its label."""
    labels = next(r for r in _labels("tune_faint") if r["item"] == "dx_02.dcm")["labels"]
    birth = next(label for label in labels if label["text"] == "02-FEB-1954")
    findings = _scan(scanner, (FIXTURES / "tune_faint" / "dx_02.dcm").read_bytes(), "dicom")
    assert any(f.identifier == "dates" and f.bbox and boxes.overlaps(f.bbox, birth["bbox"]) for f in findings)


def test_a_bare_long_number_on_a_banner_whose_patient_id_is_labelled_is_an_accession_not_a_second_mrn():
    """A banner shows one patient ID; when its label is read ("Patient ID: 4417302"), the other long number whose label
    was misread past recognition ("Acos 37701213") is the study's accession. Alone, a bare number stays an MRN."""
    both = _ocr([[("Patient", 0), ("ID:", 48), ("4417302", 72)], [("Acos", 0), ("37701213", 40)]])
    alone = _ocr([[("Acos", 0), ("37701213", 40)]])

    def typed(ocr) -> set[tuple[str, str | None]]:
        frame = burned_in.FrameText(0, ocr, True, (512, 512))
        return {(ocr.text[slice(*f.span)], f.identifier) for f in burned_in.frame_findings("x", "ocr", frame, [], [], KEEPER) if f.span}

    assert {("4417302", "mrn"), ("37701213", "account")} <= typed(both)
    assert ("37701213", "mrn") in typed(alone)
