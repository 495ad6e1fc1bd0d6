"""The Linked items page: a value shared by several items means "same person" only when it is a direct identifier,
ranked by how identifying it is (an MRN before a phone before a name); a shared city, date or age is a
quasi-identifier overlap, listed apart; and a date never links with an age, whatever their digits."""

from __future__ import annotations

import pytest

from auditor import scan
from auditor.store import FindingsStore
from dashboards import queries
from dashboards.queries import Filters
from tests.store_sql import rows as store_rows

NOTES = {
    "a.txt": "Patient Jane Doe, MRN 4417023, phone 555-201-3344, seen in Springfield, IL on 9/5 for asthma.",
    "b.txt": "MRN: 4417023. Follow-up in Springfield, IL. The patient is 95 years old and has asthma.",
    "c.txt": "My name is Jane Doe, call me at (555) 201-3344 about my diabetes.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("links")
    for name, text in NOTES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    path = corpus.parent / f"{corpus.name}.db"
    scan([corpus], path, scanner_names=["text"])
    with FindingsStore.open_existing(path, read_only=True) as opened:
        yield opened


def test_same_person_links_rank_record_numbers_before_phones_before_names(store):
    total, values = queries.shared_values(store, Filters(policy="hipaa-safe-harbor"), 0, "person")
    assert list(values["identifier"]) == ["mrn", "phone", "names"] and total == 3
    assert list(values["item list"]) == ["a.txt, b.txt", "a.txt, c.txt", "a.txt, c.txt"]
    assert values.iloc[2]["what it is"] == "a name"


def test_a_shared_city_is_a_quasi_identifier_overlap_and_a_date_never_links_with_an_age(store):
    _, values = queries.shared_values(store, Filters(policy="hipaa-safe-harbor"), 0, "quasi")
    assert "geographic" in set(values["identifier"])
    assert "dates" not in set(values["identifier"])  # 9/5 in a.txt, 95 in b.txt
    found = {row[0] for row in store_rows(store, "SELECT item FROM findings WHERE identifier = 'dates'")}
    assert found == {"a.txt", "b.txt"}, "both were found; they just are not the same value"
