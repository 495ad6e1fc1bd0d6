"""The quasi-identifiers of one item, generalized before they are stored: an age band, a sex, a state and a
3-digit ZIP, keyed digests of a city and a facility (never their names), a year-month, a DICOM modality and
body part, and the health categories seen. A record of its own beside the frozen Finding, so that a new risk
model re-runs on the store without re-scanning.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

#: Bumped whenever extraction would give a different record: the store re-scans items of an older version.
QUASI_VERSION = 1

#: Ten-year bands; ages over 89 are one band, as Safe Harbor aggregates them.
AGE_BANDS: tuple[str, ...] = ("0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+")


def age_band(age: int) -> str:
    """The band of an age in years (0-120)."""
    return AGE_BANDS[min(age // 10, 9)]


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
    version: int = QUASI_VERSION

    def merged(self, other: QuasiIdentifiers) -> QuasiIdentifiers:
        """This record with the gaps filled from `other` (a post and its media describe one subject)."""
        values = {name: getattr(self, name) or getattr(other, name) for name in _MERGED}
        health = self.health if set(other.health) <= set(self.health) else tuple(sorted(set(self.health) | set(other.health)))
        return QuasiIdentifiers(self.item, **values, health=health, version=min(self.version, other.version))


_MERGED = tuple(f.name for f in fields(QuasiIdentifiers) if f.name not in ("item", "health", "version"))


#: The attributes a risk model may group by (`--quasi`). `region` is the finest geography each item has of
#: ZIP3 and state ("zip3:936", else "state:CA").
ATTRIBUTES: tuple[str, ...] = ("age", "sex", "region", "zip3", "state", "city", "facility", "month", "modality", "body_part")
DEFAULT_QUASI: tuple[str, ...] = ("age", "sex", "region", "month")


def attribute(record: QuasiIdentifiers, name: str) -> str | None:
    """The value of one `--quasi` attribute of a record."""
    if name == "age":
        return record.age_band
    if name == "region":
        return f"zip3:{record.zip3}" if record.zip3 else (f"state:{record.state}" if record.state else None)
    return getattr(record, name)


def has_demographics(record: QuasiIdentifiers) -> bool:
    """Whether the record says anything about its subject's age, sex or place."""
    return any((record.age_band, record.sex, record.state, record.zip3, record.city))
