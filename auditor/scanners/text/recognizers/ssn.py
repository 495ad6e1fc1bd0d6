"""Social Security numbers after an SSN label, reported whatever Presidio's rules say of them.

Presidio's UsSsnRecognizer drops numbers it knows as samples or invalid ("123-45-6789", "987-65-4321",
area 000 or 666): right for a de-identifier's precision, wrong for an auditor, which reports what is exposed
in the text. After an explicit label the number is an SSN as written."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import (
    OCR_DIGIT,
    DeclaredPatternRecognizer,
    after_label,
)

_LABELS = r"ssn|ss\s*#|social\s+security(?:\s+(?:number|no\.?|#|card))?|soc\.?\s*sec\.?(?:\s*(?:no\.?|#))?"


_LAST_FOUR = rf"last\s*-?\s*(?:4|four)(?:\s+(?:digits\s+)?of)?(?:\s+(?:the\s+)?(?:{_LABELS}))|(?:{_LABELS})\s+last\s*-?\s*(?:4|four)"


class LabelledSsnRecognizer(DeclaredPatternRecognizer):
    """Nine digits as 3-2-4 (dashes, spaces or none) after "SSN", "SS#", "social security number" (OCR's O and l for
    digits too), or the last four after "last 4 of SSN" or a mask ("XXX-XX-4410")."""

    ENTITY = "US_SSN"
    MIN_DIGITS = 4
    LABELS = _LABELS
    PATTERNS = [
        Pattern("SSN (labelled)", after_label(_LABELS, r"\d{3}([- ]?)\d{2}\1\d{4}"), 0.75),
        # its last four digits, which verify a caller and narrow a person down: "last4 SSN 3391", "SSN last 4: 3391"
        Pattern("SSN last four (labelled)", after_label(_LAST_FOUR, r"\d{4}(?![\d-])"), 0.6),
        # masked but for its last four ("SSN: XXX-XX-4410", "***-**-4410"), or read by OCR with O and l for digits
        Pattern("SSN masked but its last four (labelled)", after_label(_LABELS, r"(?:[Xx*•]{3})[- ]?[Xx*•]{2}[- ]?\K\d{4}(?![\d-])"), 0.6),
        Pattern(
            "SSN read by OCR (labelled)",
            after_label(_LABELS, rf"(?=[\d-]*[OIl]){OCR_DIGIT}{{3}}-{OCR_DIGIT}{{2}}-{OCR_DIGIT}{{4}}(?![\w-])"),
            0.6,
        ),
    ]
