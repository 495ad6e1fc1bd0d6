"""Quasi-identifiers of one item, taken at scan time from the raw values the worker holds and generalized at
once, so the store never sees the raw values.

Where they come from:
- text (posts, notes, CSV rows): age and sex from the forms people write ("62F", "70yo M", "62-year-old woman",
  "I am a 45 year old man"); ZIP3 from the text scanner's ZIP_CODE findings; city from its LOCATION findings
  that name a known US town, and the town's state (the most populous place of that name); a state after a city
  ("Fresno, CA"); a facility ("Saint Agnes", "Mercy Hospital"); the year-month of its first full date, else of
  a month it names in the year the post was made, else of the post itself.
- DICOM headers: PatientAge (or PatientBirthDate against StudyDate), PatientSex, BodyPartExamined, Modality,
  StudyDate, InstitutionName.
- burned-in text (DICOM frames, screenshots): the sex, the age band (an "Age:" value, or a date of birth
  against a study date) and the facility of labelled banner lines, from the pixel scanner's findings.
- photos: the country, state and (as a keyed digest) the nearest town of the EXIF/XMP GPS position
  (auditor/risk/geo.py, offline GeoNames data).
- every item: the health categories of its findings, and the ICD-10-CM chapters (auditor/risk/chapters.py) of the
  conditions its text names and of the ICD-10-CM codes written in it ("E11.9", "ICD-10: F32").

Written by hand because no maintained library reads age and sex from informal posts; the patterns are kept
to unambiguous forms (an upper-case sex letter right after the age, "yo"/"y/o"/"year-old" before a sex word),
so "5 M" (five million) or "the 20s" give nothing.
"""

from __future__ import annotations

import calendar
import csv
import functools
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from auditor.age_bands import AGE_BANDS, age_band
from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.risk import chapters, geo
from auditor.risk.quasi import QuasiIdentifiers
from auditor.scanners.text.recognizers._patterns import CREDENTIALS
from auditor.scanners.text.recognizers._places import STATES

_FEMALE = "woman|female|girl|lady|mother|mom|wife"
_MALE = "man|male|boy|guy|father|dad|husband"
_AGE = r"(?<![\d.,$])(\d{1,3})"
_OLD = r"(?:\s*(?:yo|y/o|y\.o\.|yrs?\s+old|years?\s+old|yr\.?\s+old)|[- ]years?[- ]old|[- ]yr[- ]old|[- ]y\.?o\.?)"
#: "62F" / "62M" and "(62F)"; not "62 M" (a count), "3M" (a company), "14F Foley" (a catheter's French size).
_COMPACT = re.compile(rf"{_AGE}(?-i:([FM]))\b(?!\s*(?:foley|catheter|french|fr\b|tube|sheath))", re.IGNORECASE)
#: The youngest age the compact form is taken for: "3M", "5F" are sizes and names far more often than ages.
_COMPACT_MIN_AGE = 13
#: "70yo M", "62-year-old woman", "45 y/o female", "62 years old, female", "75-year-old Caucasian male",
#: "23-year-old pregnant woman" (up to two words between; a lone F or M only right after the age).
_WORDED = re.compile(
    rf"{_AGE}{_OLD}\s*,?\s*(?:(?:[a-z-]+\s+){{0,2}}?(?:(?P<f>{_FEMALE})|(?P<m>{_MALE}))|(?P<f1>f)|(?P<m1>m))\b", re.IGNORECASE
)
#: An age with no sex: "I'm 62 years old", "aged 45".
_AGE_ONLY = re.compile(rf"{_AGE}{_OLD}\b|\baged\s+{_AGE}\b", re.IGNORECASE)
#: Sex with no age: "I'm a woman", "as a mother of two".
_SEX_ONLY = re.compile(
    r"\b(?:i'?m|i\s+am|as)\s+an?\s+(?:\w+\s+)?(?:(?P<f>woman|female|girl|mother|mom|wife)|(?P<m>man|male|guy|father|dad|husband))\b",
    re.IGNORECASE,
)
#: "Fresno, CA"; a state that is also a credential ("Jane Roe, MD", "Sam Lee, PA") only before a ZIP code.
_CITY_STATE = re.compile(
    rf"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*(?:(?P<st>{'|'.join(sorted(set(STATES) - CREDENTIALS))})\b|(?P<cred>{'|'.join(sorted(set(STATES) & CREDENTIALS))})(?=\s+\d{{5}}\b))"
)
_FACILITY = re.compile(
    r"\b(?!(?:The|A|An|My|Our|Your|This|That|His|Her|Their)\s)(?:(?:Saint|St\.?|Mount|Mt\.?)\s+[A-Z][a-z]+(?:\s+(?:Hospital|Medical\s+Center|Health|Clinic|Regional))?"
    r"|(?:[A-Z][a-z]+\s+){1,3}(?:Hospital|Medical\s+Center|Clinic|Health\s+Center|Infirmary))\b"
)
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH_WORD = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+((?:19|20)\d\d))?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b|\b((?:19|20)\d\d)-(\d{2})-(\d{2})\b")
_BIRTH = re.compile(r"\b(?:dob|d\.o\.b|born|birth\s*(?:date|day)?|birthdate)\b\W*(?:on|is|was)?\W*$", re.IGNORECASE)
_DICOM_AGE = re.compile(r"^(\d{3})([DWMY])$")
#: The age band the pixel scanner appends to a banner age's masked evidence (masking leaves no digit of its own).
_STATED_BAND = re.compile(r" \(age (\d{1,2}-\d{1,2}|90\+)\)$")


def extract(item: Item, findings: Sequence[Finding], keeper: EvidenceKeeper) -> QuasiIdentifiers:
    """The generalized quasi-identifiers of `item` (with its payload) and the findings the scanners made of it."""
    health = tuple(sorted({f.health for f in findings if f.health}))
    if item.kind == "dicom" and item.payload:
        return _from_dicom(item, keeper, health).merged(_from_pixel_text(item.locator, findings))
    if item.kind == "image" and item.payload:
        return _from_photo(item, item.payload, keeper, health).merged(_from_pixel_text(item.locator, findings))
    if item.fields:
        return _from_text(item, findings, keeper, health)
    return QuasiIdentifiers(item.locator, month=_post_month(item), health=health)


def _chapters(item: Item, findings: Sequence[Finding]) -> tuple[str, ...]:
    """The chapters of the conditions found in the item's text and of the codes written in it."""
    found = {chapters.of_phrase(raw) for f in findings if f.health == "condition" and (raw := _raw(item, f)) is not None}
    for text in item.fields.values():
        found.update(chapters.codes_in(text))
    return tuple(sorted(chapter for chapter in found if chapter))


def _from_pixel_text(locator: str, findings: Sequence[Finding]) -> QuasiIdentifiers:
    """What the burned-in text scanner typed from labelled banner lines ("Sex: F", "Age: 064Y", "DOB: …" with
    "Study Date: …", "Institution: ..."), read from its findings alone, for the OCR text is gone by now: the sex
    from the first letter the masked evidence keeps of a `PATIENT_SEX` value ("F*****"), the age band the scanner
    appends to the masked evidence of the age or birth date it read it from ("***Y (age 60-69)"; else the 90+
    band of an `AGE_OVER_89`), and the facility as the finding's keyed digest (the same key a DICOM
    InstitutionName gets). A DICOM header's own values come first."""
    pixel = [f for f in findings if f.source == "pixel"]
    sex = next((f.evidence[:1].upper() for f in pixel if f.entity == "PATIENT_SEX" and f.evidence[:1].upper() in ("F", "M")), None)
    facility = next((f.digest for f in pixel if f.entity == "FACILITY"), None)
    stated = (match[1] for f in pixel if (match := _STATED_BAND.search(f.evidence)) and match[1] in AGE_BANDS)
    band = next(stated, None) or (age_band(90) if any(f.entity == "AGE_OVER_89" for f in pixel) else None)
    return QuasiIdentifiers(locator, age_band=band, sex=sex, facility=facility)


def _from_photo(item: Item, payload: bytes, keeper: EvidenceKeeper, health: tuple[str, ...]) -> QuasiIdentifiers:
    """A photo's place from its GPS position (EXIF or XMP); an unreadable file has none (its scanners say why)."""
    from auditor.scanners.image_metadata.scanner import read_entries

    try:
        entries = read_entries(payload)
    except ValueError:
        return QuasiIdentifiers(item.locator, month=_post_month(item), health=health)
    position = next((e.value for e in entries if e.rule == "gps" and e.field.endswith(":GPSPosition")), None)
    if position is None:
        return QuasiIdentifiers(item.locator, month=_post_month(item), health=health)
    latitude, longitude = (float(part) for part in position.split(","))
    found = geo.place(latitude, longitude)
    return QuasiIdentifiers(
        item.locator,
        state=found.state,
        country=found.country,
        city=keeper.digest(found.town, "geographic") if found.town else None,  # as a town named in text is keyed
        month=_post_month(item),
        health=health,
    )


def _from_text(item: Item, findings: Sequence[Finding], keeper: EvidenceKeeper, health: tuple[str, ...]) -> QuasiIdentifiers:
    text = "\n".join(item.fields.values())
    age, sex = _age_and_sex(text)
    zip3 = city = state = None
    for finding in findings:
        raw = _raw(item, finding)
        if raw is None:
            continue
        if finding.entity == "ZIP_CODE" and zip3 is None:
            zip3 = raw[:3]
        elif finding.entity == "LOCATION" and city is None and (states := town_states().get(raw.casefold().strip())):
            city, state = keeper.digest(raw.strip(), "geographic"), states[0]
    if (match := _CITY_STATE.search(text)) is not None:
        state = match["st"] or match["cred"]
    facility = _FACILITY.search(text)
    return QuasiIdentifiers(
        item.locator,
        age_band=None if age is None else age_band(age),
        sex=sex,
        state=state,
        zip3=zip3,
        city=city,
        facility=keeper.digest(facility[0], "geographic") if facility else None,
        month=_text_month(text, item),
        health=health,
        chapters=_chapters(item, findings),
    )


def _raw(item: Item, finding: Finding) -> str | None:
    """The raw value of a text finding, from the field its span is in."""
    text = item.fields.get(finding.field)
    if text is None or finding.span is None:
        return None
    return text[finding.span[0] : finding.span[1]]


def _age_and_sex(text: str) -> tuple[int | None, str | None]:
    for match in _COMPACT.finditer(text):
        if _COMPACT_MIN_AGE <= int(match[1]) <= 120:
            return int(match[1]), match[2]
    for match in _WORDED.finditer(text):
        if int(match[1]) <= 120:
            return int(match[1]), "F" if match["f"] or match["f1"] else "M"
    age = next((int(m[1] or m[2]) for m in _AGE_ONLY.finditer(text) if int(m[1] or m[2]) <= 120), None)
    sex = _SEX_ONLY.search(text)
    return age, (("F" if sex["f"] else "M") if sex else None)


def _text_month(text: str, item: Item) -> str | None:
    """The year-month of the first full date in the text, else of a month it names (in the post's year)."""
    for numeric in _NUMERIC_DATE.finditer(text):
        year, month = (numeric[3], numeric[1]) if numeric[3] else (numeric[4], numeric[5])
        if 1 <= int(month) <= 12 and not _of_birth(text, numeric.start()):
            return f"{year}-{int(month):02d}"
    posted = _post_month(item)
    for match in _MONTH_WORD.finditer(text):
        word = match[1].lower()
        # a three-letter month alone is a word or a name more often ("may", "Jan"): it needs a day or a year
        if (len(word) == 3 and not match[0][3:].strip(" .")) or _of_birth(text, match.start()):
            continue
        year = match[2] or (posted[:4] if posted else None)
        if year:
            return f"{year}-{_MONTHS[word]:02d}"
    return posted


def _of_birth(text: str, start: int) -> bool:
    """A date of birth is not the date of the event the item is about (its age band says it already)."""
    return _BIRTH.search(text[max(0, start - 20) : start]) is not None


def _post_month(item: Item) -> str | None:
    created = item.created_at or ""
    return created[:7] if re.match(r"^\d{4}-\d{2}", created) else None


def _from_dicom(item: Item, keeper: EvidenceKeeper, health: tuple[str, ...]) -> QuasiIdentifiers:
    from auditor.media.dicom import DicomReadError, read_header

    try:
        header = read_header(item.payload, reuse=True)  # as the header scanner read it, when it did in this batch
    except DicomReadError:
        return QuasiIdentifiers(item.locator, health=health)
    study = _dicom_date(header.get("StudyDate")) or _dicom_date(header.get("SeriesDate")) or _dicom_date(header.get("AcquisitionDate"))
    age = _dicom_age(str(header.get("PatientAge") or ""), _dicom_date(header.get("PatientBirthDate")), study)
    sex = str(header.get("PatientSex") or "").strip().upper()
    institution = str(header.get("InstitutionName") or "").strip()
    return QuasiIdentifiers(
        item.locator,
        age_band=None if age is None else age_band(age),
        sex=sex if sex in ("F", "M") else None,
        facility=keeper.digest(institution, "geographic") if institution else None,
        month=f"{study.year}-{study.month:02d}" if study else None,
        modality=str(header.get("Modality") or "").strip().upper() or None,
        body_part=str(header.get("BodyPartExamined") or "").strip().upper() or None,
        health=health,
    )


def _dicom_date(value: object) -> date | None:
    text = str(value or "").strip()
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _dicom_age(value: str, born: date | None, study: date | None) -> int | None:
    """Years from an Age String ("062Y", "003M"), else from the birth date to the study date. "000Y" is the
    placeholder of an unknown age (an infant's is written in days, weeks or months), so it gives none."""
    match = _DICOM_AGE.match(value.strip())
    if match is not None and value.strip() != "000Y":
        amount = int(match[1])
        return {"Y": amount, "M": amount // 12, "W": amount // 52, "D": amount // 365}[match[2]]
    if born and study and study >= born:
        return study.year - born.year - ((study.month, study.day) < (born.month, born.day))
    return None


@functools.cache
def town_states() -> dict[str, list[str]]:
    """Case-folded US town -> its states, most populous place first (us_town_states.tsv, read once per process)."""
    path = Path(__file__).with_name("data") / "us_town_states.tsv"
    with path.open(encoding="utf-8") as stream:
        rows = csv.reader((line for line in stream if not line.startswith("#")), delimiter="\t")
        next(rows)
        return {town: states.split(",") for town, states in rows}
