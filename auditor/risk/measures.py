"""Re-identification risk over equivalence classes, with the definitions ARX and sdcMicro use.

A *subject* is an item that is not the media of a post (a post with its media is one subject). Subjects with
the same values of the chosen quasi-identifiers form an equivalence class; a missing value is a value of its
own ("*"), as ARX treats a suppressed cell. With f_j the size of class j, n subjects and J classes:

- k (k-anonymity) = min f_j; a sample-unique is a subject alone in its class (f_j = 1).
- prosecutor risk of a subject = 1/f_j (the attacker knows the subject is in the corpus): highest = 1/k,
  average = J/n.
- journalist risk = 1/F_j, where F_j is the class's size in the population the attacker matches against,
  estimated as f_j / π for a sampling fraction π (`population_fraction`, default 1: the corpus is all there is
  to match against, so journalist risk equals prosecutor risk; it is never higher).
- marketer risk = (1/n) Σ_j f_j / F_j, the expected share of subjects re-identified when all are attacked.
- ℓ-diversity = the smallest number of distinct health categories within a class ("none" counts as one).

The store is read in chunks and only class counts are kept, so memory grows with the number of classes, not of
items. pandas groups each chunk.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd

from auditor.risk.quasi import ATTRIBUTES, QuasiIdentifiers, attribute
from auditor.store import FindingsStore, quasi_store

MISSING = "*"
#: How many of the riskiest classes are reported with their items, and how many items each.
RISKIEST = 20
ITEMS_PER_CLASS = 10


class RiskConfigError(ValueError):
    """An unknown quasi-identifier or an impossible threshold."""


def parse_quasi(text: str | Sequence[str]) -> tuple[str, ...]:
    names = tuple(part.strip() for part in (text.split(",") if isinstance(text, str) else text) if part.strip())
    unknown = [name for name in names if name not in ATTRIBUTES]
    if unknown or not names:
        raise RiskConfigError(f"unknown quasi-identifier {', '.join(unknown) or '(none given)'}; choose from {', '.join(ATTRIBUTES)}")
    return names


@dataclass
class RiskClass:
    values: dict[str, str]
    size: int
    items: list[str] = field(default_factory=list)


@dataclass
class RiskResult:
    quasi: tuple[str, ...]
    subjects: int
    classes: int
    k: int
    sample_uniques: int
    prosecutor_highest: float
    prosecutor_average: float
    journalist_highest: float
    journalist_average: float
    marketer: float
    population_fraction: float
    l_diversity: int | None
    #: class size -> number of subjects in classes of that size.
    size_histogram: dict[int, int]
    riskiest: list[RiskClass]
    missing_records: int  # subjects with no quasi-identifier record (scanned before extraction existed)
    #: class key -> size, for the risk of one subject (1/size); not reported.
    class_sizes: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)

    def subject_risk(self, record: QuasiIdentifiers | None) -> float:
        """A subject's prosecutor risk, 1/f_j; 0 for a subject outside the measured ones (a dashboard filter)."""
        size = self.class_sizes.get(class_key(record, self.quasi))
        return 1 / size if size else 0.0

    @property
    def unique_share(self) -> float:
        return self.sample_uniques / self.subjects if self.subjects else 0.0

    def to_dict(self) -> dict:
        return {
            "quasi_identifiers": list(self.quasi),
            "subjects": self.subjects,
            "classes": self.classes,
            "k": self.k,
            "sample_uniques": self.sample_uniques,
            "sample_unique_share": self.unique_share,
            "prosecutor_risk": {"highest": self.prosecutor_highest, "average": self.prosecutor_average},
            "journalist_risk": {
                "highest": self.journalist_highest,
                "average": self.journalist_average,
                "population_fraction": self.population_fraction,
            },
            "marketer_risk": self.marketer,
            "l_diversity_health": self.l_diversity,
            "class_size_histogram": {str(size): count for size, count in sorted(self.size_histogram.items())},
            "riskiest_classes": [{"values": c.values, "size": c.size, "items": c.items} for c in self.riskiest],
            "subjects_without_record": self.missing_records,
        }


def class_key(record: QuasiIdentifiers | None, quasi: Sequence[str]) -> tuple[str, ...]:
    return tuple((attribute(record, name) if record else None) or MISSING for name in quasi)


def _health_value(record: QuasiIdentifiers | None) -> str:
    return ",".join(record.health) if record and record.health else "none"


Observer = Callable[[str | None, QuasiIdentifiers | None], None]


def measure(store: FindingsStore, quasi: Sequence[str], population_fraction: float = 1.0, observe: Observer | None = None) -> RiskResult:
    """The risk measures of the store's subjects over `quasi` (two passes over the store, in chunks); `observe`
    sees each subject's kind and record once, on the first pass."""
    return measure_records(lambda: quasi_store.subjects(store), quasi, population_fraction, observe)


def measure_records(subjects, quasi: Sequence[str], population_fraction: float = 1.0, observe: Observer | None = None) -> RiskResult:
    """The measures over `subjects()`, a callable giving (locator, kind, record) afresh for each pass."""
    if not 0 < population_fraction <= 1:
        raise RiskConfigError("the population fraction must be above 0 and at most 1")
    quasi = tuple(quasi)
    sizes: Counter[tuple[str, ...]] = Counter()
    diversity: dict[tuple[str, ...], set[str]] = defaultdict(set)
    missing = 0
    for frame in _frames(subjects(), quasi, observe):
        missing += int(frame["_missing"].sum())
        for key, size in frame.groupby([*quasi, "_health"], sort=False).size().items():
            sizes[key[:-1]] += int(size)
            diversity[key[:-1]].add(key[-1])
    n = sum(sizes.values())
    if n == 0:
        return RiskResult(quasi, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, population_fraction, None, {}, [], missing)
    k = min(sizes.values())
    histogram: Counter[int] = Counter()
    for size in sizes.values():
        histogram[size] += size
    riskiest = sorted(sizes.items(), key=lambda entry: (entry[1], entry[0]))[:RISKIEST]
    chosen = {key: RiskClass(dict(zip(quasi, key)), size) for key, size in riskiest}
    for locator, _, record in subjects():
        entry = chosen.get(class_key(record, quasi))
        if entry is not None and len(entry.items) < ITEMS_PER_CLASS:
            entry.items.append(locator)
    # journalist: F_j = f_j / pi, so 1/F_j = pi / f_j; marketer: (1/n) sum f_j / F_j = pi
    return RiskResult(
        quasi=quasi,
        subjects=n,
        classes=len(sizes),
        k=k,
        sample_uniques=histogram.get(1, 0),
        prosecutor_highest=1 / k,
        prosecutor_average=len(sizes) / n,
        journalist_highest=min(1.0, population_fraction / k),
        journalist_average=min(1.0, population_fraction * len(sizes) / n),
        marketer=min(1.0, population_fraction * len(sizes) / n),
        population_fraction=population_fraction,
        l_diversity=min(len(values) for values in diversity.values()),
        size_histogram=dict(histogram),
        riskiest=list(chosen.values()),
        missing_records=missing,
        class_sizes=dict(sizes),
    )


def _frames(
    subjects: Iterable[tuple[str, str | None, QuasiIdentifiers | None]], quasi: tuple[str, ...], observe: Observer | None
) -> Iterator[pd.DataFrame]:
    rows: list[tuple] = []
    chunk = quasi_store.CHUNK
    for _, kind, record in subjects:
        if observe is not None:
            observe(kind, record)
        rows.append((*class_key(record, quasi), _health_value(record), record is None))
        if len(rows) >= chunk:
            yield pd.DataFrame(rows, columns=[*quasi, "_health", "_missing"])
            rows = []
    if rows:
        yield pd.DataFrame(rows, columns=[*quasi, "_health", "_missing"])
