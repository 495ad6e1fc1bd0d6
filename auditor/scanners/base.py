"""The one small interface every scanner implements, so the pipeline never needs to know which it runs."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item


class ScannerUnavailable(Exception):
    """A scanner cannot run here (a model or program is missing); the message says what to install."""


class PartialScan(Exception):
    """An item only partly scanned: the message says what was not read, `findings` holds what was found in
    the rest. The pipeline keeps those findings and records the item as not fully scanned."""

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


class Scanner(ABC):
    """Finds PHI in items of some kinds.

    A scanner is built once per worker process; it loads its models lazily on first use, never at import.
    `scan_batch` may batch its work (the text scanner runs spaCy over many posts at once); one item's
    failure is returned in that item's place, so the rest of the batch keeps its results.
    """

    #: Registry name, recorded with every finding it makes.
    name: ClassVar[str]
    #: Bumped whenever the scanner would find something different; a change makes the store re-scan.
    version: ClassVar[str]
    #: Item kinds this scanner reads.
    kinds: ClassVar[frozenset[str]]
    #: Which parts of an item it covers (`text`, `metadata`, `ocr`, `faces`, `barcodes`). An item is fully
    #: scanned when every part it has (auditor.scanners.required_parts: its kind's COVERAGE, and a document's
    #: metadata) was covered by an available scanner.
    covers: ClassVar[frozenset[str]]
    #: Whether its time grows with the size of what it reads (text, metadata), so that the small items of a
    #: batch can share one call and one time budget; otherwise (OCR, faces) each item is scanned in a call of its own.
    groups_items: ClassVar[bool] = False
    #: Whether it reads the pixels of the DICOM items it is given (a scanner whose `kinds` has no `dicom` is
    #: never given one). When no scanner of a scan does, DICOM items travel to the workers without their pixels
    #: (auditor.scanners.reads_dicom_pixels): a few KB a file instead of hundreds. True unless declared, so a new
    #: scanner is never starved of pixels it reads.
    reads_dicom_pixels: ClassVar[bool] = True
    #: Whether it reads text through the text detector (auditor.scanners.text.detector). Its recorded version
    #: then includes the detector's (versions.TEXT_DETECTOR), so a change to the detector re-scans its items.
    uses_text_detector: ClassVar[bool] = False

    def unavailable_reason(self) -> str | None:
        """Why this scanner cannot run on this machine, or None when it can."""
        return None

    @abstractmethod
    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        """For each of `items` (all of a kind in `kinds`), in order: its findings, or the exception that
        stopped it (a PartialScan keeps what was found). Raising fails every item of the call; a group of small
        items (`groups_items`) is then scanned again item by item."""

    def field_texts(self, item: Item) -> dict[str, str]:
        """The text each of this scanner's findings on `item` has its span in, read again from the item (with
        its payload), so that `export --reveal-evidence` can show raw values the store never kept. By
        default the item's own text fields; a scanner that cannot re-read cheaply (OCR) returns nothing and
        its findings stay masked."""
        return dict(item.fields or {})
