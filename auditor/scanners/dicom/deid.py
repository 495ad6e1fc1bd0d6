"""Recognising a de-identified DICOM file: what it declares, and values that are pseudonyms, not identifiers.

A value is a pseudonym when every token of it (split on `^`, spaces and punctuation) is a de-identification
word (`ANON`, `Anonymized`, `REMOVED`, `Subject`, ...), a filler (`XXXXXX`, `****`), a number, or a word+number
code (`ANON0007`, `SUBJ-12`), and at least one token is a word or filler (so a numeric patient ID is not a
pseudonym). Empty values and bare separators (`^`, `^^^^`) are pseudonyms too. A name with no letters at all
(`0007`) is not a person's name either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

_WORDS = frozenset(
    {
        "anon",
        "anonymous",
        "anonymized",
        "anonymised",
        "anonymize",
        "anonymise",
        "anonymisiert",
        "deid",
        "deidentified",
        "de",
        "identified",
        "removed",
        "redacted",
        "masked",
        "hidden",
        "blank",
        "pseudo",
        "pseudonym",
        "pseudonymized",
        "pseudonymised",
        "research",
        "unknown",
        "none",
        "null",
        "na",
        "nil",
        "empty",
        "patient",
        "pat",
        "pt",
        "subject",
        "subj",
        "sub",
        "case",
        "study",
        "participant",
    }
)
_SPLIT = re.compile(r"[\^\s,=_.\-/\\:;()]+")
_FILLER = re.compile(r"^(?:x{2,}|\*+|#+|\?+|0{3,})$")
_CODE = re.compile(r"^(?:pseudo|anon|anonymous|anonymized|anonymised|deid|subj|subject|sub|pat|patient|pt|case|study|participant)\d+$")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

#: DICOM PS3.16 CID 7050 codes in DeidentificationMethodCodeSequence that keep UIDs unchanged.
RETAIN_UIDS_CODE = "113110"


def is_pseudonym(value: str) -> bool:
    tokens = [t for t in _SPLIT.split(value.casefold()) if t]
    if not tokens:
        return True
    marked = False
    for token in tokens:
        if token in _WORDS or _FILLER.match(token) or _CODE.match(token):
            marked = True
        elif not token.isdigit():
            return False
    return marked


def is_not_a_name(value: str) -> bool:
    """True for a PN value that names no one: a pseudonym, separators only, or no letters at all."""
    return is_pseudonym(value) or not _LETTER.search(value)


def declared_deidentified(dataset: Dataset) -> bool:
    """PatientIdentityRemoved (0012,0062) is YES."""
    value = dataset.get((0x0012, 0x0062))
    return value is not None and str(value.value or "").strip().upper() == "YES"


def retains_uids(dataset: Dataset) -> bool:
    """The de-identification says it kept the original UIDs (code 113110, or "retain UIDs" in the method text)."""
    method = dataset.get((0x0012, 0x0063))
    if method is not None and "retain" in str(method.value).casefold() and "uid" in str(method.value).casefold():
        return True
    codes = dataset.get((0x0012, 0x0064))
    if codes is not None and codes.VR == "SQ":
        return any(str(item.get("CodeValue", "")).strip() == RETAIN_UIDS_CODE for item in codes.value)
    return False
