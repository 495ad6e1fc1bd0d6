"""First names listed together: "They had 6: Efimiya, Mary, Ariana and Jodi", "my kids Ava, Noor and Tomasz".
A name the gazetteer lacks is known by the company it keeps: in a list of capitalised words where two or more
are known given names (and no town's name, since "Austin, Tyler and Dallas" are places), the other words are
names too, unless they are everyday words ("Mary, Ariana and Others")."""

from __future__ import annotations

from collections.abc import Iterable

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._lexicon import is_common, is_given
from auditor.scanners.text.recognizers._patterns import SpanRecognizer
from auditor.scanners.text.recognizers._places import us_towns

_NAME = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*"
#: Three or more capitalised words joined by commas, "and" or "&": "Efimiya, Mary, Ariana and Jodi".
_LIST = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}]){_NAME}(?:(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|[ \t]+(?:and|&)[ \t]+){_NAME}){{2,}}(?![\p{{L}}\p{{M}}])"
)
_ITEM = regex.compile(_NAME)
#: Known given names a list needs before its other words are taken as names.
_MIN_KNOWN = 2
_SCORE = 0.6


class NameListRecognizer(SpanRecognizer):
    """The unknown words of a list of first names."""

    ENTITY = "PERSON"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float, str]]:
        for match in _LIST.finditer(text):
            items = list(_ITEM.finditer(match.group()))
            known = [item for item in items if is_given(item.group())]
            if len(known) < _MIN_KNOWN or any(item.group().casefold() in us_towns() for item in known):
                continue
            for item in items:
                word = item.group()
                if not is_given(word) and not is_common(word):
                    yield match.start() + item.start(), match.start() + item.end(), _SCORE, "a word in a list of first names"
