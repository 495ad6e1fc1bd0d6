"""Ctrl-C that arrives while workers are being started is held, then reported as the interrupt it is."""

import os
import signal

import pytest

from auditor.engines.ctrl_c import ctrl_c_held


def test_a_held_ctrl_c_is_raised_once_the_block_ends():
    with pytest.raises(KeyboardInterrupt), ctrl_c_held():
        os.kill(os.getpid(), signal.SIGINT)


def test_a_held_ctrl_c_wins_over_the_broken_pool_it_caused():
    # The same Ctrl-C reached the workers, which exited; the pool then refused the batch being submitted.
    with pytest.raises(KeyboardInterrupt), ctrl_c_held():
        os.kill(os.getpid(), signal.SIGINT)
        raise RuntimeError("A child process terminated abruptly, the process pool is not usable anymore")


def test_without_ctrl_c_the_held_code_raises_its_own_error():
    with pytest.raises(RuntimeError), ctrl_c_held():
        raise RuntimeError("a real failure")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
