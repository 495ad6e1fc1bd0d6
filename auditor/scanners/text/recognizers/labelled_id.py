"""Identifiers known only by their label: a patient, case, encounter, visit, admission, accession, specimen, lab,
order, job, requisition, control, confirmation, ticket, referral, reference or site ID, a docket, an insurer's file,
a run sheet's or incident's number, a check, loyalty card, pet tag or microchip, a queue token,
a pharmacy label's Rx number, a study participant's, randomisation, kit or screening number, a student's,
employee's, badge, passport or tracking number, an alien registration or USCIS receipt number, a prisoner's DOC,
booking or inmate number and grievance, a notary's commission, a bar number, a complaint or police report, a
trip or ride, other countries' national numbers by their name as written (Aadhaar, CPF, CIN, CCCD, Tazkira),
an NHS or CHI number, a bare "ID:" (or "ID" in
capitals before a code); and a pager or beeper number. Values of any shape with three or more digits (ID_VALUE):
hospitals and payers number things their own way, so the label is the evidence. MRNs, plan numbers and accounts
have their own recognizers (medical_record.py, health_plan.py, account.py) with the same value shape."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import (
    ID_VALUE,
    MEASURE,
    OCR_DIGIT,
    DeclaredPatternRecognizer,
    after_label,
)

_LABELS = (
    r"patient\s*(?:id|identifier|number|no\.?|#)|pt\.?\s*(?:id|#)|case(?:\s*(?:id|number|no\.?|#))?|encounter(?:\s*(?:id|#|no\.?|number))?|enc\s*#|(?-i:ENC|VISIT)\b|specimen"
    r"|accession|acc(?:ession)?\s*#|(?-i:ACC|Acc)\b|referral(?:\s*(?:id|#))?|ref(?:erence)?\.?(?:\s*(?:id|no\.?|number|#))?|site\s*id"
    r"|visit\s*(?:id|#|no\.?|number)|admission\s*(?:id|#|no\.?|number)|(?:job|order|requisition|confirmation|conf\.?)\s*(?:id|#|no\.?|number)"
    r"|confirmation(?:\s*code)?|ticket(?:\s*(?:number|no\.?|#|id))?"
    # people's numbers in a study, a school, a workplace or a club, and papers': "participant ID P-20331", "Student No"
    r"|(?:participant|subject|study|trial|enrol{1,2}ment|student|employee|emp\.?|staff|badge|passport|tracking"
    r"|voucher|permit)\s*(?:id|#|no\.?|number)"
    r"|requisition|lab\s*(?:id|#|no\.?|number)|(?-i:CSN)\b"
    r"|rx(?=\s*(?:#|no\b|number))|(?-i:ID)(?=\s*(?:[:#]|no\b))|id(?=\s*#)|(?-i:REF)"
    # a bare "ID" in capitals before a code, as banners and labels print it ("ID RSA55012", "Screen ID SCR-0419")
    r"|(?<!-)(?-i:ID)(?=[ \t]+(?:[A-Z]+-)*[A-Z]*-?\d)(?![ \t]+\d{1,4}[-/.]\d)"
    # a lab's control or requisition number, a court's docket, an insurer's or a firm's file: "REQ W8812044"
    r"|control\s*(?:#|no\.?|number)|docket(?:\s*(?:#|no\.?|number))?|(?:our|your)\s+file(?:\s*(?:#|no\.?|number))?"
    r"|(?-i:participant|subject)(?=[ \t]+[A-Z]{0,3}-?\d)"
    # other countries' health and personal numbers by their acronym: Scotland's CHI, Australia's IHI, New Zealand's
    # NHI, Northern Ireland's H&C, Ireland's PPS number
    r"|(?-i:CHI|IHI|NHI|PPSN)\b|h\s*&\s*c\s*(?:no\.?|number)|pps\s*(?:no\.?|number)"
    # an encounter's number in German (Fallnummer, Fall-Nr.) and Italian (nosologico)
    r"|fall-?\s*(?:nummer|nr\.?)|(?:n(?:umero|\.)\s*)?nosologico"
    # a run sheet's and an incident report's numbers, a payment's check, a store's loyalty card, a pet's tag and chip,
    # a queue's token, a chat's session, a camera's share code
    r"|run\s*(?:#|no\.?|number)|(?-i:RUN)(?=\s*#)|inc(?:ident)?\s*(?:#|no\.?|number|id)|intake\s*(?:#|no\.?|number|id)"
    r"|(?-i:intake)(?=[ \t]+(?=[\w-]*[A-Z])[A-Z0-9]+-[A-Z0-9-]*\d)"
    r"|check\s*(?:#|no\.?|number)|loyalty(?:\s*(?:card|#|no\.?|number|id))?|rewards?\s*(?:#|no\.?|number|id)"
    r"|rabies\s+tag|microchip|share\s+code|session\s*(?:id|#|no\.?)|(?-i:session)(?=[ \t]+[A-Z]{1,4}-\d)|token\s*(?:no\.?|#)"
    r"|(?-i:Token)(?=[ \t]+[A-Z]-?\d)"
    # national numbers by their acronym before a colon or "No.": Nigeria's NIN, India's PAN, the Philippines' SSS and
    # UMID, Pakistan's CNIC, Singapore's NRIC, a TIN
    r"|(?-i:NIN|PAN|SSS|UMID|TIN|CNIC|NRIC)(?=\s*(?:[:#]|no\b|number\b))"
)
#: Papers, custody, court and study numbers, whose labels also precede a year ("my passport 2019 renewal", "booking
#: 2025 flights"): their value is no year alone (_NOT_A_YEAR).
_PAPER_LABELS = (
    # a person's papers: a passport, an alien registration ("A-Number", "A#") and a USCIS receipt number
    r"passport|(?-i:A)-?(?i:number|no\.?)\b|(?-i:A)#|alien\s+(?:registration\s+)?(?:number|no\.?|#)|receipt(?:\s*(?:#|no\.?|number))?"
    # custody: a prisoner's DOC, booking, inmate or state ID (SID) number, a grievance; a court's: a notary's commission,
    # an attorney's bar number, a complaint, a police report
    r"|inmate(?:\s*(?:#|id|no\.?|number))?|booking(?:\s*(?:#|id|no\.?|number))?|grievance(?:\s*(?:#|no\.?|number))?"
    r"|commission\s*(?:#|no\.?|number)|bar\s*(?:#|no\.?|number)|complaint\s*(?:#|no\.?|number)"
    r"|(?:police\s+)?report\s*(?:#|no\.?|number)|access\s+code|customer\s*(?:#|no\.?|number|id)"
    # a study's randomisation, kit and screening numbers
    r"|rand(?:omi[sz]ation)?\s*(?:#|no\.?|number|id)|kit\s*(?:#|no\.?|number|id)|screening\s*(?:#|no\.?|number|id)"
)
_NOT_A_YEAR = r"(?!(?:19|20)\d\d(?![\w/-]))"
#: Bare words that label a number only sometimes: a prisoner's DOC or state ID (SID) number, a booking's "BK#", a
#: notary's "Commission", a study's "Participant:", a transport's trip or ride before its code ("TRIP NT-2612-004418",
#: "ride LH-7Q2K9X"). Their values must read as no year, count, road or lab result (_NOT_A_COUNT_OR_ROAD).
_BARE_LABELS = (
    r"(?-i:DOC|SID)\b|(?-i:BK)(?=\s*#)|(?-i:Commission|COMMISSION)|participant(?=\s*:)"
    r"|(?-i:TRIPS?|[Tt]rips?|RIDE|[Rr]ide)(?=[ \t]+[A-Z]{1,4}-[0-9A-Z-]*\d)"
)
#: A year or a range of years ("2024-25"), a count ("120 of 400", "1200 copies", "1500 dollars") or a numbered road
#: ("I-495", "US-101", "SR-520", "MS-150" a charity ride).
_NOT_A_COUNT_OR_ROAD = (
    r"(?!(?:19|20)\d\d(?:-(?:19|20)?\d\d)?(?![\w/-])|\d[\d,]*[ \t]+(?i:of|copies|cases|new|patients|pts|people|dollars|units|times)\b"
    r"|(?-i:I|US|SR|MS|CA|TX|FM|RT|HWY|SH|CR)-[1-9]\d{0,3}(?![\w-]))"
)
#: Other countries' personal numbers by their name, before a value as written, whatever its check digit says (an
#: auditor reports what is exposed): "Aadhaar is 5512 8830 1947", "CPF 412.887.903-55", "Tazkira 1400-0101-88431",
#: Morocco's CIN, Vietnam's CCCD and CMND, Nigeria's NIN, an "ID number".
_NATIONAL_ID_LABELS = (
    r"aadhaa?r(?:\s*(?:card|no\.?|number))?|tazkira|cccd|cmnd|(?-i:CIN|NIN|CPF|NIR|PESEL|TCKN|NRIC|CNIC|DNI|NIK)\b"
    r"|cpf(?=\s+(?:del[ae]|is)\b)|(?<!\w[ \t])id\s*(?:number|no\.?)|national\s+id(?:entity)?(?:\s*(?:card|#|no\.?|number))?"
)
#: Its value: letters before digits in groups, or digits in groups of dots, dashes or spaces.
_NATIONAL_ID_VALUE = r"(?:(?-i:[A-Z]{1,3})[ -]?)?\d(?:[ .-]?\d){4,19}(?:-?(?-i:[0-9A-Z]))?"
#: A date, day or month first or ISO ("2024-03-15", "15/03/24"): the date recognizer reports it.
_DATE = (
    r"(?:(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:(?:19|20)?\d\d))(?![\w/-])"
)
#: A label's value is neither a measure nor a date: "Specimen 10-12 cm", "specimen 2x3x1 cm", "Specimen 125 g" and
#: "specimen 2024-03-15" describe a specimen, they number none; nor is a FHIR reference ("Organization/1001"; one to a
#: Patient is read by record_fields). A "#" before the value is read first, so that "specimen #125 g" is a measure too.
_NO_MEASURE_OR_DATE = rf"(?!{MEASURE}|{_DATE}|(?-i:[A-Z][a-z]+(?:[A-Z][a-z]+)*)/)"
#: National health numbers, written in groups: NHS "485 777 3456", CHI "1204785522".
_NATIONAL_LABELS = rf"nhs\s*(?:#|no\.?|number)|(?-i:NHS)(?=\s*:?\s*{OCR_DIGIT})|chi\s*(?:no\.?|number)"
_PAGER_LABELS = r"pager|beeper|bleep"
#: A pharmacy label's "Rx" before its number, in capitals or title case (not "rx" in a note's "rx'd"), and a lab's
#: requisition in any case ("REQ W8812044", "sent for culture, req TR-11882"): both may precede a dose instead.
_RX_LABEL = r"(?-i:RX|Rx)|req\b"
#: Phone labels before a number phonenumbers cannot place (no country code): "Phone: 032 288 79 44",
#: "Mobile: 0688 843 79 56", "call me on 01.84.17.61.18".
_PHONE_LABELS = r"phone|tel(?:ephone)?|mobile|cell|desk|call\s+me\s+(?:on|at)|text\s+me\s+(?:on|at)"


class LabelledIdRecognizer(DeclaredPatternRecognizer):
    """A value with three or more digits after a patient/case/encounter/accession/reference ID label."""

    ENTITY = "LABELLED_ID"
    MIN_DIGITS = 3
    LABELS = f"{_LABELS}|{_PAPER_LABELS}|{_BARE_LABELS}|{_NATIONAL_LABELS}|{_RX_LABEL}|{_NATIONAL_ID_LABELS}"
    #: Below the MRN, plan and account recognizers' scores: "insurance ID: …" and "MRN ID …" keep their type.
    PATTERNS = [
        Pattern("ID (labelled)", after_label(_LABELS, rf"#?+{_NO_MEASURE_OR_DATE}{ID_VALUE}"), 0.55),
        Pattern(
            "ID (papers, custody, court, study)", after_label(_PAPER_LABELS, rf"#?+{_NO_MEASURE_OR_DATE}{_NOT_A_YEAR}{ID_VALUE}"), 0.55
        ),
        Pattern("ID (after a bare label)", after_label(_BARE_LABELS, rf"#?+{_NO_MEASURE_OR_DATE}{_NOT_A_COUNT_OR_ROAD}{ID_VALUE}"), 0.55),
        Pattern(
            "national number (labelled, as written)", after_label(_NATIONAL_ID_LABELS, rf"{_NO_MEASURE_OR_DATE}{_NATIONAL_ID_VALUE}"), 0.6
        ),
        # an alien registration number as USCIS prints it: "A 212 448 907", "A-098-441-207"
        Pattern(
            "A-number (labelled)", after_label(r"(?-i:A)-?(?i:number|no\.?)\b|(?-i:A)#", r"(?-i:A)[ -]?\d{3}[ -]?\d{3}[ -]?\d{3}"), 0.6
        ),
        # a prescription's number as a pharmacy label prints it, OCR's O and l for digits included ("Rx 3O3l887"), and
        # a requisition's; never a dose ("Rx 500 mg", "req 500mg")
        Pattern(
            "Rx or requisition number",
            after_label(_RX_LABEL, rf"(?![\dOl]{{1,5}}[ \t]*(?i:mg|mcg|ml|g|units?|tabs?|caps?)\b){ID_VALUE}"),
            0.55,
        ),
        # above a ten-digit phone number that "number" in the label raises to 0.75 (Presidio's phone context); OCR's O,
        # I and l for digits included ("466 O28 1193", "O12 345 67I9"), eight real digits at least
        Pattern(
            "NHS or CHI number (labelled)",
            after_label(_NATIONAL_LABELS, rf"(?=(?:[ -]?[OIl]*\d){{8}}){OCR_DIGIT}{{3}}[ -]?{OCR_DIGIT}{{3}}[ -]?{OCR_DIGIT}{{4}}"),
            0.8,
        ),
    ]


class PagerRecognizer(DeclaredPatternRecognizer):
    """A pager or beeper number (three or more digits, often a 4-5 digit extension), or grouped digits after a
    phone label that phonenumbers cannot place: a phone number."""

    ENTITY = "PHONE_NUMBER"
    MIN_DIGITS = 3
    LABELS = f"{_PAGER_LABELS}|{_PHONE_LABELS}"
    PATTERNS = [
        Pattern("pager (labelled)", after_label(_PAGER_LABELS, r"\+?\d[\d -]{1,14}\d(?!\d)"), 0.6),
        Pattern("phone (labelled)", after_label(_PHONE_LABELS, r"\+?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){2,4}(?![\d/])"), 0.55),
    ]
