"""The store owns every line of SQL: the report, the dashboard, the exit code, reveal, risk, redaction and the
service read the store through its read models (`auditor/store/`), so one total is counted by one query."""

import re
from pathlib import Path

from auditor.store import FindingsStore

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "auditor" / "store"
#: An SQL statement's opening as code writes one (keywords in capitals, as everywhere in the store).
SQL = re.compile(r"\b(SELECT\s|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX)\b|PRAGMA\s)")
#: The store's package-private read and its connection.
PRIVATE = re.compile(r"\._(select|write)\(|\._db\b")


def _outside_the_store():
    for folder in ("auditor", "dashboards"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if STORE not in path.parents:
                yield path


def test_no_sql_statement_is_written_outside_the_store():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _outside_the_store()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line) or PRIVATE.search(line)
    ]
    assert found == []


def test_the_store_takes_no_raw_sql_from_outside():
    assert not hasattr(FindingsStore, "query") and not hasattr(FindingsStore, "write")


def test_the_check_would_see_a_statement():
    assert SQL.search('store.read("SELECT COUNT(*) FROM items")') and SQL.search("INSERT OR REPLACE INTO meta VALUES")
    assert SQL.search("UPDATE items SET complete=0") and not SQL.search("Select the items to scan")


def test_the_report_and_the_dashboard_overview_count_the_same_items(tmp_path):
    from auditor.report import build_report
    from dashboards import queries
    from tests.test_dashboard import build_small_store

    with FindingsStore.open_existing(build_small_store(tmp_path), read_only=True) as store:
        report = build_report(store, "hipaa-safe-harbor")
        shown = queries.overview(store, queries.Filters("hipaa-safe-harbor"))
    assert report.items == shown["items"] > 0 and report.incomplete_items == shown["incomplete"] > 0
    assert report.findings == shown["findings"] > 0
    assert report.items_by_risk == dict(zip(shown["by_risk"]["risk"], shown["by_risk"]["items"]))
    assert report.items_by_identifier == dict(zip(shown["by_identifier"]["identifier"], shown["by_identifier"]["items"]))
    assert report.items_by_kind == dict(zip(shown["by_kind"]["kind"], shown["by_kind"]["items"]))
