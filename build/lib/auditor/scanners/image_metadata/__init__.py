"""Image metadata: EXIF, XMP, IPTC, PNG text chunks, comments and ICC profile text, read without decoding pixels.

Field convention (stable; one family prefix per metadata standard, then the standard's own tag name):

    EXIF:<tag>             EXIF:Artist, EXIF:DateTimeOriginal, EXIF:BodySerialNumber, EXIF:XPComment,
                           EXIF:GPSPosition / EXIF:GPSDestPosition (composed from the GPS IFD)
    XMP:<prefix>:<name>    XMP:dc:creator, XMP:photoshop:City, XMP:exif:GPSPosition (conventional prefix
                           for known namespaces, whatever the file used)
    IPTC:<dataset>         IPTC:By-line, IPTC:City, IPTC:Caption-Abstract (IIM record 2 names)
    PNG:<chunk>:<keyword>  PNG:tEXt:Comment, PNG:zTXt:Author, PNG:iTXt:Description
    JPEG:COM, GIF:Comment  comment segments
    ICC:Description, ICC:Copyright
    <family>:(unparsed)    a block that could not be parsed, read as plain text by the text scanner

Entities: AUTHOR and PERSON_SHOWN (names), PLACE and GPS_POSITION (geographic), IMAGE_DATE (dates),
SERIAL_NUMBER (device) for fields that are identifiers by definition; free text takes the text scanner's
entities (PERSON, US_SSN, PHONE_NUMBER, CONDITION, ...), with its health findings passing through.
Every finding: source `metadata`, span into the field's decoded value, masked evidence, keyed digest.
Harmless fields (Make, Model, Software, resolution, orientation, exposure) are never findings.
"""

from auditor.scanners.image_metadata.scanner import ImageMetadataError, ImageMetadataScanner

__all__ = ["ImageMetadataError", "ImageMetadataScanner"]
