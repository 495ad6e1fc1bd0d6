"""Ten-year age bands: the one generalisation of an age that scanners hand over (a burned-in "Age: 064Y" becomes
its band in the masked evidence) and that the risk measures group by. Here, below both, so a scanner never
imports the risk layer."""

from __future__ import annotations

#: Ten-year bands; ages over 89 are one band, as Safe Harbor aggregates them.
AGE_BANDS: tuple[str, ...] = ("0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+")


def age_band(age: int) -> str:
    """The band of an age in years (0-120)."""
    return AGE_BANDS[min(age // 10, 9)]
