"""`phi-audit eval` scoring: lenient overlap and strict spans for text, box overlap for pixels, each truth
scoring the findings it was written for."""

from __future__ import annotations

import json

from auditor.evaluate import evaluate, load_truth
from auditor.model import Finding


def finding(item="a#1", field="text", kind="names", span=(0, 8), bbox=None, source="text") -> Finding:
    return Finding(item, source, field, "X", kind, None, span, bbox, 0.9, "t", "*", "0" * 64)


def scores_for(tmp_path, records, findings):
    path = tmp_path / "truth.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    items, labels = load_truth(path)
    return {s.kind: s for s in evaluate(items, labels, findings)}


def test_an_overlapping_span_counts_leniently_and_only_an_exact_one_strictly(tmp_path):
    truth = [{"item": "a#1", "labels": [{"field": "text", "start": 0, "end": 8, "identifier": "names", "health": None}]}]
    lenient = scores_for(tmp_path, truth, [finding(span=(0, 4))])["names"]
    exact = scores_for(tmp_path, truth, [finding(span=(0, 8))])["names"]
    assert (lenient.recall, lenient.recall_strict, lenient.precision) == (1.0, 0.0, 1.0)
    assert (exact.recall, exact.recall_strict) == (1.0, 1.0)


def test_a_finding_in_another_field_or_of_another_kind_does_not_match(tmp_path):
    truth = [{"item": "a#1", "labels": [{"field": "text", "start": 0, "end": 8, "identifier": "names", "health": None}]}]
    scores = scores_for(tmp_path, truth, [finding(field="title"), finding(kind="dates")])
    assert scores["names"].recall == 0.0 and scores["names"].precision == 0.0
    assert scores["dates"].precision == 0.0


def test_findings_on_items_outside_the_truth_are_not_scored(tmp_path):
    truth = [{"item": "a#1", "labels": []}]
    scores = scores_for(tmp_path, truth, [finding(item="b#2")])
    assert "names" not in scores


def test_a_pixel_label_is_matched_by_box_overlap_on_the_same_frame(tmp_path):
    truth = [{"item": "scan.dcm", "labels": [{"frame": 1, "bbox": [10, 10, 40, 10], "identifier": "mrn", "health": None, "text": "123"}]}]
    hit = finding(item="scan.dcm", field="ocr:frame:1", kind="mrn", span=(0, 3), bbox=(12, 11, 38, 9), source="pixel")
    wrong_frame = finding(item="scan.dcm", field="ocr:frame:0", kind="mrn", span=(0, 3), bbox=(12, 11, 38, 9), source="pixel")
    assert scores_for(tmp_path, truth, [hit])["mrn"].recall_strict == 1.0
    assert scores_for(tmp_path, truth, [wrong_frame])["mrn"].recall == 0.0


def test_a_truth_of_boxes_ignores_text_findings_and_a_truth_of_spans_ignores_pixel_findings(tmp_path):
    boxes = [{"item": "x.png", "labels": [{"frame": 0, "bbox": [0, 0, 10, 10], "identifier": "names", "health": None}]}]
    spans = [{"item": "x.png", "labels": [{"field": "EXIF:Artist", "start": 0, "end": 8, "identifier": "names", "health": None}]}]
    metadata = finding(item="x.png", field="EXIF:Artist", source="metadata")
    pixel = finding(item="x.png", field="ocr", bbox=(0, 0, 10, 10), source="pixel")
    assert scores_for(tmp_path, boxes, [metadata, pixel])["names"].findings == 1
    assert scores_for(tmp_path, spans, [metadata, pixel])["names"].findings == 1


def test_eval_by_kind_scores_only_the_items_of_those_kinds(tmp_path):
    from auditor.evaluate import evaluate_store
    from auditor.model import Item
    from auditor.store import FindingsStore

    truth = tmp_path / "truth.jsonl"
    records = [
        {"item": "a#1", "labels": [{"field": "text", "start": 0, "end": 8, "identifier": "names", "health": None}]},
        {"item": "scan.dcm", "labels": [{"field": "PatientName", "start": 0, "end": 8, "identifier": "names", "health": None}]},
    ]
    truth.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    with FindingsStore.create_or_open(tmp_path / "audit.db") as store:
        run = store.start_run([str(tmp_path)], "hipaa-safe-harbor", "1", {})
        store.save_items([(Item("a#1", "post", "h1", fields={"text": "Jane Doe"}), [], [])], "{}", run)  # the post's name is missed
        store.save_items(
            [(Item("scan.dcm", "dicom", "h2"), [finding(item="scan.dcm", field="PatientName", source="metadata")], [])], "{}", run
        )
        everything = {s.kind: s for s in evaluate_store(store, truth)}
        dicom_only = {s.kind: s for s in evaluate_store(store, truth, kinds=["dicom"])}
    assert (everything["names"].labels, everything["names"].recall) == (2, 0.5)
    assert (dicom_only["names"].labels, dicom_only["names"].recall) == (1, 1.0)
