"""Every place a user sees a finding of an HTML, XML or Office document says where it is in the file: the text and
HTML reports, each export format and the dashboard's item page and downloads, all from auditor/places.py. The
span of the extracted text is kept; evidence stays masked, and so does a sheet title that holds a finding.

The documents are the committed fixtures of tests/fixtures/documents (made by tests/fixtures/make_documents.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from auditor import scan
from auditor.cli import app as cli
from auditor.export import COLUMNS, findings_schema
from auditor.report import build_report
from auditor.report_html import render_html
from auditor.store import FindingsStore
from dashboards import queries
from dashboards.queries import Filters
from tests.test_export_and_cli import _read_export

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
APP = str(Path(__file__).resolve().parents[1] / "dashboards" / "app.py")
SCANNERS = ["text", "document_metadata"]
#: (item, entity, masked evidence) → where the finding is in the file.
PLACES = {
    ("visit.docx", "PERSON", "M*** M****"): "paragraph 2, characters 12-22",
    ("visit.docx", "CONDITION", "a*****"): "paragraph 2, characters 27-33",
    ("visit.docx", "PERSON", "W***** S****"): "table 1, row 1, cell 2, characters 0-12",
    ("labs.xlsx", "CONDITION", "a*****"): "M*** M****!B2, characters 0-6",  # the sheet is named after the patient
    ("letter.odt", "PERSON", "W***** S****"): "paragraph 2, characters 0-12",
    ("letter.odt", "CONDITION", "p********"): "paragraph 2, characters 29-38",
    ("page.html", "PERSON", "W***** S****"): "bytes 101-118 (line 4, column 15)",  # `Walter&nbsp;Stone` in the page
    ("page.html", "CONDITION", "d*******"): "bytes 130-138 (line 4, column 44)",
    ("note.xml", "PERSON", "M*** M****"): "bytes 50-60 (line 2, column 12)",
    ("note.xml", "CONDITION", "a*****"): "bytes 70-76 (line 2, column 32)",
}
RAW = ("Mary Major", "Walter Stone", "Jane Roe", "asthma", "diabetes", "pneumonia")

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """The store of one scan of the fixtures, copied (the documents are read back from the copy)."""
    root = tmp_path_factory.mktemp("documents")
    corpus = root / "corpus"
    shutil.copytree(FIXTURES, corpus)
    scan([corpus], root / "audit.db", scanner_names=SCANNERS)
    return root / "audit.db"


def _placed(rows) -> dict[tuple[str, str, str], str | None]:
    """(item, entity, evidence) → where, of the findings in a document's text."""
    return {(row["item"], row["entity"], row["evidence"]): row["where"] for row in rows if row["source"] == "text"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_each_export_format_says_where_a_documents_finding_is_in_the_file(store, tmp_path, fmt):
    out = tmp_path / f"findings.{fmt}"
    result = runner.invoke(cli, ["export", "--store", str(store), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = _read_export(out, fmt)
    validator = jsonschema.Draft202012Validator(findings_schema())
    for row in rows:
        validator.validate(row)
        assert list(row) == list(COLUMNS)
    assert PLACES.items() <= _placed(rows).items()
    assert all(row["span"] for row in rows if row["source"] == "text"), "the span in the extracted text is kept"
    assert {row["where"] for row in rows if row["source"] == "metadata"} == {None}, "an author has a field, not a place"
    assert not [value for value in RAW if value.encode() in out.read_bytes()]


def test_a_sheet_title_that_holds_a_finding_is_masked_in_every_place_on_that_sheet(store, tmp_path):
    out = tmp_path / "findings.jsonl"
    runner.invoke(cli, ["export", "--store", str(store), "--format", "jsonl", "--out", str(out)])
    places = sorted(row["where"] for row in _read_export(out, "jsonl") if row["item"] == "labs.xlsx" and row["source"] == "text")
    assert places == ["M*** M**** (sheet name), characters 1-11", "M*** M****!A2, characters 0-10", "M*** M****!B2, characters 0-6"]


def test_a_document_changed_since_the_scan_has_no_place_rather_than_a_wrong_one(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / "page.html", corpus / "page.html")
    scan([corpus], tmp_path / "audit.db", scanner_names=SCANNERS)
    (corpus / "page.html").write_bytes(b"<p>Someone else entirely, and no diagnosis.</p>" + (FIXTURES / "page.html").read_bytes())
    out = tmp_path / "findings.jsonl"
    runner.invoke(cli, ["export", "--store", str(tmp_path / "audit.db"), "--format", "jsonl", "--out", str(out)])
    rows = _read_export(out, "jsonl")
    assert rows and {row["where"] for row in rows} == {None}


def test_the_text_report_names_each_documents_place_beside_its_masked_evidence(store):
    result = runner.invoke(cli, ["report", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "a name in text at paragraph 2, characters 12-22: M*** M****" in result.output
    assert "a condition or diagnosis in text at M*** M****!B2, characters 0-6: a*****" in result.output
    assert "a name in text at bytes 101-118 (line 4, column 15): W***** S****" in result.output
    assert "a name (Office:creator) in Office:creator: J*** R**" in result.output  # metadata: its field says where
    assert not [value for value in RAW if value in result.output]


def test_the_html_report_names_each_documents_place(store):
    with FindingsStore.open_existing(store, read_only=True) as opened:
        report = build_report(opened, "hipaa-safe-harbor")
    page = render_html(report)
    for (item, _, evidence), place in PLACES.items():
        assert f"at {place}: {evidence}" in page, (item, place)
    assert not [value for value in RAW if value in page]


def test_the_dashboards_downloads_carry_the_same_places_as_the_export(store):
    with queries.open_store(store) as opened:
        frame = queries.selected_findings(opened, Filters("hipaa-safe-harbor"))
    assert list(frame.columns) == list(COLUMNS)
    assert PLACES.items() <= _placed(frame.to_dict("records")).items()


def test_the_dashboards_item_page_shows_where_each_finding_is_in_the_file(store, monkeypatch):
    monkeypatch.setenv("PHI_AUDIT_STORE", str(store))
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page("views/item.py")
    app.query_params["item"] = "visit.docx"
    app.run()
    assert not app.exception
    (table,) = [frame.value for frame in app.dataframe if "where" in frame.value and "what it is" in frame.value]  # All findings
    shown = dict(zip(table["evidence"], table["where"]))
    assert shown["M*** M****"] == "paragraph 2, characters 12-22" and shown["W***** S****"] == "table 1, row 1, cell 2, characters 0-12"
    body = app.get("html")[0].proto.body
    assert 'title="names; in the file at paragraph 2, characters 12-22"' in body
    assert not [value for value in RAW if value in body]
