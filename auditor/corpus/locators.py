"""Locators unique by construction: the characters that separate a locator's parts are escaped inside a part.

A locator joins a file's relative name, an archive member (`!`), a record (`#`) and, where a record id or a
member name repeats, the record's place (`@line-7`, `@2`). A `#`, `!` or `@` in a file or member name or a record
id is percent-encoded, and so is a backslash (a name that is not UTF-8 shows its bytes as `\\xff`) (`collide.jsonl#7` the file is `collide.jsonl%237`), as are `%` itself and control
characters (a name can then never put an escape sequence on a terminal), so no name can pose as another
locator's record, member or place.
"""

from __future__ import annotations

import re

_RESERVED = re.compile(r"[%#!@\\\x00-\x1f\x7f-\x9f]")


def escaped(part: str) -> str:
    """`part` with the locator's separators, `%` and control characters percent-encoded (UTF-8 bytes)."""
    return _RESERVED.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group(0).encode("utf-8")), part)


def unique(locator: str, seen: set[str], place: str) -> str:
    """`locator`, or `locator@place` when an earlier item of the same file already took it; records `seen`."""
    chosen = locator if locator not in seen else f"{locator}@{place}"
    seen.add(chosen)
    return chosen
