"""The health vocabularies' data: curated YAML lists in this package, the ICD-10-CM term list generated
from simple-icd-10-cm, the drug dictionary bundled in drug-named-entity-recognition, and vocabularies.txt,
all of them tokenized, which is what the recognizers read at run time (build_vocabularies.py makes it).

Everything is read on first use (never at import) and kept for the process: each recognizer instance
builds its own tries from these immutable lists, so fresh instances are cheap after the first.
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import yaml

from auditor.scanners.text.health.matching import Group

PACKAGE = "auditor.scanners.text.health"
ICD_TERMS_FILE = "icd10cm_terms.txt"
VOCABULARIES_FILE = "vocabularies.txt"
#: Opens a section of vocabularies.txt: "@ recognizer lower|orth entity score source" or "@ recognizer not".
_SECTION = "@ "


@cache
def curated(name: str) -> dict:
    """A curated YAML list of this package (`conditions`, `medications`, ...), as a dict of lists."""
    text = resources.files(PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {key: list(value or []) for key, value in data.items()}


@cache
def icd10cm_terms() -> tuple[str, ...]:
    """The generated ICD-10-CM condition phrases (see icd10cm.py for how they are made)."""
    text = resources.files(PACKAGE).joinpath(ICD_TERMS_FILE).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


# -- drug-named-entity-recognition ---------------------------------------------------------------
#: Single-word names must look like a word: letters, inner hyphens/apostrophes, 5+ characters
#: ("apap", "gana", "tobi" and other 4-letter codes collide with ordinary words and names).
_SINGLE = re.compile(r"^[a-z][a-z'-]{3,}[a-z]$")
#: Multi-word names: two or three such words (digits and commas mark chemical or combination entries
#: nobody types in a post, e.g. "abacavir, dolutegravir, and lamivudine", "at 10").
_MULTI = re.compile(r"^[a-z][a-z'-]*[a-z](?: [a-z][a-z'-]*[a-z]){1,2}$")


def drug_data_file() -> Path:
    """drug-named-entity-recognition's bundled dictionary, found without importing the package
    (`importlib.resources.files` would import it, and with it its side effects)."""
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("drug-named-entity-recognition is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"


@lru_cache(maxsize=1)
def drug_dictionary() -> dict[str, list[str]]:
    """drug-named-entity-recognition's `drug_variant_to_canonical`, keeping medicines only.

    The package's own data file is read directly, without importing the package:
    `import drug_named_entity_recognition` unpickles ~/.omop_cache.pkl when present, builds an n-gram
    index we do not use and pulls in its OMOP web-API and structure-download modules. Of its entries we
    keep those whose canonical drug has a MedlinePlus or NHS page or a DrugBank id; MeSH-only entries are
    proteins, blood groups and laboratory chemicals ("protein a", "diamond").
    """
    with bz2.open(drug_data_file(), "rb") as stream:
        data = pickle.load(stream)  # the installed package's own bundled data, not user input
    canonical = data["drug_canonical_to_data"]
    variants: dict[str, list[str]] = data["drug_variant_to_canonical"]

    def consumer(name: str) -> bool:
        record = canonical.get(name, {})
        return "medline_plus_id" in record or "nhs_url" in record

    def medicine(name: str) -> bool:
        record = canonical.get(name, {})
        return consumer(name) or "drugbank_id" in record

    return {
        variant: names
        for variant, names in variants.items()
        if (_SINGLE.match(variant) and any(medicine(n) for n in names))
        # DrugBank-only multi-word entries are mostly foods, pollens and oils ("black pepper",
        # "timothy grass"); multi-word names are taken from consumer drugs only.
        or (_MULTI.match(variant) and any(consumer(n) for n in names))
    }


# -- vocabularies.txt ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Section:
    """One recognizer's phrases of one group, as tokens: terms (`lower`), acronyms (`orth`), or its
    not-terms (`not`, no group)."""

    recognizer: str
    attr: str
    group: Group | None
    phrases: tuple[tuple[str, ...], ...]


def render_vocabularies(sections: Iterable[Section], header: str) -> str:
    """vocabularies.txt: `header`, then each section's heading and its phrases, one a line, tokens
    separated by single spaces (build_vocabularies.py checks that no token holds a space)."""
    lines = [header.rstrip("\n")]
    for section in sections:
        if section.group is None:
            lines.append(f"{_SECTION}{section.recognizer} not")
        else:
            group = section.group
            lines.append(f"{_SECTION}{section.recognizer} {section.attr} {group.entity} {group.score} {group.source}")
        lines.extend(" ".join(tokens) for tokens in section.phrases)
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def shipped_vocabularies() -> dict[str, tuple[Section, ...]]:
    """vocabularies.txt as each recognizer's sections, by recognizer name."""
    text = resources.files(PACKAGE).joinpath(VOCABULARIES_FILE).read_text(encoding="utf-8")
    sections: dict[str, list[Section]] = {}
    heading: list[str] = []
    phrases: list[tuple[str, ...]] = []

    def close() -> None:
        if heading:
            recognizer, attr, *rest = heading
            group = Group(rest[0], float(rest[1]), rest[2]) if rest else None
            sections.setdefault(recognizer, []).append(Section(recognizer, attr, group, tuple(phrases)))

    for line in text.splitlines():
        if line.startswith(_SECTION):
            close()
            heading, phrases = line[len(_SECTION) :].split(" ", 4), []
        elif line and not line.startswith("#"):
            phrases.append(tuple(line.split(" ")))
    close()
    return {recognizer: tuple(found) for recognizer, found in sections.items()}
