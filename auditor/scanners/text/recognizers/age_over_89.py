"""Ages over 89, which Safe Harbor folds into the dates identifier: "92 years old", "94yo", "a 91-year-old",
"age 95", "turned 90", "her 100th birthday", "Peggy Sobczak, 94, of Hamtramck", "Patient: Clement Ridley, 92", "lived to be 103", "at the age of 96",
"R. Venkataraman (91)", "Mum (Dot, 97)", a banner's "(91Y)" or DICOM's
"093Y". A number alone never counts ("mid-90s", "500 mg")."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult

from auditor.scanners.text.recognizers._lexicon import is_given, is_surname
from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

_AGE = r"(?:9\d|1[01]\d)"
_NAME_BRACKETS = "Name (N)"
_NAME_COMMA_END = "Name, N at a line's end"
#: Who an age is said of in a post: a relative, "he"/"she", a patient.
_WHO = (
    r"grandpa|grandma|grandmother|grandfather|granny|nana|papa|gran|great[- ]grand(?:ma|pa|mother|father)"
    r"|dad|mom|mum|father|mother|aunt|uncle|he|she|patient|pt"
)
#: Quantities a number before or after is no age: "95 mg", "is 100%", "is 92 pounds".
_NOT_UNIT = r"(?!\s*(?:%|percent|mg|mcg|lbs?|pounds|kg|degrees|°|days|minutes|times|bpm|mmhg|/|\.\d))"


class AgeOver89Recognizer(DeclaredPatternRecognizer):
    """An age of 90-119 said as an age: with "years old"/"yo", after "age"/"aged"/"turned", a birthday,
    "grandpa is 95", "Happy birthday Grandpa, 102 today". The span is the number alone (Safe Harbor
    removes the age, not the words around it)."""

    ENTITY = "AGE_OVER_89"
    MIN_DIGITS = 2  # a two- or three-digit age
    PATTERNS = [
        Pattern("N years old", rf"\b{_AGE}(?=(?:\s*-?\s*(?:y/o|y\.o\.|yo|yrs?\.?\s*old)|[\s-]*years?[\s-]*old)\b)", 0.7),
        Pattern(
            "age N",
            rf"(?<=\b(?:age[ds]?|age\s+of|turn(?:ed|ing|s)?|lived\s+to(?:\s+be)?|(?:{_WHO}|(?-i:\p{{Lu}}\p{{Ll}}+))\s+(?:made\s+it\s+to|died\s+at))\s*:?\s*)"
            rf"{_AGE}\b(?!\s*(?:%|mg|lbs?|kg|degrees|days|minutes|times|mph|percent|bpm))",
            0.6,
        ),
        # an age in brackets after a name: "R. Venkataraman (91)", "Customer Gus Pappas (93)" (a known name: see analyze)
        Pattern(_NAME_BRACKETS, rf"(?<=(?-i:(?:\p{{Lu}}\.|\p{{Lu}}[\p{{L}}'’-]+)[ \t]+\p{{Lu}}[\p{{L}}'’-]+)[ \t]*\(){_AGE}(?=\))", 0.5),
        # a banner's or DICOM's age string: "(91Y)", "093Y"
        Pattern("NNY (banner age)", rf"(?<![\w.,/-])0?{_AGE}(?=(?-i:Y)\b(?![/-]))", 0.6),
        # a notice's or a note's age between commas after a name: "Peggy Sobczak, 94, of Hamtramck", "mrs. archambault, 97,"
        Pattern(
            "Name, N,",
            rf"(?<=(?-i:\p{{Lu}}[\p{{L}}'’-]+|\b(?:mrs?|ms|miss|dr)\.?\s+\p{{L}}[\p{{L}}'’-]+)\)?,[ \t]*){_AGE}"
            rf"(?=,[ \t](?!\d)|[ \t]+(?:going|who|and|of|from|years?|yrs?)\b)",
            0.6,
        ),
        # and where its line ends: "Patient: Clement Ridley, 92" (a known name: see analyze)
        Pattern(_NAME_COMMA_END, rf"(?<=(?-i:\p{{Lu}}[\p{{L}}'’-]+),[ \t]*){_AGE}(?=[ \t]*$)", 0.6),
        # in brackets after a relative, with her name perhaps: "My grandmother (93, still sharp)", "Mum (Dot, 97)"
        Pattern(
            "grandma (N)",
            rf"(?<=\b(?:{_WHO})[ \t]*\((?:\p{{Lu}}[\p{{L}}'’-]+,[ \t]*)?){_AGE}(?=[ \t]*[,)])",
            0.6,
        ),
        Pattern("Nth birthday", rf"\b{_AGE}(?=(?:st|nd|rd|th)\s+birthday\b)", 0.7),
        Pattern("grandpa is N", rf"(?<=\b(?:{_WHO})(?:'s|\s+(?:is|was|turns|just\s+turned|will\s+be))\s+){_AGE}\b{_NOT_UNIT}", 0.6),
        Pattern(
            "birthday ... N today",
            rf"(?<=\b(?:birthday|b-?day|turns|turned|turning)\b[^.!?\n\d]{{0,30}}){_AGE}(?=\s+(?:today|tomorrow|this\s+(?:week|month|year))\b)",
            0.6,
        ),
    ]
    CONTEXT = ["age", "old", "birthday", "grandma", "grandpa", "grandmother", "grandfather"]

    def analyze(self, text: str, entities: list[str], *args, **kwargs) -> list[RecognizerResult]:
        """The matches, less a number after words that are no known name ("Heart Rate (92)", "Chloride, 101")."""
        return [r for r in super().analyze(text, entities, *args, **kwargs) if not _is_after_no_name(text, r)]


def _is_after_no_name(text: str, result: RecognizerResult) -> bool:
    explanation = result.analysis_explanation
    if explanation is None or explanation.pattern_name not in (_NAME_BRACKETS, _NAME_COMMA_END):
        return False
    word = regex.search(r"(\p{L}[\p{L}'’-]*)[ \t]*[(,][ \t]*$", text[max(0, result.start - 40) : result.start])
    return word is None or not (is_surname(word.group(1)) or is_given(word.group(1)))
