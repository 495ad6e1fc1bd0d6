"""The Dask engine: the same BatchScanner on the workers of a `dask.distributed` cluster.

Without a scheduler it starts a `LocalCluster` of `workers` processes of one thread each, bound to
127.0.0.1 with no dashboard. With one (`tcp://host:8786`, `tls://…`, or a scheduler file written by
dask-jobqueue or `dask scheduler --scheduler-file`) it uses that cluster as it is.

What travels: the scanner plugin carries the store's digest key and the scanner names to every worker
once; each task carries a batch of items *with their content* (post text, image/DICOM/PDF bytes), the raw
PHI being audited; each result carries only masked findings and errors. Use TLS on a cluster you do not
own. Models are never pickled: each worker builds its scanners once, in the plugin, and loads the
models on its first batch. Worker code lives here, in an importable module, so workers import it rather
than receive it by value.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import ExitStack, nullcontext
from pathlib import Path

import dask.config
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, wait

from auditor.engines import IN_FLIGHT_PER_WORKER, B, EngineError, bounded
from auditor.engines.ctrl_c import ctrl_c_held, ctrl_c_kept
from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.worker import BatchScanner, ItemResult

#: How long to wait for a first worker of a remote cluster (a batch job may still be queued).
WORKER_TIMEOUT_SECONDS = 600

#: The local scheduler's only web page: a health check (no dashboard, no info pages listing workers and tasks).
LOCAL_SCHEDULER_ROUTES = ["distributed.http.health"]

# Scanners of this worker process, by plugin name; a lock because a worker may run several threads.
_scanners: dict[str, tuple[BatchScanner, threading.Lock]] = {}


class ScannerPlugin(WorkerPlugin):
    """Builds the worker's scanners once, when the worker starts or joins (models load on first use)."""

    idempotent = True

    def __init__(self, key: bytes, scanner_names: Sequence[str]) -> None:
        self.key = key
        self.scanner_names = list(scanner_names)
        fingerprint = hashlib.sha256(key + "\0".join(self.scanner_names).encode()).hexdigest()[:16]
        self.name = f"phi-audit-scanners-{fingerprint}"

    def setup(self, worker: object) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one tesseract thread per worker thread
        _scanners[self.name] = (BatchScanner(EvidenceKeeper(self.key), self.scanner_names), threading.Lock())

    def teardown(self, worker: object) -> None:
        _scanners.pop(self.name, None)


def scan_on_worker(items: Sequence[Item], plugin_name: str) -> list[ItemResult]:
    """The task: scan one batch with this worker's scanners; the results hold masked findings only."""
    scanner, lock = _scanners[plugin_name]
    with lock:
        return scanner.scan(items)


class DaskEngine:
    ships_items = True
    reads_local_files = False  # its workers may be on other machines: they are sent the bytes

    def __init__(self, scheduler: str | None = None, workers: int = 1) -> None:
        self.scheduler = scheduler
        self.workers = max(1, workers)

    def run(self, batches: Iterable[B], key: bytes, scanner_names: Sequence[str]) -> Iterator[tuple[B, list[ItemResult]]]:
        plugin = ScannerPlugin(key, scanner_names)
        with ExitStack() as stack:
            # a local cluster is started with Ctrl-C held: a worker that got it mid-start printed a traceback, and a
            # scan stopped mid-start closed workers its scheduler still talked to, which logged errors. The held
            # block is inherited by the threads that spawn workers, so also by workers started later to replace one.
            with ctrl_c_held() if self.scheduler is None else nullcontext():
                client = stack.enter_context(self._connect(stack))
                client.register_plugin(plugin, name=plugin.name)
                try:
                    client.wait_for_workers(1, timeout=WORKER_TIMEOUT_SECONDS)
                except TimeoutError:
                    raise EngineError(f"no Dask worker joined {client.scheduler.address} within {WORKER_TIMEOUT_SECONDS} s") from None
            check_ctrl_c = stack.enter_context(ctrl_c_kept())
            for done in bounded(
                batches,
                lambda items: client.submit(scan_on_worker, items, plugin.name, pure=False),
                lambda pending: wait(pending, return_when="FIRST_COMPLETED").done,
                lambda: IN_FLIGHT_PER_WORKER * max(1, sum(client.nthreads().values())),
                # a worker that kept dying on a batch, the scheduler gone (its futures cancelled), a closed comm
                lost=(KilledWorker, CancelledError, OSError),
            ):
                yield done
                check_ctrl_c()

    def _connect(self, stack: ExitStack) -> Client:
        """A client of the named scheduler, or of a private LocalCluster closed with `stack`."""
        if self.scheduler is None:
            with dask.config.set({"distributed.scheduler.http.routes": LOCAL_SCHEDULER_ROUTES}):
                cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    # The scan says what went wrong itself (a lost worker ends it, an item's failure is its error);
                    # what distributed logs at ERROR is its own shutdown races after a Ctrl-C, such as a worker's
                    # heartbeat to a scheduler already closed, whose tracebacks hid the resume hint.
                    silence_logs=logging.CRITICAL,
                )
            return Client(stack.enter_context(cluster))
        try:
            if Path(self.scheduler).is_file():
                return Client(scheduler_file=self.scheduler)
            return Client(self.scheduler)
        except (OSError, TimeoutError) as error:
            raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
