"""Labelled banner lines in burned-in text: "Name: BEASLEY ANDREW", "Patient ID: 6415974217", "DOB: 05/03/1937",
"Study Date: 1988 Jun 09", "Institution Name: Maynard-Clarke Medical" / "Clinic". The label says what the value
is, so the value is an identifier of that type whatever its shape (an ALL-CAPS surname first, a 10-digit or
hyphenated ID, "1988 Jun 09"), with no DICOM header to confirm it.

Written here rather than as a text recognizer because it reads the geometry of OCR words, which no text has:
a value right-aligned far from its label (two segments of one visual line), a value wrapped onto the next line
under it, the label's colon as tesseract misreads it ("Sexi M", "Namei"), and a stray mark read before a misspelt
label ("Bi Listitution Name"). The text scanner still reads the same words for everything else (names, dates and
IDs without a label).

Each label maps to the entity and Safe Harbor identifier of its value. Age and Sex are read too, so that their
values are never taken for something else: an age over 89 is `dates` (Safe Harbor), a younger age and the sex
are findings without an identifier (`PATIENT_AGE`, `PATIENT_SEX`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from auditor.scanners.dicom.deid import is_pseudonym
from auditor.scanners.pixel import allow_list
from auditor.scanners.pixel.ocr import OcrText


@dataclass(frozen=True)
class Field:
    entity: str
    identifier: str | None
    wraps: bool = False  # a long value may continue on the next line (institutions, addresses); any value cut
    # after a separator ("BEASLEY," "BEASLEY^") does


NAME = Field("PERSON", "names")
RECORD = Field("MEDICAL_RECORD_NUMBER", "mrn")
DATE = Field("PERSON_DATE", "dates")
ACCOUNT = Field("ACCOUNT_NUMBER", "account")
FACILITY = Field("FACILITY", "geographic", wraps=True)
ADDRESS = Field("STREET_ADDRESS", "geographic", wraps=True)
PHONE = Field("PHONE_NUMBER", "phone")
SSN = Field("US_SSN", "ssn")
AGE = Field("PATIENT_AGE", None)
SEX = Field("PATIENT_SEX", None)

#: Label words (regex, spaces as `\s*`) → the field of their value. `strong` labels are read without a colon
#: ("DOB 05/03/1937", "MRN 1234567"); the others need one ("Name:", "Age:"), so running text is not a banner.
_STRONG = {
    r"patient'?s?\s*id|pat\.?\s*id|pt\.?\s*id|pid|mrn|mr\s*#|mr\s*no\.?|medical\s*record(?:\s*(?:no\.?|number|#))?|chart\s*(?:no\.?|#)": RECORD,
    r"other\s*patient\s*ids?|hospital\s*(?:no\.?|number|#)": RECORD,
    r"d\.?o\.?b\.?|date\s*of\s*birth|birth\s*date|birthdate": DATE,
    r"(?:study|series|acquisition|acq\.?|exam|content|scan)\s*date": DATE,
    r"accession(?:\s*(?:no\.?|number|#))?|acc\.?\s*(?:no\.?|#)": ACCOUNT,
    r"institution(?:\s*name)?|facility": FACILITY,
    r"patient'?s?\s*name|pat\.?\s*name|pt\.?\s*name|referring\s*physician(?:'?s\s*name)?|ref\.?\s*phys(?:ician)?|performing\s*physician|operators?'?\s*name": NAME,
    r"ssn": SSN,
}
_WEAK = {
    r"name|patient|physician|operator|technologist|radiologist": NAME,
    r"id": RECORD,
    r"born|date": DATE,
    r"acc|account|acct": ACCOUNT,
    r"hospital|clinic|site": FACILITY,
    r"address": ADDRESS,
    r"phone|tel|telephone": PHONE,
    r"age": AGE,
    r"sex|gender": SEX,
}
_COLON = r"[:;](?!\d)|(?<=[a-z])[il!|](?=\s)|(?<=#)[1lIi!|](?=\s)"  # tesseract reads a small colon as i, l, ! or | (after `#`, as 1 too)
_ALTERNATIVES = [(pattern, field, True) for pattern, field in _STRONG.items()] + [
    (pattern, field, False) for pattern, field in _WEAK.items()
]
_LABEL = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(
        f"(?P<l{i}>{pattern})" + (rf"\s*(?:{_COLON}|#)?" if strong else rf"\s*(?:{_COLON})")
        for i, (pattern, _, strong) in enumerate(_ALTERNATIVES)
    )
    + r")(?=\s|$|\d)",
    re.IGNORECASE,
)
_FACILITY_WORD = re.compile(r"\b(?:hospital|clinic|cent(?:er|re)|medical|health|imaging|institute|infirmary|diagnostics?)\b", re.IGNORECASE)
_WRAP_WORD = re.compile(r"^(?:[A-Z][A-Za-z'.\-]*|&|of|and|the|de|la|y)$")
#: Longest value read after a label, in characters (a banner line, not a paragraph).
MAX_VALUE = 48
#: Lines read after a labelled line among which its wrapped continuation is looked for.
WRAP_LOOKAHEAD = 3


@dataclass(frozen=True)
class LabelledValue:
    start: int  # the value's span in the OCR text
    end: int
    field: Field
    label: tuple[int, int]  # the label's span (explained text, not residual)


def labelled_values(ocr: OcrText) -> list[LabelledValue]:
    """Every labelled value of the OCR text: after its label on the same line, in the next segment of the same
    visual line when the label ends its segment (a right-aligned value), continued on the next line when it wraps."""
    text = ocr.text
    lines = _lines(text)
    out: list[LabelledValue] = []
    for number, (start, end) in enumerate(lines):
        labels: list[tuple[int, int, Field]] = [(m.start(), m.end(), _field_of(m)) for m in _LABEL.finditer(text, start, end)]
        if not labels or labels[0][0] > start:
            misread = _line_start_label(text, start, end)
            if misread:  # "Institutian Name:" is one misspelt label: the "Name:" inside it is no label of its own
                labels = [misread] + [label for label in labels if label[0] >= misread[1]]
        for index, (label_start, label_end, field) in enumerate(labels):
            value_start = label_end
            value_end = labels[index + 1][0] if index + 1 < len(labels) else end
            if not text[value_start:value_end].strip() and index + 1 == len(labels) and number + 1 < len(lines):
                following = lines[number + 1]
                if _same_visual_line(ocr, (label_start, label_end), following) and not _LABEL.match(text, following[0]):
                    value_start, value_end = following
            value_start, value_end = _strip(text, value_start, value_end)
            cut = text[value_start:value_end].rstrip().endswith((",", "^", "-"))
            continued: tuple[int, int] | None = None
            if value_end == end and number + 1 < len(lines):
                wrapped = _wrapped(ocr, lines, number, (label_start, value_end))
                if wrapped and field is NAME and not text[value_start:value_end].isupper() and _FACILITY_WORD.search(text[slice(*wrapped)]):
                    # "Name: Northgate Community" / "Health Center": the institution's label, misread (an ALL-CAPS
                    # name above an unlabelled "Clinic" stays a name)
                    field = FACILITY
                if wrapped and (field.wraps or cut):
                    if wrapped[0] == value_end + 1:
                        value_end = wrapped[1]
                    else:  # text of another column (a viewer's series panel) read between the two parts
                        continued = wrapped
            if field is NAME and _FACILITY_WORD.search(text[value_start:value_end]):
                field = FACILITY  # "Name: Northgate Community Health Center"
            if field in _NUMBERED:
                value_start = _past_stray_letters(text, value_start, value_end)
            value_end = _bounded(text, value_start, value_end, field)
            value = text[value_start:value_end]
            if value_end - value_start > MAX_VALUE or not _plausible(value, field):
                continue
            out.append(LabelledValue(value_start, value_end, field, (label_start, label_end)))
            if continued:
                out.append(LabelledValue(*continued, field, (label_start, label_end)))
    return out


_STRAY = re.compile(r"(?:[A-Za-z]{1,3}[.:]?|\w{1,2}[.:]|\S{1,2}(?=\s+\d{5}))\s+(?=\S*\d)")


def _past_stray_letters(text: str, start: int, end: int) -> int:
    """Where a number's value starts past the rest of a misread label: one to three stray letters ("Accession Na
    33199414", "Accessivn Now 73379571"), a short word ending in a colon ("No: 0: 87360857"), or one or two
    characters before a long number (the colon read as a digit: "MRN: 2 2128174773"). They are no part of the ID
    (and "Na" would make it look like a placeholder)."""
    stray = _STRAY.match(text, start, end)
    return stray.end() if stray else start


_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?$", re.IGNORECASE)


def _bounded(text: str, start: int, end: int, field: Field) -> int:
    """Where the value ends on its line: a banner line often holds more than the labelled value ("DOB: 08/29/1951
    M CCHS CLEVELAN.."). A date is its date-shaped words (at most three: "1988 Jun 09"), a number its first word
    and the digit groups after it ("673 170 345"), an age or a sex one word (and a unit), a name at most four
    words without digits; a facility or an address runs to the end of the line."""
    tokens = list(re.finditer(r"\S+", text[start:end]))
    if not tokens or field in (FACILITY, ADDRESS):
        return end
    keep = 1
    if field is DATE:
        while keep < min(3, len(tokens)) and (_DIGIT.search(tokens[keep].group()) or _MONTH.match(tokens[keep].group())):
            keep += 1
    elif field in _NUMBERED:
        while keep < len(tokens) and re.fullmatch(r"[-/]?\d{1,4}", tokens[keep].group()) and _DIGIT.search(tokens[0].group()):
            keep += 1
    elif field is AGE:
        keep += int(len(tokens) > 1 and bool(re.fullmatch(r"(?i)y(?:rs?|ears?)?|[ymwd]", tokens[1].group())))
    elif field is NAME:
        while keep < min(4, len(tokens)) and not _DIGIT.search(tokens[keep].group()):
            keep += 1
    return start + tokens[keep - 1].end()


def is_label(text: str) -> bool:
    """Whether the text is nothing but a label ("Birth Date", "Patient Name:"): never a value of its own."""
    return bool(_LABEL.fullmatch(text.strip() + ":")) or _line_start_label(text + ":", 0, len(text) + 1) is not None


#: Labels as tesseract may misspell them ("Accession Na", "Inetitution Ae me:", "Ags:"), letters only.
_SPELLINGS = {
    "patientname": NAME,
    "name": NAME,
    "referringphysician": NAME,
    "patientid": RECORD,
    "mrn": RECORD,
    "dob": DATE,
    "birthdate": DATE,
    "dateofbirth": DATE,
    "studydate": DATE,
    "seriesdate": DATE,
    "acquisitiondate": DATE,
    "examdate": DATE,
    "accession": ACCOUNT,
    "accessionno": ACCOUNT,
    "accessionnumber": ACCOUNT,
    "institutionname": FACILITY,
    "institution": FACILITY,
    "age": AGE,
    "sex": SEX,
}
_PREFIX = re.compile(r"\s*([A-Za-z][A-Za-z.' ]{1,24}?)\s*(?:[:;#]|(?<=[a-z])[il!|](?=\s))")


#: One or two characters before the first word of a line: tesseract's reading of a tick, an edge of anatomy or a speck
#: just left of the text ("Bi Listitution Name", "é Study Date").
_LEADING_STRAY = re.compile(r"\S{1,2}\s+")


def _line_start_label(text: str, start: int, end: int) -> tuple[int, int, Field] | None:
    """A misspelt label at the start of a line (`_misread_label`), or just after a stray mark of one or two characters
    there: the mark stays outside the label, so it is read like any word left of a banner."""
    misread = _misread_label(text, start, end)
    stray = _LEADING_STRAY.match(text, start, end)
    if misread is None and stray and stray.end() < end:
        misread = _misread_label(text, stray.end(), end)
    return misread


def _misread_label(text: str, start: int, end: int) -> tuple[int, int, Field] | None:
    """A label at the start of a line that tesseract misspelled: up to a colon, or its first one to three words,
    within one or two letters of a known label (one for short labels, which also need their colon)."""
    from auditor.scanners.pixel.deny_list import _distance

    candidates: list[tuple[int, bool]] = []  # label end, whether a colon ends it
    colon = _PREFIX.match(text, start, end)
    if colon:
        candidates.append((colon.end(), True))
    for words in re.finditer(r"\S+", text[start:end]):
        candidates.append((start + words.end(), False))
        if len(candidates) >= 4:
            break
    best: tuple[int, int, int, Field] | None = None  # distance, -length, end, field
    for label_end, has_colon in candidates:
        for key in _label_keys(text[start:label_end]):
            for spelling, field in _SPELLINGS.items():
                allowed = 2 if len(spelling) >= 9 else 1 if len(spelling) >= 5 or has_colon else 0
                distance = _distance(key, spelling) if key and abs(len(key) - len(spelling)) <= allowed else 99
                if distance <= allowed and (best is None or (distance, -len(key)) < best[:2]):
                    best = (distance, -len(key), label_end, field)
    return (start, best[2], best[3]) if best else None


#: Tesseract's frequent misreadings of banner labels in small type, undone before a label is compared with the
#: known ones: a digit or a bar for a letter ("D0B", "Acce55ion", "1nstitution", "Patient |D") and two letters
#: for one ("Narne", "Accesslon" is left to the edit distance).
_OCR_DIGITS = str.maketrans({"0": "o", "1": "i", "5": "s", "8": "b", "6": "g", "|": "i", "!": "i", "$": "s"})
_OCR_PAIRS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("ii", "u"))


def _label_keys(candidate: str) -> list[str]:
    """The letters of a label as read, and as read with tesseract's frequent misreadings undone (at most three
    keys: letters only, digits read as letters, and letter pairs read as one letter)."""
    plain = re.sub(r"[^a-z]", "", candidate.lower())
    letters = re.sub(r"[^a-z]", "", candidate.lower().translate(_OCR_DIGITS))
    paired = letters
    for wrong, right in _OCR_PAIRS:
        paired = paired.replace(wrong, right)
    return list(dict.fromkeys((plain, letters, paired)))


def _field_of(match: re.Match) -> Field:
    index = next(int(name[1:]) for name, value in match.groupdict().items() if value is not None)
    return _ALTERNATIVES[index][1]


def _lines(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " :;#.-|":
        start += 1
    while end > start and text[end - 1] in " ;|":
        end -= 1
    return start, end


def _same_visual_line(ocr: OcrText, label: tuple[int, int], following: tuple[int, int]) -> bool:
    """The next segment lies right of the label, on the same visual line."""
    a, b = ocr.bbox_of(*label), ocr.bbox_of(*following)
    if a is None or b is None:
        return False
    overlap = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return b[0] > a[0] + a[2] and overlap >= 0.5 * min(a[3], b[3])


def _wrapped(ocr: OcrText, lines: list[tuple[int, int]], number: int, value: tuple[int, int]) -> tuple[int, int] | None:
    """The line a value continues on, or None: of the next few lines, the first just below the labelled line
    (`value`: from its label to its end) and overlapping it horizontally (text of another column may come between
    them in reading order), if it holds no label and is made of a few capitalised words ("Medical Center")."""
    above = ocr.bbox_of(*value)
    if above is None:
        return None
    for start, stop in lines[number + 1 : number + 1 + WRAP_LOOKAHEAD]:
        below = ocr.bbox_of(start, stop)
        if below is None:
            continue
        gap = below[1] - (above[1] + above[3])
        if gap > 1.2 * above[3]:
            return None  # past the next visual line
        if not (below[0] < above[0] + above[2] and above[0] < below[0] + below[2]) or gap < -0.3 * above[3]:
            continue
        words = ocr.text[start:stop].split()
        if not words or len(words) > 3 or _LABEL.search(ocr.text, start, stop) or allow_list.all_equipment(words):
            return None
        return (start, stop) if all(_WRAP_WORD.match(word) for word in words) else None
    return None


_DIGIT = re.compile(r"\d")
_NUMBERED = (RECORD, ACCOUNT, PHONE, SSN)
_LETTERS = re.compile(r"[A-Za-z]")


def _plausible(value: str, field: Field) -> bool:
    """A value of the field's kind at all: an ID or a date has a digit, a name or a facility letters; a
    de-identified placeholder (`ANONYMOUS`, `REMOVED`) is no value."""
    compact = value.strip()
    if len(re.sub(r"\W", "", compact)) < (1 if field in (AGE, SEX) else 2) or is_pseudonym(compact):
        return False
    if field in (RECORD, ACCOUNT, DATE, PHONE, SSN, AGE):
        return bool(_DIGIT.search(compact))
    if field in (NAME, FACILITY, ADDRESS):
        return len(_LETTERS.findall(compact)) >= 3 and not allow_list.all_equipment(compact.split())
    return True


_ID_SHAPE = re.compile(r"[A-Z]{0,3}\d[\dA-Z]*(?:[-/ ]\d+)*", re.IGNORECASE)
_NAME_SHAPE = re.compile(r"[A-Za-z][A-Za-z'\-.]*(?:\s*[,^]\s*|\s+)[A-Za-z][A-Za-z'\-.]*(?:\s+[A-Za-z][A-Za-z'\-.]*){0,2}")
_AGE_SHAPE = re.compile(r"[0O]*\d{1,3}\s*[YMWD]?", re.IGNORECASE)


def well_formed(value: str, field: Field) -> bool:
    """Whether a labelled value reads as its field's values are written on a banner: a date as a calendar day, an age
    as a number of years, months, weeks or days ("064Y"), an ID as digits with at most a few letters before them,
    a name as two to four words of letters, a facility as capitalised words, the sex as one letter. A value misread
    in small or faint type seldom keeps its shape ("634\"", "2 ee a", "NO.D avgy AN 2")."""
    compact = value.strip()
    if field is DATE:
        return calendar_day(compact) is not None
    if field is AGE:
        return bool(_AGE_SHAPE.fullmatch(compact)) and age_years(compact) is not None
    if field in (RECORD, ACCOUNT):
        return bool(_ID_SHAPE.fullmatch(compact)) and sum(ch.isdigit() for ch in compact) >= 4
    if field is NAME:
        return bool(_NAME_SHAPE.fullmatch(compact))
    if field is FACILITY:
        words = compact.split()
        return len(words) >= 2 and all(_WRAP_WORD.match(word) for word in words)
    if field is SEX:
        return compact.upper() in ("M", "F", "O", "MALE", "FEMALE", "OTHER")
    return True


def calendar_day(value: str) -> datetime.date | None:
    """The calendar day a banner date writes in full ("05/03/1937", "1988 Jun 09", "19600213"), or None."""
    from auditor.evidence import typed

    kind, normal = typed(value, "dates")
    if kind != "dates/date" or "--" in normal:  # a part not written ("1988", "Jun 1988")
        return None
    try:
        return datetime.date.fromisoformat(normal)
    except ValueError:
        return None


def age_over_89(value: str) -> bool:
    """An age of more than 89 years ("092Y", "93", "94 Y"): a Safe Harbor identifier; months, weeks, days are not."""
    years = age_years(value)
    return years is not None and years > 89


_AGE_VALUE = re.compile(r"\s*[0O]*(\d{1,3})\s*(?:(y(?:rs?|ears?)?|m(?:o|os|onths?)?|w(?:ks?|eeks?)?|d(?:ays?)?)\b\.?)?", re.IGNORECASE)
_PER_YEAR = {"y": 1, "m": 12, "w": 52, "d": 365}


def age_years(value: str) -> int | None:
    """Whole years of an age value as banners write it ("064Y", "64 Y", "64", "7 yrs", "003M" → 0), its leading zeros
    as tesseract often reads them in small type ("O99Y": the letter O), or None (no number first, or more than 120
    years: a misread)."""
    match = _AGE_VALUE.match(value)
    if match is None:
        return None
    years = int(match.group(1)) // _PER_YEAR[(match.group(2) or "y")[0].lower()]
    return years if years <= 120 else None


_BIRTH_LABEL = re.compile(r"d\W*[o0]\W*b|birth|born", re.IGNORECASE)


def is_birth_label(label: str) -> bool:
    """Whether a date's label says it is a date of birth ("DOB:", "D0B", "Birth Date:"), not an event's date."""
    return bool(_BIRTH_LABEL.search(label))
