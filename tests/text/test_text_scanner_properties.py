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
