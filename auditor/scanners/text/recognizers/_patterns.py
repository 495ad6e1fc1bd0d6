r"""Regex building blocks the recognizers share: a value after its label, and the label nearest a match.

Presidio compiles patterns with the `regex` module under IGNORECASE, so a label such as "MRN #:" can be
matched and then dropped from the match (`\K`), and only the value is reported as the span.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer

#: What people put between a label and its value: "MRN 123", "MRN: 123", "MRN #123", "med rec no. 123",
#: "member ID is 123".
_GLUE = r"(?:\s*(?:#|nos?\.?|num(?:ber)?|id|code))?(?:\s*(?:is|was|=))?\s*[:#=-]?\s*"


#: Degrees and licences written after a clinician's name: "Ngozi Petrov, MD", "LÓPEZ, NOÉMIE, RN".
CREDENTIALS = frozenset({"MD", "DO", "RN", "NP", "PA", "PA-C", "PhD", "DDS", "DMD", "DPM", "LPN", "CNM", "FNP", "APRN", "MSW", "LCSW"})


def after_label(labels: str, value: str) -> str:
    """A pattern for `value` right after one of `labels` (an alternation), matching the value alone.

    The label is matched forwards and dropped from the match with `\\K`: as a variable-width look-behind it was
    tried backwards at every position of the text, which made these the slowest patterns of all.
    """
    return rf"\b(?:{labels}){_GLUE}\K{value}(?!\w|-\w)"


def nearest_label(text: str, start: int, labels: regex.Pattern[str], window: int = 40) -> str | None:
    """The last word of `labels` in the `window` characters before `start`, lower-cased, or None."""
    found = labels.findall(text, max(0, start - window), start)
    return found[-1].lower() if found else None


class DeclaredPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer whose subclass declares ENTITY, PATTERNS and CONTEXT as class attributes,
    Presidio-style, without repeating the constructor. FLAGS lets name patterns drop IGNORECASE."""

    ENTITY: str
    PATTERNS: list[Pattern]
    CONTEXT: list[str] = []
    FLAGS: int = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT) or None,
            name=type(self).__name__,
            global_regex_flags=self.FLAGS,
        )
