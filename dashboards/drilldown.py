"""How the drill-down shows an item without leaking it, and why the policy judged it so: text with each finding's span replaced by its masked
evidence, and images with each finding's box filled or blurred.

Scanned text is untrusted. It is never rendered as Markdown or HTML: every piece of it is HTML-escaped, and
only the `<mark>` elements made here are markup, so a post's `<img src=…>` or `![](http://…)` shows as text
and the browser fetches nothing.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw, ImageFilter

from auditor.frame_masks import boxes_of, frames_with_findings
from auditor.model import Item
from auditor.places import has_place, places_in
from auditor.policy import PolicyError, load_policy
from auditor.words import ANNEX_E_ACTIONS, action_words, finding_words

#: How boxed areas of an image are shown: filled (default), blurred, or as they are (reveal).
BOX_MODES = ("fill", "blur", "reveal")


@dataclass(frozen=True)
class Mark:
    """A finding's place in a text field, what it is, its masked evidence, and where it is in a document's file."""

    start: int
    end: int
    label: str
    evidence: str
    where: str | None = None


def placed(findings: pd.DataFrame, locator: str, own: Item | None) -> pd.DataFrame:
    """The findings with a `where` column after `field`: where each finding in the text of the item (as read again
    from the corpus, `own`; None when it is gone or changed) is in its file, if it is a document (auditor/places.py)."""
    ours = [
        (index, (int(row.span_start), int(row.span_end)))
        for index, row in zip(findings.index, findings.itertuples())
        if row.item == locator and has_place(row.source, None if pd.isna(row.span_start) else row.span_start)
    ]
    places = places_in(locator, own, [span for _, span in ours]) if own is not None else {}
    where = pd.Series(None, index=findings.index, dtype=object)
    for index, span in ours:
        where[index] = places.get(span)
    out = findings.copy()
    out.insert(list(findings.columns).index("field") + 1, "where", where)
    return out


def marks_of(findings: pd.DataFrame, item: str, field: str) -> list[Mark]:
    """The marks of `item`'s findings in one text field, labelled by identifier, else health category, else entity."""
    rows = findings[(findings["item"] == item) & (findings["field"] == field) & findings["span_start"].notna()]
    return [
        Mark(
            int(row.span_start),
            int(row.span_end),
            next(v for v in (row.identifier, row.health, row.entity) if isinstance(v, str) and v),
            row.evidence,
            getattr(row, "where", None) or None,
        )
        for row in rows.itertuples()
    ]


def highlighted_html(text: str, marks: list[Mark], reveal: bool = False) -> str:
    """`text` as escaped HTML with every mark highlighted; overlapping marks merge into one highlight."""
    pieces, cursor = [], 0
    for group in _merged(marks, len(text)):
        start, end = group[0].start, max(mark.end for mark in group)
        labels = ", ".join(dict.fromkeys(mark.label for mark in group))
        title = "; ".join([labels, *dict.fromkeys(f"in the file at {mark.where}" for mark in group if mark.where)])
        shown = text[start:end] if reveal else " ".join(dict.fromkeys(mark.evidence for mark in group))
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(
            f'<mark title="{html.escape(title)}" style="background:#ffd54f;padding:0 2px">{html.escape(shown)}'
            f' <small style="color:#6d4c41">[{html.escape(labels)}]</small></mark>'
        )
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return '<div style="white-space:pre-wrap;font-family:monospace;line-height:1.6">' + "".join(pieces) + "</div>"


def _merged(marks: list[Mark], length: int) -> list[list[Mark]]:
    groups: list[list[Mark]] = []
    for mark in sorted((m for m in marks if 0 <= m.start < m.end <= length), key=lambda m: (m.start, -m.end)):
        if groups and mark.start < max(m.end for m in groups[-1]):
            groups[-1].append(mark)
        else:
            groups.append([mark])
    return groups


def boxed_image(pixels: np.ndarray, boxes: list[tuple[int, int, int, int]], mode: str = "fill") -> Image.Image:
    """The image with every (x, y, w, h) box outlined, and filled or blurred unless `mode` is reveal."""
    if mode not in BOX_MODES:
        raise ValueError(f"unknown box mode {mode!r} (one of {', '.join(BOX_MODES)})")
    image = Image.fromarray(pixels).convert("RGB")
    draw = ImageDraw.Draw(image)
    outline = max(2, round(max(image.size) / 300))
    for x, y, w, h in boxes:
        area = (x, y, x + w, y + h)
        if mode == "fill":
            draw.rectangle(area, fill=(0, 0, 0))
        elif mode == "blur":
            image.paste(image.crop(area).filter(ImageFilter.GaussianBlur(radius=max(4, h // 2))), area[:2])
        draw.rectangle((x - outline, y - outline, x + w + outline, y + h + outline), outline=(229, 57, 53), width=outline)
    return image


#: Longest side of a preview; boxes are scaled to it.
PREVIEW_SIDE = 1600


def previews(
    item: Item, boxed: pd.DataFrame, every_frame: bool = False
) -> Iterator[tuple[int, np.ndarray, list[tuple[int, int, int, int]]]]:
    """(frame, RGB pixels, boxes in those pixels) for each distinct frame of a DICOM or an image with a finding (else
    the first; every distinct frame with `every_frame`). Every frame carries every box of the item, wherever it was
    found (auditor/frame_masks.py says why).

    Raises the pixel loaders' errors (PixelLoadError, RenderError) for pixels that cannot be decoded.
    """
    boxes = boxes_of(boxed["bbox"])
    wanted = frames_with_findings(boxed["field"]) or {0}
    if item.kind == "dicom":
        from auditor.media.frames import iter_frames, open_dicom

        for frame in iter_frames(open_dicom(item.payload)):
            if frame.repeat_of is None and (every_frame or frame.index in wanted):
                yield frame.index, np.stack([frame.grey] * 3, axis=-1), boxes
            if not every_frame and frame.index >= max(wanted):
                return
    else:
        from auditor.media import image

        for shown in image.iter_frames(item.payload, max_side=PREVIEW_SIDE):  # distinct frames only
            if every_frame or shown.index in wanted:
                pixels = shown.pixels
                scale = pixels.rgb.shape[1] / pixels.width
                yield shown.index, pixels.rgb, [tuple(round(v * scale) for v in box) for box in boxes]
            if not every_frame and shown.index >= max(wanted):
                return


#: The legend of the Annex E action column: what DICOM's de-identification profile says to do with each attribute.
ANNEX_E_HELP = (
    "Annex E (DICOM PS3.15 Table E.1-1) says what de-identification must do with a header attribute: "
    + "; ".join(f"{code.replace('_', '/')} {meaning}" for code, meaning in ANNEX_E_ACTIONS.items())
    + "."
)


def in_words(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings with what each is in words ("a name (Patient's Name), DICOM header") first, and its Annex E action."""
    worded = findings.copy()
    worded.insert(
        0,
        "what it is",
        [finding_words(row.entity, _text(row.identifier), _text(row.health), row.source, row.field) for row in findings.itertuples()],
    )
    worded["Annex E action"] = [action_words(entity) or "" for entity in findings["entity"]]
    return worded


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def explain(policy_name: str, fired: tuple[str, ...], identifiers: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rules that fired (what each requires) and how the policy weighs each identifier present."""
    try:
        policy = load_policy(policy_name)
    except PolicyError:
        return pd.DataFrame({"rule": list(fired)}), pd.DataFrame({"identifier": list(identifiers)})
    rules = {rule.id: rule for rule in policy.rules}
    fired_rules = [rules[name] for name in fired if name in rules]
    rule_rows = pd.DataFrame(
        {
            "rule": [rule.id for rule in fired_rules],
            "risk": [rule.risk for rule in fired_rules],
            "why": [" ".join(rule.description.split()) for rule in fired_rules],
            "requires": [rule.requires.model_dump_json(by_alias=True, exclude_none=True) for rule in fired_rules],
        }
    )
    weights = [policy.identifiers[name] for name in identifiers if name in policy.identifiers]
    identifier_rows = pd.DataFrame(
        {
            "identifier": [n for n in identifiers if n in policy.identifiers],
            "class": [w.class_ for w in weights],
            "weight": [w.weight for w in weights],
        }
    )
    return rule_rows, identifier_rows
