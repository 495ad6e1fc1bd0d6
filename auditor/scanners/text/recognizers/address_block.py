"""Addresses written as a block of lines, as letters, forms and e-mail signatures lay them out in most countries:
a street line whose numbers may stand before and after the name ("53772 Holmatun 45", "935 69 Gordon
Terrace"), then a unit, town, country or postcode line ("Suite 757", "Bessastaðahreppur", "7188", "53-320").

A line such as "12 Weeks" or "7188" means nothing alone; what makes it an address is the block: a street line
with a unit, town or postcode line right after it. Quote and bullet marks before the lines ("> ", "??? ") are
skipped. The street line is reported, and with it a postcode alone on a following line (both geographic);
"Country 28766" lines are postcode.py's.
"""

from __future__ import annotations

import regex
from presidio_analyzer.nlp_engine import NlpArtifacts

from auditor.scanners.text.recognizers._patterns import SpanRecognizer

#: A line's content after the quote or bullet marks a paste puts before it.
_LINE = regex.compile(r"^[ \t>?*•|-]*(?P<body>[^\n]*?)[ \t]*$", regex.MULTILINE)
_WORD = r"\p{Lu}[\p{L}'’.-]+"
#: A short lower-case type or particle inside a street name: "ul. Słowicza", "Ostrov nad Ohrí".
_LOWER = r"\p{Ll}{1,5}\.?"
_UNIT = r"(?:Apt|Apartment|Suite|Ste|Flat|Unit|Floor|Rm)\.?[ \t]*#?[ \t]*\d{1,5}[A-Za-z]?"
#: Numbers and a name, and perhaps a unit: "53772 Holmatun 45", "935 69 Gordon Terrace", "3482 Via Franscini
#: 71 Suite 838".
_STREET = regex.compile(
    rf"\d{{1,6}}(?:[ \t]+\d{{1,5}})?[ \t]+(?:{_LOWER}[ \t]+)?{_WORD}(?:[ \t]+(?:{_WORD}|{_LOWER})){{0,3}}(?:[ \t]+\d{{1,5}}[A-Za-z]?\.?)?(?:,?[ \t]+{_UNIT})?"
)
#: Words that make a number and a name a count or a dose ("12 Weeks", "2000 Units"), not a street.
_NOT_STREET = regex.compile(
    r"(?i:\b(?:weeks?|days?|months?|years?|hours?|units?|tablets?|patients?|people|cases|steps|calories|mg|ml|times)\b)"
)
#: A unit line ("Suite 757", "Apt. 446"), a town line (one to four capitalised words), or a postcode line.
_UNIT_LINE = regex.compile(_UNIT)
_TOWN = regex.compile(rf"{_WORD}(?:[ \t]+(?:{_WORD}|nad|an|am|upon|de|la|sur|del))*(?:,[ \t]*\p{{Lu}}{{2,3}})?")
_POSTCODE = regex.compile(r"\d{4,6}|\d{2}-\d{3}|\d{5}-\d{3}|\d{4}[ \t]?\p{Lu}{2}")
#: How many lines after the street line may still belong to its block.
_BLOCK_LINES = 4


class AddressBlockRecognizer(SpanRecognizer):
    """The street line and any postcode line of a block of address lines."""

    ENTITY = "STREET_ADDRESS"

    def spans(self, text: str, nlp_artifacts: NlpArtifacts | None):
        if "\n" not in text:
            return
        lines = [(m.start("body"), m.end("body"), m.group("body")) for m in _LINE.finditer(text)]
        for index, (start, end, body) in enumerate(lines):
            if not _STREET.fullmatch(body) or _NOT_STREET.search(body):
                continue
            block = [line for line in lines[index + 1 : index + 1 + _BLOCK_LINES] if line[2]]
            if not block or not (_UNIT_LINE.fullmatch(block[0][2]) or _TOWN.fullmatch(block[0][2])):
                continue
            yield start, end, 0.6, "street line of an address block"
            for line_start, line_end, line in block:
                if _POSTCODE.fullmatch(line):
                    yield line_start, line_end, 0.6, "postcode line of an address block"
