"""Word lists the name recognizers and filters share, each read once per process from package data: US
surnames (surnames.txt, build_surnames.py), everyday English words (common_words.txt, build_common_words.py) and
those of five other languages (foreign_words.txt, build_foreign_words.py),
and the OCR readings of letters as digits that a banner name may carry ("P4TEL", "AN1L")."""

from __future__ import annotations

import functools
from pathlib import Path

from auditor.scanners.text.recognizers._patterns import read_table
from auditor.scanners.text.recognizers.given_name import fold, given_names

#: Digits OCR reads for letters, each with the letters it may stand for.
_OCR_LETTERS = {"0": "o", "1": "il", "5": "s", "4": "a", "8": "b", "3": "e", "7": "t", "6": "g", "2": "z"}


@functools.cache
def surnames() -> dict[str, str]:
    """Folded surname → trust (rare: hardly an English word; word: also an everyday word)."""
    return read_table(Path(__file__).with_name("surnames.txt"))


@functools.cache
def common_words() -> frozenset[str]:
    """Lower-case everyday English words that are no trusted given name."""
    lines = Path(__file__).with_name("common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@functools.cache
def foreign_words() -> frozenset[str]:
    """Everyday Spanish, French, German, Portuguese and Italian words that are no given name, surname or town."""
    lines = Path(__file__).with_name("foreign_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_foreign_common(word: str) -> bool:
    return word.casefold().strip(".'’") in foreign_words()


@functools.lru_cache(maxsize=65536)
def readings(word: str) -> tuple[str, ...]:
    """The folded word, and when OCR may have put digits for letters, its letter readings ("AN1L" → anil, anll)."""
    key = fold(word) if word.isalpha() else word.casefold()
    if key.isalpha() or not any(c.isalpha() for c in key):
        return (fold(word),) if key.isalpha() else ()
    out = [""]
    for c in key:
        options = _OCR_LETTERS.get(c, c if c.isalpha() else "")
        out = [prefix + o for prefix in out for o in options] if options else out
        if len(out) > 8:
            break
    return tuple(fold(w) for w in out if w.isalpha())


def is_given(word: str, trusts: tuple[str, ...] = ("any", "title", "mid")) -> bool:
    return any(given_names().get(key) in trusts for key in readings(word))


def is_surname(word: str, trusts: tuple[str, ...] = ("rare",)) -> bool:
    return any(surnames().get(key) in trusts for key in readings(word))


def is_common(word: str) -> bool:
    return word.casefold().strip(".'’") in common_words()
