"""The policy file format, validated on load: an unknown identifier, a misspelt key or a wrong type is an
error that names the file, the key path and what was expected — never a silent no-op."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from auditor.model import HEALTH_CATEGORIES, SAFE_HARBOR_IDENTIFIERS
from auditor.risk.quasi import ATTRIBUTES, DEFAULT_QUASI

RiskLevel = Literal["none", "low", "medium", "high"]
Identifier = Literal[SAFE_HARBOR_IDENTIFIERS]  # type: ignore[valid-type]
HealthCategory = Literal[HEALTH_CATEGORIES]  # type: ignore[valid-type]
QuasiAttribute = Literal[ATTRIBUTES]  # type: ignore[valid-type]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IdentifierWeight(_Strict):
    class_: Literal["direct", "quasi"] = Field(alias="class")
    weight: float = Field(ge=0)


class IdentifierRequirement(_Strict):
    class_: Literal["direct", "quasi", "any"] = Field(default="any", alias="class")
    at_least: int = Field(default=1, ge=0)
    weight_at_least: float | None = Field(default=None, ge=0)


class HealthRequirement(_Strict):
    categories: list[HealthCategory] | None = None
    at_least: int = Field(default=1, ge=0)


class ContextRequirement(_Strict):
    """Identifiers that are a clinical context by themselves (a medical record or health-plan number exists only
    because the person is a patient): the rule needs at least one of them in the item."""

    identifiers: list[Identifier] = Field(min_length=1)


class Requirements(_Strict):
    identifiers: IdentifierRequirement | None = None
    health: HealthRequirement | None = None
    context: ContextRequirement | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Requirements:
        if self.identifiers is None and self.health is None and self.context is None:
            raise ValueError("a rule must require identifiers, health or a clinical context")
        return self


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    risk: RiskLevel
    description: str = ""
    requires: Requirements


class RiskSettings(_Strict):
    """What `phi-audit risk` groups by and the smallest class it accepts (auditor/risk/)."""

    quasi: list[QuasiAttribute] = Field(default=list(DEFAULT_QUASI), min_length=1)
    k: int = Field(default=5, ge=1)


class Policy(_Strict):
    policy: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str
    description: str = ""
    min_score: float = Field(default=0.0, ge=0, le=1)
    #: Scanner entities this policy does not count at all (e.g. RELATIVE_DATE: "last Friday" is no Safe Harbor date).
    ignored_entities: list[str] = Field(default_factory=list)
    identifiers: dict[Identifier, IdentifierWeight]
    health: list[HealthCategory]
    rules: list[Rule] = Field(min_length=1)
    risk: RiskSettings = RiskSettings()

    @field_validator("rules")
    @classmethod
    def _unique_rule_ids(cls, rules: list[Rule]) -> list[Rule]:
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} appears twice")
            seen.add(rule.id)
        return rules

    @model_validator(mode="after")
    def _every_identifier_weighed(self) -> Policy:
        missing = [name for name in SAFE_HARBOR_IDENTIFIERS if name not in self.identifiers]
        if missing:
            raise ValueError(f"identifiers: no class/weight for {', '.join(missing)} (every Safe Harbor identifier needs one)")
        return self
