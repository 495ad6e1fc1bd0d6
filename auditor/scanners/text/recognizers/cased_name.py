"""Names in any case and order, as nurses, patients and OCR write them: "DR KOWALSKI AWARE", "daughter ROSALIND
called", "husband teodor at bedside", "OKAFOR CHIDI", "BRZEZINSKI, ANNA", "OKAFOR*CHIDI" (a DICOM caret read
by OCR as `*`, `"`, `~` or `°`), "KAUR RN".

The Title-case readings are person_name.py's and spaCy's; these run in any case, so they need more evidence
than a capital letter: a cue before the word (a title, a relative or role, a verb such as "seen by" or
"paged"), a surname beside a first name from the gazetteers (SSA given names, US Census surnames), or a
caret-like separator between two words. After a title any word that is no everyday English word is taken
(surnames are unbounded); after a relative, role or verb only a known given name or a rare surname is.
Words may carry OCR's digits for letters ("P4TEL, AN1L"), read back through _lexicon.readings.
"""

from __future__ import annotations

import itertools

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname, readings
from auditor.scanners.text.recognizers._patterns import SpanRecognizer
from auditor.scanners.text.recognizers._places import is_known_town, us_towns
from auditor.scanners.text.recognizers.person_name import is_coded_caret_value

#: A name word in any case, OCR digits allowed inside ("P4TEL"), not part of a code or an address.
NAME_WORD = r"[\p{L}](?:[\p{L}\p{M}'’-]|(?<=\p{L})[0-9](?=[\p{L}0-9]))*[\p{L}]"
TITLES = frozenset(["dr", "mr", "mrs", "ms", "mx", "miss", "prof", "rev", "nurse", "np", "rn", "pa"])
_KIN = frozenset(
    [
        "pt",
        "patient",
        "husband",
        "wife",
        "son",
        "daughter",
        "dtr",
        "mother",
        "mom",
        "mum",
        "father",
        "dad",
        "sister",
        "brother",
        "proxy",
        "hcp",
        "friend",
        "neighbor",
        "neighbour",
        "niece",
        "nephew",
        "grandson",
        "granddaughter",
        "grandma",
        "grandpa",
        "grandmother",
        "grandfather",
        "aunt",
        "uncle",
        "cousin",
        "partner",
        "boyfriend",
        "girlfriend",
        "fiance",
        "fiancee",
        "fiancé",
        "fiancée",
        "pastor",
        "chaplain",
        "caregiver",
        "aide",
    ]
)
#: Endings of a specialist's title, a role cue like those above: "PATHOLOGIST CHEN", "radiologist okafor".
_SPECIALIST_ENDINGS = ("ologist", "iatrist", "surgeon", "physician")
#: Two-word cues by their second word: a newborn's record name, "BABY BOY HARTLEY", "baby girl oyelowo".
_KIN_PAIRS = {"boy": {"baby"}, "girl": {"baby"}}
#: Relatives, whose word after them is a name more often than a role's or "pt"'s is.
_RELATIONS = frozenset(
    ["husband", "wife", "son", "daughter", "dtr", "mother", "father", "sister", "brother", "niece", "nephew", "grandson", "granddaughter"]
    + ["aunt", "uncle", "cousin", "partner", "boyfriend", "girlfriend", "fiance", "fiancee", "fiancé", "fiancée"]
)
#: Titles after which a Census surname that is also an everyday word is still a surname.
SURNAME_TITLES = frozenset(["dr", "mr", "mrs", "prof"])
#: Endings of the describing words a note puts after a relative ("wife tearful", "son supportive").
_DESCRIPTIVE = ("ful", "ive", "ous", "ly", "al", "ic", "able", "ible", "less", "ant", "ent")
_VERBS = frozenset(["called", "paged", "notified", "per", "attending"])
#: Two-word verbs, by their second word: "seen by", "spoke with", "discussed with", "signed by".
_VERB_PAIRS = {"by": {"seen", "signed"}, "with": {"spoke", "discussed", "talked"}, "to": {"spoke", "talked"}}
#: Street types an address puts before its town's comma ("4410 S CONGRESS AVE, AUSTIN TX"): no surname there.
_STREET_TYPES = frozenset(
    ["st", "ave", "rd", "dr", "ln", "ct", "blvd", "way", "pl", "hwy", "pkwy", "cir", "ter", "trl", "sq", "road", "street", "lane", "drive"]
)
#: What may stand between a cue and the name: "dr. x", "daughter, x", "patient: x", and a capital initial,
#: which starts the name: "MR T OKONJO", "dr. j. alvarez".
#: A sentence going on after a word: "Better since we increased it".
_PROSE_AFTER = regex.compile(r"[ \t]+\p{Ll}")
_CUE_GAP = regex.compile(r"\.?[ \t]*[,:]?[ \t]+(\p{Lu}\.?[ \t]+|\p{Ll}\.[ \t]+)?")
_WORD = regex.compile(rf"(?<![\p{{L}}\p{{N}}@#/])({NAME_WORD})(?![\p{{L}}\p{{N}}]|\.\w|@)")
#: LAST^FIRST as OCR reads the caret: "OKAFOR*CHIDI", "WOJCIK~MARTA", "HUANG°MEI", "BELLAMY"ROSE".
_CARET = regex.compile(rf"(?<![\p{{L}}\p{{N}}])({NAME_WORD})[*\"~°^]({NAME_WORD})(?:[*\"~°^](?:{NAME_WORD}|\p{{L}})?)*(?![\p{{L}}\p{{N}}])")
_AFTER_BED = regex.compile(
    r"(?<![\p{L}])(?i:bed|rm|room)[ \t]*#?[ \t]*\d{1,4}[A-Z]?[ \t]*[-:]?[ \t]+(?-i:((?:\p{Lu}\p{Ll}+|\p{Lu}{2,})(?:-\p{Lu}[\p{L}]+)?))(?![\p{L}\p{N}'’])"
)
#: A name before a credential in caps or lower case: "KAUR RN", "NGUYEN NP".
_BEFORE_CREDENTIAL = regex.compile(rf"(?<![\p{{L}}\p{{N}}])({NAME_WORD})(?=[ \t]*,?[ \t]+(?:RN|NP|MD|PA|LPN|rn|np|md)\b)")
#: Words that no cue makes a name: record words, clinical shorthand.
_NOT_NAME = frozenset(
    [
        "pt",
        "pts",
        "patient",
        "aware",
        "called",
        "updated",
        "at",
        "bedside",
        "family",
        "pm",
        "am",
        "md",
        "rn",
        "np",
        "iv",
        "po",
        "prn",
        "npo",
        "dnr",
        "dni",
        "hcp",
        "sob",
        "ok",
        "okay",
        "unable",
        "able",
        "none",
        "denies",
        "states",
        "reports",
        "notified",
        "paged",
        "wants",
        "refused",
        "said",
        "says",
        "told",
        "thinks",
        "thought",
        "asked",
    ]
)
_SCORE = {"bed": 0.6, "title": 0.7, "kin": 0.65, "verb": 0.65, "caret": 0.8, "pair": 0.65, "unlisted": 0.55, "credential": 0.6}


class CasedNameRecognizer(SpanRecognizer):
    """Names after cues, LAST FIRST pairs and caret readings, in any case."""

    ENTITY = "PERSON"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None):
        words = list(_WORD.finditer(text))
        return [
            *_after_cues(text, words),
            *_carets(text),
            *_pairs(text, words),
            *_unlisted_first_names(text, words),
            *_before_credentials(text),
            *_after_beds(text),
        ]


def _plain(word: str) -> str:
    return word.casefold().strip("'’").removesuffix("'s").removesuffix("’s")


def _nameable(word: str) -> bool:
    """Not a function word, record word or clinical shorthand, nor a verb's form ("walking", "called") unless a
    list knows it as a name ("dr henning", "pt ahmed farouk")."""
    key = _plain(word)
    return len(key) > 1 and key not in STOP_WORDS and key not in _NOT_NAME and (not key.endswith(("ed", "ing")) or _known(word))


def _known(word: str) -> bool:
    """A known given name (any trust) or a surname that is no everyday word."""
    return is_given(word) or is_surname(word)


def _cue(words: list, index: int) -> str | None:
    """The kind of cue the word at `index` is (with its predecessor for a two-word verb), or None."""
    key = _plain(words[index].group(1))
    if key in TITLES:
        return "title"
    if key in _KIN or key.endswith(_SPECIALIST_ENDINGS) or (index and _plain(words[index - 1].group(1)) in _KIN_PAIRS.get(key, ())):
        return "kin"
    if key in _VERBS or (index and _plain(words[index - 1].group(1)) in _VERB_PAIRS.get(key, ())):
        return "verb"
    return None


def _confirmed(cue: str, kind: str, word: str) -> bool:
    """Whether the word after a cue of `kind` is a name. After a title any word but an everyday one is, and an
        everyday one that is a Census surname too after dr, mr, mrs or prof ("DR PATEL", "dr cho": the commonest
        surnames are frequent words). After a relative a known given name is, even an everyday one ("SON
        ELLIOT"), and so is a word that no list knows and that does not read as a description ("wife olufunke",
    not "wife tearful"); after "pt", a verb or another role only
        a given name or a rare surname that is no everyday word is."""
    common = is_common(_plain(word))
    if kind == "title":
        return not common or _known(word) or (cue in SURNAME_TITLES and is_surname(word, ("rare", "word")))
    if cue in _RELATIONS:
        key = _plain(word)
        unknown = not (common or is_surname(word, ("word",)) or len(key) < 4 or key.endswith(_DESCRIPTIVE))
        return is_given(word) or is_surname(word) or unknown
    return (is_given(word) or is_surname(word)) and not (common and not is_given(word, ("any", "title")))


def _after_cues(text: str, words: list):
    for index, cue in enumerate(words[:-1]):
        kind = _cue(words, index)
        if kind is None:
            continue
        token = cue.group(1)
        if kind == "title" and token.casefold() in ("np", "rn", "pa") and not (token.isupper() or text.islower()):
            continue
        if kind == "kin" and token.endswith(("'s", "’s")):
            continue  # "wife's oncologist", "son's school": what belongs to the relative, not their name
        first = words[index + 1]
        gap = _CUE_GAP.fullmatch(text, cue.end(1), first.start(1))
        if not gap or not _nameable(first.group(1)):
            continue
        if kind == "title" and "," in gap.group():
            continue  # "212 Oak Hollow Dr, Cary": a street's "Dr", no doctor
        word = first.group(1)
        if (
            kind == "title"
            and ":" in gap.group()
            and is_common(_plain(word))
            and not is_given(word)
            and _PROSE_AFTER.match(text, first.end(1))
        ):
            continue  # a transcript's speaker: "DR: Better since we increased it?"; "DR: Bishop" alone is a name
        if not _confirmed(_plain(token), kind, word):
            continue
        end = first.end(1)
        second = words[index + 2] if index + 2 < len(words) else None
        if (
            second
            and text[end : second.start(1)] == " "
            and _nameable(second.group(1))
            and (
                (_known(second.group(1)) and not is_common(_plain(second.group(1))))
                or (_plain(token) in _RELATIONS and is_surname(second.group(1), ("rare", "word")))
            )
        ):  # a surname that is no everyday word; after a relative any Census surname ("wife diego singh")
            end = second.end(1)
        yield gap.start(1) if gap.group(1) else first.start(1), end, _SCORE[kind], kind


def _carets(text: str):
    for match in _CARET.finditer(text):
        if readings(match.group(1)) and readings(match.group(2)) and not is_coded_caret_value(text, match.start(), match.end()):
            yield match.start(), match.end(), _SCORE["caret"], "caret"


def _pairs(text: str, words: list):
    """A surname and a given name side by side, in either order; in lower case the given name must be one
    trusted in any case. Title-case pairs without a comma are left to spaCy and the given-name gazetteer."""
    for left, right in itertools.pairwise(words):
        a, b, sep = left.group(1), right.group(1), text[left.end(1) : right.start(1)]
        if sep not in (" ", ", ", ",", "\t"):
            continue
        lower = a.islower() and b.islower()
        comma_title = "," in sep and a.istitle() and b.istitle()
        if not (lower or (a.isupper() and b.isupper()) or comma_title) or not (_nameable(a) and _nameable(b)):
            continue  # one style for both words: "OKAFOR CHIDI", "ingrid sorensen", "Okafor, Chidi"
        if f"{a} {b}".casefold() in us_towns():
            continue  # "COEUR D'ALENE"
        trusts = ("any",) if lower else ("any", "title", "mid")
        # "CHEN, LILLIAN": in capitals a comma after a surname that is also a web word ("chen", "brown") still makes
        # LAST, FIRST, unless it is a given name too (a list: "HANNAH, ANTHONY, DEREK")
        relaxed = (
            "," in sep
            and a.isupper()
            and not is_common(_plain(b))
            and not is_given(a, ("any", "title", "mid"))
            and _plain(a) not in _STREET_TYPES
        )
        surname_trusts = ("rare", "word") if relaxed else ("rare",)
        last_first = is_surname(a, surname_trusts) and is_given(b, trusts)
        first_last = not last_first and "," not in sep and is_given(a, trusts) and is_surname(b) and not is_common(_plain(b))
        if (last_first or first_last) and not (is_common(_plain(a)) and is_common(_plain(b))):
            yield left.start(1), right.end(1), _SCORE["pair"], "pair"


def _unlisted_first_names(text: str, words: list):
    """A capitalised word no list knows before a rare Census surname: "Rościsław Dudek", "Yuito Hirai", a first
    name from outside the SSA's list that spaCy's small model misses too; not a town ("Porto Alegre", "Bremen")."""
    for left, right in itertools.pairwise(words):
        a, b = left.group(1), right.group(1)
        if text[left.end(1) : right.start(1)] != " " or not (a.istitle() and b.istitle()) or not _nameable(a):
            continue
        if is_common(_plain(a)) or is_given(a) or is_common(_plain(b)) or not is_surname(b):
            continue
        if is_known_town(a) or is_known_town(f"{a} {b}"):
            continue
        yield left.start(1), right.end(1), _SCORE["unlisted"], "unlisted first name and surname"


def _after_beds(text: str):
    """A surname after its bed or room number in a handoff or on a whiteboard: "bed 4 Caruso", "RM 14 GONZALES",
    "bed 6 Mendoza-Ruiz CMO"; not "bed 5 empty" or "room 3 something"."""
    for match in _AFTER_BED.finditer(text):
        word = match.group(1)
        surname = is_surname(word, ("rare", "word"))
        unknown = word.istitle() and not is_common(_plain(word))  # in capitals an unknown word is an acronym ("PACU")
        if _nameable(word) and (surname or unknown) and not is_given(word):
            yield match.start(1), match.end(1), _SCORE["bed"], "bed"


def _before_credentials(text: str):
    for match in _BEFORE_CREDENTIAL.finditer(text):
        word = match.group(1)
        if not word.istitle() and _nameable(word) and _known(word) and not is_common(_plain(word)):
            yield match.start(), match.end(), _SCORE["credential"], "credential"
