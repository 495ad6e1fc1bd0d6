"""Each scanner's version and the kinds of item it reads, kept apart from the scanner modules so that the store can
tell which items need a re-scan, and a worker which scanners a batch needs, without importing any of them (their
imports pull in spaCy, Presidio, pydicom and OpenCV: seconds of start-up for an unchanged corpus, ~0.2 CPU s of a
worker's that scans only posts). A scanner's class reads its version and its kinds from here.

Bump a scanner's version whenever it would find something different: the store then re-scans the items it
reads. Every version went up by one together when digests became typed and masks whole for numbers
(auditor/evidence.py): a store scanned before is re-scanned, so no item links by an old digest.
"""

#: The text detector's version (auditor/scanners/text/detector.py: engine, recognizers, windows, overlap
#: resolution). Every scanner that declares `uses_text_detector` records it in its own version.
TEXT_DETECTOR = "9"


def with_text_detector(version: str) -> str:
    """The version recorded for a scanner that reads text through the text detector."""
    return f"{version}+text-detector.{TEXT_DETECTOR}"


VERSIONS: dict[str, str] = {
    "text": with_text_detector("4"),
    "dicom_header": with_text_detector("3"),
    "image_metadata": with_text_detector("3"),
    "pdf_metadata": with_text_detector("2"),
    "document_metadata": with_text_detector("1"),
    "pdf_pages": with_text_detector("3"),
    "pixel_text": with_text_detector("12"),
    "faces": "3",
    "barcodes": with_text_detector("3"),
    "image_kind": "2",
    "file_name": with_text_detector("2"),
}

#: The kinds of item each scanner reads (`Scanner.kinds`).
KINDS: dict[str, frozenset[str]] = {
    "text": frozenset({"post", "text"}),
    "dicom_header": frozenset({"dicom"}),
    "image_metadata": frozenset({"image"}),
    "pdf_metadata": frozenset({"pdf"}),
    "document_metadata": frozenset({"text"}),
    "pdf_pages": frozenset({"pdf"}),
    "pixel_text": frozenset({"image", "dicom"}),
    "faces": frozenset({"image"}),
    "barcodes": frozenset({"image"}),
    "image_kind": frozenset({"image"}),
    "file_name": frozenset({"post", "text", "image", "dicom", "pdf", "unreadable"}),
}
