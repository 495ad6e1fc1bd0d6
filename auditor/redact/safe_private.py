"""The safe-private list of the Retain Safe Private Option (PS3.15 E.3.10): private attributes the standard
names as known to be safe from identity leakage, kept as data (`safe_private.json`, with its provenance) the
way pydicom/deid keeps its recipes, so a reader can see and extend what is kept without reading code."""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).with_name("safe_private.json")


@functools.cache
def _entries() -> dict[tuple[str, int, int], str]:
    """(creator folded, group, element within the block) → VR."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))["attributes"]
    return {(r["creator"].strip().casefold(), int(r["group"], 16), int(r["element"], 16)): r["vr"] for r in rows}


#: Listed VRs whose value, read as UN (an implicit-VR file whose creator pydicom does not know), is still a number.
_NUMBERS = frozenset({"DS", "IS", "FL", "FD", "SL", "SS", "UL", "US"})


def is_safe(creator: str, tag: int, vr: str) -> bool:
    """The private element `tag` of the block reserved by `creator` is on the list with this VR. A UN value
    matches a listed number only: a text read as UN bytes could not be cleaned."""
    listed = _entries().get((creator.strip().casefold(), tag >> 16, tag & 0xFF))
    return listed is not None and (vr == listed or (vr == "UN" and listed in _NUMBERS))
