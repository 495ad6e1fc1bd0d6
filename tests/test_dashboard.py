"""The dashboard's pages (streamlit.testing.v1.AppTest) on a small store the test writes itself: a post export
whose posts share a name and an account, a screenshot shared by one post, and an unreadable file.

Findings are written through the store API with the store's own evidence keeper (masked evidence, keyed
digest) and judged by the shipped policy, as a scan would; the corpus files are real, so the drill-down
reads them back.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from auditor.corpus import read_corpus
from auditor.export import COLUMNS
from auditor.model import Finding, Item, ItemError
from auditor.pipeline import rescore
from auditor.policy import load_policy
from auditor.store import FindingsStore
from dashboards import queries
from dashboards.queries import Filters
from tests.store_sql import rows as store_rows

APP = str(Path(__file__).resolve().parents[1] / "dashboards" / "app.py")
NAME, PHONE = "Maria Garcia", "555-201-3344"
HOSTILE = '<img src="http://tracker.example/x.png"> ![pixel](http://tracker.example/y.png)'
POSTS = [
    {
        "id": "p1",
        "author": "maria_g",
        "created_at": "2024-01-05T10:00:00Z",
        "media": ["scan.png"],
        "text": f"I am {NAME}, call me at {PHONE}. My lupus flared again. {HOSTILE}",
    },
    {"id": "p2", "author": "maria_g", "created_at": "2024-02-01T09:00:00Z", "text": f"{NAME} here again, feeling fine today."},
    {"id": "p3", "author": "someone_else", "created_at": "2024-02-03T09:00:00Z", "text": "Nothing personal in this one."},
]
BOX = (10, 12, 60, 16)


def _finding(keeper, item, source, field, value, identifier, health, span=None, bbox=None, entity="X") -> Finding:
    return Finding(
        item, source, field, entity, identifier, health, span, bbox, 0.9, "test", keeper.evidence(value), keeper.digest(value, identifier)
    )


def build_small_store(root: Path) -> Path:
    """A corpus under `root/corpus` and its store `root/audit.db`, judged by hipaa-safe-harbor."""
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "posts.jsonl").write_text("".join(json.dumps(post) + "\n" for post in POSTS), encoding="utf-8")
    image = Image.new("RGB", (120, 60), "white")
    image.paste((30, 30, 30), (BOX[0], BOX[1], BOX[0] + BOX[2], BOX[1] + BOX[3]))
    image.save(corpus / "scan.png")
    (corpus / "broken.bin").write_bytes(b"\x00\x01")
    items = {entry.locator: entry for entry in read_corpus([corpus]) if isinstance(entry, Item)}
    store_path = root / "audit.db"
    with FindingsStore.create_or_open(store_path) as store:
        keeper = store.evidence_keeper()
        run = store.start_run([str(corpus)], "hipaa-safe-harbor", "1.0", {"test": "1"})
        first = items["posts.jsonl#p1"].fields["text"]

        def spanned(item, text, value, identifier, health):
            start = text.index(value)
            return _finding(keeper, item, "text", "text", value, identifier, health, span=(start, start + len(value)))

        findings = {
            "posts.jsonl#p1": [
                spanned("posts.jsonl#p1", first, NAME, "names", None),
                spanned("posts.jsonl#p1", first, PHONE, "phone", None),
                spanned("posts.jsonl#p1", first, "lupus", None, "condition"),
            ],
            "posts.jsonl#p2": [spanned("posts.jsonl#p2", items["posts.jsonl#p2"].fields["text"], NAME, "names", None)],
            "posts.jsonl#p3": [],
            "scan.png": [_finding(keeper, "scan.png", "pixel", "ocr", "GARCIA, MARIA", "names", None, span=(0, 13), bbox=BOX)],
        }
        for locator, found in findings.items():
            store.save_items([(items[locator], found, [])], '{"test": "1"}', run)
        store.save_unreadable("broken.bin", [ItemError("broken.bin", "read", "unsupported file type")], run)
        store.finish_run(run, "finished", len(findings), 0)
        rescore(store, load_policy("gdpr-article9"))
        rescore(store, load_policy("hipaa-safe-harbor"))
    return store_path


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    return build_small_store(tmp_path_factory.mktemp("dashboard"))


def _app(store: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("PHI_AUDIT_STORE", str(store))
    return AppTest.from_file(APP, default_timeout=60)


def _metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def _everything_shown(app: AppTest) -> str:
    """Every text, HTML body, code block, metric and table cell the page sent to the browser."""
    parts = [element.value for kind in ("text", "code", "markdown", "caption", "title", "subheader") for element in app.get(kind)]
    parts += [element.proto.body for element in app.get("html")]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(map(str, parts))


def _open(app: AppTest, page: str, **query) -> AppTest:
    app.switch_page(f"views/{page}.py")
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def test_overview_counts_items_by_risk_and_lists_errors(small_store, monkeypatch):
    app = _app(small_store, monkeypatch).run()
    assert not app.exception
    assert _metrics(app) == {"Items": "5", "High risk": "1", "Not fully scanned": "1", "Findings": "5"}
    charts = {json.loads(chart.proto.spec)["title"]: json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")}
    assert set(charts) == {
        "Items by risk",
        "Items exposing each Safe Harbor identifier",
        "Items with health information",
        "Items by where it was found",
        "Items by type",
        "Items over time (by post date)",
    }
    errors = app.dataframe[-1].value
    assert list(errors["item"]) == ["broken.bin"] and list(errors["reason"]) == ["unsupported file type"]


def test_filters_apply_to_overview_and_items(small_store, monkeypatch):
    app = _app(small_store, monkeypatch).run()
    app.sidebar.multiselect(key="filter_risks").select("low").run()
    assert _metrics(app)["Items"] == "2"  # the screenshot's own verdict and p2 (a name, no health)
    _open(app, "items")
    assert set(app.dataframe[0].value["item"]) == {"posts.jsonl#p2", "scan.png"}
    app.sidebar.multiselect(key="filter_risks").set_value([]).run()
    app.sidebar.text_input(key="filter_text").input("someone_else").run()
    assert list(app.dataframe[0].value["item"]) == ["posts.jsonl#p3"]
    app.sidebar.text_input(key="filter_text").input("").run()
    app.sidebar.multiselect(key="filter_sources").select("pixel").run()
    assert set(app.dataframe[0].value["item"]) == {"posts.jsonl#p1", "scan.png"}  # p1 shares the screenshot


def test_policy_filter_shows_another_policys_verdicts(small_store, monkeypatch):
    app = _app(small_store, monkeypatch).run()
    assert app.sidebar.selectbox(key="filter_policy").options == ["gdpr-article9", "hipaa-safe-harbor"]
    assert app.sidebar.selectbox(key="filter_policy").value == "hipaa-safe-harbor"  # the last scan's
    app.sidebar.selectbox(key="filter_policy").select("gdpr-article9").run()
    assert app.caption[0].value.startswith("Policy gdpr-article9.") and _metrics(app)["Items"] == "5"


def test_downloaded_findings_are_the_filtered_ones_masked_in_the_export_schema(small_store):
    with queries.open_store(small_store) as store:
        findings = queries.selected_findings(store, Filters("hipaa-safe-harbor", sources=("pixel",)))
    assert list(findings.columns) == list(COLUMNS)
    assert set(findings["item"]) == {"posts.jsonl#p1", "scan.png"}
    assert findings[findings["item"] == "scan.png"]["bbox"].iloc[0] == list(BOX)
    assert findings[findings["entity"] == "X"]["span"].map(len).eq(2).all()
    assert NAME not in findings.to_csv() and PHONE not in findings.to_json(orient="records", lines=True)


def test_items_are_sorted_by_risk_with_the_rules_that_fired(small_store, monkeypatch):
    app = _open(_app(small_store, monkeypatch), "items")
    table = app.dataframe[0].value
    assert list(table["risk"]) == ["high", "low", "low", "none", "none"]
    first = table.iloc[0]
    assert first["item"] == "posts.jsonl#p1"
    assert first["why"] == "direct-identifier-with-health"  # the rule that decided it; the lower ones are on the item page
    assert "author" not in table  # an account name is on the item page (masked), not in the list


def test_item_page_masks_evidence_escapes_markup_and_explains_the_risk(small_store, monkeypatch):
    app = _open(_app(small_store, monkeypatch), "item", item="posts.jsonl#p1")
    assert not app.exception
    shown = _everything_shown(app)
    assert NAME not in shown and PHONE not in shown and "maria_g" not in shown
    body = app.get("html")[0].proto.body
    assert "M**** G*****" in body and "***-***-****" in body
    assert "<img" not in body and "&lt;img src=&quot;http://tracker.example/x.png&quot;&gt;" in body
    assert "![pixel](http://tracker.example/y.png)" in body  # shown as text, never as Markdown
    markdown = [
        element.value for kind in ("markdown", "caption", "subheader", "title", "info", "warning", "error") for element in app.get(kind)
    ]
    assert not [value for value in markdown if "tracker.example" in value or "posts.jsonl" in value]
    fired = app.dataframe[0].value
    assert list(fired["rule"])[0] == "direct-identifier-with-health" and "direct" in fired["requires"].iloc[0]
    assert any(element.proto.imgs[0].caption == "image, frame 0: 1 box(es)" for element in app.get("image"))
    # The same name in another post, and in the screenshot ("GARCIA, MARIA" has the digest of "Maria Garcia").
    assert set(app.dataframe[-1].value["item"]) == {"posts.jsonl#p2", "scan.png"}


def test_reveal_shows_raw_values_only_when_asked(small_store, monkeypatch):
    app = _open(_app(small_store, monkeypatch), "item", item="posts.jsonl#p1")
    app.toggle(key="item_reveal").set_value(True).run()
    body = app.get("html")[0].proto.body
    assert NAME in body and PHONE in body
    assert "maria_g" in _everything_shown(app)


def test_linked_items_show_a_shared_name_and_a_shared_account(small_store, monkeypatch):
    app = _open(_app(small_store, monkeypatch), "linked")
    clusters, values, accounts = (frame.value for frame in app.dataframe[:3])
    assert NAME not in _everything_shown(app)
    assert {"posts.jsonl#p1", "posts.jsonl#p2"} <= set(clusters["items"].iloc[0].split(", "))  # one person-cluster
    row = values[values["identifier"] == "names"].iloc[0]
    assert row["items"] >= 2 and {"posts.jsonl#p1", "posts.jsonl#p2"} <= set(row["item list"].split(", "))
    assert "phone" in row["together expose"] and "condition" in row["health together"]
    assert list(accounts["author"]) == ["m****_g"] and accounts["highest risk"].iloc[0] == "high"


def test_downloads_offer_findings_and_the_report(small_store, monkeypatch):
    app = _open(_app(small_store, monkeypatch), "downloads")
    assert not app.exception
    labels = [element.proto.label for element in app.get("download_button")]
    assert labels == [
        "Findings (CSV)",
        "Findings (JSON Lines)",
        "Every item's verdict (CSV, whole store)",
        "Audit report (HTML, whole store)",
    ]


def test_missing_store_says_so(tmp_path, monkeypatch):
    app = _app(tmp_path / "nowhere.db", monkeypatch).run()
    assert "no findings store here" in app.code[0].value and "phi-audit scan" in app.code[0].value


def test_empty_store_says_to_scan_first(tmp_path, monkeypatch):
    FindingsStore.create_or_open(tmp_path / "empty.db").close()
    app = _app(tmp_path / "empty.db", monkeypatch).run()
    assert "has no items yet" in app.code[0].value


def test_store_of_an_older_schema_says_to_rescan(tmp_path, monkeypatch):
    FindingsStore.create_or_open(tmp_path / "old.db").close()
    with sqlite3.connect(tmp_path / "old.db") as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    app = _app(tmp_path / "old.db", monkeypatch).run()
    assert "schema version 0" in app.code[0].value and "re-scan" in app.code[0].value


def test_reads_while_a_scan_holds_the_store_open_for_writing(tmp_path, monkeypatch):
    store_path = build_small_store(tmp_path)
    writer = sqlite3.connect(store_path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE items SET author = 'being rewritten' WHERE locator = 'posts.jsonl#p3'")
    try:
        app = _app(store_path, monkeypatch).run()
        assert not app.exception and _metrics(app)["Items"] == "5"
    finally:
        writer.rollback()
        writer.close()


def test_accounts_link_by_the_authors_digest_not_by_their_masked_names(tmp_path):
    """The store keeps authors masked ("m****_g" for both maria_g and mario_g): their items are two accounts,
    and typing an author's exact name selects that account's items only."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    posts = [
        {"id": str(n), "author": author, "text": "my lupus flared"} for n, author in enumerate(["maria_g", "maria_g", "mario_g", "mario_g"])
    ]
    (corpus / "posts.jsonl").write_text("".join(json.dumps(post) + "\n" for post in posts), encoding="utf-8")
    with FindingsStore.create_or_open(tmp_path / "audit.db") as store:
        run = store.start_run([str(corpus)], "hipaa-safe-harbor", "1.0", {"test": "1"})
        for item in read_corpus([corpus]):
            store.save_items([(item, [], [])], '{"test": "1"}', run)
        rescore(store, load_policy("hipaa-safe-harbor"))
        total, accounts = queries.accounts(store, Filters("hipaa-safe-harbor"), 0)
        assert total == 2 and list(accounts["items"]) == [2, 2] and set(accounts["author"]) == {"m****_g"}
        chosen, parameters = Filters("hipaa-safe-harbor", text="mario_g").selection(store)
        assert sorted(row[0] for row in store_rows(store, chosen, parameters)) == ["posts.jsonl#2", "posts.jsonl#3"]
        assert "maria_g" not in json.dumps(store_rows(store, "SELECT * FROM items"))
