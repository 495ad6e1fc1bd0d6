"""Redacted copies of files held in memory, from the findings of a scan just made: what `phi-audit serve` returns
for `POST /v1/check?redact=true`.

`phi-audit redact` reads a scanned corpus again from disk and checks it against the store; an upload is never
written to disk, so here the items come with their bytes and their findings, and each kind's own redactor
(`text.redact_text_file`, `images.redact_image`, `dicom.redact_dicom`, `pdf.redact_pdf`) makes the copy, as
the CLI's does. The copy of an upload is all or nothing: any item that was not fully scanned or cannot be
redacted refuses the whole copy, with the reason. Verifying (re-scanning the copy) is the caller's, with its
own scanners; `residual` and `covered_again` are the CLI's rules for reading that re-scan.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from auditor.model import Finding, Item
from auditor.redact.run import Context, cover_boxes, redactor
from auditor.redact.spans import Replacer, merged_spans, redactable
from auditor.redact.text import Refused, TextPlan, redact_text_file

#: Pixel boxes still read by a verifying re-scan are covered and re-scanned up to this many more times.
EXTRA_PASSES = 3


@dataclass
class FileCopy:
    """The copy of one file of the upload, and what was removed from it (counts, boxes: never a value)."""

    name: str  # relative to the upload: `upload.png`, `post.jsonl`, `media/1.png`
    kind: str
    data: bytes
    removed: dict[str, int] = field(default_factory=dict)
    boxes: list[list[int]] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def redacted_files(
    files: Mapping[str, bytes], prefix: str, items: Sequence[Item], findings: Mapping[str, list[Finding]], context: Context
) -> list[FileCopy]:
    """The copy of every file of an upload (`files`, by name under `prefix` in the items' locators), made from
    `items` (with their bytes) and their `findings`. Raises Refused, naming the item, when any cannot be made."""
    min_score = context.options.policy.min_score
    by_file: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        name = item.locator.removeprefix(prefix).split("#", 1)[0]
        if "!" in name:
            raise Refused("an archive's copy is not made by the service: scan and redact it with `phi-audit scan` and `phi-audit redact`")
        by_file[name].append(item)
    copies = []
    for name, members in sorted(by_file.items()):
        first = members[0]
        if first.kind in ("text", "post"):
            copies.append(_text_copy(name, files[name], prefix + name, members, findings, context))
            continue
        own = findings.get(first.locator, [])
        boxed = [f for f in own if f.bbox is not None and f.source == "pixel" and f.identifier]
        removable = redactable(own, min_score)
        data, details = redactor(first.kind)(first, removable, boxed, context)
        copies.append(
            FileCopy(name, first.kind, data, dict(Counter(f.identifier for f in removable if f.identifier)), details.get("boxes", []))
        )
    return copies


def _text_copy(
    name: str, data: bytes, locator: str, items: list[Item], findings: Mapping[str, list[Finding]], context: Context
) -> FileCopy:
    if any(item.payload is not None for item in items):
        raise Refused(f"{name}: a document (HTML, XML, Office) is read for its text; its redacted copy is not made yet")
    min_score = context.options.policy.min_score
    spans = {
        item.locator: {
            key: merged_spans([f for f in redactable(findings.get(item.locator, []), min_score) if f.field == key], len(text))
            for key, text in item.fields.items()
        }
        for item in items
    }
    plan = TextPlan({item.locator: item for item in items}, spans, Replacer(context.options.text_style))
    copy = redact_text_file(name, locator, data, plan)
    missing = sorted(set(spans) - plan.matched) + sorted(plan.left_out)
    if missing:
        raise Refused(f"{name}: {len(missing)} record(s) could not be matched to what was scanned, so the copy would not be whole")
    removed = Counter(span.identifier for fields in spans.values() for field_spans in fields.values() for span in field_spans)
    return FileCopy(name, items[0].kind, copy, dict(removed))


def residual(findings: Sequence[Finding], min_score: float) -> list[Finding]:
    """What the verifying re-scan of a copy still reads as an identifier (the CLI's `redact.verify` rule; the
    service replaces by tags, never surrogates, so every such finding is a residue)."""
    return [f for f in findings if f.identifier and f.score >= min_score]


def covered_again(copy: FileCopy, left: Sequence[Finding], context: Context) -> bool:
    """Cover in an image or DICOM copy the pixel boxes its re-scan still read an identifier in (text beside a
    filled box, a frame OCR read differently); False when there is nothing such to cover."""
    boxes = [list(f.bbox) for f in left if f.bbox is not None and f.source == "pixel"]
    if copy.kind not in ("image", "dicom") or not boxes:
        return False
    copy.data = cover_boxes(copy.kind, copy.name, copy.data, boxes, context)
    copy.boxes.extend(boxes)
    return True


def marked_clean(copy: FileCopy, rescan: Sequence[Finding]) -> None:
    """A DICOM copy whose re-scan read no text at all in its pixels says so (BurnedInAnnotation NO), as the CLI's."""
    if copy.kind == "dicom" and not any(f.source == "pixel" and f.scanner in ("pixel_text", "pdf_pages") for f in rescan):
        from auditor.redact.dicom import mark_no_burned_in_text

        copy.data = mark_no_burned_in_text(copy.data)
