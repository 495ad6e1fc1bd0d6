"""Risk measures equal an independent computation: on a generated store of 10,000 posts and 2,000 media with
planted classes of known sizes, and on a scan of the sample corpus. (pycanon, suggested as a cross-check, pins
pandas 2.x and numpy 2.0 exactly and cannot be installed beside phi-audit's pandas 3, so the check here is
written from the definitions with collections.Counter.)"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor import scan
from auditor.cli import app
from auditor.model import Item
from auditor.policy import PolicyError, load_policy
from auditor.risk.measures import RiskConfigError, measure, parse_quasi
from auditor.risk.quasi import QuasiIdentifiers
from auditor.store import FindingsStore, quasi_store
from tests.store_sql import rows as store_rows

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
QUASI = ("age", "sex", "region", "month")
#: Planted classes: (age band, sex, state, month) -> size. 3 sample-uniques, the rest larger.
PLANTED = {
    ("60-69", "F", "CA", "2024-03"): 1,
    ("30-39", "M", "NY", "2023-01"): 1,
    ("90+", "F", "VT", "2022-07"): 1,
    ("40-49", "M", "TX", "2024-04"): 2,
    ("20-29", "F", "WA", "2021-11"): 7,
}


def _generated_store(path: Path) -> tuple[int, int]:
    """10,000 posts, 2,000 of them with one image each. Planted classes as above; the other posts fall in 20
    classes of 496 or 497. A post's sex and state are on the post, its age on its image, so classes exist only
    when a post and its media are read as one subject. Returns (posts, media)."""
    rng = random.Random(15)
    posts: list[QuasiIdentifiers] = []
    for (band, sex, state, month), size in PLANTED.items():
        posts += [QuasiIdentifiers("", band, sex, state, None, None, None, month) for _ in range(size)]
    bulk = [("50-59", s, st, "2023-06") for s in ("F", "M") for st in ("OH", "GA", "AZ", "MI", "IL", "PA", "NC", "NJ", "VA", "MA")]
    while len(posts) < 10_000:
        band, sex, state, month = bulk[len(posts) % len(bulk)]
        posts.append(QuasiIdentifiers("", band, sex, state, None, None, None, month))
    rng.shuffle(posts)
    with FindingsStore.create_or_open(path) as store:
        run = store.start_run(["generated"], "hipaa-safe-harbor", "1", {})
        batch = []
        for number, record in enumerate(posts):
            locator = f"posts.jsonl#{number:05d}"
            with_media = number % 5 == 0
            post_record = QuasiIdentifiers(
                locator,
                None if with_media else record.age_band,
                record.sex,
                record.state,
                None,
                None,
                None,
                record.month,
                health=("condition",) if number % 2 else (),
            )
            batch.append((Item(locator, "post", "h"), post_record))
            if with_media:
                media = f"media/{number:05d}.jpg"
                batch.append(
                    (Item(media, "image", "h", parent=locator), QuasiIdentifiers(media, record.age_band, modality="XR", body_part="CHEST"))
                )
            if len(batch) >= 500:
                _save(store, batch, run)
                batch = []
        _save(store, batch, run)
    return len(posts), 2000


def _save(store: FindingsStore, batch: list[tuple[Item, QuasiIdentifiers]], run: int) -> None:
    store.save_items([(item, [], []) for item, _ in batch], "{}", run, also=quasi_store.writer(record for _, record in batch))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "audit.db"
    assert _generated_store(path) == (10_000, 2000)
    return path


def _independent(store_path: Path, quasi: tuple[str, ...]) -> dict:
    """The measures from the definitions, straight from the table: a subject is a row with no parent, its
    media's values fill its gaps; a missing value is a value of its own."""
    with FindingsStore.open_existing(store_path, read_only=True) as store:
        parents = dict(store_rows(store, "SELECT locator, COALESCE(parent, locator) FROM items WHERE kind != 'unreadable'"))
        columns = ["item", "age_band", "sex", "state", "zip3", "country", "month", "modality", "body_part", "health"]
        rows = store_rows(store, f"SELECT {', '.join(columns)} FROM quasi_identifiers ORDER BY item")
    subjects: dict[str, dict] = {locator: {} for locator, parent in parents.items() if locator == parent}
    for row in rows:
        values = dict(zip(columns, row))
        merged = subjects[parents[values["item"]]]
        for name, value in values.items():
            if name == "health":
                merged.setdefault("health", set()).update(json.loads(value))
            elif value is not None and merged.get(name) is None:
                merged[name] = value

    def value(subject: dict, name: str) -> str:
        if name == "region":
            if subject.get("zip3") or subject.get("state"):
                return f"zip3:{subject['zip3']}" if subject.get("zip3") else f"state:{subject['state']}"
            return f"country:{subject['country']}" if subject.get("country") else "*"
        return subject.get({"age": "age_band"}.get(name, name)) or "*"

    keys = {locator: tuple(value(s, name) for name in quasi) for locator, s in subjects.items()}
    sizes = Counter(keys.values())
    n = len(keys)
    diversity = defaultdict(set)
    for locator, key in keys.items():
        diversity[key].add(",".join(sorted(subjects[locator].get("health") or ())) or "none")
    return {
        "n": n,
        "classes": len(sizes),
        "k": min(sizes.values()),
        "uniques": sum(1 for size in sizes.values() if size == 1),
        "prosecutor_highest": max(1 / sizes[key] for key in keys.values()),
        "prosecutor_average": sum(1 / sizes[key] for key in keys.values()) / n,
        "l": min(len(v) for v in diversity.values()),
        "histogram": dict(Counter(sizes[key] for key in keys.values())),
        "unique_items": sorted(locator for locator, key in keys.items() if sizes[key] == 1),
    }


def test_generated_corpus_measures_equal_the_independent_computation(generated: Path) -> None:
    with FindingsStore.open_existing(generated, read_only=True) as store:
        result = measure(store, QUASI)
    expected = _independent(generated, QUASI)
    assert (result.subjects, result.classes, result.k, result.sample_uniques) == (
        expected["n"],
        expected["classes"],
        expected["k"],
        expected["uniques"],
    )
    assert result.prosecutor_highest == pytest.approx(expected["prosecutor_highest"])
    assert result.prosecutor_average == pytest.approx(expected["prosecutor_average"])
    assert result.l_diversity == expected["l"]
    assert result.size_histogram == expected["histogram"]
    assert sorted(item for cls in result.riskiest if cls.size == 1 for item in cls.items) == expected["unique_items"]


def test_generated_corpus_has_the_planted_classes(generated: Path) -> None:
    with FindingsStore.open_existing(generated, read_only=True) as store:
        result = measure(store, QUASI)
    assert (result.subjects, result.k, result.sample_uniques, result.classes) == (10_000, 1, 3, len(PLANTED) + 20)
    found = {tuple(cls.values.values()): cls.size for cls in result.riskiest}
    for (band, sex, state, month), size in PLANTED.items():
        assert found[(band, sex, f"state:{state}", month)] == size
    # 20 bulk classes share the other 9,988 subjects: 8 of 500 and 12 of 499
    assert result.size_histogram == {1: 3, 2: 2, 7: 7, 500: 8 * 500, 499: 12 * 499}
    assert result.prosecutor_average == pytest.approx(25 / 10_000)
    assert result.marketer == pytest.approx(25 / 10_000)
    assert result.journalist_highest == result.prosecutor_highest == 1.0


def test_journalist_risk_follows_the_sampling_fraction(generated: Path) -> None:
    with FindingsStore.open_existing(generated, read_only=True) as store:
        result = measure(store, ("sex",), population_fraction=0.1)
    assert result.classes == 2
    assert result.journalist_highest == pytest.approx(0.1 / result.k)
    assert result.marketer == pytest.approx(0.1 * result.classes / result.subjects)


def test_measures_are_the_same_read_in_small_chunks(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with FindingsStore.open_existing(generated, read_only=True) as store:
        whole = measure(store, QUASI)
        monkeypatch.setattr(quasi_store, "CHUNK", 7)
        chunked = measure(store, QUASI)
    assert chunked.to_dict() == whole.to_dict()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("sample") / "audit.db"
    scan([ROOT / "data" / "sample"], store, scanner_names=["text", "dicom_header"])
    return store


@pytest.mark.parametrize("quasi", [QUASI, ("age", "sex"), ("zip3", "month", "sex"), ("modality",)])
def test_sample_corpus_measures_equal_the_independent_computation(sample: Path, quasi: tuple[str, ...]) -> None:
    with FindingsStore.open_existing(sample, read_only=True) as store:
        result = measure(store, quasi)
    expected = _independent(sample, quasi)
    assert (result.subjects, result.classes, result.k, result.sample_uniques, result.l_diversity) == (
        expected["n"],
        expected["classes"],
        expected["k"],
        expected["uniques"],
        expected["l"],
    )
    assert result.prosecutor_average == pytest.approx(expected["prosecutor_average"])
    assert result.size_histogram == expected["histogram"]


def test_the_sample_corpus_has_demographics_from_text_and_dicom(sample: Path) -> None:
    with FindingsStore.open_existing(sample, read_only=True) as store:
        counts = dict(
            store_rows(
                store,
                "SELECT 'age', COUNT(age_band) FROM quasi_identifiers UNION ALL SELECT 'modality', COUNT(modality) FROM quasi_identifiers",
            )
        )
    assert counts["age"] >= 20 and counts["modality"] >= 10
    with FindingsStore.open_existing(sample, read_only=True) as store:
        photos = quasi_store.records(store, ["photos/IMG_0430.webp", "photos/IMG_4127.jpg"])
        chaptered = store_rows(store, "SELECT COUNT(*) FROM quasi_identifiers WHERE chapters != '[]'")[0][0]
    assert {(r.country, r.state) for r in photos.values()} == {("US", "CA"), ("US", "TN")}  # their GPS positions
    assert chaptered >= 10  # posts naming conditions, by ICD-10-CM chapter


def test_risk_command_exits_1_below_k_and_reports_json(sample: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    below = runner.invoke(app, ["risk", "--store", str(sample), "--format", "json"])
    assert below.exit_code == 1, below.output
    data = json.loads(below.output)
    assert data["k_below_threshold"] and data["risk"]["k"] < 5
    assert data["composition"]["age_sex"]["total_variation_distance"] is not None
    passing = runner.invoke(app, ["risk", "--store", str(sample), "--quasi", "sex", "--k", "1"])
    assert passing.exit_code == 0 and "k = " in passing.output
    html = tmp_path / "risk.html"
    runner.invoke(app, ["risk", "--store", str(sample), "--format", "html", "--out", str(html)])
    page = html.read_text(encoding="utf-8")
    assert "Re-identification risk" in page and "Who this corpus represents" in page and "<svg" in page
    assert runner.invoke(app, ["risk", "--store", str(sample), "--quasi", "shoe_size"]).exit_code == 2


def test_a_policy_carries_the_quasi_set_and_k(tmp_path: Path) -> None:
    text = (ROOT / "policies" / "hipaa-safe-harbor.yaml").read_text(encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(text + "\nrisk:\n  quasi: [age, sex, state]\n  k: 11\n", encoding="utf-8")
    policy = load_policy(good)
    assert (policy.risk.quasi, policy.risk.k) == (["age", "sex", "state"], 11)
    assert load_policy("hipaa-safe-harbor").risk.quasi == ["age", "sex", "region", "month"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(text + "\nrisk:\n  quasi: [age, shoe_size]\n  k: 0\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="risk"):
        load_policy(bad)


def test_unknown_quasi_identifiers_are_refused() -> None:
    assert parse_quasi("age, sex,zip3") == ("age", "sex", "zip3")
    with pytest.raises(RiskConfigError, match="shoe_size"):
        parse_quasi("age,shoe_size")
