"""Finding and loading policies: the shipped ones by name, or a user's file by path."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from auditor.policy.schema import Policy

#: The policies shipped with phi-audit (the repository's `policies/` folder).
SHIPPED_POLICY_DIR = Path(__file__).resolve().parents[2] / "policies"
DEFAULT_POLICY = "hipaa-safe-harbor"


class PolicyError(ValueError):
    """A policy that cannot be used; the message names the file, the key path and what was expected."""


def shipped_policies() -> dict[str, Path]:
    return {path.stem: path for path in sorted(SHIPPED_POLICY_DIR.glob("*.yaml"))}


def load_policy(name_or_path: str | Path = DEFAULT_POLICY) -> Policy:
    """A shipped policy by name (`hipaa-safe-harbor`) or a policy file by path, validated."""
    path = shipped_policies().get(str(name_or_path), Path(name_or_path))
    if not path.is_file():
        known = ", ".join(shipped_policies())
        raise PolicyError(f"{name_or_path}: no such policy file, and not a shipped policy ({known})")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise PolicyError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(document, dict):
        raise PolicyError(f"{path}: expected a mapping at the top level, found {type(document).__name__}")
    try:
        return Policy.model_validate(document)
    except ValidationError as error:
        raise PolicyError(f"{path}: invalid policy:\n" + _describe(error)) from None


def _describe(error: ValidationError) -> str:
    lines = []
    for problem in error.errors():
        path = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        lines.append(f"  at {path}: {problem['msg']}")
    return "\n".join(lines)
