"""Values that a structured record types by their place in it, as people paste exports into posts, tickets and
notes: an HL7 v2 message's PID, PV1, ORC, OBR, MRG, NK1, GT1 and IN1 segments ("PID|1||…||DOE^JANE||19620314|F|||12 ELM
ST^^SALEM^MA^01970"), an X12 claim's NM1, N3, N4 and DMG segments ("N4*TUCSON*AZ*857450000~"), a JSON object's
keys ('"city":"Providence"', '"family":"Marchetti"') and a FHIR resource's identifiers and references to a person, a CSV
or tab-separated table's header ("last,first,dob,zip", "Rx #<TAB>Drug") and a YAML or form export's key lines
("city: Worcester", "address_line1: 17 Birchwood Rd").

A town, a ZIP code or a surname alone in a field has no words around it that say what it is, so the prose
recognizers pass it by; the record's structure says it. python-hl7 and the X12 parsers read whole, valid
messages; a post holds a fragment, often cut or wrapped, so these few positions are read here by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from auditor.scanners.text.recognizers._lexicon import is_common, is_given
from auditor.scanners.text.recognizers._patterns import FieldRecognizer, separated_parts

#: An HL7 v2 segment's field holding an identifier, an address, a birth date or an SSN, by segment: {field: kind}.
#: Visit, placer and filler numbers point at one person's stay or order, as a record number does.
_HL7_FIELDS = {
    "PID": {2: "mrn", 3: "mrn", 4: "mrn", 7: "date", 11: "address", 18: "account", 19: "ssn", 20: "license"},
    "PV1": {19: "mrn", 50: "mrn"},
    "ORC": {2: "mrn", 3: "mrn"},
    "OBR": {2: "mrn", 3: "mrn"},
    "MRG": {1: "mrn", 3: "account"},
    "NK1": {4: "address"},
    "GT1": {5: "address", 8: "date", 12: "ssn"},
    "IN1": {8: "plan", 18: "date", 19: "address", 36: "plan", 49: "plan"},
}
#: An HL7 address's components: street, other designation, city, state, ZIP.
_HL7_ADDRESS = {0: "STREET_ADDRESS", 2: "LOCATION", 4: "ZIP_CODE"}
#: A segment starts a line, or follows the carriage return that separates segments in HL7's own framing.
_HL7_SEGMENT = regex.compile(r"(?m)(?:^|(?<=\r))([A-Z][A-Z0-9]{2})\|[^\r\n]*")
#: A segment's name and its fields' spans ("|"-separated; the first is the name itself).
Segment = tuple[str, list[tuple[int, int]]]
#: An X12 segment: its identifier and its elements, up to the segment terminator "~" or a line's end.
_X12_SEGMENT = regex.compile(r"(?m)(?:^|~)[ \t]*(NM1|N3|N4|DMG)\*[^~\n]*")
_KINDS = {
    "date": "PERSON_DATE",
    "ssn": "US_SSN",
    "mrn": "MEDICAL_RECORD_NUMBER",
    "account": "ACCOUNT_NUMBER",
    "plan": "HEALTH_PLAN_ID",
    "license": "US_DRIVER_LICENSE",
}
#: The kinds whose value is a field's first component (an identifier's number, before its authority and type).
_FIRST_COMPONENT = frozenset({"mrn", "account", "plan", "license"})
#: JSON keys and CSV headers (folded: lower case, letters only) and what their values are.
_KEYS = {
    **dict.fromkeys(
        ["city", "town", "municipality", "locality", "suburb", "county", "district", "ville", "ciudad", "cidade", "stadt", "citta"],
        "LOCATION",
    ),
    **dict.fromkeys(["zip", "zipcode", "zip5", "postal", "postalcode", "postcode", "plz", "cp", "codepostal", "cep"], "ZIP_CODE"),
    **dict.fromkeys(["line", "address", "addressline", "address1", "address2", "street", "streetaddress", "addr"], "STREET_ADDRESS"),
    **dict.fromkeys(["family", "familyname", "given", "givenname", "first", "firstname", "fname", "last", "lastname"], "PERSON"),
    **dict.fromkeys(["lname", "surname", "middlename", "fullname", "patientname", "ptname", "guarantor", "nextofkin"], "PERSON"),
    # other languages' headers: French, Spanish, Portuguese, Italian, German
    **dict.fromkeys(["nom", "prenom", "nombre", "apellido", "apellidos", "nome", "sobrenome", "cognome", "vorname", "nachname"], "PERSON"),
    **dict.fromkeys(["facility", "facilityname", "hospital", "clinic", "practice", "pharmacy", "location"], "FACILITY"),
    **dict.fromkeys(["mrn", "medicalrecordnumber", "chart", "chartno", "accession", "visitnumber"], "MEDICAL_RECORD_NUMBER"),
    **dict.fromkeys(["memberid", "subscriberid", "policynumber", "policyno", "groupnumber", "medicaidid", "medicareid"], "HEALTH_PLAN_ID"),
    **dict.fromkeys(["account", "acct", "accountnumber", "accountno", "acctno", "invoice", "invoiceno", "invoicenumber"], "ACCOUNT_NUMBER"),
    **dict.fromkeys(["serial", "serialno", "serialnumber", "deviceserial", "sn"], "DEVICE_ID"),
    **dict.fromkeys(["ssn", "socialsecuritynumber"], "US_SSN"),
    **dict.fromkeys(
        ["patientid", "ptid", "rx", "rxno", "rxnumber", "employeeid", "empid", "subjectid", "caseno", "casenumber"], "LABELLED_ID"
    ),
}
#: A key whose value is a name only when it reads as one: "name" also names drugs, tests and files.
_NAME_KEYS = frozenset({"name", "patient", "contact", "provider", "physician", "pcp"})
_JSON_PAIR = regex.compile(r'"(?P<key>[A-Za-z_][\w-]{0,40})"\s*:\s*\[?\s*"(?P<value>[^"\n]{1,100})"')
_CSV_HEADER = regex.compile(
    r'(?m)^[ \t]*"?[A-Za-z_][\w ./#-]{0,30}"?(?:(?P<delimiter>[,;\t|])[ \t]*"?[A-Za-z_][\w ./#-]{0,30}"?){2,}[ \t]*\r?$'
)
#: What a field's value must look like for its kind: a place or a name has letters, a ZIP code its digits.
_SHAPES = {
    "LOCATION": regex.compile(r"\p{L}[\p{L}'’. -]*"),
    "PERSON": regex.compile(r"\p{L}[\p{L}'’. -]*"),
    "FACILITY": regex.compile(r"\p{Lu}[\p{L}'’.& -]*"),
    "STREET_ADDRESS": regex.compile(r"(?=.*\d)(?=.*\p{L})[\p{L}\d'’.,# -]+"),
    # a US ZIP, a Canadian or a UK postcode, and under a postal key other countries' ("80010-120", "80-827", "2000")
    "ZIP_CODE": regex.compile(
        r"\d{5}(?:-?\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\d{5}-\d{3}|\d{2}-\d{3}|\d{4}|\d{6}"
    ),
    "PERSON_DATE": regex.compile(r"(?:1[89]|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\d{4,6})?"),
    "US_SSN": regex.compile(r"\d{3}-?\d{2}-?\d{4}"),
    **dict.fromkeys(
        ["MEDICAL_RECORD_NUMBER", "ACCOUNT_NUMBER", "HEALTH_PLAN_ID", "US_DRIVER_LICENSE", "LABELLED_ID", "MEDICAL_LICENSE", "DEVICE_ID"],
        regex.compile(r"(?=[\w-]*\d{3})[\w-]{3,30}"),
    ),
}


class RecordFieldRecognizer(FieldRecognizer):
    """Addresses, towns, ZIP codes, names, facilities, birth dates, SSNs, record, account and member numbers by
    their field in an HL7, X12, JSON or CSV record."""

    ENTITIES = tuple(_SHAPES)
    #: A name typed by its field, above spaCy's 0.85: Presidio drops the lower-scored of two nested names of a type, and
    #: the model's span across a row's fields ("…;Tremblay;Gaëlle;12/07/1987…"), which the filters then drop, would
    #: take the field's name with it.
    SCORES = {"PERSON": 0.86}

    def fields(self, text: str) -> Iterator[tuple[str, int, int, str]]:
        segments = _hl7_segments(text)
        for entity, start, end, how in (
            *_hl7(text, segments),
            *_hl7_facilities(text, segments),
            *_hl7_addresses(text),
            *_hl7_person_ids(text, segments),
            *_x12(text),
            *_json(text),
            *_csv(text),
            *_key_lines(text),
        ):
            value = text[start:end]
            if value.strip() and _SHAPES[entity].fullmatch(value):
                yield entity, start, end, how


Field = tuple[str, int, int, str]


def _hl7_segments(text: str) -> list[Segment]:
    """Each HL7 segment of the text, read once for the passes below."""
    if "|" not in text:
        return []
    return [(segment.group(1), list(separated_parts(text, segment.start(), segment.end(), "|"))) for segment in _HL7_SEGMENT.finditer(text)]


def _hl7(text: str, segments: list[Segment]) -> Iterator[Field]:
    for name, fields in segments:
        for number, kind in _HL7_FIELDS.get(name, {}).items():
            if number >= len(fields):
                continue
            # a field may repeat ("~": a second address, another identifier); an identifier is its first component
            for r_start, r_end in separated_parts(text, *fields[number], "~"):
                components = list(separated_parts(text, r_start, r_end, "^"))
                if kind in _FIRST_COMPONENT:
                    yield _KINDS[kind], *components[0], f"HL7 {name}-{number}"
                elif kind != "address":
                    yield _KINDS[kind], r_start, r_end, f"HL7 {name}-{number}"
                else:
                    for index, (c_start, c_end) in enumerate(components):
                        if index in _HL7_ADDRESS:
                            yield _HL7_ADDRESS[index], c_start, c_end, f"HL7 {name}-{number} address"


#: The HL7 fields that name a person with their identifier first (XCN: "1740299184^FERREIRA^LUCAS^^^^MD"): the
#: attending, referring, consulting and admitting doctors, ordering providers, result copies and authors.
_HL7_PERSON_FIELDS = {
    "PV1": (7, 8, 9, 17, 52),
    "ORC": (10, 11, 12, 19),
    "OBR": (10, 16, 28),
    "PD1": (4,),
    "TXA": (5, 9, 10, 11),
    "ROL": (4,),
}
_HL7_LINE = regex.compile(r"(?m)^[A-Z][A-Z0-9]{2}\|[^\r\n]*")
#: Coding systems that end a coded element ("85025^CBC^LN"), which has a code where a person has an ID.
_CODING_SYSTEMS = frozenset(["LN", "L", "CPT", "C4", "C5", "SCT", "SNM", "I9", "I9C", "I10", "ICD10", "HCPCS", "NDC", "RXNORM", "HL7"])
#: The identifier before a family and a given name.
_XCN_ID = regex.compile(r"(?P<id>[A-Z0-9-]*\d{3}[A-Z0-9-]*)\^(?=\p{L}[\p{L}'-]*\^\p{L})")


#: An HL7 address by its shape, in whatever field a hand-cut message puts it: street (with a number), other
#: designation, city, a two-letter state and a ZIP code ("410 N 5TH ST^^YAKIMA^WA^98901").
_XAD = regex.compile(
    r"(?<=[|~])(?P<street>[^|^~\r\n]{1,100}+)\^[^|^~\r\n]{0,100}+\^(?P<city>\p{L}[^|^~\r\n]{0,60}+)\^(?-i:[A-Z]{2})\^(?P<zip>\d{5}(?:-?\d{4})?)(?=[|^~\r\n]|$)"
)


#: HL7's facility fields: MSH-4 and MSH-6 (the sending and receiving facility; MSH-1 is the separator itself, so they
#: are the 3rd and 5th parts after "MSH"), and PV1-3's fourth component (the patient's location's facility).
_MSH_FACILITY_PARTS = (3, 5)
_FACILITY_CODE = regex.compile(r"(?-i:[A-Z][A-Z0-9&' .-]{2,40})")


def _hl7_facilities(text: str, segments: list[Segment]) -> Iterator[Field]:
    for name, parts in segments:
        if name == "MSH":
            for number in _MSH_FACILITY_PARTS:
                if number < len(parts):
                    start, end = next(separated_parts(text, *parts[number], "^"))
                    if _is_facility_code(text[start:end]):
                        yield "FACILITY", start, end, f"HL7 MSH-{number + 1} facility"
        elif name == "PV1" and len(parts) > 3:
            components = list(separated_parts(text, *parts[3], "^"))
            if len(components) > 3 and _is_facility_code(text[slice(*components[3])]):
                yield "FACILITY", *components[3], "HL7 PV1-3 facility"


def _is_facility_code(value: str) -> bool:
    """A facility's name or code as a message carries it ("MERCYWEST", "STMARYS"), not an application's or a
    placeholder's: letters first, three or more, not a test or a lab system's name."""
    return _FACILITY_CODE.fullmatch(value) is not None and value.upper() not in _NOT_A_FACILITY_CODE


#: What MSH-4/6 hold when they name no place: the test, the lab, the receiving system's role.
_NOT_A_FACILITY_CODE = frozenset(
    ["LAB", "TEST", "ADT", "RAD", "PHARM", "PHARMACY", "HIS", "EMR", "EHR", "RIS", "PACS", "LIS", "RECEIVER", "SENDER"]
)


def _hl7_addresses(text: str) -> Iterator[Field]:
    for line in _HL7_LINE.finditer(text):
        for match in _XAD.finditer(line.group()):
            if not regex.search(r"\d", match.group("street")):
                continue  # a street line has its number
            for group, entity in (("street", "STREET_ADDRESS"), ("city", "LOCATION"), ("zip", "ZIP_CODE")):
                yield entity, line.start() + match.start(group), line.start() + match.end(group), "HL7 address by its shape"


def _hl7_person_ids(text: str, segments: list[Segment]) -> Iterator[Field]:
    """A person's identifier in an XCN field: ten digits are an NPI's shape, anything else the sender's own number."""
    for name, fields in segments:
        for number in _HL7_PERSON_FIELDS.get(name, ()):
            if number >= len(fields):
                continue
            for r_start, r_end in separated_parts(text, *fields[number], "~"):
                match = _XCN_ID.match(text, r_start, r_end)
                components = text[r_start:r_end].split("^")
                if match and not (len(components) > 2 and components[2].upper() in _CODING_SYSTEMS):
                    entity = "MEDICAL_LICENSE" if regex.fullmatch(r"\d{10}", match.group("id")) else "LABELLED_ID"
                    yield entity, match.start("id"), match.end("id"), f"HL7 {name}-{number} person identifier"


def _x12(text: str) -> Iterator[Field]:
    for segment in _X12_SEGMENT.finditer(text):
        name = segment.group(1)
        elements = list(separated_parts(text, segment.start(1), segment.end(), "*"))
        if name == "NM1" and len(elements) > 4 and text[slice(*elements[2])] == "1":  # a person, not an organisation
            yield "PERSON", *elements[3], "X12 NM1 last name"
            yield "PERSON", *elements[4], "X12 NM1 first name"
            if len(elements) > 9 and text[slice(*elements[8])] == "MI":  # NM108 "MI": NM109 is the member's ID
                yield "HEALTH_PLAN_ID", *elements[9], "X12 NM1 member ID"
        elif name == "N3":
            yield from (("STREET_ADDRESS", s, e, "X12 N3 address") for s, e in elements[1:3])
        elif name == "N4" and len(elements) > 1:
            yield "LOCATION", *elements[1], "X12 N4 city"
            if len(elements) > 3:
                yield "ZIP_CODE", *elements[3], "X12 N4 ZIP code"
        elif name == "DMG" and len(elements) > 2 and text[slice(*elements[1])] == "D8":
            yield "PERSON_DATE", *elements[2], "X12 DMG birth date"


def _fold(key: str) -> str:
    return regex.sub(r"[^a-z0-9]", "", key.casefold())


def _entity_of(key: str, value: str) -> str | None:
    """What a value is by its key; a bare "name" only when a word of it is a known given name."""
    folded = _fold(key)
    if folded in _KEYS:
        return _KEYS[folded]
    if folded in _NAME_KEYS and any(is_given(word) for word in regex.findall(r"\p{L}[\p{L}'’-]*", value)):
        return "PERSON"
    return None


def _json(text: str) -> Iterator[Field]:
    if '":' not in text and '" :' not in text:
        return
    for pair in _JSON_PAIR.finditer(text):
        key = pair.group("key")
        if key == "value":
            entity = _fhir_identifier(text, pair.start(), pair.end())
        elif key == "reference":
            entity, reference = None, _FHIR_PERSON_REFERENCE.fullmatch(pair.group("value"))
            if reference:
                yield (
                    "LABELLED_ID",
                    pair.start("value") + reference.start("id"),
                    pair.start("value") + reference.end("id"),
                    "FHIR reference",
                )
        else:
            entity = _entity_of(key, pair.group("value"))
        if entity:
            yield entity, pair.start("value"), pair.end("value"), f'JSON key "{key}"'


#: A FHIR reference to a person's resource: "Patient/8812" points at one person's record.
_FHIR_PERSON_REFERENCE = regex.compile(r"(?:Patient|Person|RelatedPerson|Practitioner)/(?P<id>[\w.-]+)")
#: What an identifier's system or type says it is: an SSN (by its OID too), a plan's member, a record number, a
#: driver's licence (a state's OID, 2.16.840.1.113883.4.3.*); any other identifier is one person's all the same.
_FHIR_SYSTEMS = (
    ("US_SSN", regex.compile(r'(?i)\bssn\b|us-ssn|2\.16\.840\.1\.113883\.4\.1\b|social security|"code"\s*:\s*"SS"')),
    ("HEALTH_PLAN_ID", regex.compile(r'(?i)medicaid|medicare|member|insur|coverage|policy|subscriber|beneficiar|"code"\s*:\s*"M[ABC]"')),
    ("US_DRIVER_LICENSE", regex.compile(r'(?i)driver|licen[cs]e|2\.16\.840\.1\.113883\.4\.3\.|"code"\s*:\s*"DL"')),
    ("MEDICAL_RECORD_NUMBER", regex.compile(r'(?i)"MR"|\bmrn\b|medical.record|hospital|clinic|health')),
)


def _fhir_identifier(text: str, start: int, end: int) -> str | None:
    """The type of a "value" inside a FHIR identifier ("identifier": [{"system": …, "value": "…"}]), by its system
    and type text in the same object; None for a "value" elsewhere (a quantity's, a code's)."""
    inside = text.rfind('"identifier"', max(0, start - 400), start)
    opening = _open_object_of_array(text, inside, start) if inside >= 0 else None
    if opening is None:
        return None
    closing = text.find("}", end)
    described = text[opening : closing if closing >= 0 else end]
    return next((entity for entity, system in _FHIR_SYSTEMS if system.search(described)), "LABELLED_ID")


_OPENER = regex.compile(r"\s*([\[{])")


def _open_object_of_array(text: str, key: int, at: int) -> int | None:
    """Where the object after `key` (one object, or one of an array) that is still open at `at` starts, or None when
    it is closed by then (its "value" belongs to something else); the objects inside it ("type", "coding") are walked."""
    colon = text.find(":", key, at)
    opener = _OPENER.match(text, colon + 1) if colon >= 0 else None
    if opener is None:
        return None
    single = opener.group(1) == "{"
    depth, opening = (1, opener.start(1)) if single else (0, None)
    for index in range(opener.end(1), at):
        char = text[index]
        if char in "[{":
            depth += 1
            if depth == 1 and char == "{":
                opening = index
        elif char in "]}":
            depth -= 1
            if depth < (1 if single else 0):
                return None
    return opening if depth >= 1 else None


#: A record's "key: value" line as YAML, a form export or a config writes it: the key in lower or camel case as code
#: names fields ("city: Worcester", "address_line1: 17 Birchwood Rd", "lastName: Asante"), not a note's "Line:".
_KEY_LINE = regex.compile(
    r"(?m)^[ \t]{0,8}(?P<key>[a-z][a-z]{0,20}(?:[_-]?[A-Za-z0-9]{1,20}){0,3})[ \t]{0,4}[:=][ \t]{0,4}(?P<value>[^\n]{1,100}?)[ \t]{0,20}$"
)
#: Keys that a lower-case note also writes as its own labels, with other values ("line: 2 PIVs", "location: ER"):
#: their values are read only in JSON and CSV. A value of everyday words is a placeholder ("city: pending").
_PROSE_KEYS = frozenset(
    {
        "line",
        "address",
        "addr",
        "location",
        "first",
        "last",
        "given",
        "family",
        "practice",
        "clinic",
        "district",
        "id",
        "rx",
        "chart",
        "account",
        "acct",
    }
)


def _key_lines(text: str) -> Iterator[Field]:
    if ":" not in text and "=" not in text:
        return
    for line in _KEY_LINE.finditer(text):
        key, folded = line.group("key"), _fold(line.group("key"))
        if folded in _KEYS and folded not in _PROSE_KEYS and not all(is_common(w) for w in line.group("value").split()):
            yield _KEYS[folded], line.start("value"), line.end("value"), f'record key "{key}"'


def _csv(text: str) -> Iterator[Field]:
    """Each cell under a header that says what it holds, down to the table's first blank line; the header is the
    first line of delimited words with a key known here (a post's "Thanks, everyone, really" before it is none)."""
    for header in _CSV_HEADER.finditer(text):
        delimiter = header.group("delimiter")
        keys = [text[s:e].strip('"') for s, e in separated_parts(text, header.start(), header.end(), delimiter)]
        if any(_fold(key) in _KEYS or _fold(key) in _NAME_KEYS or _fold(key) in _PEOPLE_COLUMNS for key in keys):
            yield from _csv_cells(text, header.end() + 1, keys, delimiter)
            return


#: Columns that say a table lists people, whose bare "ID" column is then each person's ("Employee<TAB>ID<TAB>Unit"); a table
#: of drugs or a JSON object's "id" numbers rows and resources, not people.
_PEOPLE_COLUMNS = frozenset({"employee", "patient", "member", "student", "client", "resident", "staff", "participant", "subject"})


def _csv_cells(text: str, line_start: int, keys: list[str], delimiter: str) -> Iterator[Field]:
    """The typed cells of the rows from line_start down to the first blank line."""
    folded = [_fold(key) for key in keys]
    people = any(key in _PEOPLE_COLUMNS or _KEYS.get(key) == "PERSON" or key in _NAME_KEYS for key in folded)
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:line_end].strip():
            break
        for key, folded_key, (start, end) in zip(keys, folded, separated_parts(text, line_start, line_end, delimiter)):
            value = text[start:end].strip("\"'")
            entity = ("LABELLED_ID" if people and folded_key == "id" else _entity_of(key, value)) if value else None
            if entity:
                start += text[start:end].find(value)
                yield entity, start, start + len(value), f'CSV column "{key}"'
        line_start = line_end + 1
