"""Pathological input (issue 19): runs of punctuation and of dotted initials, over-long words, names hidden by zero-width, bidi and
look-alike characters, a record whose text is 50,000 nested arrays, a giant metadata segment, many-frame images,
an archive of many tiny members, a FIFO and links to devices. One real scan (the command line, default workers and
budgets, in a subprocess) must end, report every item, find the hidden names and keep the other items' findings.
How long it takes is measured in benchmarks/bench_hostile.py, not here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.make_hostile import read_outcome
from tests.hostile.make_pathological import make_pathological

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: Kills a scan that does not end, so that the test fails instead of hanging (not a speed bound).
WATCHDOG_S = 900


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("pathological") / "corpus"
    cases = make_pathological(root)
    store = root.parent / "audit.db"
    env = {key: value for key, value in os.environ.items() if key != "PHI_AUDIT_ITEM_TIME_LIMIT"}
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", str(root), "--store", str(store), "--no-progress"],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=WATCHDOG_S,
        check=False,
    )
    found, errors, items = read_outcome(store)
    return {"cases": cases, "done": done, "found": found, "errors": errors, "items": items}


def test_the_scan_ends_and_writes_its_report_without_a_traceback(scanned):
    assert scanned["done"].returncode in (0, 1), scanned["done"].stderr[-3000:]
    assert "Traceback" not in scanned["done"].stderr
    assert re.search(r"Scanned \d+ item\(s\)", scanned["done"].stdout)


def test_each_case_finds_its_good_and_hidden_items_and_reports_the_bad_ones(scanned):
    failures = []
    for case in scanned["cases"]:
        for locator, identifier in case.good.items():
            if identifier not in scanned["found"][locator]:
                failures.append(
                    f"{case.name}: {locator!r} should expose {identifier}: found {sorted(scanned['found'][locator])}, errors {scanned['errors'][locator]}"
                )
        for locator, pattern in case.bad.items():
            if locator not in scanned["items"] or not any(re.search(pattern, reason) for reason in scanned["errors"][locator]):
                failures.append(
                    f"{case.name}: {locator!r} should be listed with an error matching {pattern!r}: errors {scanned['errors'][locator]}"
                )
        for locator in case.listed:
            if locator not in scanned["items"]:
                failures.append(f"{case.name}: {locator!r} is not in the store")
        for prefix, pattern in case.bad_under.items():
            others = [loc for loc in scanned["items"] if loc.startswith(prefix) and loc not in case.good]
            if not any(re.search(pattern, reason) for loc in others for reason in scanned["errors"][loc]):
                failures.append(
                    f"{case.name}: no item under {prefix!r} has an error matching {pattern!r}: {[(loc, scanned['errors'][loc]) for loc in others]}"
                )
    assert len(scanned["cases"]) == 11
    assert not failures, "\n".join(failures)


def test_every_member_of_the_archive_of_tiny_members_is_an_item(scanned):
    assert sum(locator.startswith("archive/many.zip!") for locator in scanned["items"]) == 800
