"""LAB_TEST: laboratory tests, measurements and results in a post ("my A1C is 6.1", "tested positive").

Why a curated dictionary (lab_tests.yaml) rather than LOINC: LOINC's names are long formal strings
("Hemoglobin A1c/Hemoglobin.total in Blood") and its licence asks for attribution we would have to carry;
posts use a few hundred short names. Score 0.85. The span is the test's name, not its value.

Ambiguous acronyms are checked in context (`keep`): "PSA" is also a public-service announcement
("PSA: the pharmacy closes early"), "CBC" a broadcaster and "ALT"/"AST" alt text or a time zone, so they
count only beside words that make them a test ("my PSA is 4.1", "CBC came back normal", "ALT and AST
levels") or in a line a test label opens ("Ordered: ANA, a1c").
"""

from __future__ import annotations

from spacy.tokens import Span

from auditor.scanners.text.health.matching import Group, VocabularyRecognizer, neighbour
from auditor.scanners.text.health.vocabulary import curated

SCORE = 0.85
RESULT_WORDS = frozenset(
    [
        "test",
        "tests",
        "level",
        "levels",
        "score",
        "scores",
        "number",
        "numbers",
        "was",
        "is",
        "were",
        "are",
        "came",
        "come",
        "results",
        "result",
        "count",
        "went",
        "rose",
        "rising",
        "dropped",
        "jumped",
        "doubled",
        "doubling",
        "velocity",
        "reading",
        "check",
        "panel",
        "showed",
        "shows",
        "looked",
        "of",
        "'s",
        "enzymes",
        "and",
        "normal",
        "high",
        "low",
        "elevated",
        "fine",
        "ok",
        "good",
        "stable",
        "undetectable",
        "pending",
        "finally",
        "ordered",
        "back",
    ]
)
#: Labels of a line listing tests ("Ordered: ANA, a1c", "Test: PSA   Result: 6.8").
LIST_LABELS = frozenset(["test", "tests", "lab", "labs", "ordered", "results", "result", "bloodwork"])
OWNER_WORDS = frozenset(
    [
        "my",
        "his",
        "her",
        "their",
        "your",
        "dad's",
        "husband's",
        "father's",
        "mom's",
        "mother's",
        "wife's",
        "rising",
        "high",
        "elevated",
        "low",
        "normal",
        "raised",
        "undetectable",
        "routine",
        "recent",
        "full",
        "another",
        "abnormal",
    ]
)
CONTEXTUAL = {
    "PSA": (RESULT_WORDS - {"and"}, OWNER_WORDS),
    "CBC": (RESULT_WORDS | {"blood", "work"}, OWNER_WORDS),
    "ALT": (RESULT_WORDS | {"ast"}, OWNER_WORDS | {"ast", "liver"}),
    "AST": (RESULT_WORDS | {"alt"}, OWNER_WORDS | {"alt", "liver"}),
    "ANA": (RESULT_WORDS, OWNER_WORDS),
}


class LabTestRecognizer(VocabularyRecognizer):
    ENTITIES = ("LAB_TEST",)
    NAME = "HealthLabTestRecognizer"

    @classmethod
    def groups(cls) -> list[Group]:
        data = curated("lab_tests")
        return [
            Group("LAB_TEST", SCORE, "lab_tests.yaml", terms=data["terms"], acronyms=data["acronyms"]),
            Group("LAB_TEST", SCORE, "lab acronym in context", acronyms=tuple(CONTEXTUAL)),
        ]

    @classmethod
    def not_terms(cls):
        return curated("lab_tests").get("not_terms", [])

    def keep(self, span: Span, group: Group, exact: bool) -> bool:
        if not exact or span.text not in CONTEXTUAL:
            return True
        after_words, before_words = CONTEXTUAL[span.text]
        after, before = neighbour(span, 1), neighbour(span, -1)
        if after == ":":
            return False  # "PSA: ..." is an announcement
        return after in after_words or before in before_words or _numeric(after) or _in_test_list(span)


def _in_test_list(span: Span) -> bool:
    """The acronym stands in a line that a test label opens: "Ordered: ANA, a1c"."""
    index = span.start - 1
    while index > 0 and "\n" not in span.doc[index].text:
        if span.doc[index].text == ":" and span.doc[index - 1].lower_ in LIST_LABELS:
            return True
        index -= 1
    return False


def _numeric(word: str) -> bool:
    return bool(word) and word.replace(".", "", 1).isdigit()
