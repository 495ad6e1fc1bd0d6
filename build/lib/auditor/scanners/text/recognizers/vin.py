"""Vehicle identification numbers: 17 characters without I, O or Q; North American VINs carry a
check digit in position 9 (49 CFR 565), which makes an unlabelled VIN reliable."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

_VIN = r"(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}"
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_LETTER_VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9)))


def vin_check_digit(vin: str) -> str:
    """The check digit a 17-character VIN should carry in position 9 ('X' stands for 10)."""
    total = sum(w * (int(c) if c.isdigit() else _LETTER_VALUES[c]) for c, w in zip(vin.upper(), _WEIGHTS))
    return "X" if total % 11 == 10 else str(total % 11)


class VinRecognizer(DeclaredPatternRecognizer):
    """Any VIN-shaped token scores 1.0 when its check digit holds; a labelled one is kept without it
    (VINs outside North America have none)."""

    ENTITY = "VIN"
    MIN_DIGITS = 1  # at least one digit
    PATTERNS = [
        Pattern("VIN (check digit)", rf"\b{_VIN}\b", 0.1),
        Pattern("VIN (labelled)", after_label(r"vin|vehicle\s*identification|chassis", _VIN), 0.6),
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        """True when the check digit holds; no verdict otherwise, so the pattern's own score stands."""
        return True if vin_check_digit(pattern_text) == pattern_text[8].upper() else None
