"""First names the small spaCy model misses or calls a place: "Sunita two weeks into Lyrica",
"Résultats de Chidi Fitzgerald", "Jean-Luc is tired", "nurse søren", "fundraiser for olivia's".

A gazetteer of US given names (given_names.txt, from the Social Security Administration's baby names;
see build_given_names.py) says where each name may be trusted alone: in any case, when capitalised, or
only when capitalised mid-sentence (at a sentence start "Max" and "Chase" are more often words). A
capitalised word after the first name is taken as the surname, a capital letter as its initial ("Jane D."); a
surname, its initial or a possessive ("Maria's EKG") makes a capitalised name certain enough anywhere, and an
initial even a town's name ("Sandy B"). Like spaCy's guesses, these give way to
what a pattern or health recognizer reads on the same words (filters.py): "Addison's disease" stays a
condition and "Austin, TX" a city.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from auditor.scanners.text.recognizers._patterns import read_table
from auditor.scanners.text.recognizers._places import us_towns

#: A word, with inner hyphens or apostrophes ("Jean-Luc", "D'Andre"), not part of an e-mail address,
#: link, handle or hashtag.
_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.])\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_@/]|\.\w)")
#: A capitalised surname right after the first name: "Fitzgerald", "Al-Sayed", "O'Brien", "McDonald".
_SURNAME = regex.compile(r"[ \t]+(\p{Lu}(?:'\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}])")
#: The initial of a surname after the first name, as forums and anonymised notes write it: "Jane D.", "Sandy B:"
#: (not "I": "when I met Mary I knew"; nor a middle initial: "Ján M. Novák" is initial_name.py's).
_SURNAME_INITIAL = regex.compile(r"[ \t]+(?!I\b)\p{Lu}(?:\.|(?![\p{L}\p{N}.'’-]))(?![ \t]*\p{Lu}\p{Ll})")
#: Punctuation that ends a sentence (or a line, or a label before its value).
_SENTENCE_ENDS = ".!?:;…\n"
#: What may sit between that punctuation and the next word: spaces, quotes, brackets, bullets.
_LEAD_IN = " \t\"'“‘([*•-"
#: A saint's name is a place or an institution: "St. Jude", "San Jose", "Santa Maria".
_SAINT = regex.compile(r"\b(?:St|Ste|Saint|San|Santa|Sao|São)\.?[ \t]+$")
#: Capitalised words after a first name that make it part of an institution or a place, not a person.
_NOT_SURNAME = frozenset(
    [
        "clinic",
        "hospital",
        "center",
        "centre",
        "health",
        "medical",
        "medicine",
        "university",
        "college",
        "school",
        "foundation",
        "bank",
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "lane",
        "ln",
        "drive",
        "dr",
        "boulevard",
        "blvd",
        "county",
        "church",
        "pharmacy",
        "syndrome",
        "disease",
        "institute",
        "memorial",
        "children's",
        "hall",
        "house",
    ]
)
#: A chat line's speaker: a capitalised word or two at a line's start, after a timestamp's brackets if any, then ": "
#: ("Stevie: dad's port got flushed", "[14/02/2025, 21:14] Kemi: Not yet").
_SPEAKER = regex.compile(r"(?m)^[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?(?P<name>\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?):[ \t]")
#: Speaker labels that name a role or a relative, not a person: "Nurse:", "Nana:", "Caller:".
_ROLE_SPEAKERS = frozenset(
    {"nurse", "patient", "caller", "doctor", "mom", "mum", "dad", "mama", "papa", "nana", "grandma", "grandpa", "auntie", "uncle"}
    | {"agent", "rep", "tech", "pharmacist", "provider", "parent", "guardian", "me", "you", "admin", "moderator", "bot"}
)
#: Scores by how the word is written: capitalised mid-sentence, capitalised at a sentence start, lower case.
_SCORE = {"inner": 0.6, "initial": 0.55, "lower": 0.5}
#: A first name with its surname is as sure as spaCy's PERSON (0.85), so the whole name outranks the
#: surname alone that the model sometimes finds ("Sofia [Adeyemi]").
_FULL_NAME_SCORE = 0.85


#: Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def fold(word: str) -> str:
    """The gazetteer's key: lower case, accents, hyphens and apostrophes removed ("Jean-Luc" → "jeanluc",
    "Søren" → "soren"). Most words are plain ASCII letters, whose key is their lower case."""
    if word.isascii() and word.isalpha():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c))


@functools.cache
def given_names() -> dict[str, str]:
    """Folded given name → where it may be trusted alone (any, title, mid); read once per process."""
    return read_table(Path(__file__).with_name("given_names.txt"))


class GivenNameRecognizer(EntityRecognizer):
    """A known first name, with the capitalised surname that follows it."""

    name: str  # set by EntityRecognizer.__init__, in a way mypy cannot infer

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name=type(self).__name__, supported_language="en")

    def load(self) -> None:
        """The gazetteer loads on first use (given_names), not when the analyzer is built."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        names = given_names()
        speakers = chat_speakers(text)
        results = []
        for match in _WORD.finditer(text):
            word, start = match.group(), match.start()
            possessive = word[-2:] in ("'s", "’s")
            if possessive:
                word = word[:-2]
            style = _style(word, text, start)
            trust = names.get(fold(word))
            if style is None or trust is None or (style == "lower" and trust != "any"):
                continue
            end = start + len(word)
            surname = _SURNAME.match(text, end) if style != "lower" else None
            last = surname.group(1).casefold() if surname else ""
            if last in _NOT_SURNAME or _SAINT.search(text, max(0, start - 8), start):
                continue  # "Jude Children's Hospital", "St. Jude"
            score = _SCORE[style]
            initial = _SURNAME_INITIAL.match(text, end) if style != "lower" and not possessive and not surname else None
            if surname and last not in STOP_WORDS:
                end, score = surname.end(1), _FULL_NAME_SCORE
            elif initial:
                end, score = initial.end(), _FULL_NAME_SCORE  # "Jane D.", "Quoting Sandy B:"
            elif not (possessive and style != "lower") and not _trusted(trust, style) and start not in speakers:
                continue
            if not (possessive or initial) and text[start:end].casefold() in us_towns():
                continue  # "eugene", "Sioux Falls": a town, read by the place recognizers
            results.append(RecognizerResult("PERSON", start, end, score, recognition_metadata=self._explain(word)))
        return results

    def _explain(self, word: str) -> dict:
        return {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            "given_name": fold(word),
        }


@functools.lru_cache(maxsize=4)  # the filters ask once per name of the same text, one text after another
def chat_speakers(text: str) -> frozenset[int]:
    """Where the speakers' names start in a chat, two lines or more spoken by known given names: there any known
    given name is one, "Hunter:" and "Dawn:" too, which elsewhere are more often words ("Summary:" is a heading)."""
    labels = [m for m in _SPEAKER.finditer(text) if m.group("name").casefold() not in _ROLE_SPEAKERS]
    named = [m for m in labels if fold(m.group("name").split()[-1]) in given_names()]
    return frozenset(m.start("name") for m in labels) if len(named) >= 2 else frozenset()


def _style(word: str, text: str, start: int) -> str | None:
    """How the word is written: lower case, capitalised (at a sentence start or mid-sentence), or None
    for all-caps and mixed case (headings and codes, left to the record-label patterns)."""
    if word.islower():
        return "lower"
    if not (word[0].isupper() and any(c.islower() for c in word[1:])):
        return None
    before = text[max(0, start - 12) : start].rstrip(_LEAD_IN)
    return "initial" if (not before and start <= 12) or (before and before[-1] in _SENTENCE_ENDS) else "inner"


def _trusted(trust: str, style: str) -> bool:
    """Whether a name of this trust, written this way and without a surname after it, is taken as a name."""
    if style == "lower":
        return trust == "any"
    if style == "initial":
        return trust in ("any", "title")
    return True  # capitalised mid-sentence: every name in the gazetteer
