r"""Regex building blocks the recognizers share: a value after its label, the label nearest a match, and
skipping a text that cannot hold a match.

Presidio compiles patterns with the `regex` module under IGNORECASE, so a label such as "MRN #:" can be
matched and then dropped from the match (`\K`), and only the value is reported as the span.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

#: Units of a dose or a measure, which a number before them is ("4482 300 mg", "specimen 125 g").
_UNITS = r"mg|mcg|g|ml|units?|iu|mmol|kg|lbs?|cm|mm|nm|%"
#: A number, a range or a size before its unit, which no identifier is: "125 g", "10-12 cm", "2x3x1 cm".
MEASURE = rf"\d+(?:[x×-]\d+)*[ ]?(?:{_UNITS})(?!\w)"
#: A bracket opening a labelled value: only around an identifier's characters, closed right after them ("specimen
#: (WI-26-H-04417)"), and not around a year ("Reference (2019) study", "(2019-2020)"), a count or a measure ("Case
#: (120 patients)", "specimen (450 g)", "(2x3 cm)"): a label's word then reads as prose, not as a label.
_BRACKET = (
    r"\((?=[ ]?#?[A-Z0-9][A-Z0-9#/-]{0,30}(?:[ ][A-Z0-9][A-Z0-9#/-]{0,30}){0,4}[ ]?\))"
    r"(?![ ]?(?:1[89]|20)\d\d(?:[ ]?[-–/][ ]?(?:1[89]|20)?\d\d)?[ ]?\))"
    rf"(?![ ]?(?:{MEASURE}|\d+[ ](?-i:[a-z])))"
)
#: What people put between a label and its value: "MRN 123", "MRN: 123", "MRN #123", "med rec no. 123",
#: "member ID is 123" (or "è", "é", "est", "ist", "es" in posts in other languages), and a JSON or QR payload's key and value ('"mrn": "A-123"').
#: Between a label and its value: "#", "no.", "number", "is", a colon, a dash, a form's dotted leader ("Hosp No ...
#: RF7O2291"), an opening bracket ("specimen (WI-26-H-04417)"), or a JSON key's quotes.
_GLUE = rf"(?:[\s_]*(?:#|nos?\.?|num(?:ber)?|id|code))?(?:\s*(?:is|was|=|è|é|est|ist|es))?(?:\s*(?:[:#=]|-{{1,2}}|\.{{2,}}|…)?\s*(?:{_BRACKET})?|\"\s*:\s*\")"


#: A labelled identifier of any shape: letters, digits, "-", "/", "#", at least three digits, up to 30 characters
#: ("#SF-998877", "UCSF-20210930-567", "12345XJ", "HP-987654", or a site code before its number: "RJ1 448201"); a
#: leading "#" is the label's. A short group
#: (six characters at most, ending in a digit) goes on with groups of 3-6 digits after a single space, as OCR splits
#: a number or a card prints it ("MRN: 555 12034", "W123 456 789"), so that no part of it is left unmasked; a full
#: number stops at its end ("MRN 48213907 555 201 3344" leaves the phone), and a dose is no group ("4482 300 mg").
#: A group of digits that goes on an identifier after a single space, not a dose ("4482 300 mg"); OCR may read a
#: digit in it as a letter ("XJH4 4O2 1178").
_ID_GROUP = rf"[ ](?=(?:[OIl]*\d){{2}})[0-9OIl]{{3,6}}(?![\w/-])(?![ ]?(?i:{_UNITS})(?!\w))"
_SHAPED_ID = (
    rf"(?=(?:[A-Z#/-]*\d){{3}}|[A-Z]{{1,4}}\d{{1,2}}{_ID_GROUP})[A-Z0-9](?:[A-Z0-9#/-]{{0,28}}[A-Z0-9])?"
    rf"(?:(?<=(?<![A-Z0-9#/-])[A-Z0-9#/-]{{0,5}}\d){_ID_GROUP})*"
)
#: A card's letters, a space, then its number: a code with a digit or a dash takes four digits or more ("ZGP8 1174402",
#: "MC-l 044298" as OCR reads a "1"), letters alone five or more ("Mbr ID: XWB 44l092837", "MRN: MR 552341", "member no
#: DH 04471920", "RAMQ LAVH 6608 1214"), so that a word before a year or a short number ("MRN UNK 1234", "Policy SEE
#: 2024") is no prefix; nor is a label of its own ("Rx BIN 610014" is the plan's routing number) or a phone's word
#: ("Member ID: CALL 18005551212").
_CARD_PREFIX_WORDS = (
    "THE|AND|FOR|PER|WAS|NOT|ARE|HAS|ON|IN|AT|TO|OF|IS|NO|BY|OR|IF|AS|UNK|PT|CALL|SEE|WILL|LEFT|NONE|SAME|NEW|OLD|CELL|HOME|WORK"
    "|BIN|PCN|GRP|ID|RX|DOB|DOS|MRN|SSN|NPI|DEA|ACCT|ACC|TEL|PH|FAX|EXT|AGE|YO|YR|YRS"
)
_LETTERS_THEN_NUMBER = (
    rf"(?-i:(?!(?:{_CARD_PREFIX_WORDS})\b)(?:[A-Z]{{2,4}}(?:\d|-[0-9A-Zl])[ ](?=(?:[OIl]*\d){{4}})|[A-Z]{{2,4}}[ ](?=(?:[ ]?[OIl]*\d){{5}})))"
    rf"[0-9OIl]{{4,12}}(?![\w/-])(?:{_ID_GROUP})*"
)
#: A number OCR read with a space between its digits or pairs ("88 1O 22 4", "1 4 9 2 0 3 7 7 6 5"), six digits at least.
_SPACED_OUT_ID = r"(?=(?:[ ]?[0-9OIl]){6})(?:[0-9OIl]{1,2}[ ]){3,}[0-9OIl]{1,2}(?![\w/-])"
ID_VALUE = rf"#?(?:{_SHAPED_ID}|{_LETTERS_THEN_NUMBER}|{_SPACED_OUT_ID})"


#: A digit as OCR may read it: letter O for 0, I or l for 1 ("1O/12/2O21", "555-O164", "(3l2)").
OCR_DIGIT = r"[0-9OoIl]"
#: The digits those letters stand for.
OCR_TO_DIGIT = str.maketrans("OoIl", "0011")


#: Words of a record's labels in capitals, which a name in capitals runs into: "PATIENT: DOE, JOHN DOB: ...",
#: "PT NAME KIM SOO-JIN MED REC ...".
RECORD_LABEL_WORDS = frozenset(
    ["DOB", "MRN", "DOS", "DOD", "AGE", "SEX", "GENDER", "ID", "DATE", "PT", "MR", "DR", "ACCT", "ACC", "SSN", "PHONE"]
    + ["ADDR", "ADDRESS", "MED", "REC", "LOC", "RM", "ROOM", "BED", "UNIT", "WARD", "ENC", "VISIT", "FIN", "CSN", "ADM", "DOA"]
    + ["NPI", "DEA"]
)

#: Degrees and licences written after a clinician's name: "Ngozi Petrov, MD", "LÓPEZ, NOÉMIE, RN".
#: Family titles before a relative's name, as people write them: "Aunt Bea", "Grandma Ruth", "Tía Lupe".
FAMILY_TITLES = ("Aunt", "Auntie", "Uncle", "Grandma", "Grandpa", "Nana", "Papa", "Cousin", "Tia", "Tía", "Tio", "Tío")
CREDENTIALS = frozenset({"MD", "DO", "RN", "NP", "PA", "PA-C", "PhD", "DDS", "DMD", "DPM", "LPN", "CNM", "FNP", "APRN", "MSW", "LCSW"})


def after_label(labels: str, value: str) -> str:
    """A pattern for `value` right after one of `labels` (an alternation), matching the value alone.

    The label is matched forwards and dropped from the match with `\\K`: as a variable-width look-behind it was
    tried backwards at every position of the text, which made these the slowest patterns of all. A label's words
    may be joined by "_" ("patient_id: 48213").
    """
    return rf"\b(?:{_joined_by_underscores(labels)}){_GLUE}\K(?:{value})(?!\w|-\w)"


def _joined_by_underscores(labels: str) -> str:
    """`labels` with their words also joined by "_", as a CSV header, a JSON key or a log writes them
    ("patient_id", "date_of_birth", "member_id")."""
    return labels.replace(r"\s*", r"[\s_]*").replace(r"\s+", r"[\s_]+")


def separated_parts(text: str, start: int, end: int, separator: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each part of text[start:end] between separators, its surrounding spaces left out."""
    at = start
    for piece in text[start:end].split(separator):
        left = at + len(piece) - len(piece.lstrip())
        right = at + len(piece.rstrip())
        yield left, max(left, right)
        at += len(piece) + len(separator)


def nearest_label(text: str, start: int, labels: regex.Pattern[str], window: int = 40) -> str | None:
    """The last word of `labels` in the `window` characters before `start`, lower-cased, or None."""
    found = labels.findall(text, max(0, start - window), start)
    return found[-1].lower() if found else None


@functools.cache
def _has_digits(count: int) -> Callable[[str], regex.Match[str] | None]:
    r"""A match function that succeeds on a text holding at least `count` digits (`\d`, as the patterns count
    them), in one pass whether or not it does."""
    return regex.compile(rf"(?:\D*+\d){{{count}}}").match


class Prefilter(EntityRecognizer):
    """A recognizer that skips texts which cannot hold one of its matches, before running its patterns.

    Most recognizers look for numbers, and Presidio runs every pattern of every recognizer on every text:
    a text with fewer digits than any match holds (a third of posts have fewer than seven) needs none of
    them, and a text without "MRN", "member ID" or another label needs none of the labelled patterns. Put this
    class before the recognizer's class and set MIN_DIGITS to the fewest digits a match of any of its
    patterns holds (DeclaredPatternRecognizer adds LABELS), or override `could_match`.
    """

    name: str  # set by EntityRecognizer.__init__, in a way mypy cannot infer

    MIN_DIGITS = 0

    def could_match(self, text: str) -> bool:
        return _has_digits(self.MIN_DIGITS)(text) is not None if self.MIN_DIGITS else True

    def analyze(self, text: str, entities: list[str], *args, **kwargs) -> list:
        if not self.could_match(text):
            return []
        return super().analyze(text, entities, *args, **kwargs)


def prefiltered(recognizer: type, min_digits: int) -> type:
    """One of Presidio's recognizers, skipping texts with fewer than `min_digits` digits, under its own name."""
    return type(recognizer.__name__, (Prefilter, recognizer), {"MIN_DIGITS": min_digits})


class DeclaredPatternRecognizer(Prefilter, PatternRecognizer):
    """A PatternRecognizer whose subclass declares ENTITY, PATTERNS and CONTEXT as class attributes,
    Presidio-style, without repeating the constructor. FLAGS lets name patterns drop IGNORECASE; MIN_DIGITS and
    LABELS (see Prefilter) skip texts with too few digits or none of the labels."""

    ENTITY: str
    PATTERNS: list[Pattern]
    CONTEXT: list[str] = []
    FLAGS: int = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
    #: When every pattern is `after_label(LABELS, ...)`: a text without one of the labels is skipped.
    LABELS: str | None = None

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT),
            name=type(self).__name__,
            global_regex_flags=self.FLAGS,
        )
        self._label = regex.compile(rf"\b(?:{_joined_by_underscores(self.LABELS)})", self.FLAGS) if self.LABELS else None

    def could_match(self, text: str) -> bool:
        return super().could_match(text) and (self._label is None or self._label.search(text) is not None)


def read_table(path: Path) -> dict[str, str]:
    """A gazetteer shipped as `key<TAB>value` lines, `#` comments skipped."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("\t")
            table[key] = value
    return table


class SpanRecognizer(EntityRecognizer):
    """A recognizer of one entity written as code over word lists rather than patterns: the subclass sets
    ENTITY and yields (start, end, score, how) from `spans`; `how` goes into the result's explanation.
    Its word lists load on first use, not when the analyzer is built."""

    ENTITY: str
    name: str  # set by EntityRecognizer.__init__, in a way mypy cannot infer

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], name=type(self).__name__, supported_language="en")

    def load(self) -> None:
        """Nothing to load up front (see the class docstring)."""

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float, str]]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if self.ENTITY not in entities:
            return []
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        return [
            RecognizerResult(
                self.ENTITY,
                start,
                end,
                score,
                analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=score, textual_explanation=how),
                recognition_metadata=meta,
            )
            for start, end, score, how in self.spans(text, nlp_artifacts)
        ]


class FieldRecognizer(EntityRecognizer):
    """A recognizer of values typed by their place in a record (an HL7 field, a JSON key, a DICOM tag) rather than
    by their shape: the subclass sets ENTITIES and yields (entity, start, end, how) from `fields`."""

    ENTITIES: tuple[str, ...]
    SCORE = 0.7
    #: Scores of entities other than SCORE, by entity.
    SCORES: dict[str, float] = {}
    name: str  # set by EntityRecognizer.__init__, in a way mypy cannot infer

    def __init__(self) -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name=type(self).__name__, supported_language="en")

    def load(self) -> None:
        """Nothing to load up front: tables are read on first use."""

    def fields(self, text: str) -> Iterable[tuple[str, int, int, str]]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        return [
            RecognizerResult(
                entity,
                start,
                end,
                score,
                analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=score, textual_explanation=how),
                recognition_metadata=meta,
            )
            for entity, start, end, how in self.fields(text)
            if entity in entities
            for score in [self.SCORES.get(entity, self.SCORE)]
        ]
