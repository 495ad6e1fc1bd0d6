"""Property-based tests (hypothesis) of the readers and recognizers: on any input they either read it or say why,
in their own one error type, and never drop a file or a record silently. Every file in tests/fuzz_crashes/
(inputs the atheris targets in fuzz/ once crashed on) is replayed too.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.corpus import read_corpus
from auditor.corpus.decode import decode_text
from auditor.corpus.exports import PostRecord, RecordError, read_export
from auditor.corpus.locators import escaped
from auditor.corpus.sniff import sniff
from auditor.evidence import folded, mask
from auditor.media.dicom import DicomReadError, read_header
from auditor.model import Item
from auditor.scanners.image_metadata.scanner import ImageMetadataError, read_entries
from auditor.scanners.text.recognizers import custom_recognizers
from tests.hostile.make_hostile import dicom_bytes, jpeg_bytes, png_bytes

CRASHES = Path(__file__).parent / "fuzz_crashes"
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["id", "text", "author", "media", "created_at", "title", "x"]), children, max_size=5)
    ),
    max_leaves=20,
)


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """`seed` with a few bytes overwritten, a slice cut out or inserted, and possibly truncated."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip" and data:
            data[position] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[position : position + draw(st.integers(1, 16))]
        else:
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@FAST
@given(st.binary(max_size=2048))
def test_any_bytes_decode_to_text_and_sniff_to_a_known_kind(data):
    text, encoding = decode_text(data)
    assert isinstance(text, str) and encoding
    assert sniff(data[:512], "file.bin") in {"dicom", "image", "pdf", "zip", "text", "binary"}


@FAST
@given(st.text(max_size=2000), st.sampled_from(["jsonl", "json", "x-archive", "reddit"]))
def test_any_text_read_as_an_export_gives_records_or_reasons(text, fmt):
    records = list(read_export(fmt, text).records)  # a JSON Lines export's records are made as they are read
    assert all(isinstance(record, (PostRecord, RecordError)) for record in records)
    assert all(record.reason for record in records if isinstance(record, RecordError))


@FAST
@given(st.lists(json_values, max_size=12))
def test_every_line_of_a_jsonl_export_is_a_post_or_a_reason(entries):
    lines = [json.dumps(entry) for entry in entries]
    records = list(read_export("jsonl", "\n".join(lines)).records)
    assert len(records) == len(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12).filter(lambda n: n not in {".", ".."}),
        st.binary(max_size=600),
        min_size=1,
        max_size=6,
    )
)
def test_every_file_of_a_folder_is_an_item_or_an_error_never_dropped(files):
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        entries = list(read_corpus([folder]))
    locators = [e.locator if isinstance(e, Item) else e.item for e in entries]
    for name in files:
        located = escaped(name)  # separators, `%` and control characters in a name are percent-encoded
        assert any(locator == located or locator.startswith((f"{located}#", f"{located}!")) for locator in locators), (name, locators)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.sampled_from("ab./\\:C"), min_size=1, max_size=10), min_size=1, max_size=6, unique=True))
def test_no_archive_member_read_leaves_the_archive(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name), b"text")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.zip").write_bytes(buffer.getvalue())
        entries = list(read_corpus([folder]))
    for entry in entries:
        if isinstance(entry, Item):
            member = entry.locator.split("!", 1)[1].replace("\\", "/")
            assert not member.startswith("/") and ".." not in member.split("/") and member[1:2] != ":", member


def read_or_explain(reader, allowed: type[Exception], data: bytes) -> None:
    """`reader(data)` either returns or raises `allowed` with a one-line reason."""
    try:
        reader(data)
    except allowed as error:
        assert str(error) and "\n" not in str(error)


@FAST
@given(mutated(dicom_bytes("DOE^JANE")))
def test_a_damaged_dicom_header_is_read_or_refused_with_a_dicom_read_error(data):
    read_or_explain(read_header, DicomReadError, data)


@FAST
@given(st.one_of(mutated(png_bytes("Patient Dana Whitfield 617-555-0142")), mutated(jpeg_bytes())))
def test_damaged_image_metadata_is_read_or_refused_with_an_image_metadata_error(data):
    read_or_explain(read_entries, ImageMetadataError, data)


@FAST
@given(st.text(max_size=200))
def test_masking_keeps_the_shape_and_hides_every_digit_and_all_but_first_letters(value):
    masked = mask(value)
    assert not any(character.isdigit() for character in masked)
    # at most one letter of each word shows: its first (decorated letters are folded first, so `J̲a̲n̲e̲` is one word)
    assert all(len(run) == 1 for run in re.findall(r"[^\W\d_]+", masked)), masked
    assert mask(value, "mrn") == re.sub(r"[^\W_]", "*", folded(value))


RECOGNIZERS = custom_recognizers()
recognizer_text = st.text(st.sampled_from("0123456789 -/.()@:#ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz,^\n"), max_size=300)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recognizer_text)
def test_each_recognizer_reports_spans_inside_the_text_and_never_raises(text):
    for recognizer in RECOGNIZERS:
        results = recognizer.analyze(text, recognizer.supported_entities, None) or []
        assert_inside(text, [(r.entity_type, r.start, r.end) for r in results])
        assert all(0.0 <= r.score <= 1.0 for r in results)


def assert_inside(text: str, spans) -> None:
    for entity, start, end in spans:
        assert 0 <= start < end <= len(text), (entity, start, end)


def test_inputs_that_once_crashed_a_fuzz_target_are_now_handled():
    """Replays tests/fuzz_crashes/<target>/*; fuzz/run.py has found no crash so far, so the folder is empty."""
    readers = {"fuzz_dicom": (read_header, DicomReadError), "fuzz_image_metadata": (read_entries, ImageMetadataError)}
    for crash in sorted(CRASHES.glob("*/*")) if CRASHES.is_dir() else []:
        data = crash.read_bytes()
        if crash.parent.name == "fuzz_exports":
            for fmt in ("jsonl", "json", "x-archive", "reddit"):
                read_export(fmt, decode_text(data)[0])
        else:
            read_or_explain(*readers[crash.parent.name], data)
