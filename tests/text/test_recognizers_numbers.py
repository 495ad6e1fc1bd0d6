"""The numbered identifiers: SSN, MRN, health plan, account, NPI, DEA, licences, VIN, plates, devices."""

from __future__ import annotations

import pytest

from auditor.scanners.text.entities import ENTITIES
from auditor.scanners.text.recognizers.dea import DeaNumberRecognizer
from auditor.scanners.text.recognizers.license_plate import LicensePlateRecognizer
from auditor.scanners.text.recognizers.medical_record import (
    MedicalRecordNumberRecognizer,
)
from auditor.scanners.text.recognizers.udi import UdiRecognizer
from auditor.scanners.text.recognizers.vin import VinRecognizer, vin_check_digit


@pytest.mark.parametrize(
    ("text", "ssn"),
    [
        ("my SSN is 219-09-9999 apparently", "219-09-9999"),
        ("social security number 219099999 on the form", "219099999"),
        ("ssn: 219 09 9999", "219 09 9999"),
    ],
)
def test_an_ssn_with_or_without_dashes_is_found(detect, hit, text, ssn):
    assert hit(text, "US_SSN", ssn) in detect(text)


@pytest.mark.parametrize(
    ("text", "entity", "number"),
    [
        ("Request for reimbursement, NRIC S8812345D, receipt attached", "SG_NRIC_FIN", "S8812345D"),
        ("my NI number is AB 12 34 56 C if they ask", "UK_NINO", "AB 12 34 56 C"),
        ("her SIN: 130 692 544 (Ontario)", "CA_SIN", "130 692 544"),
    ],
)
def test_another_countrys_national_number_is_found_and_counts_as_another_unique_id_not_a_us_ssn(detect, hit, text, entity, number):
    assert hit(text, entity, number) in detect(text)
    assert ENTITIES[entity].identifier == "other_unique_id"


def test_a_luhn_valid_nine_digit_group_without_a_sin_word_is_no_sin(detect):
    assert {h for h in detect("glucose trend 130 692 544 over three days") if h[0] == "CA_SIN"} == set()


@pytest.mark.parametrize(
    "text",
    [
        "my order 219099999 still hasn't shipped",
        "tracking number 219-09-9999 says delivered",
        "confirmation 219099999 for the refill",
        "the docs use 123-45-6789 as the example",
    ],
)
def test_an_order_number_or_an_unlabelled_sample_ssn_is_no_ssn(detect, text):
    """After an SSN label a sample number is reported as written (test_recognizers_labelled_ids.py)."""
    assert {h for h in detect(text) if h[0] == "US_SSN"} == set()


@pytest.mark.parametrize(
    ("text", "mrn"),
    [
        ("my MRN: 00123456 is on every page", "00123456"),
        ("med rec # A-7745123 lol", "A-7745123"),
        ("chart #4451232 says otherwise", "4451232"),
        ("hospital number 5512398 on the bracelet", "5512398"),
    ],
)
def test_a_labelled_medical_record_number_is_found(detect, hit, text, mrn):
    assert hit(text, "MEDICAL_RECORD_NUMBER", mrn) in detect(text)


def test_an_unlabelled_number_is_no_mrn(recognize):
    assert recognize(MedicalRecordNumberRecognizer(), "I checked my chart and 12345678 steps later") == set()


@pytest.mark.parametrize(
    ("text", "plan_id"),
    [
        ("Member ID: 123456789 on my BCBS card", "123456789"),
        ("my Medicare number is 1EG4-TE5-MK73", "1EG4-TE5-MK73"),
        ("insurance id XYZ987654321 got denied", "XYZ987654321"),
        ("Medicaid # 44556677 renewed", "44556677"),
    ],
)
def test_a_health_plan_member_id_or_mbi_is_found(detect, hit, text, plan_id):
    assert hit(text, "HEALTH_PLAN_ID", plan_id) in detect(text)


@pytest.mark.parametrize(
    ("text", "plan_id"),
    [
        ("Mbr ID: 88412209 on the card", "88412209"),
        ("Grp: 00471 for the whole family", "00471"),
        ("Cert # 889123441", "889123441"),
        ("insured ID 44Q812290", "44Q812290"),
        ("Enrollee ID 7729910 since March", "7729910"),
    ],
)
def test_an_id_after_a_cards_abbreviated_label_is_a_health_plan_id(detect, hit, text, plan_id):
    assert hit(text, "HEALTH_PLAN_ID", plan_id) in detect(text)


@pytest.mark.parametrize(
    ("text", "plan_id"),
    [
        ("UHC 9921-883-10 is the number on my card", "9921-883-10"),
        ("BCBS member XJH123456789 got denied again", "XJH123456789"),
        ("Aetna ID W123456789, group 0045", "W123456789"),
        ("Insurance: BCBS RI ZXB884102937", "ZXB884102937"),
        ("she has Blue Cross of Texas 88341220 through work", "88341220"),
    ],
)
def test_an_id_right_after_a_payers_name_is_a_health_plan_id(detect, hit, text, plan_id):
    assert hit(text, "HEALTH_PLAN_ID", plan_id) in detect(text)


@pytest.mark.parametrize(
    "text",
    ["call Aetna 800-555-1234 about the denial", "Humana 2024 plans cost more", "Cigna 90-day supply only", "Kaiser 3 times a year"],
)
def test_a_phone_year_or_count_after_a_payers_name_is_no_health_plan_id(detect, text):
    assert {h for h in detect(text) if h[0] == "HEALTH_PLAN_ID"} == set()


def test_a_labelled_account_number_is_found(detect, hit):
    text = "billing says account # 99887766 is overdue"
    assert hit(text, "ACCOUNT_NUMBER", "99887766") in detect(text)


def test_an_npi_with_a_valid_check_digit_is_found(detect, hit):
    text = "my doctor's NPI 1234567893 is public anyway"
    assert hit(text, "US_NPI", "1234567893") in detect(text)


def test_a_phone_number_that_passes_the_npi_check_is_a_phone_number(detect, hit):
    text = "call me 212-555-0197"
    assert detect(text) == {hit(text, "PHONE_NUMBER", "212-555-0197")}


def test_a_dea_number_with_a_valid_check_digit_is_found(detect, hit):
    text = "the script had DEA AB1234563 printed on it"
    assert hit(text, "DEA_NUMBER", "AB1234563") in detect(text)


def test_a_dea_shaped_token_with_a_bad_check_digit_or_inside_a_word_is_not(recognize):
    assert recognize(DeaNumberRecognizer(), "AB1234564 and XAB1234563") == set()


@pytest.mark.parametrize(
    ("text", "licence"),
    [("her medical license G12345 was suspended", "G12345"), ("RN license # 1234567", "1234567"), ("license no. MD-445566", "MD-445566")],
)
def test_a_labelled_medical_licence_is_found(detect, hit, text, licence):
    assert hit(text, "MEDICAL_LICENSE", licence) in detect(text)


def test_a_drivers_licence_is_a_driver_license_not_a_medical_one(detect, hit):
    text = "my driver's license number D1234567 was on the form"
    assert detect(text) == {hit(text, "US_DRIVER_LICENSE", "D1234567")}


def test_a_vin_with_a_valid_check_digit_is_found_without_a_label(detect, hit):
    text = "selling the car 1HGCM82633A004352 to pay for chemo"
    assert hit(text, "VIN", "1HGCM82633A004352") in detect(text)


def test_a_labelled_vin_is_found_without_a_check_digit(detect, hit):
    text = "VIN: WVWZZZ1JZXW000001 (German car)"
    assert hit(text, "VIN", "WVWZZZ1JZXW000001") in detect(text)


def test_a_17_character_code_with_a_bad_check_digit_is_no_vin(detect):
    assert {h for h in detect("ref code 1HGCM82634A004352 in the email") if h[0] == "VIN"} == set()


def test_the_vin_check_digit_follows_49_cfr_565():
    assert vin_check_digit("1HGCM82633A004352") == "3"
    assert vin_check_digit("11111111111111111") == "1"


def test_a_licence_plate_after_its_label_is_found(detect, hit):
    text = "someone hit my car, license plate 7ABC123, at the hospital garage"
    assert hit(text, "LICENSE_PLATE", "7ABC123") in detect(text)


@pytest.mark.parametrize("text", ["license plate number and insurance info", "ate a plate of pasta 2 days ago"])
def test_words_after_plate_are_no_licence_plate(recognize, text):
    assert recognize(LicensePlateRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "device_id"),
    [
        ("UDI (01)00884838000124(17)251231(21)SN12345 on the card", "(01)00884838000124(17)251231(21)SN12345"),
        ("pacemaker serial no. PJN123456 per the card", "PJN123456"),
        ("my pump S/N: NG1234567H if anyone finds it", "NG1234567H"),
        ("transmitter SN 8G1ABC2 expired", "8G1ABC2"),
        ("insulin pump ID 55XK90123 crashed", "55XK90123"),
    ],
)
def test_a_udi_or_a_labelled_device_serial_is_a_device_id(detect, hit, text, device_id):
    assert hit(text, "DEVICE_ID", device_id) in detect(text)


def test_a_udi_with_a_bad_gtin_check_digit_is_no_device_id(recognize):
    assert recognize(UdiRecognizer(), "(01)00884838000125(21)SN1") == set()


def test_a_credit_card_number_is_an_account_identifier(detect, hit):
    text = "charged my card 4111 1111 1111 1111 for the copay"
    assert hit(text, "CREDIT_CARD", "4111 1111 1111 1111") in detect(text)


def test_a_labelled_prescription_number_is_found(detect, hit):
    text = "Rx #6655443 ready at the pharmacy"
    assert hit(text, "US_PRESCRIPTION_NUMBER", "6655443") in detect(text)


def test_a_vin_inside_a_longer_token_is_no_vin(recognize):
    assert recognize(VinRecognizer(), "hash X1HGCM82633A004352Y") == set()


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("disability placard renewal for plate PBE 070", "PBE 070"),
        ("hit my car in the garage, their plate was PWW 498", "PWW 498"),
        ("Ph: 702 555 0170\nPlate: WAZ 362\nDiagnosis: lupus", "WAZ 362"),
        ("renewal for plate RZK-4000. my chart number is", "RZK-4000"),
        ("Pt drove to the visit, vehicle plate 1UJW428.", "1UJW428"),
        ("placard renewal for plate 0EVK223", "0EVK223"),
        ("tag #: 7ABC123 on the blue sedan", "7ABC123"),
        ("someone dinged me, their plate was wkc-2254 lol", "wkc-2254"),
    ],
)
def test_a_plate_after_plate_tag_or_license_plate_is_a_licence_plate(detect, hit, text, plate):
    assert hit(text, "LICENSE_PLATE", plate) in detect(text)


@pytest.mark.parametrize(
    "text",
    ["the plate was 3 days late", "we ate off a plate at 5PM", "tag me in the post", "plate was 10am sharp", "my plate is full"],
)
def test_times_counts_and_words_after_plate_are_no_licence_plate(recognize, text):
    assert recognize(LicensePlateRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        ("is dr. wang's tn license ME 63214 even active?", "ME 63214"),
        ("Is Dr. Al-Sayed's AZ license D-28002 even active?", "D-28002"),
        ("Is Dr. Kim's HI license 0101084582 even active?", "0101084582"),
    ],
)
def test_a_licence_number_after_a_state_and_license_is_a_medical_license(detect, hit, text, licence):
    assert hit(text, "MEDICAL_LICENSE", licence) in detect(text)


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        ("driver’s license 077 518 703 (needed it to pick up my meds)", "077 518 703"),
        ("driver’s license X173-7698-1721 (needed it)", "X173-7698-1721"),
    ],
)
def test_a_drivers_licence_with_a_curly_apostrophe_or_spaced_groups_is_found(detect, hit, text, licence):
    assert hit(text, "US_DRIVER_LICENSE", licence) in detect(text)


@pytest.mark.parametrize(("text", "mrn"), [("MR#M7074455\nVehicle", "M7074455"), ("MBI: 8F55-EM9-CQ90\nMR#00452443", "00452443")])
def test_an_mr_hash_label_introduces_a_medical_record_number(detect, hit, text, mrn):
    assert hit(text, "MEDICAL_RECORD_NUMBER", mrn) in detect(text)


def test_a_dea_shaped_id_without_a_dea_label_is_no_licence(detect):
    assert {h for h in detect("insurance ID CE5696680, denied again") if h[0] == "DEA_NUMBER"} == set()


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my debit card 5105 1051 0510 5106 was cloned", "5105 1051 0510 5106"),
        ("credit card number is 4000123412341234", "4000123412341234"),
    ],
)
def test_a_card_number_after_a_card_label_is_an_account_number_whatever_its_check_digit(detect, hit, text, number):
    found = detect(text)
    assert hit(text, "ACCOUNT_NUMBER", number) in found or hit(text, "CREDIT_CARD", number) in found


@pytest.mark.parametrize("text", ["insurance card 12345", "card 2 of 3", "birthday card 2024"])
def test_short_numbers_after_card_are_no_card_number(detect, text):
    assert {h for h in detect(text) if h[0] == "ACCOUNT_NUMBER"} == set()
