"""Masked evidence and keyed digests: how phi-audit shows what it found without holding it.

The auditor's store is itself a PHI database, so a raw value never leaves the scanner. A finding keeps
`mask(value)` for a person to recognise the kind of thing found, and `digest` — HMAC-SHA256 under a
per-store secret key of the normalised value — so one phone number or name can be followed across items.
Plain hashes of SSNs, phones and dates are reversed by enumeration; a keyed hash is not, without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_NAME_SEPARATORS = re.compile(r"[\s,^]+")


def mask(value: str) -> str:
    """Keep the first letter of each word and the punctuation; hide every other letter and every digit.

    >>> mask("John Doe, 555-123-4567")
    'J*** D**, ***-***-****'
    """
    masked = _WORD.sub(lambda m: m.group(0)[0] + "*" * (len(m.group(0)) - 1), value)
    return _DIGIT.sub("*", masked)


def normalise(value: str, identifier: str | None) -> str:
    """The form of a value that two sightings of the same thing share.

    Names ignore order, case and separators (`DOE^JOHN` is `John Doe`); phone and fax numbers keep their
    last ten digits; everything else keeps its letters and digits, case-folded.
    """
    if identifier == "names":
        return " ".join(sorted(t for t in _NAME_SEPARATORS.split(value.casefold()) if t))
    if identifier in ("phone", "fax"):
        return "".join(_DIGIT.findall(value))[-10:]
    return _NON_ALNUM.sub("", value.casefold())


@dataclass(frozen=True)
class EvidenceKeeper:
    """Turns a raw value into what may be stored: masked evidence and a digest under this store's key."""

    key: bytes

    @staticmethod
    def new_key() -> bytes:
        return secrets.token_bytes(32)

    def digest(self, value: str, identifier: str | None) -> str:
        return hmac.new(self.key, normalise(value, identifier).encode("utf-8"), hashlib.sha256).hexdigest()

    def evidence(self, value: str) -> str:
        return mask(value)
