"""Shared fixtures for the recognizer tests: one analyzer per session, and the text scanner's pipeline
(analyze, per-entity min_score, drop false positives, overlap resolution) as `detect`."""

from __future__ import annotations

import sys
from typing import Callable

import pytest
from presidio_analyzer import AnalyzerEngine, EntityRecognizer

from auditor.scanners.text.engine import DEFAULT_SPACY_MODEL
from auditor.scanners.text.detector import shared_analyzer
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


@pytest.fixture(autouse=True)
def _main_module_restored():
    """Streamlit's AppTest runs the dashboard script as `__main__` and leaves it there; a process pool
    started later (spawn) would then run the dashboard script in every worker. Each test starts and
    ends with pytest's own `__main__`."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main
