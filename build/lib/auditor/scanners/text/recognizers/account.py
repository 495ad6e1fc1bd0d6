"""Account numbers (hospital billing, patient portal, bank): no format of their own, so by label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

_LABELS = r"(?:billing\s*|patient\s*|bank\s*|checking\s*|savings\s*)?(?:account|acct\.?|a/c)"


class AccountNumberRecognizer(DeclaredPatternRecognizer):
    """Five to twenty digits (dashes allowed, an up-to-4-letter prefix too) after "account", "acct"."""

    ENTITY = "ACCOUNT_NUMBER"
    MIN_DIGITS = 2  # two digits at its ends
    LABELS = _LABELS
    PATTERNS = [Pattern("Account number (labelled)", after_label(_LABELS, r"(?:[A-Z]{1,4}-?)?\d[\d-]{3,18}\d"), 0.65)]
    CONTEXT = ["account", "acct", "billing"]
