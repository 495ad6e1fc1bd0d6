"""The dictionary matcher every health recognizer is built on: spaCy PhraseMatchers over the tokens the
analyzer has already made.

Why PhraseMatcher and not regex: a vocabulary of ~60,000 phrases as one regex alternation compiles slowly
and backtracks on every position; a PhraseMatcher looks tokens up by hash in a trie, so its cost grows with
the post's length, not the vocabulary's. Presidio hands each recognizer the spaCy `Doc` it parsed
(`nlp_artifacts.tokens`), so matching adds no tokenisation; a blank English tokenizer (same rules as the
analyzer's en_core_web_sm model) is used only to turn vocabulary phrases into patterns, and for a text
analysed without artifacts.

Three kinds of vocabulary entry:

* ``terms`` match case-insensitively (spaCy ``LOWER``): "metformin", "Type 2 Diabetes".
* ``acronyms`` match only as written (``ORTH``): "COPD", "HbA1c" -- lower-case "copd" is still caught
  when it is also listed under terms; ambiguous ones ("MS", "CT", "PET") are only acronyms.
* ``not_terms`` are phrases in which a term is not health information ("the Great Depression",
  "lithium battery"); a match lying inside one is dropped.

Subclasses add context rules for the ambiguous acronyms by overriding `keep`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.matcher import PhraseMatcher
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

#: Share of upper-case letters above which a text is "shouted" and capitalisation says nothing.
SHOUTED = 0.7


@dataclass(frozen=True, slots=True)
class Group:
    """Phrases that share one entity and score, e.g. ICD-10-CM derived terms at 0.75."""

    entity: str
    score: float
    source: str
    terms: Sequence[str] = ()
    acronyms: Sequence[str] = ()


class VocabularyRecognizer(EntityRecognizer):
    """Finds the phrases of its `groups` in a text; the longest match wins where matches overlap."""

    #: Subclasses set these; `groups()` builds the vocabulary (called once, from `load`).
    ENTITIES: tuple[str, ...] = ()
    NAME = "VocabularyRecognizer"

    def __init__(self) -> None:
        self._lower: PhraseMatcher | None = None
        self._orth: PhraseMatcher | None = None
        self._not: PhraseMatcher | None = None
        self._groups: list[Group] = []
        super().__init__(supported_entities=list(self.ENTITIES), name=self.NAME, supported_language="en")

    # -- vocabulary -------------------------------------------------------------------------------
    def groups(self) -> list[Group]:  # pragma: no cover - abstract
        raise NotImplementedError

    def not_terms(self) -> Iterable[str]:
        return ()

    def extra(self, text: str, doc: Doc) -> list[tuple[Span, Group]]:
        """Matches a vocabulary cannot express (token patterns such as "stage 4"); none by default."""
        return []

    def load(self) -> None:
        nlp = blank_english()
        self._groups = self.groups()
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._not = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, group in enumerate(self._groups):
            key = f"{self.NAME}:{index}"
            if group.terms:
                self._lower.add(key, pattern_docs(tuple(group.terms)))
            if group.acronyms:
                self._orth.add(key, pattern_docs(tuple(group.acronyms)))
        negatives = tuple(self.not_terms())
        if negatives:
            self._not.add("NOT", pattern_docs(negatives))
        self._group_of = {nlp.vocab.strings[f"{self.NAME}:{i}"]: g for i, g in enumerate(self._groups)}

    def vocabulary_size(self) -> dict[str, int]:
        """Distinct phrases per entity, for reports."""
        sizes: dict[str, set[str]] = {}
        for group in self._groups:
            sizes.setdefault(group.entity, set()).update(t.lower() for t in group.terms)
            sizes[group.entity].update(group.acronyms)
        return {entity: len(phrases) for entity, phrases in sizes.items()}

    # -- matching ---------------------------------------------------------------------------------
    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        wanted = set(entities or self.ENTITIES) & set(self.ENTITIES)
        if not wanted or not text:
            return []
        doc = _doc(text, nlp_artifacts)
        candidates: list[Span] = []
        groups: dict[tuple[int, int], Group] = {}
        shouted: bool | None = None
        for matcher, exact in ((self._lower, False), (self._orth, True)):
            for match_id, start, end in matcher(doc):
                group = self._group_of[match_id]
                if group.entity not in wanted:
                    continue
                span = doc[start:end]
                if exact:
                    if shouted is None:
                        shouted = is_shouted(text)
                    if shouted:
                        continue
                if not self.keep(span, group, exact):
                    continue
                previous = groups.get((start, end))
                if previous is None or group.score > previous.score:
                    groups[(start, end)] = group
                    candidates.append(span)
        for span, group in self.extra(text, doc):
            if group.entity in wanted and (span.start, span.end) not in groups:
                groups[(span.start, span.end)] = group
                candidates.append(span)
        if not candidates:
            return []
        negatives = [doc[s:e] for _, s, e in self._not(doc)] if len(self._not) else []
        results = []
        for span in filter_spans(candidates):
            if any(n.start <= span.start and span.end <= n.end for n in negatives):
                continue
            group = groups[(span.start, span.end)]
            results.append(
                RecognizerResult(
                    entity_type=group.entity,
                    start=span.start_char,
                    end=span.end_char,
                    score=group.score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name,
                        original_score=group.score,
                        textual_explanation=f"{group.entity} vocabulary: {group.source}",
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results

    def keep(self, span: Span, group: Group, exact: bool) -> bool:
        """Whether a vocabulary match stands in its context; subclasses veto ambiguous ones."""
        return True


# -- helpers shared by the recognizers --------------------------------------------------------------
_BLANK = None


def blank_english():
    """A blank English pipeline (tokenizer only), made once per process on first use."""
    global _BLANK
    if _BLANK is None:
        import spacy

        _BLANK = spacy.blank("en")
    return _BLANK


_PLAIN = re.compile(r"^[a-z]+(?: [a-z]+)*$")


@lru_cache(maxsize=64)
def pattern_docs(phrases: tuple[str, ...]) -> list[Doc]:
    """Vocabulary phrases as token patterns, tokenized like the analyzer's text; kept per process.

    Plain lower-case words separated by single spaces become a Doc directly: the tokenizer would only
    split them at the spaces (unless a word is one of its special cases, e.g. "cannot"), and skipping
    it makes building the ~50,000 patterns about twice as fast. Those Docs live in a vocabulary of their own
    that computes a new word's lower-case form and nothing else (see `_pattern_vocab`).
    """
    nlp = blank_english()
    special = nlp.tokenizer.rules or {}
    vocab = _pattern_vocab()
    docs = []
    for phrase in _unique(phrases):
        words = phrase.split(" ")
        if _PLAIN.match(phrase) and not any(word in special for word in words):
            docs.append(Doc(vocab, words=words))
        else:
            docs.append(nlp.make_doc(phrase))
    return docs


@lru_cache(maxsize=1)
def _pattern_vocab() -> Vocab:
    """A vocabulary whose new words get their LOWER attribute only: the matchers read nothing else of a
    pattern's tokens (LOWER, or ORTH, which is the word itself), and computing spaCy's dozen lexical
    attributes for the 35,000 distinct vocabulary words took half the time of building the patterns."""
    return Vocab(lex_attr_getters={LOWER: str.lower})


def _doc(text: str, nlp_artifacts: NlpArtifacts | None) -> Doc:
    tokens = getattr(nlp_artifacts, "tokens", None)
    # The analyzer's own Doc of this text; comparing lengths is enough (Doc.text rebuilds the string).
    if isinstance(tokens, Doc) and len(tokens) and tokens[-1].idx + len(tokens[-1].text_with_ws) == len(text):
        return tokens
    return blank_english().make_doc(text)


def _unique(phrases: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(p for p in (q.strip() for q in phrases) if p))


_LETTERS = re.compile(r"[^\W\d_]")


def is_shouted(text: str) -> bool:
    """A text written mostly in capitals, where "MS" or "PET" may be ordinary words."""
    letters = _LETTERS.findall(text)
    if len(letters) < 8:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= SHOUTED


def neighbour(span: Span, offset: int) -> str:
    """The lower-cased text of the token `offset` tokens before (<0) or after (>0) the span, or ''."""
    index = span.start + offset if offset < 0 else span.end - 1 + offset
    if 0 <= index < len(span.doc):
        return span.doc[index].lower_
    return ""
