"""Reading a corpus: every item gets a stable locator, every unreadable thing becomes an error, nothing is dropped."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

from PIL import Image

from auditor.corpus import read_corpus
from auditor.corpus.decode import decode_text
from auditor.corpus.sniff import sniff
from auditor.model import Item, ItemError
from tests.hostile.make_hostile import dicom_bytes


def read(*paths: Path) -> tuple[dict[str, Item], list[ItemError]]:
    items: dict[str, Item] = {}
    errors: list[ItemError] = []
    for entry in read_corpus(paths):
        if isinstance(entry, Item):
            assert entry.locator not in items, f"{entry.locator} listed twice"
            items[entry.locator] = entry
        else:
            errors.append(entry)
    return items, errors


def test_a_jsonl_export_makes_one_item_per_record_and_reports_a_malformed_line(tmp_path):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "a1", "text": "first", "author": "@x", "created_at": "2024-05-01T10:00:00Z"}\n'
        '{"id": "a2", "text": "broken\n'
        '{"id": "a3", "text": "third"}\n',
        encoding="utf-8",
    )
    items, errors = read(tmp_path)
    assert set(items) == {"posts.jsonl#a1", "posts.jsonl#a3"}
    assert items["posts.jsonl#a1"].kind == "post"
    assert items["posts.jsonl#a1"].author == "@x"
    assert items["posts.jsonl#a1"].fields == {"text": "first"}
    assert [(e.item, e.stage) for e in errors] == [("posts.jsonl#line-2", "read")]
    assert "line 2" in errors[0].reason


def test_an_x_archive_is_read_by_tweet_id_with_full_text(tmp_path):
    archive = tmp_path / "data" / "tweets.js"
    archive.parent.mkdir()
    tweets = [{"tweet": {"id_str": "1050118621198921728", "full_text": "MRI today", "created_at": "Wed Oct 10 20:19:24 +0000 2018"}}]
    archive.write_text("window.YTD.tweets.part0 = " + json.dumps(tweets), encoding="utf-8")
    items, errors = read(tmp_path)
    item = items["data/tweets.js#1050118621198921728"]
    assert item.fields == {"full_text": "MRI today"}
    assert item.created_at == "2018-10-10T20:19:24+00:00"
    assert errors == []


def test_a_reddit_listing_yields_posts_and_comments_with_their_fields(tmp_path):
    listing = {
        "kind": "Listing",
        "data": {
            "children": [
                {
                    "kind": "t3",
                    "data": {"id": "p1", "title": "Diagnosed", "selftext": "with lupus", "author": "u1", "created_utc": 1700000000},
                },
                {"kind": "t1", "data": {"id": "c1", "body": "hugs", "author": "u2"}},
            ]
        },
    }
    (tmp_path / "reddit.json").write_text(json.dumps(listing), encoding="utf-8")
    items, _ = read(tmp_path)
    assert items["reddit.json#p1"].fields == {"title": "Diagnosed", "selftext": "with lupus"}
    assert items["reddit.json#c1"].fields == {"body": "hugs"}
    assert items["reddit.json#p1"].created_at == "2023-11-14T22:13:20+00:00"


def test_media_a_post_references_belong_to_the_post_and_are_not_listed_twice(tmp_path):
    (tmp_path / "media").mkdir()
    Image.new("RGB", (4, 4)).save(tmp_path / "media" / "scan.png")
    (tmp_path / "posts.jsonl").write_text(
        json.dumps({"id": "1", "text": "my x-ray", "media": ["media/scan.png", "media/gone.png"]}) + "\n", encoding="utf-8"
    )
    items, errors = read(tmp_path)
    assert items["media/scan.png"].parent == "posts.jsonl#1"
    assert items["media/scan.png"].kind == "image"
    assert [(e.item, "medium 2 of the post ('m****/g***.png')" in e.reason) for e in errors] == [("posts.jsonl#1", True)]


def test_text_in_any_common_encoding_is_decoded_never_failing(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("José Muñoz, né en 1950".encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes("Zoë’s MRI".encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfPatient: Ann")
    (tmp_path / "utf16le.txt").write_bytes("Patient: Ann Lee, 617-555-0142".encode("utf-16-le"))
    (tmp_path / "utf16be.txt").write_bytes("Patient: Ann Lee".encode("utf-16-be"))
    items, errors = read(tmp_path)
    assert items["latin1.txt"].fields["text"] == "José Muñoz, né en 1950"
    assert items["utf16.txt"].fields["text"] == "Zoë’s MRI"
    assert items["bom.txt"].fields["text"] == "Patient: Ann"
    assert items["utf16le.txt"].fields["text"] == "Patient: Ann Lee, 617-555-0142"  # no BOM: told by its NUL bytes
    assert items["utf16be.txt"].fields["text"] == "Patient: Ann Lee"
    assert errors == []


def test_an_empty_file_and_a_misnamed_one_are_listed_with_their_reason(tmp_path):
    (tmp_path / "scan.dcm").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)) * 4)
    items, errors = read(tmp_path)
    assert items == {}
    assert [(e.item, e.reason) for e in errors] == [
        ("photo.jpg", "named like an image (.jpg) but its content is not one; unsupported file type (not text, image, DICOM, PDF or zip)"),
        ("scan.dcm", "empty file (0 bytes): nothing to scan"),
    ]


def test_json_too_deep_to_parse_is_scanned_as_text_and_says_why(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    items, errors = read(tmp_path)
    assert items["deep.json"].kind == "text"
    assert [(e.item, e.reason) for e in errors] == [
        ("deep.json", "not read as a post export (not valid JSON: nested too deeply to parse); its text is scanned as plain text")
    ]


def test_a_file_name_that_is_not_utf8_is_read_and_located_with_the_byte_escaped(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text("Ann Lee")
    items, errors = read(tmp_path)
    assert items["caf\\xe9.txt"].fields["text"] == "Ann Lee"
    assert errors == []


def test_decoding_undecodable_bytes_falls_back_instead_of_raising():
    text, encoding = decode_text(bytes(range(128, 256)))
    assert isinstance(text, str) and len(text) > 0 and encoding


def test_a_csv_row_is_an_item_located_by_its_place_with_every_column_read_under_its_header(tmp_path):
    """The id column may hold an MRN: it is read as a field, never put in the locator."""
    (tmp_path / "notes.csv").write_text(
        'id,date,text\nn1,2024-01-01,"Pt seen, stable"\nn2,2024-01-02,"second, with\nnewline"\n', encoding="utf-8"
    )
    items, _ = read(tmp_path)
    assert items["notes.csv#row-1"].fields == {"id": "id: n1", "date": "date: 2024-01-01", "text": "Pt seen, stable"}
    assert items["notes.csv#row-2"].fields == {"id": "id: n2", "date": "date: 2024-01-02", "text": "second, with\nnewline"}


def test_zip_members_are_items_and_an_escaping_member_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes/a.txt", "hello")
        archive.writestr("posts.jsonl", '{"id": "z1", "text": "in a zip"}\n')
        archive.writestr(zipfile.ZipInfo("../escape.txt"), "outside")
        archive.writestr(zipfile.ZipInfo("/etc/evil"), "absolute")
    (tmp_path / "bundle.zip").write_bytes(buffer.getvalue())
    items, errors = read(tmp_path)
    assert set(items) == {"bundle.zip!notes/a.txt", "bundle.zip!posts.jsonl#z1"}
    assert sorted(e.item for e in errors) == ["bundle.zip!../escape.txt", "bundle.zip!/etc/evil"]
    assert all("refused" in e.reason for e in errors)


def test_a_zip_bomb_member_is_reported_not_inflated(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"0" * (20 * 1024 * 1024))
    (tmp_path / "bomb.zip").write_bytes(buffer.getvalue())
    items, errors = read(tmp_path)
    assert items == {}
    assert [e.item for e in errors] == ["bomb.zip!bomb.txt"] and "zip bomb" in errors[0].reason


def test_images_dicom_and_pdf_are_recognised_by_content_not_extension(tmp_path):
    (tmp_path / "IM0001").write_bytes(dicom_bytes(preamble=True))
    (tmp_path / "bare").write_bytes(dicom_bytes(preamble=False))
    photo = io.BytesIO()
    Image.new("RGB", (4, 4)).save(photo, format="JPEG")
    (tmp_path / "photo.dat").write_bytes(photo.getvalue())
    (tmp_path / "report").write_bytes(b"%PDF-1.4\n%...")
    items, _ = read(tmp_path)
    assert {name: item.kind for name, item in items.items()} == {"IM0001": "dicom", "bare": "dicom", "photo.dat": "image", "report": "pdf"}
    assert items["IM0001"].payload is not None


def test_random_bytes_are_an_unsupported_file_error(tmp_path):
    (tmp_path / "x.jpg").write_bytes(bytes([0, 1, 2, 3, 250, 251]) * 100)
    items, errors = read(tmp_path)
    assert items == {}
    assert errors[0].item == "x.jpg" and "unsupported" in errors[0].reason


def test_a_link_leaving_the_corpus_root_is_reported_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    (root / "loop").symlink_to(root)
    items, errors = read(root)
    assert "link.txt" not in items
    assert {e.item for e in errors} == {"link.txt", "loop"}


def test_a_missing_path_is_an_error_not_an_exception(tmp_path):
    items, errors = read(tmp_path / "nope")
    assert items == {} and "no such file" in errors[0].reason


def test_sniffing_tells_text_from_binary():
    assert sniff(b"Hello, I was diagnosed", "a.txt") == "text"
    assert sniff(b"\x89PNG\r\n\x1a\n....", "a.txt") == "image"
    assert sniff(b"\x00\x01\x02\x03" * 40, "a.bin") == "binary"


def test_json_that_holds_no_posts_is_read_as_a_text_file_not_as_failed_records(tmp_path):
    (tmp_path / "config.jsonl").write_text('{"name": "Ann Lee", "mrn": "123"}\n{"name": "Bo"}\n', encoding="utf-8")
    items, errors = read(tmp_path)
    assert list(items) == ["config.jsonl"] and items["config.jsonl"].kind == "text"
    assert "Ann Lee" in items["config.jsonl"].fields["text"]
    assert errors == []


def test_an_error_about_an_item_comes_right_after_it_so_a_scan_batch_never_splits_them(tmp_path):
    """The scan attaches a reader error to the batch its item is in; an error before its item could land in the
    previous batch, be saved as an unreadable item, and be wiped when the item itself is saved."""
    (tmp_path / "notes.csv").write_text("id,note\n1,first\n2,short,extra column\n3,third\n", encoding="utf-8")
    entries = [(type(e).__name__, e.locator if isinstance(e, Item) else e.item) for e in read_corpus([tmp_path])]
    assert entries == [
        ("Item", "notes.csv#row-1"),
        ("Item", "notes.csv#row-2"),
        ("ItemError", "notes.csv#row-2"),
        ("Item", "notes.csv#row-3"),
    ]
