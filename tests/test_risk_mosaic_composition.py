"""The mosaic of one person (items linked by a shared identifier digest or author) and the corpus's make-up
against the reference population, on small stores whose answer is known by construction."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from auditor.model import Finding, Item
from auditor.risk.composition import age_sex_reference, compare, composition, state_reference
from auditor.risk.measures import measure
from auditor.risk.mosaic import MAX_LINK, person_clusters
from auditor.risk.quasi import QuasiIdentifiers
from auditor.store import FindingsStore, quasi_store


def _finding(item: str, identifier: str, digest: str, health: str | None = None) -> Finding:
    return Finding(item, "text", "text", "X", identifier or None, health, (0, 1), None, 0.9, "text", "J***", digest)


@pytest.fixture()
def linked(tmp_path: Path) -> Path:
    """p1 names Jane (digest n1) and shares an MRN with a DICOM file d1; p2 is by p1's author; p3 names Jane too;
    p4 stands alone; `common` is a digest in more than MAX_LINK posts and must link nothing."""
    path = tmp_path / "audit.db"
    with FindingsStore.create_or_open(path) as store:
        run = store.start_run(["x"], "hipaa-safe-harbor", "1", {})
        rows = [
            (
                Item("p1", "post", "h", author="@jane"),
                [_finding("p1", "names", "n1"), _finding("p1", "mrn", "m1")],
                QuasiIdentifiers("p1", state="CA"),
            ),
            (
                Item("d1", "dicom", "h"),
                [_finding("d1", "mrn", "m1"), _finding("d1", "dates", "b1")],
                QuasiIdentifiers("d1", age_band="60-69", sex="F", modality="CT"),
            ),
            (
                Item("p2", "post", "h", author="@jane"),
                [_finding("p2", "phone", "t1"), _finding("p2", "", "h1", health="condition")],
                QuasiIdentifiers("p2", month="2024-03"),
            ),
            (Item("p3", "post", "h"), [_finding("p3", "names", "n1")], QuasiIdentifiers("p3")),
            (Item("p4", "post", "h"), [_finding("p4", "names", "n9")], QuasiIdentifiers("p4")),
        ]
        rows += [
            (Item(f"c{i:02d}", "post", "h"), [_finding(f"c{i:02d}", "names", "common")], QuasiIdentifiers(f"c{i:02d}"))
            for i in range(MAX_LINK + 1)
        ]
        rows.append((Item("p4b", "post", "h"), [_finding("p4b", "names", "common")], QuasiIdentifiers("p4b")))
        store.save_items(
            [(item, findings, []) for item, findings, _ in rows], "{}", run, also=quasi_store.writer(record for _, _, record in rows)
        )
    return path


def test_items_sharing_an_identifier_or_author_form_one_person_cluster(linked: Path) -> None:
    with FindingsStore.open_existing(linked, read_only=True) as store:
        risk = measure(store, ("age", "sex", "state"))
        clusters = person_clusters(store, risk, "hipaa-safe-harbor")
    assert [c.subjects for c in clusters] == [["d1", "p1", "p2", "p3"]]
    cluster = clusters[0]
    assert cluster.links == {"author": 1, "mrn": 1, "names": 1}
    # what no single item exposes: a name, an MRN, a phone, dates, a condition, and age, sex, state and month together
    assert cluster.identifiers == ["dates", "mrn", "names", "phone"] and cluster.health == ["condition"]
    assert {k: cluster.quasi[k] for k in ("age", "sex", "state", "month", "modality")} == {
        "age": "60-69",
        "sex": "F",
        "state": "CA",
        "month": "2024-03",
        "modality": "CT",
    }
    # d1 is alone in its class (60-69, F, *): the cluster's risk is the highest of its subjects'
    assert cluster.risk == 1.0


def test_composition_counts_and_skew_against_the_reference() -> None:
    subjects = [
        ("a", "post", QuasiIdentifiers("a", "60-69", "F", "CA", month="2024-01")),
        ("b", "post", QuasiIdentifiers("b", "60-69", "F", "CA", month="2024-03")),
        ("c", "dicom", QuasiIdentifiers("c", "20-29", "M", modality="CT", body_part="CHEST")),
        ("d", "post", QuasiIdentifiers("d", health=("condition",))),
        ("e", "post", None),
    ]
    made = composition(subjects, Counter({"post (jsonl)": 4, "dicom (dcm)": 1}))
    assert (made.subjects, made.no_demographics, made.months) == (5, 2, ("2024-01", "2024-03"))
    assert made.distributions["sex"] == {"F": 2, "M": 1} and made.distributions["modality"] == {"CT": 1}
    reference = age_sex_reference()
    total = sum(reference.values())
    women = next(g for g in made.age_sex.groups if g.group == "60-69 F")
    assert women.observed_share == pytest.approx(2 / 3) and women.expected_share == pytest.approx(reference["60-69 F"] / total)
    expected_tvd = 0.5 * sum(abs({"60-69 F": 2 / 3, "20-29 M": 1 / 3}.get(g, 0) - n / total) for g, n in reference.items())
    assert made.age_sex.total_variation == pytest.approx(expected_tvd)
    assert len(made.state.absent) == len(state_reference()) - 1
    sentence = made.sentence()
    assert sentence.startswith("Women aged 60-69 are") and "over-represented" in sentence and "no subject from 50 of 51 states" in sentence


def test_a_corpus_shaped_like_the_population_has_no_skew() -> None:
    reference = {"a": 300, "b": 100}
    same = compare(Counter({"a": 3, "b": 1}), reference, "test")
    assert same.total_variation == pytest.approx(0.0) and [g.ratio for g in same.groups] == [pytest.approx(1.0)] * 2
    disjoint = compare(Counter({"c": 5}), reference, "test")
    assert disjoint.total_variation is None and disjoint.known == 0
