"""Regenerates facilities.txt, the gazetteer of US hospital names the facility recognizer reads.

Maintainers only: reads the CMS Hospital General Information file (US Government work, public domain; the
team keeps a copy at ../shared/reference/cms-hospital-general-information.csv, pass another with --csv) and
wordfreq (`pip install 'phi-audit[gazetteer-build]'`). phi-audit ships only the derived list.

Each hospital's name is cut to its distinctive words, what people write when they name it: the facility
words ("hospital", "medical center"), generic modifiers ("regional", "the") and a trailing campus or city
are removed, so "THE JOHNS HOPKINS HOSPITAL" gives "johns hopkins" and "CEDARS-SINAI MEDICAL CENTER"
"cedars-sinai". A one-word remainder that is an everyday English word, a US town, a first name or a
surname ("mercy", "methodist", "dothan", "hopkins") is left out: such a word names a facility only next to a
facility word, which the recognizer reads without the gazetteer, or, when it is a surname and no common one,
everyday word (common_words.txt), first name or place ("vanderbilt", "baylor"), after "at", "to" or "from"
(facilities_after_cue.txt).

    .venv/bin/python -m auditor.scanners.text.recognizers.build_facilities [--csv PATH]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import regex

from auditor.scanners.text.recognizers._lexicon import is_common
from auditor.scanners.text.recognizers._places import STATES, countries, us_towns
from auditor.scanners.text.recognizers.given_name import given_names

OUT = Path(__file__).with_name("facilities.txt")
DEFAULT_CSV = Path(__file__).resolve().parents[5] / "shared" / "reference" / "cms-hospital-general-information.csv"
HEADER = (
    "# Distinctive words of US hospital names, folded to lower case, one name a line.\n"
    "# Source: CMS Hospital General Information (Provider Data Catalog, US Government work, public domain),\n"
    "# column Facility Name; word frequencies from wordfreq. Made by build_facilities.py.\n"
)
AFTER_CUE = Path(__file__).with_name("facilities_after_cue.txt")
AFTER_CUE_HEADER = (
    "# One-word remainders of US hospital names that are a surname but no common one, everyday word, first name\n"
    '# or place, folded to lower case: a facility only after "at", "to" or "from" ("cardiologist at Vanderbilt").\n'
    "# Same source as facilities.txt; made by build_facilities.py.\n"
)
#: Words that say what a facility is, or qualify it, rather than which one it is.
GENERIC = frozenset(
    [
        "hospital",
        "hospitals",
        "medical",
        "center",
        "centers",
        "centre",
        "health",
        "healthcare",
        "care",
        "system",
        "systems",
        "clinic",
        "clinics",
        "regional",
        "community",
        "memorial",
        "general",
        "the",
        "of",
        "and",
        "at",
        "in",
        "for",
        "inc",
        "llc",
        "campus",
        "district",
        "county",
        "city",
        "university",
        "rehabilitation",
        "rehab",
        "behavioral",
        "psychiatric",
        "specialty",
        "surgical",
        "surgery",
        "hospice",
        "services",
        "service",
        "network",
        "institute",
        "treatment",
        "acute",
        "long",
        "term",
        "ltac",
        "critical",
        "access",
        "childrens",
        "children's",
        "women's",
        "womens",
        "heart",
        "cancer",
        "orthopedic",
        "orthopaedic",
        "mental",
        "recovery",
        "nursing",
        "home",
        "senior",
        "cardiac",
        "va",
        "veterans",
        "affairs",
        "state",
        "healthcare-system",
        "hlth",
        "med",
        "ctr",
        "rgnl",
        "mem",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "central",
        "valley",
        "st",
        "saint",
        "mount",
        "mt",
        "new",
        "a",
        "an",
        "hosp",
        "foundation",
        "facility",
        "corporation",
        "association",
        "municipal",
        "christian",
        "adventist",
        "baptist",
        "methodist",
        "catholic",
        "lutheran",
        "episcopal",
        "ascension",
        "medicine",
        "physicians",
        "so",
        "no",
        "our",
        "lady",
    ]
)
_WORD = regex.compile(r"[a-z0-9][a-z0-9'&-]*")


def cores(names: list[str]) -> tuple[set[str], set[str]]:
    """The distinctive words of `names` (facilities.txt), and the one-word remainders that are a surname of
    no commoner use, no everyday word, first name or word of a place's name ("vanderbilt", "baylor",
    "geisinger"; not "johnson", "carolina": facilities_after_cue.txt)."""
    from wordfreq import zipf_frequency

    towns, given = us_towns(), given_names()
    surnames = {
        line.split("\t")[0]
        for line in Path(__file__).with_name("surnames.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    }
    states = {name.casefold() for name in STATES.values()} | {abbr.casefold() for abbr in STATES}
    place_words = {word for place in (*towns, *states, *(c.casefold() for c in countries())) for word in place.split()}
    found: set[str] = set()
    after_cue: set[str] = set()
    for name in names:
        head = regex.split(r"\s+(?:-|–|,|at|of)\s+|,", name.casefold())[0]
        words = [w for w in _WORD.findall(head) if w not in GENERIC and w not in states]
        while words and " ".join(words[-2:]) in towns:
            words = words[:-2]
        while words and words[-1] in towns and len(words) > 1:
            words = words[:-1]
        if not words or any(c.isdigit() for w in words for c in w):
            continue
        # "johns hopkins bayview" is also written "johns hopkins": the name's first one and two words count too
        for n in range(1, min(len(words), 3) + 1):
            core = " ".join(words[:n])
            if n == 1 and (zipf_frequency(core, "en") >= 2.5 or core in towns or core in given or core in surnames or len(core) < 4):
                if (
                    core in surnames
                    and zipf_frequency(core, "en") < 3.5
                    and len(core) >= 4
                    and not (core in place_words or core in given or is_common(core))
                ):
                    after_cue.add(core)
                continue
            if n > 1 and all(zipf_frequency(w, "en") >= 4.0 or w in towns for w in words[:n]):
                continue  # "good samaritan", "sacred heart": everyday words, kept only beside a facility word
            found.add(core)
    return found, after_cue - found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = parser.parse_args()
    with args.csv.open(encoding="utf-8") as rows:
        names = [row["Facility Name"] for row in csv.DictReader(rows)]
    found, after_cue = cores(names)
    OUT.write_text(HEADER + "".join(f"{core}\n" for core in sorted(found)), encoding="utf-8")
    AFTER_CUE.write_text(AFTER_CUE_HEADER + "".join(f"{core}\n" for core in sorted(after_cue)), encoding="utf-8")
    print(f"wrote {len(found)} facility names and {len(after_cue)} after a cue (from {len(names)} hospitals) to {OUT.parent}")


if __name__ == "__main__":
    main()
