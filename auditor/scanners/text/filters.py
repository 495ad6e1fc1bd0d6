"""False-positive filters, kept apart from the recognizers in the manner of detect-secrets' filters:
each takes the text and one result and says whether the result is noise. The text scanner calls
`drop_false_positives` after `analyzer.analyze` and before thresholds and overlap resolution.
"""

from __future__ import annotations

from typing import Callable, Iterable

import regex
from presidio_analyzer import RecognizerResult

from auditor.scanners.text.recognizers._patterns import nearest_label
from auditor.scanners.text.recognizers._places import COUNTRY_NAMES, STATES

Filter = Callable[[str, RecognizerResult, list[RecognizerResult]], bool]

_REFERENCE_LABELS = regex.compile(
    r"\b(order|tracking|confirmation|invoice|receipt|reference|ref|ticket|shipment|package|po|case|ssn|social|npi|account|acct|card|passport|itin|member|routing)\b",
    regex.IGNORECASE,
)
_REFERENCE_WORDS = {"order", "tracking", "confirmation", "invoice", "receipt", "reference", "ref", "ticket", "shipment", "package", "po", "case"}
_BARE_NUMBER_ENTITIES = {"US_SSN", "US_BANK_NUMBER", "US_PASSPORT", "US_ITIN", "US_NPI", "CREDIT_CARD", "US_DRIVER_LICENSE", "PHONE_NUMBER"}

_STATE_NAMES = {name.casefold() for name in STATES.values()} | set(COUNTRY_NAMES)

#: Imaging, tests, units and software that spaCy's small model tags as people or places.
_NOT_A_NAME = frozenset(
    word.casefold()
    for word in (
        "CT", "PET", "MRI", "EKG", "ECG", "EEG", "EMG", "ICU", "NICU", "ER", "ED", "OR", "IV", "PICC", "MS", "ALS",
        "COPD", "ADHD", "PTSD", "OCD", "IBS", "IBD", "GERD", "UTI", "HIV", "AIDS", "CBD", "THC", "TMJ", "POTS",
        "Word", "MS Word", "Excel", "Tylenol", "Advil", "Covid", "COVID-19", "Lyme", "Crohn", "Parkinson", "Alzheimer",
        "Hashimoto", "Graves", "Addison", "Cushing", "Tourette", "Asperger", "Botox", "Xanax", "Zoloft",
    )
)
_NPI_CONTEXT = regex.compile(r"\b(npi|provider)\b", regex.IGNORECASE)


def is_reference_number(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """A bare number whose nearest label is "order", "tracking", "confirmation" and the like: an order
    number is not an SSN, a bank account or a passport."""
    return result.entity_type in _BARE_NUMBER_ENTITIES and nearest_label(text, result.start, _REFERENCE_LABELS) in _REFERENCE_WORDS


def is_state_or_country(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """Safe Harbor's geographic identifier is a subdivision smaller than a state: "Texas" and "the US"
    are not one."""
    return result.entity_type == "LOCATION" and text[result.start : result.end].strip(" .,").casefold() in _STATE_NAMES


def is_medical_term(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """"CT", "PET", "MS Word", "Tylenol" tagged as a person or place by the small NER model."""
    return result.entity_type in ("PERSON", "LOCATION") and text[result.start : result.end].strip(" .,'s").casefold() in _NOT_A_NAME


def is_unlabelled_npi_phone(text: str, result: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """One 10-digit number in ten passes the NPI check digit; a phone number with no NPI or provider
    label nearby stays a phone number."""
    return (
        result.entity_type == "US_NPI"
        and _NPI_CONTEXT.search(text, max(0, result.start - 40), result.start) is None
        and any(r.entity_type in ("PHONE_NUMBER", "FAX_NUMBER") and r.start <= result.start and result.end <= r.end for r in results)
    )


def is_ner_guess_inside_a_pattern(text: str, result: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """spaCy's PERSON or LOCATION inside what a pattern recognizer read as something else: "Mar 4th" is
    a date, "Oak Avenue" part of an address."""
    return result.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY) == "SpacyRecognizer" and any(
        r.entity_type not in ("PERSON", "LOCATION") and r.start <= result.start and result.end <= r.end and r.score >= 0.4
        for r in results
    )


FILTERS: tuple[Filter, ...] = (
    is_reference_number,
    is_state_or_country,
    is_medical_term,
    is_unlabelled_npi_phone,
    is_ner_guess_inside_a_pattern,
)


def drop_false_positives(text: str, results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """The results no filter calls noise."""
    results = list(results)
    return [r for r in results if not any(f(text, r, results) for f in FILTERS)]
