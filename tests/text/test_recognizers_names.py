"""PERSON: names the small spaCy model misses, and the capitalised words that are no names."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.person_name import PersonNameRecognizer


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("found my old scan, header says DOE^JOHN^Q lol", "DOE^JOHN^Q"),
        ("PATIENT: DOE, JOHN DOB: 03/04/1961", "DOE, JOHN"),
        ("NAME: MARIA GARCIA LOPEZ\nMRN: 00123456", "MARIA GARCIA LOPEZ"),
        ("PT: SMITH, ANNA", "SMITH, ANNA"),
        ("Patient name: Doe, Jane", "Doe, Jane"),
        ("Dr. Patel told me it's benign!", "Patel"),
        ("shoutout to Nurse Jackie on 4 West", "Jackie"),
        ("Mrs. O'Brien from the clinic called", "O'Brien"),
        ("Hi all, my name is Ana Souza and I have lupus", "Ana Souza"),
        ("I'm Priya, newly diagnosed with T1D", "Priya"),
        ("my son Jake was diagnosed at 3", "Jake"),
        ("my mom Jane Doe finally got her transplant", "Jane Doe"),
    ],
)
def test_a_name_introduced_by_a_label_an_honorific_or_a_phrase_is_found(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Had a CT scan and a PET yesterday",
        "I wrote it all down in MS Word",
        "I'm Type 2 and on metformin",
        "I'm So tired of this",
        "my son Is doing better after chemo",
        "MRI showed nothing, EKG normal",
        "Dr. appointment went fine",
    ],
)
def test_imaging_words_software_and_capitalised_phrases_are_no_names(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()


def test_the_honorific_is_not_part_of_the_name(recognize):
    assert recognize(PersonNameRecognizer(), "Dr. John Smith") == {("PERSON", 4, 14)}


def test_an_all_caps_name_stops_at_the_next_record_label(recognize):
    assert recognize(PersonNameRecognizer(), "PATIENT: DOE, JOHN DOB 1961") == {("PERSON", 9, 18)}


def test_a_possessive_is_not_part_of_the_name(recognize):
    assert recognize(PersonNameRecognizer(), "my son Jake's inhaler") == {("PERSON", 7, 11)}


def test_an_exponent_is_no_dicom_name(recognize):
    assert recognize(PersonNameRecognizer(), "dose scales with x^2 not e^x") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my neurologist, Dr. Connor Muñoz, wants another biopsy", "Connor Muñoz"),
        ("shoutout to Dr. Søren Østergaard who listened", "Søren Østergaard"),
        ("my son Łukasz was diagnosed at 3", "Łukasz"),
        ("my daughter Siobhán has asthma", "Siobhán"),
        ("my wife Mei-Ling is on chemo", "Mei-Ling"),
        ("Visiting nurse Jean-Luc came at 2. Vitals ok.", "Jean-Luc"),
        ("accompanied by daughter Dakota. Lives alone", "Dakota"),
        ("reviewed results with pt's partner D'Andre MacLeod by phone", "D'Andre MacLeod"),
        ("My mother-in-law Mateo Kealoha keeps telling everyone", "Mateo Kealoha"),
        ("My sister Maria G. Novak drove me", "Maria G. Novak"),
        ("Giorgos U. Ramírez and I have been together 11 years", "Giorgos U. Ramírez"),
        ("Our fundraiser for Hiroshi's EEG is up", "Hiroshi"),
    ],
)
def test_names_with_accents_hyphens_and_initials_are_found(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my son emily osei has anorexia", "emily osei"),
        ("tagging my cousin tyrone who also has t1d", "tyrone"),
        ("my wife diego singh was finally diagnosed", "diego singh"),
        ("is dr. wang's license even active?", "wang"),
    ],
)
def test_a_lower_case_name_after_my_son_or_dr_is_found(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Guarantor: PARK, INGRID J\nTest: a1c", "PARK, INGRID J"),
        ("PATIENT: MUÑOZ, JOSÉ\nDOB: 18-SEP-1949", "MUÑOZ, JOSÉ"),
        ("PATIENT: ØSTERGAARD, FATIMA Z\n\nIMAGING: CT", "ØSTERGAARD, FATIMA Z"),
        ("Emergency contact: NÚÑEZ, ANNE-MARIE\nPhone", "NÚÑEZ, ANNE-MARIE"),
        ("Dictated but not read. LÓPEZ, NOÉMIE, MD\n", "LÓPEZ, NOÉMIE"),
        ("Electronically signed by Ngozi Smith-Jones, MD on 31-AUG-2023", "Ngozi Smith-Jones"),
        ("GROUP 01774\nMEMBER: DANIELA R WESTON\nPCP DR OKAFOR", "DANIELA R WESTON"),
        ("Claimant: HOLLIS T MERCER\nDate of loss: 05/30/2026", "HOLLIS T MERCER"),
    ],
)
def test_a_pasted_record_name_after_its_label_or_before_a_credential_is_one_span(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "my son has the flu again",
        "my daughter got sick after school",
        "my mom texted me from the ER",
        "my cousin who also has t1d",
        "I'm at 1057 Sunset Dr Unit 277 if anyone wants it",
        "We moved to Baltimore, MD last year",
        "Dad turned 95 today and the nursing home forgot",
        "neuro ordered an MRI and a full panel",
        "Took my Mounjaro at 8:30, still waiting",
        "#spoonie #chronicillness",
        "their plate was PLM9613 in the garage",
        "PMH: fibromyalgia; asthma",
        "Then Mom and I went home",
    ],
)
def test_family_words_shorthand_drugs_codes_and_headings_are_no_names(detect, text):
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()


def test_a_middle_initial_is_part_of_the_name_but_the_credential_is_not(recognize):
    text = "signed by Søren Z. Park, MD"
    assert ("PERSON", 10, 23) in recognize(PersonNameRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Oct 3 note., and August 5th - Chloé slept most of the day.", "Chloé"),
        ("the 11th of January - Chloé slept most of the day", "Chloé"),
        ("june 22 - Michael slept most of the day", "Michael"),
        ("3/4: Raúl refused lunch again", "Raúl"),
        ("my son Will is 5 and has asthma", "Will"),
    ],
)
def test_the_person_of_a_dated_log_entry_is_a_name(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize("text", ["Jan 5 - Called the clinic again", "Feb 2 - Everything was fine", "3/4: Started new meds"])
def test_a_log_entry_that_starts_with_a_verb_or_a_pronoun_names_nobody(recognize, text):
    assert recognize(PersonNameRecognizer(), text) == set()


def test_a_lower_case_word_amid_capitalised_prose_is_no_name(detect):
    text = "Faxed my records to 254.555.0105, fingers crossed. driver's license K729-0684-4479 (needed it)"
    assert {h for h in detect(text) if h[0] == "PERSON"} == set()


def test_first_last_and_i_is_a_name_but_one_capitalised_word_and_i_is_not(recognize):
    assert recognize(PersonNameRecognizer(), "Bashir Brown and I went") == {("PERSON", 0, 12)}
    assert recognize(PersonNameRecognizer(), "Costco and I have a deal") == set()


@pytest.mark.parametrize(
    ("text", "name"), [("first_name: Maria", "Maria"), ("last_name: Okonkwo", "Okonkwo"), ("Surname: Abernathy", "Abernathy")]
)
def test_a_name_after_a_first_last_or_surname_label_as_a_csv_header_writes_it_is_found(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Buenas tardes, doctora, le escribo por mi mamá",
        "Hola, le llamo para recordarle su cita del jueves",
        "Estimada familia: les informamos del traslado",
    ],
)
def test_everyday_words_of_another_language_are_no_names(detect, text):
    assert not any(entity in ("PERSON", "LOCATION") for entity, _, _ in detect(text))


def test_a_name_among_words_of_another_language_is_still_a_name(detect, hit):
    text = "Buenas tardes, mi hija Camila tiene fiebre"  # "camila" is a Spanish word too, and a given name
    assert hit(text, "PERSON", "Camila") in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        *(
            "Apgar score 9 at five minutes",
            "started the Atkins diet in May",
            "Rinne test positive on the left",
            "Foley bulb removed at 0400",
        ),
        *("negative at 11 minutes of the Bruce protocol", "Tanner stage 3, bone age 12", "Braden score 13 on admission"),
        *("Breslow thickness 0.6 mm, Clark level III", "please remember she has Raynaud's and should keep warm"),
        "Parkinson's, Huntington's, Graves', Addison's, Cushing's and Crohn's are named after physicians",
    ],
)
def test_an_eponym_before_what_it_names_is_no_name(detect, text):
    assert not any(entity in ("PERSON", "LOCATION") for entity, _, _ in detect(text))


def test_a_given_name_before_the_word_test_is_still_a_name(detect, hit):
    text = "Told Anna test results are fine"
    assert hit(text, "PERSON", "Anna") in detect(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Emergency contact Orla Brennan +353 87 555 0199", "Orla Brennan"), ("contact me Yolanda Ibarra 786 555 0101", "Yolanda Ibarra")],
)
def test_a_contacts_name_after_its_label_without_a_colon_and_before_a_number_is_a_name(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "NK1|1|FONTAINE^ANDRE|SPO^SPOUSE|44 RUE ST DENIS^^BIDDEFORD^ME^04005",  # a relationship's code, a town and state
        "PID|1||4420183^^^STJ^MR~512-44-8930^^^SSA^SS||NGUYEN^VAN^THANH||1952",  # an identifier's authority and type
        "NK1|2|FONTAINE-BELL^CLAIRE|DAU^DAUGHTER||(617)555-0190",
        "PID|1||123||DOE^JANE||19700402|M|||^^HILO^HI^96720||(555)018-4477^PRN^CP",  # a phone number's use codes
    ],
)
def test_hl7_codes_joined_by_carets_are_no_names_beside_the_real_one(detect, text):
    people = {text[start:end] for entity, start, end in detect(text) if entity == "PERSON"}
    assert people == {next(part for part in text.split("|") if "^" in part and part[0].isalpha())}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("(0010,0010) PN [SON^MINHO]", "SON^MINHO"),  # a Korean surname that is a kin word
        ("PID|1||123||SIS^MARIA||19700402|F", "SIS^MARIA"),  # a surname that is a relationship's code
        ("PID|1||123||JACKSON^AL||19700402|M", "JACKSON^AL"),  # a town and a state's code, with no ZIP code after
    ],
)
def test_a_caret_name_that_looks_like_a_code_or_a_town_is_still_a_name(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "ATTN: Scheduling   URGENT",
        "information intended only for the named recipient.",
        "ATTN: Billing",
        "ATTN: Medical Records",
        "ATTN: Referrals",
    ],
)
def test_an_everyday_noun_or_a_department_after_a_label_is_no_name(detect, text):
    assert not any(entity == "PERSON" for entity, _, _ in detect(text))
