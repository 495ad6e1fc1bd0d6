"""Text from a corpus made safe for a terminal or a spreadsheet.

A file name or a reason may hold escape sequences (set the terminal's title, clear its screen) and a CSV cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by spreadsheets (OWASP
"CSV injection"). Every terminal output goes through `printable`, every CSV export cell through `csv_cell`.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """`text` with control characters (escape sequences, bidi overrides) shown as `\\x1b`-style escapes;
    tabs and newlines are kept."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a string starting like a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_QUOTED = re.compile(r"'[^'\n]{1,200}'|\"[^\"\n]{1,200}\"")


def masked_quotes(reason: str) -> str:
    """A library's error message with every quoted value masked: pydicom quotes the value it could not parse
    (`Invalid value 'DOE^JANE' for VR UI`), which would put a header's PHI into the store's error reasons."""
    from auditor.evidence import mask

    return _QUOTED.sub(lambda m: m.group(0)[0] + mask(m.group(0)[1:-1]) + m.group(0)[-1], reason)


def quiet_libraries() -> None:
    """Keep pydicom's warnings and log records (which quote header values) off stderr: what matters of them is
    raised and becomes the item's error. Called once by the command line and by each pool worker."""
    import logging
    import warnings

    logging.getLogger("pydicom").propagate = False
    warnings.filterwarnings("ignore", module=r"pydicom(\..*)?$")
