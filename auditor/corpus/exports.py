"""Post exports: each record of a JSON Lines file, JSON array, X/Twitter archive or Reddit listing is an item.

A malformed record is reported with its line (or index) and the rest of the file is still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from typing import Any

#: Generic record keys that hold post text, in the order they are read.
_TEXT_KEYS = ("title", "text", "full_text", "selftext", "body", "content", "message", "caption")
_ID_KEYS = ("id", "id_str", "post_id", "uuid")
_AUTHOR_KEYS = ("author", "user", "username", "screen_name")
_DATE_KEYS = ("created_at", "created_utc", "date", "timestamp")
#: Keys whose values the platforms set and that are not about a person: counts, flags, the post's own ids, the
#: posting client. Every other string of a record, however nested, is read (a key no list foresaw included).
_PLATFORM_KEYS = frozenset(
    {
        "kind",
        "lang",
        "source",
        "subreddit",
        "permalink",
        "link_id",
        "parent_id",
        "score",
        "num_comments",
        "favorite_count",
        "retweet_count",
        "display_text_range",
        "editTweetIds",
        "editableUntil",
        "editsRemaining",
        "isEditEligible",
        "media",
    }
)
#: Bounds on flattening a record's structure: nesting depth, string values and characters read per record.
MAX_RECORD_DEPTH = 32
MAX_RECORD_STRINGS = 2_000
MAX_RECORD_CHARS = 4 * 1024 * 1024
_X_ARCHIVE_HEAD = re.compile(r"^\s*window\.YTD\.[\w.]+\s*=\s*")


@dataclass(frozen=True)
class PostRecord:
    id: str
    fields: dict[str, str]
    author: str | None = None
    created_at: str | None = None
    media: tuple[str, ...] = ()
    #: What of the record was not read (over the depth or size bounds), one reason each: the item's errors.
    cut: tuple[str, ...] = ()
    #: Where the record is in its file (`line 7`, `record 7`), which locates it when its id repeats.
    where: str = ""


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
    records: list[PostRecord | RecordError] = []
    export = ExportFile(fmt, records)
    body = _X_ARCHIVE_HEAD.sub("", text, count=1) if fmt == "x-archive" else text
    try:
        document = _loads(body)
    except ValueError as error:
        records.append(RecordError("file", f"not valid JSON: {error}"))
        return export
    if fmt == "x-archive":
        entries = document if isinstance(document, list) else []
        records.extend(
            _record_or_error(entry.get("tweet", entry) if isinstance(entry, dict) else entry, f"record {n}")
            for n, entry in enumerate(entries, 1)
        )
    elif fmt == "reddit":
        records.extend(_reddit_records(document))
    elif isinstance(document, list):
        records.extend(_record_or_error(entry, f"record {n}") for n, entry in enumerate(document, 1))
    elif isinstance(document, dict) and isinstance(document.get("posts"), list):
        records.extend(_record_or_error(entry, f"record {n}") for n, entry in enumerate(document["posts"], 1))
    else:
        records.append(_record_or_error(document, "record 1"))
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
        raw = thing.get("data")
        data = raw if isinstance(raw, dict) else {}
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
    if record_id is None:
        return RecordError(where, "record has no id")
    if not any(isinstance(entry.get(key), str) and entry[key].strip() for key in _TEXT_KEYS):
        return RecordError(where, f"record has no text field ({', '.join(_TEXT_KEYS)})", id=record_id)
    created_at, date_key = _created_at(entry)
    scalars = tuple(key for key in _ID_KEYS + _AUTHOR_KEYS if not isinstance(entry.get(key), (dict, list)))  # a `user` object is read
    skipped = scalars + ((date_key,) if date_key else ())
    fields, cut = _string_fields(entry, skipped)
    media = entry.get("media")
    media_paths = tuple(m for m in media if isinstance(m, str)) if isinstance(media, list) else ()
    return PostRecord(record_id, fields, _author(entry), created_at, media_paths, tuple(cut), where)


def _string_fields(entry: dict[str, Any], skipped: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """Every string of the record by its path (`text`, `user.location`, `entities.urls[0].expanded_url`): the
    known text keys first, then the rest in order, but for the keys in `skipped` (read as the record's id,
    author and date) and the platform's own. Flattened without recursion, within the depth and size bounds;
    what is over them is named in the returned reasons, never dropped silently."""
    fields: dict[str, str] = {}
    cut: list[str] = []
    chars = 0
    top = [key for key in _TEXT_KEYS if key in entry] + [
        key for key in entry if key not in _TEXT_KEYS and key not in skipped and key not in _PLATFORM_KEYS
    ]
    pending: list[tuple[str, Any, int]] = [(str(key), entry[key], 1) for key in reversed(top)]
    while pending:
        path, value, depth = pending.pop()
        if isinstance(value, str):
            if not value.strip():
                continue
            if len(fields) >= MAX_RECORD_STRINGS or chars + len(value) > MAX_RECORD_CHARS:
                cut.append(
                    f"record holds more than {MAX_RECORD_STRINGS} strings or {MAX_RECORD_CHARS} characters; `{path}` and what follows it are not scanned"
                )
                break
            fields[path] = value
            chars += len(value)
        elif isinstance(value, (dict, list)) and value:
            if depth >= MAX_RECORD_DEPTH:
                cut.append(f"`{path}` nests deeper than {MAX_RECORD_DEPTH} levels; what is inside it is not scanned")
                continue
            children = value.items() if isinstance(value, dict) else enumerate(value)
            nested = [
                (f"{path}.{key}" if isinstance(value, dict) else f"{path}[{key}]", child, depth + 1)
                for key, child in children
                if not (isinstance(value, dict) and key in _PLATFORM_KEYS)
            ]
            pending.extend(reversed(nested))
    return fields, cut


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


def _created_at(entry: dict[str, Any]) -> tuple[str | None, str | None]:
    """The record's time as ISO 8601 and the key it was read from, or (None, None). A value that is not a time is
    not kept as the record's date (it may be anything, a name or a number): its key is then read as text."""
    for key in _DATE_KEYS:
        value = entry.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                return datetime.fromtimestamp(value, tz=UTC).isoformat(), key
            except (OverflowError, OSError, ValueError):
                continue
        if isinstance(value, str) and value:
            try:
                if value[:3].isalpha():  # X archive: "Wed Oct 10 20:19:24 +0000 2018"
                    return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat(), key
                datetime.fromisoformat(value)  # ISO strings are kept as they are, once known to be times
                return value, key
            except ValueError:
                continue
    return None, None


def _loads(text: str) -> Any:
    """json.loads, with a document nested too deep for the parser reported as malformed, not a crash."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to parse") from None
