"""The atheris fuzz targets (fuzz/) run for a few seconds each in every test run: no crash, no hang, and they
really execute inputs. `python fuzz/run.py --seconds N` fuzzes longer; its crash inputs belong in
tests/fuzz_crashes/<target>/, which tests/test_fuzz_properties.py replays."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 3


def _runner():
    spec = importlib.util.spec_from_file_location("fuzz_run", ROOT / "fuzz" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("target", ["fuzz_dicom", "fuzz_image_metadata", "fuzz_exports"])
def test_a_fuzz_target_runs_its_time_budget_without_a_crash(target, tmp_path):
    result = _runner().run_target(target, SECONDS, tmp_path)
    assert result["returncode"] == 0, result["tail"]
    assert result["crashes"] == []
    assert result["runs"] > 100
