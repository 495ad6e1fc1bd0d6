"""Text is prepared before matching: hidden characters and look-alike letters are undone, pathological tokens are
cut (and said so), and every span stays in the original text's offsets (issue 19)."""

from __future__ import annotations

import pytest

from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.scanners.base import PartialScan
from auditor.scanners.text.normalize import (
    MAX_PUNCTUATION_RUN,
    MAX_TOKEN_CHARS,
    prepare,
)
from auditor.scanners.text.scanner import TextScanner

KEEPER = EvidenceKeeper(EvidenceKeeper.new_key())


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("J\u200bane Ro\u200be", "Jane Roe"),  # zero-width spaces inside the words
        ("Dana\u00adWhit\u2060field", "DanaWhitfield"),  # soft hyphen, word joiner
        ("\u202eeoR enaJ\u202c", "Jane Roe"),  # a right-to-left override shows it reversed
        ("J\u0430ne D\u043e\u0435", "Jane Doe"),  # Cyrillic а, о, е in Latin names
        ("\u0408\u0430n\u0435", "Jane"),  # every letter of the word a Cyrillic look-alike but one
        ("\uff16\uff11\uff17-555-0101", "617-555-0101"),  # fullwidth digits
        ("Jos\u00e9 \u0418\u0432\u0430\u043d", "Jos\u00e9 \u0418\u0432\u0430\u043d"),  # real accents and Cyrillic words stay
        ("W A L S H ,  M A R T I N", "WALSH,  MARTIN"),  # OCR of a widely tracked label font
        ("MRN 0 0 7 2 1 8 8 4", "MRN 00721884"),
        ("grades a b c d", "grades a b c d"),  # four single letters are a list, not a word
    ],
)
def test_hidden_characters_and_look_alikes_are_read_as_they_show(text, reads):
    assert prepare(text).segments[0].text == reads


def test_a_span_in_the_prepared_text_maps_back_to_the_original_characters():
    original = "Call J\u200bane Ro\u200be or \u202eeoR nhoJ\u202c today"
    body = prepare(original).segments[0]
    for name, shown in (("Jane Roe", "J\u200bane Ro\u200be"), ("John Roe", "eoR nhoJ")):
        start = body.text.index(name)
        first, last = body.original_span(start, start + len(name))
        assert original[first:last] == shown


def test_a_long_run_of_punctuation_keeps_its_ends_and_the_text_around_it():
    original = "Jane " + "[" * 50_000 + "a" + "]" * 50_000 + " Roe"
    prepared = prepare(original)
    body = prepared.segments[0]
    assert body.text == "Jane " + "[" * MAX_PUNCTUATION_RUN + "a" + "]" * MAX_PUNCTUATION_RUN + " Roe"
    start = body.text.index("Roe")
    assert original[slice(*body.original_span(start, start + 3))] == "Roe"
    assert prepared.cuts == ["a token of 100,001 characters (no space in it) was cut for the tokenizer and read in windows of 1,000"]


def test_an_over_long_word_is_read_in_windows_so_a_number_inside_it_is_still_found():
    original = "x" * 3000 + "SSN:078-05-1120;" + "y" * 97_000
    prepared = prepare(original)
    assert max(len(segment.text) for segment in prepared.segments) <= MAX_TOKEN_CHARS
    holding = [segment for segment in prepared.segments if "078-05-1120" in segment.text]
    assert holding
    start = holding[0].text.index("078-05-1120")
    first, last = holding[0].original_span(start, start + 11)
    assert original[first:last] == "078-05-1120"


def test_an_ascii_text_without_long_tokens_is_read_as_it_is():
    text = "Dana Whitfield, 617-555-0101, https://example.org/a?b=c"
    prepared = prepare(text)
    assert prepared.segments[0].text == text and prepared.segments[0].origin is None and prepared.cuts == []


@pytest.fixture(scope="module")
def scanner():
    return TextScanner()


def test_the_text_scanner_finds_hidden_names_with_spans_and_evidence_of_the_original(scanner):
    text = "Patient J\u200bane Ro\u200be, phone \uff16\uff11\uff17-555-0142, seen by Dr. M\u0430ria L\u043epez."
    found = scanner.scan_batch([Item("p1", "post", "h", fields={"text": text})], KEEPER)[0]
    spans = {(f.entity, text[f.span[0] : f.span[1]]) for f in found}
    assert ("PERSON", "J\u200bane Ro\u200be") in spans
    assert ("PHONE_NUMBER", "\uff16\uff11\uff17-555-0142") in spans
    assert ("PERSON", "M\u0430ria L\u043epez") in spans
    person = next(f for f in found if text[f.span[0] : f.span[1]] == "J\u200bane Ro\u200be")
    assert person.evidence == "J*** R**" and person.digest == KEEPER.digest("Jane Roe", "names")


def test_an_item_with_a_cut_token_is_partly_scanned_says_why_and_keeps_what_was_found(scanner):
    text = "Call 617-555-0187. " + "x" * 2000 + ";617-555-0143;" + "y" * 2000
    outcome = scanner.scan_batch([Item("p2", "post", "h", fields={"text": text})], KEEPER)[0]
    assert isinstance(outcome, PartialScan)
    assert str(outcome) == "text: a token of 4,014 characters (no space in it) was cut for the tokenizer and read in windows of 1,000"
    assert sorted(text[f.span[0] : f.span[1]] for f in outcome.findings if f.entity == "PHONE_NUMBER") == ["617-555-0143", "617-555-0187"]
