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
from presidio_analyzer import Pattern, RecognizerResult

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
#: off at a line's end ("— DianeB_windsor", "-- lupus_warrior_88", "thanks all - kelly_k", "~ JohnS_92"). A single
#: hyphen signs after words on its line or on a post's last line: elsewhere at a line's start it is a list's bullet
#: ("- redis_host"); and "--" with no space after is a command's option ("--redis_host").
_AUTHOR = rf"\b(?:posted|comment(?:ed)?|repl(?:y|ied)|shared|written|post|message)[ \t]+by[ \t]{{1,3}}\K{_HANDLE}"
_SIGN_OFF = r"(?:(?:^|[ \t])(?:[—–~][ \t]?|--[ \t])|(?<=[^\s-][ \t]{1,3})-[ \t])"
_SIGNED = rf"(?m)(?:{_SIGN_OFF}\K{_HANDLE}(?=[ \t]*$)|^[ \t]{{0,8}}-[ \t]?\K{_HANDLE}(?=\s*\Z))"
_SIGNED_NAME = "signed handle"
#: The parts of a handle or a key: "retention_days" is retention and days, "ImageDescription" image and description.
_PARTS = regex.compile(r"\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})")
_FILE_NAME = regex.compile(r"\.(?:ya?ml|json|txt|csv|log|py|cfg|conf|ini|xml|html?|md|pdf|docx?|xlsx?)$", regex.IGNORECASE)
_CAMEL_NAME = regex.compile(r"(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O)\p{Lu}\p{Ll}+")
#: A thing's number, not a person's: a version, a setting or a stage before its digits ("config_v2", "CKD_stage3",
#: "log_level2").
_NUMBERED_THING = regex.compile(
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))"
    r"(?i:v|ver|version|rev|build|release|stage|step|phase|level|lvl|grade|tier|type|class|mode|option|setting|config|cfg)"
    r"[_.-]?\d+$"
)
#: A camera's or a scanner's file name, or a disease's: "IMG_4471", "DSC_0042", "scan_0012", "COVID_19" (an "@" still
#: makes any of them an account).
_FILE_OR_DISEASE = regex.compile(
    r"(?i:img|dsc|dscn|dcim|pxl|vid|mov|mvi|pic|photo|image|scan|screenshot|file|doc|document|page|covid|sars_cov|h1n1)[_-]\d+$"
)
#: Digits at a handle's end, as a username takes them ("lupus_warrior_88").
_NUMBERED = regex.compile(r"\d{2}$")


class SocialHandleRecognizer(DeclaredPatternRecognizer):
    """An @handle starting with a letter or underscore ("@10am", "@75CC" are a time and a rate), or a Reddit u/ name."""

    ENTITY = "SOCIAL_HANDLE"
    PATTERNS = [
        Pattern("@handle", _AT_HANDLE, 0.6),
        Pattern("Reddit user", _REDDIT, 0.6),
        Pattern("chat speaker handle", _SPEAKER, 0.6),
        Pattern("log user", _LOG_USER, 0.6),
        Pattern("post author", _AUTHOR, 0.6),
        Pattern(_SIGNED_NAME, _SIGNED, 0.6),
    ]

    def analyze(self, text: str, entities: list[str], *args, **kwargs) -> list[RecognizerResult]:
        """The handles found, less the keys of fields (`_everyday_words`). Told apart here, where the pattern is known:
        a signature's digits make a username of everyday words ("— lupus_warrior_88", "~ JohnS_92"), a speaker's
        number a field ("step_12: run it")."""
        found = super().analyze(text, entities, *args, **kwargs)
        return [result for result in found if not _everyday_words(text[result.start : result.end], _signed(result))]

    def invalidate_result(self, pattern_text: str) -> bool:
        """'@5pm' and '@10am' are times, "McKenzie" a name in camel case; a file's name ("config.yaml:", "IMG_4471"), a
        disease's ("COVID_19") and a thing's number ("config_v2", "CKD_stage3") name no account, unless an "@" or
        "u/" marks it as one."""
        if _TIME.fullmatch(pattern_text) or _CAMEL_NAME.fullmatch(pattern_text):
            return True
        if _marked(pattern_text):
            return False  # marked as an account, whatever its words
        return any(pattern.search(pattern_text) for pattern in (_FILE_NAME, _NUMBERED_THING, _FILE_OR_DISEASE))


def _marked(handle: str) -> bool:
    """Whether an "@" or "u/" marks the handle as an account."""
    return handle.startswith(("@", "u/", "/u/"))


def _signed(result: RecognizerResult) -> bool:
    """Whether the result is a handle signing off a line."""
    return result.analysis_explanation is not None and result.analysis_explanation.pattern_name == _SIGNED_NAME


def _everyday_words(handle: str, signed: bool) -> bool:
    """Whether an unmarked handle reads as a field's key: everyday words or no word at all ("ImageDescription:",
    "log_level:", "Pt_1:"), or names written as one word ("MaryBeth:", "KeShawn:"); a signature ending in digits
    is a username whatever its words."""
    if _marked(handle) or (signed and _NUMBERED.search(handle)):
        return False
    parts = [part for part in _PARTS.findall(handle) if len(part) >= 3]
    camel_names = handle.isalpha() and all(is_given(part) for part in parts)
    return not parts or all(is_common(part) for part in parts) or camel_names
