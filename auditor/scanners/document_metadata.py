"""The document metadata scanner: who wrote an HTML page or an Office / OpenDocument file, and what its
properties say (auditor/corpus/markup.py reads them). Authors and last editors are names by definition (the
whole value, like a PDF's Author); titles, subjects, keywords and descriptions are free text for the text
scanner. A text item without a document's bytes (a plain note, a post) has no metadata and yields nothing."""

from __future__ import annotations

from auditor.corpus.markup import metadata_of
from auditor.scanners.image_metadata.entries import AUTHOR, TEXT, EntriesScanner, Entry
from auditor.scanners.versions import KINDS, VERSIONS


class DocumentMetadataScanner(EntriesScanner):
    name = "document_metadata"
    version = VERSIONS[name]
    kinds = KINDS[name]

    def entries_of(self, data: bytes) -> list[Entry]:
        return [Entry(field, value, AUTHOR if is_author else TEXT) for field, value, is_author in metadata_of(data)] if data else []
