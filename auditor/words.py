"""Findings in words a non-programmer reads: what was found ("patient's name, DICOM header"), where ("pixels"),
and what DICOM's de-identification profile says to do with it (the Annex E action, for a tooltip or a legend).

Shared by the text, HTML and dashboard views, so the same finding reads the same everywhere. DICOM attribute
names come from pydicom's data dictionary (`PatientName` → "Patient's Name"); the action codes' meanings are
PS3.15 Table E.1-1's.
"""

from __future__ import annotations

import re

#: Each Safe Harbor identifier in words (45 CFR 164.514(b)(2)(i)(A)–(R)).
IDENTIFIER_WORDS: dict[str, str] = {
    "names": "a name",
    "geographic": "a place smaller than a state (street, city, ZIP code)",
    "dates": "a date tied to a person, or an age over 89",
    "phone": "a telephone number",
    "fax": "a fax number",
    "email": "an e-mail address",
    "ssn": "a Social Security number",
    "mrn": "a medical record number",
    "health_plan": "a health-plan member number",
    "account": "an account or card number",
    "license": "a licence or certificate number",
    "vehicle": "a vehicle identifier or licence plate",
    "device": "a device identifier or serial number",
    "url": "a web address",
    "ip": "an IP address",
    "biometric": "a biometric identifier",
    "face_photo": "a face photograph",
    "other_unique_id": "another unique identifier (a handle, a passport, a code)",
}

#: Health-information categories in words.
HEALTH_WORDS: dict[str, str] = {
    "condition": "a condition or diagnosis",
    "medication": "a medication",
    "procedure": "a procedure or test",
    "lab_test": "a lab test or result",
    "medical_image": "a medical image",
}

#: Where a finding was seen, in words.
SOURCE_WORDS: dict[str, str] = {
    "text": "text",
    "metadata": "metadata (DICOM header, photo EXIF, document properties)",
    "pixel": "pixels (burned-in text, faces, barcodes)",
    "name": "file, folder and archive member names",
}

#: What PS3.15 Table E.1-1 says to do with an attribute, by action code.
ANNEX_E_ACTIONS: dict[str, str] = {
    "D": "must be replaced with a dummy value",
    "Z": "must be emptied or replaced with a dummy value",
    "X": "must be removed",
    "K": "may be kept",
    "C": "must be cleaned of identifying text",
    "U": "must be replaced with a new UID, the same one throughout the study",
    "Z_D": "must be emptied, or replaced with a dummy value where the image type requires one",
    "X_Z": "must be removed, or emptied where the image type requires it",
    "X_D": "must be removed, or replaced with a dummy value where the image type requires one",
    "X_Z_D": "must be removed, emptied, or replaced with a dummy value, as the image type allows",
    "X_Z_U": "must be removed, emptied, or replaced with a new UID, as the image type allows",
}

_ANNEX_E = "DICOM_ANNEX_E_"
_PATH_PART = re.compile(r"\[\d+\]$")
#: Entities that are not identifiers in themselves, in words.
_ENTITY_WORDS: dict[str, str] = {
    "BURNED_IN_TEXT_RISK": "a sign that text may be burned into the pixels",
    "RESIDUAL_TEXT": "unexplained text in an image's banner",
    "DEIDENTIFIED": "a sign that the file was de-identified",
    "INSTITUTION_NAME": "an institution's name",
    "DICOM_UNREADABLE_ELEMENT": "a header element that could not be read",
}


def annex_e_action(entity: str) -> str | None:
    """The Annex E action code of a DICOM header finding's entity (`DICOM_ANNEX_E_Z_D` → `Z/D`), else None."""
    return entity[len(_ANNEX_E) :].replace("_", "/") if entity.startswith(_ANNEX_E) else None


def action_words(entity: str) -> str | None:
    """What Annex E says to do with the attribute, e.g. "Annex E action Z: must be emptied or replaced with a dummy value"."""
    code = annex_e_action(entity)
    if code is None:
        return None
    meaning = ANNEX_E_ACTIONS.get(code.replace("/", "_"), "see DICOM PS3.15 Table E.1-1")
    return f"Annex E action {code}: {meaning}"


def field_words(field: str) -> str:
    """A DICOM header path in words (`RequestAttributesSequence[0].RequestedProcedureID` → "Requested Procedure
    ID"), from pydicom's dictionary; any other field as it is."""
    from pydicom.datadict import dictionary_description, tag_for_keyword

    keyword = _PATH_PART.sub("", field.rsplit(".", 1)[-1])
    tag = tag_for_keyword(keyword)
    return dictionary_description(tag) if tag is not None else field


def finding_words(entity: str, identifier: str | None, health: str | None, source: str, field: str) -> str:
    """What a finding is and where, in words: "a name (Patient's Name), DICOM header"."""
    annex = entity.startswith(_ANNEX_E)
    what = (
        IDENTIFIER_WORDS.get(identifier or "")
        or HEALTH_WORDS.get(health or "")
        or _ENTITY_WORDS.get(entity)
        or ("an attribute de-identification must treat" if annex else entity.replace("_", " ").lower())
    )
    if source != "metadata":
        return what
    return f"{what} ({field_words(field)})" + (", DICOM header" if annex else "")
