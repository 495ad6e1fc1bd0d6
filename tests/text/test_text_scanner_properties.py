"""Hypothesis properties of the text scanner as a whole: whatever the text, every span it reports lies inside it.
(The recognizers one by one, and the readers, are in tests/test_fuzz_properties.py.)"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

any_short_text = st.text(st.sampled_from("0123456789 -/.()@:#ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz,^\n"), max_size=300)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(any_short_text)
def test_the_text_scanner_reports_spans_inside_the_text_for_any_text(detect, text):
    for entity, start, end in detect(text):
        assert 0 <= start < end <= len(text), (entity, start, end)


def test_overlapping_detections_of_one_identifier_grow_until_no_pattern_reading_is_left_out():
    """A reading that touches the grown span only once a lower-ranked one has widened it joins as well; the
    model's loose edges never widen it; readings apart from the run stay."""
    from auditor.scanners.text.detector import Detection, _united

    a, b, c = Detection("PERSON", 10, 20, 0.9), Detection("PERSON", 25, 35, 0.8), Detection("PERSON", 18, 27, 0.7)
    apart, model = Detection("PERSON", 50, 55, 0.6), Detection("PERSON", 5, 12, 0.95, by_model=True)
    assert [(d.start, d.end, d.score) for d in _united([a, b, c, apart])] == [(10, 35, 0.9), (50, 55, 0.6)]
    assert [(d.start, d.end, d.score) for d in _united([model, a])] == [(5, 20, 0.95)]
