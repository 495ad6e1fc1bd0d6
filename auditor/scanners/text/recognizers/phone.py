"""Phone and fax numbers: python-phonenumbers, plus formatted NANP numbers it rejects (also as OCR reads them,
letters for digits), plus numbers of any country (written with "+" or "00", or beside a phone word and valid
in some country's numbering plan), relabelled as fax when "fax" is the nearest label before them or the word
alone after them ("930.167.3943 fax")."""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from auditor.scanners.text.recognizers._patterns import OCR_DIGIT, nearest_label

#: A 10-digit North American number written as one: (555) 123-4567, 555.123.4567, +1 555 123 4567.
#: phonenumbers drops 555 and other unassigned exchanges, which real posts and test data still use.
_FORMATTED_NANP = regex.compile(
    r"(?<![\w.+-])(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-]|\.\d)"
)
#: A formatted NANP number as OCR reads it, O for 0 and I or l for 1 ("(207) 555-O164", "(3l2) 555-0190", with its
#: country code "1-336-716-2O71"): the
#: phone's shape with at most two letters among its ten digits (one without letters is a _FORMATTED_NANP).
_OCR_NANP = regex.compile(
    rf"(?<![\w.+-])(?:\+?[1l][ .-]?)?(?:\({OCR_DIGIT}{{3}}\)\s?|{OCR_DIGIT}{{3}}[ .-]){OCR_DIGIT}{{3}}[ .-]{OCR_DIGIT}{{4}}(?![\w-]|\.\d)"
)
#: "F:" and "P:" / "Ph:" as pasted from a letterhead: "P: (608) 555-0148  F: (563) 555-0121".
_LABELS = regex.compile(
    r"\b(fax(?:ed)?|phone|tel|telephone|call|cell|mobile|text|home|work|office|(?-i:F|P|Ph|H|W|C|M)(?=\s*:))\b", regex.IGNORECASE
)

#: A number as people write one in any country: digit groups split by spaces, dots, dashes or a bracketed
#: area code ("+46 (0)157 548 89", "0412 345 678", "71-33-52-22", "(02) 9876 5432", "+447700677662").
_ANY_NUMBER = regex.compile(r"(?<![\w.,+/-])(?:\+|00)?(?:\(\d{1,5}\)|\d{1,5})(?:[ .-]?\(\d{1,5}\)|[ .-]?\d{1,8}){0,6}(?![\w/]|[.,-]\d)")
#: Words that make the number beside them a phone number: before it ("ring me on", "WhatsApp is", "not
#: answering at") or right after it ("28-64-66-98 office", "07700 063 966-Fax").
_PHONE_WORD_BEFORE = regex.compile(
    r"\b(?:phone|ph|tel|telephone|mobile|mob|cell|cellphone|landline|whatsapp|call|calls|ring|reach|dial|text|sms|messages?"
    r"|answering|contact|fax|office|desk|home|work)\b",
    regex.IGNORECASE,
)
_PHONE_WORD_AFTER = regex.compile(
    r"[ \t]*-?[ \t]*\(?(office|mobile|cell|fax|home|work|desk|landline)\)?(?=[ \t]*(?:$|[\n,;.\\]))", regex.IGNORECASE | regex.MULTILINE
)
#: A national number as only phones are written: a trunk "0" starting a bracketed area code or the first of three
#: digit groups ("(08) 9123 4567", "0803 123 4567", "020 7946 0958"); valid in some country's plan, it needs no phone word.
_TRUNK_GROUPED = regex.compile(r"\(0\d{1,4}\)[ .-]?\d{3,4}[ .-]?\d{3,4}|0\d{2,4}[ .-]\d{3,4}[ .-]\d{3,4}")
#: Shapes a phone word does not make a phone: dates ("10.01.2025", "2024/03/18") and SSNs ("123-45-6789").
_NOT_A_PHONE = regex.compile(r"\d{1,4}([./-])\d{1,2}\1\d{2,4}|\d{3}-\d{2}-\d{4}")
_REGIONS = tuple(sorted(phonenumbers.SUPPORTED_REGIONS))


class PhoneFaxRecognizer(PhoneRecognizer):
    """Presidio's phonenumbers-based recognizer, widened to every formatted NANP number and split into
    PHONE_NUMBER and FAX_NUMBER (Safe Harbor lists them apart)."""

    name: str  # set by EntityRecognizer.__init__, in a way mypy cannot infer

    def __init__(self, supported_regions: tuple[str, ...] = ("US", "CA", "GB")) -> None:
        super().__init__(
            context=[*PhoneRecognizer.CONTEXT, "fax", "tel"],
            supported_regions=supported_regions,
            name="PhoneFaxRecognizer",
        )
        self.supported_entities = ["PHONE_NUMBER", "FAX_NUMBER"]
        self._min_digits = _shortest_valid_number(supported_regions)
        self._matcher_regions = _one_region_per_plan(supported_regions)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        # phonenumbers' matcher tries every digit group; a text with fewer digits than the shortest valid
        # number of the regions holds none, and a third of all posts are such texts.
        if sum(c.isdigit() for c in text) < self._min_digits:
            return []
        # PhoneRecognizer.analyze (at its default leniency) with one matcher run per numbering plan, not per
        # region, and without its second parse of each match, which only named a region in the explanation.
        found = [
            self._result(match.start, match.end, f"phone number (phonenumbers, {region} plan)")
            for region in self._matcher_regions
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
        ]
        spans = {(r.start, r.end) for r in found}
        for match in _FORMATTED_NANP.finditer(text):
            if match.span() not in spans and not any(s <= match.start() and match.end() <= e for s, e in spans):
                found.append(self._result(match.start(), match.end(), "formatted NANP number"))
                spans.add(match.span())
        for match in _OCR_NANP.finditer(text):
            start, end = match.span()
            if sum(c.isalpha() for c in match.group()) > 2 or any(s < end and start < e and not start <= s < e <= end for s, e in spans):
                continue
            # "(3l2) 555-0190": the whole number, not the "555-0190" phonenumbers read in it
            found = [r for r in found if not start <= r.start < r.end <= end]
            found.append(self._result(start, end, "formatted NANP number, letters read for digits"))
            spans.add((start, end))
        for start, end, why in _international_numbers(text):
            if not any(s < end and start < e for s, e in spans):
                found.append(self._result(start, end, why))
        for result in found:
            after = _PHONE_WORD_AFTER.match(text, result.end)
            if (after.group(1).lower() == "fax") if after else nearest_label(text, result.start, _LABELS) in ("fax", "faxed", "f"):
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


def _international_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of each number of another country: one written with "+" and its country code that
    phonenumbers finds possible, or one within a phone word's reach that is valid in some country's plan (or
    possible after its "00" international prefix: "00" alone also starts claim and account numbers), or one
    grouped as only phones are (`_TRUNK_GROUPED`). A digit run alone is no evidence: most are valid somewhere, so
    the phone word or the phone's grouping is what makes them numbers."""
    found = []
    for match in _ANY_NUMBER.finditer(text):
        value = match.group()
        digits = sum(c.isdigit() for c in value)
        if not 7 <= digits <= 15 or _NOT_A_PHONE.fullmatch(value):
            continue
        if value.startswith("+"):
            if _possible(value, None):
                found.append((match.start(), match.end(), "number with a country code"))
            continue
        worded = _PHONE_WORD_AFTER.match(text, match.end()) or _PHONE_WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if not worded and not _TRUNK_GROUPED.fullmatch(value):
            continue
        if value.startswith("00") and _possible("+" + value[2:], None):
            found.append((match.start(), match.end(), "number with an international prefix beside a phone word"))
        elif any(_possible(value, region, valid=True) for region in _REGIONS):
            found.append((match.start(), match.end(), "number beside a phone word, valid in some country"))
    return found


def _possible(value: str, region: str | None, valid: bool = False) -> bool:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number) if valid else phonenumbers.is_possible_number(number)


def _one_region_per_plan(regions: tuple[str, ...]) -> tuple[str, ...]:
    """`regions` less each one whose matcher finds what an earlier one's does (CA after US), as the matcher
    runs are most of the recognizer's time. The matcher uses its region only to parse candidates; regions of
    one country code with the same prefixes, national-number pattern and lengths parse each alike. US and CA
    differ only in 7 digits being local-only in US: "1" plus 7 digits not matching the shared pattern is left
    whole in US and stripped to 7 in CA, invalid either way, because the only NANP numbers of 7 digits
    (CA's 310-xxxx) match it (tests/text/test_recognizers_contact.py holds phonenumbers to that)."""
    kept: dict[tuple[object, ...], str] = {}
    for region in regions:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        general = metadata.general_desc if metadata else None
        plan: tuple[object, ...] = (region,)
        if metadata and general:
            plan = (
                metadata.country_code,
                metadata.international_prefix,
                metadata.national_prefix_for_parsing,
                metadata.national_prefix_transform_rule,
                general.national_number_pattern,
                frozenset((*general.possible_length, *(general.possible_length_local_only or ()))),
            )
        kept.setdefault(plan, region)
    return tuple(kept.values())


def _shortest_valid_number(regions: tuple[str, ...]) -> int:
    """The fewest digits of a valid (not local-only) number in any of `regions`, from phonenumbers' metadata."""
    descriptions = [getattr(phonenumbers.PhoneMetadata.metadata_for_region(region), "general_desc", None) for region in regions]
    return min(length for description in descriptions if description for length in description.possible_length)
