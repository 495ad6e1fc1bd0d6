"""The item's own header values, looked for in its OCR text with OCR's misreads forgiven.

`identifying_values(dataset)` (auditor.scanners.dicom.identifying) gives names, IDs, dates, institutions of
the header with their on-screen spellings. Each spelling is compared with runs of OCR words after folding
the characters OCR confuses into one class (0/O/D/Q, 1/l/I/|/!, 5/S, 8/3/B, 2/Z, 6/G) and dropping
punctuation, by edit distance: none for spellings shorter than 6 characters, 1 up to 10, 2 beyond. A run that
ends in an ellipsis (`CCHS CLEVELAN..`, a banner cut to fit) matches the spelling's start of the same length
(at least 6 characters). One word that ends with an ID's or a date's spelling is that value with its label
run into it (`AccA20240916162`). Values are raw PHI: they stay in this process, only matches leave it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.scanners.dicom.identifying import IdentifyingValue
    from auditor.scanners.pixel.ocr import OcrText

_CONFUSABLE = str.maketrans(
    {"o": "0", "d": "0", "q": "0", "l": "1", "i": "1", "|": "1", "!": "1", "s": "5", "3": "8", "b": "8", "z": "2", "g": "6"}
)
#: Institution and department values too generic to identify anyone.
_GENERIC = frozenset(
    {
        "radiology",
        "default",
        "ultrasound",
        "imaging",
        "cardiology",
        "ct",
        "mri",
        "us",
        "er",
        "ed",
        "icu",
        "department",
        "hospital",
        "clinic",
    }
)
#: What a viewer prints after a value it cut short ("CLEVELAN.."): a prefix of six characters or more of a header
#: value before it is that value cut short. OCR may read the two dots as one: then the prefix must be exact and of
#: eight characters or more ("CLEVELAN."), since a sentence ends with one too ("Dr Peters.").
_ELLIPSIS = ("..", "…")
_ONE_DOT_PREFIX = 8
#: Runs of at most this many OCR words are compared with a spelling.
MAX_RUN = 6


@dataclass(frozen=True, slots=True)
class DenyMatch:
    start: int  # [start, end) in the OCR text
    end: int
    kind: str  # a Safe Harbor identifier, or "institution"
    field: str  # the header attribute it matches
    distance: int


def canonical(text: str) -> str:
    return "".join(ch for ch in text.casefold().translate(_CONFUSABLE) if ch.isalnum())


def allowed_distance(length: int) -> int:
    return 0 if length < 6 else 1 if length <= 10 else 2


def spellings(values: Sequence[IdentifyingValue]) -> list[tuple[str, IdentifyingValue]]:
    """(canonical spelling, value) pairs worth looking for: long enough, not generic."""
    out: list[tuple[str, IdentifyingValue]] = []
    seen: set[tuple[str, str]] = set()
    for value in values:
        if value.kind == "institution" and value.value.strip().casefold() in _GENERIC:
            continue
        for variant in value.variants:
            key = canonical(variant)
            minimum = 3 if value.kind == "names" else 4
            if len(key) < minimum or (key.isdigit() and len(key) < 5 and value.kind != "dates"):
                continue
            if (key, value.kind) not in seen:
                seen.add((key, value.kind))
                out.append((key, value))
    return out


def find(ocr: OcrText, values: Sequence[IdentifyingValue]) -> list[DenyMatch]:
    """Every run of OCR words that spells one of `values` (best match per run, longest runs first)."""
    wanted = spellings(values)
    if not wanted or not ocr.words:
        return []
    words = [canonical(w.text) for w in ocr.words]
    ellipsis = [w.text.rstrip().endswith(_ELLIPSIS) for w in ocr.words]
    one_dot = [not cut and w.text.rstrip().endswith(".") for w, cut in zip(ocr.words, ellipsis)]
    matches: list[DenyMatch] = []
    taken: list[tuple[int, int]] = []
    candidates: list[tuple[int, int, int, str, IdentifyingValue]] = []
    for i in range(len(words)):
        joined = ""
        for j in range(i, min(len(words), i + MAX_RUN)):
            if j > i and "\n" in ocr.text[ocr.offsets[j - 1][1] : ocr.offsets[j][0]]:
                break  # a run stays on one line
            joined += words[j]
            if not joined:
                continue
            for key, value in wanted:
                if j == i and _fused_label(joined, key, value):
                    candidates.append((_distance(joined[-len(key) :], key) + 1, 0, i, str(j), value))
                    continue
                if len(joined) > len(key) + 2:
                    continue
                distance = _distance(joined, key)
                if distance <= allowed_distance(len(key)):
                    candidates.append((distance, -(j - i), i, str(j), value))
                elif (
                    ellipsis[j]
                    and len(joined) >= 6
                    and len(joined) < len(key)
                    and _distance(joined, key[: len(joined)]) <= allowed_distance(len(joined))
                ):
                    candidates.append((_distance(joined, key[: len(joined)]) + 1, -(j - i), i, str(j), value))
                elif one_dot[j] and _ONE_DOT_PREFIX <= len(joined) < len(key) and key.startswith(joined):
                    candidates.append((1, -(j - i), i, str(j), value))
    for distance, _, i, j_text, value in sorted(candidates, key=lambda c: (c[1], c[0], c[2])):
        j = int(j_text)
        start, end = ocr.offsets[i][0], ocr.offsets[j][1]
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        matches.append(DenyMatch(start, end, value.kind, value.field, distance))
    return sorted(matches, key=lambda m: m.start)


def _fused_label(word: str, key: str, value: IdentifyingValue) -> bool:
    """Whether one OCR word is an ID or a date with its label run into it (`AccA20240916162`, `MRN:E5159482`
    read without the space): the word ends with the spelling. Names are left out (a longer word ending in a
    short name is another word)."""
    return (
        value.kind != "names" and len(key) >= 6 and len(word) > len(key) and _distance(word[-len(key) :], key) <= allowed_distance(len(key))
    )


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small strings)."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > 2:
        return 99
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
