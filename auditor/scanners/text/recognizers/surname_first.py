"""Surname-first names as records, banners, labels and QR payloads write them, in capitals or title case:
"RIVERA, JUAN|00223871", "[COHEN, ELI]", "KIM, SOO-JIN 45F", "WRIGHT, J #55012", "Kowalczyk, Piotr J.",
"MURPHY SEAN  M  1962/08/19", "JIMENEZ  ALEJANDRA" alone on a label's line, "812 PARK, SOO-AH" after a room number.

cased_name.py pairs a surname and a given name only when the surname is hardly an English word ("OKAFOR
CHIDI"), because "BROWN, RICE" may be a menu. The most common surnames are also frequent words ("RIVERA",
"PATEL", "NGUYEN", "COHEN" are in the everyday-word list because people write them), so they never pass
that test. What makes them names here is the record's shape: the pair stands alone in its field (a line,
a bracket, a "|"- or quote-delimited value, or a run of spaces before it and an age, sex, date, number or
field end after it), and the words are in the Census surname and SSA given-name gazetteers.
"""

from __future__ import annotations

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname
from auditor.scanners.text.recognizers._patterns import SpanRecognizer
from auditor.scanners.text.recognizers._places import STATES, us_towns
from auditor.scanners.text.recognizers.cased_name import NAME_WORD

#: Where a record field starts: the text or a line, a bracket, quote, "|", ":" or ";", or two spaces.
_FIELD_START = r"(?<=(?:^|[\n|\[(\"{:;>]|[ \t]{2})[ \t]*)"
#: What ends the field after the name: the line or text, a delimiter, two spaces, an age and sex ("45F"),
#: a sex letter, a date or number, or a record label.
_FIELD_END = (
    r"(?=[ \t]*(?:$|[\n|\]\)\"}/;]|[ \t]{2}|,?[ \t]*[#\d]|,?[ \t]+(?:[MF]\b|(?:MRN|DOB|ID|ACC|MR|SEX)(?:\b|(?=\d))))"
    r"|,[ \t]*(?:MRN|DOB|ID|ACC)(?=[\d#:.\s]|$))"
)
#: Record labels that follow a name in its field: "TRAN, BAO  MRN 5S0O1992".
_LABEL = r"(?:MRN|DOB|ID|ACC|SEX|MR|DOS)\b"
#: LAST, FIRST [MIDDLE | M.]: both words in one style (capitals or title case).
_COMMA_FORM = regex.compile(
    rf"{_FIELD_START}(?P<last>{NAME_WORD}),[ \t]*(?P<first>{NAME_WORD}|\p{{Lu}}\.?)(?:[ \t](?!{_LABEL})(?P<middle>{NAME_WORD}|\p{{Lu}}\.?))?(?<!\.)\.?{_FIELD_END}",
    regex.MULTILINE,
)
#: LAST FIRST then a sex letter or a run of spaces and a date, as a banner prints them: "MURPHY SEAN  M  1962",
#: or alone on its line as a label prints it ("JIMENEZ  ALEJANDRA": OCR often reads a wide gap as two spaces).
_BANNER_FORM = regex.compile(
    r"(?<=(?:^|\n)[ \t]*)(?P<last>\p{Lu}[\p{Lu}'-]+)[ \t]{1,2}(?P<first>\p{Lu}[\p{Lu}'-]+)"
    r"(?:(?=[ \t]+[MF](?:[ \t]|$)|[ \t]{2,}\d)|(?P<alone>(?=[ \t]*(?:\n|$))))",
    regex.MULTILINE,
)
#: A handoff's or whiteboard's LAST, FIRST in capitals after its room or bed number: "812 PARK, SOO-AH AKI, cr 3.1".
_ROOM_FORM = regex.compile(
    rf"(?<=(?:^|[\s(.;,>])\d{{1,4}}[A-Z]?[ \t]+)(?P<last>{NAME_WORD}),[ \t]*(?P<first>{NAME_WORD})(?:[ \t](?P<middle>\p{{Lu}}\.?))?(?![\p{{L}}\p{{N}}'-])",
    regex.MULTILINE,
)
#: A state after the words, where an address would end: a ZIP code, a comma or the line's end ("225 BROADWAY, BAYONNE
#: NJ 07002"); not a handoff's shorthand that spells a state ("812 PARK, SOO-AH CT head neg", "LEE, JIWOO OR at 2").
_STATE_AFTER = regex.compile(rf",?[ \t]+(?:{'|'.join(STATES)})(?=[ \t]*(?:\d{{5}}|[,.;:)]|$))", regex.MULTILINE)
_SCORE = {"comma": 0.65, "banner": 0.6, "room": 0.6}


class SurnameFirstRecognizer(SpanRecognizer):
    """LAST, FIRST (and a banner's LAST FIRST) alone in a record field, with gazetteer evidence."""

    ENTITY = "PERSON"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None):
        for match in _COMMA_FORM.finditer(text):
            if _comma_name(match):
                yield match.start(), match.end(), _SCORE["comma"], "LAST, FIRST in a field"
        for match in _ROOM_FORM.finditer(text):
            if (
                match.group("last").isupper()
                and match.group("first").isupper()
                and _comma_name(match)
                and not _STATE_AFTER.match(text, match.end())  # "225 BROADWAY, BAYONNE NJ" is an address
            ):
                yield match.start(), match.end(), _SCORE["room"], "LAST, FIRST after a room number"
        for match in _BANNER_FORM.finditer(text):
            last, first = match.group("last"), match.group("first")
            # alone on a line both words must be known: "BROWN RICE" or "CHEST PAIN" heads a menu or a note
            evidence = (
                (is_surname(last, _ANY) and is_given(first))
                if match.group("alone") is not None
                else (is_surname(last, _ANY) or is_given(first))
            )
            if _word_ok(last) and _word_ok(first) and evidence and f"{last} {first}".casefold() not in us_towns():
                yield match.start(), match.end(), _SCORE["banner"], "banner LAST FIRST"


_ANY = ("rare", "word")


def _word_ok(word: str) -> bool:
    """Long enough and not a function word."""
    key = word.casefold().strip(".")
    return len(key) >= 2 and key not in STOP_WORDS


def _comma_name(match: regex.Match[str]) -> bool:
    """A surname in capitals and a first word that is a given name, a surname, an initial or no everyday word
    ("RIVERA, JUAN", "KIM, SOO-JIN", "O'SULLIVAN, Siobhan"); in title case both must be in the gazetteers, since "Paris, France" and "Salt, Pepper" have the shape."""
    last, first = match.group("last"), match.group("first")
    if not _word_ok(last) or f"{last}, {first}".casefold() in us_towns():
        return False
    initial = len(first.rstrip(".")) == 1
    if last.isupper():
        if not (is_surname(last, _ANY) or (not is_common(last) and is_given(first))):
            return False  # "OYELOWO, ADEBAYO": a surname no list knows, before a known given name
        return initial or (_word_ok(first) and (is_given(first) or is_surname(first, _ANY) or not is_common(first)))
    if last.istitle() and (first.istitle() or initial):
        middle = match.group("middle")
        return is_surname(last, _ANY) and not initial and is_given(first) and (middle is None or middle.istitle() or len(middle) <= 2)
    return False
