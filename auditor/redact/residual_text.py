"""A second pass over text copies: the spans in which the verifying re-scan still reads an identifier are
replaced in the copy, as the pixel boxes it still reads are covered (auditor.redact.run._cover_residual).

The re-scan reads the copy with what the first pass put in around a value the first scan missed: "núñez,
[NAME]" is read as a name where "núñez, anne-marie" gave only the given name. The copy is read again with the
corpus reader, so its records are matched exactly as in the first pass, and only the residual spans are
replaced (in the run's style; a surrogate from the keyed digest of the value, as everywhere).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from auditor.corpus import read_corpus
from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.redact.spans import Replacer, Span
from auditor.redact.text import Refused, TextPlan, redact_text_file

if TYPE_CHECKING:
    from auditor.redact.output import CopyWriter
    from auditor.redact.run import Context, ItemRecord, RedactionSummary


def pending(summary: RedactionSummary) -> list[ItemRecord]:
    """The written post and text copies (archive members too) with a residual span in their text."""
    return [r for r in summary.written if r.kind in ("post", "text") and any(x.get("span") for x in r.residues())]


def cover_residual_text(records: list[ItemRecord], summary: RedactionSummary, context: Context, writer: CopyWriter) -> None:
    """Replace the residual spans of `records` in their copies; every record of a rewritten file gets its new
    hash. A member of an archive is put back into the writer's archive, which the caller writes again."""
    from auditor.redact.run import read_file

    by_file: dict[str, list[ItemRecord]] = defaultdict(list)
    for record in records:
        by_file[record.file].append(record)
    copies: dict[str, dict[str, Item]] = defaultdict(dict)
    for entry in read_corpus([context.options.out]):
        if isinstance(entry, Item) and entry.locator.split("#", 1)[0] in by_file:
            copies[entry.locator.split("#", 1)[0]][entry.locator] = entry
    keeper = EvidenceKeeper(context.digest_key)
    for file, file_records in by_file.items():
        items = copies.get(file, {})
        spans = {locator: _spans(record, items[locator], keeper) for record in file_records if (locator := record.copy_item) in items}
        plan = TextPlan(items, spans, Replacer(context.options.text_style))
        try:
            data = redact_text_file(file.rsplit("!", 1)[-1], file, read_file(context.options.out, file), plan)
        except (Refused, OSError, KeyError) as error:
            for record in file_records:
                record.actions["second_pass"] = f"failed: {error}"
            continue
        if plan.left_out or len(plan.matched) != len(items):
            for record in file_records:
                record.actions["second_pass"] = "failed: the copy's records no longer match what was written"
            continue
        digest = writer.put(file, data)
        for record in summary.written:
            if record.file == file:
                record.copy_sha256 = digest
        for record in file_records:
            done = Counter(span.identifier for field_spans in spans.get(record.item, {}).values() for span in field_spans)
            record.actions["second_pass_spans"] = record.actions.get("second_pass_spans", 0) + sum(done.values())
            record.removed = dict(Counter(record.removed) + done)
            _move_surrogates(context, record.item, spans.get(record.copy_item, {}), plan.placed.get(record.copy_item, {}))


def _spans(record: ItemRecord, item: Item, keeper: EvidenceKeeper) -> dict[str, list[Span]]:
    """The record's residual spans per field of its copy, merged, each with the keyed digest of its value."""
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for residue in record.residues():
        text = item.fields.get(residue["field"] or "", "")
        start, end = residue.get("span") or (0, 0)
        if 0 <= start < end <= len(text):
            found[residue["field"]].append((start, end, residue["identifier"]))
    spans: dict[str, list[Span]] = {}
    for name, parts in found.items():
        merged: list[Span] = []
        for start, end, identifier in sorted(parts):
            if merged and start < merged[-1].end:
                end = max(end, merged[-1].end)
                start = merged.pop().start
            merged.append(Span(start, end, identifier, keeper.digest(item.fields[name][start:end], identifier)))
        spans[name] = merged
    return spans


def _move_surrogates(context: Context, locator: str, spans: dict[str, list[Span]], placed: dict[str, list[tuple[int, int]]]) -> None:
    """The first pass's surrogate places moved by what this pass replaced before them, and this pass's added."""
    if context.options.text_style != "surrogate":
        return
    earlier = context.surrogates.get(locator, {})
    for name, new_places in placed.items():
        moved = []
        for start, end in earlier.get(name, []):
            delta = sum((e - s) - (span.end - span.start) for span, (s, e) in zip(spans[name], new_places) if span.end <= start)
            moved.append((start + delta, end + delta))
        context.surrogates.setdefault(locator, {})[name] = moved + new_places
