"""Scanner and acquisition text that is burned into medical images and is not PHI.

Two parts: the terms in `equipment_terms.txt` (kVp, mAs, WL/WW, TIS, MI, L/R markers, CHEST PA, views,
anatomy presets of ultrasound, vendors; one per line, case-insensitive) and patterns for what varies: numbers
with units (`36Hz`, `4.0cm`, `20dB`, `19fps`), safety indices with values (`TIS0.5`, `MI=0.8`, `TIB:0.5`),
transducer names (`L12-5`, `6C1`, `15L4`), window settings (`W:400`, `WL 40/400`), frame and image counters
(`IM#2`, `12/30`, `Fr 3`), times of day (`05:24:57PM`, `+2:09:04`), percentages, zoom factors (`x3`).

`is_equipment(word)` says whether one OCR word is such text. The burned-in text scanner drops a detection
whose words are all equipment text, drops a name that contains an anatomy or preset word (`Adv Breast` is a
preset, not a person), and never counts equipment words as residual text.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

_STRIP = " \t.,;:!?()[]{}'\"*_-=~|<>"
_PATTERNS = re.compile(
    r"""^(?:
        [+-]?\d+(?:[.,]\d+)?\s*(?:hz|khz|mhz|db|cm|mm|m|fps|bpm|%|kv|kvp|ma|mas|ms|s|sec|deg|mgy|ml|cc|cm/s|mm/s|m/s|mmhg|x)
      | x\d+(?:[.,]\d+)?
      | (?:tis|tib|tic|tisb|tiss|mi|ao|gn|dr|c|g|p|wf|prf|fr|im|img|ima|se|ser|w|l|wl|ww|ei|di|sid|fov)\s*[:<=#]?\s*[+-]?\d+(?:[.,]\d+)?%?
      | [a-z]{0,2}\d{1,2}-\d{1,2}[a-z]{0,2}          # transducers L12-5, C5-1
      | \d{1,2}[a-z]{1,2}\d{1,2}[a-z]{0,2}            # 6C1, 15L4
      | \d{1,3}%
      | [+-]?\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?     # times of day and elapsed times
      | \d{1,4}/\d{1,4}                                # counters 12/30, W/L 400/40 (dates have two slashes)
      | [a-z]{1,3}\d{1,2}                               # M3, ST2, DR60, TAC1
      | \d{1,3}(?:[.,]\d+)?                             # a short bare number (depths, gains, angles)
      | [a-z]{1,2}/[a-z]{1,3}(?:/[a-z0-9]{1,3})*        # OM/C/3/H/TV3, W/L
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


@functools.cache
def equipment_terms() -> frozenset[str]:
    text = resources.files("auditor.scanners.pixel").joinpath("equipment_terms.txt").read_text("utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_equipment(word: str) -> bool:
    """Whether one OCR word is scanner/acquisition text (or punctuation only)."""
    core = word.strip(_STRIP)
    if not core:
        return True
    folded = core.casefold()
    if folded in equipment_terms():
        return True
    if _PATTERNS.match(folded):
        return True
    parts = [p for p in re.split(r"[/:=+]", folded) if p]
    return len(parts) > 1 and all(p in equipment_terms() or _PATTERNS.match(p) for p in parts)


def all_equipment(words: list[str]) -> bool:
    return bool(words) and all(is_equipment(w) for w in words)


def any_anatomy_or_preset(words: list[str]) -> bool:
    """A 'name' made with a term of the list (`Adv Breast`, `Sag Liver`) is a preset or a view label."""
    return any(w.strip(_STRIP).casefold() in equipment_terms() for w in words if len(w.strip(_STRIP)) >= 2)
