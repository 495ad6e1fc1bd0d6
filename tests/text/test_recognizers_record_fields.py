"""Values a structured record types by their field: HL7 v2 segments, X12 claim segments, JSON keys and CSV
headers, pasted into a post or a ticket. The records are written for these tests."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.record_fields import RecordFieldRecognizer

HL7 = "MSH|^~\\&|LABSYS|NORTHLAB|EHR|CLINIC|20250110||ORU^R01|77|P|2.5\nPID|1||552190^^^MRN||ROWE^PETRA^L||19580923|F|||40 BIRCH LN^^DOVER^DE^19901||(302)555-0147"
X12 = "NM1*IL*1*OKAFOR*BENEDICT****MI*XQP221004871~\nDMG*D8*19690214*M~\nN3*77 SAGUARO TRL~\nN4*MESA*AZ*852010000~"


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        (HL7, "PERSON_DATE", "19580923"),
        (HL7, "STREET_ADDRESS", "40 BIRCH LN"),
        (HL7, "LOCATION", "DOVER"),
        (HL7, "ZIP_CODE", "19901"),
        (X12, "PERSON_DATE", "19690214"),
        (X12, "STREET_ADDRESS", "77 SAGUARO TRL"),
        (X12, "LOCATION", "MESA"),
        (X12, "ZIP_CODE", "852010000"),
    ],
)
def test_an_hl7_or_x12_field_types_its_value(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


def test_a_city_and_state_across_record_fields_are_no_name(detect):
    found = detect(HL7)
    assert not any(entity == "PERSON" and "DOVER" in HL7[start:end] for entity, start, end in found)


def test_json_keys_type_their_values(detect, hit):
    text = '{"name":[{"family":"Lindqvist","given":["Maja"]}],"address":[{"city":"Duluth","postalCode":"55802"}]}'
    found = detect(text)
    assert {
        hit(text, "PERSON", "Lindqvist"),
        hit(text, "PERSON", "Maja"),
        hit(text, "LOCATION", "Duluth"),
        hit(text, "ZIP_CODE", "55802"),
    } <= found


def test_csv_cells_are_typed_by_their_header_down_to_the_first_blank_line(recognize, hit):
    text = "id,last,first,zip,dx\nA-1,Haddad,Rami,48104,I10\nA-2,Ng,Wen,48105,E11\n\nlast,first\nnot,read"
    found = recognize(RecordFieldRecognizer(), text)
    assert {hit(text, "PERSON", "Haddad"), hit(text, "PERSON", "Wen"), hit(text, "ZIP_CODE", "48105")} <= found
    assert not any(text[start:end] in ("not", "read") for _, start, end in found)


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "Metformin ER", "dose": "500 mg"}',  # a bare "name" key names a person only by a given name
        "drug,dose,route\nmetformin,500 mg,po",  # a header that types nothing
        '{"zip": "n/a", "city": ""}',  # no value of the field's shape
    ],
)
def test_fields_that_hold_no_identifier_give_none(recognize, text):
    assert recognize(RecordFieldRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("MSH|^~\\&|LABSYS|NORTHLAB|EHR|CLINIC|20250110093512||ORU^R01|77|P|2.5", "20250110093512"),
        ("CLM|5512|QX1|ROWE|PETRA|19580923|20250107|99213", "19580923"),
        ("(0010,0030) DA [19711102]", "19711102"),
        ("2025-11-04T08:12:55Z VIEW_CHART user=jdoe", "2025-11-04"),
        ("doorbell log 2025-05-02 13:22: visitor at door", "2025-05-02"),
    ],
)
def test_a_records_compact_date_or_timestamp_is_a_date(detect, hit, text, value):
    assert hit(text, "PERSON_DATE", value) in detect(text)


def test_a_timestamp_is_no_phone_number(detect):
    assert not any(entity == "PHONE_NUMBER" for entity, _, _ in detect("doorbell log 2025-05-02 13:22: visitor at door"))


@pytest.mark.parametrize(
    "text",
    ["OBX|1|NM|2345-7^GLUCOSE^LN||142|mg/dL|70-99|H|||F", "OBR|1|||CBC^COMPLETE BLOOD COUNT^L|||||F", "DG1|1||E11.9^TYPE 2 DIABETES^I10"],
)
def test_an_hl7_coded_element_is_no_name(detect, text):
    assert not any(entity == "PERSON" for entity, _, _ in detect(text))


def test_a_provider_in_an_hl7_field_is_still_a_name(detect):
    text = "PV1|1|I|4W^412^A|||1932107661^NAKASHIMA^REI^N^^^MD|||MED"
    assert any(entity == "PERSON" and "NAKASHIMA" in text[start:end] for entity, start, end in detect(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PID|1||00223871^^^MRN||DOE^JANE^L||19620314|F", [("MEDICAL_RECORD_NUMBER", "00223871")]),
        # HL7's own framing separates segments with a carriage return
        ("MSH|^~\\&|LAB|X\rPID|1||123456||DOE^JANE||19620314|F|||12 ELM ST^^SALEM^MA^01970\rPV1|1", [("ZIP_CODE", "01970")]),
        # a repeated address: each repetition's town and ZIP code
        (
            "PID|1||123456||DOE^JANE||19620314|F|||12 ELM ST^^SALEM^MA^01970~PO BOX 5^^LYNN^MA^01901",
            [("ZIP_CODE", "01970"), ("LOCATION", "LYNN")],
        ),
        # X12: last and first names apart, and the member ID after NM108 "MI"
        ("NM1*IL*1*BROWN*RICE****MI*XQP221004871~", [("PERSON", "BROWN"), ("PERSON", "RICE"), ("HEALTH_PLAN_ID", "XQP221004871")]),
        # a CSV table with CRLF line ends, punctuation in its header, or prose before its header
        ("last;first;zip\r\nKowalczyk;Marta;01970\r\nNg;Wen;48105", [("ZIP_CODE", "48105"), ("PERSON", "Ng")]),
        ("Last Name,First Name,D.O.B.,Zip Code\nKowalczyk,Marta,1962-03-14,01970", [("ZIP_CODE", "01970")]),
        ("Thanks, everyone, really\nlast,first,e-mail,zip\nKowalczyk,Marta,m@example.org,01970", [("PERSON", "Marta")]),
    ],
)
def test_a_record_field_is_typed_in_real_framings_repeats_and_headers(recognize, text, expected):
    found = {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}
    assert set(expected) <= found


def test_a_patient_name_ending_in_a_legal_name_code_is_no_coded_test(detect, hit):
    text = "PID|1||00223871^^^MRN||DOE^JANE^L||19620314|F|||12 ELM ST^^SALEM^MA^01970"
    assert hit(text, "PERSON", "DOE^JANE^L") in detect(text)


def test_a_records_key_value_lines_type_their_values_by_the_key(detect, hit):
    text = "first_name: Kwabena\nlast_name: Asante\naddress_line1: 17 Birchwood Rd\ncity: Worcester\nzip: 01605"
    found = detect(text)
    assert hit(text, "LOCATION", "Worcester") in found
    assert hit(text, "ZIP_CODE", "01605") in found
    assert hit(text, "STREET_ADDRESS", "17 Birchwood Rd") in found


@pytest.mark.parametrize("text", ["line: 2 PIVs in place\ncity: pending\nzip: unknown", "Location: ER bay 3\nLine: right IJ"])
def test_a_notes_own_labels_and_placeholder_values_are_no_record_fields(detect, text):
    assert not any(entity in ("LOCATION", "STREET_ADDRESS", "ZIP_CODE", "FACILITY") for entity, _, _ in detect(text))


def _segment(name: str, fields: dict[int, str]) -> str:
    """An HL7 v2 segment with `fields` at their positions and the others empty."""
    return "|".join([name] + [fields.get(number, "") for number in range(1, max(fields) + 1)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_segment("PV1", {1: "1", 2: "I", 7: "1740299184^FERREIRA^LUCAS", 19: "V88310294"}), ("MEDICAL_RECORD_NUMBER", "V88310294")),
        (_segment("ORC", {1: "NW", 2: "PLC-2026-88102", 3: "FIL-551029"}), ("MEDICAL_RECORD_NUMBER", "FIL-551029")),
        (_segment("IN1", {1: "1", 8: "GRP-4471", 16: "KOWALSKI^TERESA", 36: "WA77120048"}), ("HEALTH_PLAN_ID", "WA77120048")),
        (_segment("PID", {1: "1", 3: "00223871^^^MRN", 20: "D4471209^WA"}), ("US_DRIVER_LICENSE", "D4471209")),
        (_segment("MRG", {1: "OLD-88120^^^MRN"}), ("MEDICAL_RECORD_NUMBER", "OLD-88120")),
    ],
)
def test_visit_order_policy_licence_and_merged_numbers_are_typed_by_their_hl7_field(recognize, text, expected):
    assert expected in {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"identifier": [{"system": "urn:oid:2.16.710.1", "value": "8104125088083"}]}', ("LABELLED_ID", "8104125088083")),
        ('{"identifier": [{"type": {"text": "Medicaid"}, "value": "NY8841029Z"}]}', ("HEALTH_PLAN_ID", "NY8841029Z")),
        ('{"identifier":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"238-51-4470"}]}', ("US_SSN", "238-51-4470")),
        ('{"identifier":[{"type":{"coding":[{"code":"MR"}]},"value":"SMRT-77120034"}]}', ("MEDICAL_RECORD_NUMBER", "SMRT-77120034")),
        ('{"subject": {"reference": "Patient/8812"}}', ("LABELLED_ID", "8812")),
    ],
)
def test_a_fhir_identifier_is_typed_by_its_system_and_a_reference_to_a_patient_is_an_id(recognize, text, expected):
    assert expected in {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}


def test_a_quantitys_value_and_a_reference_to_an_organisation_are_no_identifiers(recognize):
    text = '{"valueQuantity": {"value": "140", "unit": "mg"}, "performer": {"reference": "Organization/1001"}}'
    assert recognize(RecordFieldRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Employee\tID\tUnit\tFlu shot\nOkafor, Blessing\tE20417\t4 West\t10/02", ("LABELLED_ID", "E20417")),
        ("Rx #\tDrug\tQty\n6621048\tatorvastatin 40 mg\t90\n6621049\tlisinopril\t30", ("LABELLED_ID", "6621049")),
        ("name,mrn,dob\nAsante,MR-0044812,1962-03-14", ("MEDICAL_RECORD_NUMBER", "MR-0044812")),
    ],
)
def test_an_id_column_of_a_tab_or_comma_separated_table_types_its_cells(recognize, text, expected):
    assert expected in {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_segment("PV1", {1: "1", 2: "E", 7: "1306844912^CHANDRASEKHAR^MEERA"}), ("MEDICAL_LICENSE", "1306844912")),
        (_segment("OBR", {1: "1", 4: "71046^XR CHEST^CPT", 16: "D4471^MBEKI^THANDO"}), ("LABELLED_ID", "D4471")),
    ],
)
def test_a_doctors_identifier_before_their_name_in_an_hl7_person_field_is_typed(recognize, text, expected):
    assert expected in {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}


def test_a_coded_test_in_an_hl7_person_field_is_no_persons_identifier(recognize):
    text = _segment("OBR", {1: "1", 16: "85025^CBC^LN"})
    assert recognize(RecordFieldRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invoice\tAccount\tBalance\nINV-220914\tACC-0093381\t$1,240.00", ("ACCOUNT_NUMBER", "INV-220914")),
        ("Patient\tDevice\tSerial\nBergström, Nils\tICD\tRZN448102S", ("DEVICE_ID", "RZN448102S")),
    ],
)
def test_an_invoice_or_serial_column_types_its_cells(recognize, text, expected):
    assert expected in {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}


def test_an_hl7_address_is_read_by_its_shape_in_whatever_field_a_cut_message_puts_it(recognize):
    text = "IN1|1|MCD01|MEDICAID|State Medicaid|||||||||20260301||||DIAZ^ESPERANZA^M|SEL|19920118|410 N 5TH ST^^YAKIMA^WA^98901|"
    found = {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}
    assert {("STREET_ADDRESS", "410 N 5TH ST"), ("LOCATION", "YAKIMA"), ("ZIP_CODE", "98901")} <= found


def test_a_lab_results_units_and_range_are_no_hl7_address(recognize):
    assert recognize(RecordFieldRecognizer(), "OBX|1|NM|2345-7^GLUCOSE^LN||105|mg/dL^^UCUM|70-99") == set()


@pytest.mark.parametrize(
    ("text", "code"),
    [('{"city": "Curitiba", "postalCode": "80010-120"}', "80010-120"), ('{"city": "Gdańsk", "postalCode": "80-827"}', "80-827")],
)
def test_another_countrys_postal_code_under_a_postal_key_is_a_zip_code(recognize, text, code):
    assert ("ZIP_CODE", code) in {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MSH|^~\\&|EPIC|MERCYWEST|LAB|LAB|202503140815||ADT^A04|MSG1|P|2.5", ("FACILITY", "MERCYWEST")),
        (_segment("PV1", {1: "1", 2: "I", 3: "4W^412^B^STMARYS"}), ("FACILITY", "STMARYS")),
        ('"mrn","last","first","dob","zip"\n"A0044712","Haddad","Layla","2001-03-19","48126"', ("ZIP_CODE", "48126")),
        ("no;nom;prenom;ville\nQ-4471;Tremblay;Gaëlle;Trois-Rivières", ("PERSON", "Tremblay")),
        ("no;nom;prenom;ville\nQ-4471;Tremblay;Gaëlle;Trois-Rivières", ("LOCATION", "Trois-Rivières")),
    ],
)
def test_hl7_facilities_quoted_headers_and_other_languages_headers_type_their_values(recognize, text, expected):
    assert expected in {(entity, text[start:end]) for entity, start, end in recognize(RecordFieldRecognizer(), text)}


def test_a_message_to_a_test_system_names_no_facility(recognize):
    assert not any(entity == "FACILITY" for entity, _, _ in recognize(RecordFieldRecognizer(), "MSH|^~\\&|EPIC|TEST|LAB|ADT|2025"))
