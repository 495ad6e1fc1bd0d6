"""MEDICATION: medicines named in a post, by generic or brand name ("metformin", "Ozempic", "Zoloft").

Why this vocabulary: drug-named-entity-recognition ships a maintained dictionary of ~107,000 drug
names and brand variants (MedlinePlus, NHS, DrugBank, MeSH, Wikipedia). build_vocabularies.py reads its
bundled data file (see vocabulary.drug_dictionary for why not its `find_drugs`) and keeps medicines only: single words of
5+ letters with a MedlinePlus/NHS page or DrugBank id, and 2-3 word names of consumer drugs. Names that
are also ordinary words, names or foods ("caps", "Kendrick", "oats", "hops") were found by measuring
their general-English frequency and are excluded in medications.yaml, which also adds what the
dictionary lacks ("birth control", "Mounjaro", "PrEP"). Matching is case-insensitive ("ozempic",
"OZEMPIC"): drug names are rarely anything else. Score 0.85.
"""

from __future__ import annotations

from auditor.scanners.text.health.matching import Group, VocabularyRecognizer
from auditor.scanners.text.health.vocabulary import curated, drug_dictionary

SCORE = 0.85


class MedicationRecognizer(VocabularyRecognizer):
    ENTITIES = ("MEDICATION",)
    NAME = "HealthMedicationRecognizer"

    @classmethod
    def groups(cls) -> list[Group]:
        data = curated("medications")
        excluded = {name.lower() for name in data.get("exclude", [])}
        names = [name for name in drug_dictionary() if name not in excluded]
        return [
            Group("MEDICATION", SCORE, "drug-named-entity-recognition dictionary", terms=names),
            Group("MEDICATION", SCORE, "medications.yaml", terms=data.get("terms", []), acronyms=data.get("acronyms", [])),
        ]

    @classmethod
    def not_terms(cls):
        return curated("medications").get("not_terms", [])
