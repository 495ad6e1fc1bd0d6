"""Replacing finding spans in a text: by a type tag (`[NAME]`), a mask, or a consistent keyed surrogate.

A surrogate is drawn by Faker seeded with the finding's keyed digest, so the same value (same digest under the
store's key) gets the same fake value in every item of the corpus, and linked posts stay linked without the
real value; without the store's key the surrogate says nothing about the value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from auditor.model import Finding

STYLES = ("tag", "mask", "surrogate")

#: The tag each Safe Harbor identifier is replaced by in the `tag` style.
TAGS = {
    "names": "NAME",
    "geographic": "LOCATION",
    "dates": "DATE",
    "phone": "PHONE",
    "fax": "FAX",
    "email": "EMAIL",
    "ssn": "SSN",
    "mrn": "MRN",
    "health_plan": "HEALTH_PLAN",
    "account": "ACCOUNT",
    "license": "LICENSE",
    "vehicle": "VEHICLE",
    "device": "DEVICE",
    "url": "URL",
    "ip": "IP",
    "biometric": "BIOMETRIC",
    "face_photo": "FACE",
    "other_unique_id": "ID",
}

#: Faker providers per identifier (a surrogate of the same kind, so a reader still sees "a name was here").
_SURROGATES: dict[str, Callable] = {
    "names": lambda fake: fake.name(),
    "geographic": lambda fake: fake.city(),
    "dates": lambda fake: fake.date(pattern="%m/%d/%Y"),
    "phone": lambda fake: fake.numerify("555-01##"),
    "fax": lambda fake: fake.numerify("555-01##"),
    "email": lambda fake: f"{fake.user_name()}@example.org",
    "ssn": lambda fake: fake.numerify("9##-##-####"),
    "url": lambda fake: f"https://example.org/{fake.slug()}",
    "ip": lambda fake: fake.ipv4_private(),
}


@dataclass(frozen=True)
class Span:
    """A part of a text to replace, with what it was (identifier and keyed digest, never the value)."""

    start: int
    end: int
    identifier: str
    digest: str


def redactable(findings: Iterable[Finding], min_score: float) -> list[Finding]:
    """The findings a copy must lose: those that name a Safe Harbor identifier at or above the policy's score."""
    return [f for f in findings if f.identifier and f.score >= min_score]


def merged_spans(findings: Iterable[Finding], length: int) -> list[Span]:
    """The findings' spans inside a text of `length`, overlapping ones merged (the longest names the merge)."""
    spans = sorted(
        (
            Span(f.span[0], f.span[1], f.identifier or "other_unique_id", f.digest)
            for f in findings
            if f.span is not None and 0 <= f.span[0] < f.span[1] <= length
        ),
        key=lambda s: (s.start, -s.end),
    )
    merged: list[Span] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            longest = last if last.end - last.start >= span.end - span.start else span
            merged[-1] = Span(last.start, max(last.end, span.end), longest.identifier, longest.digest)
        else:
            merged.append(span)
    return merged


class Replacer:
    """Replaces spans in one style; remembers where it put surrogates, which a verifying re-scan may flag."""

    def __init__(self, style: str) -> None:
        if style not in STYLES:
            raise ValueError(f"unknown text style {style!r} (choose from {', '.join(STYLES)})")
        self.style = style

    def replace(self, text: str, spans: Sequence[Span]) -> tuple[str, list[tuple[int, int]]]:
        """`text` with each span replaced, and the (start, end) of each replacement in the new text."""
        parts: list[str] = []
        placed: list[tuple[int, int]] = []
        cursor = 0
        length = 0
        for span in spans:
            parts.append(text[cursor : span.start])
            length += span.start - cursor
            new = self.value(span, text[span.start : span.end])
            parts.append(new)
            placed.append((length, length + len(new)))
            length += len(new)
            cursor = span.end
        parts.append(text[cursor:])
        return "".join(parts), placed

    def value(self, span: Span, original: str) -> str:
        if self.style == "tag":
            return f"[{TAGS.get(span.identifier, 'ID')}]"
        if self.style == "mask":
            return "".join(c if c in "\r\n" else "*" for c in original)
        return surrogate(span.identifier, span.digest)


@functools.lru_cache(maxsize=65536)
def surrogate(identifier: str, digest: str) -> str:
    """The fake value of one keyed digest: the same digest gives the same value, in every item and run."""
    fake = _faker()
    fake.seed_instance(int(digest[:16], 16))
    make = _SURROGATES.get(identifier)
    if make is not None:
        return make(fake)
    return fake.bothify(f"{TAGS.get(identifier, 'ID')}-########")


@functools.cache
def _faker():
    """One Faker per process (en_US, ASCII values that every text encoding can hold)."""
    from faker import Faker

    return Faker("en_US")
