"""The text scanner: posts and notes read by the text detector (detector.py), one finding per detection."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.scanners.base import PartialScan, Scanner
from auditor.scanners.text.availability import DEFAULT_SPACY_MODEL
from auditor.scanners.text.detector import Analysis, Detection, TextDetector, to_finding
from auditor.scanners.versions import KINDS, VERSIONS


class TextScanner(Scanner):
    name = "text"
    version = VERSIONS[name]
    kinds = KINDS[name]
    covers = frozenset({"text"})
    groups_items = True
    uses_text_detector = True

    def __init__(self, spacy_model: str = DEFAULT_SPACY_MODEL) -> None:
        self.detector = TextDetector(spacy_model)
        self.spacy_model = spacy_model

    def unavailable_reason(self) -> str | None:
        return self.detector.unavailable_reason()

    def detect(self, texts: Sequence[str]) -> list[list[Detection]]:
        return self.detector.detect(texts)

    def analyse(self, texts: Sequence[str]) -> list[Analysis]:
        return self.detector.analyse(texts)

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        keys = [(index, field) for index, item in enumerate(items) for field in item.fields]
        analyses = self.analyse([items[index].fields[field] for index, field in keys])
        findings: list[list[Finding]] = [[] for _ in items]
        cuts: list[list[str]] = [[] for _ in items]
        for (index, field), analysis in zip(keys, analyses):
            text = items[index].fields[field]
            findings[index].extend(to_finding(items[index].locator, "text", field, text, d, self.name, keeper) for d in analysis.detections)
            cuts[index].extend(f"{field}: {cut}" for cut in analysis.cuts)
        return [PartialScan("; ".join(cut), found) if cut else found for found, cut in zip(findings, cuts)]
