"""Facilities where a person was treated: "Methodist Hospital", "UCLA Med Ctr", "westbury general",
"ST. ELSEWHERE MEDICAL CENTER", "St. Luke's", "Mt. Sinai", "Johns Hopkins", "NYU Langone"; and the other named
places that locate a person as surely, by the same rules: a school ("Lincoln High School", "Boston College"), a
place of worship ("St. Agnes Church") or a funeral home ("Hartley Funeral Home").

Readings, in any case: words that name a facility before a facility word ("Valley Clinic", "boston
children's", "LAKEVIEW REHAB"; "the clinic" or "pulm. clinic" name none); capitalised names after a facility
word of a language that puts it first ("Ospedale San Raffaele", "Hôpital Necker", "Klinikum rechts der
Isar", "Clínica Santa María", "Hospital Universitario de Caracas"); a pharmacy chain's store by its number
("Walgreens #4402", "CVS store 1123", "Walgreens 11042": the chain's name alone is no place) or where it stands
("walgreens on 5th ave", "Rite Aid Lancaster"); a
veterans' or fraternal hall by its number ("VFW Post 8843"); a health system with its town
("Kaiser Roseville"); a saint's or mount's name after a place cue ("seen at St. Luke's", "transferred to st
vincent's"); and the distinctive words of a US hospital's name from the CMS list (facilities.txt, see
build_facilities.py), capitalised or after a place cue, and of those that are also surnames ("Vanderbilt",
"Baylor": facilities_after_cue.txt) capitalised after "at", "to" or "from". spaCy's ORG spans holding a
facility word count too. A facility with a date says where a person was treated, so it
is reported under `geographic` as its own entity (FACILITY), which a policy may weigh apart from addresses.
No maintained library recognizes facility names in running text; the gazetteer lookup is a token trie.
"""

from __future__ import annotations

import functools
from pathlib import Path

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname
from auditor.scanners.text.recognizers._patterns import FAMILY_TITLES, SpanRecognizer
from auditor.scanners.text.recognizers._places import is_known_town, us_towns

#: A private practice's or a pharmacy's words: "Lakewood Neurology", "Eastlake Dental Group", "Fairview Internal
#: Medicine", "Flatirons Physio", "Halstead Pharmacy", "Lakeshore Surgical Associates". Capitalised only, and only
#: after a name that is not all everyday words, or after a place cue ("at Summit Physical Therapy"): "Pediatric
#: Neurology", "Stroke Neurology" and "CVS Pharmacy" name no place.
_PRACTICE_HEADS = (
    r"(?:dental|surgical|medical|orthopa?edic|eye|vision|physicians|pediatric|oncology|urology|cardiology|dermatology)"
    r"\s+(?:group|associates|partners|specialists|consultants)"
    r"|(?:internal|family|sports|integrative|functional|concierge)\s+medicine|oral\s+surgery|home\s+(?:care|health)"
    r"|(?:physical|occupational|speech)\s+therapy|eye\s+care|dental|dentistry|orthodontics|neurology|cardiology"
    r"|dermatology|audiology|optometry|podiatry|urology|oncology|gastroenterology|ophthalmology|psychiatry|pulmonology"
    r"|rheumatology|endocrinology|nephrology|chiropractic|physio(?:therapy)?|pharmacy|apothecary"
)
_PRACTICE = regex.compile(_PRACTICE_HEADS, regex.IGNORECASE)
#: Chains whose name before "Pharmacy" is no place without its store number ("Walgreens #4402" is one).
_CHAINS = frozenset(
    ["walgreens", "cvs", "rite", "aid", "walmart", "wal-mart", "kroger", "costco", "publix", "duane", "reade", "safeway"]
    + ["h-e-b", "heb", "target", "albertsons", "meijer", "winn-dixie", "giant", "eagle", "hy-vee", "boots", "express"]
)
#: Words that say a name is a facility's. Case-insensitive; "general", "health" and "children's" only
#: after a capitalised name (see _WEAK_HEADS); "hosp no" and "hospital #" are a record number's label.
_HEADS = (
    _PRACTICE_HEADS
    + r"|(?:hospitals?|hosp\.?)(?![ \t]*(?:no\b|#|number\b|id\b))|clinics?|clinic(?=\w)|medical\s+cent(?:er|re)|med\.?\s+c(?:en)?te?r\.?|medical\s+ctr\.?|health\s*cent(?:er|re)|healthcare"
    r"|health\s+care|health\s+system|health\s+services|infirmary|hospice|nursing\s+(?:home|facility)|care\s+cent(?:er|re)"
    r"|rehab(?:ilitation)?(?:\s+(?:center|hospital|facility))?|urgent\s+care|surgery\s+cent(?:er|re)|surgical\s+cent(?:er|re)"
    r"|cancer\s+(?:cent(?:er|re)|institute)|heart\s+institute|medical\s+group|senior\s+living|assisted\s+living|sanatorium|sanitarium"
    r"|polyclinic|klinikum|krankenhaus|ziekenhuis|spital|orthopa?edics|pediatrics|dialysis|imaging|radiology|general|health|children['’]s"
    r"|women['’]s|memorial|practice|cent(?:er|re)|ctr\.?|medical|institute|home\s+(?:infusion|medical)"
    # a hospital's last word after its name, as people shorten it: "Duke Regional", "Ochsner Baptist", "Houston Methodist"
    r"|regional|baptist|methodist|presbyterian|lutheran|adventist"
    # places other than a clinic that locate a person as surely: a school, a place of worship, a funeral home
    r"|funeral\s+(?:home|chapel|services)|mortuary|crematorium|cemetery|(?:high|middle|elementary|grammar|primary)\s+school|elementary"
    r"|school|academy|college|university|church|cathedral|chapel|parish|mosque|synagogue|temple"
)
#: Heads that name a facility only after a capitalised name: "Methodist Women's", "Jackson Memorial",
#: "Eastside Family Practice", "Barbara Davis Center"; not "women's health", "private practice", "the center".
_WEAK_HEADS = frozenset(
    {
        "general",
        "health",
        "children's",
        "children’s",
        "imaging",
        "radiology",
        "pediatrics",
        "dialysis",
        "orthopedics",
        "orthopaedics",
        "women's",
        "women’s",
        "memorial",
        "practice",
        "center",
        "centre",
        "ctr",
        "ctr.",
        "medical",
        "institute",
        "school",
        "academy",
        "college",
        "university",
        "church",
        "chapel",
        "parish",
        "temple",
        "cemetery",
        "regional",
        "baptist",
        "methodist",
        "presbyterian",
        "lutheran",
        "adventist",
        "elementary",
    }
)
_HEAD = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_HEADS})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)
#: A name word before the facility word: "Mary's", "Cedars-Sinai", "UCLA", "St.", "NY", "&".
_NAME_WORD = regex.compile(r"(?:(?<![\p{L}\p{N}])(?:[\p{L}][\p{L}'’-]*|(?<![\p{L}])[\p{L}][\p{L}]{0,3}\.|&))[ \t]+$")
#: Lower-case words inside a capitalised name: "Brigham and Women's", "Antoni van Leeuwenhoek Ziekenhuis".
_JOINERS = frozenset({"of", "&", "and", "van", "von", "der", "den", "de", "du", "la", "di", "da", "del"})
#: Words that end a facility's name on its left: "seen at", "TRANSFER FROM", "the".
_BREAK = frozenset(
    [
        "at",
        "to",
        "from",
        "in",
        "into",
        "on",
        "by",
        "with",
        "for",
        "via",
        "is",
        "was",
        "were",
        "are",
        "be",
        "as",
        "or",
        "but",
        "then",
        "than",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "until",
        "seen",
        "had",
        "has",
        "have",
        "went",
        "go",
        "going",
        "visited",
        "admitted",
        "transferred",
        "treated",
        "the",
        "a",
        "an",
        "pt",
        "patient",
        "dr",
        "mr",
        "mrs",
        "ms",
        "my",
        "his",
        "her",
        "our",
        "their",
        "your",
        "this",
        "that",
        "dest",
        "destination",
    ]
)
#: Words that qualify a facility without naming it: "the clinic", "our NYC clinic" keeps "NYC".
GENERIC_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "my",
        "his",
        "her",
        "their",
        "your",
        "this",
        "that",
        "these",
        "those",
        "local",
        "nearest",
        "nearby",
        "same",
        "other",
        "another",
        "new",
        "pain",
        "eye",
        "dental",
        "sleep",
        "allergy",
        "fertility",
        "walk-in",
        "walk",
        "free",
        "private",
        "public",
        "rural",
        "university",
        "state",
        "city",
        "county",
        "community",
        "regional",
        "medical",
        "pulm",
        "pulm.",
        "pulmonary",
        "cardiology",
        "cardiac",
        "renal",
        "wound",
        "ortho",
        "oncology",
        "psych",
        "psychiatric",
        "mental",
        "behavioral",
        "women's",
        "womens",
        "children's",
        "childrens",
        "pediatric",
        "va",
        "vet",
        "veterans",
        "student",
        "animal",
        "family",
        "specialty",
        "surgical",
        "surgery",
        "primary",
        "urgent",
        "outpatient",
        "inpatient",
        "main",
        "teaching",
        "research",
        "methadone",
        "derm",
        "dermatology",
        "neuro",
        "neurology",
        "gi",
        "ob",
        "obgyn",
        "gyn",
        "ent",
        "er",
        "ed",
        "icu",
        "or",
        "physical",
        "therapy",
        "sunday",
        "grad",
        "graduate",
        "law",
        "nursing",
        "summer",
        "bible",
        "night",
        "boarding",
        "high",
        "rehab",
        "health",
        "care",
        "attorney",
        "surgeon",
        "inspector",
        "brigadier",
        "lieutenant",
        "major",
        "secretary",
        "consul",
        "postmaster",
        "accountant",
        "department",
        "dept",
        "division",
        "section",
        "service",
        "services",
        "unit",
        "ward",
        "consult",
        "fellowship",
        "residency",
        "program",
        "society",
        "association",
        "journal",
        "board",
        "american",
        "national",
        "adult",
        "clinical",
        "interventional",
        # a department's subject, which names a clinic's service, not the clinic: "the vascular clinic", "Anticoag clinic"
        "vascular",
        "haematology",
        "hematology",
        "anticoag",
        "anticoagulation",
        "coumadin",
        "diabetes",
        "diabetic",
        "foot",
        "podiatry",
        "veterinary",
        "post-covid",
        "covid",
        "memory",
        "fracture",
        "breast",
        "transplant",
        "travel",
        "vaccine",
        "vaccination",
        "rheumatology",
        "endocrine",
        "endocrinology",
        "urology",
        "antenatal",
        "prenatal",
        "maternity",
        "stroke",
        "compounding",
    ]
)
#: Heads of places of worship, and the denominations that qualify one without naming it: "the Baptist Church" is
#: no place, "First Baptist Church" and "St. Agnes Catholic Church" are.
#: Words that qualify a denomination, not a hospital: "Seventh-day Adventist", "Missouri Synod Lutheran".
_CHURCH_QUALIFIERS = frozenset(["seventh-day", "synod", "missouri", "wisconsin", "evangelical", "reformed", "primitive", "orthodox"])
#: Companies and standards whose "Health" names an app, a service or a card, not a place.
_TECH_BRANDS = frozenset(["apple", "google", "samsung", "uber", "lyft", "amazon", "smart", "fitbit", "garmin", "microsoft", "oracle"])
#: Hospital units' acronyms, which name no facility before a weak head: "ICU Health", "ED Imaging".
_UNIT_ACRONYMS = frozenset(
    ["ICU", "NICU", "PICU", "CCU", "CVICU", "SICU", "MICU", "ER", "ED", "OR", "PACU", "OB", "GI", "ENT", "IM", "FM", "PT", "OT"]
)
_WORSHIP = frozenset({"church", "cathedral", "chapel", "parish", "mosque", "synagogue", "temple"})
DENOMINATIONS = frozenset(
    ["baptist", "catholic", "methodist", "lutheran", "presbyterian", "episcopal", "orthodox", "anglican", "evangelical"]
    + ["pentecostal", "mormon", "christian", "adventist", "unitarian", "congregational", "reformed", "jewish", "muslim"]
)
#: A capitalised word before a weak head that makes it no facility: "Public Health", "Mental Health".
_PLACE_CUE = regex.compile(r"(?i:\b(?:at|to|from|in|into|@|via|by)[ \t]+(?:the[ \t]+)?)$")
#: "St. Luke's", "Saint Mary's", "st vincent's" after a place cue: the possessive names the institution
#: ("from St. Louis" is a town; "Mt. Sinai" is in _WELL_KNOWN).
_SAINT = regex.compile(r"(?i:\b(?:st|ste|saint)\.?[ \t]+)[\p{L}][\p{L}-]+['’]s(?![\p{L}])")
_NOT_AFTER_SAINT = regex.compile(
    r"[ \t]+(?i:day|church|cathedral|school|college|parish|street|st\b|avenue|ave\b|road|rd\b|island|lake|river)"
)
#: Well-known systems whose CMS names differ from what people write.
_WELL_KNOWN = (
    "mass general",
    "mount sinai",
    "mt sinai",
    "mt. sinai",
    "cedars-sinai",
    "cedars sinai",
    "cedar sinai",
    "dana-farber",
    "md anderson",
    "sloan kettering",
)
#: Facility words that come before the name in Italian, French, German, Polish, Spanish and Portuguese; Spanish
#: "Hospital" only before a word that English would not put there ("Hospital Ángeles", not "Hospital Course").
_LEADING_HEAD = (
    r"(?-i:Ospedale|Policlinico|Azienda\s+Ospedaliera|H[ôo]pital|H[ôo]tel-Dieu|Clinique|Centre\s+Hospitalier|CHU|Klinikum"
    r"|Universitätsklinikum|Krankenhaus|Klinik|Szpital|Cl[íi]nica|Sanatorio|Centro\s+M[ée]dico|Hospital(?=\s+(?:Universit[aá]ri[oa]|Cl[íi]nico|General\s+de"
    r"|de|del|das|dos|do|da|San|Santa|Santo|São|Nuestra|Nacional|Infantil|Militar|[ÁA]ngeles|Español|Italiano|Alemán|Británico"
    r"|Metropolitano|Materno|Civil)\b))"
)
_NAME_AFTER_HEAD = r"(?:\p{Lu}[\p{L}'’.-]*|\d{1,4}\b)"
_PARTICLE = r"(?-i:de|del|de\s+la|di|della|dei|der|des|du|la|le|das|dos|do|da|rechts|links|am|an|im|zu|y|e)"
_LEADING = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_LEADING_HEAD})(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_NAME_AFTER_HEAD}){{1,4}}")
#: A pharmacy chain's store by its number: "Walgreens #4402", "CVS store 1123", "CVS MinuteClinic #6712".
_STORE = regex.compile(
    r"\b(?:walgreens|cvs|rite[ -]aid|walmart|wal-mart|kroger|costco|publix|duane\s+reade|safeway|h-e-b|heb|target|albertsons"
    r"|meijer|winn-dixie|giant\s+eagle|hy-vee)(?:[ \t]+(?:pharmacy|minute\s?clinic|health(?:hub)?|supercenter))?"
    r"[ \t]*(?:#[ \t]*|(?:store|location|loc\.?)[ \t]*(?:#|no\.?|number)?[ \t]*|[ \t](?<=(?-i:Walgreens|WALGREENS|CVS|Kroger|KROGER|Publix|Safeway|Walmart)[ \t])(?!(?:19|20)\d\d\b)(?=\d{4,6}\b(?![ \t]*(?i:mg|ml|iu|units?|miles?|blocks?|min|calories|steps|times|points|lower|higher|flu|holiday))))\d{2,6}\b",
    regex.IGNORECASE,
)
#: A pharmacy chain's store by where it stands, the chain's name alone in the span (the street or the town is read by
#: its own recognizer): "filled at walgreens on 5th ave", "Walmart on Route 6", "the Kroger pharmacy in Delaware",
#: "Rite Aid Lancaster". Chains whose names are everyday words (Target, Giant) need their capital.
_STORE_WHERE = regex.compile(
    r"\b(?P<store>(?i:walgreens|cvs|rite[ -]aid|walmart|wal-mart|kroger|costco|publix|duane\s+reade|safeway|albertsons|meijer"
    r"|winn-dixie|hy-vee|h-e-b)|(?-i:Target|TARGET|Giant|GIANT))(?:[ \t]+(?i:pharmacy))?"
    r"(?=[ \t]+(?:(?i:on|in|at|off|near)[ \t]+(?:the[ \t]+)?(?:\p{Lu}|\d{1,3}(?:st|nd|rd|th)\b|\d{1,5}[ \t]+\p{Lu})"
    r"|(?P<town>\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?)(?![ \t]*(?:\p{Lu}|[#\d]))))"
)
#: A veterans' or a fraternal hall by its number: "VFW Post 8843", "American Legion Post 112", "Elks Lodge 1517".
_HALL = regex.compile(
    r"\b(?:VFW|American[ \t]+Legion|AMVETS|DAV|Elks|Moose|Eagles)[ \t]+(?:Post|Lodge|Chapter|Aerie)[ \t]*#?[ \t]*\d{1,5}\b"
)
#: A health system named with its town: "Kaiser Roseville", "Sutter Santa Rosa", "Banner Tucson".
_SYSTEM = regex.compile(
    r"\b(?:Kaiser(?:\s+Permanente)?|Sutter|Dignity(?:\s+Health)?|Providence|Banner|Intermountain|Atrium|Ascension"
    r"|Novant|Sanford|Essentia|Geisinger|Allina|Aurora|Baptist|Methodist|Mercy|Scripps|Sharp|Valleywise|UCHealth|UPMC|Ochsner)"
    r"[ \t]+(?:-[ \t]+)?(?P<town>\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2})"
)
#: What people call a big US health system or hospital by one word after "at", "to" or "from":
#: "her A1c was 11.2 at Presbyterian", "i work at kaiser", "a reminder from Kaiser", "took her to methodist". The
#: CMS names spell them otherwise ("Kaiser Foundation Hospital - Fontana") or leave them out of the gazetteer as
#: everyday words, given names or denominations; an everyday word needs its capital ("at Mercy", not "at the mercy").
_SYSTEM_NICKNAMES = (
    "kaiser|cedars|mayo|presbyterian|methodist|baptist|mercy|charity|grady|parkland|rush|ascension|sentara|ochsner"
    "|geisinger|intermountain|sutter|atrium|novant|beaumont|swedish|advocate|piedmont|hopkins|northwell|upmc|osf|ucsf"
    "|mgh|chop|mskcc|uab|ohsu|unmh|vumc|uchealth|froedtert|bellevue|sloan"
)
_NICKNAME_AFTER_CUE = regex.compile(
    rf"(?i:\b(?:at|to|from)[ \t]+(?:the[ \t]+)?)(?P<name>(?i:{_SYSTEM_NICKNAMES}))(?:['’]s)?(?![\p{{L}}\p{{N}}'’-])"
    r"(?![ \t]+\p{Lu})"  # "to Sutter Creek", "to Charity Jones": the word begins another name
)
#: "at", "to" or "from" right before a word; a capitalised word alone, its possessive kept ("at Baylor's").
_AT_TO_FROM = regex.compile(r"(?i:\b(?:at|to|from)[ \t]+(?:the[ \t]+)?)$")
_CAPITALISED_WORD = regex.compile(r"(?<![\p{L}\p{N}'’-])(?P<word>\p{Lu}(?:\p{Ll}+|\p{Lu}+))(?:['’]s|['’]S)?(?![\p{L}\p{N}'’-])")
_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’&.-]*")
#: A stay, a procedure or a care event before "at", "to" or "from" a capitalised name, or an emergency or
#: ward word after it: the name is where it happened ("c-section at Northside", "in the NICU at Children's Mercy",
#: "Admitted to Royal Prince Alfred", "to Good Sam ED", "at Wythenshawe on ward F7"), known to locals only.
_EVENT = (
    r"admitted|admission|transferred|transfer|discharged|delivered|born|treated|seen|operated|surgery|c-section"
    r"|chemo|infusion|dialysis|radiation|biopsy|mri|ct|scan|x-?ray|ultrasound|icu|nicu|picu|appt|appointment"
    r"|rehab|diagnosed|attended|endo|(?P<doctor>cardiologist|oncologist|neurologist|surgeon|pediatrician|specialist|referred|refer)"
)
#: Family titles before a relative's name: "to Aunt Linda", "to Grandma Rose".
_KIN_WORDS = frozenset([title.casefold() for title in FAMILY_TITLES] + ["mom", "dad"])
#: A person brought there or back: "Transport pt #1 to UC Health", "took her to PCEA Tumutumu", "home from Rush";
#: weaker than a care event, so never a first name alone ("sent it to Maria").
_BROUGHT = r"transport(?:ed|ing)?|took|taken|brought|rushed|airlifted|flown|sent|home(?=[ \t]+from\b)"
_PLACE_NAME = r"\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:\p{Lu}[\p{L}'’-]+|of|&)){0,3}"
#: An emergency department or a ward after a name: the name is the hospital's ("to Good Sam ED", "from Commerce ED").
_UNIT_AFTER = r"[ \t]+(?:ED|ER|A&E|ICU|NICU|PICU|CCU|(?i:on[ \t]+)?(?i:ward|emergency[ \t]+(?:room|department|dept)))\b"
_AFTER_EVENT = regex.compile(
    rf"(?i:\b(?:(?P<brought>{_BROUGHT})|{_EVENT})\b[^.,;!?\n]{{0,30}}?\b(?:at|to|from)[ \t]+(?:the[ \t]+)?)(?P<name>{_PLACE_NAME})"
    r"|(?i:\b(?:at|to|from|attended)[ \t]+(?:the[ \t]+)?)(?P<unit>" + _PLACE_NAME + r")(?=" + _UNIT_AFTER + ")"
)
_UNIT_AFTER_RE = regex.compile(_UNIT_AFTER)
#: Capitalised words after a cue that name a time, a unit or a person rather than a place.
_NOT_A_PLACE_NAME = frozenset(
    ["i", "home", "noon", "midnight", "christmas", "easter", "thanksgiving", "today", "tomorrow", "tonight", "icu", "nicu"]
    + ["picu", "ed", "er", "or", "pacu", "micu", "sicu", "ccu", "a&e", "l&d", "snf", "ltac", "rehab", "hospice", "floor"]
    + ["dr", "mr", "mrs", "ms", "miss", "prof", "nurse", "pt", "patient", "the", "my", "his", "her", "our", "their", "am", "pm"]
    + ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november"]
    + ["december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday"]
    + ["tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs"]
    + ["fri", "sat", "sun", "week", "weeks", "day", "days", "month", "months", "year", "years"]
)
#: A form's or a run sheet's label of where care happened, and its value in capitalised words to the line's end, a
#: comma or a wide gap: "Facility: Sacred Heart", "Institution Name: ST. MARY", "DEST Riverside Methodist".
_LABELLED = regex.compile(
    r"(?:(?<![\p{L}])(?i:facility|hospital|clinic|pharmacy|institution|practice|place[ \t]+of[ \t]+service|destination"
    r"|receiving[ \t]+facility|treating[ \t]+facility)(?:[ \t]+(?i:name))?[ \t]*:|(?<![\p{L}])(?-i:DEST)[ \t]*:?)[ \t]*"
    r"(?P<name>(?:St\.|Mt\.|ST\.|MT\.|\p{Lu}[\p{L}'’&-]*)(?:[ \t](?:St\.|\p{Lu}[\p{L}'’&.-]*|of|&|and)){0,5})(?=[ \t]*(?:$|[,;(\n]|[ \t]{2}))",
    regex.MULTILINE,
)
#: A labelled field's answer that names no facility: "Hospital: Yes", "Clinic: None".
_NOT_A_FACILITY_VALUE = frozenset(
    ["yes", "no", "none", "n/a", "na", "unknown", "other", "same", "home", "self", "tbd", "pending", "see", "not", "applicable"]
    + ["admitted", "overnight", "discharge", "discharged", "afternoon", "morning", "evening", "pediatrics", "outpatient"]
)
_SCORE = {
    "event": 0.6,
    "head": 0.7,
    "lower": 0.6,
    "saint": 0.6,
    "gazetteer": 0.65,
    "ner": 0.6,
    "leading": 0.65,
    "store": 0.7,
    "system": 0.65,
    "after cue": 0.6,
    "labelled": 0.65,
}
_MAX_NAME_WORDS = 5


def holds_facility_word(value: str) -> bool:
    """Whether a span holds a word that names a facility ("ALLINA HEALTH", "Lakewood Neurology")."""
    return _HEAD.search(value) is not None


@functools.cache
def after_cue_names() -> frozenset[str]:
    """One-word hospital names that are also surnames (facilities_after_cue.txt, see build_facilities.py)."""
    lines = Path(__file__).with_name("facilities_after_cue.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@functools.cache
def facility_trie() -> dict[str, list[tuple[str, ...]]]:
    """First word → the gazetteer's names starting with it (as word tuples, longest first); read once."""
    lines = Path(__file__).with_name("facilities.txt").read_text(encoding="utf-8").splitlines()
    trie: dict[str, list[tuple[str, ...]]] = {}
    for line in [*lines, *_WELL_KNOWN]:
        if line and not line.startswith("#"):
            words = tuple(line.replace(".", "").split())
            trie.setdefault(words[0], []).append(words)
    for names in trie.values():
        names.sort(key=len, reverse=True)
    return trie


class FacilityRecognizer(SpanRecognizer):
    """Hospital, clinic and other facility names by their facility word (after or before the name), a store
    number, a saint's name or the CMS gazetteer."""

    ENTITY = "FACILITY"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None):
        return [
            *self._headed(text),
            *((m.start(), m.end(), _SCORE["leading"], "facility word first") for m in _LEADING.finditer(text)),
            *((m.start(), m.end(), _SCORE["store"], "store number") for m in _STORE.finditer(text)),
            *self._stores_where(text),
            *((m.start(), m.end(), _SCORE["store"], "veterans' or fraternal hall") for m in _HALL.finditer(text)),
            *self._systems(text),
            *self._after_cue(text),
            *self._nicknames(text),
            *self._after_event(text),
            *self._labelled(text),
            *self._saints(text),
            *self._gazetteer(text),
            *self._ner(text, nlp_artifacts),
        ]

    @staticmethod
    def _headed(text: str):
        """Name words before a facility word, in the facility word's case (or after a place cue in lower case)."""
        for head in _HEAD.finditer(text):
            word = head.group()
            capitalised = word[0].isupper()
            weak = word.casefold().replace("’", "'") in _WEAK_HEADS or _PRACTICE.fullmatch(word) is not None
            if weak and not capitalised:
                continue
            start = head.start()
            words: list[str] = []
            while len(words) < _MAX_NAME_WORDS:
                match = _NAME_WORD.search(text, max(0, start - 40), start)
                if match is None:
                    break
                name = match.group().strip()
                bare = name.rstrip(".").casefold()
                if bare in _BREAK:
                    break
                if capitalised and not (name[0].isupper() or bare in _JOINERS):
                    break
                if not capitalised and words and bare not in _JOINERS and name[0].isupper() != words[0][0].isupper():
                    break  # "Dr. Halvorsen says he can start rehab": a lower-case name runs in one case
                if not capitalised and not words and bare in _JOINERS:
                    break  # "salió del hospital", "out of hospital": the hospital, no name before it
                words.insert(0, name)
                start = match.start()
            while words and words[0].rstrip(".").casefold() in _JOINERS:
                start += len(words.pop(0))
                start = _skip_space(text, start)
            named = [w for w in words if w.rstrip(".").casefold() not in GENERIC_WORDS and w.casefold() not in _JOINERS]
            end = _of_tail(text, head.end()) if capitalised else head.end()
            if weak and _continues_a_phrase(text, word, head.end()):
                continue  # "INDEPENDENT MEDICAL EXAMINATION", "Diabetes Medical Management Plan": an adjective
            if not named and end == head.end():
                continue  # "the clinic", "pulm. clinic", "Children's Hospital" alone
            if word.casefold() in _WORSHIP and named and all(w.casefold() in DENOMINATIONS for w in named):
                continue  # "the Baptist Church": a denomination, no place
            if named and all(w.islower() for w in named) and _PLACE_CUE.search(text, max(0, start - 12), start) is None:
                continue  # a lower-case name needs "at", "to", "from" before it: "seen at riverside hospital"
            acronyms = weak and len(named) == len(words) and all(w.isupper() for w in words) and not word.isupper()
            if acronyms and not (word.casefold().startswith("children") and all(w.upper() not in _UNIT_ACRONYMS for w in named)):
                continue  # "ICU Health", "CDC Health Alert": an acronym before a weak head; "OU Children's" is a place
            if weak and named and all(w.casefold() in _TECH_BRANDS for w in named):
                continue  # "Apple Health", "Uber Health", "SMART Health Card": an app's or a service's name, no place
            if word.casefold() in DENOMINATIONS and named and all(is_common(w) or w.casefold() in _CHURCH_QUALIFIERS for w in named):
                continue  # "Southern Baptist", "United Methodist": a denomination, no hospital
            if _PRACTICE.fullmatch(word) and not _names_a_practice(text, start, named):
                continue
            yield start, end, _SCORE["head" if capitalised or not all(w.islower() for w in named) else "lower"], "facility word"

    @staticmethod
    def _stores_where(text: str):
        """A chain's store by the street or the town it stands in; a town after the name must be one the gazetteers know."""
        for match in _STORE_WHERE.finditer(text):
            if match.group("town") is None or is_known_town(match.group("town")):
                yield match.start("store"), match.end(), _SCORE["store"], "store where it stands"

    @staticmethod
    def _systems(text: str):
        """A health system and the known town of its campus, longest town name first."""
        towns = us_towns()
        for match in _SYSTEM.finditer(text):
            town = match.group("town")
            for n in range(len(town.split()), 0, -1):
                name = " ".join(town.split()[:n]).rstrip(".")
                if name.casefold() in towns:
                    yield match.start(), match.start("town") + len(name), _SCORE["system"], "health system and town"
                    break

    @staticmethod
    def _after_cue(text: str):
        """A capitalised (or all-caps) one-word hospital name that is also a surname, right after "at", "to" or "from"."""
        names = after_cue_names()
        for token in _CAPITALISED_WORD.finditer(text):
            if token.group("word").casefold() in names and _AT_TO_FROM.search(text, max(0, token.start() - 10), token.start()):
                yield token.start(), token.end(), _SCORE["after cue"], "hospital name after a cue"

    @staticmethod
    def _labelled(text: str):
        """A facility's name as a form's label gives it, unless it is a chain's name, a time, a unit, a person (a title or a
        first name first) or only status and department words ("Unknown", "Cardiology")."""
        for match in _LABELLED.finditer(text):
            name = match.group("name")
            words = [w.casefold().rstrip(".") for w in name.split()]
            if words[0] in _CHAINS:
                continue  # "PHARMACY: CVS ON MAIN ST": a chain's name is no place by its label; its number or where it stands makes it one
            if words[0] in _NOT_A_PLACE_NAME or words[0] in _NOT_A_FACILITY_VALUE or (len(words) > 1 and is_given(words[0])):
                continue  # "Practice Name: Dr John Smith", "Facility: Maria Gonzalez": a person
            if all(
                w in _NOT_A_FACILITY_VALUE or w in GENERIC_WORDS or w in _NOT_A_PLACE_NAME or w in _WEAK_HEADS or w in STOP_WORDS
                for w in words
            ):
                continue  # "Clinic: Cardiology", "Destination: Discharge To Home", "Hospital: Unknown At This Time"
            yield match.start("name"), match.end("name"), _SCORE["labelled"], "facility after its label"

    @staticmethod
    def _nicknames(text: str):
        """A big health system's one-word name after a place cue; an everyday word only capitalised."""
        for match in _NICKNAME_AFTER_CUE.finditer(text):
            name = match.group("name")
            if name[0].isupper() or not is_common(name):
                yield match.start("name"), match.end("name"), _SCORE["after cue"], "health system's name after a cue"

    @staticmethod
    def _after_event(text: str):
        """A capitalised name where a stay or a procedure happened, or before its emergency department or ward;
        not a time, a unit, a person (a title or a first name first) or a known town (the city recognizer's)."""
        for match in _AFTER_EVENT.finditer(text):
            group = "name" if match.group("name") else "unit"
            tokens = list(regex.finditer(r"\S+", match.group(group)))
            words = [token.group() for token in tokens]
            cut = next((i for i, w in enumerate(words) if i and w.casefold() in STOP_WORDS and w.casefold() not in _JOINERS), len(words))
            words = words[:cut]  # "FROM WESTBURY GENERAL FOR CARDIAC CATH"
            while words and (words[-1].casefold() in _NOT_A_PLACE_NAME or words[-1].casefold() in _JOINERS):
                words.pop()
            if not words or words[0].casefold() in _NOT_A_PLACE_NAME or (group == "name" and all(w.isupper() for w in words)):
                continue  # in capitals a word has no case to tell a name by: "X-RAY AT BEDSIDE", "CHANGED TO ZOSYN"
            if is_given(words[0]) and (len(words) > 1 or match.group("brought")):
                continue
            end = match.start(group) + tokens[len(words) - 1].end()
            if " ".join(words).casefold() in us_towns() and not _UNIT_AFTER_RE.match(text, end):
                continue  # the town itself (the city recognizer's); "from Commerce ED" is the town's hospital
            if all(w.casefold() in GENERIC_WORDS or w.casefold() in _WEAK_HEADS or _PRACTICE.fullmatch(w) for w in words):
                continue  # "referred to Dermatology": a department, no place
            if len(words) == 1 and is_surname(words[0]) and match.group("doctor"):
                continue  # "my oncologist referred me to Kowalski": a doctor's surname, which the name recognizers read
            if match.group("brought") and _is_no_place_brought_to(words):
                continue
            yield match.start(group), end, _SCORE["event"], "where a stay or procedure happened"

    @staticmethod
    def _saints(text: str):
        for match in _SAINT.finditer(text):
            if _NOT_AFTER_SAINT.match(text, match.end()):
                continue
            if _PLACE_CUE.search(text, max(0, match.start() - 12), match.start()) is not None:
                yield match.start(), match.end(), _SCORE["saint"], "saint"

    @staticmethod
    def _gazetteer(text: str):
        """Known hospital names, capitalised (Title or ALL CAPS) or after a place cue."""
        trie = facility_trie()
        tokens = list(_TOKEN.finditer(text))
        folded = [t.group().casefold().rstrip(".,") for t in tokens]
        for index, token in enumerate(tokens):
            for name in trie.get(folded[index], ()):
                if tuple(folded[index : index + len(name)]) != name:
                    continue
                end = tokens[index + len(name) - 1].end()
                value = text[token.start() : end].rstrip(".,")
                cue = _PLACE_CUE.search(text, max(0, token.start() - 12), token.start()) is not None
                if cue or all(w[0].isupper() for w in value.split()):
                    yield token.start(), token.start() + len(value), _SCORE["gazetteer"], "gazetteer"
                break

    @staticmethod
    def _ner(text: str, nlp_artifacts: NlpArtifacts | None):
        """spaCy's ORG or place spans that hold a facility word ("Brigham and Women's Hospital")."""
        for entity in getattr(nlp_artifacts, "entities", None) or []:
            if (
                entity.label_ in ("ORG", "FAC", "GPE", "LOC")
                and holds_facility_word(entity.text)
                and entity.text.split()[0].casefold() not in GENERIC_WORDS
            ):
                yield entity.start_char, entity.end_char, _SCORE["ner"], "ner"


def _is_no_place_brought_to(words: list[str]) -> bool:
    """After a weak verb of bringing ("took", "sent"), what is no facility: a relative ("took her to Grandma Rose"), a
    chain store ("took my Mom to Costco"), everyday words ("brought Coffee to Work", "sent it to Medical Records")."""
    first = words[0].casefold().rstrip(".")
    everyday = all(is_common(w) and not w.isupper() for w in words)  # an acronym is a name: "to UC Health"
    return first in _KIN_WORDS or first in _CHAINS or first in _NOT_A_PLACE_NAME or everyday


def _names_a_practice(text: str, start: int, named: list[str]) -> bool:
    """Whether the words before a practice's word name one: a word that is no everyday one or a known town
    ("Lakewood Neurology"), or any after a place cue ("at Banner Sports Medicine"); never a chain alone."""
    bare = [w.casefold().removesuffix("'s").removesuffix("’s") for w in named]
    bare = [w for w in bare if w not in _BREAK and w not in GENERIC_WORDS]  # "PT'S PHARMACY"
    if not bare or all(w in _CHAINS for w in bare):
        return False
    if _PLACE_CUE.search(text, max(0, start - 12), start) is not None:
        return True
    return any(not is_common(w) or is_known_town(w) for w in bare)


def _continues_a_phrase(text: str, head: str, end: int) -> bool:
    """Whether a weak head is an adjective before what it qualifies, in the head's own case ("INDEPENDENT MEDICAL
    EXAMINATION", "Diabetes Medical Management Plan", "Health Insurance"), not a facility's last word ("Mercy Medical
    after a hip replacement") nor one inside an organisation's name ("Leslieville Family Health Team")."""
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return False
    word = following.group(1)
    same_case = word.isupper() if head.isupper() else word[0].isupper() and not word.isupper()
    return same_case and word.casefold() in _QUALIFIED_BY_A_HEAD


_NEXT_WORD = regex.compile(r"[ \t]+([\p{L}][\p{L}'’-]*)")
#: What "Medical" or "Health" qualifies in a title or a form's heading, where it names no place.
_QUALIFIED_BY_A_HEAD = frozenset(
    [
        *("examination", "exam", "records", "record", "history", "management", "plan", "necessity", "insurance", "leave"),
        *("certificate", "questionnaire", "form", "report", "summary", "information", "advice", "coverage", "benefits"),
        *("claim", "bill", "supplies", "equipment", "condition", "conditions", "screening", "status", "emergency", "release"),
        # what "Regional" qualifies: a post or an office ("Northeast Regional Director"), an anaesthetic, a body's part
        *("director", "manager", "coordinator", "office", "council", "anesthesia", "anaesthesia", "block", "lymph", "nodes"),
        # a form's name: "Texas Medical Power of Attorney", a jail's "MEDICAL KITE", a "Health Request" slip
        *("power", "kite", "request", "slip", "card", "alert", "anxiety"),
        # what "Regional" names elsewhere: a meeting, a contest, a transit system, a team
        *("conference", "championship", "championships", "tournament", "finals", "transit", "team", "meeting", "sales"),
    ]
)


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t":
        index += 1
    return index


_OF_TAIL = regex.compile(
    r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}|[ \t]+(?:(?!(?i:on|in|at|for|and|with|from|to|by|via|is|was|the)\b)\p{Lu}[\p{L}'’-]+)(?:[ \t]+(?!(?i:from|to|by|via)\b)\p{Lu}[\p{L}'’-]+)?(?=[ \t]*(?:[,.;:)?!]|$|\s+on\b))"
)


def _of_tail(text: str, end: int) -> int:
    """The end of a facility name that goes on after its facility word: "Hospital of Philadelphia",
    "Children's Hospital Los Angeles", "Hospital for Special Surgery"; not "Hospital for Jane D.", whom the
    records are for."""
    tail = _OF_TAIL.match(text, end)
    if tail is None:
        return end
    words = tail.group().split()
    if words[0] == "for" and is_given(words[1]):
        return end
    return tail.end()
