"""A DICOM header pasted as text (dcmdump, pydicom's printout, keyword lines): each value is typed by its tag's
Annex E rule, as the header scanner types it in a file. The examples are written for these tests."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.dicom_dump import DicomDumpRecognizer


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("(0008,0020) DA [20240916]\n(0008,0050) SH [ACC24091600231]  #  14, 1 AccessionNumber", "ACCOUNT_NUMBER", "ACC24091600231"),
        ("(0008,0020) DA [20240916]\n(0008,0050) SH [ACC24091600231]", "PERSON_DATE", "20240916"),
        ("(0010, 0020) Patient ID                          LO: 'HU-4471-22'", "MEDICAL_RECORD_NUMBER", "HU-4471-22"),
        ("(0010,1000) LO [OLD-7741220\\OLD-55]   # OtherPatientIDs", "MEDICAL_RECORD_NUMBER", "OLD-55"),  # each value
        ("(0040,0253) SH [PPS000447]  PerformedProcedureStepID", "LABELLED_ID", "PPS000447"),
        ("OtherPatientIDs: RQ-0447712\nBodyPartExamined: CHEST", "MEDICAL_RECORD_NUMBER", "RQ-0447712"),
        ("StudyInstanceUID: 1.2.840.113619.2.55.3.6046\nModality: MR", "LABELLED_ID", "1.2.840.113619.2.55.3.6046"),
        ("InstitutionName: Sacred Heart\nStationName: CT01", "FACILITY", "Sacred Heart"),
    ],
)
def test_a_value_of_a_pasted_dicom_header_is_typed_by_its_tag(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "(0010,0010) PN [ANON^0007]\n(0010,0020) LO [XXXXXX]",  # pseudonyms name no one
        "(0008,0060) CS [CR]\n(0018,0015) CS [CHEST]",  # no identifier in these tags' rules
        "Modality: CT\nStudyDescription: CT HEAD W/O",  # free text is the prose recognizers'
        "Summary: 20240916 was the day\nPatient: fine",  # no DICOM keyword
    ],
)
def test_a_pseudonym_a_coded_value_or_a_line_that_is_no_dicom_attribute_is_not_typed_by_a_tag(recognize, text):
    assert recognize(DicomDumpRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("(0010, 0030) Patient's Birth Date   DA: '19480312'", "PERSON_DATE", "19480312"),  # pydicom names with "'s"
        ("(0008,0090) Referring Physician's Name  PN: 'SMITH^JANE'", "PERSON", "SMITH^JANE"),
        ("(0010, 1000) Other Patient IDs  LO: ['RQ-0447712', 'RQ-55']", "MEDICAL_RECORD_NUMBER", "RQ-55"),  # a list
        ("(0010,0010) Patient's Name  PN: \"O'BRIEN^PATRICK\"", "PERSON", "O'BRIEN^PATRICK"),
        ("PatientName: 'Doe^John' # test patient", "PERSON", "Doe^John"),  # its quotes and the comment left out
        ("StudyDate: 2024-09-16 # local", "PERSON_DATE", "2024-09-16"),
        ("AccessionNumber: ACC123, StudyID: 5", "ACCOUNT_NUMBER", "ACC123"),
        ("(0010,1040) LO [12 Oak St\\Boston\\MA\\02110]", "STREET_ADDRESS", "12 Oak St\\Boston\\MA\\02110"),  # one address
    ],
)
def test_pydicom_printouts_quoted_lists_and_commented_keyword_lines_give_the_value_alone(recognize, hit, text, entity, value):
    assert hit(text, entity, value) in recognize(DicomDumpRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "PatientID: N/A\nPatientName: <redacted>\nPatientID: 0\nPatientID: PID_PLACEHOLDER",
        "PatientName: TEST^PATIENT\nPatientName: PHANTOM\n(0010,0020) = 'test'",
        "The tag (0010,0010) [Patient Name] must be emptied; see (0010,0030) [the DOB] too.",  # prose: no VR
        "RegionOfResidence: Texas\nGPSTimeStamp: 10:15:30\nDate: Mon, 7 Dec 2026\nStudyID: 1",
    ],
)
def test_placeholders_a_tag_named_in_prose_a_state_a_time_and_a_one_word_key_are_no_header_value(recognize, text):
    assert recognize(DicomDumpRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("(0020, 000d) Study Instance UID     UI: 1.2.840.113619.2.55.3.6046881", "LABELLED_ID", "1.2.840.113619.2.55.3.6046881"),
        ("(0008, 0050) Accession Number       SH: A12345", "ACCOUNT_NUMBER", "A12345"),
        ("(0010, 0020) Patient ID             LO: HU-4471  # from the modality", "MEDICAL_RECORD_NUMBER", "HU-4471"),
    ],
)
def test_a_value_pydicom_prints_without_quotes_is_typed_by_its_tag(recognize, hit, text, entity, value):
    assert hit(text, entity, value) in recognize(DicomDumpRecognizer(), text)


def test_the_vr_of_a_pydicom_printout_is_no_name_and_the_name_keeps_no_quote(detect, hit):
    text = "(0010, 0010) Patient's Name                      PN: 'Doe^John'"
    found = {(value, entity) for entity, start, end in detect(text) for value in [text[start:end]]}
    assert ("Doe^John", "PERSON") in found
    assert not any(value == "PN" for value, _ in found)


@pytest.mark.parametrize("text", ["UID: 1000", "CreationDate: D:20240101120000", "DateTime: 2024:03:01 10:15:00"])
def test_a_keyword_other_formats_share_alone_on_its_line_is_no_dicom_attribute(recognize, text):
    assert recognize(DicomDumpRecognizer(), text) == set()


def test_a_shared_keyword_among_other_dicom_keywords_is_read(recognize, hit):
    text = "PatientID: X44120\nStudyDate: 20240301\nUID: 1.2.840.10008.5.1"
    assert hit(text, "LABELLED_ID", "1.2.840.10008.5.1") in recognize(DicomDumpRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "(0010,0010) Patient's Name, per IT: done by Friday",  # "IT" is no value representation
        "(0010,0020) DR: pending review",
        "(0010,0010) Patient's Name                      PN: (no value available)",
        "(0010,0020) Patient ID                          LO: # left empty by the export",
    ],
)
def test_two_capitals_that_are_no_vr_an_empty_value_and_a_comment_give_no_header_value(recognize, text):
    assert recognize(DicomDumpRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("(0010,0020) LO [(0044812)]", "MEDICAL_RECORD_NUMBER", "(0044812)"),  # brackets around digits are a value
        ("(0010, 0020) Patient ID                          LO: 12#345", "MEDICAL_RECORD_NUMBER", "12#345"),  # no comment
    ],
)
def test_a_bracketed_number_and_a_hash_inside_a_value_are_kept(recognize, hit, text, entity, value):
    assert hit(text, entity, value) in recognize(DicomDumpRecognizer(), text)
