"""The PDF page scanner: every page's text layer through the text scanner, and pages without a meaningful
text layer (scanned lab reports, photographed discharge letters) rendered with pypdfium2 and OCR'd.

Findings
- Text layer: source `text`, field `page:N:text` (N 1-based), span into that page's text exactly as
  `page_texts()` returns it: PDFium's `FPDFText_GetText` over the whole page with its `\\r\\n` line breaks
  as `\\n` (spaCy reads "Discharge Summary\\r\\n" as a person, "Discharge Summary\\n" not).
- OCR: source `pixel`, field `page:N:ocr`, span into the OCR text (`ocr.ocr_words`: words joined by spaces,
  lines by `\\n`), bbox `(x, y, w, h)` in pixels of the page rendered at `RENDER_DPI` (300) with the page's
  /Rotate applied, origin top-left. One pixel is 72/300 PDF points: `bbox_to_points` maps a box back to
  PDF user space. A page too large to render at 300 DPI within `MAX_RENDER_PIXELS` is rendered smaller and
  its boxes are scaled back up, so the convention holds on every page.
- Annotations: source `text`, field `page:N:annotations`, span into one line per annotation that carries
  text: a comment's or free-text box's `/Contents`, a form field's value as `<field name>: <value>` (a filled
  intake form's typed name is in no text layer). Fields whose value is empty are left out.
- A page that needs OCR still has its (thin) text layer read too.

When a page is OCR'd (`ocr_reason`): recall first, but a born-digital page is not OCR'd.
- its text layer has fewer than `MIN_TEXT_CHARS` non-space characters (or they are mostly unmappable
  glyphs: fonts without a ToUnicode map extract as control or private-use characters) and the page draws
  something (an image, paths: text converted to outlines); an empty page is skipped;
- or images cover at least `MIN_IMAGE_FRACTION` of the page and the text layer over them is much sparser
  than a page of text (fewer than one character per `PT2_PER_CHAR` square points of image): a photo of a
  letter with a caption, a scan with a stamped header. A searchable scan (an invisible OCR layer over the
  image) is dense there and is not OCR'd again; a letterhead logo is too small to count.

Bounds: at most `max_pages` pages are read per document, and OCR stops when the per-document time budget is
spent (the text layer is read first for every page, since it is cheap; the budget is checked before each
page's OCR, so it overruns by one page's OCR at most). What was not read is one clear error for the item that
names the pages, never silence. Encrypted PDFs are opened with the empty password (PDFium tries it), else a
one-line error; a corrupt PDF is a one-line error; a page that PDFium cannot load is a named lost page.

Errors and findings together: the outcome of a partly read PDF is a `PdfPagesIncomplete` (a PartialScan),
whose `findings` hold what the pages that were read gave; the worker keeps them and records the item as not
fully scanned. A failing PDF takes only its own place in the batch's outcomes.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.evidence import EvidenceKeeper
from auditor.model import Finding, Item
from auditor.scanners.base import PartialScan, Scanner
from auditor.scanners.text.detector import TextDetector, to_finding
from auditor.scanners.versions import KINDS, VERSIONS

if TYPE_CHECKING:
    from PIL import Image

    from auditor.scanners.pixel.ocr import OcrText

#: Rendering resolution for OCR; bboxes are in pixels at this resolution (1 px = 72/RENDER_DPI pt).
RENDER_DPI = 300
#: Largest rendered page (pixels); a larger page is rendered at a lower DPI (boxes are scaled back).
MAX_RENDER_PIXELS = 40_000_000
#: Tesseract page segmentation for a document page: 3 = fully automatic (columns, blocks).
PAGE_SEGMENTATION = 3
#: Pages read per document; the rest are a named lost-coverage error.
MAX_PAGES = 200
#: Seconds of work per document; OCR stops when it is spent (the text layer of every page is read first).
TIME_BUDGET_SECONDS = 120.0
#: Fewer meaningful non-space characters than this is "no text layer".
MIN_TEXT_CHARS = 20
#: Images covering at least this fraction of the page make a page an OCR candidate ...
MIN_IMAGE_FRACTION = 0.10
#: ... when the text layer over them has fewer than one character per this many square points.
PT2_PER_CHAR = 1500.0
#: An OCR result with fewer words of confidence >= 60 than this gets tesseract's orientation detection and,
#: when the page is turned (a photographed letter held sideways), a second OCR of the upright page.
MIN_CONFIDENT_WORDS = 10
#: Share of unmappable characters above which a text layer is not meaningful.
MAX_GARBAGE_FRACTION = 0.3

#: Annotations read per page, and bytes per annotation string (a comment is not a novel).
MAX_ANNOTATIONS = 500
MAX_ANNOTATION_BYTES = 200_000

_IMAGE, _FORM = 3, 5  # FPDF_PAGEOBJ_IMAGE, FPDF_PAGEOBJ_FORM


class PdfPagesError(ValueError):
    """A PDF whose pages cannot be read; the message is one line and says why."""


class PdfPagesIncomplete(PartialScan, PdfPagesError):
    """Some pages of a PDF were read and some were not: the message names the pages not read, `findings` holds
    what the pages that were read gave."""


@dataclass
class PageRead:
    """What was read from one page: its text layer and, if it was OCR'd, the OCR words."""

    number: int  # 1-based
    text: str
    annotations: str = ""
    ocr_reason: str | None = None
    ocr: OcrText | None = None
    scale: float = 1.0  # rendered-pixel -> RENDER_DPI-pixel factor (1.0 unless the page was too large)
    size: tuple[int, int] = (0, 0)  # the rendered image's width and height
    rotation: int = 0  # degrees clockwise the rendered page was turned before the OCR that was kept

    def page_box(self, box: tuple[int, int, int, int] | None) -> tuple[int, int, int, int] | None:
        """A box in the OCR'd image's pixels as a box in the page's pixels at RENDER_DPI (upright as displayed)."""
        if box is None:
            return None
        if self.rotation:
            box = _unrotate(box, self.rotation, *self.size)
        if self.scale != 1.0:
            box = tuple(round(v * self.scale) for v in box)  # type: ignore[assignment]
        return box


@dataclass
class DocumentRead:
    """A document's pages as read, and a one-line description of what was not read (None when complete)."""

    page_count: int
    pages: list[PageRead] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    ocr_seconds: float = 0.0
    text_seconds: float = 0.0

    @property
    def lost_reason(self) -> str | None:
        return "; ".join(self.lost) if self.lost else None


class PdfPageScanner(Scanner):
    name = "pdf_pages"
    version = VERSIONS[name]
    kinds = KINDS[name]
    uses_text_detector = True
    covers = frozenset({"text", "ocr"})

    def __init__(self, max_pages: int = MAX_PAGES, time_budget: float = TIME_BUDGET_SECONDS, dpi: int = RENDER_DPI) -> None:
        self._text = TextDetector()
        self.max_pages = max_pages
        self.time_budget = time_budget
        self.dpi = dpi

    def unavailable_reason(self) -> str | None:
        if importlib.util.find_spec("pypdfium2") is None:
            return "pypdfium2 is not installed (pip install pypdfium2)"
        return self._text.unavailable_reason()

    def scan_batch(self, items: Sequence[Item], keeper: EvidenceKeeper) -> list[list[Finding] | Exception]:
        reads: list[DocumentRead | Exception] = []
        for item in items:
            try:
                reads.append(read_document(item.payload or b"", self.max_pages, self.time_budget, self.dpi))
            except PdfPagesError as error:
                reads.append(error)
        # Every text of the batch (text layers and OCR texts of all pages of all documents) in one detect call.
        texts: list[str] = []
        for read in reads:
            if isinstance(read, DocumentRead):
                for page in read.pages:
                    texts.append(page.text)
                    if page.annotations:
                        texts.append(page.annotations)
                    if page.ocr is not None:
                        texts.append(page.ocr.text)
        detections = iter(self._text.detect(texts) if texts else [])
        outcomes: list[list[Finding] | Exception] = []
        for item, read in zip(items, reads):
            if isinstance(read, Exception):
                outcomes.append(read)
                continue
            findings: list[Finding] = []
            for page in read.pages:
                field_name = f"page:{page.number}:text"
                findings.extend(to_finding(item.locator, "text", field_name, page.text, d, self.name, keeper) for d in next(detections))
                if page.annotations:
                    field_name = f"page:{page.number}:annotations"
                    findings.extend(
                        to_finding(item.locator, "text", field_name, page.annotations, d, self.name, keeper) for d in next(detections)
                    )
                if page.ocr is not None:
                    ocr = page.ocr
                    for detection in next(detections):
                        finding = to_finding(item.locator, "pixel", f"page:{page.number}:ocr", ocr.text, detection, self.name, keeper)
                        box = page.page_box(ocr.bbox_of(detection.start, detection.end))
                        findings.append(dataclasses.replace(finding, bbox=box))
            if read.lost_reason:
                outcomes.append(PdfPagesIncomplete(read.lost_reason, findings))
            else:
                outcomes.append(findings)
        return outcomes


def bbox_to_points(bbox: tuple[int, int, int, int], dpi: int = RENDER_DPI) -> tuple[float, float, float, float]:
    """An OCR finding's box (pixels at `dpi`, top-left origin, as displayed) in points from the displayed
    page's top-left corner."""
    factor = 72.0 / dpi
    return tuple(v * factor for v in bbox)  # type: ignore[return-value]


def page_texts(data: bytes) -> list[str]:
    """Each page's text layer exactly as the scanner reads it (the text `page:N:text` spans index into)."""
    document = _open(data)
    try:
        texts: list[str] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(_page_text(textpage))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def read_document(data: bytes, max_pages: int = MAX_PAGES, time_budget: float = TIME_BUDGET_SECONDS, dpi: int = RENDER_DPI) -> DocumentRead:
    """Every page's text layer and, for pages that need it, OCR. Raises PdfPagesError (one line) when the
    document cannot be opened at all; pages that could not be read are named in `lost`."""
    started = time.monotonic()
    document = _open(data)
    try:
        count = len(document)
        read = DocumentRead(count)
        limit = min(count, max_pages)
        if count > max_pages:
            read.lost.append(
                f"PDF has {count} pages, over the limit of {max_pages} per document: pages {_range(max_pages + 1, count)} "
                f"({count - max_pages} pages) not read"
            )
        broken: list[int] = []
        for index in range(limit):
            try:
                page = document[index]
            except Exception:
                broken.append(index + 1)
                continue
            try:
                page_read = _read_text_layer(page, index + 1)
                page_read.annotations = _annotation_text(document, page)
                read.pages.append(page_read)
            except Exception:
                broken.append(index + 1)
            finally:
                page.close()
        if broken:
            read.lost.append(f"{len(broken)} page(s) could not be read by PDFium: {_pages(broken)}")
        read.text_seconds = time.monotonic() - started
        _ocr_pages(document, [p for p in read.pages if p.ocr_reason], read, started, time_budget, dpi)
        return read
    finally:
        document.close()


def _ocr_pages(document, candidates: list[PageRead], read: DocumentRead, started: float, time_budget: float, dpi: int) -> None:
    from auditor.scanners.pixel.ocr import OcrUnavailable, ocr_words, tesseract_missing_reason

    ocr_started = time.monotonic()
    missing = tesseract_missing_reason()
    not_ocred: list[int] = []
    failed: list[str] = []
    for page_read in candidates:
        if missing or time.monotonic() - started > time_budget:
            not_ocred.append(page_read.number)
            continue
        try:
            page = document[page_read.number - 1]
            try:
                image, scale = _render(page, dpi)
            finally:
                page.close()
            page_read.ocr = ocr_words(image, page_segmentation=PAGE_SEGMENTATION)
            page_read.scale = scale
            page_read.size = image.size
            if _confident_words(page_read.ocr) < MIN_CONFIDENT_WORDS:
                _try_upright(page_read, image)
        except OcrUnavailable:
            not_ocred.append(page_read.number)
        except Exception as error:
            failed.append(f"page {page_read.number} ({type(error).__name__}: {' '.join(str(error).split())[:120]})")
    read.ocr_seconds = time.monotonic() - ocr_started
    if not_ocred:
        why = f"tesseract is missing ({missing})" if missing else f"the time budget of {time_budget:g} s per document was spent"
        read.lost.append(f"{len(not_ocred)} page(s) without a usable text layer not OCR'd, {why}: {_pages(not_ocred)}")
    if failed:
        read.lost.append(f"OCR failed on {len(failed)} page(s): {', '.join(failed)}")


def _confident_words(ocr: OcrText) -> int:
    return sum(1 for word in ocr.words if word.confidence >= 60)


def _try_upright(page_read: PageRead, image: Image.Image) -> None:
    """OCR the page again turned upright when tesseract's orientation detection says it is turned and the
    upright reading has more confident words. Pages too sparse for orientation detection stay as they were."""
    import pytesseract

    from auditor.scanners.pixel.ocr import ocr_words

    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT)
    except Exception:
        return
    rotate = int(osd.get("rotate", 0)) % 360
    if rotate not in (90, 180, 270):
        return
    upright = ocr_words(image.rotate(-rotate, expand=True), page_segmentation=PAGE_SEGMENTATION)
    if page_read.ocr is None or _confident_words(upright) > _confident_words(page_read.ocr):
        page_read.ocr, page_read.rotation = upright, rotate


def _unrotate(box: tuple[int, int, int, int], rotate: int, width: int, height: int) -> tuple[int, int, int, int]:
    """A box in the image turned `rotate` degrees clockwise, in the pixels of the `width` x `height` original."""
    x, y, w, h = box

    def back(cx: float, cy: float) -> tuple[float, float]:
        if rotate == 90:
            return cy, height - cx
        if rotate == 180:
            return width - cx, height - cy
        return width - cy, cx  # 270

    (x1, y1), (x2, y2) = back(x, y), back(x + w, y + h)
    left, top = min(x1, x2), min(y1, y2)
    return (round(left), round(top), round(abs(x2 - x1)), round(abs(y2 - y1)))


def _open(data: bytes):  # -> pypdfium2.PdfDocument
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise PdfPagesError("not a PDF (no %PDF- header); pages not read")
    try:
        document = pdfium.PdfDocument(data)  # no password given: PDFium tries the empty user password
    except pdfium.PdfiumError as error:
        message = " ".join(str(error).split())
        if "password" in message.casefold():
            raise PdfPagesError("encrypted PDF: the empty password does not open it; pages not read") from None
        raise PdfPagesError(f"corrupt PDF, pages not read: {message[:200]}") from None
    except Exception as error:
        raise PdfPagesError(f"corrupt PDF, pages not read: {type(error).__name__}: {' '.join(str(error).split())[:200]}") from None
    try:
        document.init_forms()  # before any page is loaded: form field values are read and rendered
    except Exception:
        pass
    return document


def annotation_texts(data: bytes) -> list[str]:
    """Each page's annotation text exactly as the scanner reads it (the text `page:N:annotations` spans index into)."""
    document = _open(data)
    try:
        texts: list[str] = []
        for index in range(len(document)):
            page = document[index]
            texts.append(_annotation_text(document, page))
            page.close()
        return texts
    finally:
        document.close()


def _annotation_text(document, page) -> str:
    import pypdfium2.raw as raw

    lines: list[str] = []
    formenv = getattr(document, "formenv", None)
    for index in range(min(raw.FPDFPage_GetAnnotCount(page), MAX_ANNOTATIONS)):
        annot = raw.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            contents = _utf16(lambda buffer, size, annot=annot: raw.FPDFAnnot_GetStringValue(annot, b"Contents", buffer, size))
            if contents.strip():
                lines.append(" ".join(contents.split()))
            if raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_WIDGET and formenv:
                value = _utf16(lambda buffer, size, annot=annot: raw.FPDFAnnot_GetFormFieldValue(formenv, annot, buffer, size))
                if value.strip():
                    name = _utf16(lambda buffer, size, annot=annot: raw.FPDFAnnot_GetFormFieldName(formenv, annot, buffer, size))
                    lines.append(f"{' '.join(name.split())}: {' '.join(value.split())}" if name.strip() else " ".join(value.split()))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return "\n\n".join(
        dict.fromkeys(lines)
    )  # blank-line separated (spaCy runs a name on into the next line); a field shown by several widgets once


def _utf16(call) -> str:
    """A PDFium string getter's UTF-16LE value (called once for the size, once for the bytes)."""
    import ctypes

    size = call(None, 0)
    if size <= 2:
        return ""
    size = min(size, MAX_ANNOTATION_BYTES)
    buffer = ctypes.create_string_buffer(size)
    call(ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace").replace("\x00", "")


def _read_text_layer(page, number: int) -> PageRead:
    textpage = page.get_textpage()
    try:
        text = _page_text(textpage)
        return PageRead(number, text, ocr_reason=ocr_reason(page, textpage, text))
    finally:
        textpage.close()


def _page_text(textpage) -> str:
    return textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")


def ocr_reason(page, textpage, text: str) -> str | None:
    """Why this page needs OCR, or None (see the module's docstring)."""
    meaningful, garbage = _char_counts(text)
    width, height = page.get_size()
    page_area = max(width * height, 1.0)
    image_boxes: list[tuple[float, float, float, float]] = []
    drawn = 0
    for obj in page.get_objects(max_depth=1):
        drawn += 1
        if obj.type == _IMAGE or (obj.type == _FORM and _form_has_image(page, obj)):
            image_boxes.append(_clip(obj.get_bounds(), width, height))
    if meaningful < MIN_TEXT_CHARS or garbage > MAX_GARBAGE_FRACTION * (meaningful + garbage):
        if not drawn and not text.strip():
            return None  # an empty page
        if garbage > MAX_GARBAGE_FRACTION * (meaningful + garbage) and meaningful >= MIN_TEXT_CHARS:
            return f"text layer is mostly unmappable glyphs ({garbage} of {meaningful + garbage} characters)"
        return f"no text layer ({meaningful} characters)"
    image_area = min(sum((r - left) * (t - b) for left, b, r, t in image_boxes), page_area)
    if image_area < MIN_IMAGE_FRACTION * page_area:
        return None
    over_images = 0
    for left, bottom, right, top in image_boxes:
        if right > left and top > bottom:
            over_images += _char_counts(textpage.get_text_bounded(left, bottom, right, top))[0]
    if over_images < image_area / PT2_PER_CHAR:
        return f"images cover {image_area / page_area:.0%} of the page with {over_images} characters of text over them"
    return None


def _form_has_image(page, form) -> bool:
    return any(obj.type == _IMAGE for obj in page.get_objects(filter=[_IMAGE], form=form, max_depth=8, level=1))


def _clip(bounds, width: float, height: float) -> tuple[float, float, float, float]:
    left, bottom, right, top = bounds
    return (max(left, 0.0), max(bottom, 0.0), min(right, width), min(top, height))


def _char_counts(text: str) -> tuple[int, int]:
    """(meaningful non-space characters, unmappable ones: control, private-use, unassigned, U+FFFD)."""
    meaningful = garbage = 0
    for char in text:
        if char.isspace():
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Co", "Cn", "Cs") or char == "\ufffd":
            garbage += 1
        else:
            meaningful += 1
    return meaningful, garbage


def _render(page, dpi: int) -> tuple[Image.Image, float]:
    """The page as a greyscale image at `dpi` (lower when it would exceed MAX_RENDER_PIXELS), and the factor
    that maps its pixels to pixels at `dpi`."""
    width, height = page.get_size()
    scale = dpi / 72.0
    pixels = width * scale * height * scale
    factor = 1.0
    if pixels > MAX_RENDER_PIXELS:
        factor = (pixels / MAX_RENDER_PIXELS) ** 0.5
        scale /= factor
    bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
    try:
        image = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    return image, factor


def _range(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _pages(numbers: list[int]) -> str:
    """`1, 3–7, 9`: page numbers as ranges."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in numbers[1:]:
        if number != previous + 1:
            parts.append(_range(start, previous))
            start = number
        previous = number
    parts.append(_range(start, previous))
    return "pages " + ", ".join(parts) if len(numbers) > 1 else f"page {numbers[0]}"
