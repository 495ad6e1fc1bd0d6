"""PDF page scanner: text layers through the text scanner with page numbers, scanned pages rendered and OCR'd with
boxes, when a page is OCR'd and when not, and bounds (page limit, time budget, encryption, corrupt files) that
become one clear per-item error instead of silence or a crash. PDFs are written by hand here (text content
streams, image XObjects) or by Pillow (an image-only "scan"); pypdf encrypts them."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

import pytest
from PIL import Image, ImageDraw, ImageFont

from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.scanners import missing_part_reason
from auditor.scanners.pixel.documents import (
    RENDER_DPI,
    PdfPageScanner,
    PdfPagesError,
    PdfPagesIncomplete,
    read_document,
)

pytestmark = pytest.mark.needs_tesseract

KEEPER = EvidenceKeeper(b"d" * 32)
needs_tesseract = pytest.mark.needs_tesseract

LAB_REPORT = [
    "Riverside Clinical Laboratory - Final Report",
    "Patient: Jonathan Whitaker",
    "DOB: 07/22/1958",
    "MRN: 48213977",
    "Collected 03/14/2024",
    "Test: Hemoglobin A1c  7.9 %  (ref 4.0-5.6)",
    "Test: Lipid panel  LDL 162 mg/dL",
]
PLAIN = ["Quarterly newsletter", "The cafeteria will be closed for renovation next week.", "Parking is on level two."]


# --- PDFs written by hand -------------------------------------------------------------------------------------


@dataclass
class PageSpec:
    lines: tuple[str, ...] = ()
    image: Image.Image | None = None
    image_rect: tuple[float, float, float, float] = (0, 0, 612, 792)  # x, y, w, h in points
    invisible_text: bool = False  # text render mode 3: a searchable scan's OCR layer
    size: tuple[float, float] = (612, 792)
    annots: tuple[bytes, ...] = ()  # annotation dictionaries; those with /FT are form fields


def build_pdf(pages: list[PageSpec]) -> bytes:
    """A PDF with one page per spec: Helvetica text lines from the top, optionally an 8-bit grey image."""
    objects: list[bytes] = [b"", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids, fields = [], []
    for spec in pages:
        annots = []
        for annot in spec.annots:
            objects.append(annot)
            annots.append(len(objects))
            if b"/FT" in annot:
                fields.append(len(objects))
        content = b""
        resources = b"/Font << /F1 3 0 R >>"
        if spec.image is not None:
            grey = spec.image.convert("L")
            data = zlib.compress(grey.tobytes())
            objects.append(
                b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
                b"/Filter /FlateDecode /Length %d >>\nstream\n" % (grey.width, grey.height, len(data)) + data + b"\nendstream"
            )
            x, y, w, h = spec.image_rect
            content += b"q %g 0 0 %g %g %g cm /Im1 Do Q\n" % (w, h, x, y)
            resources += b" /XObject << /Im1 %d 0 R >>" % len(objects)
        if spec.lines:
            escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in spec.lines]
            mode = b"3 Tr " if spec.invisible_text else b""
            content += (
                b"BT "
                + mode
                + b"/F1 11 Tf 50 %g Td 14 TL " % (spec.size[1] - 60)
                + b" ".join(b"(%s) '" % e.encode("latin-1") for e in escaped)
                + b" ET\n"
            )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        annot_refs = b" /Annots [%s]" % b" ".join(b"%d 0 R" % a for a in annots) if annots else b""
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R /Resources << %s >>%s >>"
            % (spec.size[0], spec.size[1], len(objects), resources, annot_refs)
        )
        kids.append(len(objects))
    acroform = b" /AcroForm << /Fields [%s] >>" % b" ".join(b"%d 0 R" % f for f in fields) if fields else b""
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R%s >>" % acroform
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_image(lines: list[str], width: int = 1700, height: int = 700, size: int = 40) -> Image.Image:
    """Black text on white, like a page scanned at 200 DPI (40 px ≈ 14 pt)."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size)
    for row, line in enumerate(lines):
        draw.text((60, 50 + row * int(size * 1.6)), line, fill=0, font=font)
    return image


def pillow_pdf(image: Image.Image, resolution: float = 200.0) -> bytes:
    """A PDF whose only content is the image (Pillow's PDF writer): a scanned page."""
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=resolution)
    return buffer.getvalue()


def encrypt(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- scanning ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scanner() -> PdfPageScanner:
    return PdfPageScanner()


def scan(scanner: PdfPageScanner, data: bytes, locator: str = "doc.pdf"):
    findings = scanner.scan_batch([Item(locator, "pdf", locator, payload=data)], KEEPER)[0]
    if isinstance(findings, Exception):
        raise findings
    for finding in findings:
        assert finding.item == locator and finding.scanner == "pdf_pages"
    return findings


def values(findings, source: str, field: str, text: str) -> dict[str, str]:
    """identifier or health category -> the found value, for the findings of one source and field."""
    return {text[f.span[0] : f.span[1]]: (f.identifier or f.health) for f in findings if f.source == source and f.field == field}


def test_born_digital_lab_report_text_layer(scanner: PdfPageScanner) -> None:
    data = build_pdf([PageSpec(tuple(LAB_REPORT))])
    findings = scan(scanner, data)
    text = read_document(data).pages[0].text
    found = values(findings, "text", "page:1:text", text)
    assert found.get("Jonathan Whitaker") == "names"
    assert found.get("07/22/1958") == "dates"
    assert found.get("48213977") == "mrn"
    assert "lab_test" in found.values()
    assert all(f.source == "text" and f.bbox is None for f in findings)  # a born-digital page is not OCR'd
    assert "\r" not in text and text.splitlines()[1].startswith("Patient:")


@needs_tesseract
def test_scanned_page_is_ocred_with_boxes(scanner: PdfPageScanner) -> None:
    image = text_image(["DISCHARGE LETTER", "Patient: Jonathan Whitaker", "MRN: 48213977", "Diagnosis: asthma"])
    data = pillow_pdf(image)
    read = read_document(data)
    assert read.pages[0].ocr_reason and read.pages[0].ocr is not None
    findings = scan(scanner, data)
    ocr = [f for f in findings if f.source == "pixel"]
    assert {f.field for f in ocr} == {"page:1:ocr"}
    found = values(ocr, "pixel", "page:1:ocr", read.pages[0].ocr.text)
    assert found.get("Jonathan Whitaker") == "names"
    assert found.get("48213977") == "mrn"
    # Boxes are in pixels at RENDER_DPI: the image was placed at 200 DPI, so a 1.5x scale of the drawn position.
    scale = RENDER_DPI / 200
    name = next(f for f in ocr if f.identifier == "names")
    x, y, w, h = name.bbox
    assert abs(y - (50 + 64) * scale) < 20 * scale and x > 60 * scale and w > 200 and 20 < h < 80
    px, py, pw, ph = (v * 72 / RENDER_DPI for v in name.bbox)  # in points from the page's top-left corner
    assert 0 < px < 612 and 0 < py < 792 and pw > 0 and ph > 0


@needs_tesseract
def test_image_page_with_a_few_words_of_text_layer_is_ocred(scanner: PdfPageScanner) -> None:
    image = text_image(["Patient: Jonathan Whitaker", "MRN: 48213977"], height=400)
    data = build_pdf([PageSpec(("Scanned by the front desk, page 1",), image=image, image_rect=(0, 300, 612, 144))])
    read = read_document(data)
    assert read.pages[0].ocr is not None and "images cover" in read.pages[0].ocr_reason
    findings = scan(scanner, data)
    assert "48213977" in values(findings, "pixel", "page:1:ocr", read.pages[0].ocr.text)


def test_born_digital_page_with_a_logo_or_a_searchable_scan_is_not_ocred() -> None:
    logo = Image.new("L", (120, 60), 80)
    searchable = text_image(LAB_REPORT, height=900)
    data = build_pdf(
        [
            PageSpec(tuple(LAB_REPORT + PLAIN * 4), image=logo, image_rect=(450, 700, 120, 60)),
            PageSpec(tuple(LAB_REPORT * 5), image=searchable, image_rect=(0, 0, 612, 792), invisible_text=True),
            PageSpec(()),  # an empty page
        ]
    )
    read = read_document(data)
    assert [page.ocr_reason for page in read.pages] == [None, None, None]


def test_multi_page_document_only_page_two_has_phi(scanner: PdfPageScanner) -> None:
    data = build_pdf([PageSpec(tuple(PLAIN)), PageSpec(tuple(LAB_REPORT)), PageSpec(tuple(PLAIN[1:]))])
    findings = scan(scanner, data)
    identifiers = [f for f in findings if f.identifier]
    assert identifiers and {f.field for f in identifiers} == {"page:2:text"}
    text = read_document(data).pages[1].text
    assert values(findings, "text", "page:2:text", text).get("48213977") == "mrn"


def test_encrypted_pdf(scanner: PdfPageScanner) -> None:
    report = build_pdf([PageSpec(tuple(LAB_REPORT))])
    # Only restricted (owner password, empty user password): opened and read.
    opened = scan(scanner, encrypt(report, user_password=""))
    assert any(f.identifier == "mrn" for f in opened)
    with pytest.raises(PdfPagesError, match="^encrypted PDF: the empty password does not open it"):
        scan(scanner, encrypt(report, user_password="secret"))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"%PDF-1.7\n" + bytes(range(256)) * 20, "corrupt PDF"),
        (b"just some text, not a PDF", "not a PDF"),
        (b"", "not a PDF"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj trailer << /Root 1 0 R >>", "corrupt PDF"),
    ],
)
def test_corrupt_pdf_is_one_line_error(scanner: PdfPageScanner, data: bytes, message: str) -> None:
    with pytest.raises(PdfPagesError) as error:
        scan(scanner, data)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_truncated_pdf_does_not_crash(scanner: PdfPageScanner) -> None:
    data = build_pdf([PageSpec(tuple(LAB_REPORT)), PageSpec(tuple(PLAIN))])
    for cut in (len(data) // 3, len(data) // 2, len(data) - 40):
        try:
            scan(scanner, data[:cut])
        except PdfPagesError as error:
            assert "\n" not in str(error)


def test_page_limit_overflow_is_an_error_naming_the_pages_not_read() -> None:
    scanner = PdfPageScanner(max_pages=2)
    data = build_pdf([PageSpec(tuple(LAB_REPORT)), PageSpec(tuple(PLAIN)), PageSpec(tuple(PLAIN)), PageSpec(tuple(LAB_REPORT))])
    with pytest.raises(
        PdfPagesIncomplete, match=r"PDF has 4 pages, over the limit of 2 per document: pages 3–4 \(2 pages\) not read"
    ) as error:
        scan(scanner, data)
    # What the read pages gave travels with the error.
    assert {f.field for f in error.value.findings if f.identifier} == {"page:1:text"}


@needs_tesseract
def test_time_budget_spent_leaves_pages_not_ocred_named() -> None:
    scanner = PdfPageScanner(time_budget=0.0)
    scanned = text_image(["Patient: Jonathan Whitaker"], height=300)
    data = build_pdf([PageSpec(tuple(LAB_REPORT)), PageSpec(image=scanned, image_rect=(0, 0, 612, 108))])
    with pytest.raises(
        PdfPagesIncomplete,
        match=r"1 page\(s\) without a usable text layer not OCR'd, the time budget of 0 s per document was spent: page 2",
    ) as error:
        scan(scanner, data)
    assert any(f.identifier == "mrn" and f.field == "page:1:text" for f in error.value.findings)


def test_a_bad_pdf_in_a_batch_costs_only_itself_and_nothing_is_read_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.scanners import REGISTRY
    from auditor.scanners.pixel import documents
    from auditor.worker import BatchScanner

    monkeypatch.setitem(REGISTRY, "pdf_pages", "auditor.scanners.pixel.documents:PdfPageScanner")
    reads: list[int] = []
    original = documents.read_document
    monkeypatch.setattr(documents, "read_document", lambda data, *a: reads.append(1) or original(data, *a))
    good = build_pdf([PageSpec(tuple(LAB_REPORT))])
    items = [
        Item("a.pdf", "pdf", "ha", payload=good),
        Item("bad.pdf", "pdf", "hb", payload=b"%PDF-1.7\n" + b"\x00" * 300),
        Item("c.pdf", "pdf", "hc", payload=build_pdf([PageSpec(tuple(PLAIN)), PageSpec(tuple(LAB_REPORT))])),
    ]
    results = BatchScanner(KEEPER, ["pdf_pages"]).scan(items)
    assert len(reads) == 3
    assert any(f.identifier == "mrn" for f in results[0].findings) and not [e for e in results[0].errors if e.stage == "scan:pdf_pages"]
    assert [e.stage for e in results[1].errors if "corrupt PDF" in e.reason] == ["scan:pdf_pages"]
    assert {f.field for f in results[2].findings if f.identifier} == {"page:2:text"}
    # "text" and "ocr" are covered; only "metadata" is left to the metadata scanner (not run here).
    assert {e.reason for e in results[0].errors} <= {missing_part_reason("pdf", "metadata")}


def test_sample_pdfs(scanner: PdfPageScanner) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "data" / "sample"
    discharge = (root / "media" / "discharge_summary.pdf").read_bytes()
    text = read_document(discharge).pages[0].text
    found = values(scan(scanner, discharge), "text", "page:1:text", text)
    assert found == {
        "Maria Garcia": "names",
        "03/04/1961": "dates",
        "00482913": "mrn",
        "type 2 diabetes": "condition",
        "metformin": "medication",
    }
    # The referral letter is a blank page: its PHI is in the document information (pdf_metadata's part).
    assert scan(scanner, (root / "documents" / "referral_letter.pdf").read_bytes()) == []


@needs_tesseract
def test_sideways_scan_is_read_upright_and_boxes_map_to_the_page(scanner: PdfPageScanner) -> None:
    upright = text_image(
        ["DISCHARGE LETTER", "Patient: Jonathan Whitaker", "MRN: 48213977", "Diagnosis: asthma", "Follow up with the clinic in two weeks"],
        height=600,
    )
    data = pillow_pdf(upright.transpose(Image.Transpose.ROTATE_90))  # held sideways: text runs bottom to top
    read = read_document(data)
    assert read.pages[0].rotation == 90
    findings = scan(scanner, data)
    found = values(findings, "pixel", "page:1:ocr", read.pages[0].ocr.text)
    assert found.get("Jonathan Whitaker") == "names" and found.get("48213977") == "mrn"
    # The name's line sits at y ≈ 114 px in the upright image; sideways, that is x ≈ 114 px (× 1.5 at 300 DPI),
    # and the box is tall and narrow.
    x, y, w, h = next(f.bbox for f in findings if f.identifier == "names")
    assert abs(x - 114 * 1.5) < 30 and h > 3 * w and y + h <= 1700 * 1.5


def test_form_field_values_and_comments_are_read(scanner: PdfPageScanner) -> None:
    data = build_pdf(
        [
            PageSpec(tuple(PLAIN)),
            PageSpec(
                ("Patient intake form", "Name:", "Medical record number:"),
                annots=(
                    b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (patient_name) /V (Jonathan Whitaker) /Rect [150 700 400 720] >>",
                    b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (MRN) /V (48213977) /Rect [250 686 400 700] >>",
                    b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (allergies) /V () /Rect [250 600 400 620] >>",
                    b"<< /Type /Annot /Subtype /Text /Rect [500 700 520 720] /Contents (Called Mrs. Whitaker on 04/02/2024 about her A1c) >>",
                ),
            ),
        ]
    )
    read = read_document(data)
    text = read.pages[1].annotations
    assert read.pages[0].annotations == ""
    assert text.split("\n\n") == ["patient_name: Jonathan Whitaker", "MRN: 48213977", "Called Mrs. Whitaker on 04/02/2024 about her A1c"]
    assert "allergies" not in text
    findings = scan(scanner, data)
    found = values(findings, "text", "page:2:annotations", text)
    assert found.get("Jonathan Whitaker") == "names" and found.get("48213977") == "mrn" and found.get("04/02/2024") == "dates"
    assert not [f for f in findings if f.field.startswith("page:1:")]
