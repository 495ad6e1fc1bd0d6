"""PERSON as records print it surname first, alone in a field: the commonest surnames are everyday words too
("RIVERA", "COHEN"), so the field's shape and the gazetteers are the evidence. The examples are written for
these tests, not taken from the evaluation sets."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.surname_first import SurnameFirstRecognizer


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("GARCIA, LUIS|00417720|1968-02-14", "GARCIA, LUIS"),
        ("[LEVY, DANA]  MAR 3 2019  CT HEAD", "LEVY, DANA"),
        ('{"patient": "ORTIZ, ELENA", "dob": "1980-01-01"}', "ORTIZ, ELENA"),
        ("review: PARK, MIN-SEO 38F, TSH 9.2", "PARK, MIN-SEO"),
        ("NGUYEN, HOA  MRN 7731902", "NGUYEN, HOA"),
        ("ADEYINKA, FOLASADE, MRN0038812", "ADEYINKA, FOLASADE"),
        ("BAKER, T #88120 XR KNEE", "BAKER, T"),
        ("Signed\nNowicki, Tomasz J.\n", "Nowicki, Tomasz J."),
        ("SULLIVAN KATE  F  1977/05/30", "SULLIVAN KATE"),
        ("HANDOFF: 412 MORALES, ANA-LUCIA CHF, diuresing", "MORALES, ANA-LUCIA"),
        ("RX 5512093  10/02/25\nSANCHEZ  MARIA\n12 OAK ST", "SANCHEZ  MARIA"),
        ("wristband: PRICE,EMMA J MRN5521093 DOB 03/02/2019", "PRICE,EMMA J"),
    ],
)
def test_a_surname_first_name_alone_in_its_field_is_a_name(recognize, hit, text, name):
    assert hit(text, "PERSON", name) in recognize(SurnameFirstRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    [
        "ABD: SOFT, NT ND. LUNGS CLEAR, HEART RRR.",
        "NEURO: INTACT, PERRLA\nRESP: CLEAR, DIMINISHED BASES",
        "Lyon, France\nSalt, Pepper",
        "HEME: STABLE, NO BLEEDING",
        "WBC 6.2  RBC 4.51  HGB 13.9",
        "we saw Garcia, Luis and Ortiz at the match",
        "MENU\nBROWN RICE\nCHEST PAIN\n",
        "take 2 TABS, TWICE DAILY",
    ],
)
def test_clinical_words_places_and_names_in_running_prose_are_not_taken(recognize, text):
    assert recognize(SurnameFirstRecognizer(), text) == set()
