"""Whom the corpus represents: distributions of its subjects and material, and the skew of age × sex and of
state against the US population (package data made by build_reference.py: the Census Bureau's projection of
2020 by age and sex, and the 2010 census by state, or the 1990 census to compare with reports made before it).

`chapter` counts subjects by the ICD-10-CM chapter of the conditions they name (a subject may count in several);
a subject with a condition finding whose chapter is not known counts as `UNKNOWN_CHAPTER`.

Skew per group = observed share / expected share, among the subjects whose group is known; the summary is the
total variation distance ½ Σ |observed − expected| (0: the same make-up as the population, 1: disjoint).
"""

from __future__ import annotations

import csv
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from auditor.age_bands import AGE_BANDS
from auditor.risk import chapters
from auditor.risk.quasi import QuasiIdentifiers, has_demographics
from auditor.scanners.text.recognizers._places import STATES

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Reference:
    """A reference table in DATA and how reports name it (the year belongs in the name: shares move)."""

    file: str
    title: str


AGE_SEX_REFERENCE = Reference(
    "us_population_age_sex.csv", "the US Census Bureau's 2008 projection of the US population of July 1, 2020 (NP2008_D1)"
)
STATE_REFERENCES = {
    "2010": Reference("us_population_state_2010.csv", "the 2010 census of the US resident population by state"),
    "1990": Reference(
        "us_population_state_1990.csv",
        "the 1990 census of the US resident population by state (Statistical Abstract of the United States 1992)",
    ),
}
DEFAULT_STATE_REFERENCE = "2010"
_SEX_WORDS = {"F": "women", "M": "men"}
UNKNOWN_CHAPTER = "condition of unknown chapter"


@dataclass
class Skew:
    group: str
    observed: int
    observed_share: float
    expected_share: float

    @property
    def ratio(self) -> float | None:
        return self.observed_share / self.expected_share if self.expected_share else None

    def to_dict(self) -> dict:
        return {
            "group": self.group,
            "observed": self.observed,
            "observed_share": self.observed_share,
            "expected_share": self.expected_share,
            "ratio": self.ratio,
        }


@dataclass
class Comparison:
    reference: str
    known: int  # subjects whose group is known
    groups: list[Skew]
    total_variation: float | None
    absent: list[str] = field(default_factory=list)  # reference groups with no subject

    def to_dict(self) -> dict:
        return {
            "reference": self.reference,
            "subjects_known": self.known,
            "total_variation_distance": self.total_variation,
            "groups": [g.to_dict() for g in self.groups],
            "absent": self.absent,
        }


@dataclass
class Composition:
    subjects: int
    no_demographics: int
    distributions: dict[str, dict[str, int]]
    months: tuple[str | None, str | None]
    age_sex: Comparison
    state: Comparison

    @property
    def no_demographics_share(self) -> float:
        return self.no_demographics / self.subjects if self.subjects else 0.0

    def sentence(self) -> str:
        """The skew in plain words: the most over-represented group, and how many states have no subject."""
        parts = []
        over = [(g, g.ratio) for g in self.age_sex.groups if g.ratio is not None and g.observed >= 1]
        if over:
            top, ratio = max(over, key=lambda pair: pair[1])
            band, sex = top.group.split(" ")
            parts.append(
                f"{_SEX_WORDS[sex]} aged {band} are {ratio:.1f}× {'over' if ratio >= 1 else 'under'}-represented against the US population"
            )
        if self.state.known:
            parts.append(f"no subject from {len(self.state.absent)} of {len(self.state.groups) + len(self.state.absent)} states")
        parts.append(f"{self.no_demographics_share:.0%} of subjects say nothing of their age, sex or place")
        text = "; ".join(parts) + "."
        return text[0].upper() + text[1:]

    def to_dict(self) -> dict:
        return {
            "subjects": self.subjects,
            "no_demographic_signal": self.no_demographics,
            "no_demographic_signal_share": self.no_demographics_share,
            "distributions": self.distributions,
            "date_range": {"first": self.months[0], "last": self.months[1]},
            "age_sex": self.age_sex.to_dict(),
            "state": self.state.to_dict(),
            "summary": self.sentence(),
        }


def _reference(reference: Reference) -> list[list[str]]:
    with (DATA / reference.file).open(encoding="utf-8") as stream:
        rows = list(csv.reader(line for line in stream if not line.startswith("#")))
    return rows[1:]


@functools.cache
def age_sex_reference() -> dict[str, int]:
    """ "60-69 F" -> population."""
    return {f"{band} {sex}": int(count) for band, sex, count in _reference(AGE_SEX_REFERENCE)}


@functools.cache
def state_reference(year: str = DEFAULT_STATE_REFERENCE) -> dict[str, int]:
    """ "CA" -> population, from the census of `year` (a key of STATE_REFERENCES)."""
    return {state: int(count) for state, count in _reference(STATE_REFERENCES[year])}


def compare(observed: Counter[str], reference: dict[str, int], name: str) -> Comparison:
    """Observed against expected shares over the reference's groups; groups outside the reference are left out."""
    known = sum(count for group, count in observed.items() if group in reference)
    total = sum(reference.values())
    groups, absent, distance = [], [], 0.0
    for group, population in reference.items():
        share = observed[group] / known if known else 0.0
        expected = population / total
        distance += abs(share - expected)
        if observed[group]:
            groups.append(Skew(group, observed[group], share, expected))
        else:
            absent.append(group)
    groups.sort(key=lambda g: -(g.ratio or 0))
    return Comparison(name, known, groups, distance / 2 if known else None, absent)


class CompositionCounter:
    """Counts subjects one at a time (so the risk measures' pass over the store can feed it too); states are
    compared with the census of `state_reference` (a key of STATE_REFERENCES)."""

    def __init__(self, state_reference: str = DEFAULT_STATE_REFERENCE) -> None:
        if state_reference not in STATE_REFERENCES:
            raise ValueError(f"no state reference {state_reference!r}: choose one of {', '.join(STATE_REFERENCES)}")
        self.state_reference = state_reference
        self.counts: dict[str, Counter[str]] = {
            name: Counter() for name in ("sex", "age", "state", "country", "modality", "body_part", "health", "chapter", "kind")
        }
        self.age_sex: Counter[str] = Counter()
        self.first: str | None = None
        self.last: str | None = None
        self.subjects = self.silent = 0

    def add(self, kind: str | None, record: QuasiIdentifiers | None) -> None:
        self.subjects += 1
        self.counts["kind"][kind or "unknown"] += 1
        if record is None or not has_demographics(record):
            self.silent += 1
        if record is None:
            return
        for name, value in (
            ("sex", record.sex),
            ("age", record.age_band),
            ("state", record.state),
            ("country", record.country),
            ("modality", record.modality),
            ("body_part", record.body_part),
        ):
            if value:
                self.counts[name][value] += 1
        self.counts["health"].update(record.health or ("none",))
        self.counts["chapter"].update(f"{chapter} {chapters.title(chapter)}" for chapter in record.chapters)
        if "condition" in record.health and not record.chapters:
            self.counts["chapter"][UNKNOWN_CHAPTER] += 1
        if record.age_band and record.sex:
            self.age_sex[f"{record.age_band} {record.sex}"] += 1
        if record.month:
            self.first = min(self.first or record.month, record.month)
            self.last = max(self.last or record.month, record.month)

    def result(self, sources: Counter[str]) -> Composition:
        """The make-up so far, with `sources` the subjects per source format."""
        distributions = {name: dict(counter.most_common()) for name, counter in self.counts.items()}
        distributions["age"] = {band: self.counts["age"][band] for band in AGE_BANDS if self.counts["age"][band]}
        distributions["source"] = dict(sources.most_common())
        states = Counter({state: count for state, count in self.counts["state"].items() if state in STATES})
        return Composition(
            self.subjects,
            self.silent,
            distributions,
            (self.first, self.last),
            compare(self.age_sex, age_sex_reference(), AGE_SEX_REFERENCE.title),
            compare(states, state_reference(self.state_reference), STATE_REFERENCES[self.state_reference].title),
        )


def composition(
    subjects: Iterable[tuple[str, str | None, QuasiIdentifiers | None]],
    sources: Counter[str],
    state_reference: str = DEFAULT_STATE_REFERENCE,
) -> Composition:
    """The make-up of the subjects (locator, kind, record), with `sources` the subjects per source format."""
    counter = CompositionCounter(state_reference)
    for _, kind, record in subjects:
        counter.add(kind, record)
    return counter.result(sources)
