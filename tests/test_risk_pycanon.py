"""k-anonymity and ℓ-diversity equal pycanon's (an independent implementation, Apache-2.0) on generated subjects
with planted classes, missing values and media merged into posts. pycanon pins pandas==2.3.3 and numpy==2.0.2,
so `make setup` installs it with --no-deps; its functions run on this project's pandas 3."""

from __future__ import annotations

import random

import pandas as pd
from pycanon import anonymity

from auditor.age_bands import AGE_BANDS
from auditor.risk.measures import _health_value, class_key, measure_records
from auditor.risk.quasi import QuasiIdentifiers

QUASI = ("age", "sex", "region", "month")


def _subjects(seed: int, count: int) -> list[tuple[str, str, QuasiIdentifiers | None]]:
    chooser = random.Random(seed)
    subjects = []
    for index in range(count):
        if chooser.random() < 0.05:
            subjects.append((f"s{index}", "post", None))  # no record: a class of its own kind ("missing")
            continue
        record = QuasiIdentifiers(
            f"s{index}",
            age_band=chooser.choice((*AGE_BANDS[2:8], None)),
            sex=chooser.choice(("F", "M", None)),
            state=chooser.choice(("CA", "TX", "NY", None)),
            zip3=chooser.choice((None, None, None, "936", "787")),
            country=chooser.choice((None, None, "FR")),
            month=chooser.choice(("2024-01", "2024-02", "2024-03", None)),
            health=chooser.choice(((), ("condition",), ("condition", "medication"), ("medical_image",))),
        )
        subjects.append((record.item, "post", record))
    subjects.append(
        ("planted", "post", QuasiIdentifiers("planted", "60-69", "F", "CA", zip3="937", month="2024-03", health=("condition",)))
    )
    return subjects


def _table(subjects) -> pd.DataFrame:
    rows = [(*class_key(record, QUASI), _health_value(record)) for _, _, record in subjects]
    return pd.DataFrame(rows, columns=[*QUASI, "health"])


def test_k_and_l_diversity_equal_pycanon_on_generated_subjects() -> None:
    for seed, count in ((1, 2_000), (2, 10_000)):
        subjects = _subjects(seed, count)
        ours = measure_records(lambda s=subjects: iter(s), QUASI)
        table = _table(subjects)
        assert ours.k == anonymity.k_anonymity(table, list(QUASI)) == 1  # the planted subject is sample-unique
        assert ours.l_diversity == anonymity.l_diversity(table, list(QUASI), ["health"])


def test_k_equals_pycanon_once_the_uniques_are_generalized_away() -> None:
    subjects = _subjects(3, 5_000)
    coarse = ("sex",)  # three classes (F, M, missing), each large
    ours = measure_records(lambda: iter(subjects), coarse)
    table = _table(subjects)
    assert ours.k == anonymity.k_anonymity(table, list(coarse)) > 100
    assert ours.l_diversity == anonymity.l_diversity(table, list(coarse), ["health"]) == 4
