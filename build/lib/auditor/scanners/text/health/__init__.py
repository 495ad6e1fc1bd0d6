"""Health-information recognizers: conditions, medications, procedures and lab tests in free text.

Each is a dictionary matcher (matching.py) over the spaCy tokens Presidio already made, with its
vocabulary's sources in its module docstring and data files in this package.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from auditor.scanners.text.health.matching import VocabularyRecognizer


def recognizer_classes() -> list[type[VocabularyRecognizer]]:
    """Every health-information recognizer's class (imported on first use: they pull in spaCy)."""
    from auditor.scanners.text.health.conditions import ConditionRecognizer
    from auditor.scanners.text.health.lab_tests import LabTestRecognizer
    from auditor.scanners.text.health.medications import MedicationRecognizer
    from auditor.scanners.text.health.procedures import ProcedureRecognizer

    return [ConditionRecognizer, MedicationRecognizer, ProcedureRecognizer, LabTestRecognizer]


def health_recognizers() -> list[EntityRecognizer]:
    """A fresh instance of every health-information recognizer."""
    return [recognizer() for recognizer in recognizer_classes()]
