"""The name scanner: identifiers in an item's file, folder and archive member names (auditor/corpus/names.py),
read by the text scanner's recognizers. Its findings have source `name` and count in the item's verdict like any
other; their evidence is masked like any other (the locator itself still holds the name: SECURITY.md).

Only identifiers are kept: a name's health words (`xray_chest.png`, `mri.dcm`) say what the file is, which its
content says too, and counting them would make every medical image's name a health finding."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.corpus.names import name_text
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.scanners.base import Scanner
from auditor.scanners.text.detector import TextDetector, to_finding
from auditor.scanners.text.entities import ENTITIES
from auditor.scanners.versions import VERSIONS

FIELD = "name"


class FileNameScanner(Scanner):
    name = "file_name"
    version = VERSIONS[name]
    kinds = frozenset({"post", "text", "image", "dicom", "pdf"})
    covers = frozenset({"name"})
    groups_items = True
    reads_dicom_pixels = False
    uses_text_detector = True

    def __init__(self) -> None:
        self._text = TextDetector()

    def unavailable_reason(self) -> str | None:
        return self._text.unavailable_reason()

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        texts = [name_text(item.locator) for item in items]
        return [
            [
                to_finding(item.locator, "name", FIELD, text, detection, self.name, keeper)
                for detection in found
                if ENTITIES[detection.entity].identifier
            ]
            for item, text, found in zip(items, texts, self._text.detect(texts))
        ]

    def field_texts(self, item: Item) -> dict[str, str]:
        return {FIELD: name_text(item.locator)}
