"""The `phi-audit` command line.

Exit codes: 0 — nothing at or above `--fail-on` (or no `--fail-on`); 1 — an item at or above `--fail-on`,
or an item that could not be fully scanned (fail closed); 2 — usage or configuration error (bad policy,
missing store, unknown option). Bad input never prints a traceback: it is a per-item error in the report.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text
from rich.progress import ProgressColumn, Task, BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from auditor.model import Item, risk_rank
from auditor.policy import DEFAULT_POLICY, PolicyError, load_policy, shipped_policies
from auditor.scanners import REGISTRY
from auditor.terminal import printable, quiet_libraries

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Audit collections of shared health data for exposed PHI.")
policies_app = typer.Typer(help="List the shipped policies or validate a policy file.", invoke_without_command=True)
app.add_typer(policies_app, name="policies")
console = Console(stderr=True)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class FailOn(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/red] {escape(printable(message))}", highlight=False)
    return typer.Exit(EXIT_USAGE)


def _open_store(path: Path, read_only: bool = False):
    from auditor.store import FindingsStore, StoreError

    try:
        return FindingsStore.open_existing(path, read_only=read_only)
    except StoreError as error:
        raise _fail(str(error)) from None


@app.command()
def scan(
    paths: List[Path] = typer.Argument(..., help="Folders, files or zip archives to scan."),
    store: Path = typer.Option(Path("audit.db"), help="Findings store (SQLite); created if missing, resumed if present."),
    policy: str = typer.Option(DEFAULT_POLICY, help="A shipped policy name or a policy YAML file."),
    workers: Optional[int] = typer.Option(
        None, min=1, help="Worker processes (each loads the models once); default: the usable cores, as many as memory holds, "
        "and none for a corpus of a few batches; with --engine dask, the local cluster's size.",
    ),
    engine: EngineName = typer.Option(EngineName.local, help="local: this machine's process pool; dask: a Dask cluster (pip install 'phi-audit[dask]')."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (tcp://host:8786) or scheduler file; default: a local cluster."),
    scanners: Optional[str] = typer.Option(
        None,
        metavar="NAME[,NAME]",
        help=f"Run only these scanners ({', '.join(REGISTRY)}); what they do not read is recorded as not scanned. "
        "dicom_header alone is a fast pass over DICOM headers, without their pixels.",
    ),
    fail_on: Optional[FailOn] = typer.Option(None, help="Exit 1 if any item is at or above this risk, or not fully scanned."),
    json_summary: bool = typer.Option(False, "--json", help="Print a JSON summary on stdout instead of text."),
    progress: bool = typer.Option(True, help="Show a progress bar on stderr."),
) -> None:
    """Scan PATHS for PHI, keep the findings in the store, and judge every item by the policy."""
    from auditor.engines import EngineError, make_engine
    from auditor.pipeline import scan as run_scan
    from auditor.store import StoreError

    try:
        chosen = load_policy(policy)
    except PolicyError as error:
        raise _fail(str(error)) from None
    for path in paths:
        if not path.exists():
            raise _fail(f"{path}: no such file or folder")
    names = _scanner_names(scanners)
    try:
        runner = make_engine(engine.value, workers, scheduler)
        if progress and console.is_terminal:
            summary = _scan_with_progress(run_scan, paths, store, chosen, runner, names)
        else:
            summary = run_scan(paths, store, chosen, engine=runner, scanner_names=names)
    except (StoreError, EngineError) as error:
        raise _fail(str(error)) from None
    except KeyboardInterrupt:
        resume = f"phi-audit scan {shlex.join(map(str, paths))} --store {shlex.quote(str(store))}"
        console.print(f"\nInterrupted. Findings so far are saved; run the same command again to resume:\n  {resume}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(130) from None
    outcome = {
        "store": str(store),
        "policy": chosen.policy,
        "scanned": summary.scanned,
        "skipped_unchanged": summary.skipped,
        "unreadable": summary.unreadable,
        "findings": summary.findings,
        "items_by_risk": summary.risk_counts,
    }
    if json_summary:
        typer.echo(json.dumps(outcome))
    else:
        risks = ", ".join(f"{level} {summary.risk_counts.get(level, 0)}" for level in ("high", "medium", "low", "none"))
        typer.echo(f"Scanned {summary.scanned} item(s), {summary.skipped} unchanged, {summary.unreadable} unreadable; {summary.findings} finding(s).")
        typer.echo(f"Risk: {risks}. Report: phi-audit report --store {store}")
        if names:
            typer.echo(f"Ran only {', '.join(names)}: what they do not read is recorded as not scanned.")
    raise typer.Exit(_exit_code(store, chosen.policy, fail_on))


def _scanner_names(option: str | None) -> list[str] | None:
    """The scanners `--scanners` names, in registry order; None (all of them) without the option."""
    if option is None:
        return None
    names = {name.strip() for name in option.split(",") if name.strip()}
    unknown = sorted(names - set(REGISTRY))
    if unknown or not names:
        raise _fail(f"--scanners: unknown scanner {', '.join(unknown) or '(none named)'} (choose from {', '.join(REGISTRY)})")
    return [name for name in REGISTRY if name in names]


def _scan_with_progress(run_scan, paths, store, policy, engine, scanner_names):
    from auditor.corpus import read_corpus

    total = sum(1 for entry in read_corpus(paths) if isinstance(entry, Item))
    columns = (SpinnerColumn(), TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TextColumn("items"),
               _RateColumn(), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("scan", total=total)
        return run_scan(paths, store, policy, engine=engine, progress=lambda n: bar.advance(task, n), scanner_names=scanner_names)


class _RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:6.1f}/s" if task.speed else "     -/s")


def _exit_code(store_path: Path, policy: str, fail_on: FailOn | None) -> int:
    if fail_on is None:
        return EXIT_OK
    with _open_store(store_path, read_only=True) as store:
        verdicts = store.verdicts(policy)
    threshold = risk_rank(fail_on.value)
    failing = [v for v in verdicts if risk_rank(v.risk) >= threshold or not v.complete]
    return EXIT_FINDINGS if failing else EXIT_OK


@app.command()
def report(
    store: Path = typer.Option(Path("audit.db"), help="Findings store to report on."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="text, json, or html (one self-contained file to keep on record)."),
    policy: Optional[str] = typer.Option(None, help="Re-score the store by this policy first (default: the last scan's)."),
    out: Optional[Path] = typer.Option(None, help="Write the report here instead of stdout."),
) -> None:
    """Summarise the store: exposure by risk, identifier, health category and source; riskiest items; errors."""
    from auditor.pipeline import rescore
    from auditor.report import build_report, render_text
    from auditor.report_html import render_html

    with _open_store(store) as opened:
        run = opened.latest_run()
        name = policy or (run["policy"] if run else DEFAULT_POLICY)
        if policy is not None:
            try:
                rescore(opened, load_policy(policy))
            except PolicyError as error:
                raise _fail(str(error)) from None
            name = load_policy(policy).policy
        try:
            built = build_report(opened, name)
        except ValueError as error:
            raise _fail(str(error)) from None
    renderers = {ReportFormat.text: render_text, ReportFormat.json: lambda r: r.to_json() + "\n", ReportFormat.html: render_html}
    text = renderers[format](built)
    if out:
        from auditor.export import open_private

        with os.fdopen(open_private(out), "w", encoding="utf-8") as stream:
            stream.write(text)
    else:
        typer.echo(printable(text), nl=False)


#: Streamlit settings the dashboard always runs with, given on its command line so that no config file found
#: in the working directory can change them: no usage statistics (the front end would fetch a metrics URL),
#: no tracebacks shown to the browser, no file watching or run-on-save, and no welcome message (printing it
#: on a non-loopback address makes Streamlit look up the machine's external IP on the internet).
_DASHBOARD_SETTINGS = {
    "logger.hideWelcomeMessage": "true",
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    "global.developmentMode": "false",
    "runner.magicEnabled": "false",
}


@app.command()
def dashboard(
    store: Path = typer.Option(Path("audit.db"), help="Findings store to show (opened read-only)."),
    port: int = typer.Option(8501, min=1, max=65535, help="Port to listen on."),
    address: str = typer.Option("127.0.0.1", help="Address to bind. Anything but 127.0.0.1 lets other machines see the findings."),
) -> None:
    """Open the dashboard (Streamlit) on the store: overview, filters, items, drill-down, downloads."""
    import os

    import dashboards

    with _open_store(store, read_only=True):
        pass
    if address not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning:[/yellow] the dashboard listens on {address}: anyone who can reach this machine sees the findings.")
    settings = {**_DASHBOARD_SETTINGS, "server.address": address, "server.port": str(port)}
    package_root = str(Path(dashboards.__file__).resolve().parent.parent)
    environment = {**os.environ, "PHI_AUDIT_STORE": str(store.resolve()),
                   "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "streamlit", "run", str(Path(dashboards.__file__).with_name("app.py")),
               *(f"--{key}={value}" for key, value in settings.items())]
    typer.echo(f"Dashboard on http://{address}:{port} (Ctrl-C stops it)")
    # Become the server (exec), so that Ctrl-C or a kill of this process stops it rather than orphaning it.
    os.chdir(package_root)
    os.execve(sys.executable, command, environment)


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", help="jsonl, csv or parquet."),
    store: Path = typer.Option(Path("audit.db"), help="Findings store to export."),
    out: Optional[Path] = typer.Option(None, help="Output file (default: findings.<format>)."),
    reveal_evidence: bool = typer.Option(False, "--reveal-evidence", help="Put raw values in the export (re-read from the corpus). Handle the file as PHI."),
) -> None:
    """Export every finding in the public schema (docs/findings-schema.md)."""
    from auditor.export import export_findings

    target = out or Path(f"findings.{format.value}")
    if reveal_evidence:
        console.print("[yellow]warning:[/yellow] --reveal-evidence writes raw PHI into the export; keep it as protected as the corpus itself.")
    with _open_store(store, read_only=True) as opened:
        count = export_findings(opened, format.value, target, reveal=reveal_evidence)
    typer.echo(f"Wrote {count} finding(s) to {target}")


@app.command(name="eval")
def evaluate(
    truth: Path = typer.Option(..., help="Labels in JSON Lines (data/README.md describes the format)."),
    store: Path = typer.Option(Path("audit.db"), help="Findings store of a scan of the labelled corpus."),
    json_output: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    kind: List[str] = typer.Option([], "--kind", help="Score only items of this kind (post, text, image, dicom, pdf); repeatable."),
) -> None:
    """Recall and precision per identifier type and health category (lenient overlap and strict span)."""
    from auditor.evaluate import TruthError, evaluate_store, render_scores

    if not truth.is_file():
        raise _fail(f"{truth}: no such truth file")
    with _open_store(store, read_only=True) as opened:
        try:
            scores = evaluate_store(opened, truth, kind)
        except TruthError as error:
            raise _fail(str(error)) from None
    if json_output:
        typer.echo(json.dumps([s.to_dict() for s in scores], indent=2))
    else:
        typer.echo(render_scores(scores), nl=False)


from auditor.redact.command import redact_command  # noqa: E402 - the command's code lives in auditor/redact/

app.command(name="redact")(redact_command)


@policies_app.callback()
def policies(context: typer.Context) -> None:
    """List the shipped policies (with no sub-command)."""
    if context.invoked_subcommand is None:
        for name in shipped_policies():
            loaded = load_policy(name)
            default = " (default)" if name == DEFAULT_POLICY else ""
            typer.echo(f"{name} {loaded.version}{default}: {' '.join(loaded.description.split())}")


@policies_app.command()
def validate(file: Path = typer.Argument(..., help="Policy YAML file to check.")) -> None:
    """Check a policy file; errors name the key path and what was expected."""
    try:
        loaded = load_policy(file)
    except PolicyError as error:
        raise _fail(str(error)) from None
    typer.echo(f"{file}: valid policy {loaded.policy} {loaded.version} ({len(loaded.rules)} rules)")


from auditor.service.cli import serve  # noqa: E402 - registered after the commands it reuses (_fail)

app.command()(serve)
from auditor.risk.cli import risk  # noqa: E402 - the command's code lives in auditor/risk/

app.command()(risk)


def main() -> None:
    quiet_libraries()
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()


if __name__ == "__main__":
    main()
