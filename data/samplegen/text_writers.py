"""Writers of the text corpus, one per output file (posts, X archive, Reddit, notes, CSV, bundle)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from random import Random

from .compose import Deck, TextItem, author, compose, iso, item_kind, new_ctx, post_text, sentences, timestamp
from .tables import (
    CAREGIVER_TEMPLATES,
    MONTHS,
    NOTE_BODY,
    NOTE_FOOTER,
    NOTE_HEADER,
    REDDIT_COMMENT_OPENERS,
    REDDIT_TITLES,
    WEEKDAYS,
    ZIP_DATE,
)
from .texts import Ctx, Doc, render, render_lines

# ================================================================================================
# Writers, one per output file. Each takes its own Random and yields the TextItems it wrote.
# ================================================================================================

MEDIA_BY_POST = {
    7: "media/p0007.png",
    12: "media/p0012.jpg",
    31: "media/p0031.png",
    44: "media/p0044.jpg",
    58: "media/ct_head_0001",
    63: "media/discharge_summary.pdf",
}


def write_posts_jsonl(out: Path, rng: Random, n: int) -> Iterator[TextItem]:
    deck, width = Deck(rng), max(4, len(str(n)))
    bad = n // 2 + 1
    with open(out / "posts.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for i in range(1, n + 1):
            pid = f"p{i:0{width}d}"
            media = MEDIA_BY_POST.get(i)
            doc = post_text(rng, deck, caption=media is not None)
            record = {"id": pid, "text": doc.text, "author": author(rng), "created_at": iso(timestamp(rng))}
            if media:
                record["media"] = [media]
            line = json.dumps(record, ensure_ascii=False)
            if i == bad:  # the one malformed record: truncated mid-string, no labels
                line = line[: line.index('"text": "') + 9 + len(doc.text) // 2]
                try:
                    json.loads(line)
                    raise AssertionError("malformed line parses")
                except json.JSONDecodeError:
                    pass
                fh.write(line + "\n")
                continue
            fh.write(line + "\n")
            yield TextItem(f"posts.jsonl#{pid}", [doc])


def write_posts_json(out: Path, rng: Random, n: int = 30) -> Iterator[TextItem]:
    deck, records, items = Deck(rng), [], []
    for i in range(1, n + 1):
        pid = f"j{i:03d}"
        doc = post_text(rng, deck)
        records.append({"id": pid, "text": doc.text, "author": author(rng), "created_at": iso(timestamp(rng))})
        items.append(TextItem(f"posts.json#{pid}", [doc]))
    (out / "posts.json").write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    yield from items


def twitter_date(ts: datetime) -> str:
    return f"{WEEKDAYS[ts.weekday()]} {MONTHS[ts.month - 1][:3]} {ts.day:02d} {ts:%H:%M:%S} +0000 {ts.year}"


def write_tweets(out: Path, rng: Random, n: int = 50) -> Iterator[TextItem]:
    deck, tweets, items = Deck(rng), [], []
    next_id = 1_050_000_000_000_000_000
    for _ in range(n):
        next_id += rng.randrange(10**15, 10**17)
        doc = post_text(rng, deck, field="full_text", lower_p=0.4, max_len=280, max_ident=2)
        text = doc.text
        tweet = {
            "edit_info": {
                "initial": {
                    "editTweetIds": [str(next_id)],
                    "editableUntil": "2021-01-01T00:00:00.000Z",
                    "editsRemaining": "5",
                    "isEditEligible": False,
                }
            },
            "retweeted": False,
            "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
            "entities": {
                "hashtags": [{"text": m.group(1), "indices": [str(m.start()), str(m.end())]} for m in re.finditer(r"#(\w+)", text)],
                "symbols": [],
                "urls": [],
                "user_mentions": [
                    {"screen_name": m.group(1), "name": m.group(1), "id_str": "0", "id": "0", "indices": [str(m.start()), str(m.end())]}
                    for m in re.finditer(r"@(\w+)", text)
                ],
            },
            "display_text_range": ["0", str(len(text))],
            "favorite_count": str(rng.randrange(40)),
            "id_str": str(next_id),
            "truncated": False,
            "retweet_count": str(rng.randrange(8)),
            "id": str(next_id),
            "created_at": twitter_date(timestamp(rng)),
            "favorited": False,
            "full_text": text,
            "lang": "en",
        }
        tweets.append({"tweet": tweet})
        items.append(TextItem(f"x-archive/data/tweets.js#{next_id}", [doc]))
    (out / "x-archive" / "data").mkdir(parents=True, exist_ok=True)
    body = json.dumps(tweets, ensure_ascii=False, indent=2)
    (out / "x-archive/data/tweets.js").write_text(f"window.YTD.tweets.part0 = {body}\n", encoding="utf-8")
    yield from items


def base36(rng: Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(n))


def write_reddit(out: Path, rng: Random, n_posts: int = 18, n_comments: int = 32) -> Iterator[TextItem]:
    deck, children, items = Deck(rng), [], []
    subs = ["ChronicPain", "diabetes", "lupus", "CrohnsDisease", "MultipleSclerosis", "caregivers", "medicare"]
    kinds = ["t3"] * (n_posts - 1) + ["t1"] * n_comments
    rng.shuffle(kinds)
    kinds.insert(0, "t3")  # comments follow a post
    link_id = None
    for kind in kinds:
        rid = base36(rng, 7)
        ctx = new_ctx(rng, 0.05)
        common = {
            "id": rid,
            "name": f"{kind}_{rid}",
            "author": author(rng),
            "subreddit": rng.choice(subs),
            "created_utc": float(int(timestamp(rng).timestamp())),
            "score": rng.randrange(1, 500),
        }
        if kind == "t3":
            title = compose(ctx, "title", [rng.choice(REDDIT_TITLES)])
            paras = sentences(ctx, deck, item_kind(rng), max_extra=3)
            if rng.random() < 0.15:  # a link post: no body
                paras = []
            selftext = compose(ctx, "selftext", paras)
            if paras and rng.random() < 0.3:
                render(
                    ctx,
                    selftext,
                    rng.choice(
                        [
                            "\n\nEdit: thank you all so much ❤️",
                            "\n\nTL;DR: {cond} sucks and so does my insurance",
                            "\n\nEDIT 2: {first} if you see this, call me",
                        ]
                    ),
                )
            data = {
                **common,
                "title": title.text,
                "selftext": selftext.text,
                "is_self": bool(paras),
                "permalink": f"/r/{common['subreddit']}/comments/{rid}/",
                "num_comments": rng.randrange(60),
            }
            link_id = f"t3_{rid}"
            docs = [title, selftext]
        else:
            parts = sentences(ctx, deck, item_kind(rng), max_ident=2, max_extra=1)
            if rng.random() < 0.4:
                parts.insert(0, rng.choice(REDDIT_COMMENT_OPENERS))
            body = compose(ctx, "body", parts)
            data = {**common, "body": body.text, "link_id": link_id or "t3_0000000", "parent_id": link_id or "t3_0000000"}
            docs = [body]
        children.append({"kind": kind, "data": data})
        items.append(TextItem(f"reddit.json#{rid}", docs))
    listing = {"kind": "Listing", "data": {"after": None, "dist": len(children), "children": children, "before": None}}
    # Reddit escapes non-ASCII; so does this file (\uXXXX, surrogate pairs for emoji).
    (out / "reddit.json").write_text(json.dumps(listing, ensure_ascii=True, indent=1) + "\n", encoding="ascii")
    yield from items


def clinic_note(
    rng: Random, *, latin1: bool = False, newline: str = "\n", header_p: float = 0.8, person: tuple[str, str] | None = None
) -> Doc:
    ctx = Ctx(rng, latin1=latin1)
    ctx.person = person or ctx.person
    lines = NOTE_HEADER[:1] + [t for t in NOTE_HEADER[1:] if rng.random() < header_p]
    body = rng.sample(NOTE_BODY, rng.randint(5, 9))
    templates = [*lines, "", *body, "", rng.choice(NOTE_FOOTER)]
    doc = Doc("text")
    for i, t in enumerate(templates):
        if i:
            doc.add(newline)
        render(ctx, doc, t.replace("\n", newline))
    doc.add(newline)
    return doc


def caregiver_log(rng: Random) -> Doc:
    ctx = Ctx(rng)
    doc = Doc("text")
    render(ctx, doc, "Care log for {pname}\n\n")
    render_lines(ctx, doc, rng.sample(CAREGIVER_TEMPLATES, 5), "\n")
    doc.add("\n")
    return doc


def markdown_journal(rng: Random) -> Doc:
    ctx, deck = Ctx(rng), Deck(rng)
    doc = Doc("text")
    render(ctx, doc, "# Health journal\n\n## {date_short}\n\n")
    render_lines(ctx, doc, sentences(ctx, deck, "ident"))
    render(
        ctx,
        doc,
        "\n\n## Meds\n\n- {med} {dose}\n- {med} {dose}\n\n## Questions for Dr. {last}\n\n"
        "1. Should I repeat the {lab}?\n2. Is {cond} likely?\n",
    )
    return doc


def negative_note(rng: Random) -> Doc:
    ctx = Ctx(rng)
    doc = Doc("text")
    render(
        ctx,
        doc,
        "To do\n- return library books\n- order #{order9}: follow up\n- call about the "
        "thermostat (mid-90s in here)\n- update laptop to {version}\n- {pet}'s vet visit {weekday} 3:45\n",
    )
    return doc


def write_notes(out: Path, rng: Random) -> Iterator[TextItem]:
    notes = out / "notes"
    notes.mkdir(parents=True, exist_ok=True)
    files = [  # (file name, document, encoding, BOM)
        ("visit_note_cardiology.txt", clinic_note(rng), "utf-8", b""),
        ("caregiver_log.txt", caregiver_log(rng), "utf-8", b""),
        ("pasted_portal_message.txt", clinic_note(rng, header_p=0.4), "utf-8", b"\xef\xbb\xbf"),
        ("discharge_summary_win.txt", clinic_note(rng, newline="\r\n"), "utf-16-le", b"\xff\xfe"),
        ("referral_latin1.txt", clinic_note(rng, latin1=True, person=("José", "Muñoz")), "latin-1", b""),
        ("health_journal.md", markdown_journal(rng), "utf-8", b""),
        ("todo.txt", negative_note(rng), "utf-8", b""),
        ("radiology_export.txt", dicom_like_note(rng), "utf-8", b""),
    ]
    for name, doc, encoding, bom in files:
        (notes / name).write_bytes(bom + doc.text.encode(encoding))
        yield TextItem(f"notes/{name}", [doc])


def dicom_like_note(rng: Random) -> Doc:
    ctx = Ctx(rng)
    doc = Doc("text")
    render(
        ctx,
        doc,
        "(0010,0010) PatientName: {pdicom}\n(0010,0020) PatientID: {mrn}\n"
        "(0010,0030) PatientBirthDate: {dob_dicom}\n(0008,0090) ReferringPhysicianName: {dicomname}\n"
        "(0008,1030) StudyDescription: {proc}\n",
    )
    return doc


def write_notes_csv(out: Path, rng: Random, n: int = 45) -> Iterator[TextItem]:
    deck, items = Deck(rng), []
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "text", "date", "source"])
    for i in range(1, n + 1):
        nid = f"n{i:03d}"
        r = rng.random()
        if r < 0.25:
            doc, source = clinic_note(rng, header_p=0.3), "clinic_note"
        elif r < 0.35:
            ctx = Ctx(rng)
            doc = compose(ctx, "text", rng.sample(CAREGIVER_TEMPLATES, 2), ", and ")
            source = "caregiver_log"
        else:
            doc, source = post_text(rng, deck, max_ident=2), rng.choice(["forum", "sms", "photo_caption", "email"])
        writer.writerow([nid, doc.text, timestamp(rng).date().isoformat(), source])
        items.append(TextItem(f"notes.csv#row-{i}", [doc]))  # a CSV row is located by its place
    (out / "notes.csv").write_bytes(buf.getvalue().encode("utf-8"))
    yield from items


def zip_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def write_bundle(out: Path, rng: Random, n_posts: int = 10) -> Iterator[TextItem]:
    deck, items = Deck(rng), []
    visit, referral, update = clinic_note(rng), clinic_note(rng, header_p=0.5), post_text(rng, deck)
    lines = []
    for i in range(1, n_posts + 1):
        pid = f"z{i:02d}"
        doc = post_text(rng, deck)
        lines.append(
            json.dumps({"id": pid, "text": doc.text, "author": author(rng), "created_at": iso(timestamp(rng))}, ensure_ascii=False)
        )
        items.append(TextItem(f"bundle.zip!posts_small.jsonl#{pid}", [doc]))
    with zipfile.ZipFile(out / "bundle.zip", "w") as zf:
        zip_member(zf, "visit_note.txt", visit.text.encode("utf-8"))
        zip_member(zf, "../escape.txt", b"If you can read this, the zip reader followed a path out of the archive.\n")
        zip_member(zf, "notes/referral.txt", referral.text.encode("utf-8"))
        zip_member(zf, "caregiver_update.txt", update.text.encode("utf-8"))
        zip_member(zf, "posts_small.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    yield TextItem("bundle.zip!visit_note.txt", [visit])
    yield TextItem("bundle.zip!notes/referral.txt", [referral])
    yield TextItem("bundle.zip!caregiver_update.txt", [update])
    yield from items


# ------------------------------------------------------------------------------------------------
