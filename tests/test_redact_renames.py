"""Copies are written under renamed paths (issue 14): an identifier the name scanner found in a file, folder or
member name (`jane-doe-mri.dcm`, `MRN 48213907.png`) is replaced in the copy's path, in the manifest and for the
verifying re-scan, as in the text, and two sources never share one copy's path."""

from __future__ import annotations

import json

import pytest

from auditor.pipeline import scan
from auditor.policy import load_policy
from auditor.redact import RedactOptions, redact
from auditor.redact.output import CopyNames
from auditor.redact.run import MANIFEST
from auditor.redact.spans import Replacer, Span
from auditor.store import FindingsStore
from tests.hostile.make_hostile import dicom_bytes, png_bytes

pytestmark = pytest.mark.needs_tesseract

POLICY = load_policy("hipaa-safe-harbor")
RAW = ("jane", "doe", "48213907", "john", "smith")


@pytest.fixture(scope="module")
def named_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("named") / "corpus"
    root.mkdir()
    (root / "MRN 48213907.png").write_bytes(png_bytes())
    (root / "jane-doe-mri.dcm").write_bytes(dicom_bytes(name="ANONYMOUS", description=None))
    (root / "john-smith-mri.dcm").write_bytes(dicom_bytes(name="ANONYMOUS", description=None))
    store = root.parent / "audit.db"
    scan([root], store, POLICY)
    return store


def _redact(store, out, **options):
    with FindingsStore.open_existing(store) as opened:
        return redact(opened, RedactOptions(out, POLICY, **options))


def _copies(out):
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)


def test_copies_of_items_named_after_a_patient_lose_the_name_in_path_manifest_and_rescan(named_corpus, tmp_path):
    summary = _redact(named_corpus, tmp_path / "out")
    assert len(summary.written) == 3 and not summary.refused and not summary.residual
    copies = _copies(tmp_path / "out")
    assert copies == ["MRN [MRN].png", "[NAME]-mri-2.dcm", "[NAME]-mri.dcm"]
    manifest = (tmp_path / "out" / MANIFEST).read_text()
    assert not any(raw in manifest.lower() for raw in RAW)
    assert sorted(json.loads(line)["item"] for line in manifest.splitlines()) == copies


def test_surrogate_names_in_a_copys_path_are_no_residue(named_corpus, tmp_path):
    summary = _redact(named_corpus, tmp_path / "out", text_style="surrogate")
    assert len(summary.written) == 3 and not summary.residual
    copies = " ".join(_copies(tmp_path / "out")).lower()
    # a surrogate is a plausible name and may share a part with the real one ("Johnson"): the real names are gone
    assert not any(raw in copies for raw in ("jane-doe", "john-smith", "48213907")), copies
    assert copies.count("-mri") == 2


def test_two_sources_renamed_alike_get_distinct_paths_and_an_untouched_name_keeps_its_own():
    spans = {"a/jane.png": [Span(2, 6, "names", "d1")], "a/john.png": [Span(2, 6, "names", "d2")]}
    names = CopyNames(["a/[NAME].png", "a/jane.png", "a/john.png"], spans, Replacer("tag"))
    assert names.of("a/[NAME].png") == "a/[NAME].png"
    assert {names.of("a/jane.png"), names.of("a/john.png")} == {"a/[NAME]-2.png", "a/[NAME]-3.png"}


def test_an_archive_named_after_a_patient_is_renamed_once_for_all_its_members():
    span = [Span(0, 4, "names", "d")]
    names = CopyNames(["jane.zip!a.png", "jane.zip!b.png"], {"jane.zip!a.png": span, "jane.zip!b.png": span}, Replacer("mask"))
    assert (names.of("jane.zip!a.png"), names.of("jane.zip!b.png")) == ("****.zip!a.png", "****.zip!b.png")


def test_a_post_that_shows_a_renamed_image_points_at_its_copy(tmp_path):
    root = tmp_path / "corpus"
    (root / "media").mkdir(parents=True)
    (root / "media" / "jane-doe-xray.png").write_bytes(png_bytes())
    post = {"id": "p1", "text": "my xray from last week", "media": ["media/jane-doe-xray.png"]}
    (root / "posts.jsonl").write_text(json.dumps(post) + "\n")
    store = tmp_path / "audit.db"
    scan([root], store, POLICY)
    out = tmp_path / "out"
    summary = _redact(store, out)
    assert not summary.refused and not summary.residual
    copied = json.loads((out / "posts.jsonl").read_text())
    (reference,) = copied["media"]
    assert "jane" not in reference.lower() and "doe" not in reference.lower()
    assert (out / reference).is_file() and reference in _copies(out)
