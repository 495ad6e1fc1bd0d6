"""Texts built piece by piece with exact labels (Label, Doc, Ctx, render) and the values each slot draws."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from .checkdigits import dea_check_digit, gs1_check_digit, npi_check_digit, vin_check_digit
from .tables import (
    AREA_CODES,
    CAPTION_TEMPLATES,
    CAREGIVER_TEMPLATES,
    CITIES,
    CLOSERS,
    EMAIL_DOMAINS,
    EMOJI,
    FIRST_NAMES,
    GENERIC_DOSES,
    HASHTAGS,
    HEALTH_TEMPLATES,
    HEALTH_TYPOS,
    HEALTH_VOCAB,
    HOSPITALS,
    IDENT_TEMPLATES,
    INSURERS,
    LAST_NAMES,
    LATIN1_FIRST,
    LATIN1_LAST,
    LOWERABLE,
    MED_DOSES,
    MONTHS,
    NEUTRAL_TEMPLATES,
    NOTE_BODY,
    NOTE_FOOTER,
    NOTE_HEADER,
    OPENERS,
    PETS,
    PHARMACIES,
    PUBLIC_URLS,
    REDDIT_TITLES,
    SLOT_KINDS,
    STREETS,
    TYPOS,
)

# ================================================================================================
# Building texts with exact labels
# ================================================================================================


@dataclass(frozen=True)
class Label:
    field: str
    start: int
    end: int
    identifier: str | None
    health: str | None
    text: str

    def record(self) -> dict:
        return {
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "identifier": self.identifier,
            "health": self.health,
            "text": self.text,
        }


class Doc:
    """One field's text under construction: appended pieces, labels at exact offsets."""

    def __init__(self, field: str) -> None:
        self.field = field
        self.parts: list[str] = []
        self.length = 0
        self.labels: list[Label] = []

    def add(self, text: str, identifier: str | None = None, health: str | None = None) -> None:
        if not text:
            return
        if identifier or health:
            assert text == text.strip() and text[-1] not in ".,;:!?", f"loose span {text!r}"
            self.labels.append(Label(self.field, self.length, self.length + len(text), identifier, health, text))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


Piece = tuple[str, str | None, str | None]  # (text, identifier, health)


class Ctx:
    """Per-item generation state: the random source, the item's patient, and its writing style."""

    def __init__(self, rng: Random, *, lower: bool = False, curly: bool = False, typo: bool = False, latin1: bool = False) -> None:
        self.rng = rng
        self.lower, self.curly, self.typo, self.latin1 = lower, curly, typo, latin1
        self.first_pool = LATIN1_FIRST if latin1 else FIRST_NAMES
        self.last_pool = LATIN1_LAST if latin1 else LAST_NAMES
        self.person = (self.pick(self.first_pool), self.pick(self.last_pool))
        self.surname = self.person[1]  # the last surname written (a DEA number's second letter)
        self.used: set[str] = set()  # health terms already written
        self.last_med = ""

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def letters(self, n: int, alphabet: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))


_SLOT_RE = re.compile(r"\{(\w+)\}")


def render(ctx: Ctx, doc: Doc, template: str) -> None:
    """Append `template` to `doc`, filling its slots and labelling the labelled ones."""
    pos = 0
    for m in _SLOT_RE.finditer(template):
        literal = template[pos : m.start()]
        pieces = _fill(ctx, m.group(1))
        if pieces and re.search(r"(^|\s)[aA] $", literal) and _vowel_sound(pieces[0][0]):
            literal = literal[:-1] + "n "  # "a MRI" -> "an MRI"
        _literal(ctx, doc, literal)
        for text, ident, health in pieces:
            if ctx.lower and (health or ident is None or ident in LOWERABLE):
                text = text.lower()
            doc.add(text, ident, health)
        pos = m.end()
    _literal(ctx, doc, template[pos:])


def _vowel_sound(text: str) -> bool:
    word = text.split()[0] if text.split() else ""
    if not word:
        return False
    if sum(c.isupper() for c in word) >= 2 or word[0] == "X":  # initialisms: "an MRI", "an HbA1c"
        return word[0] in "AEFHILMNORSX"
    return word[0] in "aeiouAEIOU"


def _literal(ctx: Ctx, doc: Doc, text: str) -> None:
    if ctx.typo:
        for word, typo in TYPOS.items():
            new = re.sub(rf"\b{word}\b", typo, text, count=1)
            if new != text:
                text, ctx.typo = new, False
                break
    if ctx.curly:
        text = text.replace("'", "’")
    if ctx.lower:
        text = text.lower()
    doc.add(text)


def _fill(ctx: Ctx, slot: str) -> list[Piece]:
    value = SLOTS[slot](ctx)
    if isinstance(value, list):
        return value
    ident, health = SLOT_KINDS.get(slot, (None, None))
    return [(value, ident, health)]


def render_lines(ctx: Ctx, doc: Doc, templates: list[str], sep: str | None = None) -> None:
    """Render templates one after another, joined by `sep` or by a natural sentence break."""
    for i, template in enumerate(templates):
        if i:
            doc.add(sep if sep is not None else sentence_break(ctx, doc))
        render(ctx, doc, template)


def sentence_break(ctx: Ctx, doc: Doc) -> str:
    last = doc.parts[-1][-1] if doc.parts else ""
    if last.isalnum() or last in ")'’":  # the sentence has no end mark yet
        return ctx.pick([". ", ". ", ". ", "! ", ".\n", ".\n\n", " - ", "\n"])
    return ctx.pick([" ", " ", " ", "\n", "\n\n", "  "])


# ================================================================================================
# Slot values
# ================================================================================================


_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss"})


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s.translate(_FOLD)).encode("ascii", "ignore").decode()


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


def full_name(ctx: Ctx, first: str, last: str) -> str:
    ctx.surname = last
    r = ctx.rng.random()
    if r < 0.15:
        return f"{first} {ctx.letters(1)}. {last}"
    return f"{first} {last}"


def caps_name(ctx: Ctx, first: str, last: str) -> str:
    ctx.surname = last
    middle = f" {ctx.letters(1)}" if ctx.chance(0.3) else ""
    return f"{last.upper()}, {first.upper()}{middle}"


def dicom_name(ctx: Ctx, first: str, last: str) -> str:
    ctx.surname = last
    return f"{ascii_fold(last).upper().replace(' ', '')}^{ascii_fold(first).upper()}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


DATE_FORMATS: list[Callable[[date], str]] = [
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",  # 03/04/1961
    lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",  # 3/4/61
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",  # March 4, 1961
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",  # 4 March 1961
    lambda d: d.isoformat(),  # 1961-03-04
    lambda d: f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}",  # 04-Mar-1961
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",  # Mar 4, 1961
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}",  # March 4th, 1961
    lambda d: f"{d.month}/{d.day}/{d.year}",  # 3/4/1961
    lambda d: f"{d.month:02d}.{d.day:02d}.{d.year}",  # 03.04.1961
    lambda d: f"{d.day:02d}-{MONTHS[d.month - 1][:3].upper()}-{d.year}",  # 04-MAR-1961
]
SHORT_DATE_FORMATS: list[Callable[[date], str]] = [
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}",  # March 3rd
    lambda d: f"{d.month}/{d.day}",  # 3/4
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}",  # Mar 3
    lambda d: f"the {ordinal(d.day)} of {MONTHS[d.month - 1]}",  # the 3rd of March
    lambda d: f"{MONTHS[d.month - 1].lower()} {d.day}",  # march 3
    lambda d: f"{MONTHS[d.month - 1][:3]}. {ordinal(d.day)}",  # Mar. 3rd
]


def random_date(ctx: Ctx, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    return start + timedelta(days=ctx.rng.randrange((date(last_year, 12, 31) - start).days + 1))


def phone_number(ctx: Ctx) -> str:
    area = ctx.pick(AREA_CODES)
    if ctx.chance(0.6):
        exchange, line = "555", f"01{ctx.digits(2)}"
    else:
        exchange = str(ctx.rng.choice([n for n in range(201, 1000) if n != 555 and n % 100 != 11]))
        line = ctx.digits(4)
    fmt = ctx.pick(["({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "+1 {a} {e} {l}", "1-{a}-{e}-{l}", "({a}){e}-{l}", "{a} {e} {l}"])
    return fmt.format(a=area, e=exchange, l=line)


def ssn(ctx: Ctx) -> str:
    area = ctx.rng.randint(1, 665)
    group, serial = ctx.rng.randint(1, 99), ctx.rng.randint(1, 9999)
    sep = ctx.pick(["-", "-", "-", " ", ""])
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


def mrn(ctx: Ctx) -> str:
    return ctx.pick(
        [
            lambda: "00" + ctx.digits(6),
            lambda: str(ctx.rng.randint(1000000, 9999999)),
            lambda: ctx.digits(10),
            lambda: "E" + ctx.digits(7),
            lambda: "M" + ctx.digits(7),
        ]
    )()


def member_id(ctx: Ctx) -> str:
    return ctx.pick(
        [
            lambda: ctx.letters(3) + ctx.digits(9),
            lambda: "W" + ctx.digits(9),
            lambda: ctx.digits(9) + "-01",
            lambda: "H" + ctx.digits(8) + "01",
            lambda: ctx.letters(2) + ctx.digits(7),
        ]
    )()


MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"  # no S, L, O, I, B, Z


def mbi(ctx: Ctx) -> str:
    an = MBI_ALPHA + "0123456789"
    c = [
        str(ctx.rng.randint(1, 9)),
        ctx.pick(MBI_ALPHA),
        ctx.pick(an),
        ctx.digits(1),
        ctx.pick(MBI_ALPHA),
        ctx.pick(an),
        ctx.digits(1),
        ctx.pick(MBI_ALPHA),
        ctx.pick(MBI_ALPHA),
        ctx.digits(1),
        ctx.digits(1),
    ]
    s = "".join(c)
    return f"{s[:4]}-{s[4:7]}-{s[7:]}" if ctx.chance(0.6) else s


def npi(ctx: Ctx) -> str:
    nine = ctx.pick("12") + ctx.digits(8)
    return nine + npi_check_digit(nine)


def dea(ctx: Ctx) -> str:
    initial = ascii_fold(ctx.surname).replace("'", "").lstrip()[:1].upper() or "9"
    six = ctx.digits(6)
    return ctx.pick("ABFGM") + initial + six + dea_check_digit(six)


def vin(ctx: Ctx) -> str:
    alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    body = (
        ctx.pick(["1HG", "1FA", "1G1", "2T1", "3VW", "4T1", "5YJ", "JHM", "JTD", "KMH", "WBA", "1C4"])
        + "".join(ctx.pick(alphabet) for _ in range(5))
        + "0"
        + ctx.pick("ABCDEFGHJKLMNPRSTVWXY123456789")
        + ctx.pick(alphabet)
        + ctx.digits(6)
    )
    return body[:8] + vin_check_digit(body) + body[9:]


def udi(ctx: Ctx) -> str:
    payload = "0" + ctx.digits(12)
    expiry = random_date(ctx, 2025, 2029)
    return f"(01){payload}{gs1_check_digit(payload)}(17){expiry:%y%m%d}(10){ctx.letters(1)}{ctx.digits(5)}(21){ctx.digits(8)}"


def ip_address(ctx: Ctx) -> str:
    if ctx.chance(0.4):
        return ctx.pick(["192.0.2", "198.51.100", "203.0.113"]) + f".{ctx.rng.randint(1, 254)}"
    first = ctx.pick([23, 24, 45, 47, 50, 63, 67, 68, 71, 73, 76, 96, 98, 104, 107, 108, 142, 162, 173, 174, 184, 208, 216])
    return f"{first}.{ctx.rng.randint(0, 255)}.{ctx.rng.randint(0, 255)}.{ctx.rng.randint(1, 254)}"


def handle(ctx: Ctx) -> str:
    first, last = slug(ctx.pick(FIRST_NAMES)), slug(ctx.pick(LAST_NAMES))
    word = ctx.pick(["spoonie", "zebra", "warrior", "lupie", "t1d", "tiredgirl", "mskid", "dialysisdad"])
    name = ctx.pick(
        [f"{first}{last[:1]}{ctx.digits(2)}", f"{word}_{first}", f"{first}_{last}", f"{word}{ctx.digits(3)}", f"the{first}{last}"]
    )
    return name[:15]


def email(ctx: Ctx) -> str:
    first, last = slug(ctx.pick(ctx.first_pool)), slug(ctx.pick(ctx.last_pool))
    local = ctx.pick(
        [f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{ctx.digits(2)}", f"{first}{ctx.digits(4)}", f"{first}.{last}+portal"]
    )
    return f"{local}@{ctx.pick(EMAIL_DOMAINS)}"


def url(ctx: Ctx) -> str:
    first, last = slug(ctx.pick(FIRST_NAMES)), slug(ctx.pick(LAST_NAMES))
    return ctx.pick(
        [
            f"https://fundraise.example.org/f/help-{first}-{last}",
            f"https://caring.example.org/visit/{first}{last}",
            f"https://{last}family.example.com/updates",
            f"www.example.net/~{first}{last}",
            f"http://blog.example.com/{ctx.rng.randint(2019, 2024)}/{ctx.rng.randint(1, 12):02d}/{first}-diagnosis-day",
            f"https://portal.example.org/records/view?pt={ctx.digits(7)}",
            f"example.com/u/{first}_{last}",
        ]
    )


def address(ctx: Ctx) -> list[Piece]:
    city, st, _, zip3 = ctx.pick(CITIES)
    return [
        (street(ctx), "geographic", None),
        (", ", None, None),
        (city, "geographic", None),
        (f", {st} ", None, None),
        (zip_code(ctx, zip3), "geographic", None),
    ]


def street(ctx: Ctx) -> str:
    unit = ctx.pick(
        [
            "",
            "",
            "",
            f" Apt {ctx.rng.randint(1, 30)}{ctx.pick('ABCD')}",
            f" #{ctx.rng.randint(2, 40)}",
            f" Unit {ctx.rng.randint(100, 420)}",
        ]
    )
    return f"{ctx.rng.randint(2, 9899)} {ctx.pick(STREETS)}{unit}"


def zip_code(ctx: Ctx, zip3: str | None = None) -> str:
    z = (zip3 or ctx.pick(CITIES)[3]) + ctx.digits(2)
    return z + f"-{ctx.digits(4)}" if ctx.chance(0.2) else z


def city_state_zip(ctx: Ctx) -> list[Piece]:
    city, st, _, zip3 = ctx.pick(CITIES)
    return [(city, "geographic", None), (f", {st} ", None, None), (zip_code(ctx, zip3), "geographic", None)]


def city_state(ctx: Ctx) -> list[Piece]:
    city, st, state, _ = ctx.pick(CITIES)
    return [(city, "geographic", None), (", " + ctx.pick([st, st, state]), None, None)]


def health(category: str) -> Callable[[Ctx], str]:
    def pick(ctx: Ctx) -> str:
        if category in HEALTH_TYPOS and ctx.chance(0.06):
            return ctx.pick(HEALTH_TYPOS[category])
        term = ctx.pick(HEALTH_VOCAB[category])
        for _ in range(5):  # no "HIV and HIV"
            if term.lower() not in ctx.used:
                break
            term = ctx.pick(HEALTH_VOCAB[category])
        ctx.used.add(term.lower())
        if category == "medication":
            ctx.last_med = term
        r = ctx.rng.random()
        if r < 0.08:
            return term.lower()
        if r < 0.12 and term[0].islower():
            return term[0].upper() + term[1:]
        if r < 0.15:
            return term.upper()
        return term

    return pick


SLOTS: dict[str, Callable[[Ctx], str | list[Piece]]] = {
    # names
    "name": lambda c: full_name(c, c.pick(c.first_pool), c.pick(c.last_pool)),
    "first": lambda c: c.pick(c.first_pool),
    "last": lambda c: setattr(c, "surname", c.pick(c.last_pool)) or c.surname,
    "capsname": lambda c: caps_name(c, c.pick(c.first_pool), c.pick(c.last_pool)),
    "dicomname": lambda c: dicom_name(c, c.pick(c.first_pool), c.pick(c.last_pool)),
    "pname": lambda c: full_name(c, *c.person),
    "pfirst": lambda c: c.person[0],
    "plast": lambda c: c.person[1],
    "pcaps": lambda c: caps_name(c, *c.person),
    "pdicom": lambda c: dicom_name(c, *c.person),
    "ptitle": lambda c: c.pick(["Ms.", "Mr.", "Mx."]),
    # places
    "city": lambda c: c.pick(CITIES)[0],
    "city_st": city_state,
    "city_st_zip": city_state_zip,
    "street": street,
    "zip": zip_code,
    "address": address,
    "state": lambda c: c.pick(CITIES)[2],
    "ST": lambda c: c.pick(CITIES)[1],
    "state_abbr": lambda c: c.pick(CITIES)[1],
    # dates
    "date": lambda c: c.pick(DATE_FORMATS)(random_date(c, 2019, 2024)),
    "date_short": lambda c: c.pick(SHORT_DATE_FORMATS)(random_date(c, 2023, 2024)),
    "dob": lambda c: c.pick(DATE_FORMATS)(random_date(c, 1926, 2005)),
    "dob_dicom": lambda c: random_date(c, 1926, 2005).strftime("%Y%m%d"),
    "dob_compact": lambda c: c.pick(DATE_FORMATS + [lambda d: d.strftime("%Y%m%d")] * 3)(random_date(c, 1926, 2005)),
    "monthyear": lambda c: c.pick(
        [
            lambda d: f"{MONTHS[d.month - 1]} {d.year}",
            lambda d: f"{d.month:02d}/{d.year}",
            lambda d: f"{MONTHS[d.month - 1][:3]} '{d.year % 100:02d}",
        ]
    )(random_date(c, 2019, 2024)),
    "age90": lambda c: str(c.rng.randint(90, 104)),
    # numbers
    "phone": phone_number,
    "fax": phone_number,
    "ssn": ssn,
    "mrn": mrn,
    "member": member_id,
    "mbi": mbi,
    "medicaid": lambda c: c.letters(2) + c.digits(5) + c.letters(1),
    "acct": lambda c: c.pick(
        [lambda: c.digits(10), lambda: "A" + c.digits(9), lambda: f"{c.digits(3)}-{c.digits(4)}-{c.digits(3)}", lambda: c.digits(12)]
    )(),
    "npi": npi,
    "dea": dea,
    "medlic": lambda c: c.pick(
        [
            lambda: "A" + c.digits(6),
            lambda: "MD" + c.digits(5),
            lambda: "ME " + c.digits(5),
            lambda: "0101" + c.digits(6),
            lambda: "D-" + c.digits(5),
        ]
    )(),
    "dl": lambda c: c.pick(
        [
            lambda: c.letters(1) + c.digits(7),
            lambda: f"{c.digits(3)} {c.digits(3)} {c.digits(3)}",
            lambda: f"{c.letters(1)}{c.digits(3)}-{c.digits(4)}-{c.digits(4)}",
        ]
    )(),
    "vin": vin,
    "plate": lambda c: c.pick(
        [
            lambda: c.digits(1) + c.letters(3) + c.digits(3),
            lambda: f"{c.letters(3)}-{c.digits(4)}",
            lambda: f"{c.letters(3)} {c.digits(3)}",
            lambda: c.letters(3) + c.digits(4),
        ]
    )(),
    "pm_serial": lambda c: c.pick(["PJN", "RNB", "BVX", "NWR"]) + c.digits(6) + c.pick("SH"),
    "pump_serial": lambda c: "NG" + c.digits(7) + "H",
    "cgm_id": lambda c: "8" + c.letters(1) + c.digits(1) + c.letters(3, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"),
    "udi": udi,
    "serial": lambda c: c.letters(1) + c.digits(2) + c.letters(1) + c.digits(7),
    "mac": lambda c: ":".join(f"{c.rng.randrange(256):02X}" for _ in range(6)),
    "email": email,
    "url": url,
    "ip": ip_address,
    "handle": lambda c: "@" + handle(c),
    "uhandle": lambda c: "u/" + (c.pick(["Throwaway_", "tired_", "Anxious", "Spoonie", ""]) + handle(c))[:20],
    # health
    "cond": health("condition"),
    "med": health("medication"),
    "proc": health("procedure"),
    "lab": health("lab_test"),
    # plain text
    "dose": lambda c: c.pick(MED_DOSES.get(c.last_med.lower(), GENERIC_DOSES)),
    "year": lambda c: str(c.rng.randint(2008, 2023)),
    "labval": lambda c: c.pick(["9.2%", "6.8", "4.1", "212", "0.9", "11.4", "under 20", "borderline", "57"]),
    "small_age": lambda c: str(c.rng.randint(19, 86)),
    "order9": lambda c: c.digits(9),
    "tracking": lambda c: "1Z" + c.letters(6, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789") + c.digits(10),
    "conf": lambda c: c.letters(6),
    "version": lambda c: f"{c.rng.randint(1, 17)}.{c.rng.randint(0, 9)}.{c.rng.randint(0, 20)}",
    "pet": lambda c: c.pick(PETS),
    "weekday": lambda c: c.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
    "rel_word": lambda c: c.pick(["daughter", "son", "husband", "wife", "sister", "neighbor", "partner"]),
    "hosp": lambda c: c.pick(HOSPITALS),
    "pharmacy": lambda c: c.pick(PHARMACIES),
    "insurer": lambda c: c.pick(INSURERS),
    "public_url": lambda c: c.pick(PUBLIC_URLS),
    "emoji": lambda c: c.pick(EMOJI),
    "hashtag": lambda c: c.pick(HASHTAGS),
}
assert set(SLOT_KINDS) <= set(SLOTS)
for _t in (
    [t for ts in IDENT_TEMPLATES.values() for t in ts]
    + HEALTH_TEMPLATES
    + NEUTRAL_TEMPLATES
    + OPENERS
    + CLOSERS
    + CAPTION_TEMPLATES
    + REDDIT_TITLES
    + NOTE_HEADER
    + NOTE_BODY
    + NOTE_FOOTER
    + CAREGIVER_TEMPLATES
):
    assert set(_SLOT_RE.findall(_t)) <= set(SLOTS), _t

# ================================================================================================
