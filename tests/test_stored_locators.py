"""An identifier in a file or member name reaches no stored locator (issue 20 §5): the store, the reports, the exports
and the command's own output show `MRN *******…` where the name held it, and only `--reveal-evidence`, the redacted
copies and the drill-down, which read the corpus again, see the true name."""

from __future__ import annotations

import json
import zipfile

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.corpus.reread import reread_one
from auditor.locator_masks import untagged
from auditor.pipeline import scan
from auditor.policy import load_policy
from auditor.redact import RedactOptions, redact
from auditor.store import FindingsStore
from dashboards import queries
from tests.hostile.make_hostile import png_bytes

SCANNERS = "file_name,text,image_metadata"
RAW = ("4482913", "jane", "doe", "maria", "garcia", "5531872")
runner = CliRunner()


def raw_in(text: str) -> list[str]:
    return [value for value in RAW if value in text.casefold()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A photo, a zip member and an unreadable file named after a patient, and a plain note; scanned by the CLI."""
    root = tmp_path_factory.mktemp("locators") / "corpus"
    (root / "scans").mkdir(parents=True)
    (root / "scans" / "MRN 4482913 Jane Doe.png").write_bytes(png_bytes())
    with zipfile.ZipFile(root / "bundle.zip", "w") as archive:
        archive.writestr("maria garcia.txt", "call me at (415) 555-0199")
    (root / "MRN 5531872 broken.bin").write_bytes(b"\x00\x01 not a file phi-audit reads")
    (root / "note.txt").write_text("nothing to see")
    store = root.parent / "audit.db"
    result = runner.invoke(app, ["scan", str(root), "--store", str(store), "--scanners", SCANNERS, "--no-progress"])
    with FindingsStore.open_existing(store) as opened:
        stored = {item.locator: item for item in opened.items()}
    return root, store, result.output, stored


def shaped(stored, shape: str) -> str:
    (locator,) = [locator for locator in stored if untagged(locator) == shape]
    return locator


def test_only_what_the_name_scanner_found_is_masked_and_a_plain_name_stays_readable(corpus):
    _, _, _, stored = corpus
    assert {untagged(locator) for locator in stored} == {
        "scans/MRN ******* **** ***.png",
        "bundle.zip!***** ******.txt",
        "MRN ******* broken.bin",
        "note.txt",
    }
    assert "note.txt" in stored  # no finding: stored as it is, untagged


def test_an_unreadable_file_is_masked_where_its_name_holds_an_identifier_not_whole(corpus):
    _, _, _, stored = corpus
    assert stored[shaped(stored, "MRN ******* broken.bin")].kind == "unreadable"


def test_two_files_whose_masked_names_agree_stay_two_items(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "MRN 4482913.png").write_bytes(png_bytes())
    (root / "MRN 4482914.png").write_bytes(png_bytes(size=(40, 30)))
    scan([root], tmp_path / "audit.db", scanner_names=SCANNERS.split(","))
    with FindingsStore.open_existing(tmp_path / "audit.db") as opened:
        locators = [item.locator for item in opened.items()]
    assert len(locators) == 2 and {untagged(locator) for locator in locators} == {"MRN *******.png"}


def test_the_store_file_holds_no_identifier_of_a_name(corpus):
    _, store, _, _ = corpus
    for part in store.parent.glob("audit.db*"):
        assert not raw_in(part.read_bytes().decode("latin-1")), part


def test_the_scan_output_reports_and_exports_hold_none_either(corpus, tmp_path):
    _, store, scan_output, _ = corpus
    assert not raw_in(scan_output)
    for fmt in ("text", "json", "html"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(app, ["report", "--store", str(store), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert not raw_in(result.output) and not raw_in(out.read_text(encoding="utf-8")), fmt
    for fmt in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"findings.{fmt}"
        result = runner.invoke(app, ["export", "--store", str(store), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert not raw_in(result.output) and not raw_in(out.read_bytes().decode("latin-1")), fmt


def test_reveal_evidence_shows_the_true_path_and_value(corpus, tmp_path):
    _, store, _, _ = corpus
    out = tmp_path / "revealed.jsonl"
    runner.invoke(app, ["export", "--store", str(store), "--format", "jsonl", "--out", str(out), "--reveal-evidence"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"scans/MRN 4482913 Jane Doe.png", "bundle.zip!maria garcia.txt"} <= {record["item"] for record in records}
    assert {"4482913", "Jane Doe"} <= {record["evidence"] for record in records}


def test_a_second_scan_finds_each_masked_item_by_its_digest_and_scans_none_again(corpus):
    root, store, _, stored = corpus
    summary = scan([root], store, scanner_names=SCANNERS.split(","))
    assert (summary.scanned, summary.skipped) == (0, len(stored) - 1)  # the unreadable file is no item to skip
    with FindingsStore.open_existing(store) as opened:
        assert {item.locator for item in opened.items()} == set(stored)


def test_the_drill_down_reads_a_masked_item_from_its_true_file(corpus):
    _, store, _, stored = corpus
    locator = shaped(stored, "bundle.zip!***** ******.txt")
    with FindingsStore.open_existing(store, read_only=True) as opened:
        record = queries.item_record(opened, locator, "hipaa-safe-harbor")
    item = reread_one(record["scanned_paths"], locator, record["content_hash"], record["unmasking"])
    assert item is not None and item.locator == "bundle.zip!maria garcia.txt"
    assert item.fields["text"] == "call me at (415) 555-0199"


def test_redacted_copies_are_written_under_the_true_names_with_their_identifiers_replaced(corpus, tmp_path):
    _, store, _, _ = corpus
    out = tmp_path / "copies"
    with FindingsStore.open_existing(store) as opened:
        summary = redact(opened, RedactOptions(out, load_policy("hipaa-safe-harbor"), verify=False))
    assert {record.file for record in summary.written} == {"bundle.zip![NAME].txt", "note.txt"}
    with zipfile.ZipFile(out / "bundle.zip") as archive:
        assert archive.read("[NAME].txt").decode() == "call me at [PHONE]"
    (photo,) = [record for record in summary.refused if record.kind == "image"]  # its pixels were not scanned here
    assert photo.file == "scans/MRN [MRN] [NAME].png" and photo.reason.startswith("not fully scanned")
    assert not any(raw_in(record.item) or raw_in(record.file) for record in summary.records)


def test_a_medium_named_after_a_patient_is_linked_and_parented_under_its_masked_locator(tmp_path):
    root = tmp_path / "corpus"
    (root / "media").mkdir(parents=True)
    for name in ("jane doe.png", "other.png"):
        (root / "media" / name).write_bytes(png_bytes())
    posts = [{"id": "p1", "text": "look", "media": ["media/jane doe.png"]}, {"id": "p2", "text": "again", "media": ["media/jane doe.png"]}]
    (root / "posts.jsonl").write_text("\n".join(json.dumps(post) for post in posts) + "\n", encoding="utf-8")
    scan([root], tmp_path / "audit.db", scanner_names=SCANNERS.split(","))
    with FindingsStore.open_existing(tmp_path / "audit.db") as opened:
        medium = shaped({item.locator: item for item in opened.items()}, "media/**** ***.png")
        assert {item.locator: item.parent for item in opened.items()}[medium] == "posts.jsonl#p1"
        assert [verdict.risk for verdict in opened.verdicts("hipaa-safe-harbor") if verdict.item == "posts.jsonl#p2"] != ["none"]
    assert not raw_in((tmp_path / "audit.db").read_bytes().decode("latin-1"))


def test_the_dashboards_item_page_shows_the_true_path_only_on_reveal(corpus, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.test_dashboard import APP, _everything_shown, _open

    _, store, _, stored = corpus
    monkeypatch.setenv("PHI_AUDIT_STORE", str(store))
    app = _open(AppTest.from_file(APP, default_timeout=60), "item", item=shaped(stored, "bundle.zip!***** ******.txt"))
    assert not app.exception and not raw_in(_everything_shown(app))
    app.toggle(key="item_reveal").set_value(True).run()
    assert "True path: bundle.zip!maria garcia.txt" in _everything_shown(app)


def test_an_error_a_batch_after_its_post_goes_to_the_post_not_a_name_only_item(tmp_path):
    """Post 32 ends the first batch; its medium starts the next, and the error about its missing one follows it."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.png").write_bytes(png_bytes())
    posts = [{"id": f"p{n}", "text": "fine"} for n in range(1, 32)] + [{"id": "p32", "text": "fine", "media": ["a.png", "gone.png"]}]
    (root / "posts.jsonl").write_text("\n".join(json.dumps(post) for post in posts) + "\n", encoding="utf-8")
    scan([root], tmp_path / "audit.db", scanner_names=SCANNERS.split(","))
    with FindingsStore.open_existing(tmp_path / "audit.db") as opened:
        assert {item.locator: item.kind for item in opened.items()}["posts.jsonl#p32"] == "post"
        assert [error.reason for error in opened.errors() if error.item == "posts.jsonl#p32"] == [
            "referenced media not found in the corpus: medium 2 of the post ('g***.png')"
        ]


def test_a_missing_medium_named_after_a_person_is_reported_without_the_name(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "posts.jsonl").write_text(
        json.dumps({"id": "p1", "text": "fine", "media": ["scans/jane doe mrn 4482913.png"]}) + "\n", encoding="utf-8"
    )
    scan([root], tmp_path / "audit.db", scanner_names=SCANNERS.split(","))
    with FindingsStore.open_existing(tmp_path / "audit.db") as opened:
        reasons = [error.reason for error in opened.errors() if error.item == "posts.jsonl#p1"]
    assert len(reasons) == 1 and reasons[0].startswith("referenced media not found in the corpus: medium 1 of the post")
    assert reasons[0].endswith(".png')") and "jane" not in reasons[0] and "4482913" not in reasons[0]


def test_a_store_from_before_masked_locators_loses_the_raw_name_on_the_next_scan(tmp_path):
    """A store written before migration 0008 holds the item under its true name; scanning again stores it masked
    and forgets the raw one, its findings and its verdicts: one item, no raw name left."""
    import sqlite3

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "MRN 48213907.txt").write_text("seen today", encoding="utf-8")
    store = tmp_path / "audit.db"
    scan([root], store, scanner_names=SCANNERS.split(","))
    with sqlite3.connect(store) as db:  # what a pre-0008 scan left: the same item under its true name, no mapping
        (masked,) = db.execute("SELECT locator FROM items").fetchone()
        for table, column in (("items", "locator"), ("findings", "item"), ("verdicts", "item")):
            db.execute(f"UPDATE {table} SET {column}=? WHERE {column}=?", ("MRN 48213907.txt", masked))
        db.execute("DELETE FROM masked_locators")
    scan([root], store, scanner_names=SCANNERS.split(","))
    with sqlite3.connect(store) as db:
        assert [row[0] for row in db.execute("SELECT locator FROM items")] == [masked]
        assert db.execute("SELECT COUNT(*) FROM verdicts WHERE item LIKE '%48213907%'").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM findings WHERE item LIKE '%48213907%'").fetchone()[0] == 0


@pytest.mark.parametrize("given", ["true", "shown"])
def test_redact_item_selects_a_masked_item_by_its_true_name_or_the_name_the_report_shows(corpus, tmp_path, given):
    _, store, _, stored = corpus
    name = "bundle.zip!maria garcia.txt" if given == "true" else shaped(stored, "bundle.zip!***** ******.txt")
    with FindingsStore.open_existing(store) as opened:
        summary = redact(opened, RedactOptions(tmp_path / "copies", load_policy("hipaa-safe-harbor"), items=(name,), verify=False))
    assert [record.file for record in summary.written] == ["bundle.zip![NAME].txt"]
