"""The shipped policies as an ethics board reads them: a patient singled out in a clinical context is high risk even
without a diagnosis word, and only the rules that decided an item's risk are named as its reasons."""

from __future__ import annotations

from auditor.model import Finding
from auditor.policy import deciding_rules, judge, load_policy


def _finding(identifier: str | None, health: str | None = None, item: str = "images/wristband.jpg") -> Finding:
    return Finding(
        item,
        "pixel",
        "ocr",
        (identifier or health or "x").upper(),
        identifier,
        health,
        None,
        (0, 0, 1, 1),
        0.9,
        "pixel_text",
        "***",
        identifier or health or "x",
    )


def test_a_wristband_with_name_mrn_and_birth_date_is_high_without_a_diagnosis():
    verdict = judge(
        "images/wristband.jpg", [_finding("names"), _finding("mrn"), _finding("dates"), _finding("other_unique_id")], load_policy()
    )
    assert verdict.risk == "high" and verdict.health == ()
    assert deciding_rules(load_policy(), verdict) == ("patient-identifiers-in-clinical-context",)


def test_a_record_number_alone_is_medium_and_a_name_alone_low():
    policy = load_policy()
    assert judge("a", [_finding("mrn")], policy).risk == "medium"
    assert judge("a", [_finding("health_plan")], policy).risk == "medium"
    assert judge("a", [_finding("names")], policy).risk == "low"
    assert judge("a", [_finding("names"), _finding("dates")], policy).risk == "low"


def test_gdpr_counts_a_health_identifier_as_data_concerning_health():
    assert judge("a", [_finding("mrn")], load_policy("gdpr-article9")).risk == "high"


def test_only_the_rules_of_the_verdicts_level_decided_it():
    policy = load_policy()
    verdict = judge("a", [_finding("names"), _finding(None, "condition")], policy)
    assert verdict.risk == "high" and "identifier-without-health" in verdict.rules
    assert deciding_rules(policy, verdict) == ("direct-identifier-with-health",)


def test_every_shipped_rule_says_why_it_exists():
    from auditor.policy.loader import shipped_policies

    for name, path in shipped_policies().items():
        text = path.read_text(encoding="utf-8")
        for rule in load_policy(name).rules:
            before = text[: text.index(f"- id: {rule.id}")].rstrip().splitlines()[-1].strip()
            assert (
                rule.description
                and before.startswith("#")
                and "Why" in text[text.rfind("# Why", 0, text.index(f"- id: {rule.id}")) : text.index(f"- id: {rule.id}")]
            ), rule.id
