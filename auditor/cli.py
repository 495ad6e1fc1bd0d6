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

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from auditor.launcher import INTERRUPTED_AT_START, INTERRUPTED_IN_COMMAND, ctrl_c_in, exit_interrupted
from auditor.policy import DEFAULT_POLICY, PolicyError, load_policy, shipped_policies
from auditor.scanners import REGISTRY
from auditor.terminal import printable, quiet_libraries

# rich_markup_mode=None: help text is shown as written (`pip install 'phi-audit[dask]'` keeps its brackets).
app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Audit collections of shared health data for exposed PHI.", rich_markup_mode=None
)
policies_app = typer.Typer(help="List the shipped policies or validate a policy file.", invoke_without_command=True, rich_markup_mode=None)
app.add_typer(policies_app, name="policies")
console = Console(stderr=True)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
#: Items `scan --fail-on` names when it fails (the items export lists them all).
FAILING_SHOWN = 5


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


class ExportWhat(str, Enum):
    findings = "findings"
    items = "items"


def _require(module: str, what: str, extra: str) -> None:
    """A usage error naming the extra to install, before anything starts, when an optional part is not installed."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise _fail(f"{what} needs {module}, which is not installed: pip install 'phi-audit[{extra}]'")


def _fail(message: str) -> typer.Exit:
    """A usage error: the message is printed as it is (a policy error quotes `'^[a-z0-9]…$'`, a path may hold brackets),
    its control characters escaped."""
    console.print(Text.assemble(("error:", "red"), " ", printable(message)), highlight=False)
    return typer.Exit(EXIT_USAGE)


def _me() -> str:
    """How to run this program again from a fresh shell: `phi-audit` when that is what the PATH finds, else the full
    path of this one (a virtualenv's `.venv/bin/phi-audit` not activated), or `python -m auditor`."""
    import shutil

    invoked = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if invoked is None or invoked.name != "phi-audit":
        return "phi-audit" if shutil.which("phi-audit") else f"{shlex.quote(sys.executable)} -m auditor"
    found = shutil.which("phi-audit")
    return "phi-audit" if found and Path(found).resolve() == invoked else shlex.quote(str(invoked))


def _warn(message: str) -> None:
    console.print(Text.assemble(("warning:", "yellow"), " ", message), highlight=False)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"phi-audit {version('phi-audit')}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Audit collections of shared health data for exposed PHI."""


def _open_store(path: Path, read_only: bool = False):
    from auditor.store import FindingsStore, StoreError

    try:
        return FindingsStore.open_existing(path, read_only=read_only)
    except StoreError as error:
        raise _fail(str(error)) from None


@app.command()
def scan(
    paths: list[Path] = typer.Argument(..., help="Folders, files or zip archives to scan."),
    store: Path = typer.Option(Path("audit.db"), help="Findings store (SQLite); created if missing, resumed if present."),
    policy: str = typer.Option(DEFAULT_POLICY, help="A shipped policy name or a policy YAML file."),
    workers: int | None = typer.Option(
        None,
        min=1,
        help="Worker processes (each loads the models once); default: the usable cores, as many as memory holds, "
        "and none for a corpus of a few batches; with --engine dask, the local cluster's size.",
    ),
    engine: EngineName = typer.Option(
        EngineName.local, help="local: this machine's process pool; dask: a Dask cluster (pip install 'phi-audit[dask]')."
    ),
    scheduler: str | None = typer.Option(
        None, help="Dask scheduler address (tcp://host:8786) or scheduler file; default: a local cluster."
    ),
    scanners: str | None = typer.Option(
        None,
        metavar="NAME[,NAME]",
        help=f"Run only these scanners ({', '.join(REGISTRY)}); what they do not read is recorded as not scanned. "
        "dicom_header alone is a fast pass over DICOM headers, without their pixels.",
    ),
    fail_on: FailOn | None = typer.Option(None, help="Exit 1 if any item is at or above this risk, or not fully scanned."),
    json_summary: bool = typer.Option(False, "--json", help="Print a JSON summary on stdout instead of text."),
    progress: bool = typer.Option(True, help="Show a progress bar on stderr."),
) -> None:
    """Scan PATHS for PHI, keep the findings in the store, and judge every item by the policy."""
    # Ctrl-C anywhere in the command (its imports, the policy, the store's last run, the summary) gets the resume
    # hint: typer would make one outside this `try` a silent exit 130.
    before: int | None = None
    known = False
    try:
        before, known = _last_run_id(store), True
        _scan(paths, store, policy, workers, engine, scheduler, scanners, fail_on, json_summary, progress)
    except (KeyboardInterrupt, RuntimeError) as error:  # a RuntimeError: one made of a Ctrl-C (ctrl_c_in), or typer.Exit
        if not ctrl_c_in(error):
            raise
        options = {
            "--store": store,
            "--policy": policy if policy != DEFAULT_POLICY else None,
            "--workers": workers if workers != 1 else None,
            "--engine": engine.value if engine is not EngineName.local else None,
            "--scheduler": scheduler,
            "--scanners": scanners,
            "--fail-on": fail_on.value if fail_on else None,
        }
        again = (
            _me()
            + " "
            + shlex.join(
                ["scan", *map(str, paths), *(str(part) for key, value in options.items() if value is not None for part in (key, value))]
            )
        )
        saved = _saved_after(store, before) if known else 0
        console.print(f"\n{_interrupted(saved)}\n  {again}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(130) from None


def _scan(
    paths: list[Path],
    store: Path,
    policy: str,
    workers: int | None,
    engine: EngineName,
    scheduler: str | None,
    scanners: str | None,
    fail_on: FailOn | None,
    json_summary: bool,
    progress: bool,
) -> None:
    """The `scan` command's work, from its options to its exit code (a typer.Exit)."""
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
        typer.echo(
            f"Scanned {summary.scanned} item(s), {summary.skipped} unchanged, {summary.unreadable} unreadable; {summary.findings} finding(s)."
        )
        typer.echo(f"Risk: {risks}. Report: {_me()} report --store {shlex.quote(str(store))}")
        if names:
            typer.echo(f"Ran only {', '.join(names)}: what they do not read is recorded as not scanned.")
    raise typer.Exit(_exit_code(store, chosen.policy, fail_on))


def _last_run_id(store: Path) -> int | None:
    """The store's latest run before this scan starts (None without a store), to tell afterwards what this scan saved."""
    from auditor.store import FindingsStore, StoreError

    if not store.is_file():
        return None
    try:
        with FindingsStore.open_existing(store, read_only=True) as opened:
            return (opened.latest_run() or {}).get("id")
    except StoreError:
        return None


def _saved_after(store: Path, before: int | None) -> int:
    """How many items the runs after `before` saved (0 without a readable store)."""
    from auditor.store import FindingsStore, StoreError
    from auditor.store.walks import items_saved_after

    if not store.is_file():
        return 0
    try:
        with FindingsStore.open_existing(store, read_only=True) as opened:
            return items_saved_after(opened, before)
    except StoreError:
        return 0


def _interrupted(saved: int) -> str:
    """What an interrupted scan says: how many items it saved, or that it was stopped before it saved any."""
    if saved:
        return f"Interrupted. {saved} item(s) scanned so far are saved; run the same command again to resume:"
    return "Interrupted before any item was saved (nothing was lost); run the same command again to start:"


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
    """The scan under a progress bar whose total grows as the scan reads the corpus (read once, not counted first)."""
    columns = (
        SpinnerColumn(),
        TextColumn("scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("items"),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task, seen = bar.add_task("scan", total=0), 0

        def read(n: int) -> None:
            nonlocal seen
            seen += n
            bar.update(task, total=seen)

        return run_scan(
            paths, store, policy, engine=engine, progress=lambda n: bar.advance(task, n), scanner_names=scanner_names, read=read
        )


class _RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:6.1f}/s" if task.speed else "     -/s")


def _exit_code(store_path: Path, policy: str, fail_on: FailOn | None) -> int:
    from auditor.store.totals import failing

    if fail_on is None:
        return EXIT_OK
    with _open_store(store_path, read_only=True) as store:
        found = failing(store, policy, fail_on.value, FAILING_SHOWN)
    if found.count:
        shown = ", ".join(f"{item} ({risk}{'' if complete else ', not fully scanned'})" for item, risk, complete in found.first)
        more = f" and {found.count - FAILING_SHOWN} more" if found.count > FAILING_SHOWN else ""
        console.print(
            f"--fail-on {fail_on.value}: {found.count} item(s) at or above {fail_on.value}, or not fully scanned: {shown}{more}. "
            f"Every item's verdict: {_me()} export --what items --store {shlex.quote(str(store_path))} --format csv",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    return EXIT_FINDINGS if found.count else EXIT_OK


@app.command()
def report(
    store: Path = typer.Option(Path("audit.db"), help="Findings store to report on."),
    format: ReportFormat = typer.Option(
        ReportFormat.text, "--format", help="text, json, or html (one self-contained file to keep on record)."
    ),
    policy: str | None = typer.Option(None, help="Re-score the store by this policy first (default: the last scan's)."),
    out: Path | None = typer.Option(None, help="Write the report here instead of stdout."),
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
                chosen = load_policy(policy)
            except PolicyError as error:
                raise _fail(str(error)) from None
            rescore(opened, chosen)
            name = chosen
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

    _require("streamlit", "the dashboard", "dashboard")
    with _open_store(store, read_only=True):
        pass
    if address not in ("127.0.0.1", "localhost", "::1"):
        _warn(f"the dashboard listens on {address}: anyone who can reach this machine sees the findings.")
    _port_free(address, port)
    settings = {**_DASHBOARD_SETTINGS, "server.address": address, "server.port": str(port)}
    package_root = str(Path(dashboards.__file__).resolve().parent.parent)
    environment = {
        **os.environ,
        "PHI_AUDIT_STORE": str(store.resolve()),
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(Path(dashboards.__file__).with_name("app.py")),
        *(f"--{key}={value}" for key, value in settings.items()),
    ]
    typer.echo(f"Dashboard on http://{address}:{port} (Ctrl-C stops it)")
    # Become the server (exec), so that Ctrl-C or a kill of this process stops it rather than orphaning it.
    os.chdir(package_root)
    os.execve(sys.executable, command, environment)


def _port_free(address: str, port: int) -> None:
    """A usage error, before anything is started or printed, when the port is taken (Streamlit would only log it
    after the launcher said where the dashboard is)."""
    import socket

    try:
        family = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((address, port))
    except OSError as error:
        raise _fail(
            f"cannot listen on {address}:{port} ({error.strerror or error}): another program uses the port; choose another with --port"
        ) from None


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", help="jsonl, csv or parquet."),
    store: Path = typer.Option(Path("audit.db"), help="Findings store to export."),
    out: Path | None = typer.Option(None, help="Output file (default: findings.<format>)."),
    reveal_evidence: bool = typer.Option(
        False, "--reveal-evidence", help="Put raw values in the export (re-read from the corpus). Handle the file as PHI."
    ),
    what: ExportWhat = typer.Option(
        ExportWhat.findings,
        "--what",
        help="findings: every finding; items: every item's verdict (risk, rules, identifiers, health, fully scanned, errors).",
    ),
    policy: str | None = typer.Option(None, help="With --what items: the policy whose verdicts to export (default: the last scan's)."),
) -> None:
    """Export every finding in the public schema (docs/findings-schema.md), or every item's verdict (--what items)."""
    from auditor.export import export_findings

    if format.value == "parquet":
        _require("pyarrow", "Parquet export", "parquet")
    target = out or Path(f"{what.value}.{format.value}")
    if what is ExportWhat.items:
        _export_items(store, policy, format.value, target)
        return
    if reveal_evidence:
        _warn("--reveal-evidence writes raw PHI into the export; keep it as protected as the corpus itself.")
    with _open_store(store, read_only=True) as opened:
        count = export_findings(opened, format.value, target, reveal=reveal_evidence)
    typer.echo(f"Wrote {count} finding(s) to {target}")


def _export_items(store: Path, policy: str | None, fmt: str, target: Path) -> None:
    from auditor.export_items import export_items

    try:
        chosen = load_policy(policy).policy if policy else None
    except PolicyError as error:
        raise _fail(str(error)) from None
    with _open_store(store, read_only=True) as opened:
        run = opened.latest_run()
        name = chosen or (run["policy"] if run else DEFAULT_POLICY)
        try:
            count = export_items(opened, name, fmt, target)
        except ValueError as error:
            raise _fail(str(error)) from None
    typer.echo(f"Wrote {count} item(s) with their {name} verdicts to {target}")


@app.command(name="eval")
def evaluate(
    truth: Path = typer.Option(..., help="Labels in JSON Lines (data/README.md describes the format)."),
    store: Path = typer.Option(Path("audit.db"), help="Findings store of a scan of the labelled corpus."),
    json_output: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    kind: list[str] = typer.Option([], "--kind", help="Score only items of this kind (post, text, image, dicom, pdf); repeatable."),
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
    except (KeyboardInterrupt, RuntimeError) as error:  # a Ctrl-C before typer parsed, or one Python made a RuntimeError
        if not ctrl_c_in(error):
            raise
        _exit_interrupted(error)
    except SystemExit as stop:
        interrupt = _ctrl_c_typer_ended(stop)
        if interrupt is not None:
            _exit_interrupted(interrupt)
        raise


def _exit_interrupted(interrupt: BaseException) -> None:
    """The one line for a Ctrl-C no command reported: nothing was saved yet, unless a command was running."""
    exit_interrupted(INTERRUPTED_IN_COMMAND if _in_phi_audit(interrupt) else INTERRUPTED_AT_START)


def _ctrl_c_typer_ended(stop: SystemExit) -> KeyboardInterrupt | None:
    """The Ctrl-C typer made this exit of, if it did: it raises `Exit(130) from` a KeyboardInterrupt no command
    handled and exits with that code, printing nothing. (A command's own `raise typer.Exit(130) from None` has no
    cause.)"""
    made_of = stop.__context__
    cause = made_of.__cause__ if made_of is not None else None
    return cause if isinstance(cause, KeyboardInterrupt) else None


def _in_phi_audit(interrupt: BaseException) -> bool:
    """Whether the Ctrl-C came while phi-audit's code ran (a command that may have been writing), not while typer
    parsed the command line (nothing saved yet). `main`, where one typer did not catch is caught, is no command."""
    trace = interrupt.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code is not main.__code__ and str(frame.f_globals.get("__name__", "")).startswith("auditor."):
            return True
        trace = trace.tb_next
    return False


if __name__ == "__main__":
    main()
