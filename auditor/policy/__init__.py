"""The policy engine: declarative policy files (policies/*.yaml) that turn findings into item verdicts."""

from auditor.policy.engine import deciding_rules, judge
from auditor.policy.loader import DEFAULT_POLICY, PolicyError, load_policy, shipped_policies
from auditor.policy.schema import Policy

__all__ = ["DEFAULT_POLICY", "Policy", "PolicyError", "deciding_rules", "judge", "load_policy", "shipped_policies"]
