"""Medical record numbers: hospitals number charts their own way, so an MRN is known by its label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

_LABELS = (
    r"mrn|med(?:ical)?\.?\s*rec(?:ord)?s?\.?|chart|patient(?:\s*(?:id|identifier))?|pt\.?\s*id"
    r"|(?-i:MR)(?=\s*#)|hospital\s*(?:id|number|no\.?|#)|record\s*(?:number|no\.?|#)|ur\s*number"
)


class MedicalRecordNumberRecognizer(DeclaredPatternRecognizer):
    """A number of five or more digits (optionally letter-prefixed) after MRN, med rec, chart, patient ID
    or hospital number."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    MIN_DIGITS = 2  # two digits at its ends
    LABELS = _LABELS
    PATTERNS = [Pattern("MRN (labelled)", after_label(_LABELS, r"[A-Z]{0,3}-?\d[\d-]{3,14}\d"), 0.7)]
    CONTEXT = ["mrn", "record", "chart", "patient", "hospital"]
