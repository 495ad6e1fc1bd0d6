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

from auditor.scanners.dicom.deid import is_pseudonym
from auditor.scanners.dicom.rules import Rule, annex_e
from auditor.scanners.text.recognizers._patterns import FieldRecognizer, separated_parts
from auditor.scanners.text.recognizers._places import is_state

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


@functools.cache
def _tag_line() -> regex.Pattern[str]:
    """A pasted tag line's pattern, built on first use from pydicom's value representations ("PN", "DA"; not any two
    capitals: "per IT:", "DR: pending"), so that importing the text scanner does not import pydicom.

    A tag, then its VR and its value in brackets (dcmdump, gdcmdump: "(0008,0050) SH [ACC2409]"), or the attribute's
    name, its VR, ":" and its value in quotes or as a list of them (pydicom: "(0010, 0030) Patient's Birth Date  DA:
    '19480312'", or bare as pydicom prints UIDs and numbers, up to a " #" comment: "UI: 1.2.840.113619.2.55.3"); a
    tag named in prose ("the tag (0010,0010) [Patient Name]") has no VR before its brackets."""
    from pydicom.valuerep import VR

    vr = rf"(?-i:(?:{'|'.join(sorted(vr.value for vr in VR if len(vr.value) == 2))})\b)"
    return regex.compile(
        r"\((?P<group>[0-9A-Fa-f]{4}),[ \t]?(?P<element>[0-9A-Fa-f]{4})\)"
        rf"(?:[ \t]+{vr}[ \t]+\[(?P<bracketed>[^\]\[\n]*)\]"
        rf"|(?:[^\n\[':=]|'s\b){{0,80}}?[ \t]{vr}:[ \t]*(?:(?P<quote>['\"])(?P<quoted>(?:(?!(?P=quote))[^\n])*)(?P=quote)"
        r"|\[(?P<listed>[^\]\[\n]*)\]|(?P<bare>[^\s'\"\[#](?:(?:(?![ \t]#)[^\n])*[^\s])?)))"
    )


#: A DICOM keyword (two capitals at least: "PatientName", not "Date") at a line's start, then ":" or "=" and its value:
#: in quotes or brackets, or bare up to a comment, a comma or the line's end.
_KEYWORD_LINE = regex.compile(
    r"(?m)^[ \t]{0,8}(?P<keyword>(?-i:[A-Z][a-z0-9]*[A-Z][A-Za-z0-9]{1,62}))[ \t]{0,8}[:=][ \t]{0,8}"
    r"(?:(?P<quote>['\"])(?P<quoted>(?:(?!(?P=quote))[^\n])*)(?P=quote)|\[(?P<bracketed>[^\]\[\n]*)\]"
    r"|(?P<bare>[^\s'\"\[#,;](?:[^\n#,;]*[^\s#,;])?))"
)
_QUOTED_ITEM = regex.compile(r"['\"]([^'\"\n]*)['\"]")
#: Values that stand in for one: "N/A", "<redacted>", "(no value available)", "TEST^PATIENT", "PHANTOM".
_PLACEHOLDER_WORDS = frozenset(
    {"n/a", "na", "none", "null", "unknown", "unk", "test", "patient", "phantom", "demo", "sample", "anonymous", "anon", "redacted"}
)
_PLACEHOLDER = regex.compile(r"(?i)<[^>]*>|\([^()\d]*\)|.*(?:placeholder|redacted|anonymi[sz]ed).*")
#: What a date's value holds: a DA ("20240916"), a written date with a year, or a month's name; a time alone is none.
_DATE_SHAPE = regex.compile(r"\d{8}|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


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


class DicomDumpRecognizer(FieldRecognizer):
    """Names, IDs, dates, UIDs, addresses and phone numbers of a DICOM header pasted as text, typed by their tag."""

    ENTITIES = (*sorted(set(_ENTITIES.values())), "FACILITY")

    def fields(self, text: str) -> Iterator[tuple[str, int, int, str]]:
        return _values(text)


def _values(text: str) -> Iterator[tuple[str, int, int, str]]:
    if "(" in text and ")" in text:
        for line in _tag_line().finditer(text):
            rule = annex_e().lookup(int(line.group("group") + line.group("element"), 16))
            entity = _entity(rule)
            if entity and rule:
                yield from _value_of(line, entity, text, f"DICOM tag {rule.tag} {rule.keyword}")
    if ":" in text or "=" in text:
        rules = _keyword_rules()
        lines = [(line, rule) for line in _KEYWORD_LINE.finditer(text) if (rule := rules.get(line.group("keyword")))]
        pasted = len({rule.keyword for _, rule in lines}) >= 2
        for line, rule in lines:
            if pasted or _names_a_dicom_attribute(rule.keyword or ""):
                yield from _value_of(line, _entity(rule) or "", text, f"DICOM keyword {rule.keyword}")


#: Keywords that other formats use too (a PDF's "CreationDate:", EXIF's "DateTime:", a Unix "UID:"): alone on a line
#: they say nothing about DICOM.
_SHARED_KEYWORDS = frozenset({"UID", "DateTime", "CreationDate", "CreationTime", "PersonName", "ContentDate", "ModifiedDate"})


def _names_a_dicom_attribute(keyword: str) -> bool:
    """Whether one keyword line, with no other beside it, is read as a DICOM attribute: a keyword of two words or more
    that no other format uses ("PatientName:", "AccessionNumber="), not "UID: 1000"."""
    return keyword not in _SHARED_KEYWORDS and len(regex.findall(r"\p{Lu}\p{Ll}", keyword)) >= 2


def _value_of(line: regex.Match[str], entity: str, text: str, how: str) -> Iterator[tuple[str, int, int, str]]:
    """The values of a matched line: each item of a quoted list, or each part of a multi-valued element ("A\\B"),
    except an address, which is one value with its parts; none that is empty or stands in for one."""
    groups = line.groupdict()
    which = next(name for name in ("quoted", "bracketed", "listed", "bare") if groups.get(name) is not None)
    start, end = line.span(which)
    if which == "listed" or (which == "bracketed" and _QUOTED_ITEM.match(text, start)):
        spans = [item.span(1) for item in _QUOTED_ITEM.finditer(text, start, end)]
    elif entity == "STREET_ADDRESS":
        spans = [(start, end)]
    else:
        spans = list(separated_parts(text, start, end, "\\"))
    for left, right in spans:
        value = text[left:right].strip()
        if _is_a_value(entity, value):
            left += text[left:right].find(value)
            yield entity, left, left + len(value), how


def _is_a_value(entity: str, value: str) -> bool:
    if len(regex.findall(r"[\p{L}\p{N}]", value)) < 2 or is_pseudonym(value) or _PLACEHOLDER.fullmatch(value):
        return False
    if all(part.casefold() in _PLACEHOLDER_WORDS for part in regex.split(r"[\^ ,]+", value) if part):
        return False
    if entity == "STREET_ADDRESS" and is_state(value):
        return False  # RegionOfResidence "Texas": larger than a town
    return entity != "PERSON_DATE" or _DATE_SHAPE.search(value) is not None
