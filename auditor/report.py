"""The audit report: what was scanned, how exposed it is, where, why, and what could not be scanned.

Built from the store's read models (`auditor/store/totals.py`, `item_views.py`: the dashboard's overview counts
with the same queries) and one policy's verdicts; every value shown is masked evidence.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditor.model import RISK_LEVELS
from auditor.places import has_place, item_places
from auditor.policy import Policy, PolicyError, deciding_rules, load_policy
from auditor.redact import records as redaction_records
from auditor.store import FindingsStore
from auditor.store.item_views import evidence_of, media_locators, pixel_items, ranked_items
from auditor.store.selection import Filters
from auditor.store.totals import has_items, totals
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


def build_report(store: FindingsStore, policy: str | Policy) -> AuditReport:
    """The report of the store's verdicts under `policy` (a name, or the policy itself when the caller has loaded
    it: it is loaded at most once)."""
    loaded = policy if isinstance(policy, Policy) else _loaded(policy)
    name = policy.policy if isinstance(policy, Policy) else policy
    everything = Filters(name)
    counted = totals(store, everything)
    if not counted.items and has_items(store):
        raise ValueError(f"the store has no verdicts for policy {name!r}; re-score with `phi-audit report --policy {name}`")
    deciding = rule_decider(loaded)
    run = store.latest_run() or {}
    riskiest = ranked_items(store, everything, TOP_ITEMS, at_risk=True)
    places = item_places(store, [locator for r in riskiest for locator in (r.verdict.item, *media_locators(store, r.verdict.item))])
    return AuditReport(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        store=str(store.path),
        policy=name,
        policy_version=counted.policy_version,
        scope={key: run.get(key) for key in ("paths", "started_at", "finished_at", "status", "scanners", "items_scanned", "items_skipped")},
        items=counted.items,
        items_by_kind=counted.by_kind,
        items_by_risk=counted.by_risk,
        incomplete_items=counted.incomplete,
        findings=counted.findings,
        findings_by_source=counted.findings_by_source,
        items_by_identifier=counted.by_identifier,
        items_by_health=counted.by_health,
        riskiest=[
            RiskyItem(
                r.verdict.item,
                r.kind,
                r.verdict.risk,
                list(deciding(r.verdict)),
                list(r.verdict.rules),
                list(r.verdict.identifiers),
                list(r.verdict.health),
                r.verdict.complete,
                _evidence(store, r.verdict.item, places),
            )
            for r in riskiest
        ],
        pixel_items=[
            {"item": item, "kind": kind, "findings": count, "identifiers": identifiers}
            for item, kind, count, identifiers in pixel_items(store)
        ],
        errors=[{"item": e.item, "stage": e.stage, "reason": e.reason} for e in store.errors()],
        reproduce=reproducing_commands(run.get("paths") or [], str(store.path), name),
        reidentification=_reidentification(store, name, loaded),
        redacted=redaction_records.latest(store),
    )


def _loaded(policy: str) -> Policy | None:
    """The named policy, or None when it cannot be loaded (a report still shows the stored verdicts)."""
    try:
        return load_policy(policy)
    except PolicyError:
        return None


def _reidentification(store: FindingsStore, policy: str, loaded: Policy | None) -> dict[str, Any]:
    """The risk report under the policy's quasi-identifiers and k (the shipped default when the policy is not found)."""
    from auditor.policy.schema import RiskSettings
    from auditor.risk.report import build_risk_report

    settings = loaded.risk if loaded else RiskSettings()
    return build_risk_report(store, policy, settings.quasi, settings.k).to_dict()


def reproducing_commands(paths: list[str], store: str, policy: str) -> list[str]:
    """The commands that make this store and this report again, quoted for a POSIX shell."""
    quoted_store, quoted_policy = shlex.quote(store), shlex.quote(policy)
    return [
        f"phi-audit scan {' '.join(map(shlex.quote, paths))} --store {quoted_store} --policy {quoted_policy}",
        f"phi-audit report --store {quoted_store} --policy {quoted_policy}",
    ]


def rule_decider(policy: str | Policy | None):
    """verdict -> the rules that decided its risk, by the policy's rules; every fired rule without a policy (None,
    or one that cannot be loaded)."""
    loaded = _loaded(policy) if isinstance(policy, str) else policy
    if loaded is None:
        return lambda verdict: verdict.rules
    return lambda verdict: deciding_rules(loaded, verdict)


def _evidence(store: FindingsStore, item: str, places: Mapping[str, Mapping[tuple[int, int], str]]) -> list[EvidenceGroup]:
    """The item's (and its media's) findings by source, each source always present: identifiers before health
    terms and other findings, so a burned-in name is never hidden behind forty header lines. A finding in a
    document's text says where it is in the file (auditor/places.py)."""
    groups = []
    for source in EVIDENCE_SOURCES:
        total, rows = evidence_of(store, item, source, EVIDENCE_PER_SOURCE)
        shown = [
            f"{finding_words(entity, identifier, health, source, field_name)} in {_where(owner, item, field_name)}"
            + _at(places.get(owner, {}).get((start, end)) if has_place(source, start) else None)
            + f": {evidence}"
            for owner, field_name, entity, identifier, health, evidence, start, end in rows
        ]
        groups.append(EvidenceGroup(source, total, shown, [action_words(row[2]) or "" for row in rows]))
    return groups


def _where(owner: str, item: str, field_name: str) -> str:
    """The field, and the media item it is in when that is not the item itself."""
    return field_name if owner == item else f"{owner} {field_name}"


def _at(place: str | None) -> str:
    """Where in its file a finding of a document is ("at paragraph 2, characters 27-39"); nothing elsewhere."""
    return f" at {place}" if place else ""


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
        lines.append(
            f"      why: {', '.join(risky.decided_by)}"
            + (f" (and {others} lower rule(s): report --format json lists them)" if others else "")
        )
        lines.append(f"      identifiers: {', '.join(risky.identifiers) or '-'}; health: {', '.join(risky.health) or '-'}")
        for group in risky.evidence:
            lines.append(f"      in {SOURCE_WORDS[group.source]}: {group.total} finding(s)")
            lines.extend(f"        {line}" + (f"  [{action}]" if action else "") for line, action in zip(group.shown, group.actions))
            if group.more:
                lines.append(f"        +{group.more} more: {more_hint(report.store, risky.item)}")
    if not report.riskiest:
        lines.append("  none")
    lines += ["", f"Items with findings in their pixels ({len(report.pixel_items)}): burned-in text, faces, barcodes"]
    lines += [
        f"  {entry['item']} ({entry['kind']}): {entry['findings']} finding(s), {entry['identifiers']} of them identifiers"
        for entry in report.pixel_items[:TOP_ITEMS]
    ]
    if len(report.pixel_items) > TOP_ITEMS:
        lines.append(f"  +{len(report.pixel_items) - TOP_ITEMS} more: report --format json lists them all")
    if not report.pixel_items:
        lines.append("  none")
    lines += [
        "",
        "Annex E actions (DICOM PS3.15, what de-identification must do with a header attribute):",
        *(f"  {code.replace('_', '/')}: {meaning}" for code, meaning in ANNEX_E_ACTIONS.items()),
    ]
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
