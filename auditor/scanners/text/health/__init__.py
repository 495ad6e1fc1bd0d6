"""Health-information recognizers: conditions, medications, procedures and lab tests in free text."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


def health_recognizers() -> list[EntityRecognizer]:
    """A fresh instance of every health-information recognizer."""
    return []
