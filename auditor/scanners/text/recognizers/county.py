"""Counties, parishes and boroughs by name: "KING COUNTY", "Harris County Workers' Comp", "Prince George's County",
"Orleans Parish", "the County of Los Angeles". A county is a geographic subdivision smaller than a state, which Safe
Harbor lists, and a court's or a program's county often places a person's home ("Superior Court of Washington,
King County").

County names are everyday words as often as not ("Orange", "King", "Cook"), so the word "County" (or "Parish",
"Borough") is the evidence, and no gazetteer is asked. Determiners, quantifiers and numbers name no county ("the
county", "several County offices", "FIVE COUNTY AREA"), nor does an adjective alone ("the Wrong County"). Everyday
words that open a sentence are cut while more than one word remains ("Visited Orange County" is "Orange County"),
and a verb that opens one is cut even alone ("Called County Social Services"). After "County of", a form's field
("County of Residence") is no name, but its value is ("County of Residence: MARICOPA")."""

from __future__ import annotations

from collections.abc import Iterable

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._lexicon import is_common
from auditor.scanners.text.recognizers._patterns import SpanRecognizer

_TITLE_WORD = r"(?:St\.|Ste\.|Ft\.|[A-Z][a-z]+(?:['’][a-z]+)?(?:-[A-Z][a-z]+)?)"
#: A word in capitals, not a joining word ("COURT OF COOK COUNTY" names Cook County).
_CAPS_WORD = r"(?!(?:OF|THE|AND|FOR|IN|AT|ON|TO|BY)\b)(?:ST\.|FT\.|[A-Z]{2,}(?:['’]S)?(?:-[A-Z]{2,})?)"
_COUNTY = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}'’.-])(?P<name>{_TITLE_WORD}(?:[ \t]{_TITLE_WORD}){{0,2}})[ \t]+(?:County|Parish|Borough)\b"
    rf"|(?<![\p{{L}}\p{{N}}'’.-])(?P<name>{_CAPS_WORD}(?:[ \t]{_CAPS_WORD}){{0,2}})[ \t]+(?:COUNTY|PARISH|BOROUGH)\b"
    rf"|\b(?:County|COUNTY)[ \t]+(?:of|OF)[ \t]+(?P<name>{_TITLE_WORD}(?:[ \t]{_TITLE_WORD}){{0,2}}|{_CAPS_WORD}(?:[ \t]{_CAPS_WORD}){{0,2}})\b"
)
#: Words before "County" that name no county: determiners and the like ("The County", "Each County", "Home County").
DETERMINERS = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "each",
        "every",
        "any",
        "all",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "my",
        "one",
        "same",
        "home",
        "other",
        "another",
        "which",
        "what",
        "neighboring",
        "neighbouring",
        "local",
        "rural",
        "nearby",
        "surrounding",
        "adjacent",
        "whole",
        "entire",
        "per",
        "a",
        "an",
        "no",
        "some",
        "many",
        "most",
        "both",
        "few",
        "several",
        "multiple",
        "various",
        "numerous",
        "either",
        "neither",
        "different",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ]
)
#: Adjectives that name no county when they are all there is before it ("Wrong County"), though a county's name may
#: begin with one ("New Castle County", "Big Horn County").
ADJECTIVES_ALONE = frozenset(["new", "wrong", "next", "previous", "last", "first", "big", "small", "large", "same"])
#: A form field's value after its colon: one to three capitalised words, up to the line's or the clause's end.
_FIELD_VALUE = regex.compile(
    r"[ \t]*:[ \t]*(?P<county>(?:\p{Lu}[\p{L}'’.-]*)(?:[ \t]\p{Lu}[\p{L}'’.-]*){0,2})(?=[ \t]*(?:$|[\n,;.|]))", regex.MULTILINE
)
#: A form's answers that name no county.
_PLACEHOLDERS = frozenset(["unknown", "same", "as", "above", "yes", "no", "none", "n/a", "na", "other", "pending", "tbd", "see", "below"])
#: Fields of a form after "County of", which name no county ("County of Residence: COOK") but whose value does.
_FORM_FIELDS = frozenset(["residence", "birth", "origin", "record", "service", "employment", "incident", "death"])
#: Above spaCy's 0.85, so that its wider reading of the same words ("WASHINGTON, KING COUNTY", which the filters drop
#: as a state) does not swallow this one as a duplicate.
SCORE = 0.86


class CountyRecognizer(SpanRecognizer):
    """A name before County, Parish or Borough (Title Case or capitals), or after "County of"."""

    ENTITY = "LOCATION"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float, str]]:
        for match in _COUNTY.finditer(text):
            start, end = match.span("name")
            words = list(regex.finditer(r"\S+", text[start:end]))
            while words and (
                words[0].group().casefold() in DETERMINERS
                or (
                    _opens_sentence(text, start + words[0].start())
                    and is_common(words[0].group())
                    and (len(words) > 1 or _reads_as_a_verb(words[0].group()))
                )
            ):
                words.pop(0)
            if not words or (len(words) == 1 and words[0].group().casefold() in ADJECTIVES_ALONE):
                continue
            if match.start() != start and words[0].group().casefold() in _FORM_FIELDS:
                field = _FIELD_VALUE.match(text, match.end())
                if field and not all(w.casefold() in _PLACEHOLDERS for w in field.group("county").split()):
                    # "COUNTY OF RESIDENCE: MARICOPA": the field's value is the county ("Unknown", "Same As Above" are none)
                    yield field.start("county"), field.end("county"), SCORE, "the county a form's field names"
                continue
            name_start = start + words[0].start()
            whole = (name_start, match.end()) if match.start() == start else (match.start(), end)
            yield whole[0], whole[1], SCORE, "a name before County, Parish or Borough"


def _reads_as_a_verb(word: str) -> bool:
    """Whether an everyday word reads as a past tense ("Called", "Visited"), which no county's name is ("Reed" is
    too short to tell, and "Sterling" is a county)."""
    folded = word.casefold()
    return len(folded) > 4 and folded.endswith("ed")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` is the first of its line or sentence, where any word is capitalised."""
    before = text[max(0, at - 3) : at].rstrip(" \t")
    return not before or before[-1] in '.!?:\n"“('
