"""HTML, XML and Office files are read as documents: the text a reader sees (health terms beside a tag are words,
not `diabetes</p>`), offsets that map back to the source, who wrote the file (author, last modified by), and a
document type that is not read reported as not scanned, never read as something else."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import scan
from auditor.corpus import read_corpus
from auditor.corpus.markup import (
    DocumentError,
    extract_html,
    extract_xml,
    read_document,
    source_places,
)
from auditor.model import Item, ItemError
from auditor.store import FindingsStore
from tests.store_sql import rows as store_rows

SCANNERS = ["text", "document_metadata"]


MARKUP = {
    "a.html": b"<p>John Smith has diabetes</p>",
    "b.html": b"<p>John Smith has diabetes </p>",
    "c.html": b"<html><body><p>John Smith takes <b>metformin</b></p></body></html>",
    "d.xml": b'<?xml version="1.0"?><note><who>John Smith</who><dx>diabetes</dx></note>',
}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> tuple[dict[str, str], list[tuple]]:
    """One scan of the markup and Office files below: each item's risk, and every finding."""
    corpus = tmp_path_factory.mktemp("markup")
    for name, data in {**MARKUP, "note.docx": _docx(), "sheet.xlsx": _xlsx(), "letter.odt": _odt()}.items():
        (corpus / name).write_bytes(data)
    store = corpus.parent / f"{corpus.name}.db"
    scan([corpus], store, scanner_names=SCANNERS)
    with FindingsStore.open_existing(store, read_only=True) as opened:
        verdicts = {v.item: v.risk for v in opened.verdicts("hipaa-safe-harbor")}
        findings = store_rows(opened, "SELECT item, source, field, entity, identifier, health FROM findings ORDER BY item, field")
    return verdicts, findings


def test_health_terms_next_to_tags_are_found_as_in_plain_text(scanned):
    verdicts, findings = scanned
    assert {item: verdicts[item] for item in MARKUP} == {"a.html": "high", "b.html": "high", "c.html": "high", "d.xml": "high"}
    assert ("c.html", "text", "text", "MEDICATION", None, "medication") in findings


def test_scripts_and_styles_are_not_text_but_alt_text_is():
    extracted = extract_html('<style>p{color:red}</style><script>var name="x";</script><img alt="X-ray of Ann Lee"><p>ok</p>')
    assert "color" not in extracted.text and "var" not in extracted.text
    assert "X-ray of Ann Lee" in extracted.text and "ok" in extracted.text


def test_offsets_map_back_to_the_source():
    html = "<div>\n  <p>Patient <b>Jane&nbsp;Roe</b> has <i>asthma</i></p></div>"
    extracted = extract_html(html)
    start = extracted.text.index("asthma")
    assert html[extracted.source_offset(start) : extracted.source_offset(start) + 6] == "asthma"
    xml = b'<?xml version="1.0"?><r><a>metformin</a> <b>Jane</b></r>'
    extracted = extract_xml(xml)
    start = extracted.text.index("Jane")
    assert xml[extracted.source_offset(start) : extracted.source_offset(start) + 4] == b"Jane"


def test_xml_that_declares_entities_is_refused():
    with pytest.raises(DocumentError, match="entities"):
        extract_xml(b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaa">]><l>&a;&a;</l>')


def _saved(document) -> bytes:
    """The bytes of a document as its library saves it (python-docx, openpyxl and odfpy all `save` to a stream)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Visit note: the patient has asthma.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Patient", "Mary Major"
    document.core_properties.author = "Jane Roe"
    document.core_properties.last_modified_by = "Bob Stone"
    return _saved(document)


def _xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["name", "diagnosis"])
    workbook.active.append(["Mary Major", "asthma"])
    workbook.properties.creator = "Jane Roe"
    workbook.properties.lastModifiedBy = "Bob Stone"
    return _saved(workbook)


def _odt() -> bytes:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="Mary Major has asthma."))
    document.meta.addElement(meta.InitialCreator(text="Jane Roe"))
    document.meta.addElement(dc.Creator(text="Bob Stone"))
    return _saved(document)


def test_office_documents_are_read_with_their_authors(scanned):
    verdicts, findings = scanned
    assert {item: verdicts[item] for item in ("note.docx", "sheet.xlsx", "letter.odt")} == {
        "note.docx": "high",
        "sheet.xlsx": "high",
        "letter.odt": "high",
    }
    authors = {(item, field) for item, source, field, entity, _, _ in findings if source == "metadata" and entity == "AUTHOR"}
    assert {
        ("note.docx", "Office:creator"),
        ("note.docx", "Office:lastModifiedBy"),
        ("sheet.xlsx", "Office:lastModifiedBy"),
        ("letter.odt", "ODF:initial-creator"),
        ("letter.odt", "ODF:creator"),
    } <= authors
    assert not [f for f in findings if f[2].startswith("word/") or f[2].endswith(".xml")], "no XML part is read as text"


def _zip(path: Path, members: dict[str, str]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    path.write_bytes(buffer.getvalue())
    return path


def test_an_office_type_that_is_not_read_is_reported_not_scanned(tmp_path):
    slides = _zip(
        tmp_path / "slides.pptx",
        {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation>Jane Roe has asthma</p:presentation>"},
    )
    (entry,) = list(read_corpus([slides]))
    assert isinstance(entry, ItemError) and entry.reason.startswith("not scanned: pptx")


def test_an_ordinary_zip_is_still_an_archive(tmp_path):
    bundle = _zip(tmp_path / "bundle.zip", {"inner/note.txt": "hello"})
    assert [e.locator for e in read_corpus([bundle]) if isinstance(e, Item)] == ["bundle.zip!inner/note.txt"]


def test_a_zip_that_only_starts_like_an_office_file_is_still_an_archive(tmp_path):
    book = _zip(tmp_path / "book.zip", {"mimetype": "application/epub+zip", "notes/a.txt": "hello"})
    assert [e.locator for e in read_corpus([book]) if isinstance(e, Item)] == ["book.zip!mimetype", "book.zip!notes/a.txt"]


def test_a_document_whose_properties_no_scanner_read_is_not_fully_scanned(tmp_path):
    """Fail closed: with the text scanner alone a document's authors stay unread, so it is not reported as
    fully scanned; a plain note beside it has no properties and is."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.docx").write_bytes(_docx())
    (corpus / "plain.txt").write_text("John Smith has diabetes", encoding="utf-8")
    scan([corpus], tmp_path / "audit.db", scanner_names=["text"])
    with FindingsStore.open_existing(tmp_path / "audit.db", read_only=True) as store:
        complete = {item.locator: item.complete for item in store.items()}
        unread = [(e.item, e.stage) for e in store.errors() if "metadata" in e.reason]
    assert complete == {"note.docx": False, "plain.txt": True}
    assert unread == [("note.docx", "not_scanned")]


@pytest.fixture(scope="module")
def placed(tmp_path_factory) -> dict[str, list[tuple[str, str, str]]]:
    """Each document scanned by the text scanner, and each text finding's (entity, place, what is at that place in
    the source) where the source can be sliced (HTML and XML bytes); '' for Office places."""
    corpus = tmp_path_factory.mktemp("placed")
    documents = {
        "page.html": b"<html><body>\n<p>Patient <b>Mary&nbsp;Major</b> has <i>asthma</i></p></body></html>",
        "note.xml": '<?xml version="1.0"?><note><who>José Álvarez</who><dx>asthma</dx></note>'.encode(),
        "note.docx": _docx(),
        "sheet.xlsx": _xlsx(),
        "letter.odt": _odt(),
    }
    for name, data in documents.items():
        (corpus / name).write_bytes(data)
    scan([corpus], corpus.parent / "placed.db", scanner_names=SCANNERS)
    with FindingsStore.open_existing(corpus.parent / "placed.db", read_only=True) as opened:
        findings = [f for f in opened.findings() if f.source == "text" and f.span]
    out: dict[str, list[tuple[str, str, str]]] = {}
    for name, data in documents.items():
        own = [f for f in findings if f.item == name]
        places = source_places(name, data, [f.span for f in own])
        sliced = [_sliced(data, place) if name.endswith((".html", ".xml")) else "" for place in places]
        out[name] = [(f.entity, place, text) for f, place, text in zip(own, places, sliced)]
    return out


def _sliced(data: bytes, place: str) -> str:
    start, end = map(int, re.match(r"bytes (\d+)-(\d+) ", place).groups())
    return data[start:end].decode("utf-8")


def _place_of(placed, name: str, entity: str) -> tuple[str, str]:
    return next((place, text) for found, place, text in placed[name] if found == entity)


def test_a_finding_in_html_names_its_byte_range_in_the_page(placed):
    place, text = _place_of(placed, "page.html", "PERSON")
    assert text == "Mary&nbsp;Major" and place.endswith("(line 2, column 15)")  # the reference is the source's own bytes
    assert _place_of(placed, "page.html", "CONDITION") == ("bytes 54-60 (line 2, column 42)", "asthma")


def test_a_finding_in_xml_names_its_byte_range_even_after_non_ascii_text(placed):
    assert _place_of(placed, "note.xml", "PERSON")[1] == "José Álvarez"
    assert _place_of(placed, "note.xml", "CONDITION")[1] == "asthma"


@pytest.mark.parametrize(
    ("name", "person", "condition"),
    [
        ("note.docx", "table 1, row 1, cell 2, characters 0-10", "paragraph 1, characters 28-34"),
        ("sheet.xlsx", "Sheet!A2, characters 0-10", "Sheet!B2, characters 0-6"),
        ("letter.odt", "paragraph 1, characters 0-10", "paragraph 1, characters 15-21"),
    ],
)
def test_a_finding_in_an_office_document_names_its_paragraph_or_cell(placed, name, person, condition):
    assert _place_of(placed, name, "PERSON")[0] == person
    assert _place_of(placed, name, "CONDITION")[0] == condition


def test_a_header_or_footer_paragraph_is_named_as_such():
    import docx

    document = docx.Document()
    document.add_paragraph("Body text.")
    document.sections[0].header.paragraphs[0].text = "Clinic of Mary Major"
    data = _saved(document)
    (item,) = read_document("h.docx", "h.docx", data, "zip", "")
    start = item.fields["text"].index("Mary")
    assert source_places("h.docx", data, [(start, start + 10)]) == ["section 1 header, paragraph 1, characters 10-20"]


def test_bytes_that_are_no_document_have_no_places():
    assert source_places("plain.txt", b"John Smith has diabetes", [(0, 4)]) is None


def test_character_references_read_as_a_browser_reads_them_and_later_offsets_stay_exact():
    page = "<p>AT&T and R&D; &amp; &amp &lt;b&gt; &#65;&#x42; &#67 caf&eacute; &nbsp;x &unknown; Jane</p>"
    extracted = extract_html(page)
    assert extracted.text == "AT&T and R&D; & & <b> AB C café \xa0x &unknown; Jane\n"
    start = extracted.text.index("Jane")
    assert page[extracted.source_offset(start) : extracted.source_offset(start) + 4] == "Jane"


class _ConvertingParser(HTMLParser):
    """The standard library's own reading of a page's text (references converted), to compare with."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data


_FRAGMENTS = [
    "&",
    ";",
    "#",
    "x",
    "amp",
    "ampx",
    "lt",
    "nbsp",
    "eacute",
    "65",
    "1F600",
    "&#",
    "&#x",
    "&#0;",
    "&#1",
    "T",
    " ",
    "é",
    "\n",
    "<b>",
    "</b>",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=24))
def test_any_mix_of_references_reads_as_the_standard_parser_reads_it_and_maps_back(fragments):
    page = "<span>" + "".join(fragments) + "</span>"
    reference = _ConvertingParser()
    reference.feed(page)
    reference.close()
    extracted = extract_html(page)
    assert extracted.text == reference.text
    for offset, character in enumerate(extracted.text):
        if character.isalnum():  # a letter is where it was written, or is the `&…;` that wrote it
            assert page[extracted.source_offset(offset)] in (character, "&")
