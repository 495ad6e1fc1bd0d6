"""Reading a DICOM header from bytes, without decoding (or even reading) the pixels.

Accepts a Part 10 file (128-byte preamble + `DICM` + file meta), a file that starts with `DICM` (preamble
stripped), and a bare data set (no preamble, no meta: implicit or explicit VR, little or big endian); deflated
transfer syntax is inflated by pydicom. Anything else raises `DicomReadError` with a one-line reason: pydicom's
`force=True` alone would turn any bytes into a one-element "data set".
"""

from __future__ import annotations

import functools
import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.multival import MultiValue
from pydicom.uid import DeflatedExplicitVRLittleEndian

from auditor.terminal import masked_quotes

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

STRING_VRS = frozenset({"AE", "AS", "CS", "DA", "DT", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"})
#: String VRs pydicom never splits at `\\`.
_SINGLE_VALUED_VRS = frozenset({"LT", "ST", "UR", "UT"})
#: A bare data set starts with a group 0002, 0004 or 0008 tag (little- or big-endian).
_BARE_FIRST_GROUPS = (b"\x02\x00", b"\x04\x00", b"\x08\x00", b"\x00\x02", b"\x00\x04", b"\x00\x08")


class DicomReadError(ValueError):
    """The bytes are not a readable DICOM header; the message is one line."""


def looks_like_dicom(payload: bytes) -> bool:
    if len(payload) >= 132 and payload[128:132] == b"DICM":
        return True
    if payload.startswith(b"DICM"):
        return True
    return len(payload) >= 8 and payload[:2] in _BARE_FIRST_GROUPS


#: While `headers_kept` is open: id(payload) -> (payload, the data set last read from it or the error it raised).
#: A context variable, so that two scans in two threads of one process (a Dask worker's) keep apart.
_kept: ContextVar[dict[int, tuple[bytes, Dataset | DicomReadError]] | None] = ContextVar("dicom_headers_kept", default=None)


@contextmanager
def headers_kept() -> Iterator[None]:
    """Within the block, `read_header` keeps what it reads, for a later reader of the same payload that asks to
    `reuse` it: the header scanner and the quasi-identifiers of a batch read the same headers, and parsing them twice
    was a quarter of a headers-only scan's work. A payload is told by identity (and held, so that its id stays its
    own); what was kept goes when the block ends, so memory stays that of the batch, whose items hold the payloads."""
    outer = _kept.get()
    token = _kept.set({} if outer is None else outer)
    try:
        yield
    finally:
        _kept.reset(token)


def read_header(payload: bytes | None, reuse: bool = False) -> Dataset:
    """The data set in `payload`, up to (not including) the pixel data. Raises DicomReadError.

    With `reuse`, inside `headers_kept`, the data set read last from this very payload, as its reader left it (the
    values it read are converted in place): fine for reading values, not for `truncation`, which needs the elements
    as read, so the header scanner always reads afresh (its batch may be read again item by item)."""
    kept = _kept.get()
    known = kept.get(id(payload)) if kept is not None and reuse else None
    if known is not None and known[0] is payload:
        if isinstance(known[1], DicomReadError):
            raise DicomReadError(*known[1].args)
        return known[1]
    try:
        dataset = _read_header(payload)
    except DicomReadError as error:
        _keep(payload, error)
        raise
    _keep(payload, dataset)
    return dataset


def _keep(payload: bytes | None, read: Dataset | DicomReadError) -> None:
    kept = _kept.get()
    if kept is not None and payload:
        kept[id(payload)] = (payload, read)


def _read_header(payload: bytes | None) -> Dataset:
    from pydicom import dcmread

    if not payload:
        raise DicomReadError("not a DICOM file: empty payload")
    if not looks_like_dicom(payload):
        raise DicomReadError(f"not a DICOM file: no DICM prefix and no DICOM group 0002/0008 at the start ({len(payload)} bytes)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            dataset = dcmread(_file_of(payload), stop_before_pixels=True, force=True)
        except Exception as error:
            raise DicomReadError(f"unreadable DICOM header: {type(error).__name__}: {_one_line(error)}") from None
    dataset.buffer = None  # every value is read (no deferred ones): the file's bytes, a copy when a preamble was put back, can go
    if len(dataset) == 0:
        raise DicomReadError("unreadable DICOM header: no data elements after the file meta")
    return dataset


def without_pixels(payload: bytes) -> bytes:
    """The bytes of `payload` that `read_header` reads: everything before the top-level pixel data element
    (7FE0,0010 or its float forms), so that a header-only scan need not ship the pixels to a worker.

    Exact, because pydicom finds the element: `read_header` of the result is `read_header` of `payload`. Anything
    it cannot cut exactly (deflated transfer syntax, no pixel data, an unreadable header) comes back whole.
    """
    from pydicom import dcmread

    if not looks_like_dicom(payload):
        return payload
    file = _file_of(payload)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            dataset = dcmread(file, stop_before_pixels=True, force=True)
        except Exception:
            return payload
    end = file.tell() - _PREAMBLE_ADDED * payload.startswith(b"DICM")
    meta = getattr(dataset, "file_meta", None)
    if meta is not None and meta.get("TransferSyntaxUID") == DeflatedExplicitVRLittleEndian:
        return payload  # `end` counts inflated bytes
    if payload[end : end + 4] not in _PIXEL_TAG_BYTES[dataset.original_encoding[1] is not False]:
        return payload  # stopped by something else than pixel data (an odd delimiter): keep it all
    return payload[:end]


#: Zero bytes put before a file that starts with `DICM` (its preamble stripped), so that pydicom reads it.
_PREAMBLE_ADDED = 128
#: The tags `stop_before_pixels` stops at.
_PIXEL_TAGS = (0x7FE00010, 0x7FE00008, 0x7FE00009)
#: Those tags as bytes, by byte order (little endian: True).
_PIXEL_TAG_BYTES = {
    little: {struct.pack("<HH" if little else ">HH", tag >> 16, tag & 0xFFFF) for tag in _PIXEL_TAGS} for little in (True, False)
}


def _file_of(payload: bytes) -> io.BytesIO:
    """A file pydicom reads `payload` from: with a preamble put back when it starts at `DICM`."""
    return io.BytesIO(b"\x00" * _PREAMBLE_ADDED + payload if payload.startswith(b"DICM") else payload)


def _one_line(error: BaseException) -> str:
    """pydicom's message on one line, with the values it quotes masked (auditor/terminal.py)."""
    text = " ".join(str(error).split())
    return masked_quotes(text[:200])


def truncation(dataset: Dataset) -> str | None:
    """Why the header is cut short, or None: pydicom keeps a value shorter than its declared length, without a
    word, when the file ends first. Call before the elements are read (reading converts them)."""
    for tag, element in dataset._dict.items():  # the raw elements as read (get_item per tag costs a Tag each)
        length, value = getattr(element, "length", None), getattr(element, "value", None)
        if isinstance(value, bytes) and length not in (None, 0xFFFFFFFF) and len(value) < length:
            return f"header truncated: element {tag} declares {length} bytes, the file holds {len(value)}"
    return None


def plain_strings(tag: int, raw: object) -> tuple[str, list[str]] | None:
    """(VR, values) of a standard string element read straight from its bytes, or None to let pydicom convert it.

    pydicom's conversion (character sets, value classes such as PersonName, validation) was most of a header's
    time. Plain ASCII needs none of it in any DICOM character set, so those values are split and trimmed here as
    pydicom would (trailing spaces and NULs, `\\` between values of a multi-valued VR); anything else, and every
    escape sequence of ISO 2022, still goes through pydicom.
    """
    if not isinstance(raw, RawDataElement) or tag >> 16 & 1 or not isinstance(raw.value, bytes):
        return None
    vr = raw.VR or dictionary_vr(tag)
    if vr not in STRING_VRS or not raw.value.isascii() or b"\x1b" in raw.value:
        return None
    text = raw.value.decode("ascii")
    if vr in _SINGLE_VALUED_VRS:
        return vr, [text.rstrip("\x00 ")]
    return vr, [value.rstrip("\x00 ") for value in text.rstrip("\x00 ").split("\\")]


def string_values(dataset: Dataset, keyword: str) -> list[str] | None:
    """The values of a top-level element as strings, None when it is absent: from its bytes when `plain_strings`
    can, else as pydicom converts them."""
    tag = tag_for_keyword(keyword)
    raw = dataset.get_item(tag) if tag is not None else None
    if tag is None or raw is None:
        return None
    plain = plain_strings(tag, raw)
    if plain is not None:
        return plain[1]
    value = dataset[tag].value
    if value is None:
        return None
    return [str(v) for v in value] if isinstance(value, MultiValue) else [str(value)]


@functools.lru_cache(maxsize=8192)  # bounded: a hostile header can hold any number of distinct tags
def dictionary_vr(tag: int) -> str | None:
    try:
        return dictionary_VR(tag)
    except KeyError:
        return None
