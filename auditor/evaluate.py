"""`phi-audit eval`: recall and precision of a store's findings against labelled truth, per identifier type
and per health category, with lenient (span overlap) and strict (exact span) matching.

Truth is JSON Lines, one object per item: `{"item": LOCATOR, "labels": [...]}`; an item with no labels is a
negative. A label is either a span in a field (`{"field", "start", "end", "identifier" | "health"}`), scored
against text and metadata findings, or a box in the pixels (`{"frame", "bbox": [x, y, w, h], "identifier" |
"health"}`), scored against pixel findings by box overlap (strict: intersection over union ≥ 0.5). Only items
named in the truth are scored, so a store of a larger corpus can be evaluated on its labelled part.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from auditor import boxes
from auditor.frame_masks import frame_of
from auditor.model import HEALTH_CATEGORIES, Finding
from auditor.store import FindingsStore


@dataclass(frozen=True)
class Label:
    item: str
    kind: str  # the identifier or health category
    field: str = ""
    start: int = 0
    end: int = 0
    frame: int = 0
    bbox: tuple[int, ...] | None = None  # [x, y, w, h] as the truth file writes it


@dataclass
class Score:
    kind: str
    labels: int = 0
    findings: int = 0
    found_lenient: int = 0
    found_strict: int = 0
    correct_lenient: int = 0
    correct_strict: int = 0

    @property
    def recall(self) -> float | None:
        return self.found_lenient / self.labels if self.labels else None

    @property
    def precision(self) -> float | None:
        return self.correct_lenient / self.findings if self.findings else None

    @property
    def recall_strict(self) -> float | None:
        return self.found_strict / self.labels if self.labels else None

    @property
    def precision_strict(self) -> float | None:
        return self.correct_strict / self.findings if self.findings else None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "labels": self.labels,
            "findings": self.findings,
            "recall": self.recall,
            "precision": self.precision,
            "recall_strict": self.recall_strict,
            "precision_strict": self.precision_strict,
        }


class TruthError(ValueError):
    """A truth file that cannot be read; the message names the line."""


def load_truth(path: str | Path) -> tuple[set[str], list[Label]]:
    """The items the truth covers and their labels."""
    items: set[str] = set()
    labels: list[Label] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            items.add(entry["item"])
            labels.extend(_label(entry["item"], label) for label in entry["labels"])
        except (ValueError, KeyError, TypeError) as error:
            raise TruthError(f"{path}: line {number}: not a truth record ({error!r})") from None
    return items, labels


def _label(item: str, label: dict) -> Label:
    kind = label.get("identifier") or label.get("health")
    if kind is None:
        raise ValueError("a label needs an identifier or a health category")
    if "bbox" in label:
        return Label(item, kind, frame=int(label.get("frame", 0)), bbox=tuple(int(v) for v in label["bbox"]))
    return Label(item, kind, field=label["field"], start=int(label["start"]), end=int(label["end"]))


def _matches(finding: Finding, candidates: list[Label]) -> tuple[list[Label], list[Label]]:
    """The labels a finding overlaps (lenient) and those it matches exactly (strict)."""
    if finding.bbox is not None and finding.source == "pixel":
        frame = frame_of(finding.field)  # `ocr:frame:2` → 2; `barcode:1` (the second code) → 0
        scored = [(label, boxes.iou(finding.bbox, label.bbox)) for label in candidates if label.bbox is not None and label.frame == frame]
        return [label for label, iou in scored if iou > 0], [label for label, iou in scored if iou >= 0.5]
    if finding.span is None:
        return [], []
    start, end = finding.span
    overlapping = [lab for lab in candidates if lab.bbox is None and lab.field == finding.field and lab.start < end and start < lab.end]
    return overlapping, [lab for lab in overlapping if (lab.start, lab.end) == (start, end)]


def evaluate(truth_items: set[str], labels: list[Label], findings: Iterable[Finding]) -> list[Score]:
    """Scores per identifier and health category, plus `all identifiers` and `all health` rows.

    A truth of boxes scores pixel findings only, a truth of spans the others, so each truth file measures
    the scanners it was written for.
    """
    by_item: dict[tuple[str, str], list[Label]] = defaultdict(list)
    for label in labels:
        by_item[(label.item, label.kind)].append(label)
    pixel_truth = bool(labels) and all(label.bbox is not None for label in labels)
    scores: dict[str, Score] = {}

    def score(kind: str) -> Score:
        return scores.setdefault(kind, Score(kind))

    found_lenient: set[Label] = set()
    found_strict: set[Label] = set()
    for finding in findings:
        kind = finding.identifier or finding.health
        if finding.item not in truth_items or kind is None or (finding.source == "pixel") != pixel_truth:
            continue
        if finding.span is None and finding.bbox is None:
            continue
        overlapping, exact = _matches(finding, by_item.get((finding.item, kind), []))
        score(kind).findings += 1
        score(kind).correct_lenient += bool(overlapping)
        score(kind).correct_strict += bool(exact)
        found_lenient.update(overlapping)
        found_strict.update(exact)
    for label in labels:
        entry = score(label.kind)
        entry.labels += 1
        entry.found_lenient += label in found_lenient
        entry.found_strict += label in found_strict
    ordered = sorted(scores.values(), key=lambda s: (s.kind in HEALTH_CATEGORIES, s.kind))
    return ordered + [
        _total("all identifiers", [s for s in ordered if s.kind not in HEALTH_CATEGORIES]),
        _total("all health", [s for s in ordered if s.kind in HEALTH_CATEGORIES]),
    ]


def _total(name: str, parts: list[Score]) -> Score:
    total = Score(name)
    for part in parts:
        for attribute in ("labels", "findings", "found_lenient", "found_strict", "correct_lenient", "correct_strict"):
            setattr(total, attribute, getattr(total, attribute) + getattr(part, attribute))
    return total


def evaluate_store(store: FindingsStore, truth_path: str | Path, kinds: Iterable[str] = ()) -> list[Score]:
    """Scores of the store against the truth; with `kinds`, of the items of those kinds only (e.g. the
    metadata of DICOM, image and PDF items apart from the posts' text)."""
    items, labels = load_truth(truth_path)
    if kinds:
        chosen = set(kinds)
        items = {stored.locator for stored in store.items() if stored.kind in chosen} & items
        labels = [label for label in labels if label.item in items]
    return evaluate(items, labels, store.findings(sorted(items)))


def render_scores(scores: list[Score]) -> str:
    def cell(value: float | None) -> str:
        return "   -  " if value is None else f"{value:6.3f}"

    lines = [f"{'kind':<18}{'labels':>7}{'found':>7}  recall  precis  recall(strict)  precis(strict)"]
    for s in scores:
        lines.append(
            f"{s.kind:<18}{s.labels:>7}{s.findings:>7}  {cell(s.recall)}  {cell(s.precision)}  {cell(s.recall_strict):>14}  {cell(s.precision_strict):>14}"
        )
    return "\n".join(lines) + "\n"
