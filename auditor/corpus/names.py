"""File, folder and archive member names as text to scan: a name is also a place PHI hides (`jane-doe-mri.dcm`,
`MRN 48213907.png`, `patients/Jane Doe/scan.png`).

`name_text` gives the text of a locator's names (its path and archive members, not a record's id or place) in a
form the text recognizers read: separators become spaces one for one, so a span in it is the same span in the
name, and a given name and the word after it are capitalised, since a file name's case carries no signal
(people write `jane-doe`). A date or a phone number keeps its hyphens and dots (`1980-03-12`, `555.201.3344`).
"""

from __future__ import annotations

from urllib.parse import unquote

import regex

#: Separators inside a name, read as spaces: `_ / ! + ^ \` (DICOM writes `DOE^JANE`), and `-` or `.` unless between two digits.
_SEPARATOR = regex.compile(r"[_/!+^\\]|(?<!\d)[-.]|[-.](?!\d)")
#: A file extension: the last word of a name after its dot, never capitalised as a surname.
_EXTENSION = regex.compile(r"(?<=\.)\p{L}+(?=$|!)")
_WORD = regex.compile(r"\p{L}+")


def name_text(locator: str) -> str:
    """The names in `locator` (file path and archive members, `%XX` escapes decoded), ready to scan."""
    names = "!".join(unquote(part.partition("#")[0].partition("@")[0]) for part in locator.split("!"))
    extensions = {match.start() for match in _EXTENSION.finditer(names)}
    return _with_names_capitalised(_SEPARATOR.sub(" ", names), extensions)


def name_text_read(locator: str) -> str:
    """`name_text(locator)` with each file extension blanked, as the name scanner reads it: an extension is no word
    of the name (`bundle.zip!level2.txt` would read `zip level2` as a labelled ZIP code). Spans are the same."""
    text = name_text(locator)
    names = "!".join(unquote(part.partition("#")[0].partition("@")[0]) for part in locator.split("!"))
    for match in _EXTENSION.finditer(names):
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return text


def _with_names_capitalised(text: str, extensions: set[int]) -> str:
    from auditor.scanners.text.recognizers._lexicon import is_given

    words = list(_WORD.finditer(text))
    capital = {index for index, word in enumerate(words) if is_given(word.group()) for index in (index, index + 1)}
    chars = list(text)
    for index in sorted(capital):
        if index < len(words) and words[index].group().islower() and words[index].start() not in extensions:
            start = words[index].start()
            chars[start] = chars[start].upper() if len(chars[start].upper()) == 1 else chars[start]
    return "".join(chars)
