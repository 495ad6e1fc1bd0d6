"""`redact()`: de-identified copies of the items of a scanned corpus, a manifest of what was removed, and a
verifying re-scan of the copies.

The store keeps spans, boxes and masked evidence only, so each item is read again from the corpus and its
content hash must match the stored one: a changed file is refused, never redacted from stale findings. An
item that was not fully scanned is refused too (what was not read cannot be removed). The corpus is only
read; copies go to the output folder, which may not overlap it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.corpus import read_corpus
from auditor.corpus.locators import file_part, source_bytes
from auditor.corpus.names import name_text
from auditor.corpus.reread import reread
from auditor.corpus.trees import FileChanged, TooLarge
from auditor.locator_masks import StoredLocators, Unmasking, is_masked, untagged
from auditor.model import Finding, Item, risk_rank
from auditor.policy import Policy
from auditor.redact.output import CopyNames, CopyWriter
from auditor.redact.spans import Replacer, merged_spans, redactable
from auditor.redact.text import Refused, TextPlan, redact_text_file
from auditor.store import FindingsStore
from auditor.store.item_views import scanned_paths

MANIFEST = "redaction-manifest.jsonl"
#: Extra rounds of covering what the verifying re-scan still reads in pixels, each followed by a re-scan.
EXTRA_PASSES = 3
#: Reader errors that leave an item's own text fully scanned (its media are missing, a CSV row was ragged,
#: an export was read as plain text): such an item can still be redacted.
_HARMLESS_ERRORS = ("read: referenced media not found", "read: row ", "read: not read as a post export")


class RedactError(Exception):
    """The redaction cannot start (output folder inside the corpus, no scan in the store, ...)."""


@dataclass(frozen=True)
class RedactOptions:
    out: Path
    policy: Policy
    min_risk: str | None = None
    text_style: str = "tag"
    pixels: str = "fill"
    dicom_profile: str = "basic"
    items: tuple[str, ...] = ()
    verify: bool = True
    workers: int = 1  # of the verifying re-scan


@dataclass
class ItemRecord:
    """One line of the manifest: what became of one item. Never holds a raw value."""

    item: str
    kind: str
    file: str
    status: str  # written | refused
    reason: str | None = None
    removed: dict[str, int] = field(default_factory=dict)  # identifier -> how many values removed
    boxes: list[list[int]] = field(default_factory=list)  # pixel boxes filled or blurred
    actions: dict[str, Any] = field(default_factory=dict)  # per kind: metadata removed, DICOM actions, pages
    source_sha256: str | None = None
    copy_sha256: str | None = None
    verification: dict[str, Any] | None = None
    seconds: float = 0.0

    @property
    def copy_item(self) -> str:
        """The item's locator in the copies (`file` is the copy's path, renamed where the source's names held an identifier)."""
        _, hash_, rest = untagged(self.item).partition("#")  # a masked locator's tag names no record of the copy
        return self.file + hash_ + rest

    def residues(self) -> list[dict[str, Any]]:
        """What the verifying re-scan still read in the copy (`verification["residual"]`); only of a verified record."""
        if self.verification is None:
            raise TypeError(f"{self.item} has no verification yet")
        return self.verification["residual"]


@dataclass
class RedactionSummary:
    out: Path
    records: list[ItemRecord]

    @property
    def written(self) -> list[ItemRecord]:
        return [r for r in self.records if r.status == "written"]

    @property
    def refused(self) -> list[ItemRecord]:
        return [r for r in self.records if r.status == "refused"]

    @property
    def residual(self) -> list[ItemRecord]:
        return [r for r in self.records if r.verification and r.verification.get("residual")]


@dataclass
class Context:
    """What every kind's redactor shares during one run."""

    options: RedactOptions
    digest_key: bytes
    #: The copies' paths; none renamed unless given (the service redacts one uploaded item, with no name findings).
    names: CopyNames = field(default_factory=lambda: CopyNames([], {}, Replacer("tag")))
    #: A true locator -> the one the store keeps it under (auditor/locator_masks.py); the same without masked names.
    stored_as: Callable[[str], str] = str
    #: locator -> field -> (start, end) of surrogates placed there (a verifying re-scan may see them as values).
    surrogates: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    _detector: Any = None

    def text_detector(self):
        """The text scanner that cleans DICOM text under a C option, made on first use (its models are shared
        by the process: auditor.scanners.text.scanner.shared_analyzer)."""
        if self._detector is None:
            from auditor.scanners.text.scanner import TextScanner

            self._detector = TextScanner()
        return self._detector


def redact(store: FindingsStore, options: RedactOptions, progress: Callable[[int], None] | None = None) -> RedactionSummary:
    """Write redacted copies of the store's corpus under `options.out`, with the manifest; verify them."""
    import time

    from auditor.pipeline import rescore

    roots = _roots(store)
    _check_out(options.out, roots)
    Replacer(options.text_style)  # an unknown style fails before anything is written
    stored = {s.locator: s for s in store.items()}
    aliases = _as_stored(store, options.items)
    unknown = [name for name, names in aliases.items() if not any(_named(locator, names) for locator in stored)]
    if unknown:
        raise RedactError(f"--item {', '.join(unknown)}: no such item, file or archive in the store")
    options = replace(options, items=tuple(dict.fromkeys(name for names in aliases.values() for name in names)))
    if not store.verdicts(options.policy.policy):
        rescore(store, options.policy)
    risks = {v.item: v.risk for v in store.verdicts(options.policy.policy)}
    errors: dict[str, list[str]] = defaultdict(list)
    for error in store.errors():
        errors[error.item].append(f"{error.stage}: {error.reason}")
    unmasking = Unmasking.of(store, stored)
    true_of = _true_locators(store, stored, unmasking)
    context = Context(options, store.evidence_keeper().key, _copy_names(store, stored, options, true_of), unmasking.stored)
    writer = CopyWriter(options.out)
    (options.out / MANIFEST).unlink(missing_ok=True)  # an earlier run's: it describes copies about to change
    records: list[ItemRecord] = []
    seen: set[str] = set()

    def selected(item: Item) -> bool:
        if options.items and not _named(item.locator, options.items):
            return False
        if options.min_risk is None:
            return True
        threshold = risk_rank(options.min_risk)
        return any(risk_rank(risks.get(loc, "none")) >= threshold for loc in (item.locator, item.parent) if loc)

    def refusal(item: Item) -> str | None:
        saved = stored.get(item.locator)
        if saved is None:
            return "not in the store: scan it first"
        if saved.content_hash != item.content_hash:
            return "changed since the scan (content hash differs): scan again first"
        serious = [e for e in errors.get(item.locator, []) if not e.startswith(_HARMLESS_ERRORS)]
        if serious:
            return "not fully scanned, so what is in it is not known: " + "; ".join(serious)[:300]
        return None

    for root in roots:
        texts: dict[str, list[Item]] = defaultdict(list)
        chosen_files: set[str] = set()
        for read in read_corpus([root]):
            if not isinstance(read, Item):
                continue
            entry = replace(read, locator=unmasking.stored(read.locator), parent=read.parent and unmasking.stored(read.parent))
            seen.add(entry.locator)
            if entry.kind in ("post", "text"):  # a file's records are copied together: all of them, or none
                texts[file_part(read.locator)].append(entry)  # by its true name: the file is read again by it
                if selected(entry):
                    chosen_files.add(file_part(read.locator))
                continue
            if not selected(entry):
                continue
            started = time.perf_counter()
            record = _redact_binary(entry, refusal(entry), store, context, writer)
            record.seconds = round(time.perf_counter() - started, 4)
            records.append(record)
            if progress:
                progress(1)
        for file, items in texts.items():
            if file not in chosen_files:
                continue
            started = time.perf_counter()
            file_records = _redact_text(root, file, items, refusal, store, context, writer)
            for record in file_records:
                record.seconds = round((time.perf_counter() - started) / len(file_records), 4)
            records.extend(file_records)
            if progress:
                progress(len(items))
    _record_archives(RedactionSummary(options.out, records), writer.finish())
    seen.update(record.item for record in records)
    records.extend(_never_read(stored, seen, errors, context))
    summary = RedactionSummary(options.out, records)
    if options.text_style == "surrogate":  # fake names in the copies' names are no residue either
        for record in summary.written:
            if placed := context.names.placed(file_part(record.item)):
                context.surrogates.setdefault(record.item, {})["name"] = placed
    if options.verify:
        with tempfile.TemporaryDirectory(prefix="phi-audit-verify-") as folder:
            _verify_and_cover(summary, store, context, writer, Path(folder) / "verify.db")
        _mark_clean_dicom(summary, writer)
    _write_manifest(writer, summary)
    writer.close()
    from auditor.redact import records as kept

    kept.save(store, summary, options)
    return summary


def _verify_and_cover(summary: RedactionSummary, store: FindingsStore, context: Context, writer: CopyWriter, check_path: Path) -> None:
    """Re-scan the copies; cover what is still read in pixels, replace what is still read in text, and re-scan
    those, up to EXTRA_PASSES times."""
    from auditor.redact.residual_text import cover_residual_text, pending
    from auditor.redact.verify import verify

    verify(summary, store, context, check_path)
    for _ in range(EXTRA_PASSES):
        again = [r for r in summary.written if r.kind in ("image", "dicom") and "!" not in r.file and any(x["bbox"] for x in r.residues())]
        texts = pending(summary)
        if not again and not texts:
            return
        for record in again:
            _cover_residual(record, context, writer)
        if texts:
            cover_residual_text(texts, summary, context, writer)
            if any("!" in r.file for r in texts):
                _record_archives(summary, writer.finish())  # an archive with a rewritten member, written whole again
        verify(summary, store, context, check_path)


def _record_archives(summary: RedactionSummary, archives: dict[str, str]) -> None:
    """Each written archive member's record gets the sha256 of the archive it was written into."""
    for record in summary.written:
        if "!" in record.file:
            record.actions["archive_sha256"] = archives[record.file.split("!", 1)[0]]


def _cover_residual(record: ItemRecord, context: Context, writer: CopyWriter) -> None:
    """Cover in the copy the pixel boxes the verifying re-scan still read an identifier in (a second pass:
    text next to a filled box, or on a frame that OCR read differently the first time)."""
    boxes = [x["bbox"] for x in record.residues() if x["bbox"]]
    try:
        data = cover_boxes(record.kind, record.item, (context.options.out / record.file).read_bytes(), boxes, context)
    except Refused as error:
        record.actions["second_pass"] = f"failed: {error}"
        return
    record.boxes.extend(boxes)
    record.actions["second_pass_boxes"] = record.actions.get("second_pass_boxes", 0) + len(boxes)
    record.copy_sha256 = writer.put(record.file, data)


def _mark_clean_dicom(summary: RedactionSummary, writer: CopyWriter) -> None:
    """BurnedInAnnotation NO on the DICOM copies whose re-scan read no text at all in their pixels."""
    from auditor.redact.dicom import mark_no_burned_in_text

    for record in summary.written:
        verified = record.verification or {}
        if (
            record.kind == "dicom"
            and "!" not in record.file
            and verified.get("rescanned_fully")
            and not verified.get("pixel_text")
            and not verified.get("residual")
        ):
            record.copy_sha256 = writer.put(record.file, mark_no_burned_in_text((summary.out / record.file).read_bytes()))
            record.actions["burned_in_annotation"] = "NO"


def _roots(store: FindingsStore) -> list[Path]:
    paths = scanned_paths(store)
    if not paths:
        raise RedactError(f"{store.path}: no scan in this store (run `phi-audit scan PATH --store {store.path}` first)")
    return [Path(p) for p in paths if Path(p).exists()]


def _check_out(out: Path, roots: Sequence[Path]) -> None:
    """The copies never go into the corpus, and the corpus is never inside the copies' folder."""
    target = out.resolve()
    for root in roots:
        folder = root.resolve() if root.is_dir() else root.resolve().parent
        if target.is_relative_to(folder) or folder.is_relative_to(target):
            raise RedactError(f"--out {out} overlaps the scanned corpus {root}: choose a folder outside it")


def _true_locators(store: FindingsStore, stored: dict, unmasking: Unmasking) -> dict[str, str]:
    """Stored → true locator of the items stored masked (auditor/locator_masks.py) whose files are unchanged: only
    their files are read, to name their copies after the true names."""
    masked = {locator: saved.content_hash for locator, saved in stored.items() if is_masked(locator)}
    return {locator: item.locator for locator, item in reread(scanned_paths(store), masked, unmasking)} if masked else {}


def _copy_names(store: FindingsStore, stored: dict, options: RedactOptions, true_of: Mapping[str, str]) -> CopyNames:
    """The copies' paths: the source's true names with the identifiers the name scanner found in them replaced."""
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in redactable(store.findings(), options.policy.min_score):
        if finding.source == "name":
            found[file_part(true_of.get(finding.item, finding.item))].append(finding)
    spans = {file: merged_spans(named, len(name_text(file))) for file, named in found.items()}
    aliases = {file_part(locator): file_part(true) for locator, true in true_of.items()}
    files = sorted({file_part(true_of.get(locator, locator)) for locator in stored})
    return CopyNames(files, spans, Replacer(options.text_style), aliases)


def _never_read(stored: dict, seen: set[str], errors: dict[str, list[str]], context: Context) -> Iterator[ItemRecord]:
    """Items the store knows but the corpus no longer yields (unreadable, removed): listed, never copied."""
    options = context.options
    for locator, saved in stored.items():
        if locator in seen or (options.items and not _named(locator, options.items)):
            continue
        reason = "; ".join(errors.get(locator, [])) or "no longer in the corpus"
        yield ItemRecord(locator, saved.kind, context.names.of(file_part(locator)), "refused", reason[:300])


def _as_stored(store: FindingsStore, names: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each `--item` name as given (a masked locator the report shows, or a true name) and as the store keeps it."""
    stored = StoredLocators(store)
    return {name: tuple(dict.fromkeys([name, stored.of(name)])) for name in names}


def _named(locator: str, names: Sequence[str]) -> bool:
    """`--item` names the item, its file, or an archive it is in (masked names compared without their tags)."""
    file = locator.split("#", 1)[0]
    return any(name in (locator, file) or untagged(file).startswith(untagged(name) + "!") for name in names)


def _findings_of(store: FindingsStore, locators: Sequence[str], policy: Policy) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in redactable(store.findings(list(locators)), policy.min_score):
        found[finding.item].append(finding)
    return found


def _redact_text(root: Path, file: str, items: list[Item], refusal, store, context: Context, writer: CopyWriter) -> list[ItemRecord]:
    refused = {item.locator: reason for item in items if (reason := refusal(item))}
    accepted = {item.locator: item for item in items if item.locator not in refused}
    findings = _findings_of(store, list(accepted), context.options.policy)
    spans = {
        locator: {
            name: merged_spans([f for f in findings.get(locator, []) if f.field == name], len(text)) for name, text in item.fields.items()
        }
        for locator, item in accepted.items()
    }
    plan = TextPlan(accepted, spans, Replacer(context.options.text_style), copy_of=context.names.of, stored_as=context.stored_as)
    kind = items[0].kind
    copy_file = context.names.of(file)
    try:
        data = read_file(root, file)
        copy = redact_text_file(file.rsplit("!", 1)[-1], file, data, plan)
    except (Refused, OSError, KeyError, FileChanged, TooLarge) as error:
        writer.remove(copy_file)
        reason = f"file not copied: {error}"
        return [ItemRecord(item.locator, item.kind, copy_file, "refused", refused.get(item.locator, reason)) for item in items]
    digest = writer.put(copy_file, copy)
    source = hashlib.sha256(data).hexdigest()
    records = []
    for item in items:
        if item.locator in refused or item.locator not in plan.matched:
            why = refused.get(item.locator) or "record not found as scanned; left out"
            records.append(ItemRecord(item.locator, item.kind, copy_file, "refused", why + " (left out of the copy)", source_sha256=source))
            continue
        removed = Counter(span.identifier for field_spans in spans[item.locator].values() for span in field_spans)
        records.append(
            ItemRecord(item.locator, item.kind, copy_file, "written", removed=dict(removed), source_sha256=source, copy_sha256=digest)
        )
    records.extend(
        ItemRecord(loc, kind, copy_file, "refused", why, source_sha256=source) for loc, why in plan.left_out.items() if loc not in accepted
    )
    for locator, placed in plan.placed.items():
        if context.options.text_style == "surrogate":
            context.surrogates[locator] = placed
    return records


def _redact_binary(item: Item, refusal: str | None, store, context: Context, writer: CopyWriter) -> ItemRecord:
    source = hashlib.sha256(item.payload or b"").hexdigest()
    record = ItemRecord(item.locator, item.kind, context.names.of(item.locator), "refused", refusal, source_sha256=source)
    if refusal is not None:
        writer.remove(record.file)
        return record
    findings = _findings_of(store, [item.locator], context.options.policy).get(item.locator, [])
    boxed = [f for f in store.findings([item.locator]) if f.bbox is not None and f.source == "pixel" and f.identifier]
    try:
        copy, details = redactor(item.kind)(item, findings, boxed, context)
    except Refused as error:
        writer.remove(record.file)
        record.reason = str(error)
        return record
    record.status = "written"
    record.removed = dict(Counter(f.identifier for f in findings if f.identifier))
    record.boxes = details.pop("boxes", [])
    record.actions = details
    record.copy_sha256 = writer.put(record.file, copy)
    return record


def redactor(kind: str):
    """The redactor of a binary kind of item: (item, findings, boxed findings, context) -> (bytes, details)."""
    if kind == "image":
        from auditor.redact.images import redact_image

        return redact_image
    if kind == "dicom":
        from auditor.redact.dicom import redact_dicom

        return redact_dicom
    if kind == "pdf":
        from auditor.redact.pdf import redact_pdf

        return redact_pdf
    raise Refused(f"no redactor for items of kind {kind}")


def cover_boxes(kind: str, locator: str, data: bytes, boxes: Sequence[Sequence[int]], context: Context) -> bytes:
    """An image or DICOM copy (`data`) with `boxes` covered too, its header left as it is: the second pass over
    what a verifying re-scan still read, shared by `phi-audit redact` and the service. Raises Refused."""
    copy = Item(locator, kind, "", payload=data)
    found = [
        Finding(locator, "pixel", "ocr", "RESIDUAL", "other_unique_id", None, None, (box[0], box[1], box[2], box[3]), 1.0, "verify", "", "")
        for box in boxes
    ]
    if kind == "dicom":
        from auditor.redact.dicom import redact_dicom

        return redact_dicom(copy, [], found, context, header=False)[0]
    return redactor(kind)(copy, [], found, context)[0]


def read_file(root: Path, locator: str) -> bytes:
    """The bytes of the file at `locator` under the scan root (inside archives, nested ones too; escaped names and
    repeated members resolved as the scan named them: auditor/corpus/locators.py)."""
    return source_bytes(root if root.is_dir() else root.parent, locator)


def _write_manifest(writer: CopyWriter, summary: RedactionSummary) -> None:
    lines = "".join(json.dumps(asdict(record) | {"item": record.copy_item}, sort_keys=True) + "\n" for record in summary.records)
    target = writer.write_file(MANIFEST, lines.encode("utf-8"))
    os.chmod(target, 0o600)
