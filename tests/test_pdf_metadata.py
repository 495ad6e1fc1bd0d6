"""PDF metadata scanner: the Info dictionary and XMP, software and document dates as near misses, encryption,
and bad input. PDFs are made here with pypdf."""

from __future__ import annotations

import importlib.util
import io
import pathlib

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, StreamObject

from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.scanners.pdf_metadata import PdfMetadataError, PdfMetadataScanner, read_entries

KEEPER = EvidenceKeeper(b"p" * 32)

XMP = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
  pdf:Producer="Microsoft\xc2\xae Word for Microsoft 365" xmp:CreatorTool="Adobe Acrobat Pro DC 23.1"
  xmp:CreateDate="2023-04-05T10:11:12Z" xmp:ModifyDate="2023-04-06T09:00:00Z"
  xmpMM:DocumentID="uuid:1c2d3e4f-5a6b-7c8d-9e0f-112233445566" pdf:Keywords="asthma; inhaler">
 <dc:creator><rdf:Seq><rdf:li>Maria Gonzalez</rdf:li></rdf:Seq></dc:creator>
 <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Lab results for Robert Miller</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


@pytest.fixture(scope="module")
def scanner() -> PdfMetadataScanner:
    return PdfMetadataScanner()


def pdf(metadata: dict[str, str] | None = None, xmp: bytes | None = None, **encrypt: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    if metadata:
        writer.add_metadata(metadata)
    if xmp is not None:
        stream = StreamObject()
        stream.set_data(xmp)
        stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    if encrypt:
        writer.encrypt(algorithm="RC4-128", **encrypt)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scan(scanner: PdfMetadataScanner, data: bytes) -> set[tuple[str, str, str | None, str | None, tuple[int, int] | None]]:
    findings = scanner.scan_batch([Item("doc.pdf", "pdf", "h", payload=data)], KEEPER)[0]
    for finding in findings:
        assert finding.source == "metadata" and finding.scanner == "pdf_metadata" and finding.item == "doc.pdf"
    return {(f.field, f.entity, f.identifier, f.health, f.span) for f in findings}


INFO = {
    "/Author": "Maria Gonzalez",
    "/Title": "Discharge summary",
    "/Subject": "Robert Miller, type 2 diabetes",
    "/Keywords": "asthma, metformin",
    "/Creator": "Microsoft\u00ae Word for Microsoft 365",
    "/Producer": "Adobe Acrobat Pro DC 23.1",
    "/CreationDate": "D:20230405101112Z",
    "/ModDate": "D:20230406090000Z",
}
INFO_FINDINGS = {
    ("PDF:Author", "AUTHOR", "names", None, (0, 14)),
    ("PDF:Subject", "PERSON", "names", None, (0, 13)),
    ("PDF:Subject", "CONDITION", None, "condition", (15, 30)),
    ("PDF:Keywords", "CONDITION", None, "condition", (0, 6)),
    ("PDF:Keywords", "MEDICATION", None, "medication", (8, 17)),
}


def test_info_dictionary(scanner: PdfMetadataScanner) -> None:
    assert scan(scanner, pdf(INFO)) == INFO_FINDINGS


def test_author_evidence_and_digest(scanner: PdfMetadataScanner) -> None:
    (finding,) = scanner.scan_batch([Item("d", "pdf", "h", payload=pdf({"/Author": "Maria Gonzalez"}))], KEEPER)[0]
    assert finding.evidence == "M**** G*******"
    assert finding.digest == KEEPER.digest("gonzalez maria", "names") == KEEPER.digest("GONZALEZ^MARIA", "names")


def test_custom_info_keys_are_free_text(scanner: PdfMetadataScanner) -> None:
    assert scan(scanner, pdf({"/PatientPhone": "Call 617-555-0199 for results"})) == {
        ("PDF:PatientPhone", "PHONE_NUMBER", "phone", None, (5, 17))
    }


def test_software_and_document_dates_are_not_findings(scanner: PdfMetadataScanner) -> None:
    software = {
        "/Creator": "macOS Version 13.4 (Build 22F66) Quartz PDFContext",
        "/Producer": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0",
        "/CreationDate": "D:20230405101112Z",
        "/ModDate": "D:20230406090000Z",
        "/Title": "Untitled",
        "/Trapped": "/False",
    }
    assert scan(scanner, pdf(software)) == set()
    assert scan(scanner, pdf()) == set()


def test_contact_in_software_string_is_found(scanner: PdfMetadataScanner) -> None:
    assert scan(scanner, pdf({"/Producer": "Scanned by jane.roe@example.org"})) == {
        ("PDF:Producer", "EMAIL_ADDRESS", "email", None, (11, 31))
    }


def test_xmp_metadata(scanner: PdfMetadataScanner) -> None:
    assert scan(scanner, pdf(xmp=XMP)) == {
        ("XMP:dc:creator", "AUTHOR", "names", None, (0, 14)),
        ("XMP:dc:title", "LAB_TEST", None, "lab_test", (0, 11)),  # "Lab results": the text scanner's call
        ("XMP:dc:title", "PERSON", "names", None, (16, 29)),
        ("XMP:pdf:Keywords", "CONDITION", None, "condition", (0, 6)),
    }


def test_encrypted_with_empty_user_password_is_read(scanner: PdfMetadataScanner) -> None:
    assert scan(scanner, pdf(INFO, user_password="", owner_password="owner-secret")) == INFO_FINDINGS


def test_encrypted_with_a_real_password_says_so() -> None:
    with pytest.raises(PdfMetadataError, match="^encrypted PDF: the empty password does not open it"):
        read_entries(pdf(INFO, user_password="secret", owner_password="owner-secret"))


def test_bad_input_raises_one_clear_line() -> None:
    good = pdf(INFO)
    for data in (b"", b"%PDF-1.7\n", bytes(range(256)) * 20, b"%PDF-1.4\n" + bytes(range(256)) * 20):
        with pytest.raises(PdfMetadataError) as raised:
            read_entries(data)
        assert str(raised.value) and "\n" not in str(raised.value)
    # Cut in the middle, a PDF either still gives its Info (pypdf rebuilds the xref) or a clear error.
    try:
        read_entries(good[: len(good) * 2 // 3])
    except PdfMetadataError as error:
        assert "\n" not in str(error)


def test_deid_data_files_never_crash() -> None:
    spec = importlib.util.find_spec("deid_data")
    if spec is None or spec.origin is None:
        pytest.skip("deid-data is not installed")
    for path in sorted(pathlib.Path(spec.origin).parent.rglob("*.dcm")):
        with pytest.raises(PdfMetadataError, match="^not a PDF"):
            read_entries(path.read_bytes())


def test_mutated_pdfs_raise_only_clear_errors() -> None:
    import random
    import time

    seeds = [pdf(INFO, xmp=XMP), pdf(INFO, user_password="", owner_password="owner-secret")]
    rng = random.Random(5)
    started = time.monotonic()
    for seed in seeds:
        for _ in range(100):
            data = bytearray(seed)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            if rng.random() < 0.3:
                data = data[: rng.randrange(1, len(data))]
            try:
                read_entries(bytes(data))
            except PdfMetadataError as error:
                assert "\n" not in str(error)
    assert time.monotonic() - started < 10
