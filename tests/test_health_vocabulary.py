"""How the health vocabularies are built: ICD-10-CM descriptions turned into the phrases people write,
the drug dictionary's filtering, the measured exclusions, the tokenized file the recognizers read, and the
data files' provenance headers."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest
from spacy.matcher import PhraseMatcher

from auditor.scanners.text.health import build_vocabularies
from auditor.scanners.text.health.icd10cm import derive, excluded_terms, icd10cm_entries, phrases, render
from auditor.scanners.text.health.matching import PhraseTrie, blank_english, is_shouted
from auditor.scanners.text.health.medications import MedicationRecognizer
from auditor.scanners.text.health.vocabulary import (
    PACKAGE,
    VOCABULARIES_FILE,
    curated,
    drug_dictionary,
    icd10cm_terms,
    shipped_vocabularies,
)

pytestmark = pytest.mark.slow


# -- ICD-10-CM descriptions into phrases ---------------------------------------------------------------
@pytest.mark.parametrize(
    "description, expected",
    [
        ("Type 2 diabetes mellitus without complications", {"type 2 diabetes mellitus", "type 2 diabetes"}),
        ("Crohn's disease [regional enteritis]", {"crohn's disease"}),
        ("Migraine, unspecified, not intractable, without status migrainosus", {"migraine"}),
        ("Other chronic obstructive pulmonary disease", {"chronic obstructive pulmonary disease"}),
        (
            "Rheumatoid arthritis without rheumatoid factor, ankle and foot",
            {"rheumatoid arthritis", "rheumatoid arthritis without rheumatoid factor"},
        ),
        ("Human immunodeficiency virus [HIV] disease", {"human immunodeficiency virus disease"}),
    ],
)
def test_icd10cm_descriptions_become_the_phrases_people_write(description, expected):
    assert expected <= phrases(description)


def test_icd10cm_qualifiers_and_unspecified_never_survive_in_a_phrase():
    made = phrases("Malignant neoplasm of unspecified site of unspecified female breast (NOS)")
    assert "malignant neoplasm" in made
    assert not any("unspecified" in p or "(" in p or p.endswith(" of") for p in made)


def test_icd10cm_external_causes_and_encounters_are_left_out():
    entries = [
        ("W58", "Contact with crocodile or alligator", []),
        ("Z02.4", "Encounter for examination for driving license", []),
        ("G35", "Multiple sclerosis", []),
    ]
    assert derive(entries, []) == ["multiple sclerosis"]


def test_icd10cm_ordinary_words_measured_as_frequent_are_excluded():
    terms = set(icd10cm_terms())
    for word in ("state", "change", "pain", "disorder", "disease", "injury", "problems", "cause", "thrush"):
        assert word in excluded_terms() and word not in terms
    for kept in ("cancer", "depression", "anxiety", "stroke", "diabetes", "multiple sclerosis", "covid-19"):
        assert kept in terms


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # simple_icd_10_cm uses importlib.resources.read_text
def test_generated_icd10cm_term_file_matches_the_installed_simple_icd_10_cm():
    """Fails after a simple-icd-10-cm upgrade until `python -m auditor.scanners.text.health.icd10cm` is run."""
    shipped = resources.files(PACKAGE).joinpath("icd10cm_terms.txt").read_text(encoding="utf-8")
    assert shipped == render(derive(icd10cm_entries(), excluded_terms()))


# -- drug-named-entity-recognition ---------------------------------------------------------------------
def test_drug_dictionary_is_read_without_importing_the_package():
    """Importing drug_named_entity_recognition unpickles ~/.omop_cache.pkl and loads its OMOP web-API module."""
    code = (
        "import sys\n"
        "from auditor.scanners.text.health.vocabulary import drug_dictionary\n"
        "names = drug_dictionary()\n"
        "assert 'metformin' in names and 'ozempic' in names\n"
        "assert 'drug_named_entity_recognition' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_drug_dictionary_keeps_medicines_and_drops_chemicals_codes_and_foods():
    names = drug_dictionary()
    for medicine in (
        "metformin",
        "ozempic",
        "insulin",
        "humira",
        "methotrexate",
        "sertraline",
        "zoloft",
        "adderall",
        "prednisone",
        "tamoxifen",
    ):
        assert medicine in names
    for not_a_post_word in ("protein a", "at 10", "abacavir, dolutegravir, and lamivudine", "apap", "black pepper", "timothy grass"):
        assert not_a_post_word not in names


def test_medication_vocabulary_is_the_dictionary_less_exclusions_plus_curated_additions():
    vocabulary = {term for group in MedicationRecognizer.groups() for term in group.terms}
    assert not vocabulary & set(curated("medications")["exclude"])
    assert {"plan b", "birth control", "mounjaro"} <= vocabulary


# -- matching machinery ----------------------------------------------------------------------------------
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_shipped_vocabularies_are_the_recognizers_sources_tokenized():
    """Fails after editing a YAML list or upgrading spaCy or drug-named-entity-recognition until
    `python -m auditor.scanners.text.health.build_vocabularies` is run."""
    shipped = resources.files(PACKAGE).joinpath(VOCABULARIES_FILE).read_text(encoding="utf-8")
    assert shipped == build_vocabularies.render()


def test_shipped_vocabularies_hold_tokens_as_the_tokenizer_makes_them():
    sections = {
        (s.recognizer, s.attr, s.group.source if s.group else None): set(s.phrases)
        for found in shipped_vocabularies().values()
        for s in found
    }
    assert ("crohn", "'s", "disease") in sections[("HealthConditionRecognizer", "lower", "ICD-10-CM")]
    assert ("type", "2", "diabetes") in sections[("HealthConditionRecognizer", "lower", "ICD-10-CM")]
    assert ("COPD",) in sections[("HealthConditionRecognizer", "orth", "conditions.yaml")]
    assert ("metformin",) in sections[("HealthMedicationRecognizer", "lower", "drug-named-entity-recognition dictionary")]


def test_the_phrase_trie_finds_what_spacys_phrase_matcher_finds():
    """Every phrase at every start, nested and overlapping ones included, as the PhraseMatcher it replaced."""
    nlp = blank_english()
    phrases = ["type 2 diabetes", "diabetes", "type 2", "2 diabetes mellitus", "crohn's disease", "disease", "x-ray"]
    text = "Type 2 diabetes mellitus, then Crohn's disease; an x-ray of type 2. Diabetes again"
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    trie: PhraseTrie[str] = PhraseTrie()
    for phrase in phrases:
        matcher.add(phrase, [nlp.make_doc(phrase)])
        trie.add([token.lower_ for token in nlp.make_doc(phrase)], phrase)
    doc = nlp.make_doc(text)
    expected = {(nlp.vocab.strings[key], start, end) for key, start, end in matcher(doc)}
    found = set(trie.find([nlp.vocab.strings[token.lower_] for token in doc]))
    assert found == expected and len(found) == 9


def test_shouted_text_is_mostly_capitals():
    assert is_shouted("MY PET DOG IS THE BEST")
    assert not is_shouted("Diagnosed with MS last spring")
    assert not is_shouted("MS")


@pytest.mark.parametrize("name", ["conditions", "medications", "procedures", "lab_tests", "icd10cm_exclusions"])
def test_every_vocabulary_file_says_where_its_terms_come_from(name):
    text = resources.files(PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    header = text.split("\n\n")[0]
    assert header.startswith("#") and "Source" in header
