"""Store version 3: the checks `phi-audit serve` answered, the audit trail a compliance team keeps.

A check holds the sha256 of the uploaded bytes, never the bytes, their file name or a raw value; its items
(findings, errors, verdicts) are in the ordinary tables under the locator `checks/<check id>/…`.
"""

SQL = """
CREATE TABLE IF NOT EXISTS service_checks (
    id TEXT PRIMARY KEY,             -- the check id (random), also the start of its items' locators
    received_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    kind TEXT NOT NULL,              -- file | post
    sha256 TEXT NOT NULL,            -- of the uploaded file's bytes, or of the JSON body
    size INTEGER NOT NULL,
    item TEXT NOT NULL,              -- locator of the upload (a file, an archive, a post)
    policy TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    verdict TEXT NOT NULL,           -- the highest risk among the upload's items
    accept INTEGER NOT NULL,
    complete INTEGER NOT NULL,       -- 0 when any part could not be scanned
    findings INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX IF NOT EXISTS service_checks_sha256 ON service_checks(sha256);
"""
