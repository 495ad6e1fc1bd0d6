"""Recall and precision per identifier of phi-audit's text scanner against plain Presidio, on labelled text
that the scanner's authors did not write (the team's ../shared/realtext sets) and on the hand-written
held-out sets in benchmarks/heldout/ to heldout12/ (each written by someone who had not read the recognizers;
benchmarks/README.md says which were tuned on since). A shared set that leaves a kind unlabelled (SET_LABELLING)
gets a second overall line scored on the kinds it labels.

    .venv/bin/python benchmarks/real_text.py [--set asq-phi-dev] [--set heldout] [--misses] [--no-presidio]

A shared set is a folder `NAME/posts.jsonl` with `NAME.labels.jsonl` beside it (`phi-audit eval` format).
The held-out set is written as marked-up text (`<<kind|value>>` around each labelled span, one text a
line, `\\n` for a line break; see heldout_texts); `--write-heldout DIR` writes it out as posts.jsonl and
labels.jsonl so `phi-audit scan`/`eval` can read it too. For each set both engines read the same texts in
one run: phi-audit's TextScanner.detect (as `phi-audit scan` runs it) and plain Presidio (AnalyzerEngine
on the same spaCy model with its default recognizers, bench_text.presidio_engine). Printed per set: the
`phi-audit eval` table for each engine and the share of hard negatives (texts with no label) flagged with
any identifier. `--misses` lists each missed label and each unmatched finding of phi-audit's (these are
public or hand-written texts, not a user's corpus, so their values are printed).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "realtext"
if not SHARED.exists():
    SHARED = Path("/work/shared/realtext")
HELDOUT = Path(__file__).resolve().parent / "heldout"
HELDOUT_SETS = (
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
)
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_MARK = regex.compile(r"<<(\w+)\|(.*?)>>")


def heldout_texts(folder: Path = HELDOUT) -> list[tuple[str, str, list[dict]]]:
    """(id, text, labels) for each line of the held-out files: `<<kind|value>>` marks a labelled span
    (kind is a Safe Harbor identifier), `\\n` a line break, `#` a comment line."""
    texts = []
    for path in sorted(folder.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            text, labels, cursor = "", [], 0
            line = line.replace("\\n", "\n")
            for mark in _MARK.finditer(line):
                text += line[cursor : mark.start()]
                labels.append(
                    {
                        "field": "text",
                        "start": len(text),
                        "end": len(text) + len(mark.group(2)),
                        "identifier": mark.group(1),
                        "health": None,
                        "text": mark.group(2),
                    }
                )
                text += mark.group(2)
                cursor = mark.end()
            text += line[cursor:]
            texts.append((f"{path.stem}-{number}", text, labels))
    return texts


def write_heldout(out: Path, name: str = "heldout") -> tuple[Path, Path]:
    """The held-out set benchmarks/NAME as `out/NAME/posts.jsonl` and `out/NAME.labels.jsonl`."""
    corpus = out / name
    corpus.mkdir(parents=True, exist_ok=True)
    rows = heldout_texts(HELDOUT.parent / name)
    (corpus / "posts.jsonl").write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t, _ in rows), encoding="utf-8")
    labels = out / f"{name}.labels.jsonl"
    labels.write_text("".join(json.dumps({"item": f"posts.jsonl#{i}", "labels": lab}) + "\n" for i, _, lab in rows), encoding="utf-8")
    return corpus, labels


def load_set(name: str, scratch: Path) -> tuple[list[dict], Path]:
    """The set's records ({"id", "text"}) and its labels file."""
    if name.startswith("heldout"):
        corpus, labels = write_heldout(scratch, name)
    else:
        corpus, labels = SHARED / name, SHARED / f"{name}.labels.jsonl"
    records = [json.loads(line) for line in (corpus / "posts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return records, labels


def phi_audit_findings(records: list[dict]) -> tuple[list, float]:
    """phi-audit's text findings on each record, and the seconds the detection took (model loaded before)."""
    from auditor.evidence import EvidenceKeeper
    from auditor.scanners.text.detector import to_finding
    from auditor.scanners.text.scanner import TextScanner

    scanner = TextScanner()
    scanner.detect(["warm up"])
    keeper = EvidenceKeeper(EvidenceKeeper.new_key())
    texts = [r["text"] for r in records]
    began = time.perf_counter()
    detections = scanner.detect(texts)
    seconds = time.perf_counter() - began
    findings = [
        to_finding(f"posts.jsonl#{r['id']}", "text", "text", r["text"], d, "text", keeper)
        for r, found in zip(records, detections, strict=True)
        for d in found
    ]
    return findings, seconds


def presidio_set_findings(records: list[dict]) -> list:
    from bench_text import presidio_engine, presidio_findings

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)  # its suffix-list fetch fails offline, then falls back

    engine = presidio_engine()
    return [f for r in records for f in presidio_findings(r, engine.analyze(r["text"], language="en"))]


def hard_negatives_flagged(records: list[dict], labels: Path, findings: list) -> str:
    """How many texts without a label got an identifier finding, of all such texts."""
    from auditor.evaluate import load_truth

    _, truth = load_truth(labels)
    labelled = {label.item for label in truth}
    negatives = {f"posts.jsonl#{r['id']}" for r in records} - labelled
    flagged = {f.item for f in findings if f.identifier} & negatives
    share = len(flagged) / len(negatives) if negatives else 0.0
    return f"{len(flagged)} of {len(negatives)} ({share:.0%})"


def print_misses(records: list[dict], labels: Path, findings: list) -> None:
    from auditor.evaluate import load_truth

    _, truth = load_truth(labels)
    texts = {f"posts.jsonl#{r['id']}": r["text"] for r in records}
    ident = [f for f in findings if f.identifier]
    for label in truth:
        if not any(
            f.item == label.item and f.identifier == label.kind and f.span[0] < label.end and label.start < f.span[1] for f in ident
        ):
            print(f"  MISS {label.kind:16} {texts[label.item][label.start : label.end]!r}  in  {texts[label.item][:160]!r}")
    for f in ident:
        if not any(lab.item == f.item and lab.kind == f.identifier and f.span[0] < lab.end and lab.start < f.span[1] for lab in truth):
            print(f"  FP   {f.identifier:16} {f.entity:22} {texts[f.item][f.span[0] : f.span[1]]!r}  in  {texts[f.item][:160]!r}")


@dataclass(frozen=True)
class SetLabelling:
    """What a shared set's labellers left out (../shared/README.md) or filed under another kind (its labels): a finding
    of a kind the set never labels can be neither right nor wrong there, and one of a kind the set files under another
    is read as that one. Only whole kinds are set aside; what a set leaves out within a kind it labels (the cities of
    Presidio's set, under geographic) still counts against precision."""

    unlabelled: frozenset[str] = frozenset()
    read_as: tuple[tuple[str, str], ...] = ()

    def judged(self, findings: list) -> list:
        """The findings this set's labels can judge, under the set's own kinds."""
        renamed = dict(self.read_as)
        return [replace(f, identifier=renamed.get(f.identifier, f.identifier)) for f in findings if f.identifier not in self.unlabelled]

    def describe(self) -> str:
        parts = [f"{', '.join(sorted(self.unlabelled))} not labelled"] if self.unlabelled else []
        parts += [f"{kind} as {other}" for kind, other in self.read_as]
        return "; ".join(parts)


#: Presidio's synthetic set labels no date-times (its README) and labels its fax numbers PHONE_NUMBER (its labels:
#: "07700 063 966-Fax"); plain Presidio has no fax kind, so the renaming changes phi-audit's figures only.
SET_LABELLING = {"presidio-synth-dev": SetLabelling(unlabelled=frozenset({"dates"}), read_as=(("fax", "phone"),))}


def report(name: str, records: list[dict], labels: Path, findings: list, engine: str) -> None:
    from auditor.evaluate import evaluate, load_truth, render_scores
    from auditor.model import HEALTH_CATEGORIES

    items, truth = load_truth(labels)
    scores = [s for s in evaluate(items, truth, findings) if s.kind not in HEALTH_CATEGORIES and s.kind != "all health"]
    print(f"\n== {name}: {engine} (hard negatives flagged: {hard_negatives_flagged(records, labels, findings)})")
    print(render_scores(scores))
    if name in SET_LABELLING:
        labelling = SET_LABELLING[name]
        overall = next(s for s in evaluate(items, truth, labelling.judged(findings)) if s.kind == "all identifiers")
        print(f"on the kinds the set labels ({labelling.describe()}):")
        print(render_scores([overall]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        action="append",
        dest="sets",
        help=f"asq-phi-dev, presidio-synth-dev or one of {', '.join(HELDOUT_SETS)} (default: all)",
    )
    parser.add_argument("--misses", action="store_true", help="list phi-audit's missed labels and unmatched findings")
    parser.add_argument("--no-presidio", action="store_true", help="skip plain Presidio")
    parser.add_argument(
        "--write-heldout", type=Path, help="write the held-out sets as posts.jsonl + labels.jsonl under this folder and stop"
    )
    args = parser.parse_args()
    if args.write_heldout:
        for name in HELDOUT_SETS:
            corpus, labels = write_heldout(args.write_heldout, name)
            print(f"wrote {corpus}/posts.jsonl and {labels}")
        return
    with tempfile.TemporaryDirectory() as scratch:
        for name in args.sets or ["asq-phi-dev", "presidio-synth-dev", *HELDOUT_SETS]:
            records, labels = load_set(name, Path(scratch))
            findings, seconds = phi_audit_findings(records)
            report(name, records, labels, findings, f"phi-audit ({len(records)} texts, {len(records) / seconds:.0f} texts/s)")
            if args.misses:
                print_misses(records, labels, findings)
            if not args.no_presidio:
                report(name, records, labels, presidio_set_findings(records), "plain Presidio")


if __name__ == "__main__":
    main()
