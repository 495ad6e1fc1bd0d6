"""Barcodes and QR codes (wristbands, specimen labels): decoded with zxing-cpp, the code itself reported as a
unique identifier, and its text read by the same text scanner as posts.

Codes are drawn with zxing-cpp's own encoder, then placed on a photo-like background.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from auditor.evidence import EvidenceKeeper
from auditor.model import Item
from auditor.scanners.pixel.barcodes import SCORE_CODE, SCORE_URL_ONLY, BarcodeScanner
from auditor.scanners.text.scanner import TextScanner

KEEPER = EvidenceKeeper(b"k" * 32)
WRISTBAND = "Patient: John Smith  MRN 00482913  DOB 03/04/1961"


@pytest.fixture(scope="module")
def scanner() -> BarcodeScanner:
    text = TextScanner()
    if text.unavailable_reason():
        pytest.skip(text.unavailable_reason())
    return BarcodeScanner(text)


def code(text: str, fmt: zxingcpp.BarcodeFormat, scale: int = 3) -> Image.Image:
    return Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(text, fmt), scale=scale)))


def photo(*codes: tuple[Image.Image, tuple[int, int]], size: tuple[int, int] = (900, 600)) -> bytes:
    rng = np.random.default_rng(0)
    background = np.clip(np.full((size[1], size[0], 3), 200.0) + rng.normal(0, 8, (size[1], size[0], 3)), 0, 255)
    image = Image.fromarray(background.astype(np.uint8))
    for picture, where in codes:
        image.paste(picture.convert("RGB"), where)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def scan(scanner: BarcodeScanner, payload: bytes) -> list:
    return scanner.scan_batch([Item("media/band.png", "image", "h", payload=payload)], KEEPER)[0]


def test_the_scanner_declares_what_it_covers(scanner: BarcodeScanner) -> None:
    assert (scanner.name, scanner.kinds, scanner.covers) == ("barcodes", frozenset({"image"}), frozenset({"barcodes"}))
    assert scanner.unavailable_reason() is None


def test_a_wristband_qr_code_is_a_unique_identifier_and_its_text_is_read(scanner: BarcodeScanner) -> None:
    findings = scan(scanner, photo((code(WRISTBAND, zxingcpp.BarcodeFormat.QRCode), (100, 80))))
    barcode = [f for f in findings if f.entity == "BARCODE"]
    assert len(barcode) == 1
    [band] = barcode
    assert (band.source, band.field, band.identifier, band.health) == ("pixel", "barcode", "other_unique_id", None)
    assert band.span == (0, len(WRISTBAND)) and band.score == SCORE_CODE
    assert band.evidence.startswith("<QRCode: ") and not any(ch.isdigit() for ch in band.evidence)
    assert "Smith" not in band.evidence
    x, y, w, h = band.bbox
    assert 100 <= x < 140 and 80 <= y < 120 and w > 50 and h > 50
    by_identifier = {f.identifier: f for f in findings if f.entity != "BARCODE"}
    assert {"names", "mrn", "dates"} <= set(by_identifier)
    for finding in by_identifier.values():
        assert finding.field == "barcode" and finding.bbox == band.bbox  # where in the image: the code's box
    start, end = by_identifier["mrn"].span
    assert WRISTBAND[start:end] == "00482913"  # the span indexes the decoded text


def test_a_linear_code_turned_sideways_is_decoded(scanner: BarcodeScanner) -> None:
    label = code("MRN00482913", zxingcpp.BarcodeFormat.Code128, scale=2).rotate(90, expand=True)
    findings = scan(scanner, photo((label, (400, 100))))
    [band] = [f for f in findings if f.entity == "BARCODE"]
    assert band.evidence == "<Code128: ***********>"  # a code is masked whole


def test_several_codes_are_numbered_in_reading_order(scanner: BarcodeScanner) -> None:
    payload = photo(
        (code("SPECIMEN 23-0481177", zxingcpp.BarcodeFormat.DataMatrix, scale=6), (500, 350)),
        (code("ACC 7781203", zxingcpp.BarcodeFormat.Code39, scale=2), (40, 40)),
    )
    codes = sorted((f.field, f.evidence) for f in scan(scanner, payload) if f.entity == "BARCODE")
    assert codes == [("barcode:0", "<Code39: A** *******>"), ("barcode:1", "<DataMatrix: S******* **-*******>")]


def test_the_same_wristband_in_two_images_has_one_digest(scanner: BarcodeScanner) -> None:
    first = scan(scanner, photo((code(WRISTBAND, zxingcpp.BarcodeFormat.QRCode), (10, 10))))
    second = scan(scanner, photo((code(WRISTBAND, zxingcpp.BarcodeFormat.QRCode, scale=4), (500, 200))))
    digest = lambda found: next(f.digest for f in found if f.entity == "BARCODE")  # noqa: E731
    assert digest(first) == digest(second)


def test_a_product_code_is_decoded_but_identifies_no_one(scanner: BarcodeScanner) -> None:
    # The EAN-13 on a pill box is a product number.
    assert scan(scanner, photo((code("4006381333931", zxingcpp.BarcodeFormat.EAN13), (100, 100)))) == []


def test_a_qr_code_holding_only_a_web_address_is_kept_at_lower_score(scanner: BarcodeScanner) -> None:
    findings = scan(scanner, photo((code("https://clinic.example.org/menu", zxingcpp.BarcodeFormat.QRCode), (50, 50))))
    [band] = [f for f in findings if f.entity == "BARCODE"]
    assert band.score == SCORE_URL_ONLY
    assert any(f.identifier == "url" for f in findings if f.entity != "BARCODE")


def test_an_image_without_codes_has_no_findings(scanner: BarcodeScanner) -> None:
    assert scan(scanner, photo()) == []
