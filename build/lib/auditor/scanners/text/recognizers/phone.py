"""Phone and fax numbers: python-phonenumbers, plus formatted NANP numbers it rejects, relabelled as
fax when "fax" is the nearest label before them."""

from __future__ import annotations

from typing import List, Optional

import phonenumbers
import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from auditor.scanners.text.recognizers._patterns import nearest_label

#: A 10-digit North American number written as one: (555) 123-4567, 555.123.4567, +1 555 123 4567.
#: phonenumbers drops 555 and other unassigned exchanges, which real posts and test data still use.
_FORMATTED_NANP = regex.compile(
    r"(?<![\w.+-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-]|\.\d)"
)
#: "F:" and "P:" / "Ph:" as pasted from a letterhead: "P: (608) 555-0148  F: (563) 555-0121".
_LABELS = regex.compile(
    r"\b(fax(?:ed)?|phone|tel|telephone|call|cell|mobile|text|home|work|office|(?-i:F|P|Ph|H|W|C|M)(?=\s*:))\b", regex.IGNORECASE
)


class PhoneFaxRecognizer(PhoneRecognizer):
    """Presidio's phonenumbers-based recognizer, widened to every formatted NANP number and split into
    PHONE_NUMBER and FAX_NUMBER (Safe Harbor lists them apart)."""

    def __init__(self, supported_regions: tuple[str, ...] = ("US", "CA", "GB")) -> None:
        super().__init__(
            context=[*PhoneRecognizer.CONTEXT, "fax", "tel"],
            supported_regions=supported_regions,
            name="PhoneFaxRecognizer",
        )
        self.supported_entities = ["PHONE_NUMBER", "FAX_NUMBER"]
        self._min_digits = _shortest_valid_number(supported_regions)

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Optional[NlpArtifacts] = None) -> List[RecognizerResult]:
        # phonenumbers' matcher tries every digit group; a text with fewer digits than the shortest valid
        # number of the regions holds none, and a third of all posts are such texts.
        if sum(c.isdigit() for c in text) < self._min_digits:
            return []
        found = super().analyze(text, entities, nlp_artifacts)
        spans = {(r.start, r.end) for r in found}
        for match in _FORMATTED_NANP.finditer(text):
            if match.span() not in spans and not any(s <= match.start() and match.end() <= e for s, e in spans):
                found.append(self._result(match.start(), match.end(), "formatted NANP number"))
        for result in found:
            if nearest_label(text, result.start, _LABELS) in ("fax", "faxed", "f"):
                result.entity_type = "FAX_NUMBER"
        return [r for r in EntityRecognizer.remove_duplicates(found) if not entities or r.entity_type in entities]

    def _result(self, start: int, end: int, why: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type="PHONE_NUMBER",
            start=start,
            end=end,
            score=self.SCORE,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=self.SCORE, textual_explanation=why),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )


def _shortest_valid_number(regions: tuple[str, ...]) -> int:
    """The fewest digits of a valid (not local-only) number in any of `regions`, from phonenumbers' metadata."""
    lengths = [length for region in regions for length in phonenumbers.PhoneMetadata.metadata_for_region(region).general_desc.possible_length]
    return min(lengths)
