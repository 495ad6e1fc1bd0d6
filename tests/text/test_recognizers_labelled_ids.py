"""Labelled identifiers of any shape, typed by their label, and labelled SSNs reported as written."""

from __future__ import annotations

import pytest
import regex


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("seen at Johns Hopkins (MRN: #HJ-1234567), with a history", "MEDICAL_RECORD_NUMBER", "#HJ-1234567"),
        ("admitted (MRN: 12345-NYP) yesterday", "MEDICAL_RECORD_NUMBER", "12345-NYP"),
        ("MRN 12345ABC noted", "MEDICAL_RECORD_NUMBER", "12345ABC"),
        ("MRN: UCSF-20210930-567", "MEDICAL_RECORD_NUMBER", "UCSF-20210930-567"),
        ("patient ID #AB-987654, last seen", "LABELLED_ID", "AB-987654"),
        ("Site ID: 98765", "LABELLED_ID", "98765"),
        ("Patient ID: 99812345", "LABELLED_ID", "99812345"),
        ("(0010,0020) PatientID: E2055960", "MEDICAL_RECORD_NUMBER", "E2055960"),
        ("ins: ZY-567890.", "HEALTH_PLAN_ID", "ZY-567890"),
        ("Member ID: QRT4 4O7 2219\nGroup: 0551", "HEALTH_PLAN_ID", "QRT4 4O7 2219"),  # OCR's O for 0 in a group
        ("DOYLE, ANNE  Rx 55l2O93  QTY 30", "LABELLED_ID", "55l2O93"),  # a pharmacy label's Rx number, read by OCR
        ("BIOLAB  Control # 44190l7722", "LABELLED_ID", "44190l7722"),
        ("Superior Court\nDocket CV-25-01187", "LABELLED_ID", "CV-25-01187"),
        ("Our file: QX-0041829-RM", "LABELLED_ID", "QX-0041829-RM"),
        ("Screen ID SCR-2207 | Site 14", "LABELLED_ID", "SCR-2207"),
        ("hi its dev, participant 118-0042, need to move my visit", "LABELLED_ID", "118-0042"),
        ("entered DOB 11071975 and last4 SSN 8812", "US_SSN", "8812"),
        ("entered DOB 11071975 and last4 SSN 8812", "PERSON_DATE", "11071975"),
        ("Insurance: HP-987654 on file", "HEALTH_PLAN_ID", "HP-987654"),
        ("Beeper 4417", "PHONE_NUMBER", "4417"),
        ("(SSN: 123-45-6789)", "US_SSN", "123-45-6789"),
        ('{"mrn": "B-0091234", "sex": "F"}', "MEDICAL_RECORD_NUMBER", "B-0091234"),
        ("SSN is 987-65-4321.", "US_SSN", "987-65-4321"),
        ("Name:HUSSAIN,ZAINAB   Hosp No:H0992817", "MEDICAL_RECORD_NUMBER", "H0992817"),
        ("Unit No R2284417 Ward 6", "MEDICAL_RECORD_NUMBER", "R2284417"),
        ("Medicare number on file   URN: 00442187", "MEDICAL_RECORD_NUMBER", "00442187"),
        ("Pat.No. 100238871  Geb.-Dat. 21.06.1950", "MEDICAL_RECORD_NUMBER", "100238871"),
        ("Transcribed: 11/04/2024 jlk   Job #: 4471902", "LABELLED_ID", "4471902"),
        ("Labcorp OnDemand  Order #LC-9931-5520", "LABELLED_ID", "LC-9931-5520"),
        ("Requisition # RQ7781203 attached", "LABELLED_ID", "RQ7781203"),
        ("Lab No: L/24/009812", "LABELLED_ID", "L/24/009812"),
        ("Ref. No: DS/2024/118392", "LABELLED_ID", "DS/2024/118392"),
        ("HERNANDEZ MARIA  F  ACC 77120045", "LABELLED_ID", "77120045"),
        ("MRN:1128847  CSN 4400192873", "LABELLED_ID", "4400192873"),
        ("MRN:1128847  FIN:12002231190  ADM:10/31/24", "ACCOUNT_NUMBER", "12002231190"),
        ("Medical record no 4410 / billing no 92-11873-4", "ACCOUNT_NUMBER", "92-11873-4"),
        ("MRN: 555 12034 (read from a wristband)", "MEDICAL_RECORD_NUMBER", "555 12034"),
        ("Patient ID 6415 974 217, DOB 05/03/1937", "LABELLED_ID", "6415 974 217"),
        ("Acct 778120 3 visits this year", "ACCOUNT_NUMBER", "778120"),
        ("MRN: 48213907 555 201 3344", "MEDICAL_RECORD_NUMBER", "48213907"),  # the phone after a full number is a phone
        ("MRN 4482 300 mg daily", "MEDICAL_RECORD_NUMBER", "4482"),  # a dose is no group of the number
        ("CHI 0101405678 on the GP letter", "LABELLED_ID", "0101405678"),
        ("NHS 012 345 6789 on the discharge letter", "LABELLED_ID", "012 345 6789"),
        ("IHI 8003 6012 3456 7890 from My Health Record", "LABELLED_ID", "8003 6012 3456 7890"),
        ("NHI ZZZ0016 at the DHB clinic", "LABELLED_ID", "ZZZ0016"),
        ("PPSN 1234567TA on the form", "LABELLED_ID", "1234567TA"),
        ("OHIP 1234-567-890-AB expired", "HEALTH_PLAN_ID", "1234-567-890-AB"),
        ("health card number 1234 567 890", "HEALTH_PLAN_ID", "1234 567 890"),
        ("PHN 9123 456 789 for the BC clinic", "HEALTH_PLAN_ID", "9123 456 789"),
        ("Versichertennummer A123456789", "HEALTH_PLAN_ID", "A123456789"),
        ("Nº historia clínica: 4471203", "MEDICAL_RECORD_NUMBER", "4471203"),
        ("NHC 4471203, ingreso por disnea", "MEDICAL_RECORD_NUMBER", "4471203"),
        ("IPP 800123456 - Hôpital Necker", "MEDICAL_RECORD_NUMBER", "800123456"),
        ("N° de dossier : 88123", "MEDICAL_RECORD_NUMBER", "88123"),
        ("Pat.-Nr. 1002388, Station 4", "MEDICAL_RECORD_NUMBER", "1002388"),
        ("cartella clinica n. 22/8812", "MEDICAL_RECORD_NUMBER", "22/8812"),
        ("Fall-Nr.: 5512003", "LABELLED_ID", "5512003"),
        ("nosologico 2024001234", "LABELLED_ID", "2024001234"),
    ],
)
def test_a_labelled_value_of_any_shape_is_reported_under_its_labels_type(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "MRN: pending",  # no digits
        "chart reviewed, K 3.1",
        "member of the care team",
        "case closed at 12",  # fewer than three digits
        "the 123-45-6789 in the example has no label",
        "Rx 500 mg twice daily, Rx 2 tabs at night",  # a dose after "Rx" is no number
        "pt req 500mg tylenol, req 2 tabs more",  # nor after a request
        "the subject of the email was her visit",
    ],
)
def test_a_label_without_an_identifier_after_it_gives_none(detect, text):
    assert not any(entity in ("MEDICAL_RECORD_NUMBER", "LABELLED_ID", "HEALTH_PLAN_ID", "US_SSN") for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text", ["DOB: 12/04/1941  NHS No: 485 777 3456  Admitted", "name Zhang Wei, NHS number 943 476 5919.", "CHI number 1204785522"]
)
def test_a_labelled_nhs_or_chi_number_is_an_identifier_not_a_phone_number(detect, hit, text):
    value = regex.search(r"\d[\d ]{8,}\d", text).group()
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize(("text", "value"), [("Phone: 032 288 79 44", "032 288 79 44"), ("call me on 01.84.17.61.18?", "01.84.17.61.18")])
def test_grouped_digits_after_a_phone_label_are_a_phone_number(detect, hit, text, value):
    assert hit(text, "PHONE_NUMBER", value) in detect(text)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("FIRST.ST CALL LIGHT IN REACH. DNR.SE DISCUSSED.", "URL"),
        ("took it x3.am and pm", "URL"),
        ("MEDS GIVEN @515PM, NEXT DOSE @75CC/HR", "SOCIAL_HANDLE"),
        ("60 via rad aline, map > 65", "STREET_ADDRESS"),
        ("hgb 8.2/hct 24.6/plt 188, chem 140/4.1/101/24/18/0.9", "PHONE_NUMBER"),
    ],
)
def test_note_shorthand_is_no_link_handle_address_or_phone(detect, text, entity):
    assert not any(found == entity for found, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("GARCIA, ELENA  ENC F33019  RM 2C", "LABELLED_ID", "F33019"),
        ("SOTO LUIS   MR# 55012   VISIT 8812044", "LABELLED_ID", "8812044"),
        ("SPECIMEN HX-24-11873  SOURCE: LIVER", "LABELLED_ID", "HX-24-11873"),
        ("Confirmation QRT5512093  Amount paid", "LABELLED_ID", "QRT5512093"),
        ("auth request # AR-7730126 sent", "HEALTH_PLAN_ID", "AR-7730126"),
        ("LABEL  ID KLM40921  SEX M", "LABELLED_ID", "KLM40921"),
        ("Mayo CLINIC # 8-221-407 on the bracelet", "MEDICAL_RECORD_NUMBER", "8-221-407"),
        ("his hospital number RX7 229014, ward 3", "MEDICAL_RECORD_NUMBER", "RX7 229014"),
    ],
)
def test_banner_and_letter_labels_without_a_colon_type_their_value(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize("text", ["my visit 2024 went fine", "ID 2 tabs at night", "Steuer-ID 86095742719 auf dem Formular"])
def test_a_bare_visit_or_id_in_lower_case_or_inside_another_label_gives_no_labelled_id(detect, text):
    assert not any(entity == "LABELLED_ID" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("patient_id: 48213907", "LABELLED_ID", "48213907"),
        ('{"patient_id": "A448120", "visit": 2}', "LABELLED_ID", "A448120"),
        ("mrn_number=4482913", "MEDICAL_RECORD_NUMBER", "4482913"),
        ("member_id: W2284401937", "HEALTH_PLAN_ID", "W2284401937"),
        ("claim number CLM-2291-0447 denied again", "HEALTH_PLAN_ID", "CLM-2291-0447"),
        ("Ticket #TK-448120 about my bill", "LABELLED_ID", "TK-448120"),
    ],
)
def test_a_label_written_as_a_csv_header_or_json_key_and_claim_and_ticket_numbers_type_their_value(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize("text", ["MRN RJ1 300 mg", "MRN AB12 345 mg daily", "ID 2024-03-01 follow-up"])
def test_a_site_code_before_a_dose_or_a_date_after_a_bare_id_is_no_identifier(detect, text):
    assert not any(entity in ("MEDICAL_RECORD_NUMBER", "LABELLED_ID") for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("EMR # 4482913 on the discharge slip", "4482913"),
        ("Registration No 4482913, Apollo Hospitals", "4482913"),
        ("UHID: 20240011872", "20240011872"),
        ("IP No. 4482913 ward 5", "4482913"),
        ("hospital file no. 4482913", "4482913"),
        ("MRN -- 4482913", "4482913"),
    ],
)
def test_emr_registration_uhid_inpatient_and_file_numbers_are_record_numbers(detect, hit, text, value):
    assert hit(text, "MEDICAL_RECORD_NUMBER", value) in detect(text)


@pytest.mark.parametrize("text", ["car registration no 4482913", "the emr is down, no 4 left", "I have a file number 12"])
def test_a_vehicles_registration_or_a_short_number_after_a_record_word_is_no_record_number(detect, text):
    assert not any(entity == "MEDICAL_RECORD_NUMBER" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("participant ID P-20331 in the trial", "P-20331"),
        ("Student No: S2291847", "S2291847"),
        ("enrollment number 447120", "447120"),
        ("passport no. X1234567 for the transfer", "X1234567"),
    ],
)
def test_a_study_school_work_club_or_passport_number_after_its_label_is_an_identifier(detect, hit, text, value):
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Run # 24-008817\nFrom: 711 Ridge Rd", "LABELLED_ID", "24-008817"),
        ("INCIDENT #IR-4482  Facility: Golden Acres", "LABELLED_ID", "IR-4482"),
        ("Check no. 0021877  $76.40", "LABELLED_ID", "0021877"),
        ("LOYALTY # 8801 2274 6630\nTHANK YOU", "LABELLED_ID", "8801 2274 6630"),
        ("Rabies tag 24-0871\nMicrochip 985141002288731", "LABELLED_ID", "985141002288731"),
        ("Chat transcript, session TH-88014273", "LABELLED_ID", "TH-88014273"),
        ("NIN: 71844092531\nName: Hauwa Ibrahim Musa", "LABELLED_ID", "71844092531"),
        ("SSS No. 34-5678901-2\nEmployee: Rodel Macaraeg", "LABELLED_ID", "34-5678901-2"),
        ("Claim intimation No: CLI/2025/1142871", "HEALTH_PLAN_ID", "CLI/2025/1142871"),
        ("OHIP card 5584-229-117-KT\nPatient: Marie-Claude Tremblay", "HEALTH_PLAN_ID", "5584-229-117-KT"),
        ("Medical card no. 1244871J", "HEALTH_PLAN_ID", "1244871J"),
        ("NHIF: 7719044\nFacility: Kisumu County Referral Hospital", "HEALTH_PLAN_ID", "7719044"),
        ("PhilHealth PIN 12-050442871-9", "HEALTH_PLAN_ID", "12-050442871-9"),
        ("Pt name Ron Pettigrew, DVA Gold card NX114872.", "HEALTH_PLAN_ID", "NX114872"),
        ("Folder No: LUTH/24/088731", "MEDICAL_RECORD_NUMBER", "LUTH/24/088731"),
        ("PEARL DUNNIGAN\nDEA BM4418273\nKroger Pharmacy", "MEDICAL_LICENSE", "BM4418273"),
        ("Dr. H. Vazquez, Céd. Prof. 8841027", "MEDICAL_LICENSE", "8841027"),
        ("Driver Rudy Kanagawa, 47, CDL K0047713822. Lac to forehead", "US_DRIVER_LICENSE", "K0047713822"),
        ("Patient: Ira Goldfarb  SSN: XXX-XX-4410", "US_SSN", "4410"),
        ("SEX M   DOB 02/07/1974\nSSN 4O9-66-1O27   MRN E4471182", "US_SSN", "4O9-66-1O27"),
        ("payment of $150.00 applied to account ending 7731. Remaining", "ACCOUNT_NUMBER", "7731"),
        ("Client card on file VISA x0982", "ACCOUNT_NUMBER", "x0982"),
        ("Kevin's Apple Watch, device UDID 00008006-001A2D0E11F8802E, ECG", "DEVICE_ID", "00008006-001A2D0E11F8802E"),
        ("No injuries. WanderGuard bracelet WG-330174 battery found dead.", "DEVICE_ID", "WG-330174"),
    ],
)
def test_run_sheet_receipt_card_and_national_labels_type_their_value(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Mbr ID: XWB 44l092837  Grp #: 0047219", "HEALTH_PLAN_ID", "XWB 44l092837"),  # a card's letters, then its number
        ("Medical aid: Discovery, member no DH 04471920\nHome", "HEALTH_PLAN_ID", "DH 04471920"),
        ("Member ID: XWB 441092", "HEALTH_PLAN_ID", "XWB 441092"),  # five digits or more after letters alone
        ("MRN: MR 552341", "MEDICAL_RECORD_NUMBER", "MR 552341"),
        ("Member ID: JQU 8841027731", "HEALTH_PLAN_ID", "JQU 8841027731"),  # ten digits after letters are no phone
        ("SON TRANSLATING. RAMQ LAVH 6608 1214.", "HEALTH_PLAN_ID", "LAVH 6608 1214"),
        ("Folder No: GSH 4471029\nNext visit", "MEDICAL_RECORD_NUMBER", "GSH 4471029"),
        ("RE: MC KENZIE, ALASTAIR\nMRN 88 1O 22 4   Acct 900", "MEDICAL_RECORD_NUMBER", "88 1O 22 4"),  # OCR spaced it out
        ("Pt: Gunnar Thorvaldsen  MRN MC-l 0 4 4 2 9 8\nSent by HIM", "MEDICAL_RECORD_NUMBER", "MC-l 0 4 4 2 9 8"),
        ("Subscriber ID: ZGP8 1 1 7 4 4 0 2\nSubscriber: spouse", "HEALTH_PLAN_ID", "ZGP8 1 1 7 4 4 0 2"),
        ("IHS #: l20-44-81O9\nRx: Enbrel", "HEALTH_PLAN_ID", "l20-44-81O9"),
        ("Physician: Rivka Adler MD  NPI 1447119203", "MEDICAL_LICENSE", "1447119203"),  # whatever its check digit
        ("seen by dr adler, npi 1447119203", "MEDICAL_LICENSE", "1447119203"),  # in lower case too
        ("Prescriber: Hollis Grant, MD   NPI: 1 4 9 2 0 3 7 7 6 5\nPhone", "MEDICAL_LICENSE", "1 4 9 2 0 3 7 7 6 5"),
    ],
)
def test_a_labelled_number_after_its_card_letters_or_spaced_out_by_ocr_is_its_labels_type(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("MRN NOT 1234 given", "NOT 1234"),
        ("GROUP O17l4-OO2\nRxBIN 610014  RxPCN 9999", "BIN 610014"),
        ("GROUP O17l4-OO2\nRxBIN 610014  RxPCN 9999", "PCN 9999"),
        ("Member ID DOB 1948 on file", "DOB 1948"),
        ("Member ID: CALL 18005551212", "CALL 18005551212"),  # a phone after a word
        ("MRN UNK 1234", "UNK 1234"),
        ("Policy #: SEE 2024 card", "SEE 2024"),  # letters alone take seven digits: a year is no card number
        ("Member ID WILL 1234 follow", "WILL 1234"),
    ],
)
def test_a_word_or_another_label_before_a_number_is_no_card_prefix(detect, text, reading):
    assert reading not in {text[start:end] for _, start, end in detect(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the core biopsy (specimen KX-31-H-08812) showed a benign fibroadenoma", "KX-31-H-08812"),
        ("Specimen: WB5l7719QM   Sex: F", "WB5l7719QM"),
        ("Tomasz Zieliński | DOB 3 May 1950 | Acc QR5580214", "QR5580214"),
        ("Sent for culture, req MZ-l2277O. Collected by the night RN", "MZ-l2277O"),
        ("Clinic visit booked. Conf #TQ8J3W2. Arrive 15 min early.", "TQ8J3W2"),
        ("Aide: Renata Oyelaran, emp # HC-4417", "HC-4417"),
        ("Student: Ruairi Colquhoun   Lesson ID WX-LS-3390185", "WX-LS-3390185"),
    ],
)
def test_specimen_accession_requisition_booking_and_staff_numbers_after_their_label_are_identifiers(detect, hit, text, value):
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Name ...... ADEBAYO, FOLASADE\nHosp No ... KT8O3310l   Ward 4", "MEDICAL_RECORD_NUMBER", "KT8O3310l"),
        ("Ward 8 North   NHS No ... 577 O39 2204", "LABELLED_ID", "577 O39 2204"),
    ],
)
def test_a_forms_dotted_leader_joins_a_label_to_its_value_as_ocr_reads_it(detect, hit, text, entity, value):
    assert hit(text, entity, value) in detect(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("the specimen (WI-26-H-04417) went to pathology", "WI-26-H-04417"), ("Case (CV-2291-04) reopened", "CV-2291-04")],
)
def test_an_identifier_in_brackets_after_its_label_is_an_identifier(detect, hit, text, value):
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reference (2019) study of 40 adults",  # a year
        "the reference (2019-2020) cohort",
        "Case (120 patients) were reviewed",  # a count
        "the specimen (450 g) was sent",  # a measure
        "the specimen (2x3 cm) was sent",
        "Case (4417 pts) reviewed in the series",
    ],
)
def test_a_year_a_count_or_a_measure_in_brackets_after_a_label_word_is_no_identifier(detect, text):
    assert not any(entity == "LABELLED_ID" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    [
        "Specimen 10-12 cm in greatest dimension",  # a size
        "specimen 2x3x1 cm received in formalin",
        "Specimen 125 g, received fresh",  # a weight
        "Acc 300 mg at night",
        "specimen 2024-03-15 collected at 09:10",  # a date, which the date recognizer reports
        "Acc 15/03/2024 pending",
    ],
)
def test_a_measure_or_a_date_after_a_specimen_or_accession_label_is_no_identifier(detect, text):
    assert not any(entity == "LABELLED_ID" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [("specimen S26-04417 received", "S26-04417"), ("Acc 88123401", "88123401"), ("ACC# 4471122 for the CT", "4471122")],
)
def test_a_specimen_or_accession_number_after_its_bare_label_is_an_identifier(detect, hit, text, value):
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NHS 466 O28 1193 on the discharge letter", "466 O28 1193"),  # OCR's letter O for a zero
        ("NHS O12 345 6789 on the discharge letter", "O12 345 6789"),  # at the number's start too
        ("NHS Number: 466 O28 1I93", "466 O28 1I93"),  # and I for a one
    ],
)
def test_an_nhs_number_as_ocr_reads_it_is_an_identifier(detect, hit, text, value):
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize("text", ["NHS Online says two weeks", "NHS OOO OOO 1234 is a placeholder"])
def test_letters_after_an_nhs_label_with_fewer_than_eight_real_digits_are_no_nhs_number(detect, text):
    assert not any(entity == "LABELLED_ID" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Applicant passport C4418829, exam date 15/09/2026.", "C4418829"),
        ("DOB 1988-06-21  A-Number A 212 448 907  Receipt IOE0912345678", "A 212 448 907"),
        ("DOB 1988-06-21  A-Number A 212 448 907  Receipt IOE0912345678", "IOE0912345678"),
        ("A# A-098-441-207, receipt EAC2690118842, seen Nov. 18", "A-098-441-207"),
        ("NAME: DARNELL HOPKINS  DOC#: 1184527  UNIT: B-POD", "1184527"),
        ("pt MARTINEZ, ANGEL BK# 55230 — withdrawal scoring", "55230"),
        ("booking J26-07781 arrested; alcohol screen", "J26-07781"),
        ("GRIEVANCE #G-2026-1188 — I ASKED FOR MY INSULIN", "G-2026-1188"),
        ("Notary Public, commission #7741920, expires 08/31/2029", "7741920"),
        ("Rebecca Stein-Alvarez, Esq., Bar No. 224817", "224817"),
        ("Rand No: R-55021   Kit No: K-8870341   Participant: 2207-015", "K-8870341"),
        ("Rand No: R-55021   Kit No: K-8870341   Participant: 2207-015", "2207-015"),
        ("TRIP NT-2612-004418 | 12/08/26 | PU 06:15", "NT-2612-004418"),
        ("Lyft Healthcare ride LH-7Q2K9X: pick-up at 9", "LH-7Q2K9X"),
        ("Police report #PPD-26-071188.", "PPD-26-071188"),
    ],
)
def test_papers_custody_court_study_and_transport_numbers_after_their_label_are_identifiers(detect, hit, text, value):
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her Aadhaar is 5512 8830 1947.", "5512 8830 1947"),  # its Verhoeff check fails: reported as written
        ("Applicant Ana Lúcia Figueiredo, CPF 412.887.903-55, passport", "412.887.903-55"),
        ("passport P01449261, Tazkira 1400-0101-88431, arrived", "1400-0101-88431"),
        ("Name Fatima Zahra El Idrissi, CIN BK448102.", "BK448102"),
        ("Bà Trần Thị Mai, CCCD 079150004418, khám tại", "079150004418"),
        ("ward 21, ID number 5203150448083. Visiting 3-4pm", "5203150448083"),
    ],
)
def test_another_countrys_national_number_after_its_name_is_reported_as_written_whatever_its_check(detect, hit, text, value):
    assert hit(text, "LABELLED_ID", value) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "I need a passport photo for the visa, 2 copies.",
        "A number of patients (300) were seen.",
        "the Commission 2024 report on nursing homes",
        "Subject: 2024 flu season update",
        "DOC 500 mg twice daily",
        "ride 2 hours to the clinic",
        "Participant: 12 of 40 completed",
    ],
)
def test_a_year_a_dose_a_count_or_a_duration_after_those_labels_is_no_identifier(detect, text):
    assert not any(entity == "LABELLED_ID" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mbr called re PA for Ozempic. PA # PA-2611-449182 approved", "PA-2611-449182"),
        ("Pre-d # PD-26-110487.", "PD-26-110487"),
        ("Valley Pulmonary, re auth AU-26-0091847 for mbr", "AU-26-0091847"),
        ("Cardiology 3 | 12-10-2026 08:40 | Ins AMG-00918822", "AMG-00918822"),
        ("na UBS Vila Mariana. cartão SUS 898 0012 4471 2203, alguém anota?", "898 0012 4471 2203"),
        ("la tessera sanitaria è 80380001200044812. Luca porta il pigiama", "80380001200044812"),
    ],
)
def test_a_prior_authorisation_and_another_countrys_public_insurance_number_are_plan_ids(detect, hit, text, value):
    assert hit(text, "HEALTH_PLAN_ID", value) in detect(text)
