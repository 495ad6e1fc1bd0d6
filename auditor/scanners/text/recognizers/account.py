"""Account numbers (hospital billing, patient portal, bank): no format of their own, so by label; and card
numbers after a card label whether or not their check digit holds (Presidio's CREDIT_CARD requires the Luhn
check, and an auditor reports the number that is exposed, as with labelled SSNs)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import ID_VALUE, OCR_DIGIT, DeclaredPatternRecognizer, after_label

#: "FIN" is the financial (billing) number of a hospital stay in Cerner's banners.
_ACCOUNT = r"(?:billing\s*|patient\s*|bank\s*|checking\s*|savings\s*)?(?:account|acct\.?|a/c)|billing\s*(?:no\.?|number|#)|(?-i:FIN)\b"
_CARD = r"(?:credit|debit|bank|visa|mastercard|amex)?\s*card"
#: A card's brand before its masked last four: "VISA x0982".
_BRAND = r"(?-i:VISA|Visa|MC|AMEX|Amex|MASTERCARD|Mastercard|DISCOVER|Discover)"
_LABELS = rf"{_ACCOUNT}|{_CARD}|{_BRAND}"
#: 13 to 19 digits, as one run or in groups of four: "2308667275322437", "4000 1234 5678 9010".
_CARD_NUMBER = r"\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}"


class AccountNumberRecognizer(DeclaredPatternRecognizer):
    """An identifier of any shape with three or more digits after "account", "acct", "guarantor acct"; 13 to
    19 digits after "card", "credit card number"."""

    ENTITY = "ACCOUNT_NUMBER"
    MIN_DIGITS = 3
    LABELS = _LABELS
    PATTERNS = [
        Pattern("Account number (labelled)", after_label(_ACCOUNT, ID_VALUE), 0.65),
        # below Presidio's CREDIT_CARD after a card word, so a number whose check digit holds stays a card number
        Pattern("Card number (labelled, any check digit)", after_label(_CARD, _CARD_NUMBER), 0.5),
        # the last digits a statement or a receipt prints: "account ending 7731", "CARD ENDING **** **** **** 4018",
        # "Client card on file VISA x0982"
        Pattern(
            "Account or card ending in (labelled)",
            after_label(
                rf"(?:{_ACCOUNT}|{_CARD}|{_BRAND})\s+ending(?:\s+(?:in|with))?", rf"(?:[*•xX]{{4}}[ -]?){{0,3}}{OCR_DIGIT}{{4}}(?![\w-])"
            ),
            0.6,
        ),
        Pattern("Card brand and last four", rf"\b{_BRAND}[ \t]+\K[xX*•]{{1,4}}\d{{4}}\b", 0.6),
    ]
    CONTEXT = ["account", "acct", "billing"]
