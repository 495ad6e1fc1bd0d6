"""The verifying re-scan: every copy scanned again by the same scanners under the same policy, into a private
throw-away store, and what is left recorded per item. A surrogate the redaction put in is not a residue (it is
a fake value of the same kind, which the text scanner is right to see as one); everything else is.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.model import Finding
from auditor.store import FindingsStore

if TYPE_CHECKING:
    from auditor.redact.run import Context, RedactionSummary


def verify(summary: RedactionSummary, store: FindingsStore, context: Context, check_path: Path) -> None:
    """Fill each written record's `verification` with the identifier findings its copy still has. The check
    store at `check_path` is kept between rounds, so a later round re-scans only the copies that changed."""
    from auditor.pipeline import scan
    from auditor.redact.run import MANIFEST

    run = store.latest_run() or {}
    names = sorted(run.get("scanners") or {}) or None
    policy = context.options.policy
    scan([summary.out], check_path, policy, scanner_names=names, workers=context.options.workers)
    with FindingsStore.open_existing(check_path, read_only=True) as check:
        found: dict[str, list[Finding]] = defaultdict(list)
        for finding in check.findings():
            found[finding.item].append(finding)
        incomplete = {locator: reason for locator, reason in ((e.item, e.reason) for e in check.errors()) if locator != MANIFEST}
    for record in summary.written:
        own = found.get(record.copy_item, [])
        residual = [
            f for f in own if f.identifier and f.score >= policy.min_score and not _is_surrogate(f, context.surrogates.get(record.item, {}))
        ]
        record.verification = {
            "residual": [
                {
                    "identifier": f.identifier,
                    "entity": f.entity,
                    "field": f.field,
                    "source": f.source,
                    "bbox": list(f.bbox) if f.bbox else None,
                    "span": list(f.span) if f.span and f.bbox is None else None,
                }
                for f in residual
            ],
            "pixel_text": sum(1 for f in own if f.source == "pixel" and f.scanner in ("pixel_text", "pdf_pages")),
            "rescanned_fully": record.copy_item not in incomplete,
        }
        if record.copy_item in incomplete:
            record.verification["rescan_error"] = incomplete[record.copy_item][:200]


def _is_surrogate(finding: Finding, placed: dict[str, list[tuple[int, int]]]) -> bool:
    """The finding is a surrogate the redaction placed, not a value left in the copy. One that overlaps a
    surrogate is taken for it: the re-scan often reads a fake name with the title before it ("dr. Jessica
    Ayers") where the original finding was the surname alone."""
    if finding.span is None:
        return False
    start, end = finding.span
    return any(start < e and s < end for s, e in placed.get(finding.field, []))
