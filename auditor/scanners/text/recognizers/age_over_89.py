"""Ages over 89, which Safe Harbor folds into the dates identifier: "92 years old", "94yo", "a 91-year-old",
"age 95", "turned 90", "her 100th birthday", "Peggy Sobczak, 94, of Hamtramck", "Patient: Clement Ridley, 92", "lived to be 103", "R. Venkataraman (91)", a banner's "(91Y)" or DICOM's
"093Y". A number alone never counts ("mid-90s", "500 mg")."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

_AGE = r"(?:9\d|1[01]\d)"
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
            rf"(?<=\b(?:age[ds]?|turn(?:ed|ing|s)?|lived\s+to(?:\s+be)?|made\s+it\s+to|died\s+at)\s*:?\s*){_AGE}\b"
            r"(?!\s*(?:%|mg|lbs?|kg|degrees|days|minutes|times))",
            0.6,
        ),
        # an age in brackets after a name: "R. Venkataraman (91)", "Customer Gus Pappas (93)"
        Pattern("Name (N)", rf"(?<=(?-i:(?:\p{{Lu}}\.|\p{{Lu}}[\p{{L}}'’-]+)[ \t]+\p{{Lu}}[\p{{L}}'’-]+)[ \t]*\(){_AGE}(?=\))", 0.5),
        # a banner's or DICOM's age string: "(91Y)", "093Y"
        Pattern("NNY (banner age)", rf"(?<![\w.,/-])0?{_AGE}(?=(?-i:Y)\b(?![/-]))", 0.6),
        # a notice's or a note's age between commas after a name: "Peggy Sobczak, 94, of Hamtramck", "mrs. archambault, 97,"
        Pattern(
            "Name, N,",
            rf"(?<=(?-i:\p{{Lu}}[\p{{L}}'’-]+|\b(?:mrs?|ms|miss|dr)\.?\s+\p{{L}}[\p{{L}}'’-]+)\)?,[ \t]*){_AGE}"
            rf"(?=,[ \t](?!\d)|[ \t]+(?:going|who|and|of|from)\b|[ \t]*$)",
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
