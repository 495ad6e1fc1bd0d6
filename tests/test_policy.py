"""Policies are validated data: the shipped ones load, a broken one is refused with the key path, and the
engine's verdict follows the rules in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.model import Finding
from auditor.policy import PolicyError, judge, load_policy, shipped_policies
from auditor.policy.loader import SHIPPED_POLICY_DIR


def finding(identifier: str | None = None, health: str | None = None, score: float = 0.9) -> Finding:
    entity = (identifier or health or "X").upper()
    return Finding("post#1", "text", "text", entity, identifier, health, (0, 4), None, score, "text", "J***", "0" * 64)


def write_policy(tmp_path: Path, change) -> Path:
    document = yaml.safe_load((SHIPPED_POLICY_DIR / "hipaa-safe-harbor.yaml").read_text())
    change(document)
    path = tmp_path / "custom.yaml"
    path.write_text(yaml.safe_dump(document))
    return path


def test_the_shipped_policies_are_hipaa_safe_harbor_and_gdpr_article_9():
    assert set(shipped_policies()) == {"hipaa-safe-harbor", "gdpr-article9"}
    for name in shipped_policies():
        assert load_policy(name).policy == name


def test_a_direct_identifier_with_health_information_is_high_risk():
    verdict = judge("post#1", [finding("names"), finding(health="condition")], load_policy("hipaa-safe-harbor"))
    assert verdict.risk == "high"
    assert "direct-identifier-with-health" in verdict.rules
    assert verdict.identifiers == ("names",) and verdict.health == ("condition",)


def test_quasi_identifiers_with_health_information_are_medium_risk():
    verdict = judge("post#1", [finding("dates"), finding(health="medication")], load_policy("hipaa-safe-harbor"))
    assert verdict.risk == "medium"


def test_birth_date_and_zip_together_are_medium_even_without_health():
    verdict = judge("post#1", [finding("dates"), finding("geographic")], load_policy("hipaa-safe-harbor"))
    assert verdict.risk == "medium" and verdict.rules == ("combined-quasi-identifiers", "identifier-without-health")


def test_an_identifier_alone_is_low_and_nothing_is_none():
    policy = load_policy("hipaa-safe-harbor")
    assert judge("post#1", [finding("phone")], policy).risk == "low"
    assert judge("post#1", [], policy).risk == "none"


def test_under_gdpr_health_information_alone_is_already_medium():
    verdict = judge("post#1", [finding(health="condition")], load_policy("gdpr-article9"))
    assert verdict.risk == "medium" and verdict.rules == ("health-data",)


def test_findings_below_the_policy_min_score_do_not_count(tmp_path):
    path = write_policy(tmp_path, lambda d: d.update(min_score=0.8))
    verdict = judge("post#1", [finding("names", score=0.5), finding(health="condition")], load_policy(path))
    assert verdict.identifiers == () and verdict.risk == "none"


def test_an_incomplete_item_keeps_its_risk_as_a_lower_bound_and_says_so():
    verdict = judge("post#1", [], load_policy("hipaa-safe-harbor"), complete=False)
    assert verdict.complete is False


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["identifiers"].update(nmaes={"class": "direct", "weight": 1.0}), "identifiers.nmaes"),
        (lambda d: d["identifiers"].pop("ssn"), "no class/weight for ssn"),
        (lambda d: d["rules"][0].update(risk="severe"), "rules.0.risk"),
        (lambda d: d["rules"][0].update(requries={}), "rules.0.requries"),
        (lambda d: d["rules"][1]["requires"]["identifiers"].update(at_least="one"), "rules.1.requires.identifiers.at_least"),
        (lambda d: d.update(health=["condition", "hobbies"]), "health.1"),
        (lambda d: d["rules"].append(dict(d["rules"][0])), "appears twice"),
    ],
)
def test_a_broken_policy_is_refused_naming_the_file_and_the_key_path(tmp_path, change, expected):
    path = write_policy(tmp_path, change)
    with pytest.raises(PolicyError) as raised:
        load_policy(path)
    assert str(path) in str(raised.value)
    assert expected in str(raised.value)


def test_a_policy_file_that_is_not_yaml_or_not_a_mapping_is_refused(tmp_path):
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    (tmp_path / "bad.yaml").write_text("policy: [unclosed\n")
    with pytest.raises(PolicyError, match="mapping"):
        load_policy(tmp_path / "list.yaml")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(tmp_path / "bad.yaml")
    with pytest.raises(PolicyError, match="no such policy"):
        load_policy("hipaa-typo")


def test_yaml_tags_that_would_build_python_objects_are_refused(tmp_path):
    (tmp_path / "evil.yaml").write_text("policy: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(tmp_path / "evil.yaml")
