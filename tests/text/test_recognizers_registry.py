"""What the analyzer is built from: fresh custom recognizers, every entity in the catalog, no UK_NHS."""

from __future__ import annotations

from auditor.scanners.text.entities import ENTITIES
from auditor.scanners.text.recognizers import custom_recognizers


def test_custom_recognizers_are_fresh_instances_each_call():
    first, second = custom_recognizers(), custom_recognizers()
    assert all(a is not b and a.patterns is not getattr(b, "patterns", None) for a, b in zip(first, second) if hasattr(a, "patterns"))


def test_every_entity_the_analyzer_reports_has_a_catalog_entry(analyzer):
    reported = {e for r in analyzer.registry.recognizers for e in r.supported_entities}
    health = {"CONDITION", "MEDICATION", "PROCEDURE", "LAB_TEST"}
    assert reported - health <= set(ENTITIES)


def test_uk_nhs_is_not_registered_and_a_us_phone_is_no_nhs_number(analyzer, detect):
    assert "UK_NHS" not in {e for r in analyzer.registry.recognizers for e in r.supported_entities}
    assert {h[0] for h in detect("call 401 555 0123 tomorrow")} == {"PHONE_NUMBER"}


def test_a_realistic_post_yields_each_identifier_once(detect, hit):
    text = (
        "Update on my dad (DOE^JOHN): admitted 03/04/2024 to St. Jude, MRN 00123456. He is 92 years old. "
        "Call me at (555) 123-4567 or email jane@example.com. We live at 45 Oak Avenue, Apt 3, Springfield, IL 62704."
    )
    assert detect(text) >= {
        hit(text, "PERSON", "DOE^JOHN"),
        hit(text, "PERSON_DATE", "03/04/2024"),
        hit(text, "MEDICAL_RECORD_NUMBER", "00123456"),
        hit(text, "AGE_OVER_89", "92"),
        hit(text, "PHONE_NUMBER", "(555) 123-4567"),
        hit(text, "EMAIL_ADDRESS", "jane@example.com"),
        hit(text, "STREET_ADDRESS", "45 Oak Avenue, Apt 3"),
        hit(text, "LOCATION", "Springfield"),
        hit(text, "ZIP_CODE", "62704"),
    }
