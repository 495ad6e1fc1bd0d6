"""Where spaCy's entity recognizer can change the answer, so it reads only there.

The model is most of the text scanner's time, and a sentence in which no word is capitalised past its first,
and none is a known first name or town, gives nothing the scanner keeps: a lower-case guess is dropped by
the filters unless it is a known town (filters.py: `is_not_a_person`, `is_not_a_place`), lower-case names
are the gazetteer's (given_name.py), and so is a sentence-initial first name; a title or a label ("dr.",
"name:") keeps the model's lower-case guesses that follow it. Words with digits and
all-caps words of up to four letters are dropped as guesses on their own, so they do not count either.
Each such sentence is read with the one before it, since the model reads a name by its left context
("acct 640203548847. Guarantor BROWN, MEGAN."), and overlapping runs are read as one.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from auditor.scanners.text.recognizers._places import us_towns
from auditor.scanners.text.recognizers.given_name import fold, given_names

#: Where a sentence ends: its closing punctuation before whitespace, or its line's end. A title or an
#: initial does not end one: "Dr. Haddad", "Keisha B. Cohen".
_SENTENCE_END = regex.compile(r"(?<!(?<![\p{L}\p{M}])(?i:dr|mr|mrs|ms|mx|st|sr|jr|prof|rev|\p{Lu}))[.!?…]+(?=\s)|(?=\n)")
#: A word without digits on either side ("B12", "HB5922831" are codes, not names).
_WORD = regex.compile(r"(?<![\p{N}\p{L}\p{M}])\p{L}[\p{L}\p{M}'’-]*(?![\p{N}\p{L}\p{M}])")
#: A possessive ending: the gazetteer holds "leila", not "leila's".
_POSSESSIVE = regex.compile(r"['’]s$", regex.IGNORECASE)
#: Words before a name, in any case: the model reads "dr. abernathy's" and "name: wei patel" in lower case too.
_CUES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "name", "patient", "pt"})
#: The pronoun in any of its forms: capitalised, but no name.
_PRONOUN = regex.compile(r"I(?:['’]\p{L}+)?")


def ner_ranges(text: str) -> list[tuple[int, int]]:
    """The (start, end) character ranges of `text` the entity recognizer should read: runs of
    sentences where it may find a name or a place the scanner keeps; empty when there are none."""
    ranges: list[tuple[int, int]] = []
    previous = 0
    for start, end in _sentences(text):
        if _may_name(text[start:end]):
            first = previous
            if ranges and first <= ranges[-1][1]:
                first = ranges.pop()[0]
            ranges.append((first, end))
        previous = start
    return ranges


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, its leading whitespace left out so it starts on a token."""
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if text[start : end.end()].strip():
            yield start + _lead(text[start : end.end()]), end.end()
        start = end.end()
    if text[start:].strip():
        yield start + _lead(text[start:]), len(text)


def _may_name(sentence: str) -> bool:
    """A word capitalised past the sentence's first (not "I" or a short acronym), or a known first name,
    town or a word that comes before names ("dr", "name") anywhere in it."""
    names, towns = given_names(), us_towns()
    for index, match in enumerate(_WORD.finditer(sentence)):
        word = match.group()
        if index and not word.islower() and not _PRONOUN.fullmatch(word) and not (word.isupper() and len(word) <= 4):
            return True
        lower = word.casefold()
        if lower in _CUES or lower in towns or fold(_POSSESSIVE.sub("", word)) in names:
            return True
    return False


def _lead(sentence: str) -> int:
    """Leading whitespace to leave out, so a range starts on a token."""
    return len(sentence) - len(sentence.lstrip())
