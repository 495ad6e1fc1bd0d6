"""The Annex E rules, loaded once from `annex_e.json` (built by `build_annex_e.py` from Table E.1-1)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("annex_e.json")


@dataclass(frozen=True, slots=True)
class Rule:
    tag: str
    keyword: str | None
    name: str
    vr: str | None
    action: str
    identifier: str | None
    rule: str  # value | free_text | sequence | binary | age | private

    @property
    def entity(self) -> str:
        """`DICOM_ANNEX_E_<action>`: the action code with `/` as `_` (`X/Z/D` → `DICOM_ANNEX_E_X_Z_D`), no `*`."""
        return "DICOM_ANNEX_E_" + self.action.replace("/", "_").replace("*", "")


@dataclass(frozen=True)
class AnnexE:
    by_tag: dict[int, Rule]
    #: (mask, value, rule) for the repeating groups (50xx,xxxx), (60xx,3000), (60xx,4000).
    repeating: tuple[tuple[int, int, Rule], ...]
    private: Rule

    def lookup(self, tag: int) -> Rule | None:
        rule = self.by_tag.get(tag)
        if rule is not None:
            return rule
        for mask, value, repeating in self.repeating:
            if tag & mask == value:
                return repeating
        return None


@functools.cache
def annex_e() -> AnnexE:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    by_tag: dict[int, Rule] = {}
    repeating = []
    private = None
    for row in data["attributes"]:
        rule = Rule(row["tag"], row["keyword"], row["name"], row["vr"], row["action"], row["identifier"], row["rule"])
        hex_tag = row["tag"][1:5] + row["tag"][6:10]
        if row["rule"] == "private":
            private = rule
        elif "X" in hex_tag:
            mask = int("".join("0" if c == "X" else "F" for c in hex_tag), 16)
            value = int(hex_tag.replace("X", "0"), 16)
            repeating.append((mask, value, rule))
        else:
            by_tag[int(hex_tag, 16)] = rule
    assert private is not None, "annex_e.json has no Private Attributes row"
    return AnnexE(by_tag, tuple(repeating), private)
