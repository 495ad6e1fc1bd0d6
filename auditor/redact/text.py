"""Redacted copies of text files: plain text in its original encoding, CSV rows, and post exports (JSON Lines,
JSON, X archive, Reddit) with every string of a record the reader read (its text, and nested ones such as
`user.location`) redacted where it has findings, and everything else (ids, authors, dates, platform fields,
media references, the file's structure) kept. The records are taken with the reader's own functions
(`_record_or_error`, `unique`), so each is matched to the very item the scan made of it.

A record or row is matched to its stored item by locator and by its text being exactly what was scanned; a
text the store has not seen (changed since the scan, or never scanned) is never copied as it is: a record
line that cannot be matched is left out and listed, and a file whose structure keeps such a text is refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from auditor.corpus.decode import decode_text
from auditor.corpus.exports import (
    _ID_KEYS,
    _X_ARCHIVE_HEAD,
    RecordError,
    _record_or_error,
    _string_fields,
    export_format,
)
from auditor.corpus.locators import escaped, unique
from auditor.corpus.reader import csv_row_fields, csv_row_locator, csv_rows
from auditor.model import Item
from auditor.redact.spans import Replacer, Span


class Refused(Exception):
    """This file (or item) cannot be redacted safely; the message says why. Nothing of it is written."""


@dataclass
class TextPlan:
    """What to do to the items of one text file: each item's spans per field, and where surrogates landed."""

    items: dict[str, Item]  # locator -> item as read now (its content hash already checked)
    spans: dict[str, dict[str, list[Span]]]  # locator -> field -> spans
    replacer: Replacer
    placed: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    left_out: dict[str, str] = field(default_factory=dict)  # locator -> why its record is not in the copy
    matched: set[str] = field(default_factory=set)
    #: A file's locator -> its copy's (run.CopyNames.of): a post's media reference follows a renamed medium.
    copy_of: Callable[[str], str] = str
    #: A record's true locator (as the file read now names it) -> the one it is stored under (auditor/locator_masks.py).
    stored_as: Callable[[str], str] = str

    def media_reference(self, export: str, reference: str) -> str:
        """`reference`, as a post of the export file `export` wrote it, pointing at the medium's copy: the same
        text unless the copy of the medium it names was renamed (a name in it held an identifier)."""
        head, bang, member = export.rpartition("!")
        folder = posixpath.dirname(unquote(member))
        name = posixpath.normpath(posixpath.join(folder, reference))
        medium = head + bang + escaped(name)
        copy = self.copy_of(medium)
        if copy == medium:
            return reference
        return posixpath.relpath(unquote(copy.rpartition("!")[2]), folder or ".")

    def redact_fields(self, locator: str, fields: dict[str, str]) -> dict[str, str] | None:
        """The record's text fields redacted, or None when they are not the text its stored item was scanned from."""
        locator = self.stored_as(locator)
        item = self.items.get(locator)
        if item is None or dict(item.fields) != fields:
            return None
        self.matched.add(locator)
        out: dict[str, str] = {}
        for name, text in fields.items():
            new, placed = self.replacer.replace(text, self.spans.get(locator, {}).get(name, []))
            out[name] = new
            if placed:
                self.placed.setdefault(locator, {})[name] = placed
        return out


def redact_text_file(name: str, locator: str, data: bytes, plan: TextPlan) -> bytes:
    """The redacted bytes of the text file `name` (plain, CSV/TSV or a post export). Raises Refused."""
    text, encoding = decode_text(data)
    lower = name.lower()
    fmt = export_format(name, text)
    if fmt is not None and any("#" in loc for loc in plan.items):
        new = _redact_export(fmt, locator, text, plan)
    elif lower.endswith((".csv", ".tsv")):
        new = _redact_csv(locator, text, "\t" if lower.endswith(".tsv") else ",", plan)
    else:
        fields = plan.redact_fields(locator, {"text": text})
        if fields is None:
            raise Refused("its text is not what was scanned")
        new = fields["text"]
    return _encode(new, encoding, data)


def _encode(text: str, encoding: str, original: bytes) -> bytes:
    """`text` in the file's own encoding, with its byte-order mark if it had one."""
    bom = next(
        (
            b
            for b in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            if original.startswith(b)
        ),
        b"",
    )
    return bom + text.encode(encoding, errors="replace")


# -- CSV ------------------------------------------------------------------------------------------


def _redact_csv(locator: str, text: str, delimiter: str, plan: TextPlan) -> str:
    """Each row's cells redacted as the reader split them into fields (auditor.corpus.reader.csv_row_fields)."""
    header, rows = csv_rows(text, delimiter)
    if not header:
        return text
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if "\r\n" in text else "\n")
    writer.writerow(next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    for number, row in enumerate(rows, 1):
        row_locator = csv_row_locator(locator, number)
        fields = csv_row_fields(header, row)
        if fields:
            redacted = plan.redact_fields(row_locator, {key: scanned for key, (_, scanned) in fields.items()})
            if redacted is None:
                plan.left_out[plan.stored_as(row_locator)] = "row not as scanned (changed since the scan, or never scanned); left out"
                continue
            row = list(row)
            for key, (index, scanned) in fields.items():
                prefix = scanned[: len(scanned) - len(row[index])]
                if not redacted[key].startswith(prefix):
                    raise Refused(f"{row_locator}: a finding covers the column name {header[index]!r}; the cell cannot be told apart")
                row[index] = redacted[key][len(prefix) :]
        writer.writerow(row)
    return out.getvalue()


# -- post exports ---------------------------------------------------------------------------------


def _redact_export(fmt: str, locator: str, text: str, plan: TextPlan) -> str:
    if fmt == "jsonl":
        return _redact_jsonl(locator, text, plan)
    head = ""
    body = text
    if fmt == "x-archive":
        match = _X_ARCHIVE_HEAD.match(text)
        head, body = (text[: match.end()], text[match.end() :]) if match else ("", text)
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise Refused("not valid JSON any more") from None
    seen: set[str] = set()
    for entry, where in _entries(document, fmt):
        _redact_record(locator, entry, where, seen, plan, on_mismatch=_refuse)
    return head + json.dumps(document, ensure_ascii=False, indent=_indent_of(body)) + ("\n" if body.endswith("\n") else "")


def _refuse(where: str) -> None:
    raise Refused(f"{where} holds text the scan did not read as it is now (changed since the scan?)")


def _indent_of(body: str) -> int | None:
    """Keep a pretty-printed export pretty (two spaces when its second line is indented), compact otherwise."""
    lines = body.lstrip().splitlines()
    return 2 if len(lines) > 1 and lines[1][:1] == " " else None


def _redact_jsonl(locator: str, text: str, plan: TextPlan) -> str:
    lines = []
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            lines.append(line)
            continue
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            plan.left_out[plan.stored_as(f"{locator}#line-{number}")] = f"line {number} is not valid JSON: not scanned, left out"
            continue
        ok = True

        def left_out(where: str, number: int = number) -> None:
            nonlocal ok
            ok = False
            plan.left_out[plan.stored_as(f"{locator}#line-{number}")] = (
                f"line {number}: {where} not as scanned (changed since the scan?); left out"
            )

        _redact_record(locator, entry, f"line {number}", seen, plan, on_mismatch=left_out)
        if ok:
            lines.append(json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines)


def _entries(document: Any, fmt: str) -> Iterator[tuple[Any, str]]:
    """The record objects of a JSON export with their place (`record N`), in the order the reader takes them
    (auditor.corpus.exports.read_export), so that each is matched to the item the reader made of it. Yielded
    in place: redacting one changes the document."""
    if fmt == "reddit":
        pending = [listing for listing in (document if isinstance(document, list) else [document]) if isinstance(listing, dict)]
        number = 0
        while pending:
            data = pending.pop(0).get("data")
            data = data if isinstance(data, dict) else {}
            if isinstance(data.get("children"), list):
                pending[:0] = [child for child in data["children"] if isinstance(child, dict)]
                continue
            number += 1
            if isinstance(data.get("replies"), dict):
                pending.insert(0, data["replies"])
            yield data, f"record {number}"
        return
    if fmt == "x-archive":
        entries = document if isinstance(document, list) else []
        yield from ((e.get("tweet", e) if isinstance(e, dict) else e, f"record {n}") for n, e in enumerate(entries, 1))
        return
    if isinstance(document, dict) and isinstance(document.get("posts"), list):
        document = document["posts"]
    yield from ((entry, f"record {n}") for n, entry in enumerate(document if isinstance(document, list) else [document], 1))


def _redact_record(locator: str, entry: Any, where: str, seen: set[str], plan: TextPlan, on_mismatch: Callable[[str], None]) -> None:
    """Redact one record's strings in place, each at the path the reader read it under (`text`,
    `user.location`, `entities.urls[0].expanded_url`); call `on_mismatch` when it is not a record the store
    scanned as it is now. A record the reader could not take (no id, no text field) is copied only when it
    holds no string the scan would have read."""
    record = _record_or_error(entry, where)
    if isinstance(record, RecordError):
        unread = _string_fields(entry, _ID_KEYS)[0] if isinstance(entry, dict) else isinstance(entry, (str, list))
        if unread:
            on_mismatch(f"{where} (not read by the scan: {record.reason})")
        return
    redacted = plan.redact_fields(unique(f"{locator}#{escaped(record.id)}", seen, where.replace(" ", "-")), record.fields)
    if redacted is None:
        on_mismatch(f"record {record.id}")
        return
    pending: list[tuple[str, Any, Any]] = [(str(key), entry, key) for key in entry]
    while pending:
        path, parent, key = pending.pop()
        value = parent[key]
        if isinstance(value, str) and path in redacted:
            if value != record.fields[path]:
                raise Refused(f"record {record.id}: two strings share the path {path!r}; the one not scanned cannot be told apart")
            parent[key] = redacted[path]
        elif path.startswith("media[") and isinstance(value, str) and value in record.media:
            parent[key] = plan.media_reference(locator, value)
        elif isinstance(value, dict):
            pending.extend((f"{path}.{k}", value, k) for k in value)
        elif isinstance(value, list):
            pending.extend((f"{path}[{i}]", value, i) for i in range(len(value)))
