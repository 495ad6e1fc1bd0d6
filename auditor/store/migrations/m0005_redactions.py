"""Store version 5: `phi-audit redact` runs and what became of each item (no value, only counts and hashes)."""

SQL = """
CREATE TABLE IF NOT EXISTS redaction_runs (
    id INTEGER PRIMARY KEY,
    finished_at TEXT NOT NULL,
    out TEXT NOT NULL,               -- the folder the copies were written to
    policy TEXT NOT NULL,
    options TEXT NOT NULL,           -- JSON: text style, pixels, DICOM profile, min risk, items, verify
    written INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    residual INTEGER NOT NULL        -- copies the verifying re-scan still found an identifier in
);
CREATE TABLE IF NOT EXISTS redactions (
    run_id INTEGER NOT NULL REFERENCES redaction_runs(id),
    item TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,            -- written | refused
    reason TEXT,
    removed TEXT NOT NULL,           -- JSON {identifier: count}
    boxes INTEGER NOT NULL,
    residual TEXT,                   -- JSON list of the identifiers left, NULL when not verified
    source_sha256 TEXT,
    copy_sha256 TEXT
);
CREATE INDEX IF NOT EXISTS redactions_run ON redactions(run_id);
"""
