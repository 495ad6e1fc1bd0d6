"""The dictionary matcher every health recognizer is built on: phrase tries over the tokens the analyzer
has already made.

Why token tries and not regex: a vocabulary of ~60,000 phrases as one regex alternation compiles slowly
and backtracks on every position; a trie looks tokens up by hash, so its cost grows with the post's length,
not the vocabulary's. Presidio hands each recognizer the spaCy `Doc` it parsed (`nlp_artifacts.tokens`), so
matching adds no tokenisation; a blank English tokenizer (same rules as the analyzer's en_core_web_sm model)
is used only for a text analysed without artifacts.

Why the phrases come tokenized (vocabularies.txt, made by build_vocabularies.py from each recognizer's
`groups`): turning them into spaCy patterns at start-up (unpickling the drug dictionary, tokenizing, a `Doc`
per phrase, spaCy's PhraseMatcher) took ~4 s in every worker process; filling the tries from the file takes a
fraction of a second, and they find what the PhraseMatcher found: every phrase at every token, nested and
overlapping ones included.

Three kinds of vocabulary entry:

* ``terms`` match case-insensitively (the tokens' lower case): "metformin", "Type 2 Diabetes".
* ``acronyms`` match only as written: "COPD", "HbA1c" -- lower-case "copd" is still caught
  when it is also listed under terms; ambiguous ones ("MS", "CT", "PET") are only acronyms.
* ``not_terms`` are phrases in which a term is not health information ("the Great Depression",
  "lithium battery"); a match lying inside one is dropped.

Subclasses add context rules for the ambiguous acronyms by overriding `keep`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.attrs import LOWER, ORTH
from spacy.strings import hash_string  # type: ignore[attr-defined]  # in the Cython module, missing from its .pyi
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

#: Share of upper-case letters above which a text is "shouted" and capitalisation says nothing.
SHOUTED = 0.7

Value = TypeVar("Value")


@dataclass(frozen=True, slots=True)
class Group:
    """Phrases that share one entity and score, e.g. ICD-10-CM derived terms at 0.75."""

    entity: str
    score: float
    source: str
    terms: Sequence[str] = ()
    acronyms: Sequence[str] = ()


class PhraseTrie(Generic[Value]):
    """Token sequences and what each stands for, found in a text's tokens at every start and every length.

    Tokens are keyed by spaCy's hash of their text, which is what `Doc.to_array` gives for a whole text at once
    (reading each token's text from the Doc would make a Python object per token, per recognizer)."""

    def __init__(self) -> None:
        # Nested dicts keyed by token hash; a phrase's values sit under the key None.
        self._root: dict = {}

    def add(self, tokens: Sequence[str], value: Value) -> None:
        node = self._root
        for token in tokens:
            node = node.setdefault(hash_string(token), {})
        node.setdefault(None, []).append(value)

    def find(self, words: Sequence[int]) -> Iterator[tuple[Value, int, int]]:
        """(value, start, end) of every phrase in `words` (token hashes), by start, then end."""
        root = self._root
        if root.keys().isdisjoint(words):  # most texts, for most vocabularies: no phrase starts anywhere
            return
        for start in [index for index, word in enumerate(words) if word in root]:
            node = root[words[start]]
            end = start + 1
            while node is not None:
                for value in node.get(None, ()):
                    yield value, start, end
                if end == len(words):
                    break
                node = node.get(words[end])
                end += 1


class VocabularyRecognizer(EntityRecognizer):
    """Finds the phrases of its `groups` in a text; the longest match wins where matches overlap."""

    #: Subclasses set these; `groups()` and `not_terms()` say where the vocabulary comes from.
    ENTITIES: tuple[str, ...] = ()
    NAME = "VocabularyRecognizer"
    name: str  # set by EntityRecognizer.__init__, in a way mypy cannot infer

    def __init__(self) -> None:
        self._lower: PhraseTrie[Group] = PhraseTrie()
        self._orth: PhraseTrie[Group] = PhraseTrie()
        self._not: PhraseTrie[bool] = PhraseTrie()
        super().__init__(supported_entities=list(self.ENTITIES), name=self.NAME, supported_language="en")

    # -- vocabulary -------------------------------------------------------------------------------
    @classmethod
    def groups(cls) -> list[Group]:  # pragma: no cover - abstract
        """The vocabulary from its sources; read by build_vocabularies.py, which ships it tokenized."""
        raise NotImplementedError

    @classmethod
    def not_terms(cls) -> Iterable[str]:
        return ()

    def extra(self, text: str, doc: Doc) -> list[tuple[Span, Group]]:
        """Matches a vocabulary cannot express (token patterns such as "stage 4"); none by default."""
        return []

    def load(self) -> None:
        """Fills the tries from the shipped, tokenized vocabulary (the sources are not read at run time)."""
        from auditor.scanners.text.health.vocabulary import shipped_vocabularies

        tries = {"lower": self._lower, "orth": self._orth}
        for section in shipped_vocabularies()[self.NAME]:
            for tokens in section.phrases:
                if section.group is None:
                    self._not.add(tokens, True)
                else:
                    tries[section.attr].add(tokens, section.group)

    # -- matching ---------------------------------------------------------------------------------
    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        wanted = set(entities or self.ENTITIES) & set(self.ENTITIES)
        if not wanted or not text:
            return []
        doc = _doc(text, nlp_artifacts)
        lower, orth = doc.to_array([LOWER, ORTH]).T.tolist()
        candidates: list[Span] = []
        groups: dict[tuple[int, int], Group] = {}
        shouted: bool | None = None
        for trie, words, exact in ((self._lower, lower, False), (self._orth, orth, True)):
            for group, start, end in trie.find(words):
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
        negatives = [(s, e) for _, s, e in self._not.find(lower)]
        results = []
        for span in filter_spans(candidates):
            if any(s <= span.start and span.end <= e for s, e in negatives):
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
@functools.cache
def blank_english():
    """A blank English pipeline (tokenizer only), made once per process on first use."""
    import spacy

    return spacy.blank("en")


def _doc(text: str, nlp_artifacts: NlpArtifacts | None) -> Doc:
    tokens = getattr(nlp_artifacts, "tokens", None)
    # The analyzer's own Doc of this text; comparing lengths is enough (Doc.text rebuilds the string).
    if isinstance(tokens, Doc) and len(tokens) and tokens[-1].idx + len(tokens[-1].text_with_ws) == len(text):
        return tokens
    return blank_english().make_doc(text)


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
