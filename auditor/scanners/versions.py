"""Each scanner's version, kept apart from the scanner modules so that the store can tell which items need a
re-scan without importing any of them (their imports pull in spaCy, Presidio and OpenCV: seconds of start-up
for an unchanged corpus). A scanner's class reads its version from here.

Bump a scanner's version whenever it would find something different: the store then re-scans the items it
reads. Every version went up by one together when digests became typed and masks whole for numbers
(auditor/evidence.py): a store scanned before is re-scanned, so no item links by an old digest.
"""

VERSIONS: dict[str, str] = {
    "text": "4",
    "dicom_header": "3",
    "image_metadata": "3",
    "pdf_metadata": "2",
    "document_metadata": "1",
    "pdf_pages": "3",
    "pixel_text": "4",
    "faces": "2",
    "barcodes": "2",
    "image_kind": "2",
    "file_name": "1",
}
