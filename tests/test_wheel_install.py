"""A built wheel works without the source tree: `pip install phi-audit` (or a wheel on a Dask worker or in a
container) must find its policies, schemas, gazetteers and models as package data, not beside the checkout."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """A fresh virtualenv with only the built wheel installed; its dependencies come from the test run's
    environment through a path entry, so nothing is downloaded and the source tree is not importable."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so the build leaves nothing in the checkout
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, tracked):
        if (ROOT / name).is_file() and not (ROOT / name).is_symlink():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(work / "dist"), str(source)],
        check=True,
    )
    (wheel,) = (work / "dist").glob("phi_audit-*.whl")
    environment = work / "venv"
    venv.create(environment, with_pip=True)
    site_packages = Path(
        subprocess.run(
            [environment / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site_packages / "test-run-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([environment / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)], check=True)
    return environment


def _run(environment: Path, *arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(environment / "bin" / "phi-audit"), *arguments], cwd=cwd, env=clean, capture_output=True, text=True, timeout=900
    )


def test_the_installed_package_is_the_wheel_not_the_checkout(installed_wheel, tmp_path):
    located = subprocess.run(
        [installed_wheel / "bin" / "python", "-c", "import auditor; print(auditor.__file__)"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(installed_wheel) in located and str(ROOT) not in located


def test_the_wheel_lists_its_shipped_policies(installed_wheel, tmp_path):
    listed = _run(installed_wheel, "policies", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "hipaa-safe-harbor" in listed.stdout and "gdpr-article9" in listed.stdout


def test_the_wheel_scans_the_sample_with_the_default_policy(installed_wheel, tmp_path):
    corpus = tmp_path / "sample"
    shutil.copytree(ROOT / "data" / "sample", corpus)
    scanned = _run(installed_wheel, "scan", str(corpus), "--store", str(tmp_path / "audit.db"), "--workers", "2", cwd=tmp_path)
    assert scanned.returncode in (0, 1), scanned.stderr
    reported = _run(installed_wheel, "report", "--store", str(tmp_path / "audit.db"), "--format", "json", cwd=tmp_path)
    assert reported.returncode == 0, reported.stderr
    report = json.loads(reported.stdout)
    assert report["policy"] == "hipaa-safe-harbor"
    assert report["items_by_risk"]["high"] > 0
    assert not [error for error in report["errors"] if error["stage"].startswith("scan:")]
