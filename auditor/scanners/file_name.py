"""The name scanner: identifiers in an item's file, folder and archive member names (auditor/corpus/names.py),
read by the text scanner's recognizers. Its findings have source `name` and count in the item's verdict like any
other; their evidence is masked like any other, and so are the characters they span in the item's locator as stored
(auditor/locator_masks.py).

Only identifiers are kept: a name's health words (`xray_chest.png`, `mri.dcm`) say what the file is, which its
content says too, and counting them would make every medical image's name a health finding."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from auditor.corpus.names import name_text, name_text_read
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.scanners.base import Scanner
from auditor.scanners.text.detector import Detection, TextDetector, to_finding
from auditor.scanners.text.entities import ENTITIES
from auditor.scanners.text.recognizers._lexicon import is_given
from auditor.scanners.text.recognizers.cased_name import TITLES
from auditor.scanners.versions import KINDS, VERSIONS

FIELD = "name"
_WORD = re.compile(r"[^\W\d_]+")


class FileNameScanner(Scanner):
    name = "file_name"
    version = VERSIONS[name]
    kinds = KINDS[name]
    covers = frozenset({"name"})
    groups_items = True
    reads_dicom_pixels = False
    uses_text_detector = True

    def __init__(self) -> None:
        self._text = TextDetector()

    def unavailable_reason(self) -> str | None:
        return self._text.unavailable_reason()

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        texts = [name_text_read(item.locator) for item in items]
        return [
            [
                to_finding(item.locator, "name", FIELD, text, kept, self.name, keeper)
                for detection in found
                if ENTITIES[detection.entity].identifier and (kept := _as_name_reads(text, detection)) is not None
            ]
            for item, text, found in zip(items, texts, self._text.detect(texts))
        ]

    def field_texts(self, item: Item) -> dict[str, str]:
        return {FIELD: name_text(item.locator)}


def _as_name_reads(text: str, detection: Detection) -> Detection | None:
    """A person found in a name is its capitalised words only: name_text capitalises a given name and the word
    after it, so a lowercase word beside them (`zip` of `bundle.zip!maria garcia.txt`, an extension) is not part of
    it, and a person with no capitalised word (`small` after the title-like `MR` of `MR_small_RLE.dcm`) is none. Nor
    is a title's word that is no given name: a file name's `MR` is the modality (`MR-SIEMENS-DICOM-WithOverlays.dcm`)."""
    if detection.entity != "PERSON":
        return detection
    words = [word for word in _WORD.finditer(text, detection.start, detection.end) if word.group()[0].isupper()]
    if not words or (_after_a_title(text, words[0].start()) and not any(is_given(word.group()) for word in words)):
        return None
    if (words[0].start(), words[-1].end()) == (detection.start, detection.end):
        return detection
    return replace(detection, start=words[0].start(), end=words[-1].end(), value=None)


def _after_a_title(text: str, start: int) -> bool:
    """Whether the word before `start` is a title (`Mr`, `MR`, `Dr`…)."""
    before = _WORD.findall(text, 0, start)
    return bool(before) and before[-1].casefold() in TITLES
