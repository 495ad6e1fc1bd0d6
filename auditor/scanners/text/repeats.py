"""A name confirmed once is a name at every repeat in the same text (Presidio users ask for this, #859):
"Dr. Kowalski called … KOWALSKI AWARE", "Valida spent a year … assistant to Valida M. Ibragimov".

Runs after the filters, on what they kept: each PERSON found with a score of CONFIRMED or more by a recognizer
that reads evidence (a cue, a label, a gazetteer; not the model's guess alone) is looked for again,
case-insensitively and as whole words, together with each of its words that is a known first name or surname
and no everyday English word; a repeat not already inside a name is added at the confirming score less
REPEAT_DISCOUNT."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname

CONFIRMED = 0.6
REPEAT_DISCOUNT = 0.05
_WORDS = regex.compile(r"[\p{L}][\p{L}'’-]{2,}")


def tag_repeats(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """`results` with the repeats of its confirmed names added."""
    names = [r for r in results if r.entity_type == "PERSON"]
    confirmed = [
        r
        for r in names
        if r.score >= CONFIRMED and (r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY) != "SpacyRecognizer"
    ]
    if not confirmed:
        return results
    values: dict[str, float] = {}
    for r in confirmed:
        value = text[r.start : r.end]
        for key in {value, *(w for w in _WORDS.findall(value) if (is_given(w) or is_surname(w, ("rare", "word"))) and not is_common(w))}:
            if len(key) >= 3:
                values[key.casefold()] = max(values.get(key.casefold(), 0.0), r.score)
    taken = [(r.start, r.end) for r in names]
    added = []
    for key, score in sorted(values.items(), key=lambda kv: -len(kv[0])):
        for match in regex.finditer(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(key)}(?![\p{{L}}\p{{N}}])", text, regex.IGNORECASE):
            if any(s <= match.start() and match.end() <= e for s, e in taken):
                continue
            taken.append(match.span())
            added.append(
                RecognizerResult(
                    "PERSON",
                    match.start(),
                    match.end(),
                    score - REPEAT_DISCOUNT,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "RepeatedName"},
                )
            )
    return results + added
