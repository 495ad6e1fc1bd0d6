"""Builds the Presidio analyzer phi-audit's text scanner runs on, fully offline.

Called once per process by the text scanner (never at import time). The spaCy model comes from a PyPI
package and is named explicitly: a bare `AnalyzerEngine()` tries to download its default large model.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Generator, Iterable
from typing import Any

import regex
import spacy
import tldextract
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    AuMedicareRecognizer,
    AuTfnRecognizer,
    CaSinRecognizer,
    CreditCardRecognizer,
    DeHealthInsuranceRecognizer,
    DeTaxIdRecognizer,
    EmailRecognizer,
    EsNieRecognizer,
    EsNifRecognizer,
    FiPersonalIdentityCodeRecognizer,
    IbanRecognizer,
    InAadhaarRecognizer,
    IpRecognizer,
    ItFiscalCodeRecognizer,
    KrRrnRecognizer,
    MacAddressRecognizer,
    NgNinRecognizer,
    PlPeselRecognizer,
    SePersonnummerRecognizer,
    SgFinRecognizer,
    SpacyRecognizer,
    TrNationalIdRecognizer,
    UkDrivingLicenceRecognizer,
    UkNinoRecognizer,
    UsBankRecognizer,
    UsHealthInsuranceMemberIdRecognizer,
    UsItinRecognizer,
    UsMbiRecognizer,
    UsNpiRecognizer,
    UsPassportRecognizer,
    UsPrescriptionNumberRecognizer,
    UsSsnRecognizer,
    ZaIdNumberRecognizer,
)
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from auditor.scanners.text.availability import DEFAULT_SPACY_MODEL
from auditor.scanners.text.health import health_recognizers
from auditor.scanners.text.ner_scope import ner_ranges
from auditor.scanners.text.recognizers import custom_recognizers
from auditor.scanners.text.recognizers._patterns import RECORD_LABEL_WORDS, Prefilter, prefiltered
from auditor.scanners.text.recognizers.case_restored_ner import CaseRestoredNerRecognizer

#: spaCy labels the analyzer keeps; DATE_TIME, ORG and the rest are left to the pattern recognizers.
_SPACY_ENTITIES = ["PERSON", "LOCATION"]


#: What every match of Presidio's email pattern holds: a character of the local part, "@", a word character
#: (an @handle after a space has none before its "@").
_EMAIL_AT = regex.compile(r"[!#$%&'*+\-/=?^_`{|}~\w]@\w")


class OfflineEmailRecognizer(Prefilter, EmailRecognizer):
    """Presidio's email recognizer with tldextract held to its bundled suffix-list snapshot, skipping texts
    without an "@" between two characters of an address.

    `tldextract.extract` fetches the public suffix list on first use, which hangs or fails without a
    network; an extractor with no URLs and no cache reads only the snapshot shipped in the package.
    """

    _extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)

    def could_match(self, text: str) -> bool:
        return _EMAIL_AT.search(text) is not None

    def validate_result(self, pattern_text: str) -> bool:
        return self._extract(pattern_text).fqdn != ""


def _presidio_recognizers() -> list[EntityRecognizer]:
    """Presidio's own recognizers for the identifiers that occur in US health posts.

    Checksummed or well-formed numbers come from Presidio as they are (cards, IBAN, NPI with its
    80840-Luhn, SSN with its invalidation rules, MBI); the health-plan ones are renamed to the catalog's
    HEALTH_PLAN_ID. Left out: UK_NHS, crypto wallets and the like (they fire on US phone numbers and
    order numbers and name nothing Safe Harbor lists); PhoneRecognizer, MedicalLicenseRecognizer and
    UsLicenseRecognizer, which phi-audit's PhoneFax, DeaNumber and DriverLicense recognizers replace;
    DateRecognizer, which reports years and times as DATE_TIME; UrlRecognizer, which phi-audit's
    TrimmedUrlRecognizer replaces (the same pattern without the sentence's trailing punctuation).
    National numbers of other countries that people in the US write too (Singapore NRIC/FIN, UK National
    Insurance, Canadian SIN with its Luhn check) are reported as SSNs, the identifier they stand for
    (entities.py); without them a Singapore NRIC was missed.

    The numbers' recognizers skip texts with fewer digits than any of their matches holds (the counts are
    read off their patterns, e.g. 9 for an SSN: 3-2-4 or 9 in a row); IP and MAC addresses may be written
    without a digit ("::", "ab:cd:..."), so they run on every text.
    """
    return [
        prefiltered(CreditCardRecognizer, 13)(),
        OfflineEmailRecognizer(),
        prefiltered(IbanRecognizer, 2)(),
        IpRecognizer(),
        MacAddressRecognizer(),
        prefiltered(UsBankRecognizer, 8)(),
        prefiltered(UsItinRecognizer, 9)(),
        prefiltered(UsNpiRecognizer, 10)(),
        prefiltered(UsMbiRecognizer, 5)(supported_entity="HEALTH_PLAN_ID"),
        prefiltered(UsHealthInsuranceMemberIdRecognizer, 1)(supported_entity="HEALTH_PLAN_ID", patterns=[_MEMBER_ID_BOUNDED]),
        prefiltered(UsPrescriptionNumberRecognizer, 6)(),
        prefiltered(UsPassportRecognizer, 8)(),
        prefiltered(UsSsnRecognizer, 9)(),
        prefiltered(SgFinRecognizer, 7)(),
        prefiltered(UkNinoRecognizer, 6)(),
        prefiltered(CaSinRecognizer, 9)(),
        *_national_numbers(),
        SpacyRecognizer(supported_entities=_SPACY_ENTITIES),
    ]


#: Presidio's weak member-ID pattern with its look-aheads bounded by the ID's own length (20): unbounded, each one
#: read a whole run of digits and dashes again at every word boundary, 21 s on "1-" × 25,000.
_MEMBER_ID_BOUNDED = Pattern(
    "Health insurance member ID (weak)",
    r"\b(?=[A-Z0-9-]{6,20}\b)(?=[A-Z0-9-]{0,19}[A-Z])(?=[A-Z0-9-]{0,19}\d)[A-Z]{1,5}-?[A-Z0-9]{5,14}\b",
    0.1,
)


#: Presidio's recognizers of other countries' personal numbers that carry a check digit or checksum (their
#: `validate_result`), with the fewest digits a match holds: people in or from those countries post them, and the
#: US recognizers miss every one. Their entities map to other_unique_id (a national or tax number), health_plan (Medicare,
#: Krankenversicherung) or license (entities.py). Left out: business, VAT and company numbers (they name no
#: person), passports, plates, India's PAN and other numbers without a check (they fire on order numbers and words), the
#: Thai national number (its mod-11 check passes one 13-digit card number in eleven) and the UK NHS number, whose
#: 3-3-4 shape is a US phone's (its labelled form is a LABELLED_ID, labelled_id.py).
_NATIONAL_NUMBERS: tuple[tuple[type[EntityRecognizer], int], ...] = (
    (InAadhaarRecognizer, 12),
    (ItFiscalCodeRecognizer, 7),
    (EsNifRecognizer, 8),
    (EsNieRecognizer, 7),
    (FiPersonalIdentityCodeRecognizer, 9),
    (SePersonnummerRecognizer, 10),
    (PlPeselRecognizer, 11),
    (DeTaxIdRecognizer, 11),
    (DeHealthInsuranceRecognizer, 9),
    (TrNationalIdRecognizer, 11),
    (KrRrnRecognizer, 13),
    (ZaIdNumberRecognizer, 13),
    (NgNinRecognizer, 11),
    (AuTfnRecognizer, 8),
    (AuMedicareRecognizer, 10),
    (UkDrivingLicenceRecognizer, 6),
)


class _CheckedNotCertain:
    """A passing check digit keeps the pattern's own score instead of Presidio's certainty (1.0): one number in
    ten or eleven passes a check, so a 10-digit MRN after its label ("MRN 9202793569") stays an MRN rather than
    a Swedish personnummer, and a weak shape (12 digits for an Aadhaar) counts only with its context words. A
    failing check still drops the match."""

    def validate_result(self, pattern_text: str) -> bool | None:
        return None if super().validate_result(pattern_text) is not False else False  # type: ignore[misc]


#: One-word context for the recognizers whose own context words are phrases ("codice fiscale", "tc kimlik"): the
#: context enhancer compares its words with single tokens, so a phrase never supports a match.
_NATIONAL_CONTEXT: dict[type[EntityRecognizer], list[str]] = {
    ItFiscalCodeRecognizer: ["codice", "fiscale", "cf"],
    TrNationalIdRecognizer: ["kimlik", "tckn", "tc"],
    ZaIdNumberRecognizer: ["id", "identity", "rsa"],
}


def _national_numbers() -> list[EntityRecognizer]:
    """The recognizers of `_NATIONAL_NUMBERS`, read in English text whatever language Presidio declares them for."""
    recognizers: list[EntityRecognizer] = []
    for recognizer, digits in _NATIONAL_NUMBERS:
        checked = type(recognizer.__name__, (_CheckedNotCertain, prefiltered(recognizer, digits)), {})
        context = _NATIONAL_CONTEXT.get(recognizer)
        recognizers.append(checked(supported_language="en", **({"context": context} if context else {})))
    return recognizers


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, loading an installed model package only (Presidio's own `load` downloads a
    missing model), and running its named-entity recognizer alone, only on the sentences where it can change
    the answer (ner_scope.py); every text is tokenized whole.

    No recognizer reads the parser, the tagger or part-of-speech tags; their one reader is Presidio's context
    enhancer, through lemmas. The recognizer in en_core_web_sm has a token-to-vector layer of its own, so
    dropping the shared tok2vec, tagger, attribute ruler and lemmatizer halves spaCy's time per text. The
    context enhancer matches its words as substrings of the lemmas, so the lower-cased token serves it as well:
    "diagnosed" still holds "diagnose", and "born" now supports a birth date (its lemma was "bear").
    """

    #: The en_core_web_sm components nothing reads (senter is disabled in the package anyway).
    UNUSED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]

    def load(self) -> None:
        self._pipelines: dict[str, Language] = {
            model["lang_code"]: spacy.load(model["model_name"], exclude=self.UNUSED) for model in self.models
        }
        self.nlp = self._pipelines  # type: ignore[assignment]  # Presidio's __init__ leaves it typed as None

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return next(self.process_batch([text], language))[1]

    def process_batch(
        self, texts: Iterable[Any], language: str, batch_size: int = 1, n_process: int = 1, as_tuples: bool = False, **kwargs: Any
    ) -> Generator[tuple[str, NlpArtifacts], Any, None]:
        """(text, artifacts) for each text, as Presidio's batch but with the entity recognizer run on the
        ranges ner_ranges gives, in batches of `batch_size`, and its entities placed back in the whole text."""
        if as_tuples:
            raise ValueError("texts with context (as_tuples) are not read here; the detector passes plain texts")
        nlp = self._pipelines[language]
        texts = [str(text) for text in texts]
        docs = [nlp.make_doc(text) for text in texts]
        ranges = [(index, start, end) for index, text in enumerate(texts) for start, end in ner_ranges(text)]
        found: list[list] = [[] for _ in texts]
        # A range that is the whole text is read on its tokenized Doc, not tokenized again.
        whole = (docs[index] if (start, end) == (0, len(texts[index])) else texts[index][start:end] for index, start, end in ranges)
        pieces = nlp.pipe(whole, batch_size=batch_size)
        for (index, start, _end), piece in zip(ranges, pieces):
            found[index].extend(
                docs[index].char_span(start + ent.start_char, start + ent.end_char, label=ent.label, alignment_mode="expand")
                for ent in filter(None, map(_without_record_labels, piece.ents))
            )
        for text, doc, entities in zip(texts, docs, found):
            doc.ents = filter_spans(entities)
            yield text, self._doc_to_nlp_artifact(doc, language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


def _without_record_labels(entity: Span) -> Span | None:
    """An entity without the record labels in capitals at its edges ("LEE MIN-JI MED" in "NAME LEE MIN-JI MED REC",
    "JOHN DOB") and without a number at the edge of a longer span ("Niamh Gallagher +353"): the model runs a
    banner's name into the next label or number, and a span with digits is no name to the filters. None when
    nothing else is left."""

    def is_label(token: Token) -> bool:
        return token.text.strip(":,.#") in RECORD_LABEL_WORDS

    def is_number(token: Token) -> bool:
        return not any(ch.isalpha() for ch in token.text)

    start, end = entity.start, entity.end
    while start < end and is_label(entity.doc[start]):
        start += 1
    while end > start and is_label(entity.doc[end - 1]):
        end -= 1
    # a number at the edge of two words or more ("Niamh Gallagher +353"); "Cr 1.6" stays whole, for the filters
    while end - start > 2 and is_number(entity.doc[end - 1]):
        end -= 1
    while end - start > 2 and is_number(entity.doc[start]):
        start += 1
    if (start, end) == (entity.start, entity.end):
        return entity
    return Span(entity.doc, start, end, label=entity.label) if start < end else None


class DeclaredContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer, handed only the results of recognizers that declare context words.

    It deep-copies every result it is given before skipping those whose recognizer has no context (health
    terms, spaCy's names and places, most of a post's results); the others pass through unchanged.
    """

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        declared = {recognizer.id for recognizer in recognizers if recognizer.context}
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        enhanced = [r for r in raw_results if (r.recognition_metadata or {}).get(key) in declared]
        unchanged = [r for r in raw_results if (r.recognition_metadata or {}).get(key) not in declared]
        return super().enhance_using_context(text, enhanced, nlp_artifacts, recognizers, context) + unchanged

    @staticmethod
    def _find_index_of_match_token(word: str, start: int, tokens, tokens_indices: list[int]) -> int:
        """The first token that ends after `start`, found by bisection: Presidio walks the tokens from the
        first for every result, which made a long text's context quadratic."""
        index = bisect.bisect_right(tokens_indices, start) - 1
        if index < 0 or start >= tokens_indices[index] + len(tokens[index]):
            index += 1
        if index >= len(tokens_indices):
            raise ValueError(f"Did not find word {word!r} in the list of tokens although it is expected to be found")
        return index


class OnePassAnalyzerEngine(AnalyzerEngine):
    """Presidio's analyzer with its results grouped by recognizer in one pass before the context enhancer.

    Presidio filters a text's results twice for every recognizer (about 50 here, so 100 passes over the results of
    every text, and a recognizer id built for each result each time: 3 % of the scan's time) only to hand each
    recognizer its own results for an enhancement of its own, which no recognizer here has; a recognizer that does
    still gets its own results and the others'. The results keep Presidio's order: by recognizer, then as found.
    """

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        by_recognizer: dict[str, list[RecognizerResult]] = defaultdict(list)
        for result in raw_results:
            by_recognizer[result.recognition_metadata[key]].append(result)
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            identifier = recognizer.id
            own = by_recognizer.get(identifier, [])
            if type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context:
                others = [r for r in raw_results if r.recognition_metadata[key] != identifier]
                own = recognizer.enhance_using_context(text, own, others, nlp_artifacts, context)
            results.extend(own)
        return self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=results, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=context
        )


#: spaCy labels with no Safe Harbor meaning; dropping them in the engine keeps Presidio from warning about them.
_IGNORED_NER_LABELS = [
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "MONEY",
    "PERCENT",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "NORP",
    "TIME",
]


def build_analyzer(spacy_model: str = DEFAULT_SPACY_MODEL) -> AnalyzerEngine:
    """An AnalyzerEngine on `spacy_model` with Presidio's US recognizers and phi-audit's own."""
    nlp_engine = OfflineSpacyNlpEngine(
        models=[{"lang_code": "en", "model_name": spacy_model}],
        ner_model_configuration=NerModelConfiguration(labels_to_ignore=_IGNORED_NER_LABELS),
    )
    nlp_engine.load()
    registry = RecognizerRegistry(
        recognizers=[*_presidio_recognizers(), *custom_recognizers(), *health_recognizers()], supported_languages=["en"]
    )
    registry.add_recognizer(CaseRestoredNerRecognizer(nlp_engine))  # reads the engine's own spaCy model
    return OnePassAnalyzerEngine(
        nlp_engine=nlp_engine, registry=registry, supported_languages=["en"], context_aware_enhancer=DeclaredContextEnhancer()
    )
