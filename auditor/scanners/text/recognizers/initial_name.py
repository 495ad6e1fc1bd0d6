"""Names written with a middle initial: "Nikolaj N Møller", "Vida A. Persson", "Grace K. Lee". A capitalised
word, one capital letter (with or without its full stop) and another capitalised word are a person's name in
any language, which the small spaCy model misses when the words are not English ("Ravil G Yefimov"). The
shape alone also fits "Vitamin B Complex" and "Hepatitis B Vaccine", so both words must be no everyday
English word unless the gazetteers know them as a given name and a surname ("Will J. Mason")."""

from __future__ import annotations

from collections.abc import Iterable

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname
from auditor.scanners.text.recognizers._patterns import SpanRecognizer

_NAME = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*"
_WITH_INITIAL = regex.compile(rf"(?<![\p{{L}}\p{{M}}.'’-])({_NAME})[ \t]+\p{{Lu}}\.?[ \t]+({_NAME})(?![\p{{L}}\p{{M}}])")
_SCORE = 0.7


class InitialNameRecognizer(SpanRecognizer):
    """First name, middle initial, surname."""

    ENTITY = "PERSON"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float, str]]:
        for match in _WITH_INITIAL.finditer(text):
            first, last = match.group(1), match.group(2)
            if (is_common(first) and not is_given(first)) or (is_common(last) and not is_surname(last, ("rare", "word"))):
                continue
            yield match.start(), match.end(), _SCORE, "first name, middle initial, surname"
