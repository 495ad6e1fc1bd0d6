"""Reading a hostile corpus safely (issues 19 §1 and 20): any failure to read one item is that item's error, locators
never collide, every column and string of a record is read (or what is not is said), no raw value rides in a
locator or a date, a file swapped after it was listed is not read, and the scan's own store is never read."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from auditor.corpus import MediaLink, exports, read_corpus, trees
from auditor.corpus.trees import FolderTree
from auditor.model import Item, ItemError


def read(*paths: Path) -> tuple[dict[str, Item], list[ItemError], list[MediaLink]]:
    items: dict[str, Item] = {}
    errors: list[ItemError] = []
    links: list[MediaLink] = []
    for entry in read_corpus(paths):
        if isinstance(entry, Item):
            assert entry.locator not in items, f"{entry.locator} listed twice"
            items[entry.locator] = entry
        elif isinstance(entry, MediaLink):
            links.append(entry)
        else:
            errors.append(entry)
    return items, errors, links


def zip_of(members: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members:
            archive.writestr(name, text)
    return buffer.getvalue()


# -- any exception from one member is that member's error (issue 19 §1) --------------------------------------


class _Unforeseen(Exception):
    """An exception class no reader lists."""


def test_an_unexpected_exception_reading_one_member_is_its_error_and_the_other_members_are_read(tmp_path, monkeypatch):
    (tmp_path / "bundle.zip").write_bytes(zip_of([("a.txt", "first"), ("b.txt", "second"), ("c.txt", "third")]))
    real_read = trees.ZipTree.read

    def read_failing_on_b(self, name):
        if name == "b.txt":
            raise _Unforeseen("the decoder gave up")
        return real_read(self, name)

    monkeypatch.setattr(trees.ZipTree, "read", read_failing_on_b)
    items, errors, _ = read(tmp_path)
    assert set(items) == {"bundle.zip!a.txt", "bundle.zip!c.txt"}
    assert [(e.item, e.reason) for e in errors] == [("bundle.zip!b.txt", "cannot read: _Unforeseen: the decoder gave up")]


def test_a_member_with_a_bad_crc_is_its_error_not_the_end_of_the_scan(tmp_path):
    data = bytearray(zip_of([("a.txt", "Patient Ann Lee"), ("b.txt", "Patient Bo Chan")]))
    at = data.index(b"Patient Ann Lee")
    data[at] = ord("p")  # stored (not compressed): the CRC-32 no longer matches
    (tmp_path / "bundle.zip").write_bytes(bytes(data))
    items, errors, _ = read(tmp_path)
    assert list(items) == ["bundle.zip!b.txt"]
    assert [e.item for e in errors] == ["bundle.zip!a.txt"] and "BadZipFile" in errors[0].reason and "CRC" in errors[0].reason


def test_an_exception_while_making_a_files_items_is_that_files_error(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_text("note\nfirst\n")
    (tmp_path / "b.txt").write_text("still read")
    monkeypatch.setattr("auditor.corpus.reader._csv_items", lambda *args, **kwargs: (_ for _ in ()).throw(_Unforeseen("boom")))
    items, errors, _ = read(tmp_path)
    assert list(items) == ["b.txt"]
    assert [(e.item, e.reason) for e in errors] == [("a.csv", "cannot read: _Unforeseen: boom")]


# -- locators unique by construction (issue 20 §2) ------------------------------------------------------------


def test_two_posts_with_the_same_id_are_both_read_the_second_located_by_its_line(tmp_path):
    (tmp_path / "posts.jsonl").write_text('{"id": "7", "text": "Ann Lee"}\n{"id": "7", "text": "Bo Chan"}\n')
    items, errors, _ = read(tmp_path)
    assert {locator: item.fields["text"] for locator, item in items.items()} == {
        "posts.jsonl#7": "Ann Lee",
        "posts.jsonl#7@line-2": "Bo Chan",
    }
    assert errors == []


def test_a_file_named_like_a_record_locator_is_escaped_and_cannot_take_the_records_place(tmp_path):
    (tmp_path / "collide.jsonl").write_text("".join(json.dumps({"id": str(n), "text": f"post {n}"}) + "\n" for n in range(1, 8)))
    (tmp_path / "collide.jsonl#7").write_text("MRN 48213907")
    (tmp_path / "a!b@c%d.txt").write_text("other")
    items, _, _ = read(tmp_path)
    assert items["collide.jsonl#7"].fields == {"text": "post 7"}
    assert items["collide.jsonl%237"].fields == {"text": "MRN 48213907"}
    assert "a%21b%40c%25d.txt" in items


def test_two_zip_members_with_the_same_name_are_both_read(tmp_path):
    (tmp_path / "bundle.zip").write_bytes(zip_of([("note.txt", "first copy"), ("note.txt", "second copy")]))
    items, errors, _ = read(tmp_path)
    assert {locator: item.fields["text"] for locator, item in items.items()} == {
        "bundle.zip!note.txt": "first copy",
        "bundle.zip!note.txt@2": "second copy",
    }
    assert errors == []


def test_a_control_character_in_a_file_name_never_reaches_a_locator(tmp_path):
    (tmp_path / "evil\x1b]0;owned\x07.txt").write_text("hi")
    items, _, _ = read(tmp_path)
    assert list(items) == ["evil%1B]0;owned%07.txt"]


# -- a medium shared by several posts (issue 20 §3) -------------------------------------------------------


def test_a_medium_shared_by_posts_is_read_once_and_linked_to_every_other_post(tmp_path):
    Image.new("RGB", (4, 4)).save(tmp_path / "scan.png")
    (tmp_path / "posts.jsonl").write_text(
        "".join(json.dumps({"id": f"p{n}", "text": "same scan", "media": ["scan.png"]}) + "\n" for n in range(3))
    )
    items, errors, links = read(tmp_path)
    assert items["scan.png"].parent == "posts.jsonl#p0"
    assert links == [MediaLink("posts.jsonl#p1", "scan.png"), MediaLink("posts.jsonl#p2", "scan.png")]
    assert errors == []


# -- every column and every string field (issue 20 §4, issue 19 §1) ------------------------------------------


def test_every_csv_column_is_read_with_its_header_as_context(tmp_path):
    (tmp_path / "patients.csv").write_text("id,patient_name,dob,mrn,phone,note\n1,Jane Roe,1961-03-02,48213907,617-555-0142,seen today\n")
    items, _, _ = read(tmp_path)
    assert items["patients.csv#row-1"].fields == {
        "id": "id: 1",
        "patient_name": "patient_name: Jane Roe",
        "dob": "dob: 1961-03-02",
        "mrn": "mrn: 48213907",
        "phone": "phone: 617-555-0142",
        "note": "seen today",
    }


def test_every_string_of_a_post_record_is_read_by_its_path(tmp_path):
    record = {
        "id": "1",
        "text": "hi",
        "user": {"location": "Boston", "bio": "RN at Mercy"},
        "extra": [{"note": "MRN 4821"}],
        "lang": "en",
        "favorite_count": "3",
    }
    (tmp_path / "posts.jsonl").write_text(json.dumps(record) + "\n")
    items, errors, _ = read(tmp_path)
    assert items["posts.jsonl#1"].fields == {
        "text": "hi",
        "user.location": "Boston",
        "user.bio": "RN at Mercy",
        "extra[0].note": "MRN 4821",
    }
    assert errors == []


def test_a_record_nested_past_the_bound_is_read_to_the_bound_and_the_cut_is_its_error(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_RECORD_DEPTH", 5)
    deep: object = "Jane Roe"
    for _ in range(8):
        deep = [deep]
    (tmp_path / "posts.jsonl").write_text(json.dumps({"id": "d", "text": "top", "attachments": [["shallow"], deep]}) + "\n")
    items, errors, _ = read(tmp_path)
    assert items["posts.jsonl#d"].fields == {"text": "top", "attachments[0][0]": "shallow"}
    assert [(e.item, e.reason) for e in errors] == [
        ("posts.jsonl#d", "`attachments[1][0][0][0]` nests deeper than 5 levels; what is inside it is not scanned")
    ]


def test_a_record_with_too_many_strings_says_where_reading_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_RECORD_STRINGS", 3)
    (tmp_path / "posts.jsonl").write_text(json.dumps({"id": "w", "text": "a", "tags": ["b", "c", "d", "e"]}) + "\n")
    items, errors, _ = read(tmp_path)
    assert list(items["posts.jsonl#w"].fields) == ["text", "tags[0]", "tags[1]"]
    assert len(errors) == 1 and "`tags[2]` and what follows it are not scanned" in errors[0].reason


def test_fifty_thousand_nested_arrays_are_a_recorded_error_not_a_stall(tmp_path):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "ok", "text": "fine"}\n{"id": "deep", "text": ' + "[" * 50_000 + '"a"' + "]" * 50_000 + "}\n"
    )
    items, errors, _ = read(tmp_path)
    assert list(items) == ["posts.jsonl#ok"]
    assert [e.item for e in errors] == ["posts.jsonl#line-2"] and "nested too deeply" in errors[0].reason


# -- no raw value in a date (issue 20 §5) ----------------------------------------------------------------


def test_a_created_at_that_is_not_a_time_is_not_kept_as_the_date_but_read_as_text(tmp_path):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "1", "text": "hi", "created_at": "Jane Roe 617-555-0142"}\n{"id": "2", "text": "x", "created_at": "2024-05-01T10:00:00Z"}\n'
    )
    items, _, _ = read(tmp_path)
    assert items["posts.jsonl#1"].created_at is None
    assert items["posts.jsonl#1"].fields["created_at"] == "Jane Roe 617-555-0142"
    assert items["posts.jsonl#2"].created_at == "2024-05-01T10:00:00Z" and "created_at" not in items["posts.jsonl#2"].fields


# -- time-of-check races (issue 20 §6) ----------------------------------------------------------------------


def _swapped_after_listing(tmp_path: Path, swap) -> tuple[FolderTree, str]:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "note.txt").write_text("harmless")
    tree = FolderTree(root)
    assert list(tree.walk()) == ["note.txt"]
    (root / "note.txt").unlink()
    swap(root / "note.txt")
    return tree, "note.txt"


def test_a_file_swapped_for_a_link_leaving_the_root_after_listing_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SSN 123-45-6789")
    tree, name = _swapped_after_listing(tmp_path, lambda path: path.symlink_to(secret))
    with pytest.raises(OSError):
        tree.read(name)


def test_a_file_swapped_for_a_fifo_after_listing_is_refused_without_hanging(tmp_path):
    tree, name = _swapped_after_listing(tmp_path, os.mkfifo)
    with pytest.raises(trees.FileChanged, match="no longer a regular file"):
        tree.read(name)


def test_a_file_replaced_by_another_after_listing_is_refused(tmp_path):
    tree, name = _swapped_after_listing(tmp_path, lambda path: path.write_text("another file"))
    with pytest.raises(trees.FileChanged, match="replaced by another file"):
        tree.read(name)


def test_a_folder_swapped_for_a_link_leaving_the_root_is_refused(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "note.txt").write_text("harmless")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "note.txt").write_text("SSN 123-45-6789")
    tree = FolderTree(root)
    assert list(tree.walk()) == ["sub/note.txt"]
    os.rename(root / "sub", tmp_path / "moved")
    (root / "sub").symlink_to(outside)
    with pytest.raises(trees.FileChanged):
        tree.read("sub/note.txt")


# -- the scan's own files (issue 20 §1) --------------------------------------------------------------------


def test_a_file_this_process_holds_open_is_listed_as_never_read(tmp_path):
    (tmp_path / "note.txt").write_text("read me")
    with open(tmp_path / "audit.db", "wb") as held:
        held.write(b"SQLite format 3\x00")
        held.flush()
        items, errors, _ = read(tmp_path)
    assert list(items) == ["note.txt"]
    assert [e.item for e in errors] == ["audit.db"] and "never read as corpus" in errors[0].reason


# -- a text that begins "BM" (issue 20 §9) --------------------------------------------------------------------


def test_a_note_beginning_bm_is_text_unless_it_opens_as_a_bmp(tmp_path):
    (tmp_path / "note.txt").write_text("BMI 31 per Dr. Jane Roe")
    Image.new("RGB", (2, 2)).save(tmp_path / "real.bmp")
    items, errors, _ = read(tmp_path)
    assert items["note.txt"].kind == "text" and items["note.txt"].fields["text"].startswith("BMI 31")
    assert items["real.bmp"].kind == "image"
    assert errors == []
