"""atheris target: the DICOM header reader on arbitrary bytes. Anything but DicomReadError is a crash."""

import sys

import atheris

with atheris.instrument_imports(include=["auditor", "pydicom"]):
    import pydicom  # noqa: F401 - imported here so the reader's lazy import is instrumented too

    from auditor.scanners.dicom.reader import DicomReadError, read_header


def TestOneInput(data: bytes) -> None:
    try:
        read_header(data)
    except DicomReadError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
