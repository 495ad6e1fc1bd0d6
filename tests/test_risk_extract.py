"""Quasi-identifiers are read at scan time from raw values and stored generalized: the forms people write their
age and sex in, DICOM headers from pydicom's own test files, a planted unique post through a real scan, and no
raw city, facility or ZIP in the store."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from pydicom.data import get_testdata_file

from auditor import scan
from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.risk.extract import extract
from auditor.risk.measures import measure
from auditor.store import FindingsStore, quasi_store
from tests.store_sql import rows as store_rows

KEEPER = EvidenceKeeper(b"k" * 32)


def _post(text: str, created_at: str | None = "2024-05-02T10:00:00Z") -> Item:
    return Item("posts.jsonl#1", "post", "h", {"text": text}, created_at=created_at)


@pytest.mark.parametrize(
    "text, band, sex",
    [
        ("62F, new diagnosis of breast cancer", "60-69", "F"),
        ("Update (70yo M): the scan came back clear", "70-79", "M"),
        ("I'm a 62-year-old woman with lupus", "60-69", "F"),
        ("45 y/o female, two kids, asthma since childhood", "40-49", "F"),
        ("My dad is 91 years old, male, and stubborn", "90+", "M"),
        ("I am 33 years old and I'm a man who cries at scans", "30-39", "M"),
        ("aged 58, sex not given", "50-59", None),
        ("Risk factors for stroke in a 75-year-old Caucasian male patient", "70-79", "M"),
        ("antibiotics for a 23-year-old pregnant woman with penicillin allergy", "20-29", "F"),
    ],
)
def test_age_and_sex_are_read_from_the_forms_people_write(text: str, band: str, sex: str | None) -> None:
    record = extract(_post(text), [], KEEPER)
    assert (record.age_band, record.sex) == (band, sex)


@pytest.mark.parametrize(
    "text",
    [
        "Raised 5 M dollars for the clinic",
        "in my 20s I had no idea",
        "took 2 F-16 photos",
        "version 10 of the app",
        "wearing a 3M mask",
        "they put in a 14F Foley",
        "a 16F catheter",
    ],
)
def test_counts_and_decades_are_not_ages(text: str) -> None:
    record = extract(_post(text), [], KEEPER)
    assert (record.age_band, record.sex) == (None, None)


def test_dates_become_year_months_and_a_birth_date_is_not_the_event() -> None:
    assert extract(_post("DOB 03/04/1961, seen on 11/02/2023"), [], KEEPER).month == "2023-11"
    assert extract(_post("admitted in March"), [], KEEPER).month == "2024-03"  # the post's year
    assert extract(_post("nothing dated here"), [], KEEPER).month == "2024-05"  # the post itself
    assert extract(_post("you may call me, Jan said", created_at=None), [], KEEPER).month is None
    assert extract(_post("seen Jan 5", created_at=None), [], KEEPER).month is None  # no year to put it in
    assert extract(_post("seen Jan 5, 2022", created_at=None), [], KEEPER).month == "2022-01"


def test_a_state_is_read_after_a_city_but_a_credential_is_not_a_state() -> None:
    assert extract(_post("we moved to Fresno, CA last year"), [], KEEPER).state == "CA"
    assert extract(_post("thanks to Jane Roe, MD for everything"), [], KEEPER).state is None
    assert extract(_post("mail it to Baltimore, MD 21201"), [], KEEPER).state == "MD"


def test_a_dicom_header_gives_sex_modality_month_and_a_digest_of_the_institution() -> None:
    path = Path(get_testdata_file("US1_UNCR.dcm"))
    record = extract(Item(path.name, "dicom", "h", payload=path.read_bytes()), [], KEEPER)
    assert (record.sex, record.modality, record.month) == ("M", "US", "2004-08")
    assert record.facility == KEEPER.digest("BAPTIST MED CTR", "geographic")


def test_a_placeholder_dicom_age_is_no_age() -> None:
    path = Path(get_testdata_file("CT_small.dcm"))  # PatientAge 000Y, PatientSex O
    record = extract(Item(path.name, "dicom", "h", payload=path.read_bytes()), [], KEEPER)
    assert (record.age_band, record.sex, record.modality) == (None, None, "CT")


POSTS = [
    {"id": "u1", "text": "62F, I live in Fresno; admitted to Saint Agnes in March for a biopsy.", "created_at": "2024-04-01T09:00:00Z"},
    *[
        {"id": f"c{i}", "text": f"45M from Austin, TX here, knee surgery went fine (update {i}).", "created_at": f"2024-04-0{i}T09:00:00Z"}
        for i in range(1, 6)
    ],
    {"id": "n1", "text": "Does anyone else get headaches after the MRI?", "created_at": "2024-04-02T09:00:00Z"},
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("planted")
    (corpus / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in POSTS) + "\n", encoding="utf-8")
    store = corpus / "audit.db"
    scan([corpus], store, scanner_names=["text"])
    return store


def test_a_planted_62f_fresno_saint_agnes_march_post_is_sample_unique(planted: Path) -> None:
    with FindingsStore.open_existing(planted, read_only=True) as store:
        unique = quasi_store.records(store, ["posts.jsonl#u1"])["posts.jsonl#u1"]
        result = measure(store, ("age", "sex", "state", "month"))
    assert (unique.age_band, unique.sex, unique.state, unique.month) == ("60-69", "F", "CA", "2024-03")
    assert unique.city is not None and unique.facility is not None
    uniques = [cls for cls in result.riskiest if cls.size == 1]
    assert ["posts.jsonl#u1"] in [cls.items for cls in uniques]
    assert {"age": "40-49", "sex": "M", "state": "TX", "month": "2024-04"} in [cls.values for cls in result.riskiest if cls.size == 5]


def test_the_store_keeps_no_raw_city_facility_or_age(planted: Path) -> None:
    with FindingsStore.open_existing(planted, read_only=True) as store:
        rows = store_rows(store, "SELECT * FROM quasi_identifiers")
    dumped = json.dumps(rows).lower()
    for raw in ("fresno", "saint agnes", "austin", "62f", "45m"):
        # as a value of its own: a keyed digest's hex may hold "62f" by chance (one store in a few dozen)
        assert re.search(rf"(?<![0-9a-f]){re.escape(raw)}(?![0-9a-f])", dumped) is None, raw


def test_an_item_of_an_older_extraction_is_scanned_again(planted: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(planted.read_bytes())
    with sqlite3.connect(copy) as db:  # as a store written by an older extraction would be
        db.execute("UPDATE quasi_identifiers SET version = 0 WHERE item = 'posts.jsonl#n1'")
    summary = scan([planted.parent / "posts.jsonl"], copy, scanner_names=["text"])
    assert (summary.scanned, summary.skipped) == (1, len(POSTS) - 1)
