"""Each scanner's version, kept apart from the scanner modules so that the store can tell which items need a
re-scan without importing any of them (their imports pull in spaCy, Presidio and OpenCV: seconds of start-up
for an unchanged corpus). A scanner's class reads its version from here.

Bump a scanner's version whenever it would find something different: the store then re-scans the items it
reads.
"""

VERSIONS: dict[str, str] = {
    "text": "3",
    "dicom_header": "2",
    "image_metadata": "2",
    "pdf_metadata": "1",
    "pdf_pages": "2",
    "pixel_text": "3",
    "faces": "1",
    "barcodes": "1",
    "image_kind": "1",
}
