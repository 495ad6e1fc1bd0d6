"""Values in a DICOM header pasted as text, as forums, tickets and bug reports hold them: a dcmdump or gdcmdump line
("(0008,0050) SH [ACC24091600231]"), pydicom's printout ("(0010, 0020) Patient ID   LO: 'HU-4471-22'") or a
keyword and its value ("OtherPatientIDs: RQ-0447712").

An accession number or a UID alone looks like nothing; its tag or keyword says what it is. The tag is looked up in
the same Annex E rules the DICOM header scanner applies to files (auditor/scanners/dicom/annex_e.json, built from
PS3.15 Table E.1-1), so a value is typed here as it would be in the file: a PN is a name, PatientID a record
number, AccessionNumber an account, a DA a date, a UID another unique identifier. InstitutionName is a facility.
Pseudonyms ("ANON^0007") name no one and are left out, as the header scanner leaves them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.dicom.deid import is_pseudonym
from auditor.scanners.dicom.rules import Rule, annex_e
from auditor.scanners.text.recognizers._patterns import separated_parts

#: The text entity for each Safe Harbor identifier an Annex E rule names.
_ENTITIES = {
    "names": "PERSON",
    "mrn": "MEDICAL_RECORD_NUMBER",
    "dates": "PERSON_DATE",
    "account": "ACCOUNT_NUMBER",
    "other_unique_id": "LABELLED_ID",
    "device": "DEVICE_ID",
    "geographic": "STREET_ADDRESS",
    "phone": "PHONE_NUMBER",
    "health_plan": "HEALTH_PLAN_ID",
    "url": "URL",
}
_SCORE = 0.7
#: A tag, the attribute's name or VR after it, then its value in brackets or quotes, on one line.
_TAG_LINE = regex.compile(
    r"\((?P<group>[0-9A-Fa-f]{4}),[ \t]?(?P<element>[0-9A-Fa-f]{4})\)[^\n\[':=]{0,60}?"
    r"(?:\[(?P<bracketed>[^\]\n]*)\]|[:=][ \t]*(?P<quote>['\"])(?P<quoted>[^'\"\n]*)(?P=quote))"
)
#: A DICOM keyword at a line's start, then ":" or "=" and the rest of the line.
_KEYWORD_LINE = regex.compile(r"(?m)^[ \t]*(?P<keyword>[A-Z][A-Za-z0-9]{3,63})[ \t]*[:=][ \t]*(?P<value>[^\n]*?)[ \t\r]*$")


@functools.cache
def _keyword_rules() -> dict[str, Rule]:
    """The Annex E rules that type a value, by their attribute's keyword."""
    return {rule.keyword: rule for rule in annex_e().by_tag.values() if rule.keyword and _entity(rule)}


def _entity(rule: Rule | None) -> str | None:
    if rule is None:
        return None
    if rule.keyword == "InstitutionName":
        return "FACILITY"
    return _ENTITIES.get(rule.identifier or "") if rule.rule == "value" else None


class DicomDumpRecognizer(EntityRecognizer):
    """Names, IDs, dates, UIDs, addresses and phone numbers of a DICOM header pasted as text, typed by their tag."""

    ENTITIES = (*sorted(set(_ENTITIES.values())), "FACILITY")
    name: str  # set by EntityRecognizer.__init__, in a way mypy cannot infer

    def __init__(self) -> None:
        super().__init__(supported_entities=list(self.ENTITIES), name=type(self).__name__, supported_language="en")

    def load(self) -> None:
        """Nothing to load: the rules are read on first use."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        found = []
        for entity, start, end, how in _values(text):
            if entity in entities:
                explanation = AnalysisExplanation(recognizer=self.name, original_score=_SCORE, textual_explanation=how)
                found.append(RecognizerResult(entity, start, end, _SCORE, analysis_explanation=explanation, recognition_metadata=meta))
        return found


def _values(text: str) -> Iterator[tuple[str, int, int, str]]:
    if "(" in text and ")" in text:
        for line in _TAG_LINE.finditer(text):
            rule = annex_e().lookup(int(line.group("group") + line.group("element"), 16))
            entity = _entity(rule)
            which = "bracketed" if line.group("bracketed") is not None else "quoted"
            if entity and rule:
                yield from _parts(entity, text, line.start(which), line.end(which), f"DICOM tag {rule.tag} {rule.keyword}")
    if ":" in text or "=" in text:
        rules = _keyword_rules()
        for line in _KEYWORD_LINE.finditer(text):
            rule = rules.get(line.group("keyword"))
            if rule:
                value_start, value_end = line.span("value")
                if text[value_start:value_end][:1] in "'\"[" and value_end - value_start >= 2:
                    value_start, value_end = value_start + 1, value_end - 1  # its quotes or brackets
                yield from _parts(_entity(rule) or "", text, value_start, value_end, f"DICOM keyword {rule.keyword}")


def _parts(entity: str, text: str, start: int, end: int, how: str) -> Iterator[tuple[str, int, int, str]]:
    """Each value of a multi-valued element ("A\\B"), unless empty or a pseudonym."""
    for left, right in separated_parts(text, start, end, "\\"):
        value = text[left:right]
        if value and regex.search(r"[\p{L}\p{N}]", value) and not is_pseudonym(value):
            yield entity, left, right, how
