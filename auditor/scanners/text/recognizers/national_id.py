"""National identity and social-security numbers of countries Presidio has no recognizer for, by their printed
shape and python-stdnum's check: Brazil's CPF ("390.533.447-05"), France's NIR ("1 85 05 78 006 084 36"),
Pakistan's CNIC ("35202-1234567-1"), Chile's RUT ("12.345.678-5"), Mexico's CURP, Belgium's national number
("85.07.30-033.61"), China's resident ID, Portugal's citizen card; and, after their label only, since their
digits alone are anything, the Dutch BSN, the Norwegian fødselsnummer, the Danish CPR, the Israeli ID and the
Argentine DNI. Ghana's card PIN ("GHA-123456789-0") and Jamaica's TRN after its label have no public check.

A number of that kind is as sensitive as a US Social Security number, so it is reported under `ssn`; a check
digit that fails drops the match, one that passes keeps the pattern's score (one number in ten or eleven passes
a check by chance).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import regex
from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

#: Each shape, the stdnum module whose `is_valid` checks it (None: no public check), and its score.
_SHAPES: tuple[tuple[str, str, str | None, float], ...] = (
    ("Brazil CPF", r"\d{3}\.\d{3}\.\d{3}-\d{2}", "stdnum.br.cpf", 0.6),
    ("France NIR", r"[12][ ]?\d{2}[ ]?(?:0[1-9]|1[0-2]|[2-9]\d)[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}[ ]?\d{2}", "stdnum.fr.nir", 0.6),
    ("Pakistan CNIC", r"\d{5}-\d{7}-\d", "stdnum.pk.cnic", 0.6),
    ("Chile RUT", r"\d{1,2}\.\d{3}\.\d{3}-[\dK]", "stdnum.cl.rut", 0.6),
    ("Mexico CURP", r"(?-i:[A-Z]{4}\d{6}[HM][A-Z]{5}[0-9A-Z]\d)", "stdnum.mx.curp", 0.6),
    ("Belgium national number", r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}", "stdnum.be.nn", 0.6),
    ("China resident ID", r"\d{17}[\dX]", "stdnum.cn.ric", 0.5),
    ("Portugal citizen card", r"\d{8}[ ]?\d[ ]?(?-i:[A-Z]{2})\d", "stdnum.pt.cc", 0.6),
    ("Ghana card PIN", r"(?-i:GHA)-\d{9}-\d", None, 0.7),
)
#: Labelled numbers: the label, the value's shape, its stdnum module and score.
_LABELLED: tuple[tuple[str, str, str, str | None, float], ...] = (
    ("Netherlands BSN", r"bsn|burgerservicenummer", r"\d{4}\.?\d{2}\.?\d{3}|\d{9}", "stdnum.nl.bsn", 0.7),
    ("Norway fødselsnummer", r"f[øo]dselsnummer|personnummer", r"\d{6}[ ]?\d{5}", "stdnum.no.fodselsnummer", 0.7),
    ("Denmark CPR", r"cpr(?:-?nr\.?|-?nummer)?", r"\d{6}-?\d{4}", "stdnum.dk.cpr", 0.7),
    ("Israel ID", r"teudat\s+zehut|israeli\s+id", r"\d{9}", "stdnum.il.idnr", 0.7),
    ("Argentina DNI", r"dni", r"\d{1,2}\.?\d{3}\.?\d{3}", "stdnum.ar.dni", 0.7),
    ("Brazil CPF (labelled)", r"cpf", r"\d{11}", "stdnum.br.cpf", 0.7),
    ("Jamaica TRN", r"(?-i:TRN)|taxpayer\s+registration\s+number", r"\d{3}[- ]?\d{3}[- ]?\d{3}", None, 0.7),
)


class NationalIdRecognizer(DeclaredPatternRecognizer):
    """A national identity number of one of the shapes above, checked by python-stdnum where a check exists."""

    ENTITY = "NATIONAL_ID"
    MIN_DIGITS = 8  # a CURP's
    PATTERNS = [
        *(Pattern(name, rf"(?<![\w.-]){shape}(?![\w-]|\.\d)", score) for name, shape, _, score in _SHAPES),
        *(Pattern(name, after_label(label, value), score) for name, label, value, _, score in _LABELLED),
    ]
    CONTEXT = ["cpf", "nir", "cnic", "rut", "curp", "national", "identity", "id", "bsn", "cpr", "dni", "trn", "card"]

    def __init__(self) -> None:
        super().__init__()
        self._checks = [
            (regex.compile(shape, regex.IGNORECASE), _is_valid(module)) for shape, module in _checked_shapes() if module is not None
        ]

    def validate_result(self, pattern_text: str) -> bool | None:
        """False when a check digit fails for the shape the text has; None (the pattern's score) otherwise."""
        for shape, is_valid in self._checks:
            if shape.fullmatch(pattern_text) and is_valid(pattern_text):
                return None
        return False if any(shape.fullmatch(pattern_text) for shape, _ in self._checks) else None


def _checked_shapes() -> list[tuple[str, str | None]]:
    return [(shape, module) for _, shape, module, _ in _SHAPES] + [(value, module) for _, _, value, module, _ in _LABELLED]


def _is_valid(module: str) -> Callable[[str], bool]:
    """stdnum's `is_valid` of `module`, which strips the separators itself."""
    is_valid: Callable[[str], bool] = importlib.import_module(module).is_valid
    return is_valid
