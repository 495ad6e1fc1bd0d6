"""Health plan beneficiary numbers by their label; Presidio's MBI and member-ID recognizers cover the
letter-prefixed card formats, this one the all-digit IDs they miss."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import ID_VALUE, DeclaredPatternRecognizer, after_label

_LABELS = (
    r"member|subscriber|policy|group|beneficiary|medicaid|medicare|mbi|hicn|tricare"
    r"|insurance(?:\s*(?:card|policy|plan))?|insurer|ins\.?(?=\s*(?:[:#]|id\b|no\b))|health\s*plan|plan\s*(?:id|number|no\.?|#)"
    r"|claim(?:\s*(?:number|no\.?|#))?|auth(?:orization)?\s*(?:#|no\.?|number)|prior\s+auth|hmo|hbn|ppo"
)


class HealthPlanIdRecognizer(DeclaredPatternRecognizer):
    """A member, subscriber, policy, group or Medicaid/Medicare ID: 5-20 letters and digits, at least
    one a digit, after its label."""

    ENTITY = "HEALTH_PLAN_ID"
    MIN_DIGITS = 1  # at least one digit
    LABELS = _LABELS
    PATTERNS = [
        Pattern("Health plan ID (labelled)", after_label(_LABELS, r"#?(?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{4,19}"), 0.65),
        Pattern("Health plan ID of any shape (labelled)", after_label(_LABELS, ID_VALUE), 0.65),
    ]
    CONTEXT = ["member", "insurance", "policy", "medicaid", "medicare", "plan"]
