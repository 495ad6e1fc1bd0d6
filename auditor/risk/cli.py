"""`phi-audit risk`: re-identification risk and composition of a scanned store, from its quasi-identifier
records (no re-scan). Exit 1 when k is below the threshold; registered in auditor/cli.py."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from auditor.policy import DEFAULT_POLICY, PolicyError, load_policy


class RiskFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


class StateReference(str, Enum):
    """The census that state shares are compared with (auditor/risk/composition.py STATE_REFERENCES)."""

    census2010 = "2010"
    census1990 = "1990"


def risk(
    store: Path = typer.Option(Path("audit.db"), help="Findings store to measure."),
    quasi: str | None = typer.Option(
        None,
        help="Quasi-identifiers to group by, comma-separated: age, sex, region (ZIP3 else state else country), zip3, state, country, city, facility, month, modality, body_part. Default: the policy's (age,sex,region,month).",
    ),
    k: int | None = typer.Option(None, "--k", min=1, help="Smallest class size accepted; exit 1 below it. Default: the policy's (5)."),
    policy: str | None = typer.Option(None, help="Policy whose risk settings and verdicts to use (default: the last scan's)."),
    population_fraction: float = typer.Option(1.0, help="Share of the attacker's population the corpus is (journalist and marketer risk)."),
    state_reference: StateReference = typer.Option(
        StateReference.census2010, "--state-reference", help="Census the state shares are compared with: 2010, or 1990 as in older reports."
    ),
    format: RiskFormat = typer.Option(RiskFormat.text, "--format", help="text, json, or html (one self-contained file)."),
    out: Path | None = typer.Option(None, help="Write the report here instead of stdout."),
) -> None:
    """Re-identification risk (k-anonymity, sample-uniques, prosecutor, journalist and marketer risk, person-clusters)
    and whom the corpus represents, against the US population."""
    from auditor.cli import EXIT_FINDINGS, _fail, _open_store
    from auditor.risk.measures import RiskConfigError, parse_quasi
    from auditor.risk.report import build_risk_report, render_text

    with _open_store(store, read_only=True) as opened:
        run = opened.latest_run()
        try:
            chosen = load_policy(policy or (run["policy"] if run else DEFAULT_POLICY))
        except PolicyError as error:
            raise _fail(str(error)) from None
        try:
            names = parse_quasi(quasi) if quasi is not None else tuple(chosen.risk.quasi)
            built = build_risk_report(opened, chosen.policy, names, k or chosen.risk.k, population_fraction, state_reference.value)
        except RiskConfigError as error:
            raise _fail(str(error)) from None
    if format is RiskFormat.html:
        from auditor.risk.html import render_risk_html

        text = render_risk_html(built)
    else:
        text = built.to_json() + "\n" if format is RiskFormat.json else render_text(built)
    if out:
        from auditor.export import open_private

        with os.fdopen(open_private(out), "w", encoding="utf-8") as stream:
            stream.write(text)
    else:
        typer.echo(text, nl=False)
    if built.below_threshold:
        raise typer.Exit(EXIT_FINDINGS)
