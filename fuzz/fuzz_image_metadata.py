"""atheris target: the image metadata reader (EXIF, XMP, IPTC, PNG chunks, HEIF boxes) on arbitrary bytes.
Anything but ImageMetadataError is a crash."""

import sys

import atheris

with atheris.instrument_imports(include=["auditor"]):
    from auditor.scanners.image_metadata.scanner import ImageMetadataError, read_entries


def TestOneInput(data: bytes) -> None:
    try:
        read_entries(data)
    except ImageMetadataError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
