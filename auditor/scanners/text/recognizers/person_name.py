"""Names the small spaCy model misses: DICOM "DOE^JOHN", "PATIENT: DOE, JOHN", "Dr. Patel", "my name is
Ana", "I'm Sam", "my son Jake". Case matters here, so these patterns run without IGNORECASE and make
only their labels case-insensitive."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

#: A title-case name word: Ann, O'Brien, McDonald, Smith-Jones.
_WORD = r"[A-Z](?:'[A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"
_CAPS = r"[A-Z][A-Z'-]+"
#: Record labels an all-caps name runs into: "PATIENT: DOE, JOHN DOB: ...".
_NOT_NAME = r"(?!(?:DOB|MRN|DOS|DOD|AGE|SEX|ID|DATE|PT|MR|DR|ACCT|ACC|SSN|PHONE|ADDR|ADDRESS)\b)"
_FULL = rf"{_WORD}(?:[ \t]+{_WORD})?"
_RELATIVES = (
    r"son|daughter|husband|wife|mom|mother|dad|father|brother|sister|grandma|grandmother|grandpa|grandfather"
    r"|aunt|uncle|cousin|nephew|niece|baby|partner|boyfriend|girlfriend|fianc[eé]e?|friend|kid|child"
    r"|grandson|granddaughter|twin|stepson|stepdaughter|stepmom|stepdad|doctor|surgeon|nurse|oncologist"
)
#: Capitalised words that follow "I'm" or "my son" and are no name.
_NOT_FIRST_NAME = regex.compile(
    r"(?:Type|Not|So|Just|Also|Still|Currently|Here|Now|Very|Really|The|A|An|In|On|At|It|This|That|Happy|Sorry|Sure"
    r"|Glad|Going|Back|Fine|Okay|Ok|OK|Done|Diabetic|Bipolar|Catholic|Christian|Jewish|Muslim|American|Pregnant"
    r"|Male|Female|Trans|Gay|Autistic|Negative|Positive|Hoping|Trying|Feeling|Scared|Tired|Lost|Stage|Post|Pre"
    r"|Who|What|When|Where|Why|How|And|But|Or|If|Is|Was|Has|Had|Got|Gets|Who's|Finally|Always|Never|Literally"
    r"|Today|Tomorrow|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


class PersonNameRecognizer(DeclaredPatternRecognizer):
    """Names by shape (DICOM person name) or by what introduces them (a record label, an honorific,
    "my name is", "I'm", "my son"). The honorific or phrase is not part of the span."""

    ENTITY = "PERSON"
    FLAGS = regex.DOTALL | regex.MULTILINE
    PATTERNS = [
        Pattern("DICOM LAST^FIRST", r"\b[A-Za-z][A-Za-z'-]+\^[A-Za-z][A-Za-z'-]+(?:\^[A-Za-z][A-Za-z'.-]*){0,3}", 0.85),
        Pattern(
            "Record label: NAME",
            rf"(?<=\b(?i:patient(?:'s)?\s+name|patient|pt|name|full\s+name)[ \t]*:[ \t]*)"
            rf"(?:{_CAPS}(?:,?[ \t]+{_NOT_NAME}{_CAPS}){{0,3}}|{_WORD}(?:,?[ \t]+{_WORD}){{0,3}})\b",
            0.8,
        ),
        Pattern("Honorific Name", rf"(?<=\b(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Nurse|Doctor)\.?[ \t]+){_FULL}\b", 0.7),
        Pattern("my name is Name", rf"(?<=\b(?i:my\s+name\s+is|my\s+name's|call\s+me)[ \t]+){_FULL}\b", 0.8),
        Pattern("my son Name", rf"(?<=\b(?i:my\s+(?:{_RELATIVES}))[ \t]*,?[ \t]+){_FULL}\b", 0.65),
        Pattern("I'm Name", rf"(?<=\b(?i:i'm|i\s+am)[ \t]+){_WORD}\b(?![ \t]+(?:years?|yrs?)\b)", 0.55),
    ]
    CONTEXT = ["name", "patient", "dr", "doctor", "nurse"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """A common capitalised word right after "I'm" or "my son" ("I'm Type 2", "my son Is")."""
        return _NOT_FIRST_NAME.fullmatch(pattern_text.split()[0].rstrip(",")) is not None
