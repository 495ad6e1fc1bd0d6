"""atheris target: decoding and the post-export readers (JSON Lines, JSON, X archive, Reddit) on arbitrary
bytes. They never raise: a bad record is a RecordError."""

import atheris

with atheris.instrument_imports(include=["auditor"]):
    from auditor.corpus.decode import decode_text
    from auditor.corpus.exports import PostRecord, RecordError, export_format, read_export


def read_every_format(data: bytes) -> None:
    text, _ = decode_text(data)
    export_format("posts.json", text)
    for fmt in ("jsonl", "json", "x-archive", "reddit"):
        export = read_export(fmt, text)
        assert all(isinstance(record, (PostRecord, RecordError)) for record in export.records)


if __name__ == "__main__":
    from target import fuzz

    fuzz(read_every_format)
