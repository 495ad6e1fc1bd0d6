"""Unlabelled numbers on a patient's banner, wristband or label line: "DOE, JANE  00441290  03/14/1961  F",
"LAROCHE, EMILE  08/19/1933  (91Y)  RX4419021", "HUANG^MEI 1961-02-03 4471093".

A banner prints the record number without its label, beside the name and the birth date, and a label printer or
an OCR reading of a scan keeps it that way. Anywhere else a bare number is anything (a count, a price, an order),
so the evidence is the line: it holds a surname-first name in capitals ("DOE, JANE", "DOE^JANE") and a full
date, and the number stands alone on it, not after a lower-case word, with six or more digits (five with letters
before or after them: "RX4419021", "N2025-00318"). It is reported as the patient's record number, the most common such field, below
the score of a labelled one.
"""

from __future__ import annotations

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._patterns import SpanRecognizer

#: A surname-first name in capitals, with a comma or a DICOM caret (or its OCR readings).
_NAME = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}'-]+(?:,[ \t]*|[\^*~°])\p{Lu}[\p{Lu}'-]+")
#: A date with day, month and year, as banners print it.
_DATE = regex.compile(
    r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[ -]?\p{Lu}{3}[ -]?\d{4})(?![\d/.-])"
)
#: A code standing alone: six or more digits (a "-" inside), or five with letters before or after them; not an
#: amount ("$12500", "12500 dollars"), a phone number's or a ZIP+4's shape.
_NUMBER = regex.compile(
    r"(?<![\w/.:#@$€£-])(?!\d{3}-\d{3}-\d{4}\b|\d{3}-\d{4}\b|\d{5}-\d{4}\b)"
    r"(?:(?=(?:-?\d){6})\d[\d-]{4,18}\d|\p{Lu}{1,4}-?(?=(?:-?\d){5})\d[\d-]{3,18}\d\p{Lu}{0,2}|(?=(?:-?\d){5})\d[\d-]{3,18}\d\p{Lu}{1,2})"
    r"(?![\w/.:@-]|\.\d|[ \t]*(?i:dollars|usd|eur|euros|pounds|units|mg|ml)\b)"
)
#: A lower-case word right before the number: prose ("serves 120000 meals"), not a banner's field.
_AFTER_PROSE = regex.compile(r"\p{Ll}{2,}[ \t]+$")
_SCORE = 0.5


class BannerNumberRecognizer(SpanRecognizer):
    """A number alone on a line that holds a surname-first name in capitals and a full date."""

    ENTITY = "MEDICAL_RECORD_NUMBER"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None):
        offset = 0
        for line in text.split("\n"):
            if _NAME.search(line):
                dates = [match.span() for match in _DATE.finditer(line)]
                if dates:
                    for match in _NUMBER.finditer(line):
                        in_a_date = any(start < match.end() and match.start() < end for start, end in dates)
                        if not in_a_date and not _AFTER_PROSE.search(line, max(0, match.start() - 40), match.start()):
                            yield offset + match.start(), offset + match.end(), _SCORE, "number on a banner line"
            offset += len(line) + 1
