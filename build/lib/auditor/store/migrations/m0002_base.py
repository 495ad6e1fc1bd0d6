"""The schema as of store version 2: runs, items, findings, per-item errors, verdicts and the meta table."""

SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,            -- running | finished | interrupted | workers lost
    paths TEXT NOT NULL,             -- JSON list of what was scanned
    policy TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    scanners TEXT NOT NULL,          -- JSON {name: version}
    items_scanned INTEGER NOT NULL DEFAULT 0,
    items_skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    locator TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    parent TEXT,
    author TEXT,                     -- masked, like evidence
    author_digest TEXT,              -- keyed digest of the raw author: one account's items link up
    created_at TEXT,
    size INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    scanned_with TEXT NOT NULL,      -- JSON {scanner: version} that produced the findings
    complete INTEGER NOT NULL,       -- 0 when any part could not be scanned
    run_id INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX IF NOT EXISTS items_parent ON items(parent);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL,
    source TEXT NOT NULL,
    field TEXT NOT NULL,
    entity TEXT NOT NULL,
    identifier TEXT,
    health TEXT,
    span_start INTEGER,
    span_end INTEGER,
    bbox TEXT,
    score REAL NOT NULL,
    scanner TEXT NOT NULL,
    evidence TEXT NOT NULL,
    digest TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_item ON findings(item);
CREATE INDEX IF NOT EXISTS findings_digest ON findings(digest);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    run_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS errors_item ON errors(item);
CREATE TABLE IF NOT EXISTS verdicts (
    item TEXT NOT NULL,
    policy TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    risk TEXT NOT NULL,
    rules TEXT NOT NULL,
    identifiers TEXT NOT NULL,
    health TEXT NOT NULL,
    complete INTEGER NOT NULL,
    PRIMARY KEY (item, policy)
);
"""
