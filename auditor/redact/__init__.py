"""De-identified copies of a scanned corpus (`phi-audit redact`): one module per kind of item, `run.redact` to
drive them, `verify` to re-scan what was written. See README.md, "Redacted copies"."""

from auditor.redact.run import RedactError, RedactionSummary, RedactOptions, redact

__all__ = ["RedactError", "RedactOptions", "RedactionSummary", "redact"]
