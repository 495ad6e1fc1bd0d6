"""atheris target: the image metadata reader (EXIF, XMP, IPTC, PNG chunks, HEIF boxes) on arbitrary bytes.
Anything but ImageMetadataError is a crash."""

import atheris

with atheris.instrument_imports(include=["auditor"]):
    from auditor.scanners.image_metadata.scanner import ImageMetadataError, read_entries

if __name__ == "__main__":
    from target import fuzz

    fuzz(read_entries, ImageMetadataError)
