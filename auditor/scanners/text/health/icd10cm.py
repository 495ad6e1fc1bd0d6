"""Turns ICD-10-CM code descriptions (from the maintained `simple-icd-10-cm` package) into the condition
phrases people actually write, and writes them to icd10cm_terms.txt.

Why a generated file: `import simple_icd_10_cm` parses the whole tabular XML (~3 s); the recognizer only
needs the phrases, so they are derived once here and shipped as a plain list. Regenerate after upgrading
simple-icd-10-cm (tests/test_health_vocabulary.py fails until you do):

    .venv/bin/python -m auditor.scanners.text.health.icd10cm

How a description becomes phrases ("Type 2 diabetes mellitus without complications"):

* the full description, and the part before the first comma and before the first qualifier
  (" with ", " without ", " due to ", " of ", " in ", ...): "type 2 diabetes mellitus";
* "[...]" and "(...)" asides, "unspecified", "NOS", "NEC", "not elsewhere classified" and leading
  "other"/"other specified"/"certain" are removed;
* "diabetes mellitus" also gives "diabetes" ("type 2 diabetes");
* inclusion terms (the listed synonyms, e.g. "Autism spectrum disorder" under F84.0) are treated alike.

Kept: phrases of 1-6 words from chapters A-U (diseases, symptoms, injuries, COVID-19). Left out: chapters
V-Y (external causes: "Contact with crocodile or alligator") and Z (encounters and status: "Encounter for
examination for driving license"); the pregnancy and history terms people write are in conditions.yaml.
Phrases listed in icd10cm_exclusions.yaml are dropped: ordinary English words ("state", "change",
"pain") and generic fragments ("foreign body", "bite of hand"), chosen by measuring their frequency in
general English (wordfreq Zipf scale) -- see that file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from auditor.scanners.text.health.vocabulary import ICD_TERMS_FILE, PACKAGE, curated

MAX_WORDS = 6
_EDGES = " ,;/-'\"."
_CHAPTERS_KEPT = set("ABCDEFGHIJKLMNOPQRSTU")
_ASIDES = re.compile(r"\s*(?:\[[^\]]*\]|\([^)]*\))")
_NOISE = re.compile(r"\b(?:unspecified|NOS|NEC|not elsewhere classified)\b")
_QUALIFIER = re.compile(
    r"\s(?:with|without|due to|in|of|following|complicating|associated with|not|induced by|affecting"
    r"|involving|at|on|from|after|during|by)\s",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:other and unspecified|other specified|other|unspecified|certain)\s+")
_FRAGMENT_START = re.compile(r"^(?:and|or|the|this|any|of|in|with|to|for|as|by|on)\b")
_FRAGMENT_END = re.compile(
    r"\b(?:and|or|of|to|with|in|for|by|the|arising|resulting|caused|associated|related|specified|classified|induced|characterized)$"
)


def phrases(description: str) -> set[str]:
    """The phrases a post might use for one ICD-10-CM description or inclusion term (lower-case)."""
    description = description.split("\t")[0]
    full = _ASIDES.sub("", description)
    full = _NOISE.sub(" ", full)
    full = re.sub(r"\s+", " ", full).strip(_EDGES)
    head = re.split(r"[,;:]", full)[0].strip()
    forms = {head}
    if "," not in full:
        forms.add(full)
    qualifier = _QUALIFIER.search(head)
    if qualifier:
        forms.add(head[: qualifier.start()])
    out: set[str] = set()
    for form in forms:
        form = form.lower().strip(_EDGES)
        previous = None
        while previous != form:
            previous, form = form, _LEADING.sub("", form)
        form = re.sub(r"\s+", " ", form).strip(_EDGES)
        if len(form) < 3 or len(form.split()) > MAX_WORDS:
            continue
        if _FRAGMENT_START.match(form) or _FRAGMENT_END.search(form):
            continue
        out.add(form)
        if " mellitus" in form:
            out.add(form.replace(" mellitus", ""))
    return out


def derive(entries: Iterable[tuple[str, str, list[str]]], excluded: Iterable[str]) -> list[str]:
    """Sorted condition phrases from (code, description, inclusion terms), less `excluded`."""
    drop = {e.lower() for e in excluded}
    terms: set[str] = set()
    for code, description, inclusions in entries:
        if code[:1] not in _CHAPTERS_KEPT:
            continue
        for text in (description, *inclusions):
            if "should be coded" in text or "classified elsewhere" in text:
                continue
            terms.update(phrases(text))
    return sorted(terms - drop)


def icd10cm_entries() -> list[tuple[str, str, list[str]]]:
    """(code, description, inclusion terms) of every ICD-10-CM category and subcategory (not blocks)."""
    import simple_icd_10_cm as cm  # ~3 s: parses the tabular XML

    return [
        (code, cm.get_description(code), cm.get_inclusion_term(code))
        for code in cm.get_all_codes(with_dots=True)
        if cm.is_category_or_subcategory(code)
    ]


def excluded_terms() -> list[str]:
    data = curated("icd10cm_exclusions")
    return [*data.get("common_words", []), *data.get("generic_phrases", [])]


def render(terms: list[str]) -> str:
    from importlib.metadata import version

    from simple_icd_10_cm import simple_icd_10_cm as cm

    release = f"simple-icd-10-cm {version('simple-icd-10-cm')}, {cm._classification_data_package_file_name}"
    header = [
        "# ICD-10-CM condition phrases for phi-audit's CONDITION recognizer. GENERATED: do not edit.",
        f"# Source: ICD-10-CM code descriptions and inclusion terms in {release},",
        "# U.S. public-domain classification (CDC/NCHS). Made by auditor/scanners/text/health/icd10cm.py,",
        "# less the phrases in icd10cm_exclusions.yaml. Regenerate: python -m auditor.scanners.text.health.icd10cm",
    ]
    return "\n".join([*header, *terms]) + "\n"


def main() -> None:
    terms = derive(icd10cm_entries(), excluded_terms())
    target = Path(str(resources.files(PACKAGE).joinpath(ICD_TERMS_FILE)))
    target.write_text(render(terms), encoding="utf-8")
    print(f"wrote {len(terms)} phrases to {target}")


if __name__ == "__main__":
    main()
