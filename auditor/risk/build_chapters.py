"""Regenerates auditor/risk/data/icd10cm_chapters.tsv.gz, the ICD-10-CM chapter of every category and of every
condition phrase the CONDITION recognizer knows (maintainers only; never run by a scan or a report):

    .venv/bin/python -m auditor.risk.build_chapters

Why a generated file: `import simple_icd_10_cm` parses the whole tabular XML (~5 s, ~200 MB); a scan only needs
"which chapter is this phrase or code in", so that is derived once here from the same package and shipped.

Rows (tab-separated, after `#` comment lines): `chapter <range> <title>`, `category <code> <range>`,
`phrase <phrase> <range>`. A chapter is named by its code range ("E00-E89"), which is stable across releases.
- categories: every three-character category of ICD-10-CM and its chapter;
- phrases: every phrase auditor/scanners/text/health/icd10cm.py derives from a code's description or inclusion
  terms, with the chapter of the most codes that give it (a tie goes to the earlier chapter): "diabetes
  mellitus" comes from E08-E13 and from O24 (in pregnancy), and is E00-E89;
- curated lay terms (conditions.yaml) whose lower case, less a possessive "'s" or a plural "s", is such a
  phrase ("Alzheimer's" -> "alzheimer", "migraines" -> "migraine"). The others ("heart attack", "the big c",
  acronyms) take the chapter lay_chapters.yaml assigns them by hand; a term listed nowhere ("in remission",
  "chronic illness") gets no chapter: it is counted as a condition of unknown chapter, never guessed.
"""

from __future__ import annotations

import gzip
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

import yaml

from auditor.risk.chapters import DATA_FILE, normalised
from auditor.scanners.text.health.icd10cm import phrases
from auditor.scanners.text.health.vocabulary import curated

LAY_CHAPTERS = Path(__file__).with_name("lay_chapters.yaml")


def build() -> tuple[list[tuple[str, str]], dict[str, str], dict[str, str]]:
    """(chapters as (range, title)), category -> range, phrase -> range."""
    import simple_icd_10_cm as cm  # ~5 s: parses the tabular XML

    chapters: list[tuple[str, str]] = []
    categories: dict[str, str] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    order: dict[str, int] = {}
    for code in cm.get_all_codes(with_dots=True):
        if cm.is_chapter(code):
            title = cm.get_description(code)
            span = title[title.rindex("(") + 1 : -1]
            chapters.append((span, title[: title.rindex("(")].strip()))
            order[span] = len(order)
            continue
        if not cm.is_category_or_subcategory(code):
            continue
        span = chapters[-1][0]  # get_all_codes lists a chapter before its codes
        if cm.is_category(code):
            categories[code] = span
        for text in (cm.get_description(code), *cm.get_inclusion_term(code)):
            for phrase in phrases(text):
                votes[phrase][span] += 1
    phrase_chapter = {phrase: min(counts, key=lambda s: (-counts[s], order[s])) for phrase, counts in votes.items()}
    data = curated("conditions")
    for term in data["terms"]:
        key = normalised(term)
        if key not in phrase_chapter:
            for form in (key.removesuffix("'s"), key.removesuffix("s")):
                if form in phrase_chapter:
                    phrase_chapter[key] = phrase_chapter[form]
                    break
    known = {normalised(term) for term in (*data["terms"], *data["acronyms"])}
    for span, terms in yaml.safe_load(LAY_CHAPTERS.read_text(encoding="utf-8")).items():
        if span not in order:
            raise ValueError(f"{LAY_CHAPTERS.name}: {span} is no ICD-10-CM chapter")
        for term in terms:
            if normalised(term) not in known:
                raise ValueError(f"{LAY_CHAPTERS.name}: {term!r} is not a term of conditions.yaml")
            phrase_chapter[normalised(term)] = span
    return chapters, categories, phrase_chapter


def render(chapters: list[tuple[str, str]], categories: dict[str, str], phrase_chapter: dict[str, str]) -> str:
    from simple_icd_10_cm import simple_icd_10_cm as cm

    lines = [
        "# ICD-10-CM chapters of categories and condition phrases for phi-audit's composition. GENERATED: do not edit.",
        f"# Source: simple-icd-10-cm {version('simple-icd-10-cm')}, {cm._classification_data_package_file_name}: ICD-10-CM,",
        "# U.S. public-domain classification (CDC/NCHS). Made by auditor/risk/build_chapters.py.",
        *(f"chapter\t{span}\t{title}" for span, title in chapters),
        *(f"category\t{code}\t{span}" for code, span in sorted(categories.items())),
        *(f"phrase\t{phrase}\t{span}" for phrase, span in sorted(phrase_chapter.items())),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    chapters, categories, phrase_chapter = build()
    target = Path(__file__).with_name("data") / DATA_FILE
    # mtime=0: the same input gives the same bytes
    target.write_bytes(gzip.compress(render(chapters, categories, phrase_chapter).encode("utf-8"), mtime=0))
    print(f"wrote {len(chapters)} chapters, {len(categories)} categories, {len(phrase_chapter)} phrases to {target}")


if __name__ == "__main__":
    main()
