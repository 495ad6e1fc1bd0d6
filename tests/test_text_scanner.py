"""The text scanner's engine and batching: what spaCy runs, how context reaches Presidio, and texts read once."""

from __future__ import annotations

import pytest

from auditor.scanners.text.detector import shared_analyzer
from auditor.scanners.text.ner_scope import ner_ranges
from auditor.scanners.text.scanner import TextScanner


@pytest.fixture(scope="module")
def scanner() -> TextScanner:
    return TextScanner()


def test_spacy_runs_only_its_entity_recognizer(scanner):
    scanner.detect(["warm-up"])
    assert shared_analyzer(scanner.spacy_model).nlp_engine.nlp["en"].pipe_names == ["ner"]


def test_context_words_are_found_in_the_lower_cased_tokens(scanner):
    """A month and year is reported on its own at a low score; "born" before it (whose lemma was "bear") lifts it."""
    [born], [plain] = scanner.detect(["Born March 2019, early"]), scanner.detect(["Released March 2019, early"])
    assert [(d.entity, d.start, d.end) for d in born] == [("PERSON_DATE", 5, 15)]
    assert [(d.entity, d.start, d.end) for d in plain] == [("PERSON_DATE", 9, 19)]
    assert born[0].score > plain[0].score


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


def _ranges(text: str) -> list[str]:
    return [text[start:end] for start, end in ner_ranges(text)]


def test_the_entity_recognizer_skips_sentences_where_it_cannot_change_the_answer():
    """Lower case, a capital only at the start, "I", codes with digits and short acronyms name nobody."""
    assert _ranges("Day 3 of chemo. feeling rough, I think the MRI is fine. Took B12 and HB5922831 today") == []


def test_the_entity_recognizer_reads_capitalised_words_names_towns_and_titles_after_the_sentence_before():
    """The sentence before gives the model the left context it reads a name by."""
    text = "so tired. Seeing Okafor soon. Leila's scan went ok\nno news. ok. saw dr. abernathy. in fresno now"
    assert _ranges(text) == ["so tired. Seeing Okafor soon. Leila's scan went ok", "ok. saw dr. abernathy. in fresno now"]


def test_a_title_or_an_initial_does_not_end_the_sentence():
    """ "Dr. Haddad" and "Keisha B. Cohen" stay in one sentence, so the surname is not read as its first word."""
    assert _ranges("the pharmacist said Dr. Haddad's DEA number. ok") == ["the pharmacist said Dr. Haddad's DEA number."]
    assert _ranges("anyone see keisha B. Cohen") == ["anyone see keisha B. Cohen"]


def test_a_label_before_a_name_makes_the_model_read_a_lower_case_line():
    assert _ranges("all good\nname: wei patel") == ["all good\nname: wei patel"]


def test_names_found_in_a_sentence_are_placed_back_in_the_whole_text(scanner):
    [found] = scanner.detect(["day 3 of chemo, so tired.\nthanks to Mateo van der Berg at the front desk"])
    assert [(d.entity, d.start, d.end) for d in found if d.entity == "PERSON"] == [("PERSON", 36, 54)]
