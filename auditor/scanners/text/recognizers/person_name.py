"""Names the small spaCy model misses: DICOM "DOE^JOHN", "PATIENT: DOE, JOHN", "Dr. Patel", "my name is
Ana", "I'm Sam", "my son Jake", and as people write to each other: "my sister's husband raj", "Hi Pradeep,",
"xoxo, Aunt Bea", "Case mgmt Trish", "J. Okafor". Case matters here, so these patterns run without IGNORECASE
and make only their labels case-insensitive; where a pattern also fits everyday words ("Hi team", "D. Take"),
the word lists decide (_is_no_name_here)."""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from auditor.scanners.text.recognizers._lexicon import is_common, is_given, is_surname
from auditor.scanners.text.recognizers._patterns import CREDENTIALS, FAMILY_TITLES, RECORD_LABEL_WORDS, DeclaredPatternRecognizer
from auditor.scanners.text.recognizers._places import is_known_town, is_state, us_towns

#: A title-case name word in any alphabet: Ann, O'Brien, McDonald, Smith-Jones, Muñoz, Søren, Łukasz,
#: Mei-Ling, Seo-yeon.
_WORD = r"\p{Lu}(?:'\p{Lu})?\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{L}\p{Ll}+)?"
#: A lower-case name word ("my son emily", "dr. wang"): only where the introducing phrase leaves no doubt,
#: and never a common function word (see _NOT_LOWER_NAME).
_LOWER = r"\p{Ll}(?:'\p{Ll})?\p{Ll}+(?:-\p{Ll}+)?"
_CAPS = r"\p{Lu}[\p{Lu}'-]+"
_INITIAL = r"\p{Lu}\."
#: Abbreviations in initials after "by" that name a route, a time, a test or a country: "given by I.V. push".
_ABBREVIATED_WORDS = (
    r"(?-i:(?:I[ ]?\.?[ ]?V|P[ ]?\.?[ ]?O|I[ ]?\.?[ ]?M|N[ ]?\.?[ ]?G|A[ ]?\.?[ ]?M|P[ ]?\.?[ ]?M|C[ ]?\.?[ ]?T|U[ ]?\.?[ ]?[KS]|B[ ]?\.?[ ]?P"
    r"|O[ ]?\.?[ ]?R|E[ ]?\.?[ ]?R|M[ ]?\.?[ ]?D|D[ ]?\.?[ ]?O|R[ ]?\.?[ ]?N|N[ ]?\.?[ ]?P|P[ ]?\.?[ ]?A|G[ ]?\.?[ ]?P|E[ ]?\.?[ ]?D|P[ ]?\.?[ ]?T"
    r"|O[ ]?\.?[ ]?T|S[ ]?\.?[ ]?C|I[ ]?\.?[ ]?D|M[ ]?\.?[ ]?R|E[ ]?\.?[ ]?M[ ]?\.?[ ]?S)\.(?!\p{L}))"
)
#: A surname in capitals or in title case.
_CAPS_OR_WORD = rf"(?:{_CAPS}|{_WORD})"
#: Record labels and credentials an all-caps name runs into (RECORD_LABEL_WORDS, CREDENTIALS): "MARCHETTI G MD  NPI";
#: not "DO", a common Vietnamese and Korean surname ("MINH DO", "KIM DO YUN"): a name too long beats one cut short.
_NOT_NAME = rf"(?!(?:{'|'.join(sorted(RECORD_LABEL_WORDS | (CREDENTIALS - {'DO'})))})\b)"
#: First [M.] [Last]: "Maria G. Novak".
_FULL = rf"{_WORD}(?:[ \t]+{_INITIAL})?(?:[ \t]+{_WORD})?"
#: An all-caps "LAST, FIRST M" as pasted from a record: "PARK, INGRID J", "NÚÑEZ, ANNE-MARIE", "SOFIA R ABERNATHY".
_CAPS_NAME = rf"{_CAPS}(?:,?[ \t]+(?:\p{{Lu}}\.?[ \t]+)?{_NOT_NAME}{_CAPS}){{0,3}}(?:[ \t]+\p{{Lu}}\b\.?)?"
#: Credentials after a signature: "NÚÑEZ, RENÉE, MD", "Hamza Muñoz, MD".
_CREDENTIAL = rf"(?:{'|'.join(sorted(CREDENTIALS, key=len, reverse=True))})\b"
#: Record labels that introduce a person's name.
_NAME_LABELS = (
    r"(?:patient(?:'s)?|pt|first|last|given|family|middle|full|maiden)[\s_]*name|patient|pt|name|surname|guarantor|emergency\s+contact|next\s+of\s+kin|contact"
    r"|insured|subscriber|guardian|parent|caregiver|attending|referring|provider|physician|signed\s+by|nurse"
    r"|member|prescriber|claimant|applicant|decedent|deceased|beneficiary|client|resident|student|athlete|camper"
    r"|purchaser|owner|caller|recipient|donor|employee|customer|participant|bill\s+to|attn"
)
_RELATIVES = (
    r"son|daughter|husband|wife|mom|mother|dad|father|brother|sister|grandma|grandmother|grandpa|grandfather"
    r"|aunt|uncle|cousin|nephew|niece|baby|partner|boyfriend|girlfriend|fianc[eé]e?|friend|kid|child"
    r"|grandson|granddaughter|twin|stepson|stepdaughter|stepmom|stepdad|doctor|surgeon|nurse|oncologist"
    r"|(?:mother|father|son|daughter|brother|sister)-in-law|wife|spouse|bestie|roommate|neighbou?r"
    r"|bf|gf|bff|hubby|wifey|sis|bro|mil|fil|sil|bil|dh|dw|ds|dd|fiance"
    r"|mam[aá]|pap[aá]|abuel[oa]|hij[oa]|espos[oa]|herman[oa]|t[ií][oa]|prim[oa]|sobrin[oa]|niet[oa]|suegr[oa]"
)
#: "my son", "my late husband", and the relative of a relative: "my sister's husband"; before a capitalised name
#: also "our", "his", "her" and "their" ("her son Tomasz"), which lower-case verbs follow as often ("our daughter lives").
_RELATION = rf"\s+(?:(?:little|big|baby|older|younger|late|best|twin|ex-?)\s*)?(?:(?:{_RELATIVES})['’]s\s+)?(?:{_RELATIVES})"
_MY_RELATIVE = rf"my{_RELATION}"
_ANYONES_RELATIVE = rf"(?:my|our|his|her|their|mi){_RELATION}"
#: People of a care team named by their role: "Case mgmt Trish", "chaplain Ruth", "RN Kowalski".
_ROLES = (
    r"case\s+(?:manager|mgmt|mgr)|social\s+worker|chaplain|interpreter|translator|dietitian|nutritionist|pharmacist"
    r"|charge\s+nurse|RN|LPN|CNA|NP|tech|technician|phlebotomist|physio|midwife|doula|pastor"
)
#: Relations named without "my": "daughter Dakota", "visiting nurse Jean-Luc", "pt's partner D'Andre".
_BARE_RELATIVES = (
    r"son|daughter|husband|wife|partner|mother|father|brother|sister|grandson|granddaughter|nurse|caregiver"
    r"|(?:mother|father|son|daughter|brother|sister)-in-law|aide|therapist|cousin|niece|nephew"
)
#: Titles before a name, English and Spanish: "Dr. Patel", "Mr J. Dunleavy", "la Dra. Villanueva", "Doña Carmen".
_HONORIFIC = r"(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Nurse|Doctor|Dra|Sra|Srta|Doña)"
#: Phrases that give a name: "my name is Ana", "her maiden name is Key", "everyone calls me Ján".
_WHOSE_NAME_IS = r"(?:my|his|her|their|your)\s+(?:(?:maiden|first|last|middle|family|full|given|real)\s+)?name\s+(?:is|was)"
_NAME_IS = rf"{_WHOSE_NAME_IS}|my\s+name's|calls?\s+me|(?:maiden|last|first|family)\s+name\s+(?:is|was)|surname\s+(?:is|was)"
#: Words that name someone: "a nurse named Tasha", "se llama Esperanza", "my cousin aka jojo", "a guy called Tobias".
_NAMING = (
    r"named|nicknamed|aka|a\.k\.a\.|goes\s+by|known\s+as|se\s+llama|se\s+llamaba"
    r"|(?:guy|girl|man|woman|lady|boy|kid|nurse|doctor|someone|person|friend|tech|therapist)\s+called"
)
#: A greeting or thanks that opens a sentence and addresses someone: "Hi Pradeep,", "thanks tunde!" (or the
#: name alone: "Destiny, your PSA result is in").
_GREETING = (
    r"hi|hey|hello|dear|thanks|thank\s+you|thx|ty|shoutout\s+to|shout\s+out\s+to|cc|happy\s+(?:birthday|bday)|hbd|rip"
    r"|rest\s+in\s+peace|congrats|congratulations|welcome"
)
#: The word before the comma of a sign-off: "xoxo, Aunt Bea", "Love,\nMom and Priya".
_SIGN_OFF = r"xoxo|love|cheers|regards|sincerely|hugs|best|warmly|take\s+care|thanks|thank\s+you|signed"
#: The patterns of a name addressed, named or given a role ("Hi team", "tech Support"): one everyday word there is no name.
_ADDRESSING = frozenset(
    {
        "named Name",
        "Hi Name,",
        "thanks name (lower case)",
        "sign-off: Love, Name",
        "sign-off: ~name",
        "case manager Name",
        "Name, your",
    }
)
#: The patterns of a lower-case name after a relative or a title ("my mom linda", "dr. fatima khan"), whose
#: second word may be a verb ("dr. fatima came").
_LOWER_RELATIVE = "my son name (lower case)"
_LOWER_HONORIFIC = "honorific name (lower case)"
#: The pattern of an initial and a surname ("J. Okafor", handoff notes): only a known surname makes it a name.
_INITIAL_SURNAME = "I. Surname"
_NAME_WITHOUT_COLON = "NAME LAST FIRST (label without a colon)"
#: A family title before a signed name, not part of the name: "Aunt Bea", "Grandma Ruth".
_KIN_TITLE = rf"(?:{'|'.join(FAMILY_TITLES)})"
#: Words after a verb, not after a name: "my grandson set it up", "my son drove me home".
_VERB_OBJECTS = frozenset(
    ["me", "it", "him", "her", "us", "them", "up", "out", "the", "a", "an", "my", "his", "our", "off", "back", "home"]
)
#: A speaker's answer or filler after a transcript's label ("PT:", "CALLER:"), never a name there.
_ANSWERS = frozenset(
    ["yes", "yeah", "yep", "yup", "no", "nope", "ok", "okay", "um", "uh", "hmm", "hi", "hello", "hey", "thanks", "sure"]
    + ["better", "worse", "fine", "good", "great", "right", "sorry", "well", "oh", "maybe", "correct", "exactly"]
)
#: English function words ("Everything", "Nothing", "Someone") that are no first name; "Will" and "May" are.
_STOP_WORDS = frozenset(STOP_WORDS) - {"will", "may"}
#: A diary or caregiver-log entry: "June 22 - Michael slept most of the day", "3/4: Chloé refused lunch".
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\p{L}*\.?"
_LOG_DATE = rf"(?i:{_MONTHS}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)[ \t]+of[ \t]+{_MONTHS}|\d{{1,2}}/\d{{1,2}})"
#: What the person in a log entry did: a past-tense verb.
_LOG_VERB = (
    r"(?:\p{Ll}+ed|was|had|slept|ate|came|went|got|felt|said|took|woke|fell|threw|kept|seemed|sat|spent|ran|"
    r"did|drank|left|began|forgot|hid|bit|lost|made|told|wore|is|has|says|seems|needs|wants)\b"
)
#: Lower-case words after "my son", "dr." or "I'm" that are no name.
_NOT_LOWER_NAME = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "so",
        "if",
        "is",
        "was",
        "has",
        "had",
        "have",
        "got",
        "gets",
        "just",
        "also",
        "still",
        "not",
        "now",
        "who",
        "which",
        "that",
        "this",
        "what",
        "when",
        "where",
        "why",
        "how",
        "and",
        "to",
        "in",
        "on",
        "at",
        "of",
        "for",
        "from",
        "with",
        "by",
        "about",
        "been",
        "being",
        "be",
        "will",
        "would",
        "can",
        "could",
        "should",
        "did",
        "does",
        "do",
        "doing",
        "is",
        "are",
        "were",
        "keeps",
        "kept",
        "says",
        "said",
        "told",
        "thinks",
        "thought",
        "wants",
        "needs",
        "loves",
        "hates",
        "says",
        "finally",
        "always",
        "never",
        "really",
        "literally",
        "only",
        "even",
        "again",
        "too",
        "very",
        "tho",
        "though",
        "here",
        "there",
        "today",
        "tomorrow",
        "yesterday",
        "and",
        "i",
        "me",
        "my",
        "he",
        "she",
        "they",
        "we",
        "you",
        "it",
        "his",
        "her",
        "their",
        "our",
        "your",
        "its",
        "one",
        "two",
        "three",
        "appointment",
        "appt",
        "appts",
        "office",
        "visit",
        "visits",
        "note",
        "notes",
        "orders",
        "order",
        "who's",
        "whos",
        "called",
        "calls",
        "aka",
        "named",
        "nicknamed",
        "appointments",
        "bill",
        "bills",
        "letter",
        "portal",
        "said",
        "says",
        "told",
        "tells",
        "wants",
        "recommended",
        "recommends",
        "prescribed",
    ]
)
_LOWER_STOP = rf"(?!(?:{'|'.join(sorted(_NOT_LOWER_NAME))})\b)(?!\p{{Ll}}+(?:ed|ing)\b)"
_LOWER_FULL = rf"{_LOWER_STOP}{_LOWER}(?:[ \t]+{_LOWER_STOP}{_LOWER})?"
#: Capitalised words that follow "I'm" or "my son" and are no name.
_NOT_FIRST_NAME = regex.compile(
    r"(?:Type|Not|So|Just|Also|Still|Currently|Here|Now|Very|Really|The|A|An|In|On|At|It|This|That|Happy|Sorry|Sure"
    r"|Glad|Going|Back|Fine|Okay|Ok|OK|Done|Diabetic|Bipolar|Catholic|Christian|Jewish|Muslim|American|Pregnant"
    r"|Male|Female|Trans|Gay|Autistic|Negative|Positive|Hoping|Trying|Feeling|Scared|Tired|Lost|Stage|Post|Pre"
    r"|Who|What|When|Where|Why|How|And|But|Or|If|Is|Was|Has|Had|Got|Gets|Who's|Finally|Always|Never|Literally"
    r"|Today|Tomorrow|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Then|Honestly|Anyway|Me|Mom|Dad|Mum|Grandma|Grandpa|Nurse|Doctor|Practitioner|Dr|Mr|Mrs|Ms|Visit|Visiting|Home|Care|Health|Unit|Apt|Suite|Ste|Apartment|Floor|Room"
    r"|Sir|Madam|Team|Folks|Guys|Doc|Everyone|Everybody|Friends|Ladies)\b"
)


class PersonNameRecognizer(DeclaredPatternRecognizer):
    """Names by shape (DICOM person name) or by what introduces them (a record label, an honorific,
    "my name is", "I'm", "my son"). The honorific or phrase is not part of the span."""

    ENTITY = "PERSON"
    FLAGS = regex.DOTALL | regex.MULTILINE
    PATTERNS = [
        Pattern(
            "DICOM LAST^FIRST",
            r"\b[A-Za-z][A-Za-z'-]+\^[A-Za-z][A-Za-z'-]*[A-Za-z](?:\^[A-Za-z](?:[A-Za-z'.-]*[A-Za-z.])?){0,3}",
            0.85,
        ),
        Pattern(
            "Record label: NAME",
            rf"(?<=\b(?i:{_NAME_LABELS})[ \t]*:[ \t]*)"
            rf"(?:{_CAPS_NAME}|{_WORD}(?:,?[ \t]+(?:{_INITIAL}|{_WORD})){{0,3}})(?!\w)",
            0.8,
        ),
        # a banner's or label's "NAME" without its colon: "PT NAME KIM SOO-JIN", "Name Ferreira, Luiz Otávio"
        Pattern(
            _NAME_WITHOUT_COLON,
            # not a DICOM printout's VR: "Patient's Name  PN: 'Doe^John'"
            rf"(?<=\b(?:NAME|Name)[ \t]+)(?!(?-i:[A-Z]{{2}}):)(?:{_CAPS_NAME}|{_WORD},[ \t]+{_WORD}(?:[ \t]+(?:{_INITIAL}|{_WORD}))?)(?!\w)",
            0.7,
        ),
        # a contact's full name after its label without a colon: "Emergency contact Niamh Gallagher +353 …", "contact me Yamilé Ortega"
        Pattern(
            "contact First Last",
            rf"(?<=\b(?i:emergency[ \t]+contact|next[ \t]+of[ \t]+kin|contact[ \t]+me|contact[ \t]+person|signed[ \t]+by|attn\.?)[ \t]+){_WORD}(?:[ \t]+{_INITIAL})?[ \t]+{_WORD}(?!\w)",
            0.7,
        ),
        Pattern("LAST, FIRST, MD", rf"\b{_CAPS},[ \t]+{_CAPS}(?:[ \t]+\p{{Lu}}\b\.?)?(?=,?[ \t]+{_CREDENTIAL})", 0.75),
        Pattern("First Last, MD", rf"\b{_WORD}(?:[ \t]+{_INITIAL})?[ \t]+{_WORD}(?=,[ \t]+{_CREDENTIAL}(?![ \t]*\d))", 0.7),
        Pattern(
            "Honorific Name",
            rf"(?<!\p{{Lu}}\p{{Ll}}+[ \t]+Dr[ \t]+)(?<=\b{_HONORIFIC}\.?[ \t]+)(?:\p{{Lu}}\.?[ \t]+)?{_FULL}(?!\w)",
            0.7,
        ),
        Pattern("Honorific Initial.", r"(?<=\b(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+)\p{Lu}\.(?![ \t]*\p{Lu}|\w)", 0.6),
        Pattern(_INITIAL_SURNAME, rf"(?<![\p{{L}}\p{{M}}.'’-])\p{{Lu}}\.[ \t]?{_WORD}(?!\w)", 0.6),
        # who did what on a lab report or a log, by initials: "READ BACK BY J. ALVARADO", "SCREENED BY N. OYELARAN", "BY T.K."
        Pattern(
            "by I. Surname",
            rf"(?<=\b(?i:by)[ \t]+)(?!{_ABBREVIATED_WORDS})(?-i:\p{{Lu}}\.(?:[ \t]?\p{{Lu}}\.)?[ \t]*{_CAPS_OR_WORD}|\p{{Lu}}\.[ \t]?\p{{Lu}}\.)(?!\p{{L}})",
            0.6,
        ),
        Pattern(_LOWER_HONORIFIC, rf"(?<=\b(?i:dr|mr|mrs|ms|mx|prof)\.[ \t]{{1,3}}){_LOWER_FULL}(?!\w)", 0.6),
        Pattern("named Name", rf"(?<=\b(?i:{_NAMING})[ \t]{{1,3}}){_FULL}(?!\w)", 0.65),
        Pattern(
            "named name (lower case)", rf"(?<=\b(?i:named|nicknamed|aka|a\.k\.a\.|se\s+llama)[ \t]{{1,3}}){_LOWER_STOP}{_LOWER}(?!\w)", 0.5
        ),
        Pattern("Hi Name,", rf"(?<=(?:^|[.!?:]\s+|\n)(?i:{_GREETING})[ \t]{{1,3}}){_FULL}(?=[ \t]*[,!:.]|[ \t]*$)", 0.6),
        Pattern(
            "thanks name (lower case)", rf"(?<=(?:^|[.!?:]\s+|\n)(?i:{_GREETING})[ \t]+){_LOWER_STOP}{_LOWER}(?=[ \t]*[,!.]|[ \t]*$)", 0.5
        ),
        Pattern("Name, your", rf"(?<=(?:^|[.!?]\s+|[\"“]))(?:{_WORD})(?=,[ \t]+(?i:your?|you're)\b)", 0.55),
        Pattern(
            "sign-off: Love, Name",
            rf"(?<=\b(?i:{_SIGN_OFF})[ \t]{{0,3}},[ \t]{{0,3}}\n?[ \t]{{0,3}}(?:{_KIN_TITLE}[ \t]{{1,3}})?){_FULL}(?=[ \t]*$)",
            0.6,
        ),
        Pattern("sign-off: ~name", rf"(?<=(?:^|[.!?)][ \t]{{1,3}})[~–—-][ \t]?){_LOWER_STOP}(?:{_WORD}|{_LOWER})(?=[ \t]*$)", 0.5),
        Pattern("my name is Name", rf"(?<=\b(?i:{_NAME_IS})[ \t]{{1,3}}){_FULL}(?!\w)", 0.8),
        Pattern("her maiden name is name (lower case)", rf"(?<=\b(?i:{_WHOSE_NAME_IS})[ \t]{{1,3}}){_LOWER_STOP}{_LOWER}(?!\w)", 0.6),
        Pattern("my son Name", rf"(?<=\b(?i:{_ANYONES_RELATIVE})[ \t]{{0,3}},?[ \t]{{1,3}}){_FULL}(?!\w)", 0.65),
        Pattern(_LOWER_RELATIVE, rf"(?<=\b(?i:{_MY_RELATIVE}|my\s+name\s+is)[ \t]{{0,3}},?[ \t]{{1,3}}){_LOWER_FULL}(?!\w)", 0.5),
        Pattern("case manager Name", rf"(?<=\b(?i:{_ROLES})[ \t]{{1,3}}){_FULL}(?!\w)", 0.6),
        Pattern("daughter Name", rf"(?<=\b(?i:{_BARE_RELATIVES})[ \t]{{1,3}}){_FULL}(?!\w)", 0.6),
        Pattern(
            "log: date - Name did",
            rf"(?<=(?:^|\n|[.,;]\s+(?:and\s+)?)(?:the\s+)?{_LOG_DATE}[ \t]*[-–—:][ \t]*){_WORD}(?=[ \t]+{_LOG_VERB})",
            0.6,
        ),
        Pattern(
            "fundraiser for Name's",
            rf"(?<=\b(?i:fundraiser|gofundme|go\s+fund\s+me|meal\s+train|donations?|pray(?:ing|ers)?)\s+(?i:for)[ \t]+){_WORD}(?='s\b)",
            0.6,
        ),
        Pattern("First Last and I", rf"\b{_WORD}(?:[ \t]+{_INITIAL})?[ \t]+{_WORD}(?=[ \t]+and[ \t]+I\b)", 0.6),
        Pattern("I'm Name", rf"(?<=\b(?i:i'm|i\s+am)[ \t]{{1,3}}){_WORD}(?!\w)(?![ \t]+(?:years?|yrs?)\b)", 0.55),
    ]
    CONTEXT = ["name", "patient", "dr", "doctor", "nurse"]

    def analyze(self, text: str, entities: list[str], *args, **kwargs) -> list[RecognizerResult]:
        """The matches, less those the word lists call no name (_is_no_name_here), and a lower-case name without
        the everyday word after it ("my bf jamal [took] me")."""
        results = [r for r in super().analyze(text, entities, *args, **kwargs) if not _is_no_name_here(text, r)]
        results = [r for r in results if "^" not in text[r.start : r.end] or not is_coded_caret_value(text, r.start, r.end)]
        results = [r for r in results if not _is_lower_verb_after_relative(text, r)]
        for r in results:
            words = text[r.start : r.end].split()
            explanation = r.analysis_explanation
            if explanation and explanation.pattern_name in (_LOWER_RELATIVE, _LOWER_HONORIFIC) and _ends_in_a_word(words):
                r.end = r.start + len(words[0])
        return results

    def invalidate_result(self, pattern_text: str) -> bool:
        """A common word right after "I'm" or "my son" ("I'm Type 2", "my son Is", "my son has")."""
        words = pattern_text.split()
        if len(words) == 1 and words[0].casefold() in _STOP_WORDS | _ANSWERS:
            return True  # "Everything was fine", "Nothing helped", a transcript's "PT: Yes." or "CALLER: Um,"
        if len(words) == 1 and _is_vocabulary_alone(words[0].strip(",.")):
            return True  # "ATTN: Scheduling", "the named recipient"
        if all(word.strip(",.").casefold() in _DEPARTMENTS for word in words):
            return True  # "ATTN: Billing", "ATTN: Medical Records": a department, which surnames like "Billing" also spell
        if any(_NOT_FIRST_NAME.fullmatch(word.rstrip(",.")) is not None for word in words if len(word.rstrip(",.")) > 1):
            return True
        if "," not in pattern_text and pattern_text.casefold() in us_towns() and len(words) > 1:
            return True  # "Silver Spring, MD" is a town, not a doctor
        if pattern_text.islower():
            return any(
                word in _NOT_LOWER_NAME or (word.endswith(("ed", "ing")) and not (is_given(word) or is_surname(word))) for word in words
            )
        return False


#: HL7 codes that head caret-joined components naming no one: relationships (table 0063: "SPO^SPOUSE") and a phone
#: number's use (table 0201: "^PRN^CP").
_HL7_CODES = frozenset(
    ["SEL", "SPO", "DOM", "CHD", "GCH", "NCH", "SCH", "FCH", "DEP", "WRD", "PAR", "MTH", "FTH", "CGV", "GRD", "GRP"]
    + ["EXF", "SIB", "BRO", "SIS", "FND", "OAD", "EME", "EMR", "ASC", "EMC", "OWN", "TRA", "MGR", "NON", "UNK", "OTH"]
    + ["PRN", "ORN", "WPN", "VHN", "ASN", "NET", "BPN"]
)


#: HL7's identifier type codes (table 0203), which end an identifier's assigning authority ("^^^GHS^MR", "SSA^SS").
_HL7_ID_TYPES = frozenset(
    ["MR", "SS", "PI", "AN", "PN", "DL", "MB", "PT", "VN", "NI", "EI", "HC", "JHN", "NPI", "MC", "MA", "PPN", "SR", "XX"]
)


def is_coded_caret_value(text: str, start: int, end: int) -> bool:
    """Whether the caret-joined text[start:end] is HL7 components that name no one: an identifier's authority and
    type after its empty components ("^^^SSA^SS"; "NGUYEN^AN" is a name), a code and its meaning ("SPO^SPOUSE",
    "DAU^DAUGHTER", not "SIS^MARIA"), a phone number's use and equipment ("PRN^CP"), a town and its state before a
    ZIP code ("HILO^HI^96720", not the name "JACKSON^AL"). "SON^MINHO" is a name."""
    preceding, following = text[max(0, start - 3) : start], text[end : end + 8]
    parts = [part for part in regex.split(r"[\^*~°\"]", text[start:end]) if part]
    if not parts:
        return False
    if len(parts) == 2 and parts[1] in _HL7_ID_TYPES and preceding.endswith("^^"):
        return True  # an identifier's assigning authority and its type after its empty components: "^^^GHS^MR"
    if len(parts) == 2 and parts[0].upper() in _HL7_CODES and not is_given(parts[1]):
        return True
    if len(parts) == 2 and regex.fullmatch(_RELATIVES, parts[1], regex.IGNORECASE) and parts[1].upper().startswith(parts[0].upper()):
        return True
    before_zip = regex.match(r"\^\d{5}", following) is not None
    return before_zip and len(parts) == 2 and is_state(parts[1]) and len(parts[1]) == 2 and is_known_town(parts[0])


#: A practice's departments, which a letter or a fax is addressed to: "ATTN: Billing", "Attn: Medical Records".
_DEPARTMENTS = frozenset(
    ["billing", "records", "medical", "health", "pharmacy", "admissions", "referrals", "referral", "scheduling", "registration"]
    + ["triage", "intake", "nursing", "radiology", "reception", "accounts", "payable", "receivable", "lab", "laboratory", "dept"]
    + ["department", "office", "claims", "appeals", "authorizations", "credentialing", "release", "information", "him"]
)
#: Endings of everyday nouns and participles that no first name has ("Scheduling", "recipient").
_NOUN_ENDINGS = ("ing", "tion", "sion", "ment", "ness", "ity", "ent", "ance", "ence", "ogy", "ics")


def _is_vocabulary_alone(word: str) -> bool:
    """An everyday noun or participle that is no given name and no surname, not even one that is a word too
    ("Stone", "Baker"); the given-name list leaves out the names that are everyday words ("Dale"), so a noun's
    ending is asked for as well."""
    folded = word.casefold()
    return folded.endswith(_NOUN_ENDINGS) and is_common(word) and not is_given(word) and not is_surname(word, ("rare", "word"))


def _is_no_name_here(text: str, result: RecognizerResult) -> bool:
    """What the words lists say against a pattern that also fits ordinary words: one everyday word after a
    greeting or a naming word ("Hi team"), a word no surname after an initial ("B. Braun" is one, "D. Take" is not),
    only everyday words after a "NAME" without its colon."""
    explanation = result.analysis_explanation
    words = text[result.start : result.end].split()
    if explanation is None:
        return False
    if explanation.pattern_name == _INITIAL_SURNAME:
        return is_common(words[-1]) or not is_surname(words[-1], ("rare",))
    if explanation.pattern_name == _NAME_WITHOUT_COLON:  # "NAME BAND ON" in a note, not a name
        return all(is_common(word.strip(",.")) and not is_given(word.strip(",.")) for word in words)
    return explanation.pattern_name in _ADDRESSING and len(words) == 1 and _is_everyday_word(words[0])


def _is_lower_verb_after_relative(text: str, result: RecognizerResult) -> bool:
    """An everyday word right after a lower-case "my son" that is a verb: no first name or surname ("my son took
    me"), or one before its object ("my grandson set it up"); not "my son jamal", "my daughter rose is here" or
    "my hubby dave is sick"."""
    explanation = result.analysis_explanation
    if explanation is None or explanation.pattern_name != _LOWER_RELATIVE:
        return False
    first = text[result.start : result.end].split()[0]
    if not is_common(first) or is_given(first):
        return False
    after = regex.match(r"[ \t]+(\p{Ll}+)", text[result.start + len(first) : result.start + len(first) + 12])
    return not is_surname(first, ("rare", "word")) or (after is not None and after.group(1) in _VERB_OBJECTS)


def _ends_in_a_word(words: list[str]) -> bool:
    """Two lower-case words whose second is an everyday word, no name ("jamal took", not "diego singh")."""
    return len(words) == 2 and is_common(words[1]) and not (is_given(words[1]) or is_surname(words[1], ("rare",)))


def _is_everyday_word(word: str) -> bool:
    """An everyday English word that is no given name ("hi team", "thx guys"); capitalised, one no surname either
    ("Thanks Again", but "thanks Young")."""
    word = word.rstrip(",.!")
    if len(word) < 2 or not is_common(word) or is_given(word):
        return False
    return word.islower() or not is_surname(word, ("rare", "word"))
