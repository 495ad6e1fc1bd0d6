"""Redacted copies of text files: plain text in its original encoding, CSV rows, and post exports (JSON Lines,
JSON, X archive, Reddit) with each record's text fields redacted and everything else (ids, authors, dates,
media references, the file's structure) kept.

A record or row is matched to its stored item by locator and by its text being exactly what was scanned; a
text the store has not seen (changed since the scan, or never scanned) is never copied as it is: a record
line that cannot be matched is left out and listed, and a file whose structure keeps such a text is refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from auditor.corpus.decode import decode_text
from auditor.corpus.exports import _ID_KEYS, _TEXT_KEYS, _X_ARCHIVE_HEAD, export_format
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

    def redact_fields(self, locator: str, fields: dict[str, str]) -> dict[str, str] | None:
        """The record's text fields redacted, or None when they are not the text its stored item was scanned from."""
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
    bom = next((b for b in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if original.startswith(b)), b"")
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
                plan.left_out[row_locator] = "row not as scanned (changed since the scan, or never scanned); left out"
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
    for entry in _records_in(document, fmt):
        _redact_record(locator, entry, plan, on_mismatch=lambda where: _refuse(where))
    return head + json.dumps(document, ensure_ascii=False, indent=_indent_of(body)) + ("\n" if body.endswith("\n") else "")


def _refuse(where: str) -> None:
    raise Refused(f"{where} holds text the scan did not read as it is now (changed since the scan?)")


def _indent_of(body: str) -> int | None:
    """Keep a pretty-printed export pretty (two spaces when its second line is indented), compact otherwise."""
    lines = body.lstrip().splitlines()
    return 2 if len(lines) > 1 and lines[1][:1] == " " else None


def _redact_jsonl(locator: str, text: str, plan: TextPlan) -> str:
    lines = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            lines.append(line)
            continue
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            plan.left_out[f"{locator}#line-{number}"] = f"line {number} is not valid JSON: not scanned, left out"
            continue
        ok = True

        def left_out(where: str, number: int = number) -> None:
            nonlocal ok
            ok = False
            plan.left_out[f"{locator}#line-{number}"] = f"line {number}: {where} not as scanned (changed since the scan?); left out"

        for record in _records_in(entry, "jsonl"):
            _redact_record(locator, record, plan, on_mismatch=left_out)
        if ok:
            lines.append(json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines)


def _records_in(document: Any, fmt: str = "json") -> Iterator[dict]:
    """The objects of the document the reader takes as records (auditor.corpus.exports.read_export), in place."""
    if fmt == "reddit":
        pending = list(document) if isinstance(document, list) else [document]
        while pending:
            thing = pending.pop()
            data = thing.get("data") if isinstance(thing, dict) and isinstance(thing.get("data"), dict) else None
            if data is None:
                continue
            if isinstance(data.get("children"), list):
                pending.extend(data["children"])
                continue
            if isinstance(data.get("replies"), dict):
                pending.append(data["replies"])
            yield data
        return
    if isinstance(document, dict) and isinstance(document.get("posts"), list):
        document = document["posts"]
    for entry in document if isinstance(document, list) else [document]:
        if fmt == "x-archive" and isinstance(entry, dict) and isinstance(entry.get("tweet"), dict):
            entry = entry["tweet"]
        if isinstance(entry, dict) and any(isinstance(entry.get(key), str) and entry[key].strip() for key in _TEXT_KEYS):
            yield entry


def _redact_record(locator: str, entry: dict, plan: TextPlan, on_mismatch: Callable[[str], None]) -> None:
    """Redact one record's text keys in place; call `on_mismatch` when it is not a record the store scanned."""
    record_id = next((str(entry[k]) for k in _ID_KEYS if isinstance(entry.get(k), (str, int)) and not isinstance(entry.get(k), bool) and str(entry[k])), None)
    fields = {key: entry[key] for key in _TEXT_KEYS if isinstance(entry.get(key), str) and entry[key].strip()}
    redacted = plan.redact_fields(f"{locator}#{record_id}", fields) if record_id is not None else None
    if redacted is None:
        on_mismatch(f"record {record_id or '(without id)'}")
        return
    entry.update(redacted)
