"""Health plan beneficiary numbers by their label; Presidio's MBI and member-ID recognizers cover the
letter-prefixed card formats, this one the all-digit IDs they miss, and an ID right after a payer's name
("UHC 9921-883-10", "Aetna ID W123456789", "BCBS RI ZXB884102937"), as people copy it off the card; a prior
authorisation's number; other countries' public insurance numbers (OHIP, RAMQ, NHIF, SUS, tessera sanitaria, sécu)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import ID_VALUE, DeclaredPatternRecognizer, after_label

_LABELS = (
    r"member|mbr|mem(?=\s*(?:[:#]|id\b|no\b))|subscriber|subscr|enrollee|insured|policy|group|grp|rx\s*grp|beneficiary"
    r"|cert(?:ificate)?(?=\s*(?:[:#]|id\b|no\b|number\b))|contract(?=\s*(?:[:#]|id\b|no\b|number\b))|medicaid|medicare|mbi|hicn|tricare"
    r"|insurance(?:\s*(?:card|policy|plan))?|insurer|ins\.?(?=\s*(?:[:#]|id\b|no\b))|health\s*plan|plan\s*(?:id|number|no\.?|#)"
    r"|claim(?:\s*(?:number|no\.?|#))?(?:\s+intimation(?:\s*(?:no\.?|number|#))?)?"
    r"|auth(?:ori[sz]ation)?(?:\s*request)?\s*(?:#|no\.?|number|code)|prior\s+auth|hmo|hbn|ppo"
    # public plans elsewhere: a Canadian province's health card (OHIP, PHN, RAMQ), Germany's Versichertennummer, Ireland's
    # medical card, Australia's DVA card, the US Indian Health Service's number (IHS #), Kenya's NHIF and SHA, Nigeria's NHIS, PhilHealth, South Africa's medical aid
    r"|ohip(?:\s*card)?|health\s*card(?:\s*(?:no\.?|number|#))?|(?-i:PHN|RAMQ|NHIF|NHIS)\b|(?-i:SHA|IHS)(?=\s*(?:[:#]|no\b|number\b|id\b))|versichertennummer"
    r"|krankenversicherungsnummer|(?-i:KVNR)\b|philhealth(?:\s*(?:pin|id))?|medical\s+(?:card|aid)(?:\s*(?:no\.?|number|#))?"
    r"|dva(?:\s+(?:gold|white|orange))?\s+card"
    # other countries' public health insurance: Brazil's SUS card, Italy's tessera sanitaria
    r"|cart[ãa]o\s+(?:do\s+)?sus|tessera\s+sanitaria"
)
#: Labels that also precede other things, whose plan number must have five digits at least: a prior authorisation's
#: or a pre-determination's number, which a payer files under the member ("PA # PA-2611-449182", "re auth
#: AU-26-0091847", "Pre-d # PD-26-110487"; not "Pre-d # 2024"), a card's "Ins" before its code ("Ins AMG-00918822";
#: not insulin's "INS U100"), Brazil's SUS card by its acronym (not the usability scale's "SUS 100").
_WEAK_LABELS = (
    r"(?-i:PA)(?=\s*#)|pre-?\s?d(?:etermination)?\s*(?:#|no\.?|number)|auth(?=[ \t]+(?-i:[A-Z]{1,4})-?\d)"
    r"|(?-i:Ins|INS)(?=[ \t]+(?-i:[A-Z]{2,4})-?\d)|(?-i:SUS)\b"
)
_FIVE_DIGITS = r"(?=(?:[A-Z-]*\d){5})(?!(?:19|20)\d\d\b)"
#: France's social-security number, which is its health insurance number (carte Vitale): "1 85 05 78 006 084 36".
_NIR_LABELS = r"num[ée]ro\s+de\s+s[ée]cu(?:rit[ée]\s+sociale)?|s[ée]cu(?:rit[ée]\s+sociale)?|carte\s+vitale"
_NIR = r"[12][ ]?\d{2}[ ]?\d{2}[ ]?(?:\d{2}|2[AB])[ ]?\d{3}[ ]?\d{3}(?:[ ]?\d{2})?"
#: US payers by the names people write for them, with the state or product that may follow ("BCBS RI",
#: "Blue Cross of Texas", "Aetna Better Health"): what comes next on a card is the member's ID.
_PAYERS = (
    r"(?:uhc|united\s*health\s*care|unitedhealthcare|bcbs\w{0,3}|blue\s+cross(?:\s+blue\s+shield)?|blue\s+shield|anthem|aetna|cigna"
    r"|humana|kaiser(?:\s+permanente)?|molina|ambetter|wellcare|centene|highmark|premera|regence|carefirst|amerigroup"
    r"|oscar\s+health|emblem\s*health|fidelis|medi-?cal|masshealth|tufts|harvard\s+pilgrim|caresource|geha|tricare)"
    r"(?:\s+(?:of\s+)?(?-i:[A-Z]{2}|[A-Z][a-z]+)(?=\s+[#A-Z0-9]*\d))?"
    r"(?:\s+(?:better\s+health|advantage|choice|ppo|hmo|epo))?"
)
#: A payer's name alone is a weaker label than "member ID": its ID needs five digits and no phone's shape.
_PAYER_ID = r"(?!\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b)#?(?=(?:[A-Z-]*\d){5})[A-Z0-9][A-Z0-9-]{4,19}"


class HealthPlanIdRecognizer(DeclaredPatternRecognizer):
    """A member, subscriber, enrollee, policy, group, certificate, contract or Medicaid/Medicare ID: 5-20 letters
    and digits, at least one a digit, after its label (as cards abbreviate it too: "Mbr ID", "Grp") or a
    payer's name."""

    ENTITY = "HEALTH_PLAN_ID"
    MIN_DIGITS = 1  # at least one digit
    LABELS = f"{_LABELS}|{_PAYERS}|{_WEAK_LABELS}|{_NIR_LABELS}"
    PATTERNS = [
        Pattern("Health plan ID (labelled)", after_label(_LABELS, r"#?(?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{4,19}"), 0.65),
        Pattern("Health plan ID of any shape (labelled)", after_label(_LABELS, ID_VALUE), 0.65),
        Pattern("authorisation or card number (labelled)", after_label(_WEAK_LABELS, rf"#?+{_FIVE_DIGITS}{ID_VALUE}"), 0.65),
        Pattern("French social-security number (labelled)", after_label(_NIR_LABELS, _NIR), 0.65),
        Pattern("Health plan ID after a payer", after_label(_PAYERS, _PAYER_ID), 0.6),
    ]
    CONTEXT = ["member", "insurance", "policy", "medicaid", "medicare", "plan"]
