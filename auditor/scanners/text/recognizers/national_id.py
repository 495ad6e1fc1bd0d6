"""National identity and social-security numbers of countries Presidio has no recognizer for, by their printed
shape and python-stdnum's check: Brazil's CPF ("390.533.447-05"), France's NIR ("1 85 05 78 006 084 91"),
Pakistan's CNIC ("35202-1234567-1"), Chile's RUT ("12.345.678-5"), Mexico's CURP, Belgium's national number
("85.07.30-033.28"), China's resident ID, Portugal's citizen card; and, after their label only, since their
digits alone are anything, the Dutch BSN, the Norwegian fødselsnummer, the Danish CPR and the Israeli ID. Ghana's
card PIN ("GHA-123456789-0"), and Jamaica's TRN and Argentina's DNI after their label, have no public check.

A number of that kind is as sensitive as a US Social Security number, but Safe Harbor's SSN is the US's, so it is
reported under `other_unique_id` (any other unique identifying number); a check
digit that fails drops the match, one that passes keeps the pattern's score (one number in ten or eleven passes
a check by chance).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import regex
from presidio_analyzer import Pattern
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

#: Each shape (by its country's name, for the reader) and the stdnum module whose `is_valid` checks it (None: no
#: public check).
_SHAPES: tuple[tuple[str, str, str | None], ...] = (
    ("Brazil CPF", r"\d{3}\.\d{3}\.\d{3}-\d{2}", "stdnum.br.cpf"),
    ("France NIR", r"[12][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}[ ]?\d{2}", "stdnum.fr.nir"),
    ("Pakistan CNIC", r"\d{5}-\d{7}-\d", "stdnum.pk.cnic"),
    ("Chile RUT", r"\d{1,2}\.\d{3}\.\d{3}-[\dK]", "stdnum.cl.rut"),
    ("Mexico CURP", r"(?-i:[A-Z]{4}\d{6}[HM][A-Z]{5}[0-9A-Z]\d)", "stdnum.mx.curp"),
    ("Belgium national number", r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}", "stdnum.be.nn"),
    ("China resident ID", r"\d{17}[\dX]", "stdnum.cn.ric"),
    ("Portugal citizen card", r"\d{8}[ ]?\d[ ]?(?-i:[A-Z]{2})\d", "stdnum.pt.cc"),
    ("Ghana card PIN", r"(?-i:GHA)-\d{9}-\d", None),
)
#: Labelled numbers: the label, the value's shape and its stdnum module.
_LABELLED: tuple[tuple[str, str, str, str | None], ...] = (
    ("Netherlands BSN", r"bsn|burgerservicenummer", r"\d{4}\.?\d{2}\.?\d{3}|\d{9}", "stdnum.nl.bsn"),
    ("Norway fødselsnummer", r"f[øo]dselsnummer|personnummer", r"\d{6}[ ]?\d{5}", "stdnum.no.fodselsnummer"),
    ("Denmark CPR", r"cpr(?:-?nr\.?|-?nummer)?", r"\d{6}-?\d{4}", "stdnum.dk.cpr"),
    ("Israel ID", r"teudat\s+zehut|israeli\s+id", r"\d{9}", "stdnum.il.idnr"),
    ("Argentina DNI", r"dni", r"\d{1,2}\.?\d{3}\.?\d{3}", None),  # stdnum's DNI check is its length only
    ("Brazil CPF (labelled)", r"cpf", r"\d{11}", "stdnum.br.cpf"),
    ("Jamaica TRN", r"(?-i:TRN)|taxpayer\s+registration\s+number", r"\d{3}[- ]?\d{3}[- ]?\d{3}", None),
)


#: How far before a value its label and glue may start ("taxpayer registration number: ").
_LONGEST_LABEL = 60


class NationalIdRecognizer(DeclaredPatternRecognizer):
    """A national identity number of one of the shapes above, checked by python-stdnum where a check exists."""

    ENTITY = "NATIONAL_ID"
    MIN_DIGITS = 8  # a CURP's
    #: One pattern for the shapes and one for the labels (each pattern costs Presidio a pass over the text);
    #: `analyze` tells the rows apart again to check each number by its own country's rule.
    PATTERNS = [
        Pattern("national number (shape)", rf"(?<![\w.-])(?:{'|'.join(shape for _, shape, _ in _SHAPES)})(?![\w-]|\.\d)", 0.6),
        Pattern("national number (labelled)", "|".join(after_label(label, value) for _, label, value, _ in _LABELLED), 0.7),
    ]
    CONTEXT = ["cpf", "nir", "cnic", "rut", "curp", "national", "identity", "id", "bsn", "cpr", "dni", "trn", "card"]

    def __init__(self) -> None:
        super().__init__()
        shapes = [(rf"(?<![\w.-]){shape}(?![\w-]|\.\d)", module) for _, shape, module in _SHAPES]
        labelled = [(after_label(label, value), module) for _, label, value, module in _LABELLED]
        self._rows = [(regex.compile(pattern, self.FLAGS), _is_valid(module) if module else None) for pattern, module in shapes + labelled]

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None, regex_flags: int | None = None):
        """The matches that the check of a row reading them passes (or a row without a check reads)."""
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [result for result in found if self._checked(text, result.start, result.end)]

    def _checked(self, text: str, start: int, end: int) -> bool:
        """Whether a row reads exactly text[start:end] and its check passes: a number is checked by its own
        country's rule only ("TRN 123456789" needs no BSN check, a BSN no Israeli one)."""
        for row, is_valid in self._rows:
            for match in row.finditer(text, max(0, start - _LONGEST_LABEL)):
                if match.start() > start:
                    break
                if match.span() == (start, end) and (is_valid is None or is_valid(text[start:end])):
                    return True
        return False


def _is_valid(module: str) -> Callable[[str], bool]:
    """stdnum's `is_valid` of `module`, which strips the separators itself."""
    is_valid: Callable[[str], bool] = importlib.import_module(module).is_valid
    return is_valid
