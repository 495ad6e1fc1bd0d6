"""Quasi-identifiers per item (auditor/risk/quasi.py): generalized values only, one row an item, removed with it."""

SQL = """
CREATE TABLE IF NOT EXISTS quasi_identifiers (
    item TEXT PRIMARY KEY,
    version INTEGER NOT NULL,        -- auditor.risk.quasi.QUASI_VERSION that extracted it
    age_band TEXT,
    sex TEXT,
    state TEXT,
    zip3 TEXT,
    city TEXT,                       -- keyed digest, never the name
    facility TEXT,                   -- keyed digest, never the name
    month TEXT,                      -- YYYY-MM
    modality TEXT,
    body_part TEXT,
    health TEXT NOT NULL             -- JSON list of health categories
);
-- a subject (an item and its media) read as one: auditor/store/quasi_store.subjects
CREATE INDEX IF NOT EXISTS items_subject ON items(COALESCE(parent, locator));
CREATE TRIGGER IF NOT EXISTS quasi_identifiers_forget AFTER DELETE ON items
BEGIN
    DELETE FROM quasi_identifiers WHERE item = old.locator;
END;
"""
