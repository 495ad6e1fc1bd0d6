"""The quasi-identifiers of one item, generalized before they are stored: an age band, a sex, a state and a
3-digit ZIP, a country, keyed digests of a city and a facility (never their names), a year-month, a DICOM
modality and body part, the health categories seen and the ICD-10-CM chapters of the conditions named. A record of its own beside the frozen Finding, so that a new risk
model re-runs on the store without re-scanning.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

#: Bumped whenever extraction would give a different record: the store re-scans items of an older version.
QUASI_VERSION = 3  # 2: country (photo GPS) and ICD-10-CM chapters; 3: the age band of burned-in banners


@dataclass(frozen=True, slots=True)
class QuasiIdentifiers:
    """One item's quasi-identifiers, each None when the item says nothing about it."""

    item: str
    age_band: str | None = None
    sex: str | None = None  # "F" or "M"
    state: str | None = None  # postal abbreviation
    zip3: str | None = None
    city: str | None = None  # keyed digest of the case-folded city name
    facility: str | None = None  # keyed digest of the case-folded facility name
    month: str | None = None  # "YYYY-MM"
    modality: str | None = None
    body_part: str | None = None
    health: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()  # ICD-10-CM chapters by code range ("E00-E89"), auditor/risk/chapters.py
    country: str | None = None  # ISO 3166 alpha-2, from a photo's GPS
    version: int = QUASI_VERSION

    def merged(self, other: QuasiIdentifiers) -> QuasiIdentifiers:
        """This record with the gaps filled from `other` (a post and its media describe one subject)."""
        values = {name: getattr(self, name) or getattr(other, name) for name in _MERGED}
        health, chapters = (_union(getattr(self, name), getattr(other, name)) for name in ("health", "chapters"))
        return QuasiIdentifiers(self.item, **values, health=health, chapters=chapters, version=min(self.version, other.version))


def _union(mine: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
    return mine if set(theirs) <= set(mine) else tuple(sorted(set(mine) | set(theirs)))


_MERGED = tuple(f.name for f in fields(QuasiIdentifiers) if f.name not in ("item", "health", "chapters", "version"))


#: The attributes a risk model may group by (`--quasi`). `region` is the finest geography each item has of
#: ZIP3, state and country ("zip3:936", else "state:CA", else "country:FR").
ATTRIBUTES: tuple[str, ...] = ("age", "sex", "region", "zip3", "state", "country", "city", "facility", "month", "modality", "body_part")
DEFAULT_QUASI: tuple[str, ...] = ("age", "sex", "region", "month")


def attribute(record: QuasiIdentifiers, name: str) -> str | None:
    """The value of one `--quasi` attribute of a record."""
    if name == "age":
        return record.age_band
    if name == "region":
        if record.zip3 or record.state:
            return f"zip3:{record.zip3}" if record.zip3 else f"state:{record.state}"
        return f"country:{record.country}" if record.country else None
    return getattr(record, name)


def has_demographics(record: QuasiIdentifiers) -> bool:
    """Whether the record says anything about its subject's age, sex or place."""
    return any((record.age_band, record.sex, record.state, record.zip3, record.city, record.country))
