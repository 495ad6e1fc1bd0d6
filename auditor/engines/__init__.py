"""Engines run the scan's batches: one code path for scanning (`auditor.worker.BatchScanner`), two ways to run it.

`local` scans in-process (one worker) or in a process pool of spawned workers; `dask` scans on a `dask.distributed`
cluster (a `LocalCluster` on this machine, or a scheduler's address). Either way the main process reads the
corpus, hands batches to the engine and is the only writer of the store; an engine returns masked findings.
At most a few batches per worker are in flight, so memory is bounded by the worker count, not the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from auditor.model import Item

if TYPE_CHECKING:  # the worker imports engines.orphans: a run-time import here would be circular
    from auditor.worker import ItemResult

#: Names of the engines, for the CLI.
ENGINES = ("local", "dask")
#: Batches in flight per worker: one being scanned, one waiting, so a worker never idles on the main process.
IN_FLIGHT_PER_WORKER = 2


class Batch(Protocol):
    items: list[Item]


B = TypeVar("B", bound=Batch)


class Engine(Protocol):
    #: Whether items travel to another process to be scanned (so that sending less of them is worth some work).
    ships_items: bool
    #: Whether its workers read this machine's files (in this process or a local pool), so that a folder's binary
    #: files may be left on disk for them to read and hash (`corpus.reader.ItemOnDisk`).
    reads_local_files: bool

    def run(self, batches: Iterable[B], key: bytes, scanner_names: Sequence[str]) -> Iterator[tuple[B, list[ItemResult]]]:
        """Scan each batch's items with the named scanners (digests under `key`); yield results as they complete."""


class EngineError(Exception):
    """An engine that cannot be made or run: unknown, misconfigured, missing its optional dependencies, or unreachable."""


def make_engine(name: str, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called `name`; `scheduler` (an address or a scheduler file) only means something to Dask.
    Without `workers`, the usable cores as memory allows (`local.usable_workers`)."""
    if name == "local":
        if scheduler is not None:
            raise EngineError("--scheduler needs --engine dask")
        from auditor.engines.local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        try:
            from auditor.engines.dask_cluster import DaskEngine
        except ImportError as error:
            raise EngineError(f"the Dask engine needs dask.distributed: pip install 'phi-audit[dask]' ({error})") from None

        from auditor.engines.local import usable_workers

        return DaskEngine(scheduler=scheduler, workers=workers or usable_workers())
    raise EngineError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


class WorkersLost(EngineError):
    """The workers went away mid-scan (killed, out of memory, the cluster stopped): what was saved stays saved."""


def bounded(
    batches: Iterable[B],
    submit: Callable[[list[Item]], Any],
    first_done: Callable[[Collection[Any]], Iterable[Any]],
    limit: Callable[[], int],
    lost: tuple[type[BaseException], ...] = (),
) -> Iterator[tuple[B, list[ItemResult]]]:
    """Submit batches while fewer than `limit()` are in flight, yielding each batch with its results once done.

    Works with any futures that have `result()` and `cancel()` (concurrent.futures and dask.distributed);
    `first_done` blocks until at least one of the pending futures is done and returns the done ones. The
    engine's errors in `lost` (a broken pool, a closed connection) become `WorkersLost`.
    """
    pending: dict[Any, B] = {}
    try:
        for batch in batches:
            pending[submit(batch.items)] = batch
            while len(pending) >= limit():
                yield from _completed(pending, first_done)
        while pending:
            yield from _completed(pending, first_done)
    except BaseException as error:
        for future in pending:
            future.cancel()
        if not isinstance(error, lost):
            raise
        reason = " ".join(str(error).split())[:200] or type(error).__name__
        raise WorkersLost(
            f"the scan's workers were lost with {len(pending)} batch(es) in flight ({type(error).__name__}: {reason}); "
            "findings saved so far are kept, and running the same command again resumes the scan"
        ) from error


def _completed(pending: dict[Any, B], first_done: Callable[[Collection[Any]], Iterable[Any]]) -> Iterator[tuple[B, list[ItemResult]]]:
    for future in list(first_done(list(pending))):
        yield pending.pop(future), future.result()
