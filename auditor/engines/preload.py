"""What the local pool's workers share before they start: imported once by the forkserver they are forked from.

Every worker of a spawned pool imported spaCy, Presidio and the scanners and built the text analyzer for itself
(about 3 s of CPU each, benchmarks/README.md); forked from one process that did it, they start with the modules
imported, the analyzer built and its word lists read, in copy-on-write memory. The forkserver is a fresh process
of its own (no thread, no open store of the main process is forked). A failure here is left to the worker, which
meets it again and reports it as its scanner's error.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from types import TracebackType

#: A text that makes every lazily loaded part of the text detector load (names, dates, numbers, a place).
_SAMPLE = "Dr. Maria Lopez saw me in Springfield, IL on 3/4/2024, MRN 1234567, call 608-555-0148 or mail a@b.com"


def _preload() -> None:
    import auditor.risk.extract  # every item's quasi-identifiers
    import auditor.worker  # noqa: F401  (what the pool runs)
    from auditor.scanners import REGISTRY, scanner_class
    from auditor.scanners.text.detector import TextDetector
    from auditor.terminal import quiet_libraries

    quiet_libraries()
    for name in REGISTRY:
        with contextlib.suppress(Exception):  # a scanner missing an optional dependency
            scanner_class(name)
    with contextlib.suppress(Exception):  # no spaCy model installed
        TextDetector().detect([_SAMPLE])


def _born_after_its_pool_closed(error: BaseException, trace: TracebackType | None) -> bool:
    """Whether a worker failed while being handed its pool's queues, which only fails once the scan has shut the
    pool down (a Ctrl-C, the end of a short scan): their semaphores are gone or the pipe is closed."""
    frames = [(frame.filename, frame.name) for frame in traceback.extract_tb(trace)]
    handed_over = any(name == "_main" and filename.endswith("spawn.py") for filename, name in frames)
    return handed_over and isinstance(error, (FileNotFoundError, EOFError, ConnectionError))


def _quiet_when_the_pool_is_gone(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None, report=sys.excepthook
) -> None:
    """The forkserver reports a child's failure through `sys.excepthook`: a worker born after the scan stopped has
    nothing to report (no item was handed to it), and its traceback, printed over the scan's resume hint, would
    read as a crash. Any other failure is printed as before."""
    if not _born_after_its_pool_closed(error, trace):
        report(kind, error, trace)


_preload()
sys.excepthook = _quiet_when_the_pool_is_gone
