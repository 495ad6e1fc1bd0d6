"""The identifying values of one DICOM header: what the pixel scanner should look for in burned-in text.

`identifying_values(dataset)` is a pure function over a pydicom Dataset (no I/O, no store): names, patient and
accession IDs, other record numbers, birth/study dates, phone numbers, addresses, institution and device serial
numbers, from every depth of the header. Pseudonyms (`ANON^0007`, `XXXXXX`) and UIDs are left out (no one burns
a UID into an image). Each value comes with the spellings it is likely to take on screen: a PN `DOE^JOHN` as
`DOE`, `JOHN`, `JOHN DOE`, `DOE JOHN`, `DOE, JOHN`; a date `20240131` as `2024-01-31`, `01/31/2024`,
`31/01/2024`, `31.01.2024`, `31-Jan-2024`, `Jan 31 2024`.

The values are raw PHI: they are for matching inside the worker process only, never to be stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydicom.multival import MultiValue

from auditor.scanners.dicom.deid import is_not_a_name, is_pseudonym
from auditor.scanners.dicom.rules import annex_e

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

#: Safe Harbor identifiers worth looking for in pixels (UIDs, URLs, ages are not written on images).
_LOOKED_FOR = frozenset({"names", "mrn", "account", "dates", "phone", "geographic", "health_plan", "device", "other_unique_id"})
#: Not Safe Harbor identifiers by themselves, but identifying on an image: where it was taken.
_INSTITUTION = frozenset({"InstitutionName", "InstitutionalDepartmentName", "StationName"})
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class IdentifyingValue:
    field: str  # attribute path, as in findings
    kind: str  # a Safe Harbor identifier, or "institution"
    value: str  # the header's value
    variants: tuple[str, ...]  # spellings to look for, including `value` itself


def identifying_values(dataset: Dataset) -> list[IdentifyingValue]:
    """Every identifying value in `dataset` (and its sequences), in header order, without duplicates."""
    seen: set[tuple[str, str]] = set()
    found = []
    for value in _walk(dataset, ""):
        key = (value.kind, value.value.casefold())
        if key not in seen:
            seen.add(key)
            found.append(value)
    return found


def _walk(dataset: Dataset, prefix: str) -> Iterator[IdentifyingValue]:
    rules = annex_e()
    for tag in list(dataset.keys()):
        try:
            element = dataset[tag]
        except Exception:
            continue
        if element.tag.is_private:
            continue
        path = prefix + (element.keyword or f"({element.tag.group:04X},{element.tag.element:04X})")
        if element.VR == "SQ":
            for index, item in enumerate(element.value or ()):
                yield from _walk(item, f"{path}[{index}].")
            continue
        rule = rules.lookup(int(element.tag))
        kind = "institution" if element.keyword in _INSTITUTION else (rule.identifier if rule and rule.rule == "value" else None)
        if kind is None or (kind not in _LOOKED_FOR and kind != "institution") or element.VR == "UI":
            continue
        for text in _values(element):
            if kind == "names" and is_not_a_name(text):
                continue
            if kind != "names" and is_pseudonym(text):
                continue
            yield IdentifyingValue(path, kind, text, _variants(text, kind, element.VR))


def _values(element) -> list[str]:
    value = element.value
    if value is None or isinstance(value, bytes):
        return []
    values = list(value) if isinstance(value, (list, tuple, MultiValue)) else [value]
    return [str(v).strip() for v in values if str(v).strip()]


def _variants(text: str, kind: str, vr: str) -> tuple[str, ...]:
    variants = [text]
    if kind == "names":
        parts = [p.strip() for p in text.split("^")[:2]]
        family, given = (parts + [""])[:2]
        for variant in (family, given, f"{given} {family}", f"{family} {given}", f"{family}, {given}", f"{family}^{given}"):
            variant = variant.strip(" ,^")
            if len(variant) >= 2:
                variants.append(variant)
    elif vr == "DA" and len(text) == 8 and text.isdigit():
        y, m, d = text[:4], text[4:6], text[6:]
        variants += [f"{y}-{m}-{d}", f"{m}/{d}/{y}", f"{d}/{m}/{y}", f"{d}.{m}.{y}", f"{y}/{m}/{d}"]
        if 1 <= int(m) <= 12:
            month = _MONTHS[int(m) - 1]
            variants += [f"{d}-{month}-{y}", f"{month} {d} {y}", f"{d} {month} {y}"]
    return tuple(dict.fromkeys(variants))
