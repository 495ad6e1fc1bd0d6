"""Redacted copies of PDFs: each page with an identifier becomes an image page, the rest are kept as they are.

A page with findings is rendered (pypdfium2, `RENDER_DPI`, annotations and form fields drawn), its boxes
filled — OCR boxes as found, text-layer findings at their characters' boxes (PDFium's char boxes, padded) —
and written as one image page of the same size: its text layer, fonts and annotations are gone. Pages without
findings are copied whole (their text stays searchable). The new document has no document information or XMP
metadata. What is lost: selectable text, links and form fields on redacted pages. A finding in an annotation or
form value cannot be placed on the page by its span, so the whole page is filled (fail closed).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

import numpy as np

from auditor.redact.pixels import cover
from auditor.redact.text import Refused
from auditor.scanners.pixel.documents import RENDER_DPI

_FIELD = re.compile(r"^page:(\d+):(text|ocr|annotations)$")


def redact_pdf(item, findings, boxed, context) -> tuple[bytes, dict]:
    import pypdfium2 as pdfium

    by_page: dict[int, list] = defaultdict(list)
    for finding in list(findings) + [b for b in boxed if b not in findings]:
        match = _FIELD.match(finding.field)
        if match and finding.identifier:
            by_page[int(match[1])].append(finding)
    try:
        source = pdfium.PdfDocument(item.payload or b"")
    except Exception as error:
        raise Refused(f"PDF could not be opened: {error}") from None
    try:
        out = pdfium.PdfDocument.new()
        boxes_written: list[list[int]] = []
        for index in range(len(source)):
            number = index + 1
            if number not in by_page:
                out.import_pages(source, [index])
                continue
            page = source[index]
            width, height = page.get_size()
            scale = RENDER_DPI / 72
            bitmap = page.render(scale=scale, may_draw_forms=True)
            array = np.array(bitmap.to_pil().convert("RGB"))
            boxes = _page_boxes(page, by_page[number], scale)
            cover(array, boxes, "fill", np.zeros(3, dtype=np.uint8))
            boxes_written.extend(boxes)
            _image_page(out, array, width, height)
        buffer = io.BytesIO()
        out.save(buffer)
    except Refused:
        raise
    except Exception as error:
        raise Refused(f"PDF could not be redacted: {type(error).__name__}: {' '.join(str(error).split())[:200]}") from None
    finally:
        source.close()
    return buffer.getvalue(), {"boxes": boxes_written, "pages_rendered": sorted(by_page), "metadata_removed": "document info, XMP"}


def _page_boxes(page, findings, scale: float) -> list[list[int]]:
    from auditor.scanners.pixel.documents import _page_text

    height = page.get_height()
    boxes: list[list[int]] = []
    textpage = page.get_textpage()
    text = _page_text(textpage)
    raw = textpage.get_text_range()
    index_map = _normalised_to_raw(raw)
    for finding in findings:
        if finding.bbox is not None and finding.field.endswith(":ocr"):
            boxes.append([round(v * scale * 72 / RENDER_DPI) for v in finding.bbox])
        elif finding.field.endswith(":text") and finding.span is not None and finding.span[1] <= len(text):
            for i in range(*finding.span):
                if text[i].isspace() or i >= len(index_map):
                    continue
                left, bottom, right, top = textpage.get_charbox(index_map[i], loose=True)
                boxes.append(
                    [
                        round(left * scale),
                        round((height - top) * scale),
                        round((right - left) * scale) + 1,
                        round((top - bottom) * scale) + 1,
                    ]
                )
        else:  # an annotation or form value has no place on the page: the whole page is filled
            boxes.append([0, 0, round(page.get_width() * scale), round(height * scale)])
    textpage.close()
    return boxes


def _normalised_to_raw(raw: str) -> list[int]:
    """Index in the scanner's page text (`\\r\\n` read as `\\n`) → index in PDFium's text (its char index)."""
    mapping, i = [], 0
    while i < len(raw):
        mapping.append(i)
        i += 2 if raw[i : i + 2] == "\r\n" else 1
    return mapping


def _image_page(document, array: np.ndarray, width: float, height: float) -> None:
    import pypdfium2 as pdfium
    from PIL import Image

    page = document.new_page(width, height)
    image = pdfium.PdfImage.new(document)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.fromarray(array)))
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(image)
    page.gen_content()
