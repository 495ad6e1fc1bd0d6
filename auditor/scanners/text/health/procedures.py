"""PROCEDURE: surgery, imaging, scopes, biopsies and treatments (chemo, radiation, dialysis) in a post.

Why a curated dictionary (procedures.yaml) rather than a code set: procedure code systems (CPT, ICD-10-PCS)
are licensed or describe procedures in terms nobody posts ("Excision of right breast, open approach");
people write "mastectomy", "C-section", "my MRI". Score 0.85.

"CT" and "PET" alone are also Connecticut and a pet, so they count only beside imaging words or after
"a/my/the/his ..." ("had a CT yesterday", "my PET showed no evidence of disease"); "CT scan", "PET/CT"
and "PET scan" are in the vocabulary. Lower-case "pet" is never a procedure.
"""

from __future__ import annotations

from spacy.tokens import Span

from auditor.scanners.text.health.matching import Group, VocabularyRecognizer, neighbour
from auditor.scanners.text.health.vocabulary import curated

SCORE = 0.85
IMAGING_AFTER = frozenset(
    [
        "scan",
        "scans",
        "scanned",
        "scanning",
        "imaging",
        "angiogram",
        "angiography",
        "urogram",
        "colonography",
        "result",
        "results",
        "report",
        "reports",
        "guided",
        "contrast",
        "showed",
        "shows",
        "came",
        "was",
        "were",
        "/",
        "-",
    ]
)
DETERMINERS = frozenset(
    [
        "a",
        "my",
        "his",
        "her",
        "their",
        "our",
        "your",
        "the",
        "another",
        "this",
        "that",
        "next",
        "last",
        "latest",
        "first",
        "second",
        "follow-up",
        "followup",
        "recent",
        "repeat",
        "baseline",
        "head",
        "chest",
        "abdominal",
        "abdomen",
        "pelvic",
        "cardiac",
        "brain",
        "lung",
        "sinus",
        "spiral",
        "/",
        "-",
    ]
)
#: After "PET": a pet product, not the scan ("PET bottle", "my PET dog" in capitals).
PET_NOT_AFTER = frozenset(
    [
        "bottle",
        "bottles",
        "plastic",
        "plastics",
        "film",
        "resin",
        "container",
        "containers",
        "recycling",
        "food",
        "dog",
        "dogs",
        "cat",
        "cats",
        "shop",
        "store",
        "owner",
        "owners",
        "insurance",
        "sitter",
        "friendly",
    ]
)


class ProcedureRecognizer(VocabularyRecognizer):
    ENTITIES = ("PROCEDURE",)
    NAME = "HealthProcedureRecognizer"

    @classmethod
    def groups(cls) -> list[Group]:
        data = curated("procedures")
        return [
            Group("PROCEDURE", SCORE, "procedures.yaml", terms=data["terms"], acronyms=data["acronyms"]),
            Group("PROCEDURE", SCORE, "imaging acronym in context", acronyms=("CT", "PET")),
        ]

    @classmethod
    def not_terms(cls):
        return curated("procedures").get("not_terms", [])

    def keep(self, span: Span, group: Group, exact: bool) -> bool:
        if not exact or span.text not in ("CT", "PET"):
            return True
        after, before = neighbour(span, 1), neighbour(span, -1)
        if span.text == "PET" and after in PET_NOT_AFTER:
            return False
        return after in IMAGING_AFTER or before in DETERMINERS
