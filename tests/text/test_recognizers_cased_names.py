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


def test_a_name_confirmed_once_is_tagged_at_every_repeat(detect, hit):
    text = "Spoke with Dr. Lindqvist re: plan. LINDQVIST AWARE."
    found = detect(text)
    start = text.index("LINDQVIST")
    assert ("PERSON", start, start + len("LINDQVIST")) in found


def test_ocr_digits_read_back_as_letters():
    assert "anil" in readings("AN1L")
    assert is_given("CH1DI")  # chidi
    assert is_surname("okonkwo") and not is_surname("brown")
