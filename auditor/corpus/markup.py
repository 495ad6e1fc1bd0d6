"""HTML, XML and Office documents (.docx, .xlsx, OpenDocument) read as documents, not as markup or zips of XML.

Read as plain text, `<b>diabetes</b>` is one token with its tags and no recogniser sees the word; a .docx was a
zip whose XML parts were scanned as text. Here a document becomes one text item whose `text` field is what a
reader of it sees, extracted by a maintained parser: the standard library's `html.parser` for HTML (as browsers
tokenize it, tolerant of broken markup), expat for XML (no external entity or DTD is ever fetched), python-docx
for Word, openpyxl for Excel, odfpy for OpenDocument. Block elements and cells are separated by a line break,
inline elements by nothing, so `<p>John Smith has <b>diabetes</b></p>` reads "John Smith has diabetes".

Offsets map back: `source_places(name, data, spans)` says where each span of the item's text is in the file, in words a
reader can follow: for HTML the byte offset in the file (and its line and column), for XML the byte offset, for
Word the paragraph or table cell (body, header or footer) and the character within it, for Excel the sheet and
cell (`Sheet1!B7`), for OpenDocument the paragraph. The service gives it with each finding in a document; a
redacted copy of the file needs the same map.

The item keeps its bytes as payload, so the document-metadata scanner (`scanners/document_metadata.py`) reads
who wrote it: HTML `<meta name="author">`, Office core properties (creator, last modified by, title, subject,
keywords, description), OpenDocument meta.xml. A zip that looks like an Office file of a kind not read here
(PowerPoint, a macro-enabled or encrypted file) is an error saying it was not scanned, never read as a plain zip.
"""

from __future__ import annotations

import bisect
import html
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.parsers import expat

from auditor.corpus.decode import _BOMS, decode_text
from auditor.model import Item, ItemError

#: Largest unpacked size of an Office document's parts that is opened (the corpus's own zip-bomb bound
#: applies to archives; an Office file is read whole by its library).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Cells read from a spreadsheet; the rest is reported as not scanned.
MAX_CELLS = 2_000_000

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_XML_SUFFIXES = (".xml", ".svg", ".rss", ".atom", ".xsd", ".kml", ".gpx")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml\s", re.IGNORECASE)
#: HTML elements whose content is never shown as text.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title"})
#: HTML elements that start a new line of text (and so separate words).
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "caption",
        "option",
        "label",
        "summary",
        "details",
        "body",
    }
)
#: Attributes whose value a reader sees (or a screen reader says).
_SHOWN_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
#: HTML <meta name=…> values that say who wrote a page.
_HTML_AUTHOR_META = frozenset({"author", "creator", "dc.creator", "dcterms.creator", "publisher", "owner", "reply-to"})
_HTML_TEXT_META = frozenset({"description", "keywords", "subject", "dc.title", "dc.description", "og:title", "og:description"})
#: A character reference as `html.unescape` finds one.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_ODF_MIMETYPES = ("application/vnd.oasis.opendocument.",)
_OFFICE_SUFFIXES = (".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp", ".odg")
_OOXML_MAIN = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}


@dataclass
class Extracted:
    """A document's reading text, and where each piece of it came from in the source."""

    text: str = ""
    #: (offset in text, offset in source, place) at the start of each piece, in order. HTML and XML pieces have a
    #: source offset (characters of the decoded page, bytes of an XML file); Office pieces a place instead
    #: ("paragraph 3", "table 1, row 2, cell 1", "Sheet1!B7").
    pieces: list[tuple[int, int, str | None]] = field(default_factory=list)

    def add(self, piece: str, source_offset: int = 0, place: str | None = None) -> None:
        if piece:
            self.pieces.append((len(self.text), source_offset, place))
            self.text += piece

    def breaks(self, separator: str = "\n") -> None:
        """A line break (or another separator) between two pieces, unless the text already ends with white space."""
        if self.text and not self.text[-1].isspace():
            self.text += separator

    def piece_at(self, offset: int) -> tuple[int, int, str | None] | None:
        index = bisect.bisect_right([start for start, _, _ in self.pieces], offset) - 1
        return self.pieces[index] if index >= 0 else None

    def source_offset(self, offset: int) -> int:
        """The source offset of the text's character at `offset` (a character reference such as `&amp;` is a
        piece of its own, so the offset is that of its `&`)."""
        piece = self.piece_at(offset)
        return 0 if piece is None else piece[1] + (offset - piece[0])

    def place(self, offset: int) -> tuple[str | None, int]:
        """The Office place of the text's character at `offset`, and its character offset within that place."""
        piece = self.piece_at(offset)
        return (None, offset) if piece is None else (piece[2], offset - piece[0])


@dataclass(frozen=True)
class Document:
    kind: str  # html, xml, docx, xlsx, odf
    extracted: Extracted
    encoding: str = "utf-8"  # of an HTML page's bytes


def document_kind(name: str, head: bytes, sniffed: str) -> str | None:
    """`html` or `xml` for a text file that is markup (by name or by its first bytes), `office` for a zip that
    holds an Office or OpenDocument file; None for anything else."""
    lowered = name.lower()
    if sniffed == "zip":
        return "office" if lowered.endswith(_OFFICE_SUFFIXES) or _is_office_head(head) else None
    if sniffed != "text":
        return None
    if lowered.endswith(_HTML_SUFFIXES) or _HTML_START.match(head):
        return "html"
    if lowered.endswith(_XML_SUFFIXES) or _XML_START.match(head):
        return "xml"
    return None


def may_be_document(name: str) -> bool:
    """Whether a text item of this name (a file, or an archive's member) may have been read as a document: named as
    one, or with no suffix at all (a page recognised by its first bytes). A `.txt` or `.csv` file is never one
    unless its first bytes say so, which only reading it can tell; a CSV or post record (`#`) never is."""
    if "#" in name:
        return False
    base = name.rsplit("!", 1)[-1].rsplit("/", 1)[-1].lower()
    return base.endswith(_HTML_SUFFIXES + _XML_SUFFIXES + _OFFICE_SUFFIXES) or "." not in base


def _is_office_head(head: bytes) -> bool:
    """An OpenDocument zip starts with its `mimetype` member, stored; OOXML starts with `[Content_Types].xml`."""
    return head[30:38] == b"mimetype" or head[30:49] == b"[Content_Types].xml"


def read_document(locator: str, name: str, data: bytes, sniffed: str, content_hash: str) -> list[Item | ItemError] | None:
    """The document as one text item (with its bytes, for its metadata), or an error saying why it was not
    scanned; None when the file is not a document this module reads (the reader goes on as before)."""
    kind = document_kind(name, data[:512], sniffed)
    if kind is None:
        return None
    if kind == "office" and not name.lower().endswith(_OFFICE_SUFFIXES):
        kind = "office?"  # claimed by its first bytes only
    try:
        document = _extract(kind, data)
    except NotADocument:
        return None  # a zip that only starts like an Office file (an EPUB, say): read as the archive it is
    except DocumentError as error:
        return [ItemError(locator, "read", f"not scanned: {error}")]
    item = Item(locator, "text", content_hash, fields={"text": document.extracted.text}, payload=data, size=len(data))
    return [item]


class DocumentError(ValueError):
    """A document that cannot or may not be read; the message is one line and says why."""


class NotADocument(Exception):
    """A zip that is no Office file and is not named like one."""


def _extract(kind: str, data: bytes) -> Document:
    if kind == "html":
        page, encoding = decode_text(data)
        return Document("html", extract_html(page), encoding)
    if kind == "xml":
        return Document("xml", extract_xml(data))
    archive = _open_office(data)
    office = office_kind(archive)
    if office is None and kind == "office?":
        raise NotADocument
    if office == "docx":
        return Document(office, _docx_text(data))
    if office == "xlsx":
        return Document(office, _xlsx_text(data))
    if office == "odf":
        return Document(office, _odf_text(data))
    raise DocumentError(
        f"{office or 'an Office-like zip of unknown type'}: this document type is not read (Word .docx, Excel .xlsx and OpenDocument are)"
    )


def source_places(name: str, data: bytes, spans: Iterable[tuple[int, int]]) -> list[str] | None:
    """Where each (start, end) span of a document item's text is in the document's bytes, as a reader can find
    it: "bytes 120-128 (line 4, column 9)" in an HTML or XML file, "paragraph 3, characters 5-15" or "table 1,
    row 2, cell 2, characters 0-10" in Word (a header or footer named first), "Sheet1!B7, characters 0-10" in
    Excel, "paragraph 2, characters 0-10" in OpenDocument. None for bytes that are not a document read here
    (`name`, the file's name or locator, is read as the corpus reader reads it: `.html` is HTML)."""
    kind = document_kind(name.rsplit("!", 1)[-1], data[:512], "zip" if data.startswith(b"PK\x03\x04") else "text")
    if kind is None:
        return None
    try:
        document = _extract(kind, data)
    except (DocumentError, NotADocument):
        return None
    extracted = document.extracted
    if document.kind == "html":
        page = decode_text(data)[0]
        bom = next((len(mark) for mark, _ in _BOMS if data.startswith(mark)), 0)  # not part of the decoded page

        def byte_of(character: int) -> int:
            return bom + len(page[:character].encode(document.encoding, "replace"))

        return [
            _byte_place(
                data, byte_of(extracted.source_offset(a)), byte_of(extracted.source_offset(b - 1) + 1), page, extracted.source_offset(a)
            )
            for a, b in spans
        ]
    if document.kind == "xml":

        def xml_byte(offset: int) -> int:  # expat gives each piece's byte index; within a piece, UTF-8 (XML's default)
            piece = extracted.piece_at(offset)
            return 0 if piece is None else piece[1] + len(extracted.text[piece[0] : offset].encode("utf-8"))

        return [_byte_place(data, xml_byte(a), xml_byte(b - 1) + len(extracted.text[b - 1 : b].encode("utf-8"))) for a, b in spans]
    places = []
    for start, end in spans:
        place, within = extracted.place(start)
        places.append(f"{place}, characters {within}-{within + end - start}")
    return places


def _byte_place(data: bytes, start: int, end: int, page: str | None = None, character: int = 0) -> str:
    """ "bytes A-B (line L, column C)" of a file; in a decoded page, line and column count its characters."""
    if page is None:
        before = data[:start]
        line, column = before.count(b"\n") + 1, start - (before.rfind(b"\n") + 1)
    else:
        before_text = page[:character]
        line, column = before_text.count("\n") + 1, character - (before_text.rfind("\n") + 1)
    return f"bytes {start}-{end} (line {line}, column {column + 1})"


def _open_office(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise DocumentError(f"corrupt Office document: {error}") from None
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(f"Office document unpacks to {unpacked:,} bytes (limit {MAX_UNPACKED_BYTES:,})")
    if any(info.flag_bits & 0x1 for info in archive.infolist()):
        raise DocumentError("encrypted Office document")
    return archive


def office_kind(archive: zipfile.ZipFile) -> str | None:
    """docx, xlsx, pptx or odf from the zip's members; None for another zip."""
    names = set(archive.namelist())
    if "mimetype" in names and archive.read("mimetype").decode("ascii", "replace").startswith(_ODF_MIMETYPES):
        return "odf"
    if "[Content_Types].xml" in names:
        content_types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in content_types:
            return "a macro-enabled Office document"
        return next((kind for part, kind in _OOXML_MAIN.items() if part in names), None)
    return None


# ------------------------------------------------------------------------------------------------ HTML


class _HtmlText(HTMLParser):
    """The text a reader of an HTML page sees, with each piece's offset in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.extracted = Extracted()
        self.meta: list[tuple[str, str]] = []
        self._hidden = 0
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key.lower(): value or "" for key, value in attrs}
        if tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower()
            if key and attributes.get("content"):
                self.meta.append((key, attributes["content"]))
            return
        if tag in _HIDDEN:
            self._hidden += 1
            return
        if tag in _BLOCKS:
            self.extracted.breaks()
        if not self._hidden:
            for name in _SHOWN_ATTRIBUTES:
                if attributes.get(name, "").strip():
                    self.extracted.breaks()
                    self.extracted.add(attributes[name], self._offset())
                    self.extracted.breaks()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self._hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.extracted.breaks()

    def handle_data(self, data: str) -> None:
        """`data` is the parser's text with its character references converted; it is added as the runs of literal
        text and the references of its source, each at its own source offset, so offsets after `&amp;` stay exact."""
        if self._hidden:
            return
        position, produced = self._offset(), 0
        while produced < len(data):
            reference = _CHARREF.search(self._source, position)
            literal = min((reference.start() if reference else len(self._source)) - position, len(data) - produced)
            if literal > 0:
                self.extracted.add(data[produced : produced + literal], position)
                produced, position = produced + literal, position + literal
                continue
            value = html.unescape(reference.group(0)) if reference else None
            if value == "" and reference:  # a reference to a code point HTML drops
                position = reference.end()
                continue
            # not the source's next reference (or none left): map the rest as one piece
            if reference is None or value is None or not data.startswith(value, produced):
                self.extracted.add(data[produced:], position)
                return
            raw = reference.group(0)
            kept = _common_suffix(raw, value) if value != raw else len(raw)  # `&ampx` is `&` then a literal `x`
            self.extracted.add(value[: len(value) - kept], reference.start())
            self.extracted.add(value[len(value) - kept :], reference.end() - kept)
            produced, position = produced + len(value), reference.end()


def _common_suffix(raw: str, value: str) -> int:
    """How many last characters of a converted reference are its source's own (left unconverted)."""
    length = 0
    while length < len(value) - 1 and length < len(raw) - 1 and raw[-1 - length] == value[-1 - length]:
        length += 1
    return length


def extract_html(source: str) -> Extracted:
    """The reading text of an HTML page (scripts, styles and the head left out; alt and title text kept)."""
    parser = _HtmlText(source)
    parser.feed(source)
    parser.close()
    return parser.extracted


def html_meta(source: str) -> list[tuple[str, str]]:
    """The page's `<meta name=… content=…>` pairs, names lower-cased."""
    parser = _HtmlText(source)
    parser.feed(source)
    parser.close()
    return parser.meta


# ------------------------------------------------------------------------------------------------- XML


def extract_xml(data: bytes) -> Extracted:
    """The character data of an XML document with byte offsets into `data` (the source, for XML, is its bytes:
    expat reports where each piece starts). Elements are separated by a space (XML does not say which elements
    are blocks, and `<given>John</given><family>Smith</family>` is one name); attribute values are kept on lines
    of their own, since XML stores data in them (`<patient name="…">`; such a value maps back to its element's
    start tag). Raises DocumentError for XML that is
    not well-formed."""
    extracted = Extracted()
    parser = _parser()

    def start(_name: str, attributes: dict[str, str]) -> None:
        extracted.breaks(" ")
        for value in attributes.values():
            if value.strip():
                extracted.breaks()
                extracted.add(value, parser.CurrentByteIndex)
                extracted.breaks()

    def text(piece: str) -> None:
        if piece.strip() or (extracted.text and not extracted.text[-1].isspace()):
            extracted.add(piece, parser.CurrentByteIndex)

    _parse(parser, data, "XML", start, lambda _name: extracted.breaks(" "), text)
    return extracted


def _parser(namespace_separator: str | None = None) -> expat.XMLParserType:
    """An expat parser that reads no external DTD or parameter entity (nothing is fetched)."""
    parser = expat.ParserCreate(namespace_separator=namespace_separator)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _parse(parser: expat.XMLParserType, data: bytes, what: str, start, end, text) -> None:
    """Parse `data` with these handlers; a document that declares entities (how XML bombs grow) is refused, and
    XML that is not well-formed is a DocumentError naming `what` it was."""
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.EntityDeclHandler = _refuse_entities
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise DocumentError(f"{what} not well-formed: {error}") from None


def _refuse_entities(*_arguments: object) -> None:
    raise DocumentError("XML declares entities (refused: entity expansion can be unbounded)")


# ---------------------------------------------------------------------------------------------- Office


def _docx_text(data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise DocumentError(f"Word document unreadable: {error}") from None
    return _lines(_docx_lines(document))


def _lines(lines: Iterable[list[tuple[str, str]]]) -> Extracted:
    """The text of (place, text) lines: one line each, its pieces (table cells, a row's values) split by a tab."""
    extracted = Extracted()
    for number, line in enumerate(lines):
        if number:
            extracted.text += "\n"
        for index, (place, text) in enumerate(line):
            if index:
                extracted.text += "\t"
            extracted.add(text, place=place)
    return extracted


def _docx_lines(document) -> Iterator[list[tuple[str, str]]]:
    """Paragraphs and table cells of the body, then of every header and footer, in reading order."""
    yield from _block_lines(document, "")
    for number, section in enumerate(document.sections, 1):
        for name, part in (
            ("header", section.header),
            ("footer", section.footer),
            ("first-page header", section.first_page_header),
            ("first-page footer", section.first_page_footer),
        ):
            if not part.is_linked_to_previous:
                yield from _block_lines(part, f"section {number} {name}, ")


def _block_lines(container, where: str) -> Iterator[list[tuple[str, str]]]:
    for number, paragraph in enumerate(container.paragraphs, 1):
        if paragraph.text.strip():
            yield [(f"{where}paragraph {number}", paragraph.text)]
    for table_number, table in enumerate(container.tables, 1):
        for row_number, row in enumerate(table.rows, 1):
            cells: dict[str, str] = {}  # text -> place of its first cell: merged cells repeat
            for cell_number, cell in enumerate(row.cells, 1):
                if cell.text.strip():
                    cells.setdefault(cell.text, f"{where}table {table_number}, row {row_number}, cell {cell_number}")
            if cells:
                yield [(place, text) for text, place in cells.items()]


def _xlsx_text(data: bytes) -> Extracted:
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise DocumentError(f"Excel workbook unreadable: {error}") from None
    lines: list[list[tuple[str, str]]] = []
    cells = 0
    try:
        for sheet in workbook.worksheets:
            lines.append([(f"{sheet.title} (sheet name)", f"[{sheet.title}]")])
            for row_number, row in enumerate(sheet.iter_rows(values_only=True), 1):  # read-only rows start at A1
                values = [
                    (f"{sheet.title}!{get_column_letter(column)}{row_number}", str(value))
                    for column, value in enumerate(row, 1)
                    if value is not None and str(value).strip()
                ]
                cells += len(row)
                if values:
                    lines.append(values)
                if cells > MAX_CELLS:
                    raise DocumentError(f"Excel workbook has more than {MAX_CELLS:,} cells")
    finally:
        workbook.close()
    return _lines(lines)


def _odf_text(data: bytes) -> Extracted:
    from odf import opendocument, teletype
    from odf.element import Element

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception as error:
        raise DocumentError(f"OpenDocument unreadable: {type(error).__name__}: {error}") from None
    paragraphs = [node for node in _walk(document.body) if isinstance(node, Element) and node.qname[1] in ("p", "h")]
    texts = [
        (f"{'heading' if node.qname[1] == 'h' else 'paragraph'} {number}", teletype.extractText(node))
        for number, node in enumerate(paragraphs, 1)
    ]
    return _lines([(place, text)] for place, text in texts if text.strip())


def _walk(node) -> Iterable:
    yield node
    for child in node.childNodes:
        yield from _walk(child)


# -------------------------------------------------------------------------------------------- metadata

#: Office core properties (python-docx, openpyxl) and OpenDocument meta.xml elements, by what they are.
_OFFICE_AUTHORS = ("author", "creator", "last_modified_by", "lastModifiedBy")
_OFFICE_TEXT = ("title", "subject", "keywords", "comments", "description", "category")
_ODF_AUTHORS = ("creator", "initial-creator", "printed-by")
_ODF_TEXT = ("title", "subject", "keyword", "description")


def metadata_of(data: bytes) -> list[tuple[str, str, bool]]:
    """(field, value, is_author) for every metadata value of a document that says who wrote it or what it is
    about; [] for bytes that are not a document (a plain text file has none). Raises DocumentError."""
    head = data[:512]
    if head.startswith(b"PK\x03\x04"):
        archive = _open_office(data)
        kind = office_kind(archive)
        if kind == "odf":
            return _odf_meta(archive)
        if kind in ("docx", "xlsx"):
            return _core_properties(archive)
        return []
    kind = document_kind("", head, "text")
    if kind == "html":
        return [
            (f"HTML:meta:{name}", value, name in _HTML_AUTHOR_META)
            for name, value in html_meta(decode_text(data)[0])
            if name in _HTML_AUTHOR_META or name in _HTML_TEXT_META
        ]
    return []


def _core_properties(archive: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """docProps/core.xml (Dublin Core), read with expat like any XML here: python-docx and openpyxl read the
    same part, and reading it once serves both formats."""
    if "docProps/core.xml" not in archive.namelist():
        return []
    return _dublin_core(archive.read("docProps/core.xml"), "Office", _OFFICE_AUTHORS, _OFFICE_TEXT)


def _odf_meta(archive: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    if "meta.xml" not in archive.namelist():
        return []
    return _dublin_core(archive.read("meta.xml"), "ODF", _ODF_AUTHORS, _ODF_TEXT)


def _dublin_core(xml: bytes, prefix: str, authors: tuple[str, ...], texts: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    found: list[tuple[str, str, bool]] = []
    parser = _parser(namespace_separator=" ")
    parser.buffer_text = True  # a value arrives whole
    current: list[str] = []

    def start(name: str, _attributes: dict[str, str]) -> None:
        current.append(name.rsplit(" ", 1)[-1])

    def text(piece: str) -> None:
        local = current[-1] if current else ""
        if piece.strip() and (local in authors or local in texts):
            found.append((f"{prefix}:{local}", piece.strip(), local in authors))

    _parse(parser, xml, "document properties", start, lambda _name: current.pop(), text)
    return found
