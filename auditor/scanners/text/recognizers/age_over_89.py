"""Ages over 89, which Safe Harbor folds into the dates identifier: "92 years old", "94yo", "a 91-year-old",
"age 95", "turned 90", "her 100th birthday". A number alone never counts ("mid-90s", "500 mg")."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

_AGE = r"(?:9\d|1[01]\d)"


class AgeOver89Recognizer(DeclaredPatternRecognizer):
    """An age of 90-119 said as an age: with "years old"/"yo", after "age"/"aged"/"turned", or a birthday."""

    ENTITY = "AGE_OVER_89"
    PATTERNS = [
        Pattern("N years old", rf"\b{_AGE}(?:\s*-?\s*(?:y/o|y\.o\.|yo|yrs?\.?\s*old)|[\s-]*years?[\s-]*old)\b", 0.7),
        Pattern("age N", rf"\b(?:age[ds]?|turn(?:ed|ing|s)?)\s*:?\s*{_AGE}\b(?!\s*(?:%|mg|lbs?|kg|degrees|days|minutes|times))", 0.6),
        Pattern("Nth birthday", rf"\b{_AGE}(?:st|nd|rd|th)\s+birthday\b", 0.7),
    ]
    CONTEXT = ["age", "old", "birthday", "grandma", "grandpa", "grandmother", "grandfather"]
