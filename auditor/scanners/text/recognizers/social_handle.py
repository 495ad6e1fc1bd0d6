"""Social media handles: "@jane_doe" (X, Instagram, TikTok) and "u/jane_doe" (Reddit) name an account,
which names a person."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

#: Not preceded by a word character, so the domain part of an email never matches.
#: A handle starts with a letter or "_": "@75CC" and "@515PM" are a rate and a time.
_AT_HANDLE = r"(?<![\w@./])@(?=[A-Z_])(?=\w*[A-Z_])\w{2,30}(?:\.\w+)*\b"
_REDDIT = r"(?<![\w/])/?u/[\w-]{3,20}\b"
_TIME = regex.compile(r"@\d{1,2}(?:am|pm)", regex.IGNORECASE)


class SocialHandleRecognizer(DeclaredPatternRecognizer):
    """An @handle starting with a letter or underscore ("@10am", "@75CC" are a time and a rate), or a Reddit u/ name."""

    ENTITY = "SOCIAL_HANDLE"
    PATTERNS = [Pattern("@handle", _AT_HANDLE, 0.6), Pattern("Reddit user", _REDDIT, 0.6)]

    def invalidate_result(self, pattern_text: str) -> bool:
        """'@5pm' and '@10am' are times."""
        return _TIME.fullmatch(pattern_text) is not None
