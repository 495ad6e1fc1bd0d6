"""`phi-audit redact --dicom-profile basic+OPTION`: each PS3.15 Annex E option with C (clean) actions applies its
own action (the text scanner's spans replaced, dates shifted, safe private attributes kept) where the Basic
Profile alone removes or replaces the whole value. Built on a real GE CT file of pydicom's test files."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pydicom import dcmread
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset

from auditor.pipeline import scan
from auditor.policy import load_policy
from auditor.redact import RedactOptions, redact
from auditor.redact.annex_e import parse_profile
from auditor.store import FindingsStore

POLICY = load_policy("hipaa-safe-harbor")
NAME, PHONE = "Margaret Okonkwo", "(415) 555-0167"


def _text_item(value_type: str, **values) -> Dataset:
    item = Dataset()
    item.ValueType = value_type
    item.RelationshipType = "CONTAINS"
    for keyword, value in values.items():
        setattr(item, keyword, value)
    return item


@pytest.fixture(scope="module")
def ct_corpus(tmp_path_factory):
    """CT_small.dcm (GE LightSpeed: GEMS_* private blocks) with descriptors, patient characteristics, SR-style
    content and a graphic annotation that carry a name and a phone number, and a second file of the same patient."""
    root = tmp_path_factory.mktemp("ct")
    ct = dcmread(get_testdata_file("CT_small.dcm"))
    ct.StudyDescription = f"CT chest, referred by Dr. {NAME}"
    ct.ImageComments = f"Ask for {NAME} on {PHONE} before contrast"
    ct.Allergies = f"Penicillin; daughter {PHONE}"
    ct.StationAETitle = "CTAWP_7"
    ct.StudyDate, ct.SeriesDate, ct.StudyTime, ct.PatientBirthDate = "20200315", "20200301", "101500", "19600101"
    ct.ContentSequence = [
        _text_item("TEXT", TextValue=f"Findings discussed with {NAME} at {PHONE}; no nodule"),
        _text_item("PNAME", PersonName="OKONKWO^MARGARET"),
    ]
    text = Dataset()
    text.UnformattedTextValue = f"{NAME}: left kidney 4.2 cm"
    annotation = Dataset()
    annotation.GraphicLayer = "LAYER0"
    annotation.TextObjectSequence = [text]
    ct.GraphicAnnotationSequence = [annotation]
    ct.add_new(0x60000010, "US", ct.Rows)  # an overlay: its bitmap and a comment that names the patient
    ct.add_new(0x60000011, "US", ct.Columns)
    ct.add_new(0x60000040, "CS", "G")
    ct.add_new(0x60000050, "SS", [1, 1])
    ct.add_new(0x60000100, "US", 1)
    ct.add_new(0x60000102, "US", 0)
    ct.add_new(0x60003000, "OW", b"\xff" * (ct.Rows * ct.Columns // 8))
    ct.add_new(0x60004000, "LT", f"Measured for {NAME}: lesion 12 mm")
    ct.save_as(root / "ct.dcm")
    ct.SOPInstanceUID += ".2"
    ct.StudyDate = "20200322"
    ct.save_as(root / "ct2.dcm")
    store = tmp_path_factory.mktemp("store") / "audit.db"
    scan([root], store, POLICY)
    return root, store


def _copy(ct_corpus, out, profile: str, name: str = "ct.dcm", **options):
    _, store = ct_corpus
    with FindingsStore.open_existing(store) as opened:
        summary = redact(opened, RedactOptions(out, POLICY, dicom_profile=profile, **options))
    return summary, dcmread(out / name)


def _codes(copy) -> set[str]:
    return {item.CodeValue for item in copy.DeidentificationMethodCodeSequence}


def test_basic_profile_removes_descriptors_and_every_private_tag(ct_corpus, tmp_path):
    summary, copy = _copy(ct_corpus, tmp_path / "out", "basic")
    assert not summary.residual and "StudyDescription" not in copy and "ImageComments" not in copy and "Allergies" not in copy
    assert not [e for e in copy if e.tag.is_private]
    assert 0x60003000 not in copy and 0x60004000 not in copy  # overlay data and comments: X
    assert copy.ContentSequence[0].TextValue == "ANONYMIZED"  # D: the free text of the content gets a dummy
    assert copy.GraphicAnnotationSequence[0].TextObjectSequence[0].UnformattedTextValue == "ANONYMIZED"


def test_clean_descriptors_replaces_only_what_the_text_scanner_finds(ct_corpus, tmp_path):
    summary, copy = _copy(ct_corpus, tmp_path / "out", "basic+clean-descriptors")
    assert not summary.residual
    assert copy.StudyDescription.startswith("CT chest, referred by Dr.") and "Okonkwo" not in copy.StudyDescription
    assert "[NAME]" in copy.StudyDescription
    assert copy.ImageComments.startswith("Ask for") and "555-0167" not in copy.ImageComments and "[PHONE]" in copy.ImageComments
    assert copy.Allergies.startswith("Penicillin") and "555-0167" not in copy.Allergies  # C under this option too
    assert ("113105" in _codes(copy) and "PatientName" not in copy) or not copy.PatientName
    record = next(r for r in summary.written if r.item == "ct.dcm")
    assert record.actions["cleaned_spans"].get("names", 0) >= 1 and record.actions["cleaned_spans"].get("phone", 0) >= 2


def test_clean_descriptors_surrogates_are_not_taken_for_residues(ct_corpus, tmp_path):
    summary, copy = _copy(ct_corpus, tmp_path / "out", "basic+clean-descriptors", text_style="surrogate")
    assert "Okonkwo" not in copy.StudyDescription and copy.StudyDescription.startswith("CT chest, referred by Dr.")
    assert not summary.residual


def test_retain_patient_characteristics_cleans_allergies_and_keeps_sex_and_age(ct_corpus, tmp_path):
    original = dcmread(ct_corpus[0] / "ct.dcm")
    _, copy = _copy(ct_corpus, tmp_path / "out", "basic+retain-patient-chars")
    assert copy.Allergies.startswith("Penicillin") and "555-0167" not in copy.Allergies
    assert copy.PatientSex == original.PatientSex and "StudyDescription" not in copy and "113108" in _codes(copy)


def test_retain_device_identity_keeps_the_ae_title_cleaned(ct_corpus, tmp_path):
    _, basic = _copy(ct_corpus, tmp_path / "basic", "basic")
    _, copy = _copy(ct_corpus, tmp_path / "out", "basic+retain-device-id")
    assert "StationAETitle" not in basic and copy.StationAETitle == "CTAWP_7" and "113109" in _codes(copy)


def test_clean_structured_content_keeps_the_report_text_without_the_name_or_phone(ct_corpus, tmp_path):
    summary, copy = _copy(ct_corpus, tmp_path / "out", "basic+clean-structured-content")
    text = copy.ContentSequence[0].TextValue
    assert text.startswith("Findings discussed with") and text.endswith("no nodule") and "Okonkwo" not in text and "555" not in text
    assert copy.ContentSequence[1].PersonName != "OKONKWO^MARGARET"  # PersonName keeps its own D
    assert copy.GraphicAnnotationSequence[0].TextObjectSequence[0].UnformattedTextValue == "ANONYMIZED"  # not this option's
    assert "113104" in _codes(copy) and not summary.residual


def test_clean_graphics_keeps_the_annotation_text_cleaned(ct_corpus, tmp_path):
    summary, copy = _copy(ct_corpus, tmp_path / "out", "basic+clean-graphics")
    value = copy.GraphicAnnotationSequence[0].TextObjectSequence[0].UnformattedTextValue
    assert value.endswith(": left kidney 4.2 cm") and "Okonkwo" not in value and "113103" in _codes(copy) and not summary.residual
    comment = copy[0x60004000].value  # the overlay comment: the table's C for its repeating group, cleaned
    assert comment.startswith("Measured for") and comment.endswith("lesion 12 mm") and "Okonkwo" not in comment
    assert 0x60003000 not in copy  # the overlay bitmap: binary, no clean proved here, so its base X


def test_the_options_offered_are_the_annex_e_tables_option_columns_each_with_its_code(ct_corpus, tmp_path):
    import json

    from auditor.redact.annex_e import offered
    from auditor.scanners.dicom.rules import DATA

    columns = {column for row in json.loads(DATA.read_text(encoding="utf-8"))["attributes"] for column in row["options"]}
    assert {option.column for option in offered().values()} == columns and len(columns) == 10
    every = [name for name in offered() if name != "retain-long-modified-dates"]
    _, copy = _copy(ct_corpus, tmp_path / "out", "+".join(["basic", *every]))
    assert _codes(copy) == {"113100"} | {offered()[name].code for name in every}
    assert {offered()[name].code for name in offered()} == {f"1131{n:02d}" for n in range(3, 13)}
    assert copy.LongitudinalTemporalInformationModified == "UNMODIFIED" and len(copy.DeidentificationMethod) == len(every) + 1


def test_modified_dates_shift_one_patient_consistently_and_keep_intervals(ct_corpus, tmp_path):
    summary, first = _copy(ct_corpus, tmp_path / "out", "basic+retain-long-modified-dates")
    second = dcmread(tmp_path / "out/ct2.dcm")

    def day(value: str) -> datetime.date:
        return datetime.datetime.strptime(value, "%Y%m%d").date()

    assert first.StudyDate != "20200315" and day(first.StudyDate) - day(first.SeriesDate) == datetime.timedelta(days=14)
    assert not first.PatientBirthDate  # not a longitudinal date: the option leaves it its Z
    assert day(second.StudyDate) - day(first.StudyDate) == datetime.timedelta(days=7)  # the same shift in both files
    assert first.StudyTime == "101500" and first.LongitudinalTemporalInformationModified == "MODIFIED" and "113107" in _codes(first)
    # Safe Harbor removes every date element: the verifying re-scan names the shifted dates, and only dates.
    assert {x["identifier"] for r in summary.residual for x in r.verification["residual"]} <= {"dates"}


def test_retain_safe_private_keeps_the_listed_ge_attributes_and_removes_the_rest(ct_corpus, tmp_path):
    original = dcmread(ct_corpus[0] / "ct.dcm")
    summary, copy = _copy(ct_corpus, tmp_path / "out", "basic+retain-safe-private")
    assert not summary.residual and "113111" in _codes(copy)
    assert copy[0x00191023].value == original[0x00191023].value  # GEMS_ACQU_01 Table Speed, on Table E.3.10-1
    assert copy[0x00431027].value == original[0x00431027].value and copy[0x00251007].value == original[0x00251007].value
    assert copy[0x00190010].value == "GEMS_ACQU_01"  # its private creator, kept with it
    kept = {int(e.tag) for e in copy if e.tag.is_private}
    assert kept == {0x00190010, 0x00191023, 0x00191024, 0x00191027, 0x00250010, 0x00251007, 0x00430010, 0x00431027}
    assert sum(1 for e in original if e.tag.is_private) > 100  # everything else of the GE blocks went


def test_unknown_or_conflicting_options_are_refused():
    assert parse_profile("basic+clean-descriptors+retain-safe-private") == ("clean-descriptors", "retain-safe-private")
    with pytest.raises(ValueError, match="exclude each other"):
        parse_profile("basic+retain-long-dates+retain-long-modified-dates")
    with pytest.raises(ValueError, match="unknown"):
        parse_profile("basic+clean-everything")


def test_the_safe_private_list_matches_creator_element_and_vr():
    from auditor.redact.safe_private import is_safe

    assert is_safe(" gems_acqu_01 ", 0x00191023, "DS") and is_safe("GEMS_ACQU_01", 0x00191123, "DS")  # any block
    assert not is_safe("GEMS_ACQU_01", 0x00191023, "LO")  # another VR: not the listed attribute
    assert not is_safe("GEMS_ACQU_01", 0x00191025, "DS") and not is_safe("SIEMENS CSA HEADER", 0x00291010, "OB")
    assert is_safe("GEMS_ACQU_01", 0x00191024, "UN") and not is_safe("GEMS_PARM_01", 0x00431027, "UN")  # a text as UN: not cleanable


@pytest.fixture(scope="module")
def private_corpus(tmp_path_factory):
    """Two real files, unchanged: a GE LightSpeed CT of pydicom's test data (GEMS_* blocks, six elements of them
    on the list, FL and SS among them) and deid-data's ctbrain1.dcm, whose private blocks (a Siemens dummy
    creator, creators holding numbers and bytes, private sequences with dates inside) are on no list."""
    import shutil

    import deid_data

    root = tmp_path_factory.mktemp("private")
    shutil.copyfile(get_testdata_file("dicomdirtests/77654033/CT2/17136"), root / "ge_ct.dcm")
    shutil.copyfile(Path(deid_data.__file__).parent / "data" / "humans" / "ctbrain1.dcm", root / "ctbrain1.dcm")
    store = tmp_path_factory.mktemp("store") / "audit.db"
    scan([root], store, POLICY)
    return root, store


def _private(dataset) -> set[int]:
    """Every private tag at any depth."""
    found = set()
    for element in dataset:
        if element.tag.is_private:
            found.add(int(element.tag))
        if element.VR == "SQ":
            for item in element.value or []:
                found |= _private(item)
    return found


def test_retain_safe_private_on_real_files_keeps_only_the_listed_attributes(private_corpus, tmp_path):
    root, _ = private_corpus
    summary, ge = _copy(private_corpus, tmp_path / "out", "basic+retain-safe-private", name="ge_ct.dcm")
    assert not summary.refused and not summary.residual and "113111" in _codes(ge)
    original = dcmread(root / "ge_ct.dcm")
    listed = {0x00191023, 0x00191024, 0x00191027, 0x00431027, 0x00451001, 0x00451002}
    assert _private(ge) == listed | {0x00190010, 0x00430010, 0x00450010}  # the listed values and their creators
    assert all(ge[tag].value == original[tag].value and ge[tag].VR == original[tag].VR for tag in listed)
    assert len(_private(original)) == 99  # every other element of the GE blocks went
    brain = dcmread(tmp_path / "out" / "ctbrain1.dcm")
    assert _private(dcmread(root / "ctbrain1.dcm")) and not _private(brain)  # nothing of it is on the list


def test_without_the_option_no_private_element_of_the_real_files_is_kept(private_corpus, tmp_path):
    summary, ge = _copy(private_corpus, tmp_path / "out", "basic", name="ge_ct.dcm")
    assert not summary.residual and not _private(ge) and not _private(dcmread(tmp_path / "out" / "ctbrain1.dcm"))
    assert "113111" not in _codes(ge)


def test_the_safe_private_list_holds_the_current_table_and_keeps_no_bulk_binary():
    """Table E.3.10-1 as corrected (CP-1672 and after): the first-published 19 entries and the later ones; its OB
    rows and the rows without a VR are listed apart, with the reason, and never kept."""
    import json

    from auditor.redact.safe_private import DATA, is_safe

    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert len(data["attributes"]) == 111 and "chapter_E.rst" in data["source"] and "CP-1672" in data["source"]
    assert is_safe("SIEMENS MR HEADER", 0x0019100C, "IS") and is_safe("GEIIS PACS", 0x09031011, "US")  # added later
    assert is_safe("NQLeft", 0x0199100B, "FL") and is_safe("Philips Imaging DD 001", 0x20011003, "FL")
    assert is_safe("ELSCINT1", 0x01F11026, "DS")  # first published, still there
    assert all(row["vr"] in ("OB", "") and row["why"] for row in data["not_kept"])
    assert not is_safe("HOLOGIC, Inc.", 0x7E011012, "OB") and not is_safe("SIEMENS Ultrasound SC2000", 0x01191011, "")


def test_a_kept_private_uid_is_replaced_and_a_kept_private_sequence_has_its_items_walked():
    from pydicom.dataset import Dataset
    from pydicom.sequence import Sequence

    from auditor.redact.annex_e import HeaderWalk, UidMapper

    nested = Dataset()
    nested.add_new(0x01290010, "LO", "SIEMENS Ultrasound SC2000")
    nested.add_new(0x01291002, "UI", "1.2.3.4.5")  # Bookmark UID, on the list: a new UID
    nested.add_new(0x01291008, "OB", b"JANE DOE")  # Visualization Information, OB: removed
    nested.PatientName = "DOE^JANE"
    dataset = Dataset()
    dataset.add_new(0x01290010, "LO", "SIEMENS Ultrasound SC2000")
    dataset.add_new(0x01291000, "SQ", Sequence([nested]))  # MPR View Sequence, on the list
    dataset.add_new(0x00990010, "LO", "NQHeader")
    dataset.add_new(0x00991002, "UI", "1.2.3.4.5")  # Analyzed Series UID
    cleaned: list[str] = []
    walk = HeaderWalk(("retain-safe-private",), UidMapper(b"k" * 32), lambda element, path: cleaned.append(path), 0)
    walk.dataset(dataset)
    item = dataset[0x01291000].value[0]
    assert dataset[0x00991002].value == item[0x01291002].value != "1.2.3.4.5"  # one keyed UID for one original
    assert 0x01291008 not in item and not item.PatientName  # OB dropped; the name emptied by its own action
