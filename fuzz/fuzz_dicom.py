"""atheris target: the DICOM header reader on arbitrary bytes. Anything but DicomReadError is a crash."""

import atheris

with atheris.instrument_imports(include=["auditor", "pydicom"]):
    import pydicom  # noqa: F401 - imported here so the reader's lazy import is instrumented too

    from auditor.media.dicom import DicomReadError, read_header

if __name__ == "__main__":
    from target import fuzz

    fuzz(read_header, DicomReadError)
