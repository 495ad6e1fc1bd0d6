"""Health-information recognizers: conditions, medications, procedures and lab tests in free text.

Each is a dictionary matcher (matching.py) over the spaCy tokens Presidio already made, with its
vocabulary's sources in its module docstring and data files in this package.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


def health_recognizers() -> list[EntityRecognizer]:
    """A fresh instance of every health-information recognizer."""
    from auditor.scanners.text.health.conditions import ConditionRecognizer
    from auditor.scanners.text.health.lab_tests import LabTestRecognizer
    from auditor.scanners.text.health.medications import MedicationRecognizer
    from auditor.scanners.text.health.procedures import ProcedureRecognizer

    return [ConditionRecognizer(), MedicationRecognizer(), ProcedureRecognizer(), LabTestRecognizer()]
