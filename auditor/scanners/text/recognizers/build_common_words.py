"""Regenerates common_words.txt, the everyday English words the name filters veto model guesses with.

Maintainers only: needs wordfreq (`pip install 'phi-audit[gazetteer-build]'`). Keeps wordfreq's 30,000 most
frequent English words that are alphabetic and no given name trusted in any case or when capitalised
(given_names.txt), so "ABD SOFT", "WANTS" or "foley" are words and "olivia" is not.

    .venv/bin/python -m auditor.scanners.text.recognizers.build_common_words
"""

from __future__ import annotations

from pathlib import Path

from auditor.scanners.text.recognizers.given_name import given_names

OUT = Path(__file__).with_name("common_words.txt")
HEADER = "# Everyday English words (wordfreq's 30,000 most frequent, less given names). Made by build_common_words.py.\n"
TOP = 30_000


def common_words() -> list[str]:
    from wordfreq import top_n_list

    names = given_names()
    return sorted({w for w in top_n_list("en", TOP) if w.isalpha() and names.get(w) not in ("any", "title")})


def main() -> None:
    words = common_words()
    OUT.write_text(HEADER + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT}")


if __name__ == "__main__":
    main()
