"""PDF pages per second: born-digital pages (text layer) and scanned pages (rendered + OCR'd), through the
`pdf_pages` scanner, and what the rendering DPI and tesseract's page segmentation cost and find.

    .venv/bin/python benchmarks/bench_pdf_pages.py [--text-pages 200] [--scanned-pages 6]

Born-digital: one document of letter pages with ~45 lines of lab-report text each (hand-written content
streams, as in tests/test_pdf_pages.py). Scanned: letter pages drawn with Pillow at 300 DPI (~10 pt text,
light noise), put in a PDF by Pillow; each page carries a name and an MRN, and the table says how many the
OCR findings recovered. One process, one tesseract thread (OMP_THREAD_LIMIT=1), as in a worker.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from PIL import Image, ImageDraw, ImageFont
from test_pdf_pages import PageSpec, build_pdf

from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.scanners.pixel import documents

FIRST = ["Maria", "Jonathan", "Priya", "Ahmed", "Keiko", "Luis", "Grace", "Tomasz"]
LAST = ["Garcia", "Whitaker", "Raman", "Haddad", "Tanaka", "Moreno", "Okafor", "Nowak"]
TESTS = ["Hemoglobin A1c", "Lipid panel", "TSH", "Creatinine", "Sodium", "Potassium", "ALT", "Vitamin D"]


def report_lines(rng: random.Random, lines: int) -> tuple[list[str], str, str]:
    name, mrn = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.randrange(10**7, 10**8)}"
    body = [
        "Riverside Clinical Laboratory - Final Report",
        f"Patient: {name}    DOB: {rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}/{rng.randrange(1940, 2005)}",
        f"MRN: {mrn}    Collected {rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}/2024",
    ]
    while len(body) < lines:
        body.append(
            f"{rng.choice(TESTS)}  {rng.uniform(0.5, 200):.1f}  reference range {rng.randrange(1, 10)}-{rng.randrange(10, 300)}  flag {rng.choice(['', 'H', 'L'])}"
        )
    return body, name, mrn


def scanned_page(rng: random.Random) -> tuple[Image.Image, str, str]:
    lines, name, mrn = report_lines(rng, 40)
    image = Image.new("L", (2550, 3300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=42)  # 42 px at 300 DPI = 10 pt
    for row, line in enumerate(lines):
        draw.text((180, 200 + row * 70), line, fill=rng.randrange(0, 60), font=font)
    noise = Image.effect_noise(image.size, 12)
    return Image.blend(image, noise, 0.08), name, mrn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--text-pages", type=int, default=200)
    parser.add_argument("--scanned-pages", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(7)
    keeper = EvidenceKeeper(b"b" * 32)

    pages = [PageSpec(tuple(report_lines(rng, 45)[0])) for _ in range(args.text_pages)]
    born_digital = build_pdf(pages)
    scanner = documents.PdfPageScanner(max_pages=10_000)
    scanner.scan_batch([Item("warm.pdf", "pdf", "w", payload=build_pdf(pages[:2]))], keeper)  # load spaCy
    started = time.perf_counter()
    read = documents.read_document(born_digital, max_pages=10_000)
    read_seconds = time.perf_counter() - started
    assert not any(page.ocr_reason for page in read.pages)
    started = time.perf_counter()
    findings = scanner.scan_batch([Item("bd.pdf", "pdf", "bd", payload=born_digital)], keeper)[0]
    total_seconds = time.perf_counter() - started
    print(
        f"born-digital, {args.text_pages} pages of ~45 lines: text layer + OCR decision {args.text_pages / read_seconds:,.0f} pages/s; "
        f"with the text scanner {args.text_pages / total_seconds:,.1f} pages/s ({len(findings)} findings)"
    )

    scans = [scanned_page(rng) for _ in range(args.scanned_pages)]
    truth = [(name, mrn) for _, name, mrn in scans]
    import io

    buffer = io.BytesIO()
    scans[0][0].save(buffer, "PDF", resolution=300, save_all=True, append_images=[image for image, _, _ in scans[1:]])
    scanned = buffer.getvalue()
    print(f"scanned, {args.scanned_pages} letter pages drawn at 300 DPI, ~10 pt text:")
    for dpi, psm in ((300, 3), (300, 6), (200, 3), (200, 6)):
        documents.PAGE_SEGMENTATION = psm
        started = time.perf_counter()
        read = documents.read_document(scanned, dpi=dpi)
        ocr_seconds = time.perf_counter() - started
        texts = [page.ocr.text if page.ocr else "" for page in read.pages]
        hits = 0
        for text, detections, (name, mrn) in zip(texts, scanner._text.detect(texts), truth):
            spans = {text[d.start : d.end] for d in detections}
            hits += (name in spans) + (mrn in spans)
        print(
            f"  {dpi} DPI, psm {psm}: {args.scanned_pages / ocr_seconds:.2f} pages/s (render + OCR), "
            f"names and MRNs found {hits}/{2 * len(truth)}"
        )


if __name__ == "__main__":
    main()
