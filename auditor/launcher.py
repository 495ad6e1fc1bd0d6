"""The `phi-audit` command's entry point. Importing the CLI takes a second or more (typer, rich, the pipeline); a
Ctrl-C in that time ends in one line and exit 130, as one before a command starts does, never a traceback."""

from __future__ import annotations

import os
import sys

#: What an interrupt before any command could save anything prints.
INTERRUPTED_AT_START = "interrupted before anything was saved\n"
#: What an interrupt in a command that does not report one itself prints: it may have written part of its output.
INTERRUPTED_IN_COMMAND = "interrupted (what it was writing may be incomplete)\n"


def ctrl_c_in(error: BaseException) -> bool:
    """Whether `error` is a Ctrl-C or was raised by one: Python 3.11 turns a KeyboardInterrupt that lands while a class
    is being created (in a `__set_name__`, a dataclass field's say) into a RuntimeError caused by it."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, KeyboardInterrupt):
            return True
        cause = cause.__cause__
    return False


def exit_interrupted(said: str = INTERRUPTED_AT_START) -> None:
    """Say so and exit 130 at once. `os._exit`, not SystemExit: a KeyboardInterrupt that passed through an
    extension module's import makes CPython kill itself with SIGINT on a normal exit (exit status -2, not 130). Before
    a command nothing is open that an orderly exit would close; in a command that did not handle the Ctrl-C, what it
    was writing is incomplete either way (the store is SQLite, whose transactions survive this)."""
    sys.stderr.write(said)
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(130)


def main() -> None:
    try:
        from auditor.cli import main as cli_main
    except (KeyboardInterrupt, RuntimeError) as error:
        if not ctrl_c_in(error):
            raise
        exit_interrupted()
    cli_main()
