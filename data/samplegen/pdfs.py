"""PDFs with identifiers in their document information."""

from __future__ import annotations

from pathlib import Path
from random import Random

from .metadata import Meta, free_text, health_term
from .tables import FIRST_NAMES, LAST_NAMES
from .texts import Ctx, mrn, random_date

# PDF document information
# ------------------------------------------------------------------------------------------------


def pdf_metadata(out: Path, rng: Random, name: str) -> Meta:
    """A one-page PDF (blank page) whose document information carries the identity (pypdf; no dates, no ID)."""
    from pypdf import PdfWriter

    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    doctor = (ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES))
    born = random_date(ctx, 1945, 2000)
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_metadata(
        {
            "/Author": meta.whole("PDF:Author", f"{doctor[0]} {doctor[1]}", "names"),
            "/Title": meta.doc(free_text("PDF:Title", ["Referral - ", (f"{first} {last}", "names", None)])),
            "/Subject": meta.doc(
                free_text(
                    "PDF:Subject",
                    [
                        (f"{first} {last}", "names", None),
                        ", DOB ",
                        (f"{born.month:02d}/{born.day:02d}/{born.year}", "dates", None),
                        ": follow-up for ",
                        health_term(ctx, "condition"),
                    ],
                )
            ),
            "/Keywords": meta.doc(
                free_text(
                    "PDF:Keywords", [health_term(ctx, "lab_test"), ", ", health_term(ctx, "medication"), ", MRN ", (mrn(ctx), "mrn", None)]
                )
            ),
            "/Creator": "Microsoft Word for Microsoft 365",
        }
    )
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    with open(out / name, "wb") as fh:
        writer.write(fh)
    return meta


# ------------------------------------------------------------------------------------------------
