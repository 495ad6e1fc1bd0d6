"""Metadata-bearing files: the truth record (MetaItem) shared by DICOM, photo and PDF writers."""

from __future__ import annotations

from .tables import HEALTH_VOCAB
from .texts import Ctx, Doc, Label, Piece

# Metadata-bearing files: DICOM headers, photo EXIF / XMP / IPTC / PNG text, PDF info; their truth
# ================================================================================================
#
# Field paths are the names the metadata scanners report (data/README.md, "Metadata labels"):
# DICOM `Keyword`, `Sequence[i].Keyword`, private `(gggg,eeee)@CREATOR`; `EXIF:<Tag>`, `XMP:<prefix:name>`,
# `PNG:<chunk>:<keyword>`, `JPEG:COM`, `IPTC:<Name>`; `PDF:<Key>`. A label's offsets index the value's
# text as a reader decodes it; an atomic value (a name, an ID, a date, a UID) is labelled whole.


class Meta:
    """One binary item's truth: metadata labels by field path, and the text burned into its pixels."""

    def __init__(self, item: str) -> None:
        self.item = item
        self.labels: list[Label] = []
        self.size: tuple[int, int] | None = None  # (width, height) of the pixels, for the pixel record
        self.pixel_lines: list[dict] = []  # every drawn line: text, bbox, frame
        self.pixel_labels: list[dict] = []  # the identifying / health strings in them: text, bbox, frame, kind

    def whole(self, field: str, value: str, identifier: str | None = None, health: str | None = None) -> str:
        """Label a whole value (a name, an ID, a date, a UID); returns the value."""
        if identifier or health:
            self.labels.append(Label(field, 0, len(value), identifier, health, value))
        return value

    def doc(self, doc: Doc) -> str:
        """Take a free-text value built piece by piece; returns its text."""
        self.labels.extend(doc.labels)
        return doc.text

    def record(self) -> dict:
        return {"item": self.item, "labels": [lab.record() for lab in self.labels]}

    def pixel_record(self) -> dict:
        return {"item": self.item, "size": list(self.size or (0, 0)), "labels": self.pixel_labels, "lines": self.pixel_lines}


def free_text(field: str, pieces: list[Piece | str]) -> Doc:
    """A Doc from literal strings and (text, identifier, health) pieces."""
    doc = Doc(field)
    for piece in pieces:
        if isinstance(piece, str):
            doc.add(piece)
        else:
            doc.add(*piece)
    return doc


def health_term(ctx: Ctx, category: str) -> Piece:
    term = ctx.pick(HEALTH_VOCAB[category])
    return (term, None, category)


def clamp_box(meta: Meta, box) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) cut to the image: the truth is what the pixels hold."""
    width, height = meta.size
    left, top, right, bottom = (round(v) for v in box)
    return max(0, left), max(0, top), min(width, right), min(height, bottom)


def draw_line(meta: Meta, draw, font, xy: tuple[int, int], pieces: list[Piece | str], fill, frame: int = 0) -> None:
    """Draw one line of text piece by piece; record its box and the boxes of its labelled pieces."""
    x, y = xy
    boxes = []
    for piece in pieces:
        text, identifier, health = (piece, None, None) if isinstance(piece, str) else piece
        draw.text((x, y), text, fill=fill, font=font)
        raw = tuple(round(v) for v in draw.textbbox((x, y), text, font=font))
        left, top, right, bottom = clamp_box(meta, raw)
        assert not (identifier or health) or raw == (left, top, right, bottom), f"{text!r} does not fit in {meta.item}"
        if text.strip():
            boxes.append((left, top, right, bottom))
        if identifier or health:
            meta.pixel_labels.append(
                {"frame": frame, "text": text, "identifier": identifier, "health": health, "bbox": [left, top, right - left, bottom - top]}
            )
        x += round(draw.textlength(text, font=font))
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    line = "".join(p if isinstance(p, str) else p[0] for p in pieces)
    meta.pixel_lines.append({"frame": frame, "text": line, "bbox": [left, top, right - left, bottom - top]})


def text_box_labels(meta: Meta, draw, xy: tuple[int, int], line: str, spans: list[Piece], frame: int = 0) -> None:
    """Record the boxes of a line already drawn in one call (the older screenshots), and of spans in it."""
    x, y = xy
    left, top, right, bottom = clamp_box(meta, draw.textbbox((x, y), line))
    meta.pixel_lines.append({"frame": frame, "text": line, "bbox": [left, top, right - left, bottom - top]})
    for text, identifier, health in spans:
        at = line.index(text)
        sx = x + draw.textlength(line[:at])
        x0, y0, x1, y1 = clamp_box(meta, draw.textbbox((sx, y), text))
        meta.pixel_labels.append(
            {"frame": frame, "text": text, "identifier": identifier, "health": health, "bbox": [x0, y0, x1 - x0, y1 - y0]}
        )


# ------------------------------------------------------------------------------------------------
