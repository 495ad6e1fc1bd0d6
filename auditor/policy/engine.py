"""Applies a policy to an item's findings: which rules fire, the item's risk, what it exposes."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.model import Finding, Verdict, risk_rank
from auditor.policy.schema import HealthRequirement, IdentifierRequirement, Policy, Rule


def judge(item: str, findings: Iterable[Finding], policy: Policy, complete: bool = True) -> Verdict:
    """The policy's verdict on `item`, given every finding of it and of its media.

    `complete` is False when any part of the item could not be scanned: the verdict then says so, and the
    risk it gives is a lower bound, never a clearance.
    """
    kept = [f for f in findings if f.score >= policy.min_score and f.entity not in policy.ignored_entities]
    identifiers = sorted({f.identifier for f in kept if f.identifier})
    health = sorted({f.health for f in kept if f.health is not None and f.health in policy.health})
    fired = [
        rule
        for rule in policy.rules
        if _identifiers_met(rule.requires.identifiers, identifiers, policy)
        and _health_met(rule.requires.health, health)
        and (rule.requires.context is None or any(name in identifiers for name in rule.requires.context.identifiers))
    ]
    risk = max((rule.risk for rule in fired), key=risk_rank, default="none")
    return Verdict(
        item=item,
        policy=policy.policy,
        policy_version=policy.version,
        risk=risk,
        rules=tuple(rule.id for rule in fired),
        identifiers=tuple(identifiers),
        health=tuple(health),
        complete=complete,
    )


def deciding_rules(policy: Policy, verdict: Verdict) -> tuple[str, ...]:
    """The fired rules that gave the verdict its risk (those of the verdict's level); the others fired too but
    decided nothing, and are shown only on demand. Every fired rule when the policy no longer has them."""
    by_id: dict[str, Rule] = {rule.id: rule for rule in policy.rules}
    if not all(name in by_id for name in verdict.rules):
        return verdict.rules
    return tuple(name for name in verdict.rules if by_id[name].risk == verdict.risk)


def _identifiers_met(requirement: IdentifierRequirement | None, present: list[str], policy: Policy) -> bool:
    if requirement is None:
        return True
    matching = [name for name in present if requirement.class_ in ("any", policy.identifiers[name].class_)]
    if len(matching) < requirement.at_least:
        return False
    if requirement.weight_at_least is not None:
        return sum(policy.identifiers[name].weight for name in matching) >= requirement.weight_at_least
    return True


def _health_met(requirement: HealthRequirement | None, present: list[str]) -> bool:
    if requirement is None:
        return True
    matching = [c for c in present if requirement.categories is None or c in requirement.categories]
    return len(matching) >= requirement.at_least
