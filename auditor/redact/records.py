"""The "Redacted copies" record: each `phi-audit redact` run kept in the store (migration 0005), and the
section the text and HTML reports show of the latest one."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from auditor.store import redactions

if TYPE_CHECKING:
    from auditor.redact.run import RedactionSummary, RedactOptions
    from auditor.store import FindingsStore


def save(store: FindingsStore, summary: RedactionSummary, options: RedactOptions) -> int:
    chosen = {
        "text_style": options.text_style,
        "pixels": options.pixels,
        "dicom_profile": options.dicom_profile,
        "min_risk": options.min_risk,
        "items": list(options.items),
        "verify": options.verify,
    }
    run = (
        datetime.now(UTC).isoformat(timespec="seconds"),
        str(summary.out),
        options.policy.policy,
        json.dumps(chosen),
        len(summary.written),
        len(summary.refused),
        len(summary.residual),
    )
    rows = [
        (
            r.item,
            r.kind,
            r.status,
            r.reason,
            json.dumps(r.removed, sort_keys=True),
            len(r.boxes),
            json.dumps(sorted({x["identifier"] for x in r.verification["residual"]})) if r.verification else None,
            r.source_sha256,
            r.copy_sha256,
        )
        for r in summary.records
    ]
    return store.save_redaction(run, rows)


def latest(store: FindingsStore) -> dict[str, Any] | None:
    """The latest redaction run of the store: counts, what was removed, the refused and residual items."""
    run = redactions.latest_run(store)
    if not run:
        return None
    run_id, finished, out, policy, options, written, refused, residual = run
    removed = redactions.removed(store, run_id)
    return {
        "finished_at": finished,
        "out": out,
        "policy": policy,
        "options": json.loads(options),
        "written": written,
        "refused": refused,
        "residual": residual,
        "removed": dict(sorted(removed.items())),
        "refused_items": [{"item": i, "reason": why} for i, why in redactions.refused(store, run_id, 50)],
        "residual_items": [{"item": i, "identifiers": left} for i, left in redactions.residual(store, run_id, 50)],
    }


def render_text(section: dict[str, Any] | None) -> str:
    """The report's "Redacted copies" section, or "" when the store has no redaction."""
    if not section:
        return ""
    lines = [
        "",
        "Redacted copies",
        (
            f"  {section['finished_at']} to {section['out']} ({section['policy']}, text {section['options']['text_style']}, "
            f"pixels {section['options']['pixels']}, DICOM {section['options']['dicom_profile']})"
        ),
        (
            f"  written {section['written']}, refused {section['refused']}, still showing an identifier {section['residual']}"
            + ("" if section["options"]["verify"] else " (not verified)")
        ),
    ]
    if section["removed"]:
        lines.append("  removed: " + ", ".join(f"{k} {v}" for k, v in section["removed"].items()))
    lines += [f"  residual: {r['item']}: {', '.join(r['identifiers'])}" for r in section["residual_items"]]
    lines += [f"  refused: {r['item']}: {r['reason']}" for r in section["refused_items"]]
    return "\n".join(lines) + "\n"


def show_in_dashboard(store_path: str) -> None:
    """The dashboard's "Redacted copies" section (overview page): the latest run's counts and problem items."""
    import streamlit as st

    from auditor.store import FindingsStore

    with FindingsStore.open_existing(store_path, read_only=True) as store:
        section = latest(store)
    st.subheader("Redacted copies")
    if not section:
        st.caption(f"No redacted copies yet: phi-audit redact --store {store_path} --out DIR")
        return
    st.caption(
        f"{section['finished_at']}: to {section['out']}, policy {section['policy']}, text {section['options']['text_style']}, "
        f"pixels {section['options']['pixels']}, DICOM {section['options']['dicom_profile']}."
    )
    columns = st.columns(3)
    columns[0].metric("Copies written", section["written"])
    columns[1].metric("Refused", section["refused"], help="Not copied: changed since the scan, not fully scanned, or not redactable.")
    columns[2].metric("Identifier left", section["residual"], help="Copies in which the verifying re-scan still found an identifier.")
    rows = [{"item": r["item"], "outcome": "identifier left: " + ", ".join(r["identifiers"])} for r in section["residual_items"]]
    rows += [{"item": r["item"], "outcome": f"refused: {r['reason']}"} for r in section["refused_items"]]
    if rows:
        st.dataframe(rows, hide_index=True)
