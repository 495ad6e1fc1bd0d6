"""`POST /v1/check?redact=true`: the upload's redacted copy, made from the check's own findings, re-scanned by
the service's warm scanners as `phi-audit redact` verifies its copies, and returned only when that re-scan
finds no identifier left (fail closed: otherwise no copy, and the reason).

Pixel boxes the re-scan still reads are covered and re-scanned again (up to `EXTRA_PASSES` times), as the CLI
does; whatever is left after that, or in text, refuses the copy. The copy never reaches the store or the log.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from auditor.corpus.reader import read_tree
from auditor.model import Finding, Item, ItemError
from auditor.redact.in_memory import (
    EXTRA_PASSES,
    FileCopy,
    covered_again,
    marked_clean,
    redacted_files,
    residual,
)
from auditor.redact.run import Context, RedactOptions
from auditor.redact.text import Refused
from auditor.service.uploads import POST_FILE, MemoryTree
from auditor.worker import ItemResult


class RedactedFile(BaseModel):
    name: str = Field(
        description="The file's name in the upload: `upload.<ext>` for a file, `post.jsonl` and `media/<n>.<ext>` for a post."
    )
    kind: str
    sha256: str
    content_base64: str = Field(description="The redacted copy's bytes, base64-encoded.")
    removed: dict[str, int] = Field(description="Values removed per identifier (text spans, header values, pixel regions).")
    boxes: int = Field(description="Pixel regions covered (burned-in text filled, faces blurred, barcodes filled).")


class RedactedOut(BaseModel):
    status: Literal["written", "refused"]
    reason: str | None = Field(default=None, description="Why no copy is returned (status refused).")
    passes: int = Field(
        default=0, description="Verifying re-scans of the copy (one, plus one per round of covering what a re-scan still read)."
    )
    files: list[RedactedFile] = Field(default_factory=list)
    post: dict[str, str] | None = Field(
        default=None,
        description="For a JSON post: its redacted `text` (its media are in `files`; its author and time "
        "are not sent back: the service returns no value it was given)",
    )


Scan = Callable[[Sequence[Item]], Awaitable[list[ItemResult]]]


def refused(reason: str) -> RedactedOut:
    return RedactedOut(status="refused", reason=reason)


async def redacted_copy(
    files: Mapping[str, bytes],
    prefix: str,
    items: Sequence[Item],
    results: Sequence[ItemResult],
    errors: Sequence[ItemError],
    options: RedactOptions,
    key: bytes,
    scan: Scan,
) -> RedactedOut:
    """The verified redacted copy of an upload, or why there is none."""
    if errors:
        return refused(f"the upload was not fully scanned, so what is in it is not known ({len(errors)} error(s); see errors)")
    context = Context(options, key)
    findings: dict[str, list[Finding]] = defaultdict(list)
    for result in results:
        findings[result.item.locator].extend(result.findings)
    try:
        copies = await asyncio.to_thread(redacted_files, files, prefix, items, findings, context)
    except Refused as error:
        return refused(str(error))
    passes, left, rescan = 0, {}, {}
    for passes in range(1, EXTRA_PASSES + 2):
        outcome = await _rescanned(copies, prefix + "copy/", scan)
        if isinstance(outcome, str):
            return refused(outcome)
        rescan = outcome
        left = {copy.name: residual(rescan[copy.name], options.policy.min_score) for copy in copies}
        if not any(left.values()) or passes > EXTRA_PASSES:
            break
        try:
            covered = [await asyncio.to_thread(covered_again, copy, left[copy.name], context) for copy in copies if left[copy.name]]
        except Refused as error:
            return refused(f"a second pass over the copy failed: {error}")
        if not any(covered):
            break
    still = Counter(f.identifier for found in left.values() for f in found)
    if still:
        where = ", ".join(sorted(name for name, found in left.items() if found))
        return refused(
            f"the re-scan of the copy still finds {sum(still.values())} identifier(s) "
            f"({', '.join(f'{k}: {v}' for k, v in sorted(still.items()))}) in {where}: no copy is returned"
        )
    for copy in copies:
        marked_clean(copy, rescan[copy.name])
    post = next((copy for copy in copies if copy.name == POST_FILE), None)
    return RedactedOut(
        status="written",
        passes=passes,
        files=[_file_out(copy) for copy in copies if copy is not post],
        post=None if post is None else {"text": json.loads(post.data.decode("utf-8").splitlines()[0])["text"]},
    )


async def _rescanned(copies: Sequence[FileCopy], prefix: str, scan: Scan) -> dict[str, list[Finding]] | str:
    """Each copy's findings when scanned again as an upload, or why the copies could not all be scanned fully."""
    tree = MemoryTree({copy.name: copy.data for copy in copies}, prefix)
    entries = await asyncio.to_thread(lambda: list(read_tree(tree)))
    problems = [entry for entry in entries if isinstance(entry, ItemError)]
    items = [entry for entry in entries if isinstance(entry, Item)]
    results = await scan(items) if items else []
    problems += [error for result in results for error in result.errors]
    if problems:
        return f"the copy could not be re-scanned fully to verify it ({problems[0].stage}: {problems[0].reason[:200]})"
    found: dict[str, list[Finding]] = {copy.name: [] for copy in copies}
    for result in results:
        name = result.item.locator.removeprefix(prefix).split("#", 1)[0]
        found.setdefault(name, []).extend(result.findings)
    return found


def _file_out(copy: FileCopy) -> RedactedFile:
    return RedactedFile(
        name=copy.name,
        kind=copy.kind,
        sha256=copy.sha256,
        content_base64=base64.b64encode(copy.data).decode("ascii"),
        removed=copy.removed,
        boxes=len(copy.boxes),
    )
