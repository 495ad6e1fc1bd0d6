"""Masked evidence and keyed digests: how phi-audit shows what it found without holding it.

The auditor's store is itself a PHI database, so a raw value never leaves the scanner. A finding keeps
`mask(value)` for a person to recognise the kind of thing found, and `digest` — HMAC-SHA256 under a
per-store secret key of the value's type and normalised form — so one phone number or name can be followed
across items. Plain hashes of SSNs, phones and dates are reversed by enumeration; a keyed hash is not, without
the key.

Digests are typed: the type (`dates/age`, `dates/date`, `phone`, `names`…) is hashed with the value, so a date
never equals an age (`9/5` and `95`) or an MRN that happens to share its digits. Each type has its own normal
form, so the same thing written two ways is one value: dates in ISO form (`03/04/1961`, `March 4, 1961` and
`19610304` are `1961-03-04`), phone and fax numbers in E.164 (phonenumbers, North American numbering by
default), names folded for case, accents and order (`DOE^JOHN` is `John Doe`), e-mail addresses case-folded.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from auditor.model import SAFE_HARBOR_IDENTIFIERS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_OCR_DIGIT_LETTER = re.compile(r"(?<=[\dOoIl])[OoIl]|[OoIl](?=[\dOoIl])")
_OCR_TO_DIGIT = str.maketrans("OoIl", "0011")
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_NAME_SEPARATORS = re.compile(r"[^\w']+|_", re.UNICODE)
#: An age as the age recognisers and DICOM's PatientAge (AS) give it: `95`, `095Y`, `95 years old`, `95yo`.
_AGE = re.compile(r"0*(\d{1,3})\s*(?:y|yo|y/o|yrs?|years?(?:\s*old)?)?\.?", re.IGNORECASE)
#: A DICOM date (DA) or date-time (DT): YYYYMMDD, optionally followed by the time.
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{2,6}(?:\.\d{1,6})?)?(?:[+-]\d{4})?")
#: Two defaults far apart: a part of a date that takes the default's value in both parses was not written.
_DEFAULTS = (datetime(1004, 1, 1), datetime(2008, 12, 28))
#: Identifiers whose values are masked whole: numbers, codes, dates, places, addresses. Only names (and health
#: terms, free text, account names) keep each word's first letter: the documented choice, so that a person can
#: tell a name from a word; a token with a digit in it is masked whole whatever it is.
MASKED_WHOLE = frozenset(SAFE_HARBOR_IDENTIFIERS) - {"names"}


def folded(value: str) -> str:
    """`value` in compatibility form without combining marks: `J̲a̲n̲e̲` and `Ⓙⓐⓝⓔ` are `Jane`, so a mask of
    either hides its letters (an underline or a circle would otherwise split each letter into a word of its own)."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)  # composes again what has no mark to lose (a Hangul syllable)


def mask(value: str, identifier: str | None = None) -> str:
    """Hide every letter and digit but the first letter of each word of a name or free text; keep the punctuation.

    Numbers and codes are masked whole: a token with a digit in it (`12th`, `E0600409`, `7ABC123`) and every
    value of a Safe Harbor identifier other than a name (`mrn`, `vehicle`, `dates`, `geographic`…) keeps no
    letter at all.

    >>> mask("John Doe, 555-123-4567")
    'J*** D**, ***-***-****'
    >>> mask("born on the 12th")
    'b*** o* t** ****'
    """
    text = folded(value)
    if identifier in MASKED_WHOLE:
        return _ALNUM.sub("*", text)
    return _TOKEN.sub(_masked_token, text)


def _masked_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if _DIGIT.search(token):
        return _ALNUM.sub("*", token)
    return _WORD.sub(lambda m: m.group(0)[0] + "*" * (len(m.group(0)) - 1), token)


def typed(value: str, identifier: str | None) -> tuple[str, str]:
    """(type, normal form) of a value: two sightings of the same thing share both; a date and an age never do."""
    text = folded(value).strip()
    if identifier == "names":
        return "names", " ".join(sorted(t for t in _NAME_SEPARATORS.split(text.casefold()) if t))
    if identifier in ("phone", "fax"):
        return identifier, _phone(text)
    if identifier == "dates":
        return _date(text)
    if identifier == "email":
        return "email", text.casefold().removeprefix("mailto:")
    return identifier or "untyped", _NON_ALNUM.sub("", text.casefold())


def normalise(value: str, identifier: str | None) -> str:
    """The typed form of a value that two sightings of the same thing share (`type` and normal form, joined)."""
    kind, form = typed(value, identifier)
    return f"{kind}\x1f{form}"


def _phone(text: str) -> str:
    import phonenumbers

    # "555-O164" as OCR read it is 555-0164: a letter O, o, I or l beside a digit stands for 0 or 1
    text = _OCR_DIGIT_LETTER.sub(lambda m: m.group().translate(_OCR_TO_DIGIT), text)
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return "".join(_DIGIT.findall(text))[-10:]
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _date(text: str) -> tuple[str, str]:
    """A date's ISO form with only the parts written (`--09-05` for `9/5`), or an age (`dates/age`: ages over 89
    are Safe Harbor dates); text that is neither stays text of its own type."""
    age = _AGE.fullmatch(text)
    if age:
        return "dates/age", str(int(age.group(1)))
    compact = _COMPACT_DATE.fullmatch(text)
    if compact:
        y, m, d = (int(part) for part in compact.groups()[:3])
        if 1 <= m <= 12 and 1 <= d <= 31:
            return "dates/date", f"{y:04d}-{m:02d}-{d:02d}"
    parts = _date_parts(text)
    if parts is None or parts == (None, None, None):
        return "dates/text", _NON_ALNUM.sub("", text.casefold())
    year, month, day = parts
    return "dates/date", f"{f'{year:04d}' if year else '----'}-{f'{month:02d}' if month else '--'}-{f'{day:02d}' if day else '--'}"


def _date_parts(text: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) as written, None for a part not written (it follows the default, which differs between the
    two parses); None when dateutil reads no date in the text. dateutil reads month first in an ambiguous numeric
    date (`03/04/1961` is 4 March), as US records write it."""
    from dateutil import parser

    try:
        first, second = (parser.parse(text, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    return tuple(a if a == b else None for a, b in zip((first.year, first.month, first.day), (second.year, second.month, second.day)))  # type: ignore[return-value]


@dataclass(frozen=True)
class EvidenceKeeper:
    """Turns a raw value into what may be stored: masked evidence and a typed digest under this store's key."""

    key: bytes

    @staticmethod
    def new_key() -> bytes:
        return secrets.token_bytes(32)

    def digest(self, value: str, identifier: str | None) -> str:
        return hmac.new(self.key, normalise(value, identifier).encode("utf-8"), hashlib.sha256).hexdigest()

    def locator_digest(self, locator: str) -> str:
        """The keyed digest of an item's true locator, exactly as written (no normal form: two files are two)."""
        return hmac.new(self.key, f"locator\x1f{locator}".encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()

    def evidence(self, value: str, identifier: str | None = None) -> str:
        return mask(value, identifier)
