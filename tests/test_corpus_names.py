"""File, folder and member names are scanned (issue 20 §5): `jane-doe-mri.dcm` or `MRN 48213907.png` exposes
an identifier in its name, found with source `name`, counted in the item's verdict and stored masked."""

from __future__ import annotations

import sqlite3

import pytest

from auditor.corpus.names import name_text, name_text_read
from auditor.evidence import EvidenceKeeper
from auditor.locator_masks import untagged
from auditor.model import Item
from auditor.pipeline import scan
from auditor.scanners.file_name import FileNameScanner
from tests.hostile.make_hostile import dicom_bytes, png_bytes


def test_separators_read_as_spaces_one_for_one_so_a_span_is_the_same_in_the_name():
    assert name_text("scans/jane-doe-mri.dcm") == "scans Jane Doe mri dcm"
    assert len(name_text("scans/jane-doe-mri.dcm")) == len("scans/jane-doe-mri.dcm")
    assert name_text("DOE^JANE.dcm") == "DOE JANE dcm"


def test_dates_and_phone_numbers_keep_their_hyphens_and_dots():
    assert name_text("visit_1980-03-12.txt") == "visit 1980-03-12 txt"
    assert name_text("call 555.201.3344.txt") == "call 555.201.3344 txt"


def test_archive_members_are_read_and_record_ids_and_places_are_not():
    assert name_text("bundle.zip!maria garcia.pdf") == "bundle zip Maria Garcia pdf"
    assert name_text("posts.jsonl#48213907@line-4") == "posts jsonl"
    assert name_text("notes.csv#row-3") == "notes csv"


def test_the_name_scanner_reads_a_name_without_its_extensions_so_zip_is_no_label():
    assert name_text_read("bundle.zip!level2.txt") == "bundle     level2    "
    assert len(name_text_read("MRN%2348213907.txt")) == len(name_text("MRN%2348213907.txt"))


def test_escaped_characters_are_read_as_the_name_holds_them():
    assert name_text("MRN%2348213907.txt") == "MRN#48213907 txt"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("names") / "corpus"
    (root / "patients").mkdir(parents=True)
    (root / "MRN 48213907.png").write_bytes(png_bytes())
    (root / "jane-doe-mri.dcm").write_bytes(dicom_bytes(name="ANONYMOUS", description=None))
    (root / "patients" / "note.txt").write_text("nothing to see")
    store = root.parent / "audit.db"
    scan([root], store, scanner_names=["file_name", "text", "dicom_header", "image_metadata"])  # in-process: 3 items
    with sqlite3.connect(store) as db:
        findings = db.execute("SELECT item, source, entity, identifier, evidence FROM findings WHERE source = 'name'").fetchall()
        verdicts = dict(db.execute("SELECT item, risk FROM verdicts"))
        identifiers = dict(db.execute("SELECT item, identifiers FROM verdicts"))
    return findings, verdicts, identifiers


def stored_as(verdicts, shape: str) -> str:
    """The one stored locator that is `shape` (the true locator, `*` where it is masked) once its tag is cut."""
    (locator,) = [locator for locator in verdicts if untagged(locator) == shape]
    return locator


def test_an_mrn_in_a_file_name_is_a_finding_of_source_name_and_stored_masked(scanned):
    findings, verdicts, identifiers = scanned
    locator = stored_as(verdicts, "MRN ********.png")
    assert (locator, "name", "MEDICAL_RECORD_NUMBER", "mrn") in {row[:4] for row in findings}
    assert not any("48213907" in row[4] for row in findings)
    assert "mrn" in identifiers[locator] and verdicts[locator] != "none"


def test_a_person_named_in_a_lowercase_file_name_is_found_and_counts_in_the_verdict(scanned):
    findings, verdicts, identifiers = scanned
    locator = stored_as(verdicts, "****-***-mri.dcm")
    assert (locator, "name", "PERSON", "names") in {row[:4] for row in findings}
    assert "names" in identifiers[locator] and verdicts[locator] != "none"


def test_a_plain_name_gives_no_finding(scanned):
    findings, verdicts, _ = scanned
    assert not [row for row in findings if row[0] == "patients/note.txt"]
    assert verdicts["patients/note.txt"] == "none"


def test_health_words_in_a_name_are_not_findings(scanned):
    findings, _, _ = scanned
    assert not [row for row in findings if row[0].startswith("****-***-mri.dcm") and row[3] is None]


def test_an_identifier_in_a_file_name_reaches_no_stored_locator(scanned):
    _, verdicts, _ = scanned
    assert not [locator for locator in verdicts if "48213907" in locator or "jane" in locator.casefold()]


@pytest.mark.parametrize(
    ("locator", "people"),
    [
        ("MR_small_RLE.dcm", []),  # pydicom's test file: MR the modality, `small` no name
        ("MR-SIEMENS-DICOM-WithOverlays.dcm", []),  # a title's word that is no given name
        ("crayons.icc", []),
        ("bundle.zip!maria garcia.txt", ["M**** G*****"]),  # the name only, not `zip` nor `txt` beside it
        ("Mr_John_Smith.pdf", ["J*** S****"]),
    ],
)
def test_a_person_in_a_file_name_is_its_capitalised_words_and_a_title_alone_names_no_one(locator, people):
    (found,) = FileNameScanner().scan_batch([Item(locator, "dicom", "")], EvidenceKeeper(b"k" * 32))
    assert [finding.evidence for finding in found if finding.entity == "PERSON"] == people
