"""The `phi-audit serve` command: checks its configuration, then runs uvicorn in this process."""

from __future__ import annotations

import copy
from pathlib import Path

import typer

from auditor.policy import DEFAULT_POLICY

#: Connections served at once; more get 503. Each may hold one upload in memory, so this bounds memory too.
MAX_CONNECTIONS = 32


def serve(
    store: Path = typer.Option(Path("audit.db"), help="Findings store (SQLite): every check is recorded in it; created if missing."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on. Anything but loopback needs --token-file."),
    port: int = typer.Option(8080, min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Scanning processes for files (images, DICOM, PDF, archives); each loads the models once."),
    text_workers: int = typer.Option(
        1, min=1, help="Scanning processes for text and JSON posts, apart from the files' so a slow DICOM never delays them."
    ),
    token_file: Path | None = typer.Option(None, help="File (mode 0600) holding the bearer token every request but /healthz must carry."),
    max_upload_mb: float = typer.Option(50, min=0.001, help="Largest upload accepted (MiB); larger ones get 413."),
    time_limit: float = typer.Option(
        120, min=1, help="Seconds a check may take; past it the upload is recorded as not scanned (not accepted)."
    ),
    policy: str = typer.Option(DEFAULT_POLICY, help="A shipped policy name or a policy YAML file."),
    reject_at: str = typer.Option("low", help="Risk (low, medium, high) at or above which an upload is not accepted."),
) -> None:
    """Serve the upload-review API: POST /v1/check answers whether an upload may be accepted, and why."""
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from auditor.cli import _fail
    from auditor.policy import PolicyError, load_policy
    from auditor.service.app import create_app
    from auditor.service.config import ServiceConfig, ServiceConfigError, read_token
    from auditor.store import FindingsStore, StoreError

    if reject_at not in ("low", "medium", "high"):
        raise _fail("--reject-at: choose low, medium or high")
    try:
        config = ServiceConfig(
            store=store,
            policy=load_policy(policy),
            host=host,
            port=port,
            workers=workers,
            text_workers=text_workers,
            token=read_token(token_file) if token_file else None,
            max_upload_bytes=int(max_upload_mb * 1024 * 1024),
            time_limit=time_limit,
            reject_at=reject_at,
        )
        FindingsStore.create_or_open(store).close()
    except (PolicyError, ServiceConfigError, StoreError) as error:
        raise _fail(str(error)) from None
    if config.token is None:
        typer.echo("warning: no --token-file: every user of this machine can call the service", err=True)
    log_config = copy.deepcopy(LOGGING_CONFIG)
    log_config["loggers"]["auditor.service"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    uvicorn.run(
        create_app(config),
        host=host,
        port=port,
        access_log=False,
        log_config=log_config,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
        server_header=False,
    )
