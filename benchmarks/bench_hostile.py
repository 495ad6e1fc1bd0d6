"""Wall-clock of the whole hostile scan: both hostile corpora (tests/hostile/make_hostile.py and make_pathological.py)
in one folder, scanned by the default command with its default budgets. Target (issue 19): under 2 minutes on 2 cores.

    .venv/bin/python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.hostile.make_hostile import make_hostile
from tests.hostile.make_pathological import make_pathological


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        make_hostile(root / "hostile")
        make_pathological(root / "pathological")
        env = {key: value for key, value in os.environ.items() if key != "PHI_AUDIT_ITEM_TIME_LIMIT"}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "auditor", "scan", str(root), "--store", str(Path(folder) / "audit.db"), "--no-progress"],
            env={**env, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        elapsed = time.perf_counter() - started
    print(done.stdout.strip().splitlines()[0] if done.stdout.strip() else done.stderr[-2000:])
    print(f"whole hostile scan: {elapsed:.1f} s (exit {done.returncode}; target < 120 s on 2 cores); load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
