"""FACILITY: hospitals, clinics and care homes in any case, by their facility word, a saint's name after a
place cue, or the CMS hospital gazetteer; generic facility words name none."""

from __future__ import annotations

import pytest

from auditor.scanners.text.entities import ENTITIES
from auditor.scanners.text.recognizers.facility import FacilityRecognizer, facility_trie


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("previously treated at Methodist Hospital on April 12, 2023", "Methodist Hospital"),
        ("Dr. Steven P. at UCLA Med Ctr on 07/18/2023", "UCLA Med Ctr"),
        ("TRANSFER FROM WESTBURY GENERAL FOR CARDIAC CATH.", "WESTBURY GENERAL"),
        ("my dad was at riverside hospital last nov", "riverside hospital"),
        ("evaluated at Children's Hospital Los Angeles on September 21", "Children's Hospital Los Angeles"),
        ("who visited our New York clinic on April 7", "New York clinic"),
        ("seen at St. Luke's on 11/11/2021", "St. Luke's"),
        ("transferred to st vincent's for cabg eval", "st vincent's"),
        ("seen by Dr. John L. at Mt. Sinai on Feb 21", "Mt. Sinai"),
        ("admitted to NYU Langone on April 12", "NYU Langone"),
        ("observed at Johns Hopkins on Feb 1", "Johns Hopkins"),
        ("PT FROM LAKEVIEW REHAB, BASELINE DEMENTIA", "LAKEVIEW REHAB"),
        ("born at 29 weeks at Liverpool Women's, 1.1 kg", "Liverpool Women's"),
        ("I'm a nurse at Jackson Memorial and we are full", "Jackson Memorial"),
        ("F/U with PCP at\nEastside Family Practice within 1 week.", "Eastside Family Practice"),
        ("the clinic is Barbara Davis Center and they're great", "Barbara Davis Center"),
        ("Referred to Peter MacCallum Cancer Centre for further management", "Peter MacCallum Cancer Centre"),
        ("ADMITTED TO ST MARYS MEDICAL CENTER FROM ED", "ST MARYS MEDICAL CENTER"),
        ("treated in the Antoni van Leeuwenhoek Ziekenhuis", "Antoni van Leeuwenhoek Ziekenhuis"),
        ("a week at the Evangelisches Krankenhaus Hamm", "Evangelisches Krankenhaus Hamm"),
    ],
)
def test_a_facility_is_found_in_any_case(detect, hit, text, facility):
    assert hit(text, "FACILITY", facility) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "went to the clinic and then urgent care",
        "ref'd to pulm. clinic for PFTs",
        "Public Health says masks help",
        "the hospital called back about my bill",
        "Surgeon General warning on the pack",
        "St. Patrick's Day parade downtown",
        "mental health is health",
        "she has a women's health appointment",
        "he runs a private practice downtown",
        "the center of the wound is pink",
        "Memorial Day weekend at the lake",
    ],
)
def test_generic_facility_words_name_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("She had her transplant at Ospedale San Raffaele in Milan", "Ospedale San Raffaele"),
        ("mon fils était à l'Hôpital Necker pendant un mois", "Hôpital Necker"),
        ("operated at Klinikum rechts der Isar last spring", "Klinikum rechts der Isar"),
        ("el doctor en Clínica Santa María le cambió la metformina", "Clínica Santa María"),
        ("nació en Hospital Ángeles Tijuana, premature", "Hospital Ángeles Tijuana"),
        ("My abuela is at Hospital Universitario de Caracas", "Hospital Universitario de Caracas"),
        ("Tengo cita en el IMSS Clínica 27 el lunes", "Clínica 27"),
        ("Operated at the CHU de Nantes in 2019", "CHU de Nantes"),
        ("My mother was at Szpital Bielański for weeks", "Szpital Bielański"),
        ("born at Hôtel-Dieu de Paris", "Hôtel-Dieu de Paris"),
    ],
)
def test_a_facility_word_put_before_the_name_names_the_facility_with_it(recognize, hit, text, facility):
    assert hit(text, "FACILITY", facility) in recognize(FacilityRecognizer(), text)


@pytest.mark.parametrize("text", ["Hospital Course was uneventful", "the Hospital said no", "la clínica está cerrada"])
def test_english_words_after_hospital_and_a_lower_case_clinica_name_no_foreign_facility(recognize, text):
    assert not any(text[s:e].startswith(("Hospital", "clínica")) for _, s, e in recognize(FacilityRecognizer(), text))


@pytest.mark.parametrize(
    ("text", "store"),
    [
        ("Prescription ready at Walgreens #4402 on Main", "Walgreens #4402"),
        ("picked it up at CVS store 1123 yesterday", "CVS store 1123"),
        ("Location: CVS MinuteClinic #6712", "CVS MinuteClinic #6712"),
        ("filled at Rite Aid Pharmacy #10458", "Rite Aid Pharmacy #10458"),
    ],
)
def test_a_pharmacy_chains_store_by_its_number_is_a_facility(recognize, hit, text, store):
    assert hit(text, "FACILITY", store) in recognize(FacilityRecognizer(), text)


@pytest.mark.parametrize("text", ["CVS has a 24 hour pharmacy", "Walgreens 2 blocks away", "bought 3 things at Target for $40"])
def test_a_pharmacy_chain_without_a_store_number_is_no_facility(recognize, text):
    assert recognize(FacilityRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Dr Pham at the Kaiser Roseville office hasn't replied", "Kaiser Roseville"),
        ("Banner Tucson ER was packed", "Banner Tucson"),
        ("Surgery at Methodist Germantown. Rehab after.", "Methodist Germantown"),
    ],
)
def test_a_health_system_with_the_town_of_its_campus_is_a_facility(recognize, hit, text, facility):
    assert hit(text, "FACILITY", facility) in recognize(FacilityRecognizer(), text)


@pytest.mark.parametrize("text", ["Sharp Pain in my side", "Mercy Me, what a day", "the Baptist Church picnic"])
def test_a_system_name_before_a_word_that_is_no_town_is_no_facility(recognize, text):
    assert recognize(FacilityRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Cardiologist at Vanderbilt says yes, my body says no", "Vanderbilt"),
        ("consulted at Baylor on Nov 5 2021", "Baylor"),
        ("transferred to Geisinger overnight", "Geisinger"),
    ],
)
def test_a_hospital_named_by_a_surname_is_a_facility_after_at_to_or_from(recognize, hit, text, facility):
    assert hit(text, "FACILITY", facility) in recognize(FacilityRecognizer(), text)


@pytest.mark.parametrize("text", ["I talked with Mr. Vanderbilt about it", "Baylor said the game was close", "at johnson's house"])
def test_a_surname_hospital_name_without_a_cue_or_a_common_surname_is_no_facility(recognize, text):
    assert recognize(FacilityRecognizer(), text) == set()


def test_surname_hospital_names_leave_out_common_surnames_places_and_first_names():
    from auditor.scanners.text.recognizers.facility import after_cue_names

    assert {"vanderbilt", "baylor", "geisinger"} <= after_cue_names()
    assert not {"johnson", "jones", "carolina", "england", "christ", "grace"} & after_cue_names()


def test_a_facility_is_a_geographic_identifier_of_its_own_entity():
    assert ENTITIES["FACILITY"].identifier == "geographic"


def test_the_gazetteer_holds_distinctive_words_of_cms_names_not_common_words():
    trie = facility_trie()
    assert ("johns", "hopkins") in trie["johns"]
    assert ("mercy",) not in trie.get("mercy", [])  # an everyday word: a facility only beside a facility word
    assert ("hopkins",) not in trie.get("hopkins", [])  # a surname alone is no hospital


def test_the_recognizer_alone_reads_a_capitalised_gazetteer_name_without_a_cue(recognize):
    text = "Kaiser Permanente denied the claim"
    assert ("FACILITY", 0, len("Kaiser Permanente")) in recognize(FacilityRecognizer(), text)


@pytest.mark.parametrize(
    ("text", "facility", "name"),
    [
        ("Please send records to St. Luke's Hospital for Jane D. by Friday", "St. Luke's Hospital", "Jane D."),
        ("mi abuelo Teodoro Quispe salió del hospital ayer", None, "Teodoro Quispe"),
    ],
)
def test_a_facility_name_does_not_run_on_into_the_person_it_is_for(detect, text, facility, name):
    found = {(entity, text[start:end]) for entity, start, end in detect(text)}
    assert ("PERSON", name) in found
    assert {value for entity, value in found if entity == "FACILITY"} == ({facility} if facility else set())


@pytest.mark.parametrize("text", ["Hospital for Special Surgery in NYC", "She was at Hospital for Sick Children, Toronto"])
def test_a_hospital_for_a_patient_group_keeps_its_whole_name(detect, text):
    name = text[text.index("Hospital") :].split(" in ")[0].split(",")[0]
    assert ("FACILITY", name) in {(entity, text[start:end]) for entity, start, end in detect(text)}


def test_a_hospital_number_label_is_no_facility(detect):
    text = "Re: BABY BOY ASHWORTH  Hosp no K4410982"
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))
    assert ("MEDICAL_RECORD_NUMBER", text.index("K44"), len(text)) in detect(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("the service is at Hartley Funeral Home on Friday", "Hartley Funeral Home"),
        ("she teaches at Lincoln High School", "Lincoln High School"),
        ("my son is a junior at Boston College now", "Boston College"),
        ("the vigil was at St. Agnes Church", "St. Agnes Church"),
        ("First Baptist Church is collecting meals for her", "First Baptist Church"),
    ],
)
def test_a_named_school_place_of_worship_or_funeral_home_locates_a_person_as_a_facility_does(detect, hit, text, place):
    assert hit(text, "FACILITY", place) in detect(text)


@pytest.mark.parametrize("text", ["the school nurse called twice", "my college roommate visited", "we went to the Catholic Church"])
def test_a_school_or_church_named_by_no_word_of_its_own_is_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


def test_a_one_word_hospital_name_in_capitals_after_a_cue_is_a_facility(detect, hit):
    text = "TRANSFERRED TO BAYLOR FOR CATH"
    assert hit(text, "FACILITY", "BAYLOR") in detect(text)


def test_a_place_of_worship_named_after_its_head_is_a_facility_and_a_kind_of_school_is_none(detect, hit):
    text = "Funeral mass at the Cathedral of Saint Mary"
    assert hit(text, "FACILITY", "Cathedral of Saint Mary") in detect(text)
    for text in ("Sunday School starts at 9", "Grad School was hard", "she is in Nursing School now"):
        assert not any(entity == "FACILITY" for entity, _, _ in detect(text)), text


@pytest.mark.parametrize(
    ("text", "practice"),
    [
        ("Cleaning booked with Westmoor Dental Group for the 14th", "Westmoor Dental Group"),
        ("She has seen Dr. Ruiz at Carrollton Family Medicine since 2019", "Carrollton Family Medicine"),
        ("my PT (Dana, Foxhollow Physio) moved away", "Foxhollow Physio"),
        ("REFILL AT QUINLAN PHARMACY, 40 DEPOT ST", "QUINLAN PHARMACY"),
        ("Records from Brookfield Surgical Associates are attached", "Brookfield Surgical Associates"),
        ("follow-up imaging at Harvest Sports Medicine next month", "Harvest Sports Medicine"),
    ],
)
def test_a_private_practice_or_pharmacy_is_a_facility(detect, hit, text, practice):
    assert hit(text, "FACILITY", practice) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pediatric Neurology consult placed this morning",
        "Department of Neurology follow up in 6 weeks",
        "Stroke Neurology recommends aspirin",
        "CVS Pharmacy says the refill is ready",
        "PT'S PHARMACY: CVS",  # a chain's name alone (where it stands makes it a store: "CVS ON MAIN ST")
        "Seen in Cardiology clinic, referred to Dermatology",
    ],
)
def test_a_specialty_word_without_a_practice_name_names_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("our son was delivered by c-section at Eastbrook on 9/2", "Eastbrook"),
        ("still in the NICU at Children's Mercy after 3 weeks", "Children's Mercy"),
        ("Admitted to Royal Prince Alfred with chest pain", "Royal Prince Alfred"),
        ("his wife will drive him to Good Sam ED tonight", "Good Sam"),
        ("my gran is at Wythenshawe on ward F7", "Wythenshawe"),
    ],
)
def test_a_facility_known_only_to_locals_is_read_where_a_stay_happened(detect, hit, text, facility):
    assert hit(text, "FACILITY", facility) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "STAT CBC SENT. X-RAY AT BEDSIDE.",
        "PT SEEN BY NGUYEN NP, ABX CHANGED TO ZOSYN.",
        "transferred to ICU at 0300",
        "she was admitted at Christmas and home by New Year",
        "discharged to Home with VNA on Monday",
    ],
)
def test_a_time_a_unit_or_a_drug_after_a_stay_is_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


def test_a_lower_case_facility_name_runs_in_one_case(detect):
    text = "Dr. Okafor says he can start rehab next week"
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


def test_a_facility_word_read_as_a_name_stays_a_facility(detect, hit):
    text = "Provider: ALLINA HEALTH\nService date 01/27/2026"
    found = detect(text)
    assert hit(text, "FACILITY", "ALLINA HEALTH") in found
    assert not any(entity == "PERSON" for entity, _, _ in found)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("recovering at Mercy Medical after a hip replacement", "Mercy Medical"),
        ("TRIAGE: 92YOF FROM GOLDEN LIVING CTR S/P FALL", "GOLDEN LIVING CTR"),
        ("Hi its Will from Blue Ridge Home Infusion calling", "Blue Ridge Home Infusion"),
    ],
)
def test_medical_ctr_institute_and_home_infusion_after_a_name_are_facility_words(detect, hit, text, facility):
    assert hit(text, "FACILITY", facility) in detect(text)


@pytest.mark.parametrize("text", ["pt medical history reviewed", "the Medical team agreed", "Family Medical Leave Act forms"])
def test_medical_after_no_name_or_everyday_words_names_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    [
        "INDEPENDENT MEDICAL EXAMINATION\nExaminee: the claimant",
        "Diabetes Medical Management Plan for the school year",
        "Appeals Unit, Cascade Mutual Health Insurance, PO Box 40371",
        "I'd like to see him in the vascular clinic next month",
        "anyone seen the post-COVID clinic? my referral is stuck",
        "Anticoag clinic: call with the INR",
    ],
)
def test_a_weak_head_inside_a_title_or_a_department_s_clinic_is_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("referred by Dr. Kim at Duke Regional; last A1c 8.9", "Duke Regional"),
        ("she was at Houston Methodist last week", "Houston Methodist"),
        ("left at the wrong entrance of Ochsner Baptist on Nov 16", "Ochsner Baptist"),
        ("drove her son to OU Children's in Oklahoma City", "OU Children's"),
        ("grade 3, Maple Grove Elementary, referred on 10/6", "Maple Grove Elementary"),
        ("picked up at Walgreens 11042 yesterday", "Walgreens 11042"),
        ("benefit dinner at VFW Post 8843, 220 N Main St", "VFW Post 8843"),
    ],
)
def test_a_hospital_shortened_to_its_last_word_a_school_a_store_number_and_a_hall_are_facilities(detect, hit, text, facility):
    assert hit(text, "FACILITY", facility) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "a Southern Baptist pastor visited",
        "United Methodist women brought food",
        "ICU Health team meeting",
        "Northeast Regional Director called",
        "got a Regional Block for the knee",
        "I work at walgreens 2 days a week",
    ],
)
def test_a_denomination_a_units_acronym_a_post_or_an_anaesthetic_is_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    [
        "Texas Medical Power of Attorney form, revised",
        "Apple Health (Medicaid) covers it",
        "SMART Health Card decoded",
        "MEDICAL KITE: my tooth",
    ],
)
def test_a_forms_name_and_an_apps_health_are_no_facility(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "store"),
    [
        ("oxycodone 5mg filled at walgreens on 5th ave, counted 11 tabs", "walgreens"),
        ("Pharmacy: Walmart on Route 6 in Tunkhannock.", "Walmart"),
        ("the Kroger pharmacy in Delaware (the town, not the state)", "Kroger pharmacy"),
        ("Fill at any in-network pharmacy, e.g. CVS Lake Oswego.", "CVS"),
        ("PT'S PHARMACY: CVS ON MAIN ST", "CVS"),
    ],
)
def test_a_pharmacy_chain_by_the_street_or_town_it_stands_in_is_a_facility(detect, hit, text, store):
    assert hit(text, "FACILITY", store) in detect(text)


@pytest.mark.parametrize(
    "text", ["I went to target on sunday", "walgreens in my town is closed", "buy it at CVS or Walgreens", "Target in 2 weeks"]
)
def test_a_chain_named_alone_or_an_everyday_word_is_no_store(detect, text):
    assert not any(entity == "FACILITY" for entity, _, _ in detect(text))
