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
