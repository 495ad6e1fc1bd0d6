"""Fixtures for the text-detection tests: one analyzer per session, and the text scanner's pipeline (analyze,
per-entity min_score, drop false positives, overlap resolution) as `detect`. Kept in this folder so that the
policy, store, corpus and CLI tests elsewhere run without loading Presidio or spaCy."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import AnalyzerEngine, EntityRecognizer

from auditor.scanners.text.detector import shared_analyzer
from auditor.scanners.text.model import DEFAULT_SPACY_MODEL
from auditor.scanners.text.scanner import TextScanner

Hit = tuple[str, int, int]


@pytest.fixture(scope="session")
def analyzer() -> AnalyzerEngine:
    return shared_analyzer(DEFAULT_SPACY_MODEL)


@pytest.fixture(scope="session")
def detect(analyzer: AnalyzerEngine) -> Callable[[str], set[Hit]]:
    """What the text scanner reports for `text`, as (entity, start, end): its own `detect`, so the tests see
    exactly the scanner's thresholds, filters and overlap resolution."""
    scanner = TextScanner()

    def run(text: str) -> set[Hit]:
        return {(d.entity, d.start, d.end) for d in scanner.detect([text])[0]}

    return run


def _hit(text: str, entity: str, value: str) -> Hit:
    start = text.index(value)
    return (entity, start, start + len(value))


def _recognize(recognizer: EntityRecognizer, text: str) -> set[Hit]:
    return {(r.entity_type, r.start, r.end) for r in recognizer.analyze(text, recognizer.supported_entities, None)}


@pytest.fixture(scope="session")
def hit() -> Callable[[str, str, str], Hit]:
    """`hit(text, entity, value)`: the (entity, start, end) of the first `value` in `text`."""
    return _hit


@pytest.fixture(scope="session")
def recognize() -> Callable[[EntityRecognizer, str], set[Hit]]:
    """`recognize(recognizer, text)`: what one recognizer alone finds (no NLP context, no threshold)."""
    return _recognize
