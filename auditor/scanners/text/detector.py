"""The text detector: PHI and health information in texts, on Presidio and spaCy.

Texts are analysed in batches (spaCy's `pipe` over all texts of a batch, then Presidio's recognizers on
each), identical texts (reposts) once, and very long texts in overlapping windows so a 5 MB line neither
exceeds spaCy's limit nor loses the entities at a window's edge. Each text is first prepared (normalize.py:
hidden characters and look-alike letters undone, pathological tokens cut); spans stay in the original text.
Every scanner that reads text embeds a `TextDetector` (and declares `uses_text_detector`), so every text in
phi-audit is read by the same recognizers and a change here re-scans all of them (versions.TEXT_DETECTOR).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, masked_finding
from auditor.scanners.base import ScannerUnavailable
from auditor.scanners.text.availability import DEFAULT_SPACY_MODEL, text_detector_missing_reason
from auditor.scanners.text.entities import ENTITIES
from auditor.scanners.text.normalize import Segment, prepare

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, RecognizerResult

#: Longest text given to spaCy at once; longer texts are read in overlapping windows.
WINDOW_CHARS = 50_000
WINDOW_OVERLAP = 500
#: Texts spaCy runs through its network together (Presidio's own default is one at a time).
SPACY_BATCH = 64
#: Characters of text spaCy is given at once, whatever the number of texts (memory grows with it).
SPACY_BATCH_CHARS = 200_000
#: Characters of recent texts whose detections a scanner keeps for later batches (~20 MB with the detections).
RECENT_CHARS = 5_000_000
#: NER labels that a health term containing them overrides ("Crohn's disease" is not a person).
_NER_ENTITIES = frozenset({"PERSON", "LOCATION"})


@dataclass(frozen=True, slots=True)
class Detection:
    """A recognizer's verdict on one span of one text, before it becomes a Finding."""

    entity: str
    start: int
    end: int
    score: float
    #: What the recognizers read, when it differs from the original text's span (hidden characters, look-alikes).
    value: str | None = None
    #: Whether spaCy's entity recognizer read it (`filters.is_model_read`): its span edges are loose.
    by_model: bool = False


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text's detections, and what was cut from it before reading (normalize.py), for the item's errors."""

    detections: list[Detection]
    cuts: list[str]


class TextDetector:
    """Presidio and spaCy over texts: what every scanner that reads text (posts, metadata, OCR words, barcodes)
    shares. Built once per scanner; the analyzer loads on first use, once per process."""

    def __init__(self, spacy_model: str = DEFAULT_SPACY_MODEL) -> None:
        self.spacy_model = spacy_model
        self._analyzer: AnalyzerEngine | None = None
        self._recent: OrderedDict[str, Analysis] = OrderedDict()
        self._recent_chars = 0

    def unavailable_reason(self) -> str | None:
        return text_detector_missing_reason(self.spacy_model)

    def _engine(self) -> AnalyzerEngine:
        if self._analyzer is None:
            reason = self.unavailable_reason()
            if reason:
                raise ScannerUnavailable(reason)
            self._analyzer = shared_analyzer(self.spacy_model)
        return self._analyzer

    def detect(self, texts: Sequence[str]) -> list[list[Detection]]:
        """The kept detections in each text, after score thresholds, filters and overlap resolution."""
        return [analysis.detections for analysis in self.analyse(texts)]

    def analyse(self, texts: Sequence[str]) -> list[Analysis]:
        """Each text's detections (as `detect`) and what was cut from it before it was read.

        A text seen in a recent batch is not analysed again: reposts, and the descriptions, institution and
        comments every slice of a DICOM series repeats.
        """
        from auditor.scanners.text.filters import is_model_read  # Presidio's: not imported with this module

        analyzer = self._engine()
        resolved = {text: self._recent[text] for text in dict.fromkeys(texts) if text in self._recent}
        unique = [text for text in dict.fromkeys(texts) if text not in resolved]
        prepared = {text: prepare(text) for text in unique}
        windows = [
            (text, segment, start, chunk)
            for text in unique
            for segment in prepared[text].segments
            for start, chunk in _windows(segment.text)
        ]
        per_text: dict[str, list[Detection]] = {text: [] for text in unique}
        artifacts = (
            artifact
            for group in _char_bounded(windows)
            for artifact in analyzer.nlp_engine.process_batch([window[-1] for window in group], language="en", batch_size=SPACY_BATCH)
        )
        for (text, segment, offset, chunk), (_, nlp_artifacts) in zip(windows, artifacts):
            results = analyzer.analyze(chunk, language="en", nlp_artifacts=nlp_artifacts)
            per_text[text].extend(_detection(r, chunk, offset, segment, is_model_read(r)) for r in _kept(chunk, results))
        for text, found in per_text.items():
            resolved[text] = Analysis(_resolve(found), prepared[text].cuts)
            self._remember(text, resolved[text])
        return [resolved[text] for text in texts]

    def _remember(self, text: str, analysis: Analysis) -> None:
        """Keep a text's detections, evicting the oldest texts beyond RECENT_CHARS (memory stays bounded)."""
        if len(text) > RECENT_CHARS:
            return
        self._recent[text] = analysis
        self._recent_chars += len(text)
        while self._recent_chars > RECENT_CHARS:
            oldest, _ = self._recent.popitem(last=False)
            self._recent_chars -= len(oldest)


@functools.cache
def shared_analyzer(spacy_model: str) -> AnalyzerEngine:
    """One analyzer per model per process: loading spaCy and the recognizers takes seconds."""
    from auditor.scanners.text.engine import build_analyzer

    return build_analyzer(spacy_model)


def to_finding(item: str, source: str, field: str, text: str, detection: Detection, scanner: str, keeper: EvidenceKeeper) -> Finding:
    """A Finding for a detection in `text`; the raw value goes no further than this function."""
    spec = ENTITIES[detection.entity]
    value = detection.value if detection.value is not None else text[detection.start : detection.end]
    return masked_finding(
        keeper,
        value,
        item=item,
        source=source,
        field=field,
        entity=detection.entity,
        identifier=spec.identifier,
        health=spec.health,
        span=(detection.start, detection.end),
        score=round(detection.score, 3),
        scanner=scanner,
    )


def _kept(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    from auditor.scanners.text.address_tails import tag_address_tails, tag_addressees, tag_facility_towns
    from auditor.scanners.text.filters import drop_false_positives, trim_model_names
    from auditor.scanners.text.repeats import tag_repeats

    known = [r for r in results if r.entity_type in ENTITIES and r.score >= ENTITIES[r.entity_type].min_score]
    kept = drop_false_positives(text, trim_model_names(text, known))
    return tag_repeats(text, tag_addressees(text, tag_facility_towns(text, tag_address_tails(text, kept))))


def _detection(result: RecognizerResult, chunk: str, offset: int, segment: Segment, by_model: bool) -> Detection:
    """A recognizer's result in a window of a prepared segment, with its span in the original text."""
    start, end = segment.original_span(result.start + offset, result.end + offset)
    value = None if segment.origin is None else chunk[result.start : result.end]
    return Detection(result.entity_type, start, end, result.score, value, by_model)


def _char_bounded(windows: list[tuple]) -> Iterator[list[tuple]]:
    """The windows in groups of at most SPACY_BATCH_CHARS characters: spaCy holds a whole batch in memory,
    and 64 windows of a 5 MB one-line file would be 3 MB of text at once (over a gigabyte)."""
    group: list[tuple] = []
    size = 0
    for window in windows:
        if group and size + len(window[-1]) > SPACY_BATCH_CHARS:
            yield group
            group, size = [], 0
        group.append(window)
        size += len(window[-1])
    if group:
        yield group


def _windows(text: str) -> list[tuple[int, str]]:
    """(offset, chunk) windows of at most WINDOW_CHARS, overlapping, cut at whitespace where possible."""
    if len(text) <= WINDOW_CHARS:
        return [(0, text)]
    windows = []
    start = 0
    while start < len(text):
        end = min(start + WINDOW_CHARS, len(text))
        if end < len(text):
            cut = text.rfind(" ", start + WINDOW_CHARS // 2, end)
            end = cut if cut > 0 else end
        windows.append((start, text[start:end]))
        if end >= len(text):
            break
        start = max(end - WINDOW_OVERLAP, start + 1)
    return windows


def _resolve(found: list[Detection]) -> list[Detection]:
    """One detection per thing found.

    Among health terms overlapping detections keep the highest score, then the longest span. Within one
    identifier the best of overlapping detections grows over the others read by patterns or gazetteers (a
    model's span edges are loose: "Nurse Jackie", "JOHN DOB"), so no part of a name two recognizers read
    differently ("ANNA M" by spaCy, "BROWN, ANNA" by a pattern) is left unmasked. Across identifiers a detection
    inside a longer one of another kind is dropped (a "name" inside a street address), and of two on the same
    span a pattern's or gazetteer's reading stays over the model's, else the higher score; detections that only
    partly overlap are both kept, since either may be right. A name or place inside a health term is dropped.
    """
    unique = sorted(set(found), key=lambda d: (-d.score, -(d.end - d.start), d.start, d.entity))
    health = _non_overlapping([d for d in unique if ENTITIES[d.entity].health])
    by_identifier: dict[str, list[Detection]] = {}
    for d in unique:
        identifier = ENTITIES[d.entity].identifier
        if identifier and not (d.entity in _NER_ENTITIES and any(h.start <= d.start and d.end <= h.end for h in health)):
            by_identifier.setdefault(identifier, []).append(d)
    candidates = [d for group in by_identifier.values() for d in _united(group)]
    identifiers = [d for d in candidates if not any(_outranks(other, d) for other in candidates if other is not d)]
    return sorted(health + identifiers, key=lambda d: (d.start, d.end, d.entity))


def _outranks(other: Detection, d: Detection) -> bool:
    """`other` covers `d`: a longer span around it, or the same span read by a pattern or gazetteer where `d` is
    the model's guess ("Sioux Falls" after "formerly of", "ALLINA HEALTH" by its facility word, both PERSON to
    spaCy), or else the same span with a higher score."""
    if (other.start, other.end) == (d.start, d.end):
        return (not other.by_model, other.score, other.entity) > (not d.by_model, d.score, d.entity)
    return other.start <= d.start and d.end <= other.end


def _united(ranked: list[Detection]) -> list[Detection]:
    """The best of each run of overlapping detections, grown over the run's members not read by the model (its
    edges are loose), with the best one's entity and score. A run holding a detection whose value
    differs from its text (hidden characters read through) keeps its best detections apart, as that value is
    the reading of its own span only."""
    rank = {id(d): index for index, d in enumerate(ranked)}
    runs: list[list[Detection]] = []
    for d in sorted(ranked, key=lambda d: (d.start, d.end)):
        if runs and d.start < max(member.end for member in runs[-1]):
            runs[-1].append(d)
        else:
            runs.append([d])
    united: list[Detection] = []
    for run in runs:
        run.sort(key=lambda d: rank[id(d)])
        if any(member.value is not None for member in run):
            united.extend(_non_overlapping(run))
            continue
        best, *others = run
        start, end = best.start, best.end
        grew = True
        while grew:  # until no member joins: one that a later member's growth reaches joins too
            grew = False
            for other in others:
                if not other.by_model and other.start < end and start < other.end and (other.start < start or end < other.end):
                    start, end, grew = min(start, other.start), max(end, other.end), True
        united.append(replace(best, start=start, end=end))
        united.extend(_united([d for d in others if d.end <= start or end <= d.start]))
    return united


def _non_overlapping(ranked: list[Detection]) -> list[Detection]:
    kept: list[Detection] = []
    for detection in ranked:
        if all(detection.end <= k.start or k.end <= detection.start for k in kept):
            kept.append(detection)
    return kept
