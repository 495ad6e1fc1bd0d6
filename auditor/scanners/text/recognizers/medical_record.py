"""Medical record numbers: hospitals number charts their own way, so an MRN is known by its label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import ID_VALUE, DeclaredPatternRecognizer, after_label

_LABELS = (
    r"mrn|med(?:ical)?\.?\s*rec(?:ord)?s?\.?(?:\s*(?:number|no\.?|#))?|chart|(?-i:MR)(?=\s*(?:#|no\b))|(?-i:PID|PatientID)"
    r"|(?-i:MR)(?=\s*#)|hosp(?:ital|\.)?\s*(?:id|number|no\.?|#)|record\s*(?:number|no\.?|#)|ur\s*number|(?-i:URN)\b"
    r"|unit\s*(?:number|no\.?)|pat\.?\s*no\.?|clinic\s*(?:#|no\.?|number)|folder\s*(?:no\.?|number|#)|(?-i:EMR|EHR)(?=\s*(?:#|no\b|number\b))"
    # a hospital's registration number as South Asian and Middle Eastern hospitals print it (UHID, IP/OP No.), a file
    # number as European ones do
    r"|(?-i:UHID)\b|(?:hospital\s*)?(?<!(?:vehicle|car|van|company)\s)registration\s*(?:no\.?|number|#)|(?-i:IP|OP)\s*no\.?|(?:hospital\s*)?file\s*(?:no\.?|number|#)"
    # the chart number in other languages: Spanish historia clínica (NHC), French IPP and dossier, German
    # Patientennummer (Pat.-Nr.), Italian cartella clinica
    r"|(?:n[º°o]\.?\s*(?:de\s+)?)?historia\s+cl[ií]nica|(?-i:NHC|IPP)\b|n[º°o]\.?\s*(?:de\s+)?dossier|dossier\s*(?:n[º°o]\.?|#)"
    r"|patienten-?\s*(?:nummer|nr\.?|id)|pat\.?-nr\.?|cartella(?:\s+clinica)?(?:\s*n[º°o]?\.?)?"
)


class MedicalRecordNumberRecognizer(DeclaredPatternRecognizer):
    """An identifier of any shape with three or more digits ("#SF-998877", "12345XJ") after MRN, med rec,
    chart, hospital ("hosp no"), clinic, unit, folder, UR, EMR, registration (UHID, IP/OP No.) or file number; a patient ID is
    other_unique_id (labelled_id.py), as the public labelled sets type it."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    MIN_DIGITS = 3
    LABELS = _LABELS
    PATTERNS = [Pattern("MRN (labelled)", after_label(_LABELS, ID_VALUE), 0.7)]
    CONTEXT = ["mrn", "record", "chart", "patient", "hospital"]
