"""US states, for the geographic recognizers and filters: a state is not a Safe Harbor identifier,
but "Springfield, IL 62704" is anchored by one."""

from __future__ import annotations

import functools
from pathlib import Path

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "DC": "District of Columbia", "PR": "Puerto Rico",
}

#: Names for the whole country, which spaCy tags as a place.
COUNTRY_NAMES: frozenset[str] = frozenset({"us", "u.s.", "usa", "u.s.a.", "america", "united states", "the united states", "the us", "the states"})

#: A state by its postal abbreviation (case-sensitive, so "in" and "or" stay words) or its name.
STATE_PATTERN = "(?-i:" + "|".join(STATES) + ")|" + "|".join(STATES.values())


@functools.cache
def us_towns() -> frozenset[str]:
    """Case-folded names of US places with 5,000 people or more, less the states: GeoNames' cities5000,
    shipped as us_towns.txt (made by build_us_towns.py; read once per process)."""
    lines = Path(__file__).with_name("us_towns.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))
