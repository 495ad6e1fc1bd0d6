"""The findings store: a SQLite file whose schema is a list of numbered migrations (`migrations/`)."""

from auditor.store.findings_store import FindingsStore, StoredItem, StoreError
from auditor.store.migrations import LATEST as SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "FindingsStore", "StoreError", "StoredItem"]
