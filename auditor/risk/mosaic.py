"""The mosaic of one person: subjects linked by the same keyed digest of a direct identifier (a name, an MRN,
a phone number, an e-mail, a handle…) or by the same author form a person-cluster, and what the cluster
exposes together is more than any of its items does alone.

Union-find over subjects (a post with its media is one subject). A digest seen in more than `MAX_LINK`
subjects is not taken as one person's (a common first name, a clinic's phone number) and links nothing. A
cluster's risk is the highest of its subjects': the highest prosecutor risk and the highest policy verdict.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from auditor.model import RISK_LEVELS, risk_rank
from auditor.risk.measures import RiskResult
from auditor.risk.quasi import QuasiIdentifiers
from auditor.store import FindingsStore, item_views, links, quasi_store

#: Identifiers whose value belongs to one person, so the same digest in two items links them.
LINKING = ("names", "phone", "fax", "email", "ssn", "mrn", "health_plan", "account", "license", "vehicle", "device", "other_unique_id")
#: A digest in more subjects than this is shared by many people and links nothing.
MAX_LINK = 25
#: Clusters reported, largest exposure first, out of the largest candidates.
REPORTED = 50
CANDIDATES = 4 * REPORTED


@dataclass
class PersonCluster:
    subjects: list[str]
    links: dict[str, int]  # what linked them: identifier (or "author") -> subjects sharing one value of it
    identifiers: list[str]
    health: list[str]
    quasi: dict[str, str]  # quasi-identifiers exposed together, merged over the cluster
    risk: float  # highest prosecutor risk of a subject
    verdict: str  # highest policy risk of a subject
    items: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "subjects": self.subjects,
            "linked_by": self.links,
            "identifiers": self.identifiers,
            "health": self.health,
            "quasi_identifiers": self.quasi,
            "prosecutor_risk": self.risk,
            "verdict": self.verdict,
        }


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _links(store: FindingsStore) -> list[tuple[str, str, str]]:
    """(kind of link, value digest, subject) for every digest shared by 2..MAX_LINK subjects."""
    return links.shared_digests(store, LINKING, MAX_LINK)


def person_clusters(store: FindingsStore, risk: RiskResult, policy: str) -> list[PersonCluster]:
    """Clusters of two or more subjects: of the `CANDIDATES` largest (most subjects, then most kinds of link), the
    `REPORTED` most exposing (most identifiers and quasi-identifiers, then highest risk, then size)."""
    union = _Union()
    first: dict[tuple[str, str], str] = {}
    kinds_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for kind, digest, subject in _links(store):
        kinds_of[subject].add((kind, digest))
        if (kind, digest) in first:
            union.union(first[(kind, digest)], subject)
        else:
            first[(kind, digest)] = subject
    members: dict[str, list[str]] = defaultdict(list)
    for subject in union.parent:
        members[union.find(subject)].append(subject)
    clusters = [sorted(group) for group in members.values() if len(group) > 1]
    # described (a few queries each) only for the largest, most linked candidates
    clusters.sort(key=lambda group: (-len(group), -len({kind for subject in group for kind, _ in kinds_of[subject]}), group[0]))
    return sorted(
        (_describe(store, group, kinds_of, risk, policy) for group in clusters[:CANDIDATES]),
        key=lambda c: (-len(c.identifiers) - len(c.quasi), -c.risk, -risk_rank(c.verdict), -len(c.subjects), c.subjects[0]),
    )[:REPORTED]


def _describe(
    store: FindingsStore, subjects: list[str], kinds_of: dict[str, set[tuple[str, str]]], risk: RiskResult, policy: str
) -> PersonCluster:
    subject_of = item_views.subject_of(store, subjects)
    items = sorted(subject_of)
    found = item_views.exposed(store, items)
    verdicts = item_views.risks_of(store, policy, subjects)
    merged: QuasiIdentifiers | None = None
    by_subject: dict[str, QuasiIdentifiers | None] = dict.fromkeys(subjects)
    for locator, record in quasi_store.records(store, items).items():  # in locator order, as quasi_store.subjects merges
        merged = record if merged is None else merged.merged(record)
        mine = by_subject[subject_of[locator]]
        by_subject[subject_of[locator]] = record if mine is None else mine.merged(record)
    shared: dict[str, set[str]] = defaultdict(set)
    for subject in subjects:
        for kind, digest in kinds_of.get(subject, ()):
            shared[kind].add(digest)
    quasi = {}
    if merged is not None:
        quasi = {
            name: value
            for name, value in (
                ("age", merged.age_band),
                ("sex", merged.sex),
                ("state", merged.state),
                ("zip3", merged.zip3),
                ("city", "yes" if merged.city else None),
                ("facility", "yes" if merged.facility else None),
                ("month", merged.month),
                ("modality", merged.modality),
                ("body_part", merged.body_part),
            )
            if value
        }
    return PersonCluster(
        subjects=subjects,
        links={kind: len(values) for kind, values in sorted(shared.items())},
        identifiers=sorted({row[0] for row in found if row[0]}),
        health=sorted({row[1] for row in found if row[1]}),
        quasi=quasi,
        risk=max((risk.subject_risk(by_subject[s]) for s in subjects if risk.class_sizes), default=0.0),
        verdict=max(verdicts, key=risk_rank, default=RISK_LEVELS[0]),
        items=items,
    )
