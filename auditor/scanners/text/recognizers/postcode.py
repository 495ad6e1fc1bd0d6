"""Postcodes of other countries: UK and Canadian postcodes by their letter-digit shape, and a number of four to
six digits where an address puts one (after a country at the end of an address block, or before a town after
a comma). A bare number is anything, so it needs that place; US ZIP codes stay in zip_code.py, which the risk
model reads for ZIP3."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label
from auditor.scanners.text.recognizers._places import countries

#: UK postcodes: one-letter areas are B, E, G, L, M, N, S, W; no area starts with Q, V or X, and the inward
#: letters never use C, I, K, M, O or V (so "Q4 6HR" and "T4 6HR" stay dosing).
_UK = r"(?-i:(?:[BEGLMNSW]|[A-PR-UWYZ][A-HK-Y])\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})"
#: Canadian postcodes: letter-digit-letter digit-letter-digit, without D, F, I, O, Q, U; never a tumour's TNM stage
#: written without spaces where a stage is written ("(T2N1M0)", "stage T2N1M0", "pT2N1M0"; "T2N1M0 Calgary" is one).
_CANADA = r"(?-i:(?!(?<=[(\[]|(?i:stage|tnm)[ \t]{1,3}|\b(?:y?p|c))T[0-4]N[0-3]M[01]\b)[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d)"
#: Countries that end an address block ("Finland 80896", "Hungary 34796").
_COUNTRIES = "|".join(regex.escape(name) for name in countries())
_NUMBER = r"\d{2}-\d{3}|\d{5}-\d{3}|\d{4,6}"
#: Words after a number that make it a dose or count, not a postcode before a town ("2000 Units").
_NOT_TOWN = r"(?!(?-i:Units?|IU|Mg|Tablets?|Patients?|Calories|Steps|People|Cases)\b)"


class PostcodeRecognizer(DeclaredPatternRecognizer):
    """A UK or Canadian postcode, or a postcode number in its place in an address."""

    ENTITY = "POSTAL_CODE"
    MIN_DIGITS = 2
    PATTERNS = [
        Pattern("UK postcode", rf"\b{_UK}\b", 0.5),
        Pattern("Canadian postcode", rf"\b{_CANADA}\b", 0.5),
        Pattern("postcode after a country (Finland 80896)", rf"\b(?-i:{_COUNTRIES}),?[ \t]+\K(?:{_NUMBER})\b", 0.6),
        Pattern(
            "postcode (labelled)",
            after_label(r"zip(?:\s*code)?|post\s*code|postal\s*code|PLZ", r"(?=[A-Z]*\d)[A-Z0-9]{3,4}(?:[ -]?[A-Z0-9]{3,4})?"),
            0.6,
        ),
        Pattern(
            "postcode before a town after a comma (, 10115 Berlin)",
            rf"(?<=,[ \t]*)(?:{_NUMBER})(?=[ \t]+{_NOT_TOWN}(?-i:\p{{Lu}}\p{{Ll}}+)(?:[ \t]+(?-i:\p{{Lu}}\p{{Ll}}+))?[ \t]*(?:[,.;\n)]|$))",
            0.6,
        ),
    ]
    CONTEXT = ["postcode", "post code", "postal", "address", "street"]
