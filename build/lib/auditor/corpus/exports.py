"""Post exports: each record of a JSON Lines file, JSON array, X/Twitter archive or Reddit listing is an item.

A malformed record is reported with its line (or index) and the rest of the file is still read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain
from typing import Any, Iterable, Iterator

#: Generic record keys that hold post text, in the order they are read.
_TEXT_KEYS = ("title", "text", "full_text", "selftext", "body", "content", "message", "caption")
_ID_KEYS = ("id", "id_str", "post_id", "uuid")
_AUTHOR_KEYS = ("author", "user", "username", "screen_name")
_DATE_KEYS = ("created_at", "created_utc", "date", "timestamp")
_X_ARCHIVE_HEAD = re.compile(r"^\s*window\.YTD\.[\w.]+\s*=\s*")


@dataclass(frozen=True)
class PostRecord:
    id: str
    fields: dict[str, str]
    author: str | None = None
    created_at: str | None = None
    media: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordError:
    """A record that could not be read; `where` is `line N` or `record N`."""

    where: str
    reason: str
    id: str | None = None


@dataclass
class ExportFile:
    """The outcome of reading one export: its records and the records that failed. A JSON Lines export's
    records are made one line at a time as they are read, never held as a list."""

    format: str
    records: Iterable[PostRecord | RecordError] = field(default_factory=list)

    @property
    def unparsed(self) -> str | None:
        """Why the whole file could not be parsed, or None (a JSON file's records are a list, read again here)."""
        return next((record.reason for record in self.records if isinstance(record, RecordError) and record.where == "file"), None)

    def with_posts(self) -> ExportFile | None:
        """This export, or None when no record looks like a post: the file is other JSON, read as plain text.
        Reads only as far as the first post."""
        records = iter(self.records)
        head: list[PostRecord | RecordError] = []
        for record in records:
            head.append(record)
            if isinstance(record, PostRecord):
                return ExportFile(self.format, chain(head, records))
        return None


def export_format(name: str, text: str) -> str | None:
    """Which post export a file is (`jsonl`, `json`, `x-archive`, `reddit`), or None for plain text."""
    lower = name.lower()
    head = text.lstrip()[:200]
    if lower.endswith(".js") and _X_ARCHIVE_HEAD.match(head):
        return "x-archive"
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith(".json") and head[:1] in "[{":
        return "reddit" if '"kind"' in head and "Listing" in text[:2000] else "json"
    return None


def read_export(fmt: str, text: str) -> ExportFile:
    """Parse an export of format `fmt` into its records."""
    if fmt == "jsonl":
        return ExportFile(fmt, _jsonl_records(text))
    export = ExportFile(fmt)
    body = _X_ARCHIVE_HEAD.sub("", text, count=1) if fmt == "x-archive" else text
    try:
        document = _loads(body)
    except ValueError as error:
        export.records.append(RecordError("file", f"not valid JSON: {error}"))
        return export
    if fmt == "x-archive":
        entries = document if isinstance(document, list) else []
        export.records.extend(_record_or_error(entry.get("tweet", entry) if isinstance(entry, dict) else entry, f"record {n}") for n, entry in enumerate(entries, 1))
    elif fmt == "reddit":
        export.records.extend(_reddit_records(document))
    elif isinstance(document, list):
        export.records.extend(_record_or_error(entry, f"record {n}") for n, entry in enumerate(document, 1))
    elif isinstance(document, dict) and isinstance(document.get("posts"), list):
        export.records.extend(_record_or_error(entry, f"record {n}") for n, entry in enumerate(document["posts"], 1))
    else:
        export.records.append(_record_or_error(document, "record 1"))
    return export


def _jsonl_records(text: str) -> Iterator[PostRecord | RecordError]:
    for number, line in enumerate(_lines(text), 1):
        if not line.strip():
            continue
        try:
            entry = _loads(line)
        except ValueError as error:
            yield RecordError(f"line {number}", f"malformed JSON record: {error}")
            continue
        yield _record_or_error(entry, f"line {number}")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` one by one (a record's line ends at "\\n"; "\\r" is stripped with the blanks)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def _reddit_records(document: Any) -> Iterator[PostRecord | RecordError]:
    """A Reddit listing, or a list of listings (a post page: the post, then its comments), walked with replies."""
    listings = document if isinstance(document, list) else [document]
    pending = [listing for listing in listings if isinstance(listing, dict)]
    number = 0
    while pending:
        thing = pending.pop(0)
        data = thing.get("data") if isinstance(thing.get("data"), dict) else {}
        children = data.get("children")
        if isinstance(children, list):
            pending[:0] = [child for child in children if isinstance(child, dict)]
            continue
        number += 1
        replies = data.get("replies")
        if isinstance(replies, dict):
            pending.insert(0, replies)
        yield _record_or_error(data, f"record {number}")


def _record_or_error(entry: Any, where: str) -> PostRecord | RecordError:
    if not isinstance(entry, dict):
        return RecordError(where, f"record is a JSON {type(entry).__name__}, not an object")
    record_id = _first_string(entry, _ID_KEYS)
    fields = {key: entry[key] for key in _TEXT_KEYS if isinstance(entry.get(key), str) and entry[key].strip()}
    if record_id is None:
        return RecordError(where, "record has no id")
    if not fields:
        return RecordError(where, f"record has no text field ({', '.join(_TEXT_KEYS)})", id=record_id)
    media = entry.get("media")
    media_paths = tuple(m for m in media if isinstance(m, str)) if isinstance(media, list) else ()
    return PostRecord(record_id, fields, _author(entry), _created_at(entry), media_paths)


def _first_string(entry: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            return str(value)
    return None


def _author(entry: dict[str, Any]) -> str | None:
    author = _first_string(entry, _AUTHOR_KEYS)
    if author is None and isinstance(entry.get("user"), dict):
        author = _first_string(entry["user"], ("screen_name", "name"))
    return author


def _created_at(entry: dict[str, Any]) -> str | None:
    """The record's time as ISO 8601 (UTC) where it can be read; the original string otherwise."""
    for key in _DATE_KEYS:
        value = entry.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=timezone.utc).isoformat()
        if isinstance(value, str) and value:
            if value[:3].isalpha():  # X archive: "Wed Oct 10 20:19:24 +0000 2018" (ISO strings are kept as they are)
                try:
                    return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
                except ValueError:
                    pass
            return value
    return None


def _loads(text: str) -> Any:
    """json.loads, with a document nested too deep for the parser reported as malformed, not a crash."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to parse") from None
