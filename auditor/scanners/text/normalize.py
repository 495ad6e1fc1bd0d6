"""What the recognizers read of a text: hidden characters undone, look-alike letters mapped, pathological tokens cut.

A name written "J\u200bane Ro\u200be", reversed by U+202E, spelled with a Cyrillic "а", or read by OCR letter by
letter off a widely tracked label ("B E N N E T T ,  O S C A R") reads as a name on screen but matches no pattern
and no model. Before matching, `prepare` removes format characters (zero-width spaces and joiners, soft hyphens,
bidi controls), puts a right-to-left-override run back in reading order, closes up letter-spaced words, and maps a
word whose every non-ASCII letter has an ASCII look-alike to that ASCII word: the look-alikes come from Unicode's
confusables data (the `confusable-homoglyphs` package ships it), fullwidth and mathematical letters and digits
from NFKC. A word with a letter that has no look-alike ("José", "Иван") stays as it is.

spaCy's tokenizer is quadratic in a run of prefix or suffix punctuation (50,000 brackets take minutes), and each
of its characters is a token for the NER model, so a run of punctuation over MAX_PUNCTUATION_RUN characters keeps
only its ends; a token still longer than MAX_TOKEN_CHARS leaves the text and is read in overlapping windows of
its own, so its patterns are still found. A token over MAX_TOKEN_CHARS in the original text, punctuation or not,
is reported (`cuts`), for the scanner to record on the item.

Every character of the prepared text keeps the offset of the original character it came from, so a finding's
span is always in the original text. Written here because no maintained library maps offsets back.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

import regex

#: Longest run of punctuation the tokenizer is given (its cost grows with the square of a run's length).
MAX_PUNCTUATION_RUN = 64
#: Longest token kept in the text (a long URL fits); a longer one is read in windows of this size.
MAX_TOKEN_CHARS = 1000
#: Characters two windows of an over-long token share, so a pattern at a window's edge is whole in one of them.
TOKEN_WINDOW_OVERLAP = 100

#: Unicode format characters (zero-width space and joiners, soft hyphen, bidi marks, embeddings and isolates).
_FORMAT = regex.compile(r"\p{Cf}+")
#: A right-to-left override and the text it reverses on screen, up to its pop or the end of the line.
_OVERRIDE = regex.compile(r"\u202e([^\u202c\n]*)\u202c?")
#: A word holding a non-ASCII character (format characters inside it included).
_FOREIGN_WORD = regex.compile(r"[\w\p{Cf}]*[^\x00-\x7f][\w\p{Cf}]*")
_PUNCTUATION_RUN = regex.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")  # re: three times faster than regex on this one
_ALNUM = regex.compile(r"[^\W_]")
#: A word OCR reads letter by letter from a widely tracked label font: "B E N N E T T ,  O S C A R",
#: "0 0 4 4 1 2 9 8". Five single letters or digits at least, one space apart (two spaces part words).
_LETTER_SPACED = regex.compile(r"(?<!\S)[\p{L}\p{N}](?: [\p{L}\p{N}]){4,}(?: [,.:;])?(?!\S)")


@dataclass(frozen=True)
class Segment:
    """A text the recognizers read, and for each of its characters the offset of the original one."""

    text: str
    origin: array | None = None  # None: the original text itself

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        first, last = self.origin[start], self.origin[max(start, end - 1)]
        return min(first, last), max(first, last) + 1


@dataclass(frozen=True)
class Prepared:
    """The text to read (its first segment), windows of its over-long tokens, and what was cut, for the item's errors."""

    segments: list[Segment]
    cuts: list[str] = field(default_factory=list)


def prepare(text: str) -> Prepared:
    """`text` as the recognizers should read it (see the module's docstring)."""
    cuts: list[str] = []
    origin: array | None = None
    if not text.isascii():
        text, origin = _rewrite(text, origin, _OVERRIDE, _reversed)
        text, origin = _rewrite(text, origin, _FOREIGN_WORD, _look_alike)
        text, origin = _rewrite(text, origin, _FORMAT, lambda m: ("", []))
    if _LONG_TOKEN.search(text):
        longest = max(len(m.group()) for m in _LONG_TOKEN.finditer(text))
        cuts.append(
            f"a token of {longest:,} characters (no space in it) was cut for the tokenizer and read in windows of {MAX_TOKEN_CHARS:,}"
        )
    text, origin = _rewrite(text, origin, _PUNCTUATION_RUN, _shorten_run)
    text, origin = _rewrite(text, origin, _LETTER_SPACED, _closed_up)
    windows: list[Segment] = []

    def window_token(match: regex.Match) -> tuple[str, list[int]]:
        start, end = match.span()
        step = MAX_TOKEN_CHARS - TOKEN_WINDOW_OVERLAP
        for at in range(start, end, step):
            stop = min(at + MAX_TOKEN_CHARS, end)
            if _ALNUM.search(text, at, stop):  # no identifier is made of punctuation alone
                windows.append(Segment(text[at:stop], _origin_slice(origin, at, stop)))
            if stop == end:
                break
        return " ", [start]

    text, origin = _rewrite(text, origin, _LONG_TOKEN, window_token)
    return Prepared([Segment(text, origin), *windows], cuts)


def _rewrite(
    text: str, origin: array | None, pattern: re.Pattern | regex.Pattern, replace: Callable[[regex.Match], tuple[str, Iterable[int]]]
) -> tuple[str, array | None]:
    """`text` with each match of `pattern` replaced by `replace(match)`: the new characters and, for each, the
    offset in `text` it comes from; `origin` carried through (offsets in the original text)."""
    parts: list[str] = []
    mapped = array("q")
    last = 0
    for match in pattern.finditer(text):
        new, sources = replace(match)
        if new == match.group():
            continue
        parts.append(text[last : match.start()])
        mapped.extend(_origin_slice(origin, last, match.start()))
        parts.append(new)
        mapped.extend(sources if origin is None else (origin[i] for i in sources))
        last = match.end()
    if not parts:
        return text, origin
    parts.append(text[last:])
    mapped.extend(_origin_slice(origin, last, len(text)))
    return "".join(parts), mapped


def _origin_slice(origin: array | None, start: int, end: int) -> array:
    return origin[start:end] if origin is not None else array("q", range(start, end))


def _reversed(match: regex.Match) -> tuple[str, list[int]]:
    """The overridden run in reading order; the override and its pop stay, removed later with the other format characters."""
    start, end = match.span(1)
    inner = list(range(end - 1, start - 1, -1))
    sources = [match.start(), *inner, *range(end, match.end())]
    return "".join(match.string[i] for i in sources), sources


def _look_alike(match: regex.Match) -> tuple[str, Sequence[int]]:
    """The word in ASCII when every non-ASCII letter or digit in it has an ASCII look-alike, else as it is."""
    word = match.group()
    table = _look_alikes()
    mapped = [ch if ch.isascii() or unicodedata.category(ch) == "Cf" else table.get(ch) for ch in word]
    if any(ch is None for ch in mapped):
        return word, range(match.start(), match.end())
    return "".join(ch or "" for ch in mapped), range(match.start(), match.end())


def _closed_up(match: regex.Match) -> tuple[str, Sequence[int]]:
    """A letter-spaced word without its spaces."""
    sources = [i for i in range(match.start(), match.end()) if match.string[i] != " "]
    return "".join(match.string[i] for i in sources), sources


def _shorten_run(match: regex.Match) -> tuple[str, Sequence[int]]:
    """A punctuation run's first and last MAX_PUNCTUATION_RUN / 2 characters: no identifier is in the middle of
    one, and each of its characters would be a token of its own for the tokenizer and the NER model."""
    start, end = match.span()
    keep = MAX_PUNCTUATION_RUN // 2
    sources = [*range(start, start + keep), *range(end - keep, end)]
    return "".join(match.string[i] for i in sources), sources


@functools.cache
def _look_alikes() -> dict[str, str]:
    """Non-ASCII letter or digit -> its one-character ASCII look-alike: Unicode's confusables (as shipped by
    confusable-homoglyphs), then NFKC for the fullwidth and mathematical forms confusables leaves out."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for char, glyphs in data.items():
        if len(char) == 1 and not char.isascii():
            ascii_glyphs = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()]
            if ascii_glyphs:
                table[char] = ascii_glyphs[0]
    for code in range(0x80, 0x20000):
        char = chr(code)
        if char not in table and unicodedata.category(char)[0] in "LN":
            folded = unicodedata.normalize("NFKC", char)
            if len(folded) == 1 and folded.isascii() and folded.isalnum():
                table[char] = folded
    return table
