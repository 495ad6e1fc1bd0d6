"""phi-audit: find exposed PHI in collections of publicly shared health data.

The API the CLI is built on: `scan` a corpus into a findings store, `rescore` it by another policy.
Importing the package loads no model; scanners load theirs on first use.
"""

from auditor.pipeline import ScanSummary, rescore, scan
from auditor.policy import load_policy

__all__ = ["ScanSummary", "load_policy", "rescore", "scan"]
