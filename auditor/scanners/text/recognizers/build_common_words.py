"""Regenerates common_words.txt, the everyday English words the name filters veto model guesses with.

Maintainers only: needs wordfreq (`pip install 'phi-audit[gazetteer-build]'`) and a spelling dictionary at
/usr/share/dict/words (Debian's `wamerican`). Keeps wordfreq's 30,000 most frequent English words that are
alphabetic and no given name trusted in any case or when capitalised (given_names.txt), so "ABD SOFT", "WANTS"
or "foley" are words and "olivia" is not. Frequent web words that are names more than words go too (names_not_words):
"nguyen", "henrik", "jensen", while "will", "mark" and "rose" stay.

    .venv/bin/python -m auditor.scanners.text.recognizers.build_common_words
"""

from __future__ import annotations

from pathlib import Path

from auditor.scanners.text.recognizers._lexicon import surnames
from auditor.scanners.text.recognizers.given_name import given_names

OUT = Path(__file__).with_name("common_words.txt")
DICTIONARY = Path("/usr/share/dict/words")
HEADER = (
    "# Everyday English words (wordfreq's 30,000 most frequent, less given names and less names that the\n"
    "# spelling dictionary has only capitalised). Made by build_common_words.py.\n"
)
TOP = 30_000
#: Shorter words are too often abbreviations the dictionary lacks ("abd", "aug", "mins", "sept").
NAME_MIN_LENGTH = 5
#: Clinical shorthand that is a surname and missing from the dictionary: a word in a note, not a name.
SHORTHAND = frozenset(["foley"])


def lower_case_words() -> frozenset[str]:
    """The dictionary's lower-case entries (its proper nouns are capitalised), possessives folded."""
    words = DICTIONARY.read_text(encoding="utf-8").split()
    return frozenset(w.removesuffix("'s") for w in words if w.islower())


def names_not_words(words: set[str], names: set[str]) -> set[str]:
    """The words that are names more than words: in the name gazetteers, five letters or more, no clinical
    shorthand, and listed by the dictionary only capitalised or not at all ("nguyen", "henrik", "jensen")."""
    lower = lower_case_words()
    return {w for w in words & names if len(w) >= NAME_MIN_LENGTH and w not in SHORTHAND and w not in lower}


def common_words() -> list[str]:
    from wordfreq import top_n_list

    given = given_names()
    words = {w for w in top_n_list("en", TOP) if w.isalpha() and given.get(w) not in ("any", "title")}
    return sorted(words - names_not_words(words, set(given) | set(surnames())))


def main() -> None:
    words = common_words()
    OUT.write_text(HEADER + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT}")


if __name__ == "__main__":
    main()
