"""The store's schema as numbered migrations, one module each: `mNNNN_name.py` with its SQL.

A new record type (redaction manifests, quasi-identifiers, service checks) is a new module here with the next
free number, never "re-scan into a new store": opening a store for writing applies every migration above its
version, each in one transaction. Numbers may leave gaps; they only order. Version 2 is the baseline: stores
older than that were made before migrations existed and are refused.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Migration:
    number: int
    name: str
    sql: str


def _discover() -> tuple[Migration, ...]:
    found: list[Migration] = []
    for module_info in pkgutil.iter_modules(__path__):
        match = re.fullmatch(r"m(\d{4})_(\w+)", module_info.name)
        if match is None:
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        found.append(Migration(int(match[1]), match[2], module.SQL))
    numbers = [migration.number for migration in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two store migrations share a number: {sorted(numbers)}")
    return tuple(sorted(found))


MIGRATIONS: tuple[Migration, ...] = _discover()
BASELINE = MIGRATIONS[0].number
LATEST = MIGRATIONS[-1].number
