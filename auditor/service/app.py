"""The HTTP API of `phi-audit serve`: FastAPI (OpenAPI from typed models, offline docs) on uvicorn.

`POST /v1/check` reads one upload (a multipart file, or a JSON post with base64 media) into items with the
corpus reader, scans them in the service's process lanes, judges them by the policy, records the check in the
store and answers with the verdict. The store is written by one thread that owns its connection, so the event
loop never waits on SQLite and writes never interleave. Responses and logs carry masked evidence, keyed digests,
locators and counts only: no raw value, no uploaded byte, no upload file name.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from auditor.locator_masks import StoredLocators
from auditor.model import Finding, Item, ItemError, Verdict, risk_rank
from auditor.places import has_place, places_in
from auditor.policy import judge
from auditor.policy.schema import RiskLevel
from auditor.redact.run import RedactOptions
from auditor.scanners import scanner_versions
from auditor.service.config import ServiceConfig
from auditor.service.lanes import ScanLanes
from auditor.service.redaction import RedactedOut, redacted_copy, refused
from auditor.service.uploads import Upload, read_file_upload, read_post_upload
from auditor.store import FindingsStore, item_views, masked_locators
from auditor.store.service_checks import CheckRecord, save_check
from auditor.worker import ItemResult

log = logging.getLogger("auditor.service")
T = TypeVar("T")
#: Media a JSON post may carry.
MAX_POST_MEDIA = 32


# -- the API's records (OpenAPI schemas) ------------------------------------------------------------


class MediaUpload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="", max_length=255, description="The file's name; only its extension is kept.")
    content_base64: str = Field(description="The file's bytes, base64-encoded.")


class PostUpload(BaseModel):
    """A post to check, as a post export holds it: its text, author, time and the media it shares."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    author: str | None = None
    created_at: str | None = None
    media: list[MediaUpload] = Field(default_factory=list, max_length=MAX_POST_MEDIA)


class PolicyRef(BaseModel):
    name: str
    version: str


class VerdictOut(BaseModel):
    item: str
    risk: Literal["none", "low", "medium", "high"]
    rules: list[str]
    identifiers: list[str]
    health: list[str]
    complete: bool


class CheckOut(BaseModel):
    check: str = Field(description="The check's id in the store's audit trail (table service_checks).")
    item: str = Field(description="Locator of the upload in the store: GET /v1/items/{item}.")
    sha256: str = Field(description="sha256 of the uploaded file's bytes (of the JSON body for a post).")
    verdict: Literal["none", "low", "medium", "high"] = Field(description="The highest risk among the upload's items.")
    accept: bool = Field(description="False when the verdict is at or above the service's --reject-at, or any part was not scanned.")
    complete: bool
    policy: PolicyRef
    verdicts: list[VerdictOut] = Field(description="One per item judged (a post with its media, each file of an archive).")
    findings: list[PlacedFinding] = Field(
        description="Evidence masked (`J*** D**`), digests keyed (docs/findings-schema.md); `where` in a document."
    )
    errors: list[ItemError] = Field(description="What could not be read or scanned; any error makes the upload not accepted.")
    redacted: RedactedOut | None = Field(default=None, description="With ?redact=true: the verified redacted copy, or why there is none.")


@dataclass(frozen=True)
class PlacedFinding(Finding):
    #: Where a finding in an HTML, XML or Office document's text is in the file (`auditor.corpus.markup.source_places`).
    where: str | None = None


def _placed(findings: list[Finding], items: list[Item]) -> list[PlacedFinding]:
    """The findings, each in a document with its place in the file ("table 1, row 2, cell 2, characters 0-10"), as
    the reports and exports place them (auditor/places.py)."""
    uploaded = {item.locator: item for item in items}
    spans: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.item in uploaded and has_place(finding.source, finding.span) and finding.span is not None:
            spans.setdefault(finding.item, []).append(finding.span)
    places = {locator: places_in(locator, uploaded[locator], own) for locator, own in spans.items()}

    def where(finding: Finding) -> str | None:
        if finding.span is None or not has_place(finding.source, finding.span):
            return None
        return places.get(finding.item, {}).get(finding.span)

    return [PlacedFinding(**asdict(finding), where=where(finding)) for finding in findings]


class ItemOut(BaseModel):
    item: str
    kind: str
    parent: str | None
    media: list[str]
    content_hash: str
    complete: bool
    verdict: VerdictOut | None
    findings: list[Finding]
    errors: list[ItemError]


def _risk(value: str) -> RiskLevel:
    """A verdict's risk, typed as the responses declare it: a policy's risk level or "none" (pydantic checks it too)."""
    return cast(RiskLevel, value)


def _verdict_out(verdict: Verdict) -> VerdictOut:
    return VerdictOut(
        item=verdict.item,
        risk=_risk(verdict.risk),
        rules=list(verdict.rules),
        identifiers=list(verdict.identifiers),
        health=list(verdict.health),
        complete=verdict.complete,
    )


# -- the service: lanes, the store's thread, the check itself -----------------------------------------


class StoreThread:
    """The store, owned by one thread: every read and write goes through it, in order."""

    def __init__(self, path: Any) -> None:
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="store")
        self._store: FindingsStore = self._executor.submit(FindingsStore.create_or_open, path).result()

    def call(self, work: Callable[[FindingsStore], T]) -> T:
        return self._executor.submit(work, self._store).result()

    async def run(self, work: Callable[[FindingsStore], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, work, self._store)

    def close(self) -> None:
        self.call(FindingsStore.close)
        self._executor.shutdown()


class Service:
    """One running service: its store thread, its scanning lanes and its run in the store."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        versions = scanner_versions()
        self.scanned_with = json.dumps(versions, sort_keys=True)  # as a scan with every scanner records it
        self.store = StoreThread(config.store)
        policy = config.policy
        self.run_id = self.store.call(
            lambda store: store.start_run([f"phi-audit serve on {config.host}:{config.port}"], policy.policy, policy.version, versions)
        )
        key = self.key = self.store.call(lambda store: store.evidence_keeper().key)
        # the scanners' own time limit is half the check's, so a scanner stuck in Python code stops before the check ends
        self.lanes = ScanLanes(key, {"text": config.text_workers, "media": config.workers}, config.time_limit / 2)
        self.checks = 0

    def stop(self) -> None:
        self.lanes.close()
        self.store.call(lambda store: store.finish_run(self.run_id, "finished", self.checks, 0))
        self.store.close()

    async def check(
        self, kind: str, data: bytes, read: Callable[[str], Upload], received: str, deadline: float, redact: bool = False
    ) -> CheckOut:
        """Read, scan, judge and record one upload; `read(prefix)` turns it into the corpus reader's entries.
        With `redact`, the answer carries the upload's verified redacted copy, or why there is none. Scanning and
        the copy share the request's time limit: they end by `deadline` (`time.monotonic()`)."""
        check_id = secrets.token_hex(8)
        upload = await asyncio.to_thread(read, f"checks/{check_id}/")
        locator, entries = upload.locator, upload.entries
        items = [entry for entry in entries if isinstance(entry, Item)]
        reader_errors = [entry for entry in entries if isinstance(entry, ItemError)]
        if not items and not reader_errors:
            reader_errors.append(ItemError(locator, "read", "nothing to scan in the upload (no text, no file, no record)"))
        results = await self._scanned(items, deadline - time.monotonic()) if items else []
        outcome = _judged(results, reader_errors, self.config)
        accepted = outcome.complete and risk_rank(outcome.verdict) < risk_rank(self.config.reject_at)
        findings = [finding for result in outcome.results for finding in result.findings]
        errors = [error for result in outcome.results for error in result.errors] + [
            e for errs in outcome.unreadable.values() for e in errs
        ]
        policy = self.config.policy
        record = CheckRecord(
            check_id,
            received,
            _now(),
            kind,
            hashlib.sha256(data).hexdigest(),
            len(data),
            locator,
            policy.policy,
            policy.version,
            outcome.verdict,
            accepted,
            outcome.complete,
            len(findings),
            len(errors),
            self.run_id,
        )
        await self.store.run(lambda store: self._record(store, outcome, record))
        self.checks += 1
        copy = await self._redacted(upload, items, outcome.results, errors, deadline) if redact else None
        placed = await asyncio.to_thread(_placed, findings, items)  # re-reads a document: off the event loop
        return CheckOut(
            check=check_id,
            item=locator,
            sha256=record.sha256,
            verdict=_risk(outcome.verdict),
            accept=accepted,
            complete=outcome.complete,
            policy=PolicyRef(name=policy.policy, version=policy.version),
            verdicts=[_verdict_out(v) for v in outcome.verdicts],
            findings=placed,
            errors=errors,
            redacted=copy,
        )

    async def _redacted(
        self, upload: Upload, items: list[Item], results: list[ItemResult], errors: list[ItemError], deadline: float
    ) -> RedactedOut:
        """The upload's verified redacted copy, made and re-scanned in what is left of the request's time limit, or why
        there is none."""
        options = RedactOptions(out=Path("."), policy=self.config.policy)  # nothing is written: the copy stays in memory
        try:
            return await asyncio.wait_for(
                redacted_copy(upload.files, upload.prefix, items, results, errors, options, self.key, self.lanes.scan),
                max(deadline - time.monotonic(), 0.001),
            )
        except TimeoutError:
            return refused(f"the copy was not made and verified within the service's {self.config.time_limit:g}-second time limit")
        except BrokenProcessPool:
            return refused("the scanning process died while re-scanning the copy; no copy is returned")

    async def _scanned(self, items: list[Item], seconds: float) -> list[ItemResult]:
        """The items' results; past the time limit, or when the scanning process died on them, each item gets that
        error instead (not scanned, so not accepted) and is still recorded."""
        try:
            return await asyncio.wait_for(self.lanes.scan(items), max(seconds, 0.001))
        except TimeoutError:
            stage, reason = "scan:time_limit", f"not scanned within the service's {self.config.time_limit:g}-second time limit"
        except BrokenProcessPool:
            stage, reason = "scan:worker", "the scanning process died on this upload (twice); not scanned"
        return [ItemResult(replace(item, payload=None), errors=[ItemError(item.locator, stage, reason)]) for item in items]

    def _record(self, store: FindingsStore, outcome: _Outcome, record: CheckRecord) -> None:
        """The check's items as a scan saves them: under masked locators where their names hold an identifier."""
        locators = StoredLocators(store)
        saved, masks, replaced, renamed = locators.masked_batch([(r.item, r.findings, r.errors) for r in outcome.results])
        store.save_items(saved, self.scanned_with, self.run_id, also=masked_locators.writer(masks), replacing=replaced)
        for locator, errors in outcome.unreadable.items():
            store.save_unreadable(locators.of(locator), [replace(e, item=locators.of(locator)) for e in errors], self.run_id)
        store.save_verdicts(replace(v, item=renamed.get(v.item, v.item)) for v in outcome.verdicts)
        save_check(store, record)


@dataclass
class _Outcome:
    results: list[ItemResult]
    unreadable: dict[str, list[ItemError]]  # what never became an item (a refused archive member, a bad record)
    verdicts: list[Verdict]
    verdict: str
    complete: bool


def _judged(results: list[ItemResult], reader_errors: list[ItemError], config: ServiceConfig) -> _Outcome:
    """Each top item judged with its media (as a scan judges a post), reader errors given to their items."""
    by_locator = {result.item.locator: result for result in results}
    unreadable: dict[str, list[ItemError]] = {}
    for error in reader_errors:
        if error.item in by_locator:
            by_locator[error.item].errors.append(error)
        else:
            unreadable.setdefault(error.item, []).append(error)
    groups: dict[str, list[ItemResult]] = {}
    for result in results:
        parent = result.item.parent
        groups.setdefault(parent if parent in by_locator else result.item.locator, []).append(result)
    verdicts = [
        judge(top, [f for member in members for f in member.findings], config.policy, complete=not any(member.errors for member in members))
        for top, members in groups.items()
    ]
    verdicts += [judge(locator, [], config.policy, complete=False) for locator in unreadable]
    verdict = max((v.risk for v in verdicts), key=risk_rank, default="none")
    return _Outcome(results, unreadable, verdicts, verdict, all(v.complete for v in verdicts))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- HTTP: guards, body reading, endpoints ------------------------------------------------------------


class BearerToken:
    """ASGI middleware: every request but `/healthz` carries `Authorization: Bearer <token>`, compared in constant time."""

    OPEN_PATHS = frozenset({"/healthz"})

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self._token = token.encode("utf-8")

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["path"] in self.OPEN_PATHS:
            return await self.app(scope, receive, send)
        header = dict(scope["headers"]).get(b"authorization", b"")
        scheme, _, presented = header.partition(b" ")
        if scheme.lower() == b"bearer" and hmac.compare_digest(presented.strip(), self._token):
            return await self.app(scope, receive, send)
        response = JSONResponse({"detail": "missing or wrong bearer token"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)


class RequestLog:
    """ASGI middleware: one log line per request with the route's template, never its path (a locator) or query."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.monotonic(), [500]

        async def send_noting_status(message: dict) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            route = getattr(scope.get("route"), "path", "(no route)")
            log.info("%s %s %d %.0f ms", scope["method"], route, status[0], 1000 * (time.monotonic() - started))


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, refused (413) as soon as it is known to be over `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload over the service's limit of {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"upload over the service's limit of {limit} bytes")
    return bytes(body)


async def _uploaded_file(request: Request, body: bytes) -> tuple[str | None, bytes]:
    """The one file part (named `file`) of a multipart body, parsed in memory (never spooled to disk)."""

    async def once() -> AsyncGenerator[bytes, None]:
        yield body

    parser = MultiPartParser(request.headers, once(), max_files=1, max_fields=8)
    parser.spool_max_size = len(body) + 1  # the body is bounded already: keep the file in memory
    try:
        form = await parser.parse()
    except (MultiPartException, KeyError, ValueError) as error:
        raise HTTPException(400, f"malformed multipart body: {error}") from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "the multipart body needs one file part named 'file'")
    return upload.filename, await upload.read()


def _posted(body: bytes) -> PostUpload:
    try:
        return PostUpload.model_validate_json(body)
    except ValidationError as error:
        problems = [{"loc": list(p["loc"]), "msg": p["msg"]} for p in error.errors(include_input=False, include_url=False)]
        if any(p["type"] == "json_invalid" for p in error.errors(include_input=False)):
            raise HTTPException(400, "malformed JSON body") from None
        raise HTTPException(422, problems) from None


def _media(post: PostUpload) -> list[tuple[str, bytes]]:
    try:
        return [(medium.name, base64.b64decode(medium.content_base64, validate=True)) for medium in post.media]
    except (binascii.Error, ValueError):
        raise HTTPException(422, [{"loc": ["media"], "msg": "content_base64 is not valid base64"}]) from None


_CHECK_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}
            },
            "application/json": {"schema": PostUpload.model_json_schema()},
        },
    }
}


def create_app(config: ServiceConfig) -> Any:
    """The service's ASGI app; its lifespan opens the store and starts the scanning lanes (warmed in the background)."""
    holder: dict[str, Service] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = holder["service"] = Service(config)
        service.lanes.start()
        warming = asyncio.create_task(service.lanes.warm_up())
        try:
            yield
        finally:
            warming.cancel()
            service.stop()

    app = FastAPIOffline(
        title="phi-audit",
        version="1",
        lifespan=lifespan,
        description="Upload review: may this post, image, DICOM file, PDF or archive be accepted? Findings are masked.",
    )

    def service() -> Service:
        return holder["service"]

    @app.get("/healthz", summary="The server is up (no token needed)")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", summary="Every scanning process has loaded its models", responses={503: {"description": "still loading"}})
    async def readyz() -> JSONResponse:
        lanes = service().lanes
        batches = asdict(lanes.text_batches.counts)
        return JSONResponse({"ready": lanes.ready, "text_batches": batches}, status_code=200 if lanes.ready else 503)

    @app.post(
        "/v1/check",
        response_model=CheckOut,
        openapi_extra=_CHECK_BODY,
        responses={
            400: {"description": "malformed body"},
            401: {"description": "no or wrong token"},
            408: {"description": "the body did not arrive within the time limit"},
            413: {"description": "upload too large"},
            415: {"description": "neither multipart nor JSON"},
            422: {"description": "JSON post of the wrong shape"},
        },
    )
    async def check(request: Request, redact: bool = False) -> CheckOut:
        """Check one upload: a multipart file (image, DICOM, PDF, text, CSV, post export, zip) or a JSON post. With
        `?redact=true` the answer also carries `redacted`: the upload's redacted copy, verified by a re-scan, or why
        there is none."""
        received, deadline = _now(), time.monotonic() + config.time_limit  # one time limit for the whole request
        try:
            body = await asyncio.wait_for(_body(request, config.max_upload_bytes), config.time_limit)
        except TimeoutError:
            raise HTTPException(408, "the upload did not arrive within the time limit") from None
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "multipart/form-data":
            name, data = await _uploaded_file(request, body)
            return await service().check("file", data, lambda prefix: read_file_upload(prefix, name, data), received, deadline, redact)
        if content_type == "application/json":
            post = _posted(body)
            media = _media(post)
            return await service().check(
                "post",
                body,
                lambda prefix: read_post_upload(prefix, post.text, post.author, post.created_at, media),
                received,
                deadline,
                redact,
            )
        raise HTTPException(415, "send multipart/form-data (a part named 'file') or application/json (a post)")

    @app.get("/v1/items/{locator:path}", response_model=ItemOut, responses={404: {"description": "no such item"}})
    async def item(locator: str) -> ItemOut:
        """One item of the store (a check's upload, or any scanned item), with its verdict by the service's policy."""
        found = await service().store.run(lambda store: _item(store, locator, config.policy.policy))
        if found is None:
            raise HTTPException(404, "no such item in the store")
        return found

    @app.get("/v1/report", summary="The audit report of the whole store (phi-audit report --format json)")
    async def report() -> JSONResponse:
        from auditor.report import build_report

        try:
            built = await service().store.run(lambda store: build_report(store, config.policy.policy))
        except ValueError as error:
            raise HTTPException(409, str(error)) from None
        return JSONResponse(asdict(built))

    guarded = BearerToken(app, config.token) if config.token else app
    return RequestLog(guarded)


def _item(store: FindingsStore, locator: str, policy: str) -> ItemOut | None:
    stored = item_views.stored_item(store, locator)
    if stored is None:
        return None
    judged = item_views.verdict_of(store, locator, policy)
    verdict = None
    if judged:
        verdict = VerdictOut(
            item=locator,
            risk=_risk(judged.risk),
            rules=list(judged.rules),
            identifiers=list(judged.identifiers),
            health=list(judged.health),
            complete=judged.complete,
        )
    return ItemOut(
        item=locator,
        kind=stored.kind,
        parent=stored.parent,
        media=item_views.media_locators(store, locator),
        content_hash=stored.content_hash,
        complete=stored.complete,
        verdict=verdict,
        findings=list(store.findings([locator])),
        errors=item_views.errors_of(store, locator),
    )
