"""A pool worker ends without the interpreter's teardown: its models are millions of objects freed one by one (over
a second a worker, while the scan waits for it), in a process with nothing left to write but its standard streams."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from auditor.worker import init_worker


class _TornDown:
    """Writes `marker` when the interpreter frees it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __del__(self) -> None:
        self.marker.write_text("torn down")


_kept: list[_TornDown] = []


def _keep_until_exit(marker: Path) -> None:
    _kept.append(_TornDown(marker))
    print("written before the end", end="")


def test_a_pool_worker_ends_without_freeing_what_it_holds_and_with_its_output_written(tmp_path, capfd):
    marker = tmp_path / "marker"
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=init_worker, initargs=(b"k" * 32, ["dicom_header"])) as pool:
        pool.submit(_keep_until_exit, marker).result()
    assert not marker.exists()
    assert "written before the end" in capfd.readouterr().out
