"""FDA Unique Device Identifiers in GS1 form, "(01)00884838000124(17)251231(21)SN123": the device
identifier (a GTIN-14 with its check digit) and production identifiers, which include the serial."""

from __future__ import annotations

from presidio_analyzer import Pattern
from stdnum import gs1_128
from stdnum.exceptions import ValidationError

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

#: (01) GTIN-14, then any of (11) production date, (17) expiry, (10) lot, (21) serial, (30) count.
_UDI = r"\(01\)\s?\d{14}(?:\s?\((?:10|11|17|21|30)\)\s?[A-Z0-9-]{1,20})*"


class UdiRecognizer(DeclaredPatternRecognizer):
    """A GS1 UDI in human-readable form; python-stdnum checks the GTIN check digit and AI formats."""

    ENTITY = "DEVICE_ID"
    MIN_DIGITS = 16  # (01) and a 14-digit GTIN
    PATTERNS = [Pattern("GS1 UDI", _UDI, 0.5)]
    CONTEXT = ["udi", "device", "implant", "pump", "pacemaker"]

    def validate_result(self, pattern_text: str) -> bool:
        try:
            gs1_128.validate("".join(pattern_text.split()))
        except ValidationError:
            return False
        return True
