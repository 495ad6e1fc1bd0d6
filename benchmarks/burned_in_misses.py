"""Every missed value and every false finding of the burned-in text scanner on a labelled fixture split, with
its cause, so tuning starts from what fails rather than from a guess.

    PYTHONPATH=. .venv/bin/python benchmarks/burned_in_misses.py tests/fixtures/burned_in/tune [--kind dicom|image]

Runs the scanner in this process (`read_item`, the text detector, `item_findings`: what `scan_batch` does) and
scores like `phi-audit eval` (a finding matches a label of its type whose box it overlaps). Per missed label,
one cause:
- `not read`:     no OCR word overlaps the label's box;
- `misread`:      words overlap it but do not spell the value (the words read are shown);
- `merged`:       the value's words were read but joined with another line's words into one finding of another box;
- `not typed`:    the words spell the value and no finding of any type overlaps them;
- `wrong type`:   a finding overlaps the value, of another identifier type.
False findings (an identifier finding overlapping no label of its type) are listed with the words they cover.
The values printed are the fixtures' synthetic labels, never real data.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor import boxes
from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.scanners.pixel.burned_in import item_findings, read_item
from auditor.scanners.text.detector import TextDetector

KEEPER = EvidenceKeeper(b"m" * 32)


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("split", type=Path, help="a fixture split's folder (its labels are SPLIT.labels.jsonl)")
    parser.add_argument("--kind", choices=["dicom", "image"], help="only DICOM files or only images")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.split.with_suffix(".labels.jsonl").read_text().splitlines() if line.strip()]
    detector = TextDetector()
    causes: Counter[str] = Counter()
    labels_total = found_total = findings_total = false_total = 0
    for record in records:
        kind = "dicom" if record["item"].endswith(".dcm") else "image"
        if args.kind and kind != args.kind:
            continue
        payload = (args.split / record["item"]).read_bytes()
        read = read_item(Item(record["item"], kind, "h", payload=payload))
        frames = read.frames
        detections = detector.detect([frame.ocr.text for frame in frames]) if frames else []
        words = [(w, frame.rendering) for frame in frames for w in frame.ocr.words]
        texts = {frame.field(read.multi_frame): frame.ocr.text for frame in frames}
        findings = [
            (finding, texts[finding.field][finding.span[0] : finding.span[1]])
            for finding in item_findings(record["item"], read, detections, KEEPER)
            if finding.identifier and finding.bbox and finding.span
        ]
        labels = record["labels"]
        labels_total += len(labels)
        for label in labels:
            box, typed = label["bbox"], label["identifier"]
            if any(f.identifier == typed and boxes.overlaps(f.bbox, box) for f, _ in findings):
                found_total += 1
                continue
            over = [w for w, _ in words if boxes.overlaps(w.bbox, box)]
            read_text = " ".join(w.text for w in sorted(over, key=lambda w: (w.bbox[1], w.bbox[0])))
            other = [(f, text) for f, text in findings if boxes.overlaps(f.bbox, box)]
            if not over:
                cause = "not read"
            elif _key(label["text"]) not in _key(read_text):
                cause = "misread"
            elif any(f.bbox[3] > 1.6 * box[3] and label["text"] not in text for f, text in other):
                cause = "merged"
            elif other:
                cause = "wrong type"
            else:
                cause = "not typed"
            causes[cause] += 1
            detail = "; ".join(f"{f.entity}/{f.identifier} {text!r}" for f, text in other)
            print(f"MISS {record['item']:10} {typed:10} {cause:10} truth={label['text']!r} read={read_text!r} {detail}")
        for finding, text in findings:
            findings_total += 1
            if not any(label["identifier"] == finding.identifier and boxes.overlaps(finding.bbox, label["bbox"]) for label in labels):
                false_total += 1
                print(f"FALSE {record['item']:10} {finding.identifier:10} {finding.entity} {text!r} bbox={finding.bbox}")
    recall = found_total / labels_total if labels_total else float("nan")
    precision = 1 - false_total / findings_total if findings_total else float("nan")
    print(
        f"labels {labels_total} found {found_total} recall {recall:.3f}; findings {findings_total} false {false_total} precision {precision:.3f}"
    )
    print("causes:", dict(causes))


if __name__ == "__main__":
    main()
