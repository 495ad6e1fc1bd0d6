"""The store's schema is a list of numbered migrations: new stores get them all, older stores are upgraded."""

import sqlite3

import pytest

from auditor.store import SCHEMA_VERSION, FindingsStore, StoreError, findings_store
from auditor.store.migrations import MIGRATIONS, Migration


def _version(path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])


def _tables(path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_new_store_has_every_migration_applied(tmp_path):
    FindingsStore.create_or_open(tmp_path / "a.db").close()
    assert _version(tmp_path / "a.db") == SCHEMA_VERSION == MIGRATIONS[-1].number
    assert {"meta", "runs", "items", "findings", "errors", "verdicts"} <= _tables(tmp_path / "a.db")


def test_migration_numbers_are_unique_and_ordered():
    numbers = [migration.number for migration in MIGRATIONS]
    assert numbers == sorted(set(numbers))


@pytest.mark.parametrize("read_only", [False, True])
def test_an_older_store_is_upgraded_on_open_and_keeps_its_data(tmp_path, monkeypatch, read_only):
    path = tmp_path / "old.db"
    with FindingsStore.create_or_open(path) as store:
        key = store.evidence_keeper()
        run = store.start_run(["corpus"], "hipaa-safe-harbor", "1.0", {})
    later = Migration(MIGRATIONS[-1].number + 1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")
    monkeypatch.setattr(findings_store, "MIGRATIONS", MIGRATIONS + (later,))
    monkeypatch.setattr(findings_store, "LATEST", later.number)

    with FindingsStore.open_existing(path, read_only=read_only) as store:
        assert store.latest_run()["id"] == run
        assert store.evidence_keeper().key == key.key
    assert _version(path) == later.number
    assert "notes" in _tables(path)


def test_a_failed_migration_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    FindingsStore.create_or_open(path).close()
    broken = Migration(MIGRATIONS[-1].number + 1, "broken", "CREATE TABLE half (id INTEGER);\nCREATE TABLE half (id INTEGER);")
    monkeypatch.setattr(findings_store, "MIGRATIONS", MIGRATIONS + (broken,))
    monkeypatch.setattr(findings_store, "LATEST", broken.number)
    with pytest.raises(StoreError):
        FindingsStore.open_existing(path)
    assert _version(path) == MIGRATIONS[-1].number
    assert "half" not in _tables(path)


@pytest.mark.parametrize("version", ["1", "99"])
def test_a_store_older_than_the_baseline_or_newer_than_this_release_is_refused(tmp_path, version):
    path = tmp_path / "a.db"
    FindingsStore.create_or_open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (version,))
    with pytest.raises(StoreError, match="re-scan into a new store"):
        FindingsStore.open_existing(path)


def test_an_sqlite_file_of_another_application_is_not_turned_into_a_store(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(StoreError, match="not a phi-audit findings store"):
        FindingsStore.create_or_open(path)
    assert _tables(path) == {"contacts"}
