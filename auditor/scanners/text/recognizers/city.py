"""Cities and towns, which spaCy's small model often misses: "Springfield, IL", "Portland, Oregon", a
capitalised place after "I live in", "moved to", "I'm from" or before "area" ("in the Tucson area"), and a
known US town after "in" (or Spanish "en"), "from", "near", "around", "at" (capitalised, and not naming an
institution: "at Cleveland Clinic"), after a street address ("Duluth", "Reno", lower-case "tulsa" in a
lower-case post) or before its state's abbreviation at the end of a line ("Duluth MN", a letter's signature).

Known towns come from us_towns.txt (GeoNames' US places of 5,000 people or more, CC BY 4.0, derived by
build_us_towns.py; read once per process) and, after a place cue, world_towns.txt (places elsewhere of 15,000 or
more, less frequent everyday words: build_world_towns.py), as a town outside the US is a subdivision smaller than
a state too ("I'm in Winnipeg"). A town's name is only taken where a place is expected, so "Mobile",
"Troy" or "Eugene" elsewhere in a sentence stay words or names. States are dropped later by the filters
(Safe Harbor lists only subdivisions smaller than a state)."""

from __future__ import annotations

from collections.abc import Callable

import regex
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._lexicon import is_common
from auditor.scanners.text.recognizers._patterns import CREDENTIALS, DeclaredPatternRecognizer
from auditor.scanners.text.recognizers._places import STATE_PATTERN, STATES, is_known_town, is_us_town
from auditor.scanners.text.recognizers.given_name import given_names

_PLACE = r"(?-i:(?:(?:St|Ft|Mt)\.?\s|Saint\s|Fort\s)?[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
_LIVE = (
    r"(?:live[sd]?|living|moved|moving|grew\s+up|raised|based|reside[sd]?|residing)\s+(?:in|to|near|outside(?:\s+of)?)"
    r"|(?:i'm|i\s+am|we're|we\s+are|originally)\s+from|hometown\s+(?:is|of)"
)
#: Any-case city words before ", st 12345": the ZIP makes "tulsa, ok 74157" an address whatever its case.
_LOWER_PLACE = r"(?<![\w'])[\p{L}][\p{L}'.-]*(?:[ \t][\p{L}][\p{L}'.-]*){0,2}"
_ABBREVIATIONS = "|".join(STATES)

#: Where a place name is expected: a preposition of place ("in", "near", "around", Spanish "en"), "formerly of"
#: and a notice's "Peggy Sobczak, 94, of Hamtramck", the end of a street address ("…Ave, Pueblo"), a facility's name and
#: a comma ("Shapiro Family Dentistry, Leawood", "St. Anne's Home, Greensburg") or an EMS note's "nr Hays". "to" cues a
#: place only after a verb of travel ("flew to"): "talked
#: to Tyler" names a person. "from" alone cues a town that is no first name and that no capitalised word
#: follows, whatever spaCy reads ("my mom is from Pomona", not "a card from Tyler" or "from Aurora Health");
#: after a verb of origin ("drove back from", "moved here from", "I'm from") any town, unless spaCy reads it as
#: a person. A dash after a facility word cues its campus's town ("Mercy Hospital - Des Moines").
_PLACE_CUE = regex.compile(
    r"(?:\b(?P<place>in|en|near|nr\.?|around|outside(?:\s+of)?|city\s+of|town\s+of"
    r"|(?:formerly|late|lately|originally|native|natives|resident|residents)\s+of|(?<=\b\d{1,3},[ \t]+)of)"
    r"|\b(?P<either>(?:drove|drive|driving|flew|fly|flying|went|go|going|headed|heading|travel(?:l?ed|l?ing)?|trip"
    r"|came|come|coming|moved?|moving|back|home|i'm|i\s+am|we're|we\s+are|originally|all\s+the\s+way"
    r"|any(?:one|body)(?:\s+else)?|some(?:one|body)|people|folks|(?:is|are)\s+there\s+any(?:one|body))\s+(?:back\s+|here\s+|over\s+)?(?:to|from)"
    r"|visiting)|\b(?P<at>at)|\b(?P<from>from)|\b(?P<campus>hospital|clinic|cent(?:er|re)|system|health|medical|campus)[ \t]+[-–]"
    r"|(?-i:\b(?P<site>Hospital|Clinic|Cent(?:er|re)|Dentistry|Dental|Pharmacy|Practice|Surgery|Home|House"
    r"|HOSPITAL|CLINIC|CENT(?:ER|RE)|DENTISTRY|DENTAL|PHARMACY|PRACTICE|SURGERY|(?:House|Plant|Building)[ \t]+No\.[ \t]*\d+))[ \t]*,)"
    r"\s+(?:downtown\s+)?"
    r"|(?P<street>\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|hwy|highway|pl|place"
    r"|ter|terrace|pkwy|parkway|cir|circle|trl|trail|sq|square|loop|pike|close|crescent|grove|gardens|mews|view|row)\.?"
    r"(?:\s+(?:NE|NW|SE|SW|N|S|E|W))?"
    r"(?:,?\s*(?:apt|apartment|suite|ste|unit|rm|room|#)\.?\s*#?\s*[a-z0-9-]{1,6})?,\s*)",
    regex.IGNORECASE,
)
#: The counties of Ireland and Northern Ireland, which an address writes after "Co.".
_IRISH_COUNTIES = (
    "Antrim|Armagh|Carlow|Cavan|Clare|Cork|Derry|Donegal|Down|Dublin|Fermanagh|Galway|Kerry|Kildare|Kilkenny|Laois|Leitrim"
    "|Limerick|Longford|Louth|Mayo|Meath|Monaghan|Offaly|Roscommon|Sligo|Tipperary|Tyrone|Waterford|Westmeath|Wexford|Wicklow"
)
_CANDIDATE = regex.compile(r"[\p{L}][\p{L}'’.-]*(?:[ \t][\p{L}][\p{L}'’.-]*){0,3}")
_WORD = regex.compile(r"[\p{L}][\p{L}'’.-]*")


#: After "at" a town may name an institution instead ("at Cleveland Clinic", "at Mayo Hospital"): a
#: capitalised town after "at" counts only when no such word follows.
_INSTITUTION_AFTER = regex.compile(
    r"[ \t]+(?:Clinic|Hospital|Medical|Health|Healthcare|University|General|Memorial|Children's|Regional|Community"
    r"|Center|Centre|College|Cancer|Heart|Institute|Rehab|Pharmacy|Urgent|Family|Women's|Behavioral)\b"
)

#: A capitalised place before "area" or "region": "in the Tucson area", "the Dallas-Fort Worth metro"; a
#: known town, or words not all everyday ones ("in the Groin area" names none).
_THE_AREA = regex.compile(
    rf"\b(?i:in|near|around|from|outside(?:\s+of)?)\s+the\s+\K{_PLACE}(?=\s+(?i:area|region|metro(?:plex)?|suburbs)\b)"
)
#: A known town before its state's abbreviation where a line or clause ends or a phone number follows: "Duluth MN"
#: under a signature, "DULUTH, MN" on a banner (in capitals, which "City, ST" does not read), a pharmacy label's
#: "Kroger Pharmacy Ashland KY" or "1200 N Main St Normal IL (309) 452-0117" (the town is the words' known tail).
_CAPS_PLACE = r"(?:(?:ST|FT|MT)\.?\s|SAINT\s|FORT\s)?[A-Z]{2,}(?:[ -][A-Z]{2,}){0,2}"
_TOWN_STATE = regex.compile(
    rf"(?<![\p{{L}}'’.-])(?:{_PLACE}|{_CAPS_PLACE})"
    rf"(?=,?[ \t]+(?:{_ABBREVIATIONS})(?:[ \t]+\d{{5}}(?:-\d{{4}})?)?[ \t]*(?:$|[,.;:!?)]|[ \t]+\(?\d))",
    regex.MULTILINE,
)
#: A town before its police, fire or EMS service: "filed with Sugar Land PD", "BLS from Belchertown Fire".
_TOWN_SERVICE = regex.compile(rf"(?<![\p{{L}}'’.-])(?P<town>{_PLACE})(?=[ \t]+(?:PD|FD|EMS|Police|Fire|Sheriff|Rescue)\b)")
#: After a bare "from" a capitalised word goes on a person's or an organisation's name: "from Tyler Smith".
_CAPITALISED_AFTER = regex.compile(r"[ \t]+\p{Lu}")

#: "Ngozi Petrov, MD" is a doctor, not a town in Maryland, when spaCy reads the words as a person.
_CREDENTIAL_AFTER = regex.compile(rf",?\s*(?:{'|'.join(sorted(CREDENTIALS & set(STATES)))})\b")


def _people(nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in getattr(nlp_artifacts, "entities", None) or [] if e.label_ == "PERSON"]


def _is_doctor(text: str, start: int, end: int, people: list[tuple[int, int]]) -> bool:
    """A name spaCy reads as a person before a credential that is also a state: "Warren MD", "Ngozi Petrov, MD"."""
    return bool(_CREDENTIAL_AFTER.match(text, end)) and any(s < end and start < e for s, e in people)


def _known_town_tail(match: regex.Match[str], known: Callable[[str], bool] = is_us_town) -> tuple[int, int] | None:
    """The longest run of a match's last words that is a known town: "Pharmacy Ashland" gives "Ashland"."""
    for word in regex.finditer(r"\S+", match.group()):
        if known(match.group()[word.start() :]):
            return match.start() + word.start(), match.end()
    return None


def _is_everyday_words_before_a_state(text: str, result: RecognizerResult) -> bool:
    """A "City ST 12345" reading of everyday words that are no known town: "Member ID WI 12345", "Batch NY 10001"."""
    explanation = result.analysis_explanation
    if explanation is None or explanation.pattern_name != "City ST 12345":
        return False
    value = text[result.start : result.end]
    return not is_known_town(value) and all(is_common(word) for word in value.split())


class CityRecognizer(DeclaredPatternRecognizer):
    """A capitalised place followed by ", <state>", after a where-I-live phrase, any-case words before
    ", st 12345", or a known US town where a place is expected."""

    ENTITY = "LOCATION"
    PATTERNS = [
        Pattern("City, ST", rf"\b{_PLACE}(?=,\s*(?:{STATE_PATTERN})\b(?!-\w))", 0.7),  # "Umeh, PA-C" is a credential
        Pattern("live in City", rf"(?<=\b(?:{_LIVE})\s{{1,3}}(?:the\s{{1,3}})?){_PLACE}\b", 0.6),
        # an Irish county as an address writes it ("Navan, Co. Meath", "from County Cork"), not "Acme, Co. Ltd"
        Pattern(
            "Co. County",
            rf"(?-i:(?:(?<=,[ \t]*)|(?<=\b(?i:in|from|near|of)[ \t]+))(?:Co\.|County)[ \t]+(?:{_IRISH_COUNTIES}))\b",
            0.6,
        ),
        # a place named by its kind of settlement: "Johar Town", "Cabanatuan City", "Model Colony", "Brgy. San Isidro"
        Pattern(
            "X Town, X City, Brgy. X",
            r"(?-i:(?<![\p{L}\p{N}])(?!(?:The|Inner|Capital|Big|Old|New|Home|Down|Up|Out)[ \t])(?:\p{Lu}\p{Ll}+[ \t]){1,3}"
            r"(?:Town|City|Colony|Nagar|Village|Township|Heights|Estates?)(?![\p{L}\p{N}])"
            r"|(?:Brgy\.?|Barangay|Colonia|Barrio)[ \t]+\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?)",
            0.6,
        ),
        Pattern(
            "city, st 12345",
            rf"(?<=(?:^|[,:\n]|\d)[ \t]{{0,3}}){_LOWER_PLACE}(?=,[ \t]*(?:{_ABBREVIATIONS})\.?[ \t]+\d{{5}}(?:-\d{{4}})?\b)",
            0.6,
        ),
        # an address's last line without its comma, the state in capitals: "Gassaway WV 26624"; not a state code that is
        # also a word, a credential or a label ("Payer ID 87726", "Dr Smith MD 55555", "Group IN 12345": a known town
        # before those is read as _TOWN_STATE reads it), nor everyday words alone ("Member ID WI 12345", see analyze)
        Pattern(
            "City ST 12345",
            rf"(?<=(?:^|[,:\n])[ \t]{{0,3}}){_LOWER_PLACE}(?=[ \t]+(?-i:(?!(?:ID|MD|DO|IN|OR|ME|OK|PA|DE|HI|OH)\b)(?:{_ABBREVIATIONS}))[ \t]+\d{{5}}(?:-\d{{4}})?\b)",
            0.6,
        ),
    ]
    GAZETTEER_SCORE = 0.6

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        people = _people(nlp_artifacts)
        found = [
            r
            for r in super().analyze(text, entities, nlp_artifacts, regex_flags) or []
            if not (_is_doctor(text, r.start, r.end, people) and not is_us_town(text[r.start : r.end]))
            and not _is_everyday_words_before_a_state(text, r)
        ]
        taken = [(r.start, r.end) for r in found]
        for start, end in self._known_towns(text, people):
            if not any(s < end and start < e for s, e in taken):
                found.append(
                    RecognizerResult(
                        entity_type=self.ENTITY,
                        start=start,
                        end=end,
                        score=self.GAZETTEER_SCORE,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return found

    @staticmethod
    def _known_towns(text: str, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Spans of known US towns before their state at a line's end, of places before "area", and of known
        towns right after a place cue, longest name first. A lower-case name that is (or holds) an everyday word or a
        given name counts only in a lower-case stretch of text (a tweet typed in lower case) or right after a street
        address, never amid capitalised prose ("in mobile unit 3"); another ("in tampa") counts in any prose."""
        given = given_names()
        spans = [span for match in _TOWN_STATE.finditer(text) if (span := _known_town_tail(match)) and not _is_doctor(text, *span, people)]
        spans += [span for match in _TOWN_SERVICE.finditer(text) if (span := _known_town_tail(match, is_known_town))]
        spans += [
            match.span()
            for match in _THE_AREA.finditer(text)
            if is_us_town(match.group()) or not all(is_common(w) for w in regex.split(r"[ -]", match.group()))
        ]
        for cue in _PLACE_CUE.finditer(text):
            match = _CANDIDATE.match(text, cue.end())
            if match is None:
                continue
            words = list(_WORD.finditer(match.group()))
            for n in range(len(words), 0, -1):
                name = match.group()[: words[n - 1].end()].rstrip(".")
                start, end = match.start(), match.start() + len(name)
                if not is_known_town(name):
                    continue
                if name.islower():
                    amid_capitals = regex.search(r"\p{Lu}", text[max(0, start - 60) : start]) is not None
                    if not cue.group("street") and amid_capitals and (name in given or any(is_common(w) for w in name.split())):
                        break  # "in mobile unit 3" amid capitalised prose; "in tampa" is a town in any prose
                elif not name[0].isupper():
                    break
                if (cue.group("either") or cue.group("at")) and any(s < end and start < e for s, e in people):
                    break
                if (cue.group("at") or cue.group("from")) and (name.islower() or _INSTITUTION_AFTER.match(text, end)):
                    break
                if cue.group("from") and (name.casefold() in given or _CAPITALISED_AFTER.match(text, end)):
                    break
                spans.append((start, end))
                break
        return spans
