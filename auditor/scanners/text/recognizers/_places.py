"""US states, for the geographic recognizers and filters: a state is not a Safe Harbor identifier,
but "Springfield, IL 62704" is anchored by one."""

from __future__ import annotations

import functools
from pathlib import Path

STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "DC": "District of Columbia",
    "PR": "Puerto Rico",
}

#: Names for the whole country, which spaCy tags as a place.
COUNTRY_NAMES: frozenset[str] = frozenset(
    {"us", "u.s.", "usa", "u.s.a.", "america", "united states", "the united states", "the us", "the states"}
)

#: A state by its postal abbreviation (case-sensitive, so "in" and "or" stay words) or its name.
STATE_PATTERN = "(?-i:" + "|".join(STATES) + ")|" + "|".join(STATES.values())


#: Names people write for a city instead of its GeoNames name.
_NICKNAMES = frozenset({"nyc", "philly", "nola"})


@functools.cache
def us_towns() -> frozenset[str]:
    """Case-folded names of US places with 5,000 people or more, less the states: GeoNames' cities5000,
    shipped as us_towns.txt (made by build_us_towns.py; read once per process), and their nicknames ("NYC")."""
    lines = Path(__file__).with_name("us_towns.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#")) | _NICKNAMES


@functools.cache
def world_towns() -> frozenset[str]:
    """Case-folded names of places outside the US with 15,000 people or more, less frequent everyday words:
    GeoNames' cities15000, shipped as world_towns.txt (made by build_world_towns.py; read once per process)."""
    lines = Path(__file__).with_name("world_towns.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


_ABBREVIATED_START = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def is_us_town(name: str) -> bool:
    """Whether `name` is a known US town in any case, "St."/"Ft."/"Mt." read as GeoNames spells them
    ("ST. CLOUD" is saint cloud)."""
    folded = name.replace("’", "'").casefold()
    first, _, rest = folded.partition(" ")
    expanded = _ABBREVIATED_START.get(first.rstrip("."))
    return folded in us_towns() or (expanded is not None and rest != "" and f"{expanded} {rest}" in us_towns())


@functools.cache
def countries() -> tuple[str, ...]:
    """English names of the world's countries and territories, longest first (countries.txt: phonenumbers' region
    names and the UK's nations, made by build_countries.py; read once per process, as importing phonenumbers'
    names of every region in every language took half a second of each worker's start). A country is larger
    than a state, so no Safe Harbor identifier, yet it ends an address block before the postcode ("Finland 80896")."""
    lines = Path(__file__).with_name("countries.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if line and not line.startswith("#"))


_STATE_NAMES = frozenset(name.casefold() for name in STATES.values())


def is_state(name: str) -> bool:
    """A US state or territory by its postal code (case-sensitive: "in" and "or" stay words) or its name, in any case."""
    return name in STATES or name.casefold() in _STATE_NAMES


@functools.cache
def _country_names() -> frozenset[str]:
    return frozenset(COUNTRY_NAMES | {n.casefold() for n in countries()} | {"the " + n.casefold() for n in countries()})


def is_state_or_country(name: str) -> bool:
    """A state or a country ("Texas", "TX", "the US", "New Zealand"): larger than a town, so no Safe Harbor identifier."""
    return is_state(name) or name.casefold() in _country_names()


def is_known_town(name: str) -> bool:
    """Whether `name` is a known town in the US (as `is_us_town` reads it) or elsewhere, in any case."""
    return is_us_town(name) or name.replace("’", "'").casefold() in world_towns()
