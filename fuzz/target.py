"""What every atheris target shares: run a reader on each input, where only its own error type may come out."""

import sys
from collections.abc import Callable

import atheris


def fuzz(read: Callable[[bytes], object], allowed: type[Exception] | tuple[type[Exception], ...] = ()) -> None:
    """Fuzz `read` with the command line's libFuzzer options; any exception but `allowed` is a crash."""

    def test_one_input(data: bytes) -> None:
        try:
            read(data)
        except allowed:
            pass

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
