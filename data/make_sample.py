#!/usr/bin/env python3
"""Generate phi-audit's synthetic sample corpus and its truth labels, deterministically.

    .venv/bin/python data/make_sample.py                       # rewrites data/sample/ (seed 7)
    .venv/bin/python data/make_sample.py --posts 10000 --out /tmp/bench   # a bigger posts.jsonl

Every value is fake: names come from the lists below, numbers are random but well formed (NPI, DEA,
VIN, UDI and MBI carry correct check digits), phones use 555-01xx or random exchanges, e-mail and
web addresses use example.com/.net/.org. The same seed always writes the same bytes: one random
generator per output file (seeded from the seed and the file's name), fixed timestamps, fixed zip
entry dates, no clock. Texts are built piece by piece, so every label's offsets are exact by
construction; the generator then re-reads every file it wrote and checks each label again.

Besides the texts it writes metadata-bearing files (dicom/, photos/, documents/) whose header / EXIF /
XMP / IPTC / PNG-text / PDF-info truth follows the text truth in the labels file, images whose only truth is
in their pixels (images/: screenshots, photographed screens, X-rays, a QR wristband, a face, negatives), and
the boxes of what is drawn into pixels (text, codes, faces) to a separate `<out>.pixel-labels.jsonl`.

See data/README.md for the corpus layout and the labelling policy.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from random import Random

from samplegen.media import write_media
from samplegen.pixel_images import write_metadata_items, write_pixel_images
from samplegen.tables import IDENT_WEIGHTS, MIN_PER_IDENTIFIER
from samplegen.text_writers import (
    write_bundle,
    write_notes,
    write_notes_csv,
    write_posts_json,
    write_posts_jsonl,
    write_reddit,
    write_tweets,
)
from samplegen.verify import labels_path, pixel_labels_path, verify

# Main
# ================================================================================================

WRITERS = [  # (output file, writer); each gets Random(f"{seed}/{file}")
    ("posts.jsonl", write_posts_jsonl),
    ("posts.json", write_posts_json),
    ("x-archive/data/tweets.js", write_tweets),
    ("reddit.json", write_reddit),
    ("notes/", write_notes),
    ("notes.csv", write_notes_csv),
    ("bundle.zip", write_bundle),
]


def generate(out: Path, seed: int, posts: int) -> dict:
    if out.exists() and any(out.iterdir()):
        if not labels_path(out).is_file():  # never wipe a folder this script did not write
            raise SystemExit(f"{out} is not empty and has no {labels_path(out).name} beside it; refusing to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    items_per_file: Counter = Counter()
    per_identifier: Counter = Counter()
    per_health: Counter = Counter()
    meta_items: Counter = Counter()
    meta_identifier: Counter = Counter()
    meta_health: Counter = Counter()
    no_ident = 0
    with open(labels_path(out), "w", encoding="utf-8", newline="\n") as labels:
        for name, writer in WRITERS:
            rng = Random(f"{seed}/{name}")
            args = (posts,) if writer is write_posts_jsonl else ()
            for item in writer(out, rng, *args):
                rec = item.labels_record()
                labels.write(json.dumps(rec, ensure_ascii=False) + "\n")
                items_per_file[name] += 1
                idents = [lab["identifier"] for lab in rec["labels"] if lab["identifier"]]
                per_identifier.update(idents)
                per_health.update(lab["health"] for lab in rec["labels"] if lab["health"])
                no_ident += not idents
        # Metadata truth after the text truth, so the text records (and their scores) stay as they were.
        pixels = write_media(out, Random(f"{seed}/media"))
        metas = [pixels[-1]]  # media/ct_head_0001's header
        for meta in write_metadata_items(out, seed):
            metas.append(meta)
            pixels.append(meta)
        pixels.extend(write_pixel_images(out, seed))
        for meta in metas:
            labels.write(json.dumps(meta.record(), ensure_ascii=False) + "\n")
            meta_items[meta.item.split("/")[0] + "/"] += 1
            meta_identifier.update(lab.identifier for lab in meta.labels if lab.identifier)
            meta_health.update(lab.health for lab in meta.labels if lab.health)
    with open(pixel_labels_path(out), "w", encoding="utf-8", newline="\n") as fh:
        for meta in pixels:
            if meta.item.endswith(".pdf"):
                continue
            fh.write(json.dumps(meta.pixel_record(), ensure_ascii=False) + "\n")
    verify(out)
    return {
        "items": items_per_file,
        "identifiers": per_identifier,
        "health": per_health,
        "no_ident": no_ident,
        "meta_items": meta_items,
        "meta_identifiers": meta_identifier,
        "meta_health": meta_health,
        "pixel_items": sum(1 for m in pixels if not m.item.endswith(".pdf")),
        "pixel_labels": Counter(lab["identifier"] or lab["health"] for m in pixels for lab in m.pixel_labels),
    }


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=here / "sample", help="output folder (replaced if it holds a previous sample)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--posts", type=int, default=150, help="records in posts.jsonl (default 150)")
    args = ap.parse_args(argv)
    if args.posts < 2:
        ap.error("--posts must be at least 2")
    stats = generate(args.out, args.seed, args.posts)

    total = sum(stats["items"].values())
    print(f"wrote {args.out} ({total} text items, {stats['no_ident']} without identifiers = {100 * stats['no_ident'] / total:.0f}%)")
    for name, count in stats["items"].items():
        print(f"  {name:<26} {count:>6} items")
    print("identifier labels: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["identifiers"].items())))
    print("health labels:     " + ", ".join(f"{k} {v}" for k, v in sorted(stats["health"].items())))
    meta_total = sum(stats["meta_items"].values())
    print(f"metadata items: {meta_total} (" + ", ".join(f"{k} {v}" for k, v in stats["meta_items"].items()) + ")")
    print("  identifier labels: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["meta_identifiers"].items())))
    print("  health labels:     " + ", ".join(f"{k} {v}" for k, v in sorted(stats["meta_health"].items())))
    print(f"pixel labels: {stats['pixel_items']} images, " + ", ".join(f"{k} {v}" for k, v in sorted(stats["pixel_labels"].items())))
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"size: {size / 1024:.0f} KiB")
    low = [k for k in IDENT_WEIGHTS if stats["identifiers"][k] < MIN_PER_IDENTIFIER]
    if low:
        print(f"warning: fewer than {MIN_PER_IDENTIFIER} labels for: {', '.join(low)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
