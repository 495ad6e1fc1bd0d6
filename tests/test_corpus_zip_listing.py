"""The member list of a zip is read from its central directory one entry at a time (issue 20 §9): an archive of
very many tiny members costs a name and an offset per member, not a ZipInfo, and every member is still read as
zipfile would read it (zip64, data prepended to the archive, compression, CRC-32)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest

from auditor.corpus.trees import ZipTree

#: Bytes a member's listing may cost: its name, its central entry's offset and a dict slot (zipfile's ZipInfo is ~600).
BYTES_PER_MEMBER = 250


def zip_of(members: list[tuple[str, bytes]], **options) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", **options) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def listing_peak(make) -> float:
    tracemalloc.start()
    try:
        made = make()
        return tracemalloc.get_traced_memory()[1], made
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # 20,000 members listed twice under tracemalloc
def test_listing_an_archive_of_many_tiny_members_keeps_no_zipinfo_per_member():
    count = 20_000
    data = zip_of([(f"m{n:07d}.txt", b"x") for n in range(count)])
    peak, tree = listing_peak(lambda: ZipTree(data, "many.zip!"))
    zipfile_peak, _ = listing_peak(lambda: zipfile.ZipFile(io.BytesIO(data)))
    assert peak / count < BYTES_PER_MEMBER < zipfile_peak / count
    names = list(tree.walk())
    assert len(names) == count and tree.read(names[-1]) == b"x"


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_every_member_reads_back_as_written_whatever_its_compression(compression):
    members = [("a.txt", b"first " * 50), ("dir/b.txt", b"second"), ("dir/", b"")]
    tree = ZipTree(zip_of(members, compression=compression), "z.zip!")
    assert {name: tree.read(name) for name in tree.walk()} == {"a.txt": b"first " * 50, "dir/b.txt": b"second"}


def test_a_zip64_archive_and_one_with_bytes_before_it_are_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, archive.open("big.txt", "w", force_zip64=True) as member:
        member.write(b"zip64 member")
    assert ZipTree(buffer.getvalue(), "").read("big.txt") == b"zip64 member"
    prepended = b"#!/bin/sh\nexec unzip\n" + zip_of([("inside.txt", b"after a stub")])
    assert ZipTree(prepended, "").read("inside.txt") == b"after a stub"


def test_a_member_whose_bytes_do_not_match_its_crc_is_an_error_not_data():
    data = bytearray(zip_of([("note.txt", b"original text")]))
    data[data.index(b"original")] = ord("O")
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        ZipTree(bytes(data), "").read("note.txt")


def test_an_encrypted_member_is_refused_with_its_reason():
    data = bytearray(zip_of([("secret.txt", b"x")]))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flag_at
        data[at] |= 0x1
    with pytest.raises(RuntimeError, match="encrypted"):
        ZipTree(bytes(data), "").read("secret.txt")


def test_a_truncated_central_directory_is_an_error():
    data = zip_of([("a.txt", b"a"), ("b.txt", b"b")])
    cut = data.index(b"PK\x01\x02") + 10
    with pytest.raises(zipfile.BadZipFile):
        ZipTree(data[:cut] + data[-22:], "")


def test_a_member_whose_local_name_differs_from_its_central_entry_is_refused():
    data = bytearray(zip_of([("a.txt", b"a")]))
    at = data.index(b"PK\x03\x04") + 30
    data[at : at + 5] = b"b.txt"
    with pytest.raises(zipfile.BadZipFile, match="differs"):
        ZipTree(bytes(data), "").read("a.txt")
