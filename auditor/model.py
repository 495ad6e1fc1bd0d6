"""The records that flow through phi-audit: an Item read from a corpus, the Findings a scanner makes
of it, the errors that stop an item from being scanned, and the policy's Verdict on it.

A Finding is frozen and policy-free: the scanner says what it saw (entity, Safe Harbor identifier,
health category, where), never how bad it is. Severity and risk live in the Verdict, a separate
record, so a new policy re-scores a store without re-scanning it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.evidence import EvidenceKeeper

#: The 18 HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)), by the names the export uses.
SAFE_HARBOR_IDENTIFIERS: tuple[str, ...] = (
    "names",
    "geographic",
    "dates",
    "phone",
    "fax",
    "email",
    "ssn",
    "mrn",
    "health_plan",
    "account",
    "license",
    "vehicle",
    "device",
    "url",
    "ip",
    "biometric",
    "face_photo",
    "other_unique_id",
)

#: Kinds of health information a finding can carry.
HEALTH_CATEGORIES: tuple[str, ...] = ("condition", "medication", "procedure", "lab_test", "medical_image")

#: Where in an item a finding was seen (`name`: a file, folder or archive member name in its locator).
SOURCES: tuple[str, ...] = ("text", "metadata", "pixel", "name")

#: Risk levels, lowest first. A policy assigns one to every item.
RISK_LEVELS: tuple[str, ...] = ("none", "low", "medium", "high")


def risk_rank(level: str) -> int:
    """Order of a risk level (none=0 … high=3); raises ValueError for an unknown level."""
    return RISK_LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a scanner found in one item. Never holds the raw value: `evidence` is masked and
    `digest` is a keyed hash that lets the same value be followed across items."""

    item: str
    source: str
    field: str
    entity: str
    identifier: str | None
    health: str | None
    span: tuple[int, int] | None
    bbox: tuple[int, int, int, int] | None
    score: float
    scanner: str
    evidence: str
    digest: str

    def to_record(self) -> dict[str, Any]:
        """The export's row for this finding (see docs/findings-schema.md)."""
        record = asdict(self)
        record["span"] = list(self.span) if self.span is not None else None
        record["bbox"] = list(self.bbox) if self.bbox is not None else None
        return record


def masked_finding(
    keeper: EvidenceKeeper,
    value: str,
    *,
    item: str,
    source: str,
    field: str,
    entity: str,
    scanner: str,
    identifier: str | None = None,
    health: str | None = None,
    span: tuple[int, int] | None = None,
    bbox: tuple[int, int, int, int] | None = None,
    score: float = 1.0,
    evidence: str | None = None,
    digest: str | None = None,
    digest_kind: str | None = None,
) -> Finding:
    """The one way a scanner turns a raw `value` into a Finding: the value is masked (`evidence`) and digested
    under `keeper` here and goes no further. `evidence` replaces the masked value when the finding shows
    something else (a face's size, a barcode's format); `digest` is given when it was computed already (a
    cache); `digest_kind` types the digest of a finding that has neither an identifier nor a health term."""
    return Finding(
        item=item,
        source=source,
        field=field,
        entity=entity,
        identifier=identifier,
        health=health,
        span=span,
        bbox=bbox,
        score=score,
        scanner=scanner,
        evidence=keeper.evidence(value, identifier) if evidence is None else evidence,
        digest=keeper.digest(value, identifier or health or digest_kind) if digest is None else digest,
    )


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of exposure: a post, a text file, a CSV row, an image, a DICOM file, a PDF.

    `fields` holds the item's text by field name (a post's `text`, a Reddit post's `title` and
    `selftext`); binary items carry their bytes in `payload` for the scanners that read them.
    `parent` links media to the post that shared them, so the post's exposure counts both.
    """

    locator: str
    kind: str  # post (a record of a post export), text (a text file or CSV row), image, dicom or pdf
    content_hash: str
    fields: Mapping[str, str] = field(default_factory=dict)
    payload: bytes | None = None
    parent: str | None = None
    author: str | None = None
    created_at: str | None = None
    size: int = 0

    @classmethod
    def unreadable(cls, locator: str) -> Item:
        """The name-only item of a file that could not be read: its name is still scanned (and masked)."""
        return cls(locator, "unreadable", "")


@dataclass(frozen=True, slots=True)
class ItemError:
    """Why an item, or part of it, could not be read or scanned. Recorded, reported, never dropped.

    `stage` says where it happened (read, scan:<scanner>, not_scanned); an item with any error has
    incomplete coverage and is never reported as safe.
    """

    item: str
    stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """A policy's judgement of one item (with its media): the risk, the rules that fired, and what it exposes."""

    item: str
    policy: str
    policy_version: str
    risk: str
    rules: tuple[str, ...]
    identifiers: tuple[str, ...]
    health: tuple[str, ...]
    complete: bool
