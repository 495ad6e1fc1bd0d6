"""Health-information recognizers (auditor/scanners/text/health): what they find in realistic posts,
with exact character spans, and the near misses they must leave alone.

Each case is (text, {(entity, start, end, value)}); the value is there so a reader can check the span.
The analyzer is the session one from tests/conftest.py (build_analyzer()), restricted to health entities.
"""

from __future__ import annotations

import pytest

from auditor.scanners.text.health import health_recognizers
from auditor.scanners.text.health.conditions import ConditionRecognizer
from auditor.scanners.text.health.procedures import ProcedureRecognizer

HEALTH = ["CONDITION", "MEDICATION", "PROCEDURE", "LAB_TEST"]


def found(analyzer, text: str) -> set[tuple[str, int, int, str]]:
    return {(r.entity_type, r.start, r.end, text[r.start : r.end]) for r in analyzer.analyze(text, language="en", entities=HEALTH)}


def check(analyzer, text: str, expected: set[tuple[str, int, int, str]]) -> None:
    for _entity, start, end, value in expected:
        assert text[start:end] == value, f"bad expectation {value!r} at {start}:{end}"
    assert found(analyzer, text) == expected


# -- the brief's own examples ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Just got my MRI results back, the tumor is smaller!",
            {("PROCEDURE", 12, 15, "MRI"), ("CONDITION", 34, 39, "tumor")},
        ),
        (
            "3 years on metformin and my A1C is finally 6.1",
            {("MEDICATION", 11, 20, "metformin"), ("LAB_TEST", 28, 31, "A1C")},
        ),
        ("Diagnosed with MS last spring", {("CONDITION", 15, 17, "MS")}),
    ],
)
def test_finds_conditions_procedures_medications_and_lab_tests_in_a_post(analyzer, text, expected):
    check(analyzer, text, expected)


# -- CONDITION -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ozempic has been a game changer for my T2D", {("MEDICATION", 0, 7, "Ozempic"), ("CONDITION", 39, 42, "T2D")}),
        ("Insulin prices are insane, I'm type 1 diabetic", {("MEDICATION", 0, 7, "Insulin"), ("CONDITION", 31, 46, "type 1 diabetic")}),
        (
            "I have type 2 diabetes and my blood sugar is all over the place",
            {("CONDITION", 7, 22, "type 2 diabetes"), ("LAB_TEST", 30, 41, "blood sugar")},
        ),
        ("Surviving long covid and COPD at the same time", {("CONDITION", 10, 20, "long covid"), ("CONDITION", 25, 29, "COPD")}),
        ("Hit by the big C again", {("CONDITION", 7, 16, "the big C")}),
        ("My PTSD and bipolar make work hard", {("CONDITION", 3, 7, "PTSD"), ("CONDITION", 12, 19, "bipolar")}),
        ("Endometriosis + PCOS = no fun", {("CONDITION", 0, 13, "Endometriosis"), ("CONDITION", 16, 20, "PCOS")}),
        ("Alzheimer's and Parkinson's both run in my family", {("CONDITION", 0, 11, "Alzheimer's"), ("CONDITION", 16, 27, "Parkinson's")}),
        ("She's autistic and has OCD", {("CONDITION", 6, 14, "autistic"), ("CONDITION", 23, 26, "OCD")}),
        ("I'm pregnant after two miscarriages!", {("CONDITION", 4, 12, "pregnant"), ("CONDITION", 23, 35, "miscarriages")}),
        ("Migraines again, third day in a row", {("CONDITION", 0, 9, "Migraines")}),
        ("Dad had a heart attack and a stroke in the same year", {("CONDITION", 10, 22, "heart attack"), ("CONDITION", 29, 35, "stroke")}),
        (
            "My eating disorder started in high school, anorexia then bulimia",
            {("CONDITION", 3, 18, "eating disorder"), ("CONDITION", 43, 51, "anorexia"), ("CONDITION", 57, 64, "bulimia")},
        ),
        (
            "Schizophrenia is not the same as bipolar disorder",
            {("CONDITION", 0, 13, "Schizophrenia"), ("CONDITION", 33, 49, "bipolar disorder")},
        ),
        ("Rheumatoid arthritis flares when it rains", {("CONDITION", 0, 20, "Rheumatoid arthritis")}),
        ("Depression and anxiety are kicking my butt", {("CONDITION", 0, 10, "Depression"), ("CONDITION", 15, 22, "anxiety")}),
        ("Had a seizure last night, epilepsy sucks", {("CONDITION", 6, 13, "seizure"), ("CONDITION", 26, 34, "epilepsy")}),
        ("T1D since I was 9, IBS since forever", {("CONDITION", 0, 3, "T1D"), ("CONDITION", 19, 22, "IBS")}),
        ("my copd and adhd are both worse in winter", {("CONDITION", 3, 7, "copd"), ("CONDITION", 12, 16, "adhd")}),
    ],
)
def test_condition_lay_terms_and_abbreviations_are_conditions(analyzer, text, expected):
    check(analyzer, text, expected)


def test_icd10cm_clinical_names_are_conditions(analyzer):
    text = "Finally a name for it: hidradenitis suppurativa, plus sarcoidosis"
    check(analyzer, text, {("CONDITION", 23, 47, "hidradenitis suppurativa"), ("CONDITION", 54, 65, "sarcoidosis")})


def test_hiv_positive_and_hiv_plus_are_conditions(analyzer):
    check(
        analyzer,
        "HIV+ for 10 years, viral load undetectable, CD4 count 800",
        {("CONDITION", 0, 4, "HIV+"), ("LAB_TEST", 19, 29, "viral load"), ("LAB_TEST", 44, 53, "CD4 count")},
    )
    check(analyzer, "He's HIV positive and on PrEP", {("CONDITION", 5, 17, "HIV positive"), ("MEDICATION", 25, 29, "PrEP")})


def test_cancer_stage_is_a_condition_only_near_a_cancer_word(analyzer):
    check(
        analyzer,
        "Stage 4 pancreatic cancer at 52. Chemo starts Monday",
        {("CONDITION", 0, 7, "Stage 4"), ("CONDITION", 8, 25, "pancreatic cancer"), ("PROCEDURE", 33, 38, "Chemo")},
    )
    check(analyzer, "Stage 4 of the Tour de France was brutal", set())


@pytest.mark.parametrize(
    "text",
    ["Diagnosed with MS. Then I learned to live with it.", "Lumbar puncture confirmed MS", "MS in 2019, still walking"],
)
def test_upper_case_ms_near_disease_words_is_multiple_sclerosis(analyzer, text):
    assert ("CONDITION", "MS") in {(e, v) for e, _, _, v in found(analyzer, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Exported it from MS Word",
        "Our whole office switched to MS Teams",
        "Microsoft calls it MS Edge",
        "She finished her MS in Computer Science at Stanford",
        "Applying to MS programs this fall",
        "I have a BS/MS in chemistry",
        "MS. Johnson will see you now",
        "Ms. Rivera is my favorite teacher",
        "ms. rivera is my favorite teacher",
        "Ship it to Jackson, MS 39201",
        "I HAVE TO FINISH MS WORK TODAY BEFORE FIVE",
    ],
)
def test_ms_as_microsoft_degree_honorific_or_state_is_not_a_condition(analyzer, text):
    assert found(analyzer, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "I'm feeling blue today",
        "the patient",
        "The patient was seen in clinic today",
        "What a stroke of luck!",
        "We had a stroke of genius",
        "The Great Depression changed everything",
        "Tropical depression forming in the Gulf",
        "He's a real pain in the neck",
        "The state of the union is strong",
        "Change is hard, but good",
        "My hands are cold",
        "The feeling of loss is overwhelming",
        "He has a fit of rage",
        "I'm so tired of this weather",
        "Cancer season starts in June",
    ],
)
def test_ordinary_sentences_have_no_condition(analyzer, text):
    assert found(analyzer, text) == set()


# -- MEDICATION ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Humira shots every other week for my Crohn's", {("MEDICATION", 0, 6, "Humira"), ("CONDITION", 37, 44, "Crohn's")}),
        (
            "Started sertraline (Zoloft) for depression and anxiety",
            {
                ("MEDICATION", 8, 18, "sertraline"),
                ("MEDICATION", 20, 26, "Zoloft"),
                ("CONDITION", 32, 42, "depression"),
                ("CONDITION", 47, 54, "anxiety"),
            },
        ),
        ("Mom's on tamoxifen after her mastectomy", {("MEDICATION", 9, 18, "tamoxifen"), ("PROCEDURE", 29, 39, "mastectomy")}),
        ("My son's adderall shortage is killing us, he has ADHD", {("MEDICATION", 9, 17, "adderall"), ("CONDITION", 49, 53, "ADHD")}),
        (
            "Methotrexate and prednisone for my lupus",
            {("MEDICATION", 0, 12, "Methotrexate"), ("MEDICATION", 17, 27, "prednisone"), ("CONDITION", 35, 40, "lupus")},
        ),
        ("bipolar II, lithium works for me", {("CONDITION", 0, 10, "bipolar II"), ("MEDICATION", 12, 19, "lithium")}),
        ("OZEMPIC and MOUNJARO are sold out everywhere", {("MEDICATION", 0, 7, "OZEMPIC"), ("MEDICATION", 12, 20, "MOUNJARO")}),
        ("Back on birth control after the baby", {("MEDICATION", 8, 21, "birth control")}),
    ],
)
def test_brand_and_generic_drug_names_are_medications_in_any_case(analyzer, text, expected):
    check(analyzer, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Bought a lithium battery for my ebike",
        "I'll have the oats and a coffee",
        "Kendrick Lamar dropped a new album",
        "We drove a Silverado to Indio",
        "Caps off to the team",
        "Hops and barley make beer",
        "Armour for the knight",
        "Sarah Palin spoke at the rally",
        "He plays Tetris all day",
        "Alli and Camila went to the mall",
        "That dopamine hit from likes is real",
    ],
)
def test_drug_dictionary_names_that_are_ordinary_words_or_names_are_not_medications(analyzer, text):
    assert found(analyzer, text) == set()


# -- PROCEDURE -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Had a C-section in March, then a colonoscopy in June", {("PROCEDURE", 6, 15, "C-section"), ("PROCEDURE", 33, 44, "colonoscopy")}),
        (
            "Lumbar puncture and EEG next week to rule out epilepsy",
            {("PROCEDURE", 0, 15, "Lumbar puncture"), ("PROCEDURE", 20, 23, "EEG"), ("CONDITION", 46, 54, "epilepsy")},
        ),
        (
            "Dialysis three times a week until the kidney transplant",
            {("PROCEDURE", 0, 8, "Dialysis"), ("PROCEDURE", 38, 55, "kidney transplant")},
        ),
        ("Mammogram and biopsy scheduled, trying not to panic", {("PROCEDURE", 0, 9, "Mammogram"), ("PROCEDURE", 14, 20, "biopsy")}),
        (
            "Got my ECG/EKG done before the surgery",
            {("PROCEDURE", 7, 10, "ECG"), ("PROCEDURE", 11, 14, "EKG"), ("PROCEDURE", 31, 38, "surgery")},
        ),
        ("IVF round 3, praying this one sticks", {("PROCEDURE", 0, 3, "IVF")}),
        ("Ultrasound showed a cyst", {("PROCEDURE", 0, 10, "Ultrasound"), ("CONDITION", 20, 24, "cyst")}),
    ],
)
def test_surgery_imaging_scopes_and_treatments_are_procedures(analyzer, text, expected):
    check(analyzer, text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Had a CT scan yesterday and a PET/CT next week", {("PROCEDURE", 6, 13, "CT scan"), ("PROCEDURE", 30, 36, "PET/CT")}),
        ("Had a CT yesterday, results Friday", {("PROCEDURE", 6, 8, "CT")}),
        ("CT showed a small mass", {("PROCEDURE", 0, 2, "CT")}),
        ("My PET showed no evidence of disease", {("PROCEDURE", 3, 6, "PET")}),
        ("PET scan clean, so relieved", {("PROCEDURE", 0, 8, "PET scan")}),
    ],
)
def test_ct_and_pet_are_imaging_beside_imaging_words(analyzer, text, expected):
    check(analyzer, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        # Decision: "CT" alone, not after "a/my/the" nor before "scan/showed/results", is Connecticut.
        "CT is a lovely state",
        "Moving to Hartford, CT next month",
        "took my pet to the vet",
        "We adopted a new pet today",
        "Recycle your PET bottles",
        "Military operation in the north",
        "Operation Desert Storm started in 1991",
        "This infusion of cash saved the company",
    ],
)
def test_connecticut_pets_and_operations_are_not_procedures(analyzer, text):
    assert found(analyzer, text) == set()


def test_chemo_is_a_procedure_and_named_chemo_drugs_are_medications(analyzer):
    text = "Chemo round 2 today, then tamoxifen for five years"
    check(analyzer, text, {("PROCEDURE", 0, 5, "Chemo"), ("MEDICATION", 26, 35, "tamoxifen")})


# -- LAB_TEST ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("LDL down to 90, HDL up, PSA normal", {("LAB_TEST", 0, 3, "LDL"), ("LAB_TEST", 16, 19, "HDL"), ("LAB_TEST", 24, 27, "PSA")}),
        ("TSH 5.2 and my hemoglobin is low", {("LAB_TEST", 0, 3, "TSH"), ("LAB_TEST", 15, 25, "hemoglobin")}),
        ("Tested positive for covid again", {("LAB_TEST", 0, 15, "Tested positive"), ("CONDITION", 20, 25, "covid")}),
        (
            "Blood work came back: creatinine 1.4, eGFR 48",
            {("LAB_TEST", 0, 10, "Blood work"), ("LAB_TEST", 22, 32, "creatinine"), ("LAB_TEST", 38, 42, "eGFR")},
        ),
        ("Pap smear came back abnormal, need a colposcopy", {("LAB_TEST", 0, 9, "Pap smear"), ("PROCEDURE", 37, 47, "colposcopy")}),
        ("My dad's PSA was 6.2 so they want a biopsy", {("LAB_TEST", 9, 12, "PSA"), ("PROCEDURE", 36, 42, "biopsy")}),
        ("HbA1c 7.2, fasting glucose 130", {("LAB_TEST", 0, 5, "HbA1c"), ("LAB_TEST", 11, 26, "fasting glucose")}),
        ("CBC came back normal", {("LAB_TEST", 0, 3, "CBC")}),
    ],
)
def test_lab_test_names_are_lab_tests_and_values_are_not_part_of_the_span(analyzer, text, expected):
    check(analyzer, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "PSA: the pharmacy closes early on Sunday",
        "Friendly PSA, drink water",
        "Watching the CBC news tonight",
        "Put the ALT text on every image",
    ],
)
def test_psa_announcements_the_cbc_and_alt_text_are_not_lab_tests(analyzer, text):
    assert found(analyzer, text) == set()


# -- how the text scanner resolves overlaps between health entities -------------------------------------
def test_the_longer_health_term_wins_where_two_overlap(detect):
    assert {h for h in detect("Booked an HIV test for Friday") if h[0] != "RELATIVE_DATE"} == {("LAB_TEST", 10, 18)}
    assert detect("I have high cholesterol") == {("CONDITION", 7, 23)}


# -- recognizer contract ---------------------------------------------------------------------------------
def test_health_recognizers_returns_fresh_instances_of_the_four_recognizers():
    first, second = health_recognizers(), health_recognizers()
    assert sorted(e for r in first for e in r.supported_entities) == sorted(HEALTH)
    assert all(a is not b for a, b in zip(first, second))


def test_recognizers_work_without_nlp_artifacts():
    condition, procedure = ConditionRecognizer(), ProcedureRecognizer()
    text = "Diagnosed with MS, MRI next week"
    assert [(r.entity_type, r.start, r.end) for r in condition.analyze(text, ["CONDITION"], None)] == [("CONDITION", 15, 17)]
    assert [(r.entity_type, r.start, r.end) for r in procedure.analyze(text, ["PROCEDURE"], None)] == [("PROCEDURE", 19, 22)]
    assert condition.analyze(text, ["PERSON"], None) == []


def test_common_panels_and_single_tests_are_lab_tests(detect, hit):
    text = "Ordered: ANA, a1c. Her CMP and INR came back fine, vitamin D low, B12 is 212, fecal calprotectin pending."
    found = detect(text)
    for value in ("ANA", "CMP", "INR", "vitamin D", "B12", "fecal calprotectin"):
        assert hit(text, "LAB_TEST", value) in found, value


def test_ana_the_name_is_not_a_lab_test(detect):
    assert not any(entity == "LAB_TEST" for entity, _, _ in detect("Ana and I went to the beach; ANA said hi."))


def test_common_procedures_people_name_are_found(detect, hit):
    text = "After the cardiac cath and a nerve block, the tilt table test and my iron infusion are next."
    found = detect(text)
    for value in ("cardiac cath", "nerve block", "tilt table test", "iron infusion"):
        assert hit(text, "PROCEDURE", value) in found, value
