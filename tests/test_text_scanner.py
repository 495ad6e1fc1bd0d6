"""The text scanner's engine and batching: what spaCy runs, how context reaches Presidio, and texts read once."""

from __future__ import annotations

import pytest

from auditor.scanners.text.scanner import TextScanner, shared_analyzer


@pytest.fixture(scope="module")
def scanner() -> TextScanner:
    return TextScanner()


def test_spacy_runs_only_its_entity_recognizer(scanner):
    scanner.detect(["warm-up"])
    assert shared_analyzer(scanner.spacy_model).nlp_engine.nlp["en"].pipe_names == ["ner"]


def test_context_words_are_found_in_the_lower_cased_tokens(scanner):
    """Month and year alone score under the threshold; "born" before it (whose lemma was "bear") lifts it."""
    [born], [plain] = scanner.detect(["Born March 2019, early"]), scanner.detect(["Released March 2019, early"])
    assert [(d.entity, d.start, d.end) for d in born] == [("PERSON_DATE", 5, 15)]
    assert [d for d in plain if d.entity == "PERSON_DATE"] == []


def test_a_text_seen_in_an_earlier_batch_is_not_analysed_again(scanner, monkeypatch):
    analyzer = shared_analyzer(scanner.spacy_model)
    analysed = []
    analyze = analyzer.analyze
    monkeypatch.setattr(analyzer, "analyze", lambda text, **kwargs: analysed.append(text) or analyze(text, **kwargs))
    text = "Call Dr. Okafor at 555-867-5309 about the MRI"
    first = scanner.detect([text, text])
    second = scanner.detect([text, "another post"])
    assert analysed == [text, "another post"]
    assert second[0] == first[0] == first[1] and {d.entity for d in first[0]} >= {"PHONE_NUMBER", "PROCEDURE"}
