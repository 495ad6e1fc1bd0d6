"""Ctrl-C while worker processes are being born.

A terminal's Ctrl-C reaches every process of its group. A worker that got it while still starting printed a
traceback over the resume hint (a KeyboardInterrupt while importing, or spawn's EOFError when the scan's own
process was interrupted while it wrote the worker's start-up data), before any code of ours ran in it. So the
scan's process holds Ctrl-C back while it starts workers: they inherit the block from their first instruction (a
signal mask survives fork and exec) and take Ctrl-C only once they can exit quietly. The scan's own process alone
reports the interrupt; nothing is lost, as only that process writes the store.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import resource_tracker
from types import FrameType

#: The exit status of a process ended by Ctrl-C, as a shell reports it.
INTERRUPTED = 130


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back in this thread (and every process or thread it starts meanwhile), then raised here, even
    over an exception the held code raised.

    Outside the main thread, where Python delivers no signal, it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):  # another thread of this process may still take the signal: keep it for later
        signal.signal(signal.SIGINT, lambda number, _frame: caught.append(number))
    # multiprocessing's resource tracker, started by the first worker, unblocks SIGINT in the thread that starts it:
    # started here first, it is running and left alone then.
    resource_tracker.ensure_running()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a held Ctrl-C is delivered now, to the handler above
        if callable(handler):
            signal.signal(signal.SIGINT, handler)
        if caught:
            # Ctrl-C wins over what the held code raised meanwhile: the same Ctrl-C ended the workers, and the
            # pool they left broken is its consequence, not a loss to report.
            raise KeyboardInterrupt


def exit_quietly_on_ctrl_c() -> None:
    """In a worker born with Ctrl-C held: from now on Ctrl-C ends it at once and silently (one held meanwhile ends
    it now)."""
    signal.signal(signal.SIGINT, lambda *_: os._exit(INTERRUPTED))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def ctrl_c_kept() -> Iterator[Callable[[], None]]:
    """Ctrl-C raised where it lands, except inside a `__del__`, where Python would print it as "Exception ignored"
    and lose it (Dask's `Future.__del__` runs often); there it is kept and raised by the `check()` this yields,
    which the caller runs between batches. Outside the main thread it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    kept: list[int] = []

    def handler(number: int, frame: FrameType | None) -> None:
        while frame is not None:
            if frame.f_code.co_name == "__del__":
                kept.append(number)
                return
            frame = frame.f_back
        raise KeyboardInterrupt

    def check() -> None:
        if kept:
            kept.clear()
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield check
    finally:
        signal.signal(signal.SIGINT, previous)
