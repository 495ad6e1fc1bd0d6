"""Pool workers that end with the process that started them.

A worker killed with the main process (kill -9, an out-of-memory kill) would otherwise run on under PID 1, holding
its models' memory. On Linux the kernel sends the worker SIGKILL when its parent dies (`PR_SET_PDEATHSIG`, through
ctypes: no library offers it without a compiled extension); elsewhere a daemon thread polls the parent's pid.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the parent where the kernel cannot be asked.
_POLL_S = 1.0


def exit_with_parent() -> None:
    """Make this process end when its parent does (call it first thing in a pool worker).

    The parent is the process that started this one (multiprocessing records it), not `os.getppid()` now: a
    parent killed while this process was still starting has already been replaced by PID 1 (or a subreaper)."""
    started_by = multiprocessing.parent_process()
    parent = started_by.pid if started_by is not None and started_by.pid is not None else os.getppid()
    if sys.platform.startswith("linux") and _ask_kernel():
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(1)
        return
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="exit-with-parent", daemon=True).start()


def _ask_kernel() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_POLL_S)
    os._exit(1)
