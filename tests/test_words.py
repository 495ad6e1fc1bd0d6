"""Findings in words a non-programmer reads, with what DICOM's de-identification profile says to do."""

from auditor.words import action_words, annex_e_action, finding_words


def test_a_dicom_header_finding_reads_as_words_with_its_annex_e_action():
    assert finding_words("DICOM_ANNEX_E_Z", "names", None, "metadata", "PatientName") == "a name (Patient's Name), DICOM header"
    assert (
        finding_words("DICOM_ANNEX_E_X_Z_D", "mrn", None, "metadata", "RequestAttributesSequence[0].RequestedProcedureID")
        == "a medical record number (Requested Procedure ID), DICOM header"
    )
    assert (
        annex_e_action("DICOM_ANNEX_E_Z_D") == "Z/D"
        and action_words("DICOM_ANNEX_E_Z") == "Annex E action Z: must be emptied or replaced with a dummy value"
    )
    assert (
        finding_words("DICOM_ANNEX_E_Z", None, None, "metadata", "PatientSex")
        == "an attribute de-identification must treat (Patient's Sex), DICOM header"
    )


def test_text_and_pixel_findings_read_as_what_they_are():
    assert finding_words("PERSON", "names", None, "pixel", "ocr:frame:0") == "a name"
    assert finding_words("CONDITION", None, "condition", "text", "text") == "a condition or diagnosis"
    assert finding_words("AUTHOR", "names", None, "metadata", "PDF:Author") == "a name (PDF:Author)"
    assert action_words("PERSON") is None
