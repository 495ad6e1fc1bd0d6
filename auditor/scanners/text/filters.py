"""False-positive filters, kept apart from the recognizers in the manner of detect-secrets' filters:
each takes the text and one result and says whether the result is noise. The text scanner calls
`drop_false_positives` after `analyzer.analyze` and before thresholds and overlap resolution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex
from presidio_analyzer import RecognizerResult

from auditor.scanners.text.recognizers._lexicon import is_common, is_foreign_common, is_given, is_surname
from auditor.scanners.text.recognizers._patterns import CREDENTIALS, FAMILY_TITLES, nearest_label
from auditor.scanners.text.recognizers._places import is_known_town, us_towns
from auditor.scanners.text.recognizers._places import is_state_or_country as is_larger_than_a_town
from auditor.scanners.text.recognizers.cased_name import SURNAME_TITLES
from auditor.scanners.text.recognizers.county import ADJECTIVES_ALONE, DETERMINERS
from auditor.scanners.text.recognizers.facility import holds_facility_word
from auditor.scanners.text.recognizers.given_name import chat_speakers

Filter = Callable[[str, RecognizerResult, list[RecognizerResult]], bool]

_REFERENCE_LABELS = regex.compile(
    r"\b(order|tracking|confirmation|invoice|receipt|reference|ref|ticket|shipment|package|po|case|ssn|social|npi|account|acct|card|passport|itin|member|routing"
    r"|phone|home|cell|mobile|tel|fax|work|office|contact)\b",
    regex.IGNORECASE,
)
_REFERENCE_WORDS = {
    "order",
    "tracking",
    "confirmation",
    "invoice",
    "receipt",
    "reference",
    "ref",
    "ticket",
    "shipment",
    "package",
    "po",
    "case",
}
_BARE_NUMBER_ENTITIES = {"US_SSN", "US_BANK_NUMBER", "US_PASSPORT", "US_ITIN", "US_NPI", "CREDIT_CARD", "US_DRIVER_LICENSE", "PHONE_NUMBER"}

#: Imaging, tests, units and software that spaCy's small model tags as people or places.
_NOT_A_NAME = frozenset(
    word.casefold()
    for word in (
        "CT",
        "PET",
        "MRI",
        "EKG",
        "ECG",
        "EEG",
        "EMG",
        "ICU",
        "NICU",
        "ER",
        "ED",
        "OR",
        "IV",
        "PICC",
        "MS",
        "ALS",
        "COPD",
        "ADHD",
        "PTSD",
        "OCD",
        "IBS",
        "IBD",
        "GERD",
        "UTI",
        "HIV",
        "AIDS",
        "CBD",
        "THC",
        "TMJ",
        "POTS",
        "Word",
        "MS Word",
        "Excel",
        "Tylenol",
        "Advil",
        "Covid",
        "COVID-19",
        "Lyme",
        "Crohn",
        "Parkinson",
        "Alzheimer",
        "Hashimoto",
        "Graves",
        "Addison",
        "Cushing",
        "Tourette",
        "Asperger",
        "Botox",
        "Xanax",
        "Zoloft",
    )
)
_NPI_CONTEXT = regex.compile(r"\b(npi|provider)\b", regex.IGNORECASE)
_NER = ("PERSON", "LOCATION")
#: Recognizers that guess from the words alone (the NER model, the given-name gazetteer): they give way
#: to what a pattern or health recognizer reads on the same words.
_GUESSERS = frozenset({"SpacyRecognizer", "GivenNameRecognizer", "InitialNameRecognizer", "CaseRestoredNerRecognizer"})
_MODELS = frozenset({"SpacyRecognizer", "CaseRestoredNerRecognizer"})
#: Family words, clinical shorthand and abbreviated weekdays spaCy reads as a person: "Dad turned 95", "neuro
#: ordered an MRI", "Tues 3/4".
_NOT_A_PERSON = frozenset(
    [
        "mom",
        "mum",
        "dad",
        "grandma",
        "grandpa",
        "granny",
        "nana",
        "papa",
        "mother",
        "father",
        "grandmother",
        "grandfather",
        "sis",
        "bro",
        "hubby",
        "wifey",
        "neuro",
        "endo",
        "rheum",
        "derm",
        "onc",
        "cardio",
        "gyn",
        "obgyn",
        "ortho",
        "psych",
        "pcp",
        "gp",
        "doc",
        "meds",
        "dr",
        "mr",
        "mrs",
        "ms",
        "nurse",
        "doctor",
        "tel",
        "ph",
        "fax",
        "cell",
        "attn",
        "dx",
        "rx",
        "hx",
        "sx",
        "tx",
        "pmh",
        "hpi",
        # abbreviated weekdays before a date: "MRI done Tues 3/4"
        "tues",
        "weds",
        "thur",
        "thurs",
    ]
)
#: An insurer is no place: "Cigna member id …", "INSURANCE: Cigna".
_INSURER_BEFORE = regex.compile(r"\b(?:insurance|insurer|carrier|payer|plan)\s*:\s*$", regex.IGNORECASE)
_INSURER_AFTER = regex.compile(r"\s*(?:member|subscriber|policy|insurance|plan|id\b)", regex.IGNORECASE)
#: Public health and government information sites: a link to them names nobody.
_PUBLIC_HOST = regex.compile(r"^(?:[a-z]+://)?(?:[\w-]+\.)*[\w-]+\.(?:gov|mil)(?:\.[a-z]{2})?(?:[/:?#]|$)", regex.IGNORECASE)
#: Hosts of video visits and calls, whose link names one meeting.
_MEETING_LINK = regex.compile(
    r"(?i)\b(?:meet\.google\.com|(?:[\w-]+\.)?zoom\.us/(?:j|my)/|teams\.microsoft\.com/l/meetup|doxy\.me/|webex\.com/(?:meet|join))"
)
_RESOURCE_LABEL = regex.compile(
    r"\b(resources?|info(?:rmation)?|source|learn\s+more|read\s+more|guidelines?|hotline|helpline)\b\s*:?\s*$", regex.IGNORECASE
)


def is_reference_number(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """A bare number whose nearest label is "order", "tracking", "confirmation" and the like: an order
    number is not an SSN, a bank account or a passport."""
    return result.entity_type in _BARE_NUMBER_ENTITIES and nearest_label(text, result.start, _REFERENCE_LABELS) in _REFERENCE_WORDS


def is_state_or_country(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """Safe Harbor's geographic identifier is a subdivision smaller than a state: "Texas", "the US", a
    country ("Finland", "New Zealand") and a postal abbreviation ("LA", "MS", "CT", the "MD" after a doctor's
    name) are not one."""
    if result.entity_type != "LOCATION":
        return False
    value = text[result.start : result.end].strip(" .,")
    return is_larger_than_a_town(value) or value in CREDENTIALS


def is_ner_guess_overlapping_another_finding(text: str, result: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """spaCy's PERSON or LOCATION overlapping what a pattern or health recognizer read as something else:
    "Took my Mounjaro" is a medication, "Tel +1 971" a phone number, "Eugene" in "Eugene, OR" a city,
    "Dakota" after "daughter" a name. The same holds for a first name from the gazetteer: "Addison's
    disease" is a condition."""
    if _recognizer(result) not in _GUESSERS:
        return False
    return any(
        _recognizer(r) not in _GUESSERS
        and r.entity_type != result.entity_type
        and r.start < result.end
        and result.start < r.end
        and r.score >= 0.4
        for r in results
    )


def is_not_a_person(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """spaCy's PERSON (on the text or its case-restored copy) on what cannot be a name: a hashtag ("#spoonie"), a code with digits ("B12",
    "PLM9613"), a record heading ("PMH:", "PATIENT:"), a short all-caps abbreviation (but a town's: "NYC"), one lower-case word
    amid capitalised prose (or several, none a title, a given name or a surname), a family word ("Dad", "Grandpa") or clinical shorthand ("neuro")."""
    if result.entity_type not in _NER or _recognizer(result) not in ("SpacyRecognizer", "CaseRestoredNerRecognizer"):
        return False
    value = text[result.start : result.end].strip(" .,'")
    if text[max(0, result.start - 1) : result.start] == "#" or regex.search(r"\d", value):
        return True
    words = value.split()
    heading = text[result.end : result.end + 1] == ":" and _is_heading(value) and result.start not in chat_speakers(text)
    if len(words) == 1 and (heading or (value.isupper() and len(value) <= 4)):
        return not (result.entity_type == "LOCATION" and value.casefold() in us_towns())  # "in NYC"
    if (
        result.entity_type == "PERSON"
        and value.islower()
        and regex.search(r"\p{Lu}", text[max(0, result.start - 60) : result.start])
        and (len(words) == 1 or not any(is_given(w) or is_surname(w) or w.rstrip(".") in SURNAME_TITLES for w in words))
    ):
        return True  # lower-case words amid capitalised prose ("driver's license", Spanish "ya hablé") are no name
    return result.entity_type == "PERSON" and all(w.strip(".,'").casefold().removesuffix("'s") in _NOT_A_PERSON for w in words)


def _is_heading(value: str) -> bool:
    """Whether a word before ":" is a record heading ("PMH:", "Assessment:", "Allergies:") rather than a name before
    what that person said ("my sister Thuy: ...", "Russell: you need to..."): a heading is in capitals, or a word
    that is no known first name or surname, or an everyday one, unless it speaks in a chat ("Hunter: …\nDawn: …")."""
    return value.isupper() or not (is_given(value) or is_surname(value)) or is_common(value)


def is_not_a_place(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """spaCy's LOCATION on an insurer ("INSURANCE: Cigna", "Cigna member id"), on a kind of place after a
    determiner ("Each County", "Our City"), or on one lower-case word that is no known town ("dx'd", a lower-case
    first name)."""
    if result.entity_type != "LOCATION" or _recognizer(result) != "SpacyRecognizer":
        return False
    value = text[result.start : result.end]
    if _INSURER_BEFORE.search(text, max(0, result.start - 30), result.start) or _INSURER_AFTER.match(text, result.end):
        return True
    if _UNNAMED_PLACE.fullmatch(value.strip(" .,")):
        return True
    return value.islower() and " " not in value.strip() and value.strip(" .,'").casefold() not in us_towns()


#: A kind of place after a determiner, which names none: "Each County", "our city", "The Borough"; a county after
#: an adjective alone or a past tense names none either ("Wrong County", "Needed County assistance").
_UNNAMED_PLACE = regex.compile(
    rf"(?i:{'|'.join(sorted(DETERMINERS))})[ \t]+(?i:county|parish|borough|city|town|village|state|district|region|province|area)"
    rf"|(?i:{'|'.join(sorted(ADJECTIVES_ALONE))})[ \t]+(?i:county|parish|borough)"
    r"|\p{Lu}\p{Ll}{2,}ed[ \t]+(?i:county|parish|borough)"  # a past tense that opens a sentence: "Needed County"
)


def is_place_guess_on_a_given_name(text: str, result: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """spaCy's LOCATION on a known first name and its surname that is no known town: the small model calls
    "Sofia Adeyemi" and "Chidi Fitzgerald" places."""
    if result.entity_type != "LOCATION" or _recognizer(result) != "SpacyRecognizer":
        return False
    if text[result.start : result.end].strip(" .,'").casefold() in us_towns():
        return False
    return any(_recognizer(r) == "GivenNameRecognizer" and r.start < result.end and result.start < r.end for r in results)


_VOCABULARY_WORD = regex.compile(r"[\p{L}][\p{L}'’]*")
_NAME_CUE_BEFORE = regex.compile(r"\b(?:name|patient|pt|dr|mr|mrs|ms|miss)\b\.?\s*[:#-]?\s*$", regex.IGNORECASE)


#: A preposition that puts a place after it: "in", "to", "from", "near".
_PLACE_PREPOSITION = regex.compile(
    r"(?i:in|into|to|from|at|near|via|outside|around|of|visiting|visited|beautiful|sunny)[ \t]+(?:(?i:the|beautiful|sunny)[ \t]+)?$"
)
#: A country or a state after a place: "Split, Croatia", "Sale, Victoria".
_REGION_AFTER = regex.compile(r",[ \t]*(?P<region>\p{Lu}[\p{L}]+(?:[ \t]\p{Lu}[\p{L}]+)?)")


def is_vocabulary_guess(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """spaCy's PERSON or LOCATION on ALL-CAPS or lower-case words that are all everyday words or clinical
    shorthand ("VQ SCAN- NEG", "ABD SOFT", "FOLEY DRAINING", "WANTS", an emoji), and its Title-case PERSON on
    everyday words alone ("Discharge Summary"): the small model reads capitals as names. A known given name or a
    rare surname among the words keeps the guess; a name that a cue confirms comes from the cased-name
    recognizer, not from here."""
    if result.entity_type not in _NER or _recognizer(result) != "SpacyRecognizer":
        return False
    value = text[result.start : result.end]
    words = _VOCABULARY_WORD.findall(value)
    if not words:
        return True
    if value.strip(" .,").casefold() in us_towns():
        return False  # a known town ("cedar rapids"): the model's own reading stands
    if _NAME_CUE_BEFORE.search(text, max(0, result.start - 12), result.start):
        return False  # "name: wei patel", "DR FOLEY"
    if any(w[0].isupper() and not w.isupper() for w in words) and not _field_and_result(words):
        # Title case: the model's own reading stands, but on a lab report's "Color Yellow, Protein Neg", and a person
        # made of everyday words alone is a heading or a specimen ("Discharge Summary", "Urine", "Team Physician")
        if result.entity_type == "LOCATION":
            # one everyday word that is no town the gazetteers know: "Fourth", "Nurse", "Notary", a table's "Patient"
            alone = len(words) == 1 and is_common(words[0]) and not is_known_town(words[0]) and not is_given(words[0])
            if not alone or _PLACE_PREPOSITION.search(text, max(0, result.start - 20), result.start):
                return False  # "flew to Nice", "in beautiful Nice"
            region = _REGION_AFTER.match(text, result.end)
            return not (region and is_larger_than_a_town(region.group("region")))  # "Split, Croatia"
        return _everyday_words_alone(words)
    if len(words) > 1 and words[0].casefold() in SURNAME_TITLES and any(is_surname(w, ("rare", "word")) for w in words[1:]):
        return False  # "DR PATEL": the commonest surnames are everyday words too, and the title is in the span
    return not any(is_given(w) or is_surname(w) for w in words) and all(
        len(w) <= 3 or is_common(w) or w.casefold().endswith(("ed", "ing")) for w in words
    )


def is_foreign_word_guess(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """spaCy's PERSON or LOCATION on everyday words of another language, which the English model reads as names
    when capitalised ("Buenas tardes", "Estimada familia", "recordarle su cita"): none of the words a given name,
    a surname or a town, each a frequent Spanish, French, German, Portuguese or Italian word that English lacks, or
    a lower-case English one."""
    if result.entity_type not in _NER or _recognizer(result) not in _MODELS:
        return False
    value = text[result.start : result.end]
    words = _VOCABULARY_WORD.findall(value)
    if not words or is_known_town(value.strip(" .,")) or _NAME_CUE_BEFORE.search(text, max(0, result.start - 12), result.start):
        return False
    if any(is_given(w) or is_surname(w, ("rare", "word")) for w in words):
        return False
    foreign = [is_foreign_common(w) and not is_common(w) for w in words]  # "area", "green": English too, no evidence
    # a capitalised English word may be a name ("Nonna Pia"): only lower-case ones are words here
    return any(foreign) and all(f or (is_common(w) and w.islower()) for f, w in zip(foreign, words))


#: What an eponym names: "Apgar score", "Atkins diet", "Rinne test", "Foley bulb", "Montreal classification".
_EPONYM_AFTER = regex.compile(
    r"(?:['’]s)?[ \t]+(?:score|scale|diet|test|testing|sign|stage|staging|classification|criteria|index|maneuver|manoeuvre"
    r"|reflex|bulb|catheter|procedure|syndrome|law|rules?|equation|formula|position|incision|fracture|method|midline"
    r"|protocol|level|discriminator|triage|disease|phenomenon|palsy|ulcer|tumou?r|lymphoma|sarcoma)\b",
    regex.IGNORECASE,
)
#: Diseases named after a physician, which a post writes with the possessive alone ("Hannah has Raynaud's", "Graves'
#: disease", "Parkinson's, Huntington's and Sjögren's are named after physicians").
_DISEASE_EPONYMS = frozenset(
    [
        "addison",
        "alzheimer",
        "asperger",
        "behcet",
        "behçet",
        "bell",
        "burkitt",
        "crohn",
        "cushing",
        "dupuytren",
        "ewing",
        "graves",
        "hashimoto",
        "hodgkin",
        "huntington",
        "kaposi",
        "kawasaki",
        "marfan",
        "meniere",
        "ménière",
        "osgood",
        "paget",
        "parkinson",
        "peyronie",
        "raynaud",
        "sjogren",
        "sjögren",
        "tourette",
        "wilms",
    ]
)
_POSSESSIVE_AFTER = regex.compile(r"['’]s?(?![\p{L}])")
#: What an eponym names and a person's name never goes on with, even a given name's: "Tanner stage 3", "Braden score
#: 13", "Bruce protocol" ("told Anna test results" is Anna's).
_STRICT_EPONYM_AFTER = regex.compile(
    r"[ \t]+(?:stage|staging|score|scale|protocol|classification|criteria|maneuver|manoeuvre)\b", regex.IGNORECASE
)
_GIVEN_NAME_GUESSERS = frozenset({*_MODELS, "GivenNameRecognizer"})


def is_eponym(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """The model's name or place that names a test, a score, a device or a disease after a person: "Apgar score",
    "Rinne test", "Foley bulb", "ottawa rules", "Bruce protocol", "Clark level", "has Raynaud's". A known given name keeps the guess ("told Anna test results are fine"), and so does
    a surname with its possessive ("Kowalski's test was positive": whose test, not which)."""
    if result.entity_type not in _NER or _recognizer(result) not in _GIVEN_NAME_GUESSERS:
        return False
    words = text[result.start : result.end].split()
    if len(words) == 1 and _STRICT_EPONYM_AFTER.match(text, result.end):
        return True
    if _recognizer(result) not in _MODELS:
        return False
    if len(words) == 1 and words[0].casefold() in _DISEASE_EPONYMS and _POSSESSIVE_AFTER.match(text, result.end):
        return True
    after = _EPONYM_AFTER.match(text, result.end)
    if after is None or len(words) > 2 or is_given(words[0]):
        return False
    return not (after.group().startswith(("'", "’")) and is_surname(words[-1]))


#: The results a lab report gives a field, after the field's name ("Color Yellow", "Protein Neg", "Nitrite Negative").
_LAB_RESULT = frozenset(
    {"neg", "negative", "pos", "positive", "trace", "normal", "abnormal", "yellow", "straw", "clear", "cloudy", "hazy", "turbid"}
    | {"none", "moderate", "present", "absent", "nonreactive", "reactive", "detected", "wnl"}
)  # no colour that is a common surname too ("Will Brown", "Ann Gray")


def _everyday_words_alone(words: list[str]) -> bool:
    """Whether every word of a span is an everyday word (or an initial), none a given name or a rare surname, and
    one at least no surname at all ("Breast Surgeon"; "Hope Wells" is two surnames that are words too); a family
    title or an honorific first says a name follows ("Aunt Bea")."""
    if words[0].casefold().rstrip(".") in _NAME_TITLES:
        return False
    return (
        not any(is_given(w) or is_surname(w) for w in words)
        and all(len(w) == 1 or is_common(w) for w in words)
        and any(len(w) > 1 and not is_surname(w, ("rare", "word")) for w in words)
    )


_NAME_TITLES = frozenset({title.casefold() for title in FAMILY_TITLES} | {title.casefold() for title in SURNAME_TITLES})


def _field_and_result(words: list[str]) -> bool:
    """Whether a Title-case span is a lab field and its result: two words, the second a result word, the first an
    everyday or clinical word that is no first name."""
    return len(words) == 2 and words[1].casefold() in _LAB_RESULT and not is_given(words[0]) and (is_common(words[0]) or len(words[0]) <= 3)


def is_public_information_link(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """A link to a government site (.gov, .mil) or one offered as a "resource"/"info" names nobody; a video visit's
    link does, whatever its label."""
    if result.entity_type != "URL":
        return False
    value = text[result.start : result.end]
    if _MEETING_LINK.search(value):
        return False  # a video visit's own link ("Joining info: https://meet.google.com/qkw-rrzx-tpa") joins one person's call
    return _PUBLIC_HOST.match(value) is not None or _RESOURCE_LABEL.search(text, max(0, result.start - 40), result.start) is not None


#: A product's model code after its brand: "Phonak Audéo L90", "Ray-Ban RB5154", "Tecnis ZCB00".
_MODEL_CODE_AFTER = regex.compile(r"[ \t]+(?-i:[A-Z]{1,4})-?\d{1,5}(?-i:[A-Z]{0,2})(?![\p{L}\p{N}/.-])")


def is_brand_before_its_model(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """spaCy's PERSON on a brand and a product's name right before its model code ("Phonak Audéo L90", "Ray-Ban
    RB5154"): a device, not a person, unless a word of it is a known given name ("Walter Pruitt L90" stays)."""
    if result.entity_type != "PERSON" or _recognizer(result) not in _MODELS:
        return False
    if _MODEL_CODE_AFTER.match(text, result.end) is None:
        return False
    return not any(is_given(w) for w in _VOCABULARY_WORD.findall(text[result.start : result.end]))


#: An e-mail header's line that holds message identifiers, not mailboxes: "Message-ID: <…@mail.gmail.com>".
_MESSAGE_ID_LINE = regex.compile(r"(?i)[ \t]*(?:message-id|in-reply-to|references)[ \t]*:")
#: A relay's line, whose hosts after "from" and "by" are mail servers: "Received: from mx2.example-health.org by …".
_RELAY_HOST_BEFORE = regex.compile(r"(?i)^[ \t]*received:.*\b(?:from|by)[ \t]+\(?$")
#: A JSON key whose value is a code system's or an assigning authority's URL: '"system": "http://loinc.org"'.
_SYSTEM_KEY = regex.compile(r'"(?:system|codeSystem|valueSet)"\s*:\s*"$')
#: Public hotlines that name an organisation, not a person (their last ten digits, or three): Poison Control, the
#: 988 lifeline and its old number, 1-800-MEDICARE, 1-800-4-CANCER, the CDC's, SAMHSA's.
_PUBLIC_HOTLINES = frozenset(["8002221222", "988", "8002738255", "8006334227", "8004226237", "8002324636", "8006624357"])


def is_machine_or_public_value(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """A message's identifier in angle brackets on a Message-ID, In-Reply-To or References line, a relay's host on a
    Received: line, a code system's URL in a FHIR resource, or a public hotline's number: none of them names the
    person the text is about (a mailbox on those lines, "for <maria@…>", still does)."""
    if result.entity_type in ("EMAIL_ADDRESS", "URL"):
        line_start = text.rfind("\n", 0, result.start) + 1
        if result.entity_type == "EMAIL_ADDRESS":
            bracketed = text[result.start - 1 : result.start] == "<" and text[result.end : result.end + 1] == ">"
            return bracketed and _MESSAGE_ID_LINE.match(text, line_start) is not None
        start = result.start + (text[result.start : result.start + 1] == '"')
        if _MESSAGE_ID_LINE.match(text, line_start):
            return True  # the host part of a message's identifier
        return (
            _RELAY_HOST_BEFORE.search(text[line_start:start]) is not None or _SYSTEM_KEY.search(text, max(0, start - 30), start) is not None
        )
    if result.entity_type not in ("PHONE_NUMBER", "FAX_NUMBER", "HEALTH_PLAN_ID"):
        return False
    digits = regex.sub(r"\D", "", text[result.start : result.end])
    return (digits[-10:] if len(digits) >= 10 else digits) in _PUBLIC_HOTLINES


#: What makes a bare host a link: a scheme, "www.", a path, or one of the top-level domains people link to.
_LINK_EVIDENCE = regex.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)|/|\.(?:com|org|net|edu|gov|io|co|us|info|health|care|me|ly|app|uk|ca|de)(?:[/:?#]|$)",
    regex.IGNORECASE,
)


def is_bare_word_pair(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """A "domain" that is two words run together by a full stop: no scheme, "www.", path or common top-level
    domain ("x3.am", "DNR.SE"), or written in capitals ("FIRST.ST"): notes are full of them."""
    if result.entity_type != "URL":
        return False
    value = text[result.start : result.end]
    return _LINK_EVIDENCE.search(value) is None or (value.isupper() and "/" not in value and "://" not in value)


def _recognizer(result: RecognizerResult) -> str | None:
    return (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY)


def is_model_read(result: RecognizerResult) -> bool:
    """Read by spaCy's entity recognizer (on the text or its case-restored copy), whose span edges are loose:
    "Nurse Jackie", "JOHN DOB". A gazetteer's or a pattern's edges are the words it matched."""
    return _recognizer(result) in _MODELS


def is_medical_term(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """ "CT", "PET", "MS Word", "Tylenol" tagged as a person or place by the small NER model."""
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
    return _recognizer(result) in _GUESSERS and any(
        r.entity_type not in ("PERSON", "LOCATION") and r.start <= result.start and result.end <= r.end and r.score >= 0.4 for r in results
    )


def is_facility_read_as_a_name(text: str, result: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """A name on the words of a facility read by its facility word: "Provider: ALLINA HEALTH" is no person, nor is
    "Provider: MERCY HOSPITAL JEFFERSON" when the facility read is "MERCY HOSPITAL" (the word is in both)."""
    return result.entity_type == "PERSON" and any(
        r.entity_type == "FACILITY"
        and r.start < result.end
        and result.start < r.end
        and holds_facility_word(text[max(r.start, result.start) : min(r.end, result.end)])
        for r in results
    )


def is_name_across_record_fields(text: str, result: RecognizerResult, results: list[RecognizerResult]) -> bool:
    """A name read across a record's fields that hold a town, a ZIP code or a street: HL7's "SALEM^MA" and X12's
    "TUCSON*AZ" are a city and its state, not LAST^FIRST."""
    return result.entity_type == "PERSON" and any(
        _recognizer(r) == "RecordFieldRecognizer"
        and r.entity_type in ("LOCATION", "ZIP_CODE", "STREET_ADDRESS")
        and result.start <= r.start
        and r.end <= result.end
        for r in results
    )


#: Coding systems an HL7 coded element ends with: "2345-7^GLUCOSE^LN", "CBC^COMPLETE BLOOD COUNT^L".
_CODED_ELEMENT_END = regex.compile(
    r"(?:[^|^\n]*\^)?(?:LN|L|SCT|SNM|SNM3|I9|I9C|I9CM|I10|I10C|ICD9|ICD10|CPT|C4|HCPCS|RXNORM|NDC|HL7\d*|99\w*)(?=[|^\n]|$)"
)
#: HL7 segments that hold people's names: patient, next of kin, guarantor, insured, visit (its doctors).
_PEOPLE_SEGMENT = regex.compile(r"[ \t]*(?:PID|PD1|NK1|GT1|IN1|IN2|PV1|MRG)\|")
_ISO_DATE_START = regex.compile(r"(?:1[89]|20)\d\d-[01]\d-[0-3]\d")


def is_coded_element_read_as_a_name(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """A test or diagnosis of an HL7 coded element read as LAST^FIRST: "2345-7^GLUCOSE^LN" names a test; never in a
    segment of people, where a trailing "L" is a middle initial or the legal-name code ("PID|…|DOE^JANE^L|")."""
    if result.entity_type != "PERSON" or "^" not in text[result.start : result.end]:
        return False
    line_start = max(text.rfind("\n", 0, result.start), text.rfind("\r", 0, result.start)) + 1
    if _PEOPLE_SEGMENT.match(text, line_start):
        return False
    value = text[result.start : result.end]
    last = value.rsplit("^", 1)[1]
    return _CODED_ELEMENT_END.fullmatch(last) is not None or _CODED_ELEMENT_END.match(text, result.end) is not None


def is_timestamp_read_as_a_phone(text: str, result: RecognizerResult, _: list[RecognizerResult]) -> bool:
    """A phone number that begins with a date: "2026-05-02 13:22" is a timestamp."""
    return result.entity_type in ("PHONE_NUMBER", "FAX_NUMBER") and _ISO_DATE_START.match(text, result.start) is not None


FILTERS: tuple[Filter, ...] = (
    is_reference_number,
    is_state_or_country,
    is_medical_term,
    is_unlabelled_npi_phone,
    is_ner_guess_inside_a_pattern,
    is_ner_guess_overlapping_another_finding,
    is_facility_read_as_a_name,
    is_name_across_record_fields,
    is_coded_element_read_as_a_name,
    is_timestamp_read_as_a_phone,
    is_not_a_person,
    is_not_a_place,
    is_vocabulary_guess,
    is_foreign_word_guess,
    is_eponym,
    is_place_guess_on_a_given_name,
    is_public_information_link,
    is_machine_or_public_value,
    is_brand_before_its_model,
    is_bare_word_pair,
)


#: A word that ends a model's name on its right: a record's label in capitals (not one that is a surname too: "WARD")
#: or anything with a digit ("Paul Marchetti ID ZGW882014576", "Nguyen, Thao DOB 09/09/1995").
_ENDS_A_NAME = regex.compile(
    r"(?<![\p{L}\p{N}])(?:(?-i:ID|DOB|MRN|DOS|DOD|SSN|ACCT|NPI|DEA|CSN|FIN|ENC|PHONE|SEX|AGE|Acct|Phone)(?![\p{L}\p{N}])|[\p{L}#-]*\d)"
)


#: What is left of a name once cut: words of letters, with the commas, points, apostrophes and hyphens of names.
_NAME_SHAPE = regex.compile(r"\p{L}[\p{L}'’.-]*(?:,?[ \t]+\p{L}[\p{L}'’.-]*){0,4}")


def trim_model_names(text: str, results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """A name or place cut at a table's cell boundary (a tab; a pattern's dropped when everyday words are left), and
    spaCy's PERSON before a record label or a number it ran into, when name words come before them: the filters would
    drop the whole span for its digits, and with it the name the model read."""
    trimmed = []
    for result in results:
        tab = text.find("\t", result.start, result.end)
        if tab > result.start and result.entity_type in ("PERSON", "LOCATION", "FACILITY"):
            # a table's cell ends a name or a place ("Mahoney, Sean<TAB>E20417"); a pattern that read a header across
            # cells leaves an everyday word ("Patient<TAB>Address<TAB>City" is no town)
            if result.entity_type == "FACILITY":
                # a facility's name is the cell holding its facility word, its last: "Okafor<TAB>Valley Clinic"
                result = _respanned(result, text.rfind("\t", result.start, result.end) + 1, result.end)
            else:
                if _recognizer(result) not in _MODELS and all(is_common(w) for w in text[result.start : tab].split()):
                    continue
                result = _respanned(result, result.start, tab)
        if result.entity_type == "PERSON" and _recognizer(result) in _MODELS:
            stop = _ENDS_A_NAME.search(text, result.start, result.end)
            end = len(text[result.start : stop.start()].rstrip(" \t,;:")) + result.start if stop else result.end
            if stop and end > result.start and _NAME_SHAPE.fullmatch(text[result.start : end]):
                result = _respanned(result, result.start, end)
        trimmed.append(result)
    return trimmed


def _respanned(result: RecognizerResult, start: int, end: int) -> RecognizerResult:
    """The same result over other characters."""
    return RecognizerResult(result.entity_type, start, end, result.score, result.analysis_explanation, result.recognition_metadata)


def drop_false_positives(text: str, results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """The results no filter calls noise."""
    results = list(results)
    return [r for r in results if not any(f(text, r, results) for f in FILTERS)]
