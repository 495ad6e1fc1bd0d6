"""Run the atheris fuzz targets for a bounded time each, starting from small valid seeds.

    python fuzz/run.py [--seconds 30] [--out DIR] [TARGET ...]

Each target (`fuzz_dicom`, `fuzz_image_metadata`, `fuzz_exports`) runs in its own process with libFuzzer's
`-max_total_time`; a crash leaves its input as `crash-*` in the target's folder under DIR. Copy such an input
into tests/fuzz_crashes/<target>/ once fixed: tests/test_fuzz_properties.py replays every file there.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ("fuzz_dicom", "fuzz_image_metadata", "fuzz_exports")


def seeds(target: str) -> dict[str, bytes]:
    """Small valid inputs for `target`, so the fuzzer starts from real structure rather than from nothing."""
    sys.path.insert(0, str(ROOT))
    from PIL import Image

    from tests.hostile.make_hostile import dicom_bytes, png_bytes

    if target == "fuzz_dicom":
        return {"patient.dcm": dicom_bytes("DOE^JANE"), "bare.dcm": dicom_bytes()[128:]}
    if target == "fuzz_image_metadata":
        exif = Image.Exif()
        exif[0x013B] = "Dana Whitfield"  # Artist
        exif[0x9003] = "2024:03:04 10:00:00"  # DateTimeOriginal
        jpeg = io.BytesIO()
        Image.new("RGB", (8, 8)).save(jpeg, "JPEG", exif=exif, comment=b"MRN 4417782")
        return {"comment.png": png_bytes("Patient Dana Whitfield 617-555-0142"), "exif.jpg": jpeg.getvalue()}
    posts = [{"id": "1", "text": "I'm Dana, 617-555-0142", "author": "@d", "created_at": "2024-03-04T10:00:00Z", "media": ["a.png"]}]
    reddit = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "r1", "title": "MRI", "selftext": "my scan"}}]}}
    return {
        "posts.jsonl": "\n".join(json.dumps(p) for p in posts).encode(),
        "posts.json": json.dumps(posts).encode(),
        "tweets.js": ("window.YTD.tweets.part0 = " + json.dumps([{"tweet": {"id_str": "9", "full_text": "hi"}}])).encode(),
        "reddit.json": json.dumps(reddit).encode(),
    }


def run_target(target: str, seconds: int, out: Path) -> dict:
    """Fuzz `target` for `seconds`; returns its runs, its crash inputs and libFuzzer's exit code."""
    folder = out / target
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, data in seeds(target).items():
        (corpus / name).write_bytes(data)
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    command = [
        sys.executable,
        str(ROOT / "fuzz" / f"{target}.py"),
        f"-max_total_time={seconds}",
        "-rss_limit_mb=2048",
        "-timeout=20",
        f"-artifact_prefix={folder}/",
        str(corpus),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 300)
    done = re.search(r"Done (\d+) runs in (\d+) second", result.stderr)
    crashes = (
        sorted(str(path) for path in folder.glob("crash-*"))
        + sorted(str(path) for path in folder.glob("timeout-*"))
        + sorted(str(path) for path in folder.glob("oom-*"))
    )
    return {
        "target": target,
        "seconds": seconds,
        "runs": int(done.group(1)) if done else None,
        "crashes": crashes,
        "returncode": result.returncode,
        "tail": result.stderr[-3000:] if result.returncode else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=list(TARGETS))
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="phi-audit-fuzz-"))
    results = [run_target(target, args.seconds, out) for target in args.targets]
    print(json.dumps(results, indent=2))
    return 0 if all(r["returncode"] == 0 and not r["crashes"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
