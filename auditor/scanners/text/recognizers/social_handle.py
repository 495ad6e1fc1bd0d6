"""Social media handles: "@jane_doe" (X, Instagram, TikTok) and "u/jane_doe" (Reddit) name an account,
which names a person; so do a chat's speaker handle at the start of a line ("ketoKaren: yes!!", "bramblefox#7781:
yeah", "· spoonie_sol: the pain"), a log's user ("user=jmalvarez71", '"username": "nbeaulieu"'), a post's author
("comment by throwaway_hemo_2026") and a handle signing off a line ("— DianeB_windsor").

A speaker label, an author or a signature is a handle only by its shape: an underscore, digits after four lower-case
letters ("jmalvarez71"), a dot inside, a Discord "#1234" or a capital inside a word ("ketoKaren"); "Nurse:", "PT:"
and "Maria:" are a role, an abbreviation and a name, "HbA1c: 7.2" and "CO2: 24" are results, and a name written in
camel case ("McKenzie:", "DeShawn:") is left to the name recognizers."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._lexicon import is_common, is_given
from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

#: Not preceded by a word character, so the domain part of an email never matches.
#: A handle starts with a letter or "_": "@75CC" and "@515PM" are a rate and a time.
_AT_HANDLE = r"(?<![\w@./])@(?=[A-Z_])(?=\w*[A-Z_])\w{2,30}(?:\.\w+)*\b"
#: A Reddit user, not a dose rate's units after a number ("insulin 5 u/day", "2 u/min").
_REDDIT = r"(?<![\w/])(?<!\d[ \t])/?(?-i:u)/(?!(?i:min|hr|hour|day|kg|ml|dl|l)\b)[\w-]{3,20}\b"
_TIME = regex.compile(r"@\d{1,2}(?:am|pm)", regex.IGNORECASE)
#: Where a chat line's speaker stands: a line's start, or after a timestamp's bracket, a bullet or a bar (bounded runs
#: of spaces, so that a long run is read once).
_LINE_START = r"(?:^[ \t]{0,8}(?:\[[^\]\n]{1,30}\][ \t]{0,3})?|[·|][ \t])"
_HANDLE_SHAPE = r"(?=[\w.]*(?:_|(?-i:[a-z]{4}\d)|[a-z]\.[a-z])|(?-i:\w*[a-z][A-Z])\w{3}|\w+#\d{4}\b)"
#: A word shaped like a handle, where a speaker, an author or a signature stands.
_HANDLE = rf"{_HANDLE_SHAPE}(?-i:[A-Za-z][\w.]{{2,30}}(?<!\.)(?:#\d{{4}})?)(?![\w@.-])"
#: What a speaker says: words, not a value ("smtp_host: mail.example.com", "LDL_C: 130", "Pt_1: stable" are fields).
_MESSAGE = r"(?=:[ \t]+[^\s\d+.-]\S*[ \t]+\S)"
_SPEAKER = rf"(?m){_LINE_START}\K{_HANDLE}{_MESSAGE}"
_LOG_USER = (
    r"(?:\b(?:user|username|login|userid|user_id)=|\"(?:user|username|login|owner)\"\s*:\s*\")\K[A-Za-z][\w.-]{2,30}(?<![.-])(?![\w@.-])"
)
#: A post's author named by the platform ("Reddit comment by throwaway_hemo_2026", "posted by ketoKaren"), or signing
#: off at a line's end ("— DianeB_windsor").
_AUTHOR = rf"\b(?:posted|comment(?:ed)?|repl(?:y|ied)|shared|written|post|message)[ \t]+by[ \t]{{1,3}}\K{_HANDLE}"
_SIGNED = rf"(?m)(?:^|[ \t])[—–~][ \t]?\K{_HANDLE}(?=[ \t]*$)"
#: The parts of a handle or a key: "retention_days" is retention and days, "ImageDescription" image and description.
_PARTS = regex.compile(r"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})")
_FILE_NAME = regex.compile(r"\.(?:ya?ml|json|txt|csv|log|py|cfg|conf|ini|xml|html?|md|pdf|docx?|xlsx?)$", regex.IGNORECASE)
_CAMEL_NAME = regex.compile(r"(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O)\p{Lu}\p{Ll}+")


class SocialHandleRecognizer(DeclaredPatternRecognizer):
    """An @handle starting with a letter or underscore ("@10am", "@75CC" are a time and a rate), or a Reddit u/ name."""

    ENTITY = "SOCIAL_HANDLE"
    PATTERNS = [
        Pattern("@handle", _AT_HANDLE, 0.6),
        Pattern("Reddit user", _REDDIT, 0.6),
        Pattern("chat speaker handle", _SPEAKER, 0.6),
        Pattern("log user", _LOG_USER, 0.6),
        Pattern("post author", _AUTHOR, 0.6),
        Pattern("signed handle", _SIGNED, 0.6),
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        """'@5pm' and '@10am' are times; "McKenzie", "MaryBeth" and "KeShawn" are names in camel case; a field's key
        made of everyday words or no word at all ("ImageDescription:", "log_level:", "Pt_1:") and a file's name
        ("config.yaml:") name no account, unless an "@" or "u/" marks it as one."""
        if _TIME.fullmatch(pattern_text) or _CAMEL_NAME.fullmatch(pattern_text):
            return True
        if pattern_text.startswith(("@", "u/", "/u/")):
            return False  # marked as an account, whatever its words
        if _FILE_NAME.search(pattern_text):
            return True  # "config.yaml:" names a file
        parts = [part for part in _PARTS.findall(pattern_text) if len(part) >= 3]
        # "Pt_1:" is a field; "MaryBeth:" and "KeShawn:" are people's names, written as one word
        camel_names = pattern_text.isalpha() and all(is_given(part) for part in parts)
        return not parts or all(is_common(part) for part in parts) or camel_names
