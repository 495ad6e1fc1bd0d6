"""Quasi-identifiers version 2 (auditor/risk/quasi.py): the country of a photo's GPS position and the ICD-10-CM
chapters of the conditions an item names. Rows of version 1 stay until their item is scanned again."""

SQL = """
ALTER TABLE quasi_identifiers ADD COLUMN country TEXT;          -- ISO 3166 alpha-2
ALTER TABLE quasi_identifiers ADD COLUMN chapters TEXT NOT NULL DEFAULT '[]';  -- JSON list of chapter code ranges
"""
