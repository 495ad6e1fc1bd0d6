"""`export --reveal-evidence`: raw values are read again from the corpus (the store never keeps them), for
text and for metadata values, and only while the item is unchanged since the scan."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from auditor.export import export_findings
from auditor.pipeline import scan
from auditor.store import FindingsStore

ARTIST = "Theodore Blackwood"
PHONE = "(503) 555-0187"
AUTHOR = "Marisol Quintanilla"


def _photo() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = ARTIST  # Artist
    exif[0x010E] = f"call me at {PHONE} about the biopsy"  # ImageDescription
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "gray").save(out, "JPEG", exif=exif)
    return out.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Discharge summary"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture()
def scanned(tmp_path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "photo.jpg").write_bytes(_photo())
    (corpus / "letter.pdf").write_bytes(_pdf())
    store = tmp_path / "audit.db"
    scan([corpus], store, scanner_names=["image_metadata", "pdf_metadata"])
    return corpus, store


def _evidence(store: Path, tmp_path: Path, reveal: bool) -> set[str]:
    out = tmp_path / f"export-{reveal}.jsonl"
    with FindingsStore.open_existing(store, read_only=True) as opened:
        export_findings(opened, "jsonl", out, reveal=reveal)
    return {json.loads(line)["evidence"] for line in out.read_text(encoding="utf-8").splitlines()}


def test_metadata_values_are_revealed_only_when_asked(scanned, tmp_path):
    _, store = scanned
    assert not {ARTIST, PHONE, AUTHOR} & _evidence(store, tmp_path, reveal=False)
    assert {ARTIST, PHONE, AUTHOR} <= _evidence(store, tmp_path, reveal=True)


def test_an_item_changed_since_the_scan_stays_masked(scanned, tmp_path):
    corpus, store = scanned
    (corpus / "photo.jpg").write_bytes(_photo() + b"\x00changed")
    revealed = _evidence(store, tmp_path, reveal=True)
    assert ARTIST not in revealed and PHONE not in revealed
    assert AUTHOR in revealed
