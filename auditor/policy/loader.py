"""Finding and loading policies: the shipped ones by name, or a user's file by path."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml
from pydantic import ValidationError

from auditor.policy.schema import Policy

#: The policies shipped with phi-audit: package data (`auditor/policies/`, also reached as the repository's
#: `policies/`), so an installed wheel finds them as an editable checkout does.
SHIPPED_POLICY_DIR: Traversable = files("auditor") / "policies"
DEFAULT_POLICY = "hipaa-safe-harbor"


class PolicyError(ValueError):
    """A policy that cannot be used; the message names the file, the key path and what was expected."""


def shipped_policies() -> dict[str, Traversable]:
    shipped = (entry for entry in SHIPPED_POLICY_DIR.iterdir() if entry.name.endswith(".yaml"))
    return {entry.name.removesuffix(".yaml"): entry for entry in sorted(shipped, key=lambda entry: entry.name)}


def load_policy(name_or_path: str | Path = DEFAULT_POLICY) -> Policy:
    """A shipped policy by name (`hipaa-safe-harbor`) or a policy file by path, validated."""
    path: Traversable | Path = shipped_policies().get(str(name_or_path)) or Path(name_or_path)
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
