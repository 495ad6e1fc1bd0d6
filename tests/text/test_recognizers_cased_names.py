"""PERSON in any case and order: cues in ALL CAPS and lower case, LAST FIRST from the gazetteers, the caret
as OCR reads it, and the model's guesses on ALL-CAPS clinical words vetoed."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers._lexicon import is_given, is_surname, readings
from auditor.scanners.text.recognizers.cased_name import CasedNameRecognizer


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PT RESTING. DR KOWALSKI AWARE OF K 3.1", "KOWALSKI"),
        ("DAUGHTER ROSALIND CALLED AT 1400", "ROSALIND"),
        ("husband teodor at bedside", "teodor"),
        ("mr okonkwo slept well", "okonkwo"),
        ("OKAFOR CHIDI [M] 03.14.2019", "OKAFOR CHIDI"),
        ("OKAFOR, CHIDI", "OKAFOR, CHIDI"),
        ("OKAFOR*CHIDI", "OKAFOR*CHIDI"),
        ("WOJCIK~MARTA F 64Y", "WOJCIK~MARTA"),
        ("KAUR RN GIVING REPORT", "KAUR"),
        ("CALLED DR NGUYEN RE: K 5.9", "NGUYEN"),
        ("results faxed, dr rivera aware", "rivera"),
        ("SON CHASE AT BEDSIDE", "CHASE"),
        ("wife adaeze asking for update", "adaeze"),
    ],
)
def test_a_name_in_caps_or_lower_case_is_found_by_its_cue_or_the_gazetteers(recognize, hit, text, name):
    assert hit(text, "PERSON", name) in recognize(CasedNameRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "SON AT BEDSIDE. WIFE UPDATED.",
        "called pharmacy, spoke with md",
        "PT AMBULATED 100 FT",
        "wife tearful, son supportive",
        "husband anxious re: plan",
        "pt ambulating, dtr present",
        "BP 142/88 HR 92 RR 18",
        "the dr said it was fine",
        "DR TOLD US TO WAIT",
        "My wife's oncologist at Dana-Farber said to wait",
        "my son's pediatrician called",
    ],
)
def test_cue_words_before_record_words_give_no_name(recognize, text):
    assert recognize(CasedNameRecognizer(), text) == set()


@pytest.mark.parametrize(
    "text",
    ["VQ SCAN- NEG. CXR CLEAR.", "ABD SOFT NT ND. FOLEY DRAINING CLEAR YELLOW URINE.", "PT WANTS TO WALK.", "DR AWARE OF LABS."],
)
def test_the_models_guesses_on_clinical_and_everyday_words_are_vetoed(detect, text):
    assert not any(entity == "PERSON" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    [
        "Discharge Summary — Saint Agnes Medical Center",
        "Mr Alasdair Crombie, Consultant Breast Surgeon",
        "Cleared by Laura Mendelsohn, MD, Team Physician.",
        "Source : Urine, clean catch",
        "Read to her from the Psalms and the sports page",
    ],
)
def test_a_title_case_heading_or_specimen_of_everyday_words_is_no_person(detect, text):
    people = {text[start:end] for entity, start, end in detect(text) if entity == "PERSON"}
    assert people <= {"Alasdair Crombie", "Laura Mendelsohn"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hope Wells called about the refill", "Hope Wells"),
        ("we saw Grace Baker at noon", "Grace Baker"),
        ("Frank Bishop came by", "Frank Bishop"),
    ],
)
def test_a_title_case_name_of_words_that_are_given_names_or_surnames_stays_a_person(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


def test_a_name_confirmed_once_is_tagged_at_every_repeat(detect, hit):
    text = "Spoke with Dr. Lindqvist re: plan. LINDQVIST AWARE."
    found = detect(text)
    start = text.index("LINDQVIST")
    assert ("PERSON", start, start + len("LINDQVIST")) in found


def test_ocr_digits_read_back_as_letters():
    assert "anil" in readings("AN1L")
    assert is_given("CH1DI")  # chidi
    assert is_surname("okonkwo") and not is_surname("brown")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("REPORTED BY PATHOLOGIST WU, HELEN", "WU, HELEN"),
        ("radiologist okafor read the film", "okafor"),
        ("CC: MR J ADEBAYO", "J ADEBAYO"),
        ("RE: BABY GIRL PRZYBYLSKI  WT 2.9KG", "PRZYBYLSKI"),
        ("GREEN, MARTHA  03/02/1948", "GREEN, MARTHA"),
    ],
)
def test_a_specialist_a_title_with_an_initial_a_newborn_and_a_comma_pair_give_names(recognize, hit, text, name):
    assert hit(text, "PERSON", name) in recognize(CasedNameRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PT NAME LEE MIN-JI MED REC 00-31-7720", "LEE MIN-JI"),
        ("Chart no 2201-447  Name Barbosa, Ana Clara", "Barbosa, Ana Clara"),
        ("PATIENT: DOE, JOHN DOB: 03/04/1961", "DOE, JOHN"),
    ],
)
def test_a_name_label_without_its_colon_gives_the_name_and_stops_at_the_next_label(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


def test_only_everyday_words_after_a_name_label_without_its_colon_are_no_name(detect):
    assert not any(entity == "PERSON" for entity, _, _ in detect("PT RESTING IN BED. NAME BAND ON."))


def test_a_name_two_recognizers_read_in_parts_is_reported_whole(detect, hit):
    """spaCy reads "ANNA M", the LAST, FIRST pair "BROWN, ANNA": the finding covers both, so no part stays
    unmasked; a model's loose edge ("Nurse Jackie") does not stretch a pattern's name."""
    assert hit("BROWN, ANNA M", "PERSON", "BROWN, ANNA M") in detect("BROWN, ANNA M")
    assert hit("shoutout to Nurse Jackie on 4 West", "PERSON", "Jackie") in detect("shoutout to Nurse Jackie on 4 West")


@pytest.mark.parametrize(
    ("text", "name"),
    [("Rościsław Dudek of the board is the CEO", "Rościsław Dudek"), ("please add Yuito Hirai to my account", "Yuito Hirai")],
)
def test_a_first_name_no_list_knows_before_a_rare_surname_is_a_name(recognize, hit, text, name):
    assert hit(text, "PERSON", name) in recognize(CasedNameRecognizer(), text)


@pytest.mark.parametrize("text", ["Our offices are in Porto Alegre now", "took Humira Vargas said", "Bremen Ohlenhof station"])
def test_a_town_or_a_drug_before_a_surname_is_no_unlisted_name(detect, text):
    assert not {h for h in detect(text) if h[0] == "PERSON" and " " in text[h[1] : h[2]]}


@pytest.mark.parametrize(
    ("text", "name"),
    [("RM 9 DELGADO 81F POD1 TKA", "DELGADO"), ("night sign-out: bed 4 Lindqvist on heparin gtt", "Lindqvist")],
)
def test_a_surname_after_its_bed_or_room_number_is_a_name(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


@pytest.mark.parametrize("text", ["bed 5 empty, bed 8 open", "room 5 PACU, bed 2 NPO", "Room 12 ICU"])
def test_a_bed_number_before_a_word_or_a_unit_names_nobody(detect, text):
    assert not any(entity == "PERSON" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Member: Paul Marchetti ID ZGW882014576 | Issue: claim", "Paul Marchetti"),
        ("intake screening: Nguyen, Thao DOB 09/09/1995 booking", "Nguyen, Thao"),
    ],
)
def test_the_models_name_that_runs_into_a_label_or_a_number_is_cut_there_not_dropped(detect, hit, text, name):
    assert hit(text, "PERSON", name) in detect(text)


def test_a_name_ends_at_a_tables_cell_boundary(detect, hit):
    text = "Employee\tID\tUnit\nMahoney, Sean\tE20418\t4 West"
    assert hit(text, "PERSON", "Mahoney, Sean") in detect(text)


def test_a_brand_and_product_before_its_model_code_is_no_person_but_a_named_patient_is(detect, hit):
    text = "hearing aid fitting 9/18/26: Walter Pruitt, Phonak Audéo L90 R serial 2317BX04R"
    people = {text[start:end] for entity, start, end in detect(text) if entity == "PERSON"}
    assert people == {"Walter Pruitt"}
