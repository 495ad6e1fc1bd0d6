"""Account numbers (hospital billing, patient portal, bank): no format of their own, so by label."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import ID_VALUE, DeclaredPatternRecognizer, after_label

_LABELS = r"(?:billing\s*|patient\s*|bank\s*|checking\s*|savings\s*)?(?:account|acct\.?|a/c)"


class AccountNumberRecognizer(DeclaredPatternRecognizer):
    """An identifier of any shape with three or more digits after "account", "acct", "guarantor acct"."""

    ENTITY = "ACCOUNT_NUMBER"
    MIN_DIGITS = 3
    LABELS = _LABELS
    PATTERNS = [Pattern("Account number (labelled)", after_label(_LABELS, ID_VALUE), 0.65)]
    CONTEXT = ["account", "acct", "billing"]
