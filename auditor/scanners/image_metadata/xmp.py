"""XMP packets (images and PDFs) read with expat directly, refusing any DTD: no entity expansion, no XXE.

Why not Pillow's `Image.getxmp()`: it needs defusedxml (not a dependency), drops namespace prefixes
(`dc:creator` and `xmp:creator` both become `creator`) and only exists for images, while PDFs carry the
same packets. An XMP packet never legitimately has a DTD, so one is refused (as defusedxml's
`forbid_dtd` does) and the packet is then read as plain printable text, never expanded.

Fields are `XMP:<prefix>:<name>` with the namespace's conventional prefix, whatever prefix the file
used (`XMP:dc:creator`, `XMP:photoshop:City`, `XMP:exif:GPSPosition`); a namespace phi-audit does not
know keeps the file's own prefix. Items of an `rdf:Bag`/`Seq`/`Alt` are entries of the property that holds
them; a struct's members are entries under their own name (`XMP:Iptc4xmpCore:CiEmailWork`).
"""

from __future__ import annotations

import re
from pyexpat import XML_PARAM_ENTITY_PARSING_NEVER, ExpatError, ParserCreate
from typing import NoReturn

from auditor.scanners.image_metadata.entries import AUTHOR, DATE, GPS, PERSON, PLACE, SERIAL, SOFTWARE, TEXT, Entry

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_STRUCTURAL = frozenset({RDF, "adobe:ns:meta/", "http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/"})

PREFIXES: dict[str, str] = {
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    "http://ns.adobe.com/xap/1.0/rights/": "xmpRights",
    "http://ns.adobe.com/xap/1.0/mm/": "xmpMM",
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#": "stEvt",
    "http://ns.adobe.com/xap/1.0/sType/ResourceRef#": "stRef",
    "http://ns.adobe.com/xap/1.0/sType/Dimensions#": "stDim",
    "http://ns.adobe.com/xap/1.0/t/pg/": "xmpTPg",
    "http://ns.adobe.com/xap/1.0/g/": "xmpG",
    "http://ns.adobe.com/xap/1.0/g/img/": "xmpGImg",
    "http://ns.adobe.com/photoshop/1.0/": "photoshop",
    "http://ns.adobe.com/tiff/1.0/": "tiff",
    "http://ns.adobe.com/exif/1.0/": "exif",
    "http://cipa.jp/exif/1.0/": "exifEX",
    "http://ns.adobe.com/exif/1.0/aux/": "aux",
    "http://ns.adobe.com/camera-raw-settings/1.0/": "crs",
    "http://ns.adobe.com/pdf/1.3/": "pdf",
    "http://ns.adobe.com/pdfx/1.3/": "pdfx",
    "http://www.npes.org/pdfx/ns/id/": "pdfxid",
    "http://www.aiim.org/pdfa/ns/id/": "pdfaid",
    "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/": "Iptc4xmpCore",
    "http://iptc.org/std/Iptc4xmpExt/2008-02-29/": "Iptc4xmpExt",
    "http://ns.adobe.com/lightroom/1.0/": "lr",
    "http://www.metadataworkinggroup.com/schemas/regions/": "mwg-rs",
    "http://ns.adobe.com/xmp/sType/Area#": "stArea",
    "http://ns.microsoft.com/photo/1.2/": "MP",
    "http://ns.microsoft.com/photo/1.2/t/RegionInfo#": "MPRI",
    "http://ns.microsoft.com/photo/1.2/t/Region#": "MPReg",
    "http://ns.microsoft.com/photo/1.0/": "MicrosoftPhoto",
    "http://ns.google.com/photos/1.0/camera/": "GCamera",
    "http://ns.google.com/photos/1.0/panorama/": "GPano",
    "http://ns.google.com/photos/1.0/image/": "GImage",
    "http://ns.google.com/photos/1.0/container/": "GContainer",
    "http://ns.google.com/photos/1.0/container/item/": "Item",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/": "xmpDM",
    "http://www.dji.com/drone-dji/1.0/": "drone-dji",
    "http://ns.apple.com/HDRGainMap/1.0/": "HDRGainMap",
    "http://ns.adobe.com/hdr-gain-map/1.0/": "hdrgm",
}

#: Namespaces of technical data: a property there is harmless unless listed in RULES.
TECHNICAL = frozenset(
    {
        "xmp",
        "xmpMM",
        "stEvt",
        "stRef",
        "stDim",
        "xmpTPg",
        "xmpG",
        "xmpGImg",
        "tiff",
        "exif",
        "exifEX",
        "aux",
        "crs",
        "pdfxid",
        "pdfaid",
        "stArea",
        "GCamera",
        "GPano",
        "GImage",
        "GContainer",
        "Item",
        "xmpDM",
        "drone-dji",
        "HDRGainMap",
        "hdrgm",
        "MPRI",
        "MPReg",
    }
)

#: Harmless properties in otherwise descriptive namespaces.
HARMLESS = frozenset(
    {
        "dc:format",
        "dc:type",
        "dc:language",
        "dc:identifier",
        "photoshop:ColorMode",
        "photoshop:ICCProfile",
        "photoshop:LegacyIPTCDigest",
        "photoshop:History",
        "photoshop:Urgency",
        "photoshop:Category",
        "photoshop:SupplementalCategories",
        "photoshop:DocumentAncestors",
        "pdf:PDFVersion",
        "pdf:Trapped",
        "xmpRights:Marked",
        "xmpRights:WebStatement",
        "MicrosoftPhoto:Rating",
        "MicrosoftPhoto:DateAcquired",
        "mwg-rs:Type",
        "mwg-rs:Extensions",
        "Iptc4xmpCore:CountryCode",
        "Iptc4xmpCore:IntellectualGenre",
        "Iptc4xmpCore:Scene",
        "Iptc4xmpCore:SubjectCode",
        "photoshop:State",
        "photoshop:Country",
        "Iptc4xmpExt:CountryName",
        "Iptc4xmpExt:CountryCode",
        "Iptc4xmpExt:ProvinceState",
        "Iptc4xmpExt:WorldRegion",
        "lr:privateRTKInfo",
    }
)

RULES: dict[str, str] = {
    "dc:creator": AUTHOR,
    "dc:contributor": AUTHOR,
    "pdf:Author": AUTHOR,
    "tiff:Artist": AUTHOR,
    "photoshop:CaptionWriter": AUTHOR,
    "photoshop:AuthorsPosition": TEXT,
    "exifEX:CameraOwnerName": AUTHOR,
    "exifEX:Photographer": AUTHOR,
    "exifEX:ImageEditor": AUTHOR,
    "aux:OwnerName": AUTHOR,
    "mwg-rs:Name": PERSON,
    "MPReg:PersonDisplayName": PERSON,
    "Iptc4xmpExt:PersonInImage": PERSON,
    "photoshop:City": PLACE,
    "Iptc4xmpCore:Location": PLACE,
    "Iptc4xmpCore:CiAdrCity": PLACE,
    "Iptc4xmpExt:City": PLACE,
    "Iptc4xmpExt:Sublocation": PLACE,
    "xmp:CreateDate": DATE,
    "xmp:ModifyDate": DATE,
    "xmp:MetadataDate": DATE,
    "photoshop:DateCreated": DATE,
    "exif:DateTimeOriginal": DATE,
    "exif:DateTimeDigitized": DATE,
    "exif:GPSTimeStamp": DATE,
    "tiff:DateTime": DATE,
    "aux:SerialNumber": SERIAL,
    "aux:LensSerialNumber": SERIAL,
    "exifEX:BodySerialNumber": SERIAL,
    "exifEX:LensSerialNumber": SERIAL,
    "exif:UserComment": TEXT,
    "exif:GPSAreaInformation": TEXT,
    "tiff:ImageDescription": TEXT,
    "tiff:Copyright": TEXT,
    "exifEX:ImageTitle": TEXT,
    "aux:ImageNumber": TEXT,
    "xmp:Label": TEXT,
    "xmp:Nickname": TEXT,
    "xmp:CreatorTool": SOFTWARE,
    "pdf:Producer": SOFTWARE,
    "tiff:Make": "",
    "tiff:Model": "",
    "tiff:Software": "",
}
_DOCUMENT_DATES_SKIPPED = frozenset({"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"})
_GPS_PAIRS = (
    ("exif:GPSLatitude", "exif:GPSLongitude", "XMP:exif:GPSPosition"),
    ("exif:GPSDestLatitude", "exif:GPSDestLongitude", "XMP:exif:GPSDestPosition"),
)
_XMP_COORDINATE = re.compile(r"^\s*(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEWnsew])\s*$")
_MAX_PACKET = 8_000_000


class _Refused(Exception):
    pass


def parse(packet: bytes | str) -> list[tuple[str, str]]:
    """(qualified property name, value) for every text value in the packet, in document order.

    Raises ValueError when the packet is not well-formed XML or declares a DTD.
    """
    if isinstance(packet, str):
        packet = packet.encode("utf-8")
    packet = packet[:_MAX_PACKET].strip(b"\x00 \t\r\n")
    parser = ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True
    parser.SetParamEntityParsing(XML_PARAM_ENTITY_PARSING_NEVER)
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, bool]] = []  # (qualified name, is structural)
    texts: list[list[str]] = []

    def refuse(*_: object) -> NoReturn:
        raise _Refused("XMP packet declares a DTD or entity; refused")

    def start(name: str, attributes: dict[str, str]) -> None:
        qualified, structural = _qualify(name)
        stack.append((qualified, structural))
        texts.append([])
        for attribute, value in attributes.items():
            attribute_name, attribute_structural = _qualify(attribute)
            if not attribute_structural and value.strip():
                found.append((attribute_name, value))

    def end(_: str) -> None:
        qualified, structural = stack.pop()
        text = "".join(texts.pop()).strip()
        if not text:
            return
        if not structural:
            found.append((qualified, text))
            return
        owner = next((q for q, s in reversed(stack) if not s), None)
        if owner is not None and qualified == "rdf:li":
            found.append((owner, text))

    def data(chunk: str) -> None:
        if texts:
            texts[-1].append(chunk)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(packet, True)
    except (ExpatError, _Refused) as error:
        raise ValueError(f"XMP packet unreadable: {error}") from None
    return found


def _qualify(name: str) -> tuple[str, bool]:
    parts = name.split(" ")
    if len(parts) == 1:
        return parts[0], False
    uri, local = parts[0], parts[1]
    if uri in _STRUCTURAL:
        prefix = "rdf" if uri == RDF else (parts[2] if len(parts) > 2 else "x")
        return f"{prefix}:{local}", True
    prefix = PREFIXES.get(uri) or (parts[2] if len(parts) > 2 else "ns")
    return f"{prefix}:{local}", False


def entries(packet: bytes | str, *, document: bool = False) -> list[Entry]:
    """Entries for an XMP packet. `document` (a PDF): creation/modification dates are the file's, not reported,
    and software fields are read as software."""
    try:
        properties = parse(packet)
    except ValueError:
        raw = packet.encode("utf-8", "replace") if isinstance(packet, str) else packet
        text = re.sub(r"<[^>]*>", " ", raw[:_MAX_PACKET].decode("utf-8", "replace"))
        return [Entry("XMP:(unparsed)", re.sub(r"\s+", " ", text), TEXT)]
    result: list[Entry] = []
    values: dict[str, str] = {}
    for name, value in properties:
        values.setdefault(name, value)
        rule = rule_for(name, document=document)
        if rule:
            result.append(Entry(f"XMP:{name}", value, rule))
    for latitude_name, longitude_name, field in _GPS_PAIRS:
        if latitude_name in values and longitude_name in values:
            position = gps_position(_xmp_degrees(values[latitude_name]), _xmp_degrees(values[longitude_name]))
            if position:
                result.append(Entry(field, position, GPS))
    return result


def rule_for(name: str, *, document: bool) -> str:
    """What the property `prefix:name` is ('' when harmless)."""
    if document and name in _DOCUMENT_DATES_SKIPPED:
        return ""
    if name in RULES:
        return RULES[name]
    prefix = name.split(":", 1)[0]
    if name in HARMLESS or prefix in TECHNICAL:
        return ""
    return TEXT


def _xmp_degrees(value: str) -> float | None:
    """XMP GPSCoordinate `DDD,MM,SSk` or `DDD,MM.mmk` (k in N S E W) in signed decimal degrees."""
    match = _XMP_COORDINATE.match(value)
    if not match:
        try:
            return float(value)
        except ValueError:
            return None
    degrees = float(match.group(1)) + float(match.group(2) or 0) / 60 + float(match.group(3) or 0) / 3600
    return -degrees if match.group(4).upper() in "SW" else degrees


def gps_position(latitude: float | None, longitude: float | None) -> str | None:
    """`lat, lon` for a plausible position; None for a missing, out-of-range or (0, 0) placeholder one."""
    if latitude is None or longitude is None:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude == 0 and longitude == 0):
        return None  # NaN fails the range test too
    return f"{latitude:.5f}, {longitude:.5f}"
