"""Reading a corpus: folders, files and zip archives into Items, with every unreadable thing reported."""

from auditor.corpus.reader import MediaLink, read_corpus

__all__ = ["MediaLink", "read_corpus"]
