"""Street addresses as written outside the US: the number after the street ("Hauptstraße 12", "Via Roma 131",
"ul. Słowicza 10"), or before a street type that leads the name as in France ("12 rue des Lilas"),
a street type of another language before or inside the name ("Erzsébet tér 19."), military
post ("PSC 0413, Box 8144 APO AA 42323"), and a flat or suite on its own line ("Apt. 360", "Suite 838").

street_address.py keeps the US shape (number, name, type). No maintained library finds addresses in running
text (libpostal parses a string already known to be one, and needs a 2 GB model), so these are patterns.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

#: A capitalised word of any script's letters: "Słowicza", "Señores", "Rákóczi", "O'Connell".
_WORD = r"(?-i:\p{Lu}[\p{L}'’-]+)"
#: Street types written before the name: Romance, Slavic and English ones that lead ("Avenue du Golf").
_TYPE_FIRST = (
    r"(?:Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Calle|C/|Avda\.?|Avenida|Av\.|Avenue|Rue|Boulevard|Bd\.?|Chemin"
    r"|Place|Allée|Quai|Rua|Praça|Travessa|Paseo|Plaza|Camino|Carrer|Passeig|Ronda|ul\.|ulica|al\.|aleja|Strada|Str\.|Bulevar"
    r"|Ulitsa|Prospekt|Calea|Bulevardul)"
)
#: Particles between a leading type and the name: "Calle de Alcalá", "rue des Lilas", "Avenue du Golf".
_PARTICLE = r"(?:(?-i:de|del|de\s+la|de\s+los|des|du|la|le|las|los|da|do|dos|das|di|della|delle|dei|degli)\s+)"
#: Street types written as the end of the name ("Hauptstraße", "Mellemstræde", "Kiannonkatu", "Dalbraut") or as
#: a lower-case word after it ("Erzsébet tér", "Rákóczi út", "Wesselényi u.").
_TYPE_SUFFIX = (
    r"(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|chaussee|straat|laan|gracht|plein|kade|singel|vej|gade"
    r"|stræde|gatan|vägen|väg|gata|veien|vei|gate|katu|tie|kuja|polku|raitti|braut|stígur|gränd|torget|torv)"
)
_TYPE_AFTER = r"(?-i:tér|tere|út|útja|utca|u\.|körút|köz|sor|sétány|náměstí|ulice|třída|cesta|iela|gatvė|tänav|maantee)"
#: The house number after the street: "12", "66.", "118 St.", "4B", "1578".
_NUMBER_AFTER = r"(?:\s+\d{1,5}|,\s+\d{1,4})(?-i:[A-Za-z])?\b\.?"
_UNIT = r"(?:Apt|Apartment|Suite|Ste|Flat|Unit|Rm)\.?\s*#?\s*\d{1,5}(?-i:[A-Z])?\b"
#: Phrases that say an address follows: "located at", "lives on", "send it to", "return it to".
_ADDRESS_CUE = (
    r"(?:address(?:es)?(?:\s+is)?|located\s+at|lives?\s+(?:at|on)|living\s+at|moved\s+to|send(?:\s+\w+)?\s+to|sent\s+to"
    r"|return(?:\s+\w+)?\s+to|post(?:\s+\w+)?\s+to|mail(?:\s+\w+)?\s+to|deliver(?:ed)?\s+to|meet\s+\w+\s+at)"
)


class InternationalAddressRecognizer(DeclaredPatternRecognizer):
    """A street named with a street type of another language and its number, military post, a unit."""

    ENTITY = "STREET_ADDRESS"
    MIN_DIGITS = 1  # a house, box or unit number
    PATTERNS = [
        Pattern(
            "type first, number after (Via Roma 131, ul. Słowicza 10)",
            rf"(?:\b\d{{1,6}}\s+)?(?<![\p{{L}}.])(?-i:{_TYPE_FIRST}|{_TYPE_FIRST.lower()})\s+{_PARTICLE}?{_WORD}(?:\s+{_PARTICLE}?{_WORD}){{0,3}}{_NUMBER_AFTER}",
            0.6,
        ),
        Pattern(
            "number first, then a leading type (12 rue des Lilas, 33 avenue de Provence; not '10 via PEG')",
            rf"\b\d{{1,4}}(?-i:[A-Za-z])?,?[ \t]+(?!(?-i:via)\b)(?-i:{_TYPE_FIRST}|{_TYPE_FIRST.lower()})[ \t]+{_PARTICLE}?{_WORD}(?:[ \t]+{_PARTICLE}?{_WORD}){{0,3}}",
            0.55,
        ),
        Pattern(
            "type in the name, number after (Hauptstraße 12, Erzsébet tér 19.)",
            rf"(?:\b\d{{1,6}}\s+)?(?:{_WORD}\s+){{0,2}}(?:(?-i:\p{{Lu}})\p{{L}}*{_TYPE_SUFFIX}|{_WORD}\s+{_TYPE_AFTER}){_NUMBER_AFTER}",
            0.6,
        ),
        Pattern(
            "number, name, number after an address cue (lives at 971 Kesk 53)",
            rf"(?<=\b{_ADDRESS_CUE}\s+(?:the\s+corner\s+of\s+)?)(?:\d{{1,6}}\s+)?{_WORD}(?:\s+{_WORD}){{0,2}}\s+\d{{1,5}}\b",
            0.6,
        ),
        Pattern(
            "number, name, number, then a unit (4596 Tylova 285 Suite 578)",
            rf"\b\d{{1,6}}\s+{_WORD}(?:\s+{_WORD}){{0,2}}\s+\d{{1,5}}\b(?=,?\s+{_UNIT})",
            0.6,
        ),
        Pattern(
            "military post (PSC 0413, Box 8144 APO AA 42323)",
            r"\b(?:(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}|(?:USNS|USNV|USS|USCGC)\s+\p{L}+(?:\s+\p{L}+)?)\s+(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5}\b",
            0.7,
        ),
        Pattern(
            "apartment or suite on its own (Apt. 360, Suite 838)", r"\b(?:Apt|Apartment|Suite|Ste)\.?\s*#?\s*\d{1,5}(?-i:[A-Z])?\b", 0.5
        ),
        Pattern("flat or unit before a number (Flat 2, 7 Albion Street)", r"\b(?:Flat|Unit)\s+\d{1,4}(?-i:[A-Z])?(?=,\s*\d)", 0.5),
    ]
    CONTEXT = ["address", "live", "street", "apartment", "house", "flat"]
