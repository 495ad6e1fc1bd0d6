"""phi-audit: find exposed PHI in collections of publicly shared health data.

The API the CLI is built on: `scan` a corpus into a findings store, `rescore` it by another policy.
Importing the package loads no model and no pipeline: its names are imported on first use, so the `phi-audit`
command starts (and can be interrupted) before anything heavy is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.pipeline import ScanSummary, rescore, scan
    from auditor.policy import load_policy

__all__ = ["ScanSummary", "load_policy", "rescore", "scan"]

_HOME = {"ScanSummary": "auditor.pipeline", "rescore": "auditor.pipeline", "scan": "auditor.pipeline", "load_policy": "auditor.policy"}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")
