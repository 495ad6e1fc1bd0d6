"""The ICD-10-CM chapter of a condition an item names: of an explicit code ("E11.9", "ICD-10: F32"), or of a
condition phrase the CONDITION recognizer found ("type 2 diabetes" -> E00-E89). The table is package data made
by build_chapters.py from simple-icd-10-cm; a phrase it does not know (a lay term such as "heart attack") has
no chapter rather than a guessed one.

A chapter is named by its code range ("E00-E89"); `title` gives its name.
"""

from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = "icd10cm_chapters.tsv.gz"

#: A code with its subcategory part ("E11.9", "S72.001A", "F32.A"): a letter, a digit, a digit or letter, a dot.
_DOTTED = re.compile(r"(?<![\w.])([A-Z]\d[0-9A-Z])\.([0-9A-Z]{1,4})(?![\w.])")
#: A bare category only after an ICD label ("ICD-10: F32", "ICD10 code J45"): "B12" alone is a vitamin.
_LABELLED = re.compile(r"\bICD[- ]?10(?:[- ]?CM)?(?:\s+(?:code|dx))?\s*[:#]?\s*([A-Z]\d[0-9A-Z])(?![\w.])", re.IGNORECASE)


@dataclass(frozen=True)
class Table:
    titles: dict[str, str]  # range -> title, in chapter order
    categories: dict[str, str]  # "E11" -> range
    phrases: dict[str, str]  # "type 2 diabetes mellitus" -> range


@functools.cache
def table() -> Table:
    """The shipped table, read once per process."""
    titles: dict[str, str] = {}
    categories: dict[str, str] = {}
    found: dict[str, str] = {}
    with gzip.open(Path(__file__).with_name("data") / DATA_FILE, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("#"):
                continue
            kind, key, value = line.rstrip("\n").split("\t")
            {"chapter": titles, "category": categories, "phrase": found}[kind][key] = value
    return Table(titles, categories, found)


def normalised(phrase: str) -> str:
    """A phrase as the table keys it: lower case, single spaces, curly apostrophes straightened."""
    return " ".join(phrase.lower().replace("\u2019", "'").split())


def of_phrase(phrase: str) -> str | None:
    """The chapter of a condition phrase, trying it as written, then less a possessive or a plural "s"."""
    phrases = table().phrases
    key = normalised(phrase)
    for form in (key, key.removesuffix("'s"), key.removesuffix("s")):
        if form in phrases:
            return phrases[form]
    return None


def of_code(code: str) -> str | None:
    """The chapter of an ICD-10-CM code by its category (its first three characters); None if there is none."""
    return table().categories.get(code[:3].upper())


def codes_in(text: str) -> list[str]:
    """The chapters of the ICD-10-CM codes written in `text`: dotted codes of a real category, and bare
    categories after an ICD label. Upper-case only for dotted codes ("e11.9" is rarely a code). A bare category
    with no label is not taken even when it is a complete code ("I10"): a letter and two digits ("E10", "C50",
    "M20") is as often a model number, a room or a grid cell."""
    found = [of_code(match[1]) for match in _DOTTED.finditer(text)]
    found += [of_code(match[1]) for match in _LABELLED.finditer(text)]
    return [chapter for chapter in found if chapter]


def title(chapter: str) -> str:
    """The chapter's name ("Endocrine, nutritional and metabolic diseases"), or the range if unknown."""
    return table().titles.get(chapter, chapter)
