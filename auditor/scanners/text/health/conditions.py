"""CONDITION: diseases, disorders, symptoms and states of health named in a post.

Why a dictionary: posts name conditions with a small set of words (clinical names, lay names,
abbreviations), which a vocabulary finds exactly and fast, where a statistical NER model for
English (en_core_web_sm) has no disease label at all. Vocabulary:

* ICD-10-CM phrases derived from simple-icd-10-cm (icd10cm_terms.txt, made by icd10cm.py), score 0.75:
  clinical and specific, but a few still read as ordinary words in some context;
* curated lay terms and acronyms (conditions.yaml), score 0.85: how people actually write it.

Acronyms match only upper-case. "MS" is also Microsoft, a Master of Science, Mississippi and "Ms." in
shouted text, so it is dropped next to those readings (see `keep`). "stage 4" counts only near a cancer
or other staged-disease word.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from auditor.scanners.text.health.matching import Group, VocabularyRecognizer, neighbour
from auditor.scanners.text.health.vocabulary import curated, icd10cm_terms

ICD_SCORE = 0.75
CURATED_SCORE = 0.85

#: Words after "MS" that make it Microsoft's: "MS Word", "MS Teams", "MS-DOS".
MS_PRODUCTS = frozenset(
    [
        "word",
        "words",
        "teams",
        "office",
        "excel",
        "outlook",
        "paint",
        "powerpoint",
        "access",
        "edge",
        "windows",
        "sql",
        "dos",
        "project",
        "visio",
        "onenote",
        "store",
        "azure",
        "exchange",
        "dynamics",
        "publisher",
        "forms",
        "onedrive",
        "sharepoint",
        "defender",
        "flight",
        "surface",
        "xbox",
        "money",
        "works",
        "365",
        "paint.net",
        "authenticator",
        "authenticator's",
    ]
)
#: Words after "MS" that make it a Master of Science: "MS degree", "MS student".
MS_DEGREE = frozenset(
    [
        "degree",
        "degrees",
        "program",
        "programs",
        "programme",
        "student",
        "students",
        "thesis",
        "candidate",
        "graduate",
        "course",
        "courses",
        "diploma",
    ]
)
#: Degrees before "MS": "BS/MS", "PhD and MS".
DEGREES = frozenset(["bs", "ba", "bsc", "b.s.", "b.a.", "ba/bs", "mba", "phd", "ph.d.", "md", "m.d.", "ma", "msc"])
#: Words before "MS." that mean a disease, not the honorific: "diagnosed with MS. Then ...".
DISEASE_BEFORE = frozenset(["with", "have", "has", "had", "my", "his", "her", "their", "our", "your", "of", "for", "from", "about", "and"])
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "spring",
        "summer",
        "fall",
        "autumn",
        "winter",
    ]
)

#: Words near "stage N" that make it a disease stage.
STAGED = frozenset(
    [
        "cancer",
        "cancers",
        "tumor",
        "tumour",
        "carcinoma",
        "lymphoma",
        "melanoma",
        "sarcoma",
        "leukemia",
        "myeloma",
        "metastatic",
        "mets",
        "chemo",
        "oncologist",
        "oncology",
        "breast",
        "lung",
        "colon",
        "colorectal",
        "prostate",
        "ovarian",
        "pancreatic",
        "cervical",
        "kidney",
        "ckd",
        "liver",
        "endometriosis",
        "dementia",
        "alzheimer's",
        "alzheimers",
        "parkinson's",
        "hodgkin's",
        "hodgkin",
        "diagnosed",
        "diagnosis",
        "glioblastoma",
        "malignant",
        "bowel",
    ]
)
STAGE_WINDOW = 8
STAGE_GROUP = Group("CONDITION", CURATED_SCORE, "disease stage")
#: The word after "stage": 0-4 or I-IV, with an optional sub-stage letter.
_STAGE_NUMBER = re.compile(r"(?:[0-4][abc]?|i{1,3}[abc]?|iv[abc]?)")


class ConditionRecognizer(VocabularyRecognizer):
    ENTITIES = ("CONDITION",)
    NAME = "HealthConditionRecognizer"

    @classmethod
    def groups(cls) -> list[Group]:
        data = curated("conditions")
        return [
            Group("CONDITION", ICD_SCORE, "ICD-10-CM", terms=icd10cm_terms()),
            Group("CONDITION", CURATED_SCORE, "conditions.yaml", terms=data["terms"], acronyms=data["acronyms"]),
        ]

    @classmethod
    def not_terms(cls):
        return curated("conditions").get("not_terms", [])

    def extra(self, text: str, doc: Doc) -> list[tuple[Span, Group]]:
        found: list[tuple[Span, Group]] = []
        if "stage" not in text.lower():
            return found
        for start in range(len(doc) - 1):
            if doc[start].lower_ == "stage" and _STAGE_NUMBER.fullmatch(doc[start + 1].lower_):
                window = doc[max(0, start - STAGE_WINDOW) : min(len(doc), start + 2 + STAGE_WINDOW)]
                if any(token.lower_ in STAGED for token in window):
                    found.append((doc[start : start + 2], STAGE_GROUP))
        return found

    def keep(self, span: Span, group: Group, exact: bool) -> bool:
        if exact and span.text == "MS":
            return not _ms_is_not_disease(span)
        return True


def _ms_is_not_disease(span: Span) -> bool:
    doc = span.doc
    after, after2 = neighbour(span, 1), neighbour(span, 2)
    before, before2 = neighbour(span, -1), neighbour(span, -2)
    if any(token.lower_ == "microsoft" for token in doc):
        return True
    if after in MS_PRODUCTS or (after in {"-", "/"} and after2 in MS_PRODUCTS):
        return True
    if after in MS_DEGREE or before in DEGREES or (before in {"/", "and", "&", "-"} and before2 in DEGREES):
        return True
    if after == "in" and span.end + 1 < len(doc):
        field = doc[span.end + 1]
        # "MS in Computer Science" is a degree; "MS in 2019", "MS in March", "MS in my 20s" are not.
        if field.is_title and field.lower_ not in MONTHS and not field.like_num:
            return True
    if after == "." and span.end + 1 < len(doc) and doc[span.end + 1].is_title and before not in DISEASE_BEFORE:
        return True  # "MS. Johnson": the honorific in capitals
    if before == "," and span.start >= 2 and doc[span.start - 2].is_title:
        return True  # "Jackson, MS": Mississippi
    return after.isdigit() and len(after) == 5  # "MS 39201"
