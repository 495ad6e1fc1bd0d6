"""Store version 6: media shared by several posts. A medium's `parent` is the first post that references it; every
other post that does is linked here, so the medium's findings count in each of their verdicts."""

SQL = """
CREATE TABLE IF NOT EXISTS media_links (
    post TEXT NOT NULL,
    medium TEXT NOT NULL,
    PRIMARY KEY (post, medium)
);
CREATE INDEX IF NOT EXISTS media_links_medium ON media_links(medium);
"""
