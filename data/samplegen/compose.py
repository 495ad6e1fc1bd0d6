"""Composing items: which kind of item, which sentences, post texts, timestamps and authors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from .tables import (
    CAPTION_TEMPLATES,
    CLOSERS,
    EPOCH,
    FORM_HEALTH_LINES,
    FORM_LINES,
    HEALTH_TEMPLATES,
    IDENT_TEMPLATES,
    IDENT_WEIGHTS,
    ITEM_KINDS,
    NEUTRAL_TEMPLATES,
    OPENERS,
    PASTE_LEADS,
)
from .texts import Ctx, Doc, handle, render_lines

# Composing items
# ================================================================================================


class Deck:
    """Identifier types drawn from a shuffled weighted deck, so every type shows up evenly."""

    def __init__(self, rng: Random) -> None:
        self.rng, self.cards = rng, []

    def draw(self, k: int) -> list[str]:
        out: list[str] = []
        while len(out) < k:
            if not self.cards:
                self.cards = [t for t, w in IDENT_WEIGHTS.items() for _ in range(w)]
                self.rng.shuffle(self.cards)
            card = self.cards.pop()
            if card not in out:
                out.append(card)
        return out


def item_kind(rng: Random) -> str:
    r = rng.random()
    for kind, p in ITEM_KINDS:
        if r < p:
            return kind
        r -= p
    return ITEM_KINDS[-1][0]


def sentences(ctx: Ctx, deck: Deck, kind: str, *, max_ident: int = 3, max_extra: int = 2) -> list[str]:
    """The sentence templates of one post-like text of the given kind."""
    rng = ctx.rng
    if kind == "paste":  # a lead-in, then a pasted block of form lines
        lines = [rng.choice(FORM_LINES[t]) for t in deck.draw(rng.randint(2, max_ident + 2))]
        lines += rng.sample(FORM_HEALTH_LINES, rng.randint(0, 2))
        rng.shuffle(lines)
        return [rng.choice(PASTE_LEADS) + rng.choice(["\n", "\n\n"]) + "\n".join(lines)] + (
            [rng.choice(CLOSERS)] if rng.random() < 0.3 else []
        )
    if kind == "ident":
        out = [rng.choice(IDENT_TEMPLATES[t]) for t in deck.draw(rng.randint(1, max_ident))]
        out += rng.sample(HEALTH_TEMPLATES, rng.randint(0, max_extra))
        if rng.random() < 0.2:
            out.append(rng.choice(NEUTRAL_TEMPLATES))
    elif kind == "health":
        out = rng.sample(HEALTH_TEMPLATES, rng.randint(1, max_extra + 1))
    elif kind == "neutral":
        out = rng.sample(NEUTRAL_TEMPLATES, rng.randint(1, max_extra))
    else:  # neutral_health: a near-miss next to real health terms
        out = rng.sample(NEUTRAL_TEMPLATES, 1) + rng.sample(HEALTH_TEMPLATES, rng.randint(1, max_extra))
    rng.shuffle(out)
    if rng.random() < 0.2:
        out.insert(0, rng.choice(OPENERS))
    if rng.random() < 0.35:
        out.append(rng.choice(CLOSERS))
    return out


def new_ctx(rng: Random, lower_p: float = 0.1) -> Ctx:
    return Ctx(rng, lower=rng.random() < lower_p, curly=rng.random() < 0.2, typo=rng.random() < 0.15)


def compose(ctx: Ctx, field: str, templates: list[str], sep: str | None = None) -> Doc:
    doc = Doc(field)
    render_lines(ctx, doc, templates, sep)
    return doc


@dataclass
class TextItem:
    locator: str
    docs: list[Doc]

    def labels_record(self) -> dict:
        labels = [lab for doc in self.docs for lab in doc.labels]
        for lab in labels:
            field_text = next(d.text for d in self.docs if d.field == lab.field)
            assert field_text[lab.start : lab.end] == lab.text, (self.locator, lab)
        return {"item": self.locator, "labels": [lab.record() for lab in labels]}


def post_text(
    rng: Random,
    deck: Deck,
    *,
    field: str = "text",
    lower_p: float = 0.1,
    caption: bool = False,
    max_len: int | None = None,
    max_ident: int = 3,
) -> Doc:
    while True:
        ctx = new_ctx(rng, lower_p)
        kind = item_kind(rng)
        parts = sentences(ctx, deck, kind, max_ident=max_ident)
        if caption:
            parts.insert(0, rng.choice(CAPTION_TEMPLATES))
        doc = compose(ctx, field, parts)
        if max_len is None or len(doc.text) <= max_len:
            return doc


def timestamp(rng: Random) -> datetime:
    return EPOCH + timedelta(seconds=rng.randrange(4 * 365 * 86400))


def iso(ts: datetime) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def author(rng: Random) -> str:
    return handle(Ctx(rng))
