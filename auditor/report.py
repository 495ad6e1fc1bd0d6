"""The audit report: what was scanned, how exposed it is, where, why, and what could not be scanned.

Built from the store's aggregates (SQL) and one policy's verdicts; every value shown is masked evidence.
"""

from __future__ import annotations

import json
import shlex
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from auditor.model import (
    HEALTH_CATEGORIES,
    RISK_LEVELS,
    SAFE_HARBOR_IDENTIFIERS,
    SOURCES,
    risk_rank,
)
from auditor.policy import PolicyError, deciding_rules, load_policy
from auditor.redact import records as redaction_records
from auditor.store import FindingsStore
from auditor.words import ANNEX_E_ACTIONS, SOURCE_WORDS, action_words, finding_words

#: How many of the riskiest items the report lists with their evidence.
TOP_ITEMS = 20
#: Evidence lines shown per item and source (pixels, metadata, text); the rest are counted, with where to see them.
EVIDENCE_PER_SOURCE = 6
#: How many items the text report names for each kind of error (the JSON report lists them all).
ERROR_EXAMPLES = 5


@dataclass
class EvidenceGroup:
    """An item's findings from one source: how many, and the first few in words with their masked evidence."""

    source: str
    total: int
    shown: list[str]
    #: Annex E actions of the shown lines, for a tooltip or legend ("" where there is none).
    actions: list[str] = field(default_factory=list)
    #: How many are not shown (see `more_hint` for where they are).
    more: int = field(init=False)

    def __post_init__(self) -> None:
        self.more = self.total - len(self.shown)


@dataclass
class RiskyItem:
    item: str
    kind: str
    risk: str
    #: The rules that gave the item its risk; `rules` lists every rule that fired.
    decided_by: list[str]
    rules: list[str]
    identifiers: list[str]
    health: list[str]
    complete: bool
    #: One group per source (pixel, metadata, text), always all three, identifiers first within each.
    evidence: list[EvidenceGroup]


@dataclass
class AuditReport:
    generated_at: str
    store: str
    policy: str
    policy_version: str
    scope: dict[str, Any]
    items: int
    items_by_kind: dict[str, int]
    items_by_risk: dict[str, int]
    incomplete_items: int
    findings: int
    findings_by_source: dict[str, int]
    items_by_identifier: dict[str, int]
    items_by_health: dict[str, int]
    riskiest: list[RiskyItem] = field(default_factory=list)
    #: Every item with findings in its pixels (burned-in text, faces, barcodes): what a reader of headers misses.
    pixel_items: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    reproduce: list[str] = field(default_factory=list)
    #: Re-identification risk and composition (auditor/risk/report.py: RiskReport.to_dict()).
    reidentification: dict[str, Any] = field(default_factory=dict)
    redacted: dict[str, Any] | None = None  # the latest `phi-audit redact` run (auditor/redact/records.py)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)


def build_report(store: FindingsStore, policy: str) -> AuditReport:
    verdicts = store.verdicts(policy)
    if not verdicts and store.query("SELECT 1 FROM items LIMIT 1"):
        raise ValueError(f"the store has no verdicts for policy {policy!r}; re-score with `phi-audit report --policy {policy}`")
    kinds = dict(store.query("SELECT locator, kind FROM items"))
    by_identifier = Counter(name for v in verdicts for name in v.identifiers)
    by_health = Counter(name for v in verdicts for name in v.health)
    ranked = sorted(verdicts, key=lambda v: (-risk_rank(v.risk), -len(v.identifiers), v.item))
    riskiest = [v for v in ranked if v.risk != "none"][:TOP_ITEMS]
    deciding = rule_decider(policy)
    run = store.latest_run() or {}
    return AuditReport(
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        store=str(store.path),
        policy=policy,
        policy_version=verdicts[0].policy_version if verdicts else "",
        scope={key: run.get(key) for key in ("paths", "started_at", "finished_at", "status", "scanners", "items_scanned", "items_skipped")},
        items=len(verdicts),
        items_by_kind=dict(Counter(kinds.values())),
        items_by_risk={level: sum(1 for v in verdicts if v.risk == level) for level in RISK_LEVELS},
        incomplete_items=sum(1 for v in verdicts if not v.complete),
        findings=store.query("SELECT COUNT(*) FROM findings")[0][0],
        findings_by_source=_findings_by_source(store),
        items_by_identifier={name: by_identifier.get(name, 0) for name in SAFE_HARBOR_IDENTIFIERS},
        items_by_health={name: by_health.get(name, 0) for name in HEALTH_CATEGORIES},
        riskiest=[
            RiskyItem(v.item, kinds.get(v.item, "?"), v.risk, list(deciding(v)), list(v.rules), list(v.identifiers), list(v.health), v.complete,
                      _evidence(store, v.item))
            for v in riskiest
        ],
        pixel_items=[
            {"item": item, "kind": kinds.get(item, "?"), "findings": count, "identifiers": identifiers}
            for item, count, identifiers in store.query(
                "SELECT item, COUNT(*), COUNT(identifier) FROM findings WHERE source = 'pixel' GROUP BY item ORDER BY COUNT(identifier) DESC, item"
            )
        ],
        errors=[{"item": e.item, "stage": e.stage, "reason": e.reason} for e in store.errors()],
        reproduce=reproducing_commands(run.get("paths") or [], str(store.path), policy),
        reidentification=_reidentification(store, policy),
        redacted=redaction_records.latest(store),
    )


def _reidentification(store: FindingsStore, policy: str) -> dict[str, Any]:
    """The risk report under the policy's quasi-identifiers and k (the shipped default when the policy is not found)."""
    from auditor.policy import PolicyError, load_policy
    from auditor.risk.report import build_risk_report

    try:
        settings = load_policy(policy).risk
    except PolicyError:
        from auditor.policy.schema import RiskSettings

        settings = RiskSettings()
    return build_risk_report(store, policy, settings.quasi, settings.k).to_dict()


def reproducing_commands(paths: list[str], store: str, policy: str) -> list[str]:
    """The commands that make this store and this report again, quoted for a POSIX shell."""
    quoted_store, quoted_policy = shlex.quote(store), shlex.quote(policy)
    return [
        f"phi-audit scan {' '.join(map(shlex.quote, paths))} --store {quoted_store} --policy {quoted_policy}",
        f"phi-audit report --store {quoted_store} --policy {quoted_policy}",
    ]


def _findings_by_source(store: FindingsStore) -> dict[str, int]:
    counts = dict(store.query("SELECT source, COUNT(*) FROM findings GROUP BY source"))
    return {source: counts.get(source, 0) for source in SOURCES}


def rule_decider(policy: str):
    """verdict -> the rules that decided its risk, by the policy's rules; every fired rule if it cannot be loaded."""
    try:
        loaded = load_policy(policy)
    except PolicyError:
        return lambda verdict: verdict.rules
    return lambda verdict: deciding_rules(loaded, verdict)


def _evidence(store: FindingsStore, item: str) -> list[EvidenceGroup]:
    """The item's (and its media's) findings by source, each source always present: identifiers before health
    terms and other findings, so a burned-in name is never hidden behind forty header lines."""
    groups = []
    for source in EVIDENCE_SOURCES:
        total = store.query(
            "SELECT COUNT(*) FROM findings WHERE source=? AND (item=? OR item IN (SELECT locator FROM items WHERE parent=?))", (source, item, item)
        )[0][0]
        rows = store.query(
            "SELECT item, field, entity, identifier, health, evidence FROM findings WHERE source=? AND (item=? OR item IN (SELECT locator FROM items WHERE parent=?))"
            " ORDER BY identifier IS NULL, item, field, span_start, id LIMIT ?",
            (source, item, item, EVIDENCE_PER_SOURCE),
        )
        shown = [
            f"{finding_words(entity, identifier, health, source, field_name)} in {_where(owner, item, field_name)}: {evidence}"
            for owner, field_name, entity, identifier, health, evidence in rows
        ]
        groups.append(EvidenceGroup(source, total, shown, [action_words(row[2]) or "" for row in rows]))
    return groups


def _where(owner: str, item: str, field_name: str) -> str:
    """The field, and the media item it is in when that is not the item itself."""
    return field_name if owner == item else f"{owner} {field_name}"


#: The order an item's evidence is shown in: what a reader misses most first (a burned-in name is seen by nobody
#: who reads only the header).
EVIDENCE_SOURCES = ("pixel", "metadata", "text", "name")


def more_hint(store: str, item: str) -> str:
    """Where every finding of an item can be seen: the dashboard's item page, or the findings export."""
    return f"every finding is on the dashboard's Item page (phi-audit dashboard --store {shlex.quote(store)}) and in phi-audit export --store {shlex.quote(store)} --format csv"


def render_text(report: AuditReport) -> str:
    """The report as plain text for a terminal or a file."""
    lines = [
        f"phi-audit report — policy {report.policy} {report.policy_version} — {report.generated_at}",
        f"Store: {report.store}",
        f"Scanned: {', '.join(report.scope.get('paths') or [])} (last run {report.scope.get('status')}, {report.scope.get('finished_at') or 'not finished'})",
        "",
        f"Items: {report.items}  (" + ", ".join(f"{k} {n}" for k, n in sorted(report.items_by_kind.items())) + ")",
        "Risk:  " + "  ".join(f"{level} {report.items_by_risk[level]}" for level in reversed(RISK_LEVELS)),
        f"Not fully scanned: {report.incomplete_items} item(s) — lost coverage, not cleared (see errors below)",
        f"Findings: {report.findings}  (" + ", ".join(f"{s} {n}" for s, n in sorted(report.findings_by_source.items())) + ")",
        "",
        "Items exposing each Safe Harbor identifier:",
        *(f"  {name:<16} {count}" for name, count in report.items_by_identifier.items()),
        "Items with health information:",
        *(f"  {name:<16} {count}" for name, count in report.items_by_health.items()),
        "",
        f"Highest-risk items (up to {TOP_ITEMS}):",
    ]
    for risky in report.riskiest:
        flag = "" if risky.complete else "  [not fully scanned]"
        lines.append(f"  [{risky.risk.upper()}] {risky.item} ({risky.kind}){flag}")
        others = len(risky.rules) - len(risky.decided_by)
        lines.append(f"      why: {', '.join(risky.decided_by)}" + (f" (and {others} lower rule(s): report --format json lists them)" if others else ""))
        lines.append(f"      identifiers: {', '.join(risky.identifiers) or '-'}; health: {', '.join(risky.health) or '-'}")
        for group in risky.evidence:
            lines.append(f"      in {SOURCE_WORDS[group.source]}: {group.total} finding(s)")
            lines.extend(f"        {line}" + (f"  [{action}]" if action else "") for line, action in zip(group.shown, group.actions))
            if group.more:
                lines.append(f"        +{group.more} more: {more_hint(report.store, risky.item)}")
    if not report.riskiest:
        lines.append("  none")
    lines += ["", f"Items with findings in their pixels ({len(report.pixel_items)}): burned-in text, faces, barcodes"]
    lines += [f"  {entry['item']} ({entry['kind']}): {entry['findings']} finding(s), {entry['identifiers']} of them identifiers" for entry in report.pixel_items[:TOP_ITEMS]]
    if len(report.pixel_items) > TOP_ITEMS:
        lines.append(f"  +{len(report.pixel_items) - TOP_ITEMS} more: report --format json lists them all")
    if not report.pixel_items:
        lines.append("  none")
    lines += ["", "Annex E actions (DICOM PS3.15, what de-identification must do with a header attribute):",
              *(f"  {code.replace('_', '/')}: {meaning}" for code, meaning in ANNEX_E_ACTIONS.items())]
    lines += ["", f"Per-item errors ({len(report.errors)}), grouped by reason:"]
    grouped: dict[tuple[str, str], list[str]] = {}
    for error in report.errors:
        grouped.setdefault((error["stage"], error["reason"]), []).append(error["item"])
    for (stage, reason), items in sorted(grouped.items(), key=lambda entry: -len(entry[1])):
        shown = ", ".join(items[:ERROR_EXAMPLES]) + (f", … ({len(items) - ERROR_EXAMPLES} more)" if len(items) > ERROR_EXAMPLES else "")
        lines.append(f"  [{stage}] {reason}: {len(items)} item(s): {shown}")
    if not report.errors:
        lines.append("  none")
    lines += ["", "Reproduce with:", *(f"  {command}" for command in report.reproduce)]
    return "\n".join(lines) + "\n" + redaction_records.render_text(report.redacted)
