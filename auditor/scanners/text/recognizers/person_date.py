"""Dates (other than a year alone) in every common format: 03/04/1961, 3/4/61, March 4, 1961,
4 March 1961, Mar 4th, 1961-03-04, 04-Mar-1961, and 19610304 after a DOB-style label.

Safe Harbor removes every date element but the year for dates "directly related to an individual";
in a post about someone's health that is nearly every day-precise date, so a full date is reported
as is (in Spanish too: "15 de agosto de 2022"), and so is a month with its year ("August 2021", "nov '22";
it says when a person was seen as much as a day does); birth/admission/discharge/death/surgery context
raises them and bare "on 3/4" forms, and a health event in the sentence makes a day alone a date
("mastectomy on the 9th").
A year alone ("in 2019") is never matched.
"""

from __future__ import annotations

import datetime

import regex
from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import OCR_DIGIT, OCR_TO_DIGIT, DeclaredPatternRecognizer, after_label

_MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
#: Capitalised or all capitals: lower-case "may" and "march" are verbs.
_MONTH = rf"(?-i:(?:{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\b\.?)"
#: Any case ("december 20", "mar 10" in lower-case posts): only where a day or year makes it a date.
_ANY_MONTH = rf"(?i:(?:{_MONTH_NAMES})\b\.?)"
#: Lower-case "may" and "march" are verbs first ("i may 5 more days"): a date only with an ordinal day, a day and
#: year, or a year that is no count ("labs done march 2023", not "may 2000 units").
_VERB_MONTH_NEEDS_MORE = (
    r"(?!(?-i:may|march)\b(?![ \t]*(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b|[ \t]*\d{1,2},?[ \t]*(?:(?:1[89]|20)\d\d|'\d\d)\b"
    r"|[ \t]*(?:19|20)\d\d\b(?![ \t]*(?:mg|mcg|ml|units?|steps|people|miles)\b)))"
)
#: After a day, lower-case "may" and "march" are a month only where the date ends: before a clause's end, a year,
#: the rest of a range or a word that opens the next clause ("from 3 march to 17 march please", "until 2 may."),
#: never before a verb ("2 may cause", "2 march down").
_VERB_MONTH_ENDS_A_DATE = (
    r"(?!(?-i:may|march)\b(?![ \t]*(?:[.,;:!?)\n]|$|[-–]|(?:(?:1[89]|20)\d\d|'\d\d)\b"
    r"|(?:to|through|thru|until|till|and|then|please|pls|onwards?|at|for|when|so|because|if|with|was|is|in[ \t]+the"
    r"|this|next|last|every|i|we|he|she|they|my|his|her|our|their)\b)))"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1[89]|20)\d\d"
_YEAR = rf"(?:{_YEAR4}|'\d\d)"
#: A numeric date stands alone: not inside a longer number, path or version, nor a time ("10:04/20"), but a
#: label's colon may touch it ("DOB:04/20/1988", "04/20/1988: follow-up").
_ALONE_BEFORE = r"(?<![\w./-])(?<!\d:)"
_ALONE_AFTER = r"(?![\w/-]|\.\d|:\d)"
#: Numbers a day must not run into: "march 3 mg", "june 5 miles", "may 2 tabs".
_NOT_UNIT = r"(?!\s*(?:%|mg|mcg|ml|g\b|kg|lbs?|units?|tabs?|tablets?|pills?|miles?|km|hours?|hrs?|minutes?|mins?|days?|weeks?|times|x\b))"
#: A day and month without a year ("4/24", "12/8") is a date only where a date is expected: after "on",
#: "from", "until", "is", "for", "return", "appt:", an event of a stay or a sample ("Discharge: 3/4", "extubated
#: 3/02", "COLL 1/15"), a weekday ("Tues 3/4") and the like, never after "pain", "BP", "rated" or a score.
_MD_BEFORE = (
    r"(?<=\b(?:on|from|since|until|till|til|by|before|after|for|is|was|of|return(?:ed|ing)?|appt\.?|appointment|due"
    r"|scheduled|starting|through|thru|date|dated|next|last|visit|follow-?up|birthday|seen|dos|f/u"
    r"|admit(?:ted)?|admission|discharged?|transferred|(?:ex|in)tubated|operated|delivered|died|coll(?:ected)?|drawn"
    r"|received|submitted|sent|signed|started|stopped|done|performed"
    r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\.?)[ \t]*:?[ \t]+)"
    r"(?<!\b(?:pain|rated?|rating|score[ds]?|scale|level|bp|pressure|out|odds|ratio)\b[^.!?\n]{0,15})"
)
_MD = r"(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])"
#: A day and month in that order, when the day cannot be a month ("seen on 18/2"); never "24/7".
_DM = r"(?!24/7\b)(?:1[3-9]|2\d|3[01])/(?:1[0-2]|0?[1-9])"
#: A time of day after a day and month ("1/15 0640", "3/4 14:30"): the date's, not a count.
_CLOCK = r"(?:(?:[01]?\d|2[0-3]):[0-5]\d|(?:[01]\d|2[0-3])[0-5]\d)(?!\d)(?!\s*(?i:ml|mg|cc|units?|%))"
#: A day and month anywhere else ("ADMITTED 11/03", "last BM 9/30", "f/u 10/15"), when it is no measurement:
#: not in a slash chain or after a decimal ("7.35/22/-3", "450/14/5"), not a pain score ("6/10") or a small
#: fraction ("1/2 NS", "3/4 of lunch"), not before a unit, not after a vital sign, score or ratio word.
_MD_FREE = (
    r"(?<![\w./:-])(?<!\b(?i:bp|hr|rr|pain|rated?|rating|score[ds]?|scale|level|pressure|ratio|odds|i:e|vent|peep|fio2|ac|simv|ps|cpap|bipap|of|out"
    r"|cog|moca|mmse|slums|gcs|apgar|phq-?9|gad-?7|audit-?c|nihss|ecog|kps"
    r"|strength|grade|murmur|power|motor|reflexes|pulses?)[ \t:]{1,3})"
    r"(?!(?:10|[1-9])/10\b)(?!1/[234]\b|2/[34]\b|3/4\b)"
    rf"{_MD}(?![\w/-]|\.\d|:\d|\s*(?:of\b|pain|scale|cups?|tabs?|tablets?|pills?|doses?|ml|mg|cc|mmhg|%|cores?|nodes?|samples?|biopsies)|\s*(?!{_CLOCK})\d)"
)
#: A numeric date as OCR reads it, letters for digits: "1O/12/2O21", "O7/O4/1958", "12/1l/2018", "2O26-O3-19". Its
#: look-aheads read the date's own characters only, so a long run of anything else costs nothing.
_OCR_DATE = (
    rf"(?<![\w./-])(?=[\dOoIl/.-]{{0,9}}[OoIl])(?=(?:[OoIl/.-]{{0,9}}\d){{3}})"
    rf"(?:{OCR_DIGIT}{{1,2}}([/.-]){OCR_DIGIT}{{1,2}}\1{OCR_DIGIT}{{2,4}}|(?:1[9l]|2[0O]){OCR_DIGIT}{{2}}([/.-]){OCR_DIGIT}{{1,2}}\2{OCR_DIGIT}{{1,2}})"
    r"(?![\w/-])"
)
#: Spanish months, for dates written "15 de agosto de 2022", "el 3 de marzo" in a Spanish or mixed post.
#: Month names of the other languages patients here write in: Spanish, French, Italian, Portuguese, German, Tagalog.
_FOREIGN_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|noviembre|diciembre"
    r"|janvier|f[ée]vrier|avril|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro"
    r"|januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember"
    r"|pebrero|marso|hunyo|hulyo|setyembre|oktubre|nobyembre|disyembre)"
)
#: "on the 9th" is a date when a health event is told in the same sentence ("got her mastectomy on the 9th",
#: "since the 3rd the seizures are back"), never an ordinal of something else ("the 2nd floor", "the 3rd time").
_EVENT = (
    r"(?:surger(?:y|ies)|op|operation|procedure|appointment|appt|admitted|admission|discharged?|seen|scan|mri|biopsy|infusion"
    r"|chemo|radiation|shot|vaccine|transplant|deliver(?:y|ed)|born|induced|induction|c-section|diagnosed|dx|labs?|results?"
    r"|visit|follow-?up|f/u|died|passed|stroke|seizures?|fell|flare|\w+(?:ectomy|otomy|ostomy|plasty|scopy|graphy)"
    # a booking told without its event: "set for the 10th", "I can move him to the 27th", "see him on the 18th with Dr."
    r"|set|booked|scheduled|rescheduled|moved?|see|seeing|dr|doctor)"
)
_NOT_AFTER_THE_DAY = (
    r"(?![ \t]*(?:of|floor|time|times|try|attempt|round|cycle|dose|day|week|month|year|grade|percentile|trimester|place|st|street"
    r"|ave|line|page|visit|session|treatment|infusion|shot|hole|inning|row|ward|level)\b)"
)
_THE_DAY = r"\b(?:on|since|from|until|till|by|before|after)[ \t]+\Kthe[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b" + _NOT_AFTER_THE_DAY
#: After "for" and "to" an ordinal counts things more often ("went to the 2nd appointment", "for the 1st visit"): a
#: day there is one only when no lower-case noun follows, just a word of the clause ("set for the 10th at Froedtert").
_THE_DAY_FOR_TO = (
    r"\b(?:for|to)[ \t]+\Kthe[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b"
    + _NOT_AFTER_THE_DAY
    + r"(?![ \t]+(?!(?:at|with|and|or|for|in|on|when|so|but|to|if|is|was|because|then|i|we|he|she|they|it|you|too|please"
    r"|as|by|from|until|which|that|instead|again|now|already|there|here|morning|afternoon|evening|night|the|a|an|my|his|her|our"
    r"|their|this|your|hopefully|probably|maybe|instead|unless|since|after|before)\b)(?-i:[a-z]+)\b)"
)
#: "Friday the 21st": a weekday before the day names one date.
_WEEKDAY_THE_DAY = (
    r"\b(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?[ \t]+\K(?i:the)[ \t]+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b"
)
#: Both ends of a range of numeric dates: "Date(s) of service: 02/11/25-02/13/25" (each end touches a dash).
_SLASH_DATE = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"
_DATE_RANGE = (
    rf"{_ALONE_BEFORE}{_SLASH_DATE}(?=[ \t]?[-–][ \t]?{_SLASH_DATE}(?![\w/-]))"
    rf"|(?<=(?<![\w./-]){_SLASH_DATE}[ \t]?[-–][ \t]?){_SLASH_DATE}{_ALONE_AFTER}"
)
_LABELS = (
    r"dob|d\.o\.b\.?|date\s+of\s+(?:birth|death|admission|discharge|service|surgery)|(?:patient\s*)?birth\s*date|birthdate"
    r"|(?:born|admitted|discharged|died|passed\s+away)(?:\s+on)?|(?:admission|discharge|surgery|death)\s+date"
)


class PersonDateRecognizer(DeclaredPatternRecognizer):
    """A calendar date with at least a month and a day, or a month and year near a person-event word."""

    ENTITY = "PERSON_DATE"
    MIN_DIGITS = 1  # a day, month or year in digits
    PATTERNS = [
        Pattern("Month D, YYYY", rf"\b{_MONTH}\s*{_DAY}\b{_NOT_UNIT}(?:,?\s*{_YEAR}\b)?", 0.5),
        Pattern(
            "month d, yyyy (any case)",
            rf"\b{_VERB_MONTH_NEEDS_MORE}{_ANY_MONTH}[ \t]*{_DAY}\b(?![:.]\d){_NOT_UNIT}(?:,?[ \t]*{_YEAR}\b)?",
            0.5,
        ),
        Pattern("D Month YYYY", rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s*{_YEAR}\b)?", 0.5),
        # a lower-case month and day after a preposition of time, "may" and "march" too: "from march 3 to march 9",
        # "a fit note from 3 march to 17 march" (but "from 1 to 2 may cause" is a verb)
        Pattern(
            "from month d (any case)",
            rf"(?<=\b(?i:from|on|since|until|till|to|by|before|after)[ \t]{{1,3}})"
            rf"(?:{_ANY_MONTH}[ \t]*{_DAY}\b(?![:.]\d){_NOT_UNIT}|{_DAY}[ \t]+{_VERB_MONTH_ENDS_A_DATE}{_ANY_MONTH}(?![ \t]*\d))",
            0.5,
        ),
        # German writes the day with a point: "am 2. November 1950" (with its year: "I am 2. May I come in?" is none)
        Pattern("D. Month YYYY", rf"\b{_DAY}\.\s+{_MONTH},?\s*{_YEAR}\b", 0.5),
        Pattern("the Dth of month (any case)", rf"\b{_DAY}(?<=\d(?:st|nd|rd|th))[ \t]+of[ \t]+{_ANY_MONTH}(?:,?[ \t]*{_YEAR}\b)?", 0.5),
        Pattern("DD-Mon-YYYY", rf"\b{_DAY}([-/])\s?{_ANY_MONTH}\s?\1{_YEAR}\b", 0.5),
        Pattern("MM/DD/YY(YY)", rf"{_ALONE_BEFORE}\d{{1,2}}([/-])\d{{1,2}}\1(?:\d{{4}}|\d{{2}}){_ALONE_AFTER}", 0.5),
        Pattern("MM/DD/YY-MM/DD/YY (a range)", _DATE_RANGE, 0.5),
        Pattern("DD.MM.YYYY", rf"{_ALONE_BEFORE}\d{{1,2}}\.\d{{1,2}}\.{_YEAR4}{_ALONE_AFTER}", 0.5),
        Pattern("YYYY-MM-DD", rf"{_ALONE_BEFORE}{_YEAR4}([-/.])\d{{1,2}}\1\d{{1,2}}{_ALONE_AFTER}", 0.5),
        Pattern("YYYYMMDD (labelled)", after_label(_LABELS, rf"{_YEAR4}\d{{4}}"), 0.7),
        # a record's compact date or timestamp in its delimited field: HL7 "|20260412083015|", DICOM "DA [19900517]"
        Pattern(
            "YYYYMMDD[HHMM[SS]] in a record field",
            rf"(?<=(?:^|[|^*~\[])[ \t]*){_YEAR4}\d{{4}}(?:\d{{4}}(?:\d{{2}})?)?(?=[ \t]*(?:[|^*~\]]|$))",
            0.6,
        ),
        Pattern("YYYY-MM-DD before its time", rf"{_ALONE_BEFORE}{_YEAR4}-\d{{2}}-\d{{2}}(?=T\d)", 0.6),
        Pattern("MMDDYYYY (labelled)", after_label(_LABELS, rf"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]){_YEAR4}"), 0.7),
        # a month and its year is a Safe Harbor date element with or without a word saying whose it is
        Pattern("Month YYYY", rf"\b{_MONTH},?\s*{_YEAR4}\b(?![-/.]\d)", 0.4),
        Pattern("month yyyy (any case)", rf"\b{_VERB_MONTH_NEEDS_MORE}{_ANY_MONTH},?[ \t]*(?:{_YEAR4}\b(?![-/.]\d)|'\d\d\b)", 0.4),
        Pattern("MM/YYYY", rf"{_ALONE_BEFORE}(?:1[0-2]|0?[1-9])/{_YEAR4}{_ALONE_AFTER}", 0.2),
        # an ISO month, as forms and exports write one ("on alendronate since 2021-06")
        Pattern("YYYY-MM", rf"{_ALONE_BEFORE}{_YEAR4}-(?:0[1-9]|1[0-2]){_ALONE_AFTER}", 0.4),
        Pattern("M/D (not a measurement)", _MD_FREE, 0.45),
        Pattern("OCR-read date", _OCR_DATE, 0.5),
        # "15 de enero de 2026", "le 4 mai 2026", "dal 22 novembre", "3 de março de 1950", "am 2. März 2026"
        Pattern(
            "D [de] mes [de YYYY]",
            rf"\b(?:3[01]|[12]\d|0?[1-9])(?:er|[ºo°]|\.)?\s+(?:de\s+)?{_FOREIGN_MONTH}\b(?:\s+(?:de(?:l)?\s+)?{_YEAR4}\b)?",
            0.5,
        ),
        # French and German "mars" and "mai" are English words too ("4 mars bars", "2 mai tais"): after an article or with a year
        Pattern(
            "le 4 mai, 2. Mai 2026",
            rf"(?:(?=\d)(?<=\b(?i:le|du|au|am|vom|bis|den|depuis|dès)\s{{1,3}})(?:3[01]|[12]\d|0?[1-9])(?:er|\.)?\s+(?:mars|mai|m[äa]rz)\b"
            rf"|\b(?:3[01]|[12]\d|0?[1-9])(?:er|\.)?\s+(?:mars|mai)\s+{_YEAR4}\b)(?:\s+{_YEAR4}\b)?",
            0.5,
        ),
        Pattern("the Dth after a health event", rf"\b{_EVENT}\b[^.!?\n]{{0,40}}?(?:{_THE_DAY}|{_THE_DAY_FOR_TO})", 0.5),
        Pattern("Weekday the Dth", _WEEKDAY_THE_DAY, 0.5),
        Pattern("the Dth before a health event", rf"(?:{_THE_DAY}|{_THE_DAY_FOR_TO})(?=[^.!?\n]{{0,40}}?\b{_EVENT}\b)", 0.5),
        Pattern(
            "M/D where a date is expected",
            rf"(?=\d){_MD_BEFORE}(?:{_MD}|{_DM}){_ALONE_AFTER}(?!\s*(?:of\b|pain|scale|cups?|tabs?|tablets?|pills?|doses?|units?|ml|mg|cc|%))",
            0.5,
        ),
    ]
    CONTEXT = [
        "born",
        "birth",
        "dob",
        "birthday",
        "admit",
        "admission",
        "discharge",
        "die",
        "death",
        "pass",
        "surgery",
        "operation",
        "diagnose",
        "diagnosed",
        "dx",
        "hospital",
        "appointment",
        "procedure",
        "transplant",
        # what a post says of its own month and year: "last infusion was March 2023", "since 04/2024"
        "last",
        "since",
        "first",
        "start",
        "started",
        "flare",
        "infusion",
        "injection",
        "chemo",
        "chemotherapy",
        "scan",
        "result",
        "results",
        "visit",
        "treatment",
        "replacement",
        "relapse",
        "remission",
        "pregnant",
        "due",
        "test",
        "biopsy",
        "mri",
        "dose",
        "stroke",
        "attack",
        # how a person was seen (Presidio matches these inside lemmas, so no short ones): "ADMITTED OCT 2019"
        "seen",
        "admitted",
        "treated",
        "transferred",
        "labs",
        # a month and year told of a relative is theirs: "my husband had his bypass in June 2021"
        "diagnosis",
        "husband",
        "wife",
        "daughter",
        "mother",
        "father",
        "brother",
        "sister",
        "grandmother",
        "grandfather",
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        """An all-digit date (or one OCR read with letters for digits) that is no calendar day (13/45/2020, 19611304)."""
        if regex.fullmatch(r"[0-9OoIl/.-]+", pattern_text) and regex.search(r"\d", pattern_text):
            pattern_text = pattern_text.translate(OCR_TO_DIGIT)
        if regex.search(r"[A-Za-z]", pattern_text):
            return False
        return not _is_calendar_date(regex.findall(r"\d+", pattern_text))


def _is_calendar_date(groups: list[str]) -> bool:
    """Whether digit groups read as a date: YYYY M D, YYYY M, YYYYMMDD, MMDDYYYY, M YYYY, or M D [Y] / D M [Y] (US or
    European)."""
    if len(groups) == 1:  # YYYYMMDD (a record's timestamp: its first eight), or a keypad's MMDDYYYY ("DOB 04221988")
        if len(groups[0]) < 8:
            return False  # no compact date: "196203"
        digits = groups[0][:8]
        return _is_calendar_date([digits[:4], digits[4:6], digits[6:]]) or _is_calendar_date([digits[4:], digits[:2], digits[2:4]])
    if len(groups) == 2 and len(groups[1]) == 4:
        return 1 <= int(groups[0]) <= 12
    if len(groups) == 2 and len(groups[0]) == 4:  # an ISO month, "2021-06"
        return 1 <= int(groups[1]) <= 12
    if len(groups) != 3 and len(groups[0]) == 4:
        return False
    if len(groups[0]) == 4:
        orders = [(int(groups[0]), int(groups[1]), int(groups[2]))]
    else:
        year = int(groups[2]) if len(groups) == 3 else 2000
        year = year if year > 99 else 2000 + year
        a, b = int(groups[0]), int(groups[1])
        orders = [(year, a, b), (year, b, a)]
    for year, month, day in orders:
        try:
            datetime.date(year, month, day)
        except ValueError:
            continue
        return True
    return False
