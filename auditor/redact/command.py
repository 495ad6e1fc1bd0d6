"""The `phi-audit redact` command (registered in auditor/cli.py)."""

from __future__ import annotations

from pathlib import Path

import typer

from auditor.policy import DEFAULT_POLICY, PolicyError, load_policy


def redact_command(
    out: Path = typer.Option(..., help="Folder for the redacted copies (never inside the corpus)."),
    store: Path = typer.Option(Path("audit.db"), help="Findings store of the scan of the corpus."),
    policy: str = typer.Option(DEFAULT_POLICY, help="A shipped policy name or a policy YAML file."),
    min_risk: str | None = typer.Option(None, help="Copy only items at or above this risk (low, medium, high)."),
    text_style: str = typer.Option("tag", help="tag ([NAME]), mask (****) or surrogate (a consistent fake value)."),
    pixels: str = typer.Option("fill", help="fill or blur the boxes of burned-in text (faces are blurred, barcodes filled)."),
    dicom_profile: str = typer.Option(
        "basic",
        help="basic, plus Annex E options joined by + (basic+clean-descriptors+retain-safe-private): the table's option columns, named in auditor/redact/deid_methods.json; an unknown one is refused with the list.",
    ),
    item: list[str] = typer.Option([], "--item", help="Only this item, file or archive (repeatable)."),
    verify: bool = typer.Option(True, help="Re-scan every copy and exit 1 if an identifier is left."),
    workers: int = typer.Option(1, min=1, help="Worker processes of the verifying re-scan."),
) -> None:
    """Write de-identified copies of the scanned items under OUT, with redaction-manifest.jsonl."""
    from auditor.redact.annex_e import parse_profile
    from auditor.redact.run import RedactError, RedactOptions, redact
    from auditor.store import FindingsStore, StoreError

    def fail(message: str) -> typer.Exit:
        typer.echo(f"error: {message}", err=True)
        return typer.Exit(2)

    try:
        chosen = load_policy(policy)
        parse_profile(dicom_profile)
    except (PolicyError, ValueError) as error:
        raise fail(str(error)) from None
    if min_risk not in (None, "low", "medium", "high") or text_style not in ("tag", "mask", "surrogate") or pixels not in ("fill", "blur"):
        raise fail("--min-risk is low|medium|high, --text-style tag|mask|surrogate, --pixels fill|blur")
    options = RedactOptions(out, chosen, min_risk, text_style, pixels, dicom_profile, tuple(item), verify, workers)
    try:
        with FindingsStore.open_existing(store) as opened:
            summary = redact(opened, options)
    except (StoreError, RedactError) as error:
        raise fail(str(error)) from None
    typer.echo(
        f"Wrote {len(summary.written)} redacted item(s) to {out}; refused {len(summary.refused)} (see {out}/redaction-manifest.jsonl)."
    )
    for record in summary.refused[:20]:
        typer.echo(f"  not copied: {record.item}: {record.reason}")
    if summary.residual:
        typer.echo(f"Verification: {len(summary.residual)} copy(ies) still show an identifier:")
        for record in summary.residual:
            kinds = sorted({r["identifier"] for r in record.residues()})
            typer.echo(f"  {record.item}: {', '.join(kinds)}")
        raise typer.Exit(1)
    if verify:
        typer.echo("Verification: no identifier found in any copy by the same scanners and policy.")
