"""spaCy's PERSON on a case-restored copy of ALL-CAPS text. The small model reads capitals as names, so on
"DAUGHTER ROSALIND AT BEDSIDE, ABD SOFT" it tags everything or nothing; on a copy where everyday words are put
in lower case and the other words capitalised ("daughter Rosalind at bedside, Abd soft") it reads a name by
its context, as it does in ordinary prose. Behind a veto: a span is kept only when none of its words is an
everyday word and it is a known given name, or, of two words or more, one is a given name or a rare surname
(the gazetteers), so restored clinical shorthand ("Abdo", "Vq") stays out; a surname alone is left to the
cues of cased_name.py. The model is the analyzer's own (handed over by the engine), not a
second copy."""

from __future__ import annotations

from collections.abc import Iterable

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname
from auditor.scanners.text.recognizers._patterns import SpanRecognizer

#: A line whose letters are capitals: at least three words of two letters or more, four in five all caps.
_LINE = regex.compile(r"[^\n]+")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_SCORE = 0.6


class CaseRestoredNerRecognizer(SpanRecognizer):
    """Names that spaCy finds in an ALL-CAPS line once its case is restored, kept behind the gazetteers."""

    ENTITY = "PERSON"

    def __init__(self, nlp_engine=None) -> None:
        super().__init__()
        self._nlp_engine = nlp_engine

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float, str]]:
        if self._nlp_engine is None or not any(c.isupper() for c in text):
            return []
        lines = [(m.start(), restored) for m in _LINE.finditer(text) if (restored := _restored(m.group())) is not None]
        if not lines:
            return []
        nlp = self._nlp_engine.nlp["en"]
        found = []
        for (offset, _), doc in zip(lines, nlp.pipe(restored for _, restored in lines), strict=True):
            for ent in doc.ents:
                words = _WORD.findall(ent.text)
                if ent.label_ != "PERSON" or not words or any(is_common(w) for w in words):
                    continue
                if any(is_given(w) for w in words) if len(words) == 1 else any(is_given(w) or is_surname(w) for w in words):
                    found.append((offset + ent.start_char, offset + ent.end_char, _SCORE, "spaCy PERSON on the case-restored line"))
        return found


def _restored(line: str) -> str | None:
    """The line with everyday words in lower case and the others capitalised, or None when it is not ALL CAPS
    (or restoring would move offsets)."""
    words = [w for w in _WORD.findall(line) if len(w) > 1]
    if len(words) < 3 or sum(w.isupper() for w in words) * 5 < len(words) * 4:
        return None
    restored = _WORD.sub(lambda m: m.group().lower() if is_common(m.group()) else m.group().capitalize(), line)
    return restored if len(restored) == len(line) else None
