"""State medical, nursing and pharmacy licence numbers: formats differ by state and board, so by label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label
from auditor.scanners.text.recognizers._places import STATES

_PROFESSION = r"medical|nursing|nurse|physician|professional|state|board|rn|lpn|md|do|np|pa|pharmacist|pharmacy|practitioner"
_STATES = "|".join(STATES)
#: "medical license", "TX license", "license #", "lic. no."; a driver's licence is left to US_DRIVER_LICENSE.
_DEA_LABEL = r"(?-i:DEA)(?:\s*(?:reg(?:istration)?\.?))?"
_NPI_LABEL = r"npi"
_CEDULA = r"c[ée]d(?:ula)?\.?\s*prof(?:esional)?\.?"
_LABELS = rf"(?:{_PROFESSION}|{_STATES})\s+licen[cs]e|(?<!driv\w*'?s?\s)licen[cs]e(?=\s*(?:#|no\b|num))|lic\.?(?=\s*(?:#|no\b))"


class MedicalLicenseNumberRecognizer(DeclaredPatternRecognizer):
    """Four to ten digits with an optional letter prefix (G12345, MD-123456, RN 1234567) after a
    professional licence label; a driver's licence is US_DRIVER_LICENSE."""

    ENTITY = "MEDICAL_LICENSE"
    MIN_DIGITS = 4  # four to ten digits
    LABELS = rf"{_LABELS}|{_DEA_LABEL}|{_CEDULA}|{_NPI_LABEL}"
    PATTERNS = [
        Pattern("Medical license (labelled)", after_label(_LABELS, r"(?:[A-Z]{1,3}[- ]?)?\d{4,10}"), 0.65),
        # a DEA number after its label whatever its check digit (dea.py reads unlabelled ones by the check): an
        # auditor reports the number exposed; and a Mexican professional licence ("Céd. Prof. 8841027")
        Pattern("DEA number (labelled, any check digit)", after_label(_DEA_LABEL, r"[A-Z][A-Z9]\d{7}"), 0.6),
        Pattern("Cédula profesional (labelled)", after_label(_CEDULA, r"\d{7,8}"), 0.65),
        # an NPI after its label whatever its check digit (Presidio's US_NPI reads those that pass it): ten digits, which
        # OCR may space out ("1 4 9 2 0 3 7 7 6 5")
        Pattern("NPI (labelled, any check digit)", after_label(_NPI_LABEL, r"(?:\d[ ]?){9}\d"), 0.6),
    ]
    CONTEXT = ["license", "licence", "board", "nursing", "medical"]
