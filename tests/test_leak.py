"""The auditor's own exposure: after a scan of the sample corpus, no raw value planted in it appears in the store,
in what the commands print (stdout and stderr), in any export format or in the text and JSON reports; every file
the auditor writes is owner-only; every command runs with the network blocked (the scan reads every kind of
item: posts, images, DICOM, PDFs, archives); and nothing in its code unpickles, evaluates or loads YAML unsafely.

A second, hostile folder plants values where a reader could keep them raw (a date that is no date, a CSV id
column, a nested record field, a repeated post id, a DICOM value pydicom warns about, a TIFF's second page,
names in combining marks and enclosed letters) and the same outputs are searched for them.

The planted values come from the sample's truth (data/sample.labels.jsonl and data/sample.pixel-labels.jsonl,
written by data/make_sample.py next to the corpus). Values shorter than 6 characters ("92", "10/5") are left
out: they are ages and day-month pairs that occur in any text (a count, a timestamp) whether or not anything
leaked. A value found only inside a longer run of hex digits (a digest the auditor wrote) is chance, not a leak.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.needs_tesseract

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
TRUTH = (ROOT / "data" / "sample.labels.jsonl", ROOT / "data" / "sample.pixel-labels.jsonl")
MIN_LENGTH = 6


def planted_values() -> set[str]:
    """Every identifier value planted in the sample (text, metadata and burned-in), as written there."""
    values = set()
    for truth in TRUTH:
        for line in truth.read_text(encoding="utf-8").splitlines():
            for label in json.loads(line).get("labels", []):
                if label.get("identifier") and len(label["text"].strip()) >= MIN_LENGTH:
                    values.add(label["text"].strip())
    return values


#: Runs the command line with every way of opening a connection refused and recorded in the file $ATTEMPTS.
OFFLINE = """
import os, socket, sys
def refuse(*args, **kwargs):
    with open(os.environ["ATTEMPTS"], "a") as log:
        log.write(repr(args[1:2] or args) + "\\n")
    raise OSError("network blocked by test")
socket.socket.connect = socket.socket.connect_ex = socket.getaddrinfo = socket.create_connection = refuse
sys.argv = ["phi-audit", *sys.argv[1:]]
from auditor.cli import main
main()
"""


def phi_audit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ATTEMPTS": str(cwd / "network-attempts.log")}
    return subprocess.run([sys.executable, "-c", OFFLINE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    """Everything the auditor wrote or printed for a scan of the sample, by where it came from."""
    work = tmp_path_factory.mktemp("leak")
    store = work / "audit.db"
    runs = {
        "scan": phi_audit("scan", str(SAMPLE), "--store", str(store), "--no-progress", cwd=work),
        "scan --json": phi_audit("scan", str(SAMPLE), "--store", str(store), "--no-progress", "--json", cwd=work),
        "report text": phi_audit("report", "--store", str(store), cwd=work),
        "report json": phi_audit("report", "--store", str(store), "--format", "json", cwd=work),
        "report --out": phi_audit("report", "--store", str(store), "--out", str(work / "report.txt"), cwd=work),
    }
    for fmt in ("jsonl", "csv", "parquet"):
        runs[f"export {fmt}"] = phi_audit(
            "export", "--store", str(store), "--format", fmt, "--out", str(work / f"findings.{fmt}"), cwd=work
        )
    for name, run in runs.items():
        assert run.returncode in (0, 1), f"{name}: {run.stderr[-2000:]}"
    texts = {f"{name} {stream}": getattr(run, stream) for name, run in runs.items() for stream in ("stdout", "stderr")}
    attempts = work / "network-attempts.log"
    assert not attempts.exists(), attempts.read_text()  # every command, a scan of every kind of item included, stayed offline
    for path in sorted(work.iterdir()):
        texts[path.name] = path.read_bytes().decode("utf-8", "replace")  # the store and its WAL as raw bytes too
    texts["findings.parquet (rows)"] = pd.read_parquet(work / "findings.parquet").to_json(orient="records", force_ascii=False)
    return {"texts": texts, "work": work}


def test_the_sample_plants_hundreds_of_values_to_look_for():
    assert len(planted_values()) > 400


def _publication_dates(store: Path) -> set[str]:
    """The days posts were published on: the store keeps each post's `created_at` by design (it dates the post,
    not a person), and a burned-in date elsewhere in the sample may fall on one of those days."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        return {row[0][:10] for row in db.execute("SELECT created_at FROM items WHERE created_at IS NOT NULL")}


#: A run of hex digits this long, with a hex letter in it, is a digest or a key the auditor wrote, not a value it read.
DIGEST_LENGTH = 16


def _appears(value: str, folded: str) -> bool:
    """Whether `value` appears in `folded` other than by chance inside a longer digest: a planted "3619509"
    turns up in one 64-hex digest in a few dozen stores, but a leaked value stands as written."""
    needle = value.casefold()
    for match in re.finditer(re.escape(needle), folded):
        start, end = match.start(), match.end()
        while start and folded[start - 1] in "0123456789abcdef":
            start -= 1
        while end < len(folded) and folded[end] in "0123456789abcdef":
            end += 1
        run = folded[start:end]
        if end - start == len(needle) or end - start < DIGEST_LENGTH or not any(c in "abcdef" for c in run):
            return True
    return False


def test_a_value_inside_a_digest_is_chance_and_a_value_as_written_is_a_leak():
    digest = "9f2c4e8a3619509d1b7e0c5a2f6d8e4b"
    assert not _appears("3619509", f"item_digest={digest}")
    assert _appears("3619509", "mrn 3619509 seen")
    assert _appears("3619509", "acc3619509,")  # too short a run to be a digest
    assert _appears("4111111111111111", "card 4111111111111111;")  # a long value alone is still itself
    assert _appears("3619509", "acc 0000003619509000 seen")  # a run of digits alone is no digest


def test_no_planted_value_appears_in_the_store_logs_exports_or_reports(outputs):
    values = planted_values() - _publication_dates(outputs["work"] / "audit.db")
    leaks = {}
    for where, text in outputs["texts"].items():
        folded = text.casefold()
        found = sorted(value for value in values if _appears(value, folded))
        if found:
            leaks[where] = found
    assert leaks == {}
    assert {"audit.db", "findings.jsonl", "findings.csv", "findings.parquet", "report.txt"} <= set(outputs["texts"])


def test_findings_were_made_so_the_absence_of_values_means_masking(outputs):
    rows = json.loads(outputs["texts"]["findings.parquet (rows)"])
    assert len(rows) > 500
    assert all(re.fullmatch(r"[^\d]*", row["evidence"]) for row in rows if row["source"] == "text")


def test_every_file_the_auditor_writes_is_owner_only(outputs):
    written = [path for path in outputs["work"].iterdir() if path.is_file()]
    assert {path.name for path in written} >= {"audit.db", "findings.jsonl", "findings.csv", "findings.parquet", "report.txt"}
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def _calls(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            names.append(f"{owner}.{name}" if owner else name)
    return names


def test_nothing_the_auditor_reads_is_executed_or_unpickled():
    """No eval/exec, no unsafe YAML; the one pickle.load reads the installed drug package's own bundled data."""
    offenders = []
    for path in sorted((ROOT / "auditor").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        calls = _calls(ast.parse(source))
        relative = path.relative_to(ROOT).as_posix()
        offenders += [
            f"{relative}: {call}"
            for call in calls
            if call in {"eval", "exec", "compile", "yaml.load", "yaml.unsafe_load", "marshal.loads", "pickle.loads", "shelve.open"}
        ]
        if "pickle.load" in calls and relative != "auditor/scanners/text/health/vocabulary.py":
            offenders.append(f"{relative}: pickle.load")
    assert offenders == []


# -- the hostile folder of issue 20: values planted where a reader could keep them raw ------------------------

#: Each planted value, where it was planted.
HOSTILE_VALUES = {
    "Okonkwo": "a post's created_at that is no date",
    "617-555-0143": "a post's created_at that is no date",
    "48213907": "a CSV id column (an MRN)",
    "Thandiwe": "a CSV name column",
    "1961-03-02": "a CSV date of birth column",
    "Raman": "a string nested in a post record",
    "212-555-0199": "a string nested in a post record",
    "123-45-6789": "the second of two posts with the same id",
    "Chinwe19610302": "a DICOM value pydicom warns about",
    "Jane Roe Two": "the Artist of a TIFF's second page",
    "J\u0332a\u0332n\u0332e\u0332 W\u0332o\u0332n\u0332g\u0332": "a name written with combining low lines",
    "\u24bf\u24d0\u24dd\u24d4 \u24cc\u24de\u24dd\u24d6": "a name written in enclosed letters",
}


def _hostile_leak_corpus(root: Path) -> None:
    import struct

    from PIL import Image, TiffImagePlugin

    from tests.hostile.make_hostile import dicom_bytes, zip_bytes

    root.mkdir()
    posts = [
        {"id": "1", "text": "appointment moved", "created_at": "Margaret Okonkwo 617-555-0143"},
        {"id": "2", "text": "feeling better", "user": {"bio": "call Priya Raman at 212-555-0199"}},
        {"id": "2", "text": "my SSN is 123-45-6789, diagnosed with lupus"},
        {
            "id": "3",
            "text": "patient J\u0332a\u0332n\u0332e\u0332 W\u0332o\u0332n\u0332g\u0332 and \u24bf\u24d0\u24dd\u24d4 \u24cc\u24de\u24dd\u24d6 seen today",
        },
    ]
    (root / "posts.jsonl").write_text("".join(json.dumps(post, ensure_ascii=False) + "\n" for post in posts), encoding="utf-8")
    (root / "patients.csv").write_text("id,patient_name,dob,note\n48213907,Thandiwe Mokoena,1961-03-02,seen for lupus\n", encoding="utf-8")
    bad_date = b"Chinwe19610302"
    (root / "study.dcm").write_bytes(
        dicom_bytes("OKAFOR^CHINWE", description=None) + struct.pack("<HH2sH", 0x0010, 0x0030, b"DA", len(bad_date)) + bad_date
    )
    with TiffImagePlugin.AppendingTiffWriter(root / "pages.tif") as tiff:
        for artist in ("Clinic", "Jane Roe Two"):
            ifd = TiffImagePlugin.ImageFileDirectory_v2()
            ifd[315] = artist
            Image.new("RGB", (8, 8), "white").save(tiff, "TIFF", tiffinfo=ifd)
            tiff.newFrame()
    (root / "bundle.zip").write_bytes(zip_bytes({"a.txt": b"Dr. Raman called"}))


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("hostile-leak")
    corpus = work / "corpus"
    _hostile_leak_corpus(corpus)
    store = work / "audit.db"
    runs = {
        "scan": phi_audit(
            "scan", str(corpus), "--store", str(store), "--no-progress", "--scanners", "text,image_metadata,dicom_header", cwd=work
        ),
        "report text": phi_audit("report", "--store", str(store), cwd=work),
        "report json": phi_audit("report", "--store", str(store), "--format", "json", cwd=work),
    }
    for fmt in ("jsonl", "csv"):
        runs[f"export {fmt}"] = phi_audit(
            "export", "--store", str(store), "--format", fmt, "--out", str(work / f"findings.{fmt}"), cwd=work
        )
    for name, run in runs.items():
        assert run.returncode in (0, 1), f"{name}: {run.stderr[-2000:]}"
    texts = {f"{name} {stream}": getattr(run, stream) for name, run in runs.items() for stream in ("stdout", "stderr")}
    for path in sorted(work.iterdir()):
        if path.is_file():
            texts[path.name] = path.read_bytes().decode("utf-8", "replace")
    return {"texts": texts, "store": store}


#: Names that stay readable until masking works on the NFKD form without marks (auditor/evidence.py, issue 17).
NEEDS_NFKD_MASKING = {value for value in HOSTILE_VALUES if "\u0332" in value or "\u24b6" <= value[0] <= "\u24ff"}


def _leaks(texts: dict[str, str], values: set[str]) -> dict[str, list[str]]:
    leaks = {}
    for where, text in texts.items():
        found = sorted(HOSTILE_VALUES[value] for value in values if value.casefold() in text.casefold())
        if found:
            leaks[where] = found
    return leaks


def test_no_value_planted_in_the_hostile_folder_appears_in_any_output(hostile_outputs):
    assert _leaks(hostile_outputs["texts"], set(HOSTILE_VALUES) - NEEDS_NFKD_MASKING) == {}


def test_no_name_written_with_combining_marks_or_enclosed_letters_appears_in_any_output(hostile_outputs):
    assert _leaks(hostile_outputs["texts"], NEEDS_NFKD_MASKING) == {}


def test_the_hostile_values_were_read_so_their_absence_means_masking(hostile_outputs):
    with sqlite3.connect(f"file:{hostile_outputs['store']}?mode=ro", uri=True) as db:
        fields = {(item, field) for item, field in db.execute("SELECT item, field FROM findings")}
    items = {item for item, _ in fields}
    assert {"posts.jsonl#1", "posts.jsonl#2", "posts.jsonl#2@line-3", "patients.csv#row-1", "study.dcm", "pages.tif"} <= items
    assert ("posts.jsonl#1", "created_at") in fields and ("posts.jsonl#2", "user.bio") in fields
    assert any(item == "pages.tif" and "(frame 2)" in field for item, field in fields)
