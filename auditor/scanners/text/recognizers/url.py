"""Links: Presidio's URL recognizer, with the sentence's punctuation left out of the span.

Presidio's pattern ends a URL at whitespace, so "see https://example.org/f/help-ines." reports the full
stop and "(https://example.org/u/ana)" the closing bracket; the labelled value is the link alone."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import UrlRecognizer

from auditor.scanners.text.recognizers._patterns import Prefilter

#: Every URL pattern ends its host in "." and one of ~700 top-level domains, all of which start with a
#: letter; matched with the patterns' own case folding.
_DOT_LETTER = regex.compile(r"\.[a-z]", regex.IGNORECASE)
_TRAILING = ".,;:!?'\"”’…"


def trim_url(value: str) -> str:
    """`value` without trailing sentence punctuation, or a closing bracket the link does not open."""
    while value:
        if value[-1] in _TRAILING or (
            value[-1] in ")]}" and value.count(value[-1]) > value.count({")": "(", "]": "[", "}": "{"}[value[-1]])
        ):
            value = value[:-1]
        else:
            break
    return value


def _starting_a_word(pattern: str) -> str:
    """A bare domain's pattern tried only where a domain can start, not inside one: Presidio's has no left edge, so
    on "A.A.A.…" it was tried from every letter (20,000 characters took 22 s); the matches are the same."""
    head = "(?i)(("
    return pattern.replace(head, r"(?i)(?<![a-z0-9.\-])((", 1) if pattern.startswith(head) else pattern


class TrimmedUrlRecognizer(Prefilter, UrlRecognizer):
    """UrlRecognizer whose spans stop before trailing punctuation, skipping texts with no "." before a letter
    (its four patterns, each with the whole list of domains, are among the slowest)."""

    def __init__(self) -> None:
        super().__init__(patterns=[Pattern(p.name, _starting_a_word(p.regex), p.score) for p in self.PATTERNS], name="TrimmedUrlRecognizer")

    def could_match(self, text: str) -> bool:
        return _DOT_LETTER.search(text) is not None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags) or []
        for result in results:
            result.end = result.start + len(trim_url(text[result.start : result.end]))
        return [r for r in results if r.end > r.start]
