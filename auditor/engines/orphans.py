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
    """Make this process end when the process that started it does (call it first thing in a pool worker).

    The kernel is asked to kill this process with its parent. Whether the starter is alive is read from its pid
    (multiprocessing records it), not from `os.getppid()`: a parent killed while this process was still starting
    has already been replaced by PID 1 (or a subreaper). A forkserver's child has the forkserver for parent, which
    outlives the starter while its children hold its "alive" pipe: such a child watches the starter from a thread."""
    started_by = multiprocessing.parent_process()
    parent = started_by.pid if started_by is not None and started_by.pid is not None else os.getppid()
    if sys.platform.startswith("linux") and _ask_kernel():
        if not _alive(parent):  # the starter died before the request was made
            os._exit(1)
        if os.getppid() == parent:
            return
    if not _alive(parent):
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="exit-with-parent", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether process `pid` exists and has not exited (a zombie waiting for its own parent has)."""
    if os.path.isdir("/proc/self"):
        try:
            with open(f"/proc/{pid}/stat") as status:
                return status.read().rsplit(") ", 1)[-1][:1] not in ("Z", "X")
        except FileNotFoundError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _ask_kernel() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while _alive(parent):
        time.sleep(_POLL_S)
    os._exit(1)
