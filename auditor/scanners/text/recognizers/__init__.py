"""phi-audit's own text recognizers, one per module, for what Presidio lacks or misreads."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer


def custom_recognizers() -> list[EntityRecognizer]:
    """A fresh instance of every phi-audit recognizer (identifiers and health information)."""
    return []
