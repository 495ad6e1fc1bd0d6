"""`phi-audit redact`: copies per kind re-scan clean, surrogates and UIDs are consistent, the corpus is never
written, and the manifest holds no raw value."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from auditor.pipeline import scan
from auditor.policy import load_policy
from auditor.redact import RedactError, RedactOptions, redact
from auditor.redact.run import MANIFEST
from auditor.store import FindingsStore

pytestmark = pytest.mark.needs_tesseract

NAME, PHONE, MRN = "Margaret Okonkwo", "(415) 555-0167", "MRN: 88120934"
POLICY = load_policy("hipaa-safe-harbor")


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def text_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    posts = [
        {"id": "a1", "text": f"Visited {NAME} today, call me at {PHONE}.", "author": "someone", "media": []},
        {"id": "a2", "text": f"{NAME} again: my lupus is back.", "author": "someone"},
    ]
    (root / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in posts) + "\n", encoding="utf-8")
    (root / "note.txt").write_bytes(("\ufeff" + f"PATIENT: {NAME}\r\n{MRN}\r\nPhone {PHONE}\r\n").encode("utf-16-le"))
    (root / "rows.csv").write_text(f'id,text,score\nr1,"Seen by {NAME}, {PHONE}",3\nr2,nothing here,4\n', encoding="utf-8")
    store = tmp_path_factory.mktemp("store") / "audit.db"
    scan([root], store, POLICY, scanner_names=["text"])
    return root, store


def _redact(store, out, **options):
    with FindingsStore.open_existing(store) as opened:
        return redact(opened, RedactOptions(out, POLICY, **options))


def test_text_copies_keep_structure_and_encoding_and_rescan_clean(text_corpus, tmp_path):
    root, store = text_corpus
    before = _tree(root)
    summary = _redact(store, tmp_path / "out")
    assert not summary.residual and not summary.refused
    posts = [json.loads(line) for line in (tmp_path / "out/posts.jsonl").read_text().splitlines()]
    assert [p["id"] for p in posts] == ["a1", "a2"] and posts[0]["author"] == "someone" and posts[0]["media"] == []
    assert NAME not in posts[0]["text"] and "[NAME]" in posts[0]["text"] and "[PHONE]" in posts[0]["text"]
    note = (tmp_path / "out/note.txt").read_bytes()
    assert note.startswith(b"\xff\xfe") and "[NAME]" in note.decode("utf-16") and "88120934" not in note.decode("utf-16")
    rows = (tmp_path / "out/rows.csv").read_text().splitlines()
    assert rows[0] == "id,text,score" and rows[-1] == "r2,nothing here,4" and NAME not in rows[1]
    assert _tree(root) == before  # the corpus is never written


def test_surrogates_are_consistent_across_items_and_runs(text_corpus, tmp_path):
    _, store = text_corpus
    _redact(store, tmp_path / "one", text_style="surrogate")
    _redact(store, tmp_path / "two", text_style="surrogate")
    posts = [json.loads(line)["text"] for line in (tmp_path / "one/posts.jsonl").read_text().splitlines()]
    fake = posts[1].split(" again")[0]
    assert fake != NAME and fake in posts[0]  # the same person gets the same fake name in both posts
    assert (tmp_path / "one/posts.jsonl").read_bytes() == (tmp_path / "two/posts.jsonl").read_bytes()


def test_manifest_holds_no_raw_value(text_corpus, tmp_path):
    _, store = text_corpus
    _redact(store, tmp_path / "out")
    manifest = (tmp_path / "out" / MANIFEST).read_text()
    records = [json.loads(line) for line in manifest.splitlines()]
    assert {r["item"] for r in records} >= {"posts.jsonl#a1", "note.txt", "rows.csv#row-1"}
    assert all(r["source_sha256"] and r["verification"] is not None for r in records if r["status"] == "written")
    for value in (NAME, "Okonkwo", "555-0167", "88120934"):
        assert value not in manifest


def test_output_inside_the_corpus_is_refused(text_corpus):
    root, store = text_corpus
    with pytest.raises(RedactError, match="overlaps"):
        _redact(store, root / "copies")


def test_changed_file_is_refused_not_redacted_from_stale_findings(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(f"PATIENT: {NAME}\n")
    store = tmp_path / "audit.db"
    scan([root], store, POLICY, scanner_names=["text"])
    (root / "a.txt").write_text(f"PATIENT: {NAME}, phone {PHONE}\n")
    summary = _redact(store, tmp_path / "out")
    assert [r.item for r in summary.refused] == ["a.txt"] and "changed since the scan" in summary.refused[0].reason
    assert not (tmp_path / "out/a.txt").exists()


def test_photo_with_gps_loses_its_metadata_and_keeps_its_pixels(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)})
    exif[0x013B] = NAME  # Artist
    Image.new("RGB", (64, 48), (200, 120, 40)).save(root / "photo.jpg", exif=exif, comment=NAME.encode())
    store = tmp_path / "audit.db"
    scan([root], store, POLICY, scanner_names=["text", "image_metadata", "pixel_text", "faces", "barcodes", "image_kind"])
    summary = _redact(store, tmp_path / "out")
    assert [r.item for r in summary.written] == ["photo.jpg"] and not summary.residual
    copy = Image.open(tmp_path / "out/photo.jpg")
    assert not copy.getexif() and "comment" not in copy.info and copy.size == (64, 48)
    assert NAME.encode() not in (tmp_path / "out/photo.jpg").read_bytes()


def test_half_written_copies_never_appear(text_corpus, tmp_path, monkeypatch):
    """A run that dies while writing leaves under DIR only whole files; the next run finishes the job."""
    _, store = text_corpus
    from auditor.redact import output

    real = output.os.replace
    calls = {"n": 0}

    def dying_replace(source, target):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # as a kill would, between two files
        return real(source, target)

    monkeypatch.setattr(output.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        _redact(store, tmp_path / "out")
    monkeypatch.setattr(output.os, "replace", real)
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(written) == 1 and MANIFEST not in {p.name for p in written}
    summary = _redact(store, tmp_path / "out")
    assert not summary.refused and (tmp_path / "out" / MANIFEST).exists()
    assert not (tmp_path / ".out.partial").exists()


SAMPLE_CINE = Path(__file__).resolve().parent.parent / "data" / "sample" / "dicom" / "us_cine_0012.dcm"


@pytest.fixture(scope="module")
def dicom_corpus(tmp_path_factory):
    """Two frames of one study: the sample's multi-frame ultrasound (burned-in banner) with a name nested in a
    sequence, and a second instance of the same study."""
    from pydicom import dcmread
    from pydicom.dataset import Dataset

    root = tmp_path_factory.mktemp("dicom")
    first = dcmread(SAMPLE_CINE)
    region = Dataset()
    region.CodeMeaning = "Abdomen"
    region.PersonName = "OKONKWO^MARGARET"
    first.AnatomicRegionSequence = [region]
    first.save_as(root / "cine.dcm")
    first.SOPInstanceUID = first.SOPInstanceUID + ".2"
    first.save_as(root / "cine2.dcm")
    store = tmp_path_factory.mktemp("store") / "audit.db"
    scan([root], store, POLICY)
    return root, store


def test_multiframe_dicom_gets_annex_e_header_and_filled_banner_in_every_frame(dicom_corpus, tmp_path):
    from pydicom import dcmread
    from pydicom.uid import ExplicitVRLittleEndian

    from auditor.media.frames import iter_frames, open_dicom

    root, store = dicom_corpus
    summary = _redact(store, tmp_path / "out")
    assert {r.item for r in summary.written} == {"cine.dcm", "cine2.dcm"} and not summary.residual
    original, copy = dcmread(root / "cine.dcm"), dcmread(tmp_path / "out/cine.dcm")
    assert copy.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian and copy.NumberOfFrames == original.NumberOfFrames
    assert (not copy.PatientName and not copy.PatientID and "PatientBirthDate" not in copy) or not copy.PatientBirthDate
    assert copy.AnatomicRegionSequence[0].PersonName != "OKONKWO^MARGARET"  # D at depth 1
    assert copy.AnatomicRegionSequence[0].CodeMeaning == "Abdomen"
    assert copy.PatientIdentityRemoved == "YES"
    assert {"113100", "113101"} <= {item.CodeValue for item in copy.DeidentificationMethodCodeSequence}
    assert copy.StudyInstanceUID != original.StudyInstanceUID and copy.SOPInstanceUID == copy.file_meta.MediaStorageSOPInstanceUID
    record = next(r for r in summary.written if r.item == "cine.dcm")
    x, y, w, h = record.boxes[0]
    frames = copy.pixel_array
    assert frames.shape[0] == original.NumberOfFrames and all(not frame[y : y + h, x : x + w].any() for frame in frames)
    assert sum(1 for _ in iter_frames(open_dicom((tmp_path / "out/cine.dcm").read_bytes()))) == original.NumberOfFrames


def test_uids_are_replaced_consistently_across_items(dicom_corpus, tmp_path):
    from pydicom import dcmread

    _, store = dicom_corpus
    _redact(store, tmp_path / "one")
    _redact(store, tmp_path / "two")
    one, two = dcmread(tmp_path / "one/cine.dcm"), dcmread(tmp_path / "one/cine2.dcm")
    assert one.StudyInstanceUID == two.StudyInstanceUID and one.SOPInstanceUID != two.SOPInstanceUID  # one study stays one study
    assert dcmread(tmp_path / "two/cine.dcm").StudyInstanceUID == one.StudyInstanceUID  # and the same in every run


def test_scanned_pdf_page_becomes_a_filled_image_page_without_text_or_metadata(tmp_path):
    import pypdfium2 as pdfium
    from test_pdf_pages import pillow_pdf, text_image

    root = tmp_path / "corpus"
    root.mkdir()
    image = text_image(["DISCHARGE LETTER", "Patient: Jonathan Whitaker", "MRN: 48213977", "Diagnosis: asthma"])
    (root / "scan.pdf").write_bytes(pillow_pdf(image))
    store = tmp_path / "audit.db"
    scan([root], store, POLICY)
    summary = _redact(store, tmp_path / "out")
    assert [r.item for r in summary.written] == ["scan.pdf"] and not summary.residual
    record = summary.written[0]
    assert record.actions["pages_rendered"] == [1] and record.removed.get("names") and record.removed.get("mrn")
    document = pdfium.PdfDocument(tmp_path / "out/scan.pdf")
    info = document.get_metadata_dict()
    assert len(document) == 1 and not any(info[key] for key in ("Title", "Author", "Subject", "Keywords"))
    assert document[0].get_textpage().get_text_range().strip() == ""
    document.close()


def test_killed_run_leaves_only_whole_copies_and_the_rerun_completes(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    root = tmp_path / "corpus"
    root.mkdir()
    for n in range(150):
        (root / f"note{n:03}.txt").write_text(f"PATIENT: {NAME}\nPhone {PHONE}\nNote {n}: " + "stable, follow up. " * 20)
    store = tmp_path / "audit.db"
    scan([root], store, POLICY, scanner_names=["text"])
    _redact(store, tmp_path / "reference", verify=False)
    command = [sys.executable, "-m", "auditor.cli", "redact", "--store", str(store), "--out", str(tmp_path / "out"), "--no-verify"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (tmp_path / "out" / "note005.txt").exists():
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    copies = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert copies and not (tmp_path / "out" / MANIFEST).exists()
    for copy in copies:  # every file under DIR is whole: byte for byte the copy a complete run writes
        assert copy.read_bytes() == (tmp_path / "reference" / copy.name).read_bytes()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    assert _tree(tmp_path / "out").keys() == _tree(tmp_path / "reference").keys()
    assert not (tmp_path / ".out.partial").exists()


def test_report_and_dashboard_show_the_redacted_copies(text_corpus, tmp_path, monkeypatch):
    from test_dashboard import _app, _metrics

    from auditor.report import build_report, render_text

    _, store = text_corpus
    summary = _redact(store, tmp_path / "out")
    with FindingsStore.open_existing(store) as opened:
        text = render_text(build_report(opened, POLICY.policy))
    assert "Redacted copies\n  " in text and f"written {len(summary.written)}, refused 0, still showing an identifier 0" in text
    app = _app(store, monkeypatch).run()
    assert not app.exception
    metrics = _metrics(app)
    assert metrics["Copies written"] == str(len(summary.written)) and metrics["Identifier left"] == "0"


def test_every_frame_of_an_animated_gif_is_covered_and_it_stays_a_gif(tmp_path):
    from types import SimpleNamespace

    import numpy as np

    from auditor.model import Finding, Item
    from auditor.redact.images import redact_image

    frames = [Image.new("RGB", (80, 40), colour) for colour in ((250, 250, 250), (200, 220, 240))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=[100, 100], loop=0, comment=NAME.encode())
    text = Finding("a.gif", "pixel", "ocr", "PERSON", "names", None, (0, 5), (20, 10, 30, 10), 0.9, "pixel_text", "J***", "d")
    context = SimpleNamespace(options=SimpleNamespace(pixels="fill"))
    data, details = redact_image(Item("a.gif", "image", "h", payload=buffer.getvalue()), [], [text], context)
    copy = Image.open(io.BytesIO(data))
    assert copy.format == "GIF" and getattr(copy, "n_frames", 1) == 2 and details["frames"] == 2
    assert "comment" not in copy.info and NAME.encode() not in data
    for index in range(2):
        copy.seek(index)
        pixels = np.asarray(copy.convert("RGB"))
        assert not pixels[10:20, 20:50].any()  # the box, on every frame
        assert pixels[35, 5].any()  # and nothing else


def test_an_unknown_item_is_an_error_and_named_items_alone_are_copied(text_corpus, tmp_path):
    _, store = text_corpus
    with pytest.raises(RedactError, match="no-such.txt"):
        _redact(store, tmp_path / "none", items=("no-such.txt",))
    summary = _redact(store, tmp_path / "out", items=("note.txt",))
    assert [r.item for r in summary.written] == ["note.txt"] and sorted(_tree(tmp_path / "out")) == sorted([MANIFEST, "note.txt"])


def test_naming_one_post_copies_its_whole_export_with_every_record_redacted(text_corpus, tmp_path):
    _, store = text_corpus
    summary = _redact(store, tmp_path / "out", items=("posts.jsonl#a2",))
    posts = [json.loads(line) for line in (tmp_path / "out/posts.jsonl").read_text().splitlines()]
    assert [p["id"] for p in posts] == ["a1", "a2"] and all(NAME not in p["text"] for p in posts)
    assert {r.item for r in summary.written} == {"posts.jsonl#a1", "posts.jsonl#a2"}


def test_mask_style_keeps_each_value_length_and_min_risk_copies_only_riskier_items(text_corpus, tmp_path):
    root, store = text_corpus
    _redact(store, tmp_path / "mask", text_style="mask")
    note = (tmp_path / "mask/note.txt").read_bytes().decode("utf-16")
    assert NAME not in note and "*" * len(NAME) in note and len(note) == len((root / "note.txt").read_bytes().decode("utf-16"))
    with FindingsStore.open_existing(store) as opened:
        risks = {v.item: v.risk for v in opened.verdicts(POLICY.policy)}
    summary = _redact(store, tmp_path / "high", min_risk="high")
    high = {item.split("#", 1)[0] for item, risk in risks.items() if risk == "high"}
    assert high and {r.file for r in summary.written} == high and sorted(_tree(tmp_path / "high")) == sorted(high | {MANIFEST})
