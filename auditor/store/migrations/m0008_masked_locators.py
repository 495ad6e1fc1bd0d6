"""Store version 8: locators whose names hold an identifier are stored masked (auditor/locator_masks.py). This
table maps the keyed digest of each such item's true locator to the masked one it is stored under, so a re-scan
finds its item without the store holding the name; a row goes with its item."""

SQL = """
CREATE TABLE IF NOT EXISTS masked_locators (
    digest TEXT PRIMARY KEY,   -- HMAC-SHA256 of the true locator under the store's key
    locator TEXT NOT NULL UNIQUE
);
CREATE TRIGGER IF NOT EXISTS masked_locators_forget AFTER DELETE ON items
BEGIN
    DELETE FROM masked_locators WHERE locator = old.locator;
END;
"""
