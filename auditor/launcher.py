"""The `phi-audit` command's entry point. Importing the CLI takes a second or more (typer, rich, the pipeline); a
Ctrl-C in that time ends in one line and exit 130, as one before a command starts does, never a traceback."""

from __future__ import annotations

import os
import sys

#: What an interrupt before any command could save anything prints.
INTERRUPTED_AT_START = "interrupted before anything was saved\n"


def exit_interrupted_at_start() -> None:
    """Say so and exit 130 at once. `os._exit`, not SystemExit: a KeyboardInterrupt that passed through an
    extension module's import makes CPython kill itself with SIGINT on a normal exit (exit status -2, not 130), and
    nothing is open yet that an orderly exit would close."""
    sys.stderr.write(INTERRUPTED_AT_START)
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(130)


def main() -> None:
    try:
        from auditor.cli import main as cli_main
    except KeyboardInterrupt:
        exit_interrupted_at_start()
    cli_main()
