"""Regenerates vocabularies.txt: every health recognizer's phrases, tokenized, as the recognizers read them.

Why a generated file: building the vocabularies from their sources (unpickling the drug dictionary,
tokenizing ~50,000 phrases) took seconds in every worker process at start-up; the result only changes when
a source does. Regenerate after editing a YAML list, regenerating icd10cm_terms.txt, or upgrading
drug-named-entity-recognition or spaCy (tests/test_health_vocabulary.py fails until you do):

    .venv/bin/python -m auditor.scanners.text.health.build_vocabularies

Each phrase is split into tokens by a blank English tokenizer, which has the same rules as the analyzer's
en_core_web_sm model, so a phrase's tokens are those of the same words in a post ("crohn's disease" →
"crohn 's disease"). The drug names come from drug-named-entity-recognition (see vocabularies.LICENSE.txt).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from auditor.scanners.text.health import recognizer_classes
from auditor.scanners.text.health.matching import Group, blank_english
from auditor.scanners.text.health.vocabulary import PACKAGE, VOCABULARIES_FILE, Section, render_vocabularies

HEADER = """\
# The health recognizers' vocabularies, tokenized (tokens separated by spaces). GENERATED: do not edit.
# Sources: each recognizer's groups (conditions.yaml, medications.yaml, procedures.yaml, lab_tests.yaml,
# icd10cm_terms.txt, the drug dictionary of drug-named-entity-recognition {drugs}; see vocabularies.LICENSE.txt),
# tokenized by spaCy {spacy}. Made by auditor/scanners/text/health/build_vocabularies.py.
# Regenerate: python -m auditor.scanners.text.health.build_vocabularies
"""


def sections() -> Iterator[Section]:
    """Every health recognizer's vocabulary from its sources, tokenized, in the order the recognizers list it."""
    for recognizer in recognizer_classes():
        for group in recognizer.groups():
            bare = Group(group.entity, group.score, group.source)
            for attr, phrases in (("lower", group.terms), ("orth", group.acronyms)):
                if phrases:
                    yield Section(recognizer.NAME, attr, bare, tokenized(phrases, lower=attr == "lower"))
        negatives = tuple(recognizer.not_terms())
        if negatives:
            yield Section(recognizer.NAME, "not", None, tokenized(negatives, lower=True))


def tokenized(phrases: Iterable[str], lower: bool) -> tuple[tuple[str, ...], ...]:
    """Each distinct phrase as its tokens (lower-cased for a case-insensitive match, as the analyzer's tokens
    are), sorted so the file diffs well; fails on a token the file cannot hold."""
    nlp = blank_english()
    docs = (nlp.make_doc(phrase) for phrase in (p.strip() for p in phrases) if phrase)
    found = {tuple(token.lower_ if lower else token.text for token in doc) for doc in docs}
    for tokens in found:
        if any(not token or token.isspace() or " " in token for token in tokens) or tokens[0].startswith(("#", "@")):
            raise ValueError(f"phrase {' '.join(tokens)!r} cannot be written as space-separated tokens")
    return tuple(sorted(found))


def render() -> str:
    header = HEADER.format(drugs=version("drug-named-entity-recognition"), spacy=version("spacy"))
    return render_vocabularies(sections(), header)


def main() -> None:
    target = Path(str(resources.files(PACKAGE).joinpath(VOCABULARIES_FILE)))
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
