"""Media referenced by posts: tiny deterministic images and a CT slice."""

from __future__ import annotations

import struct
from pathlib import Path
from random import Random

from .dicom_files import ct_head_meta
from .metadata import Meta, text_box_labels
from .texts import Piece

# Media referenced by posts. Tiny and deterministic; bytes unchanged since the first sample. Their
# burned-in text goes to the pixel labels; ct_head_0001's header to the metadata labels (ct_head_meta).
# ------------------------------------------------------------------------------------------------


def write_media(out: Path, rng: Random) -> list[Meta]:
    """Write media/; returns the pixel truth of its images (the text drawn into the screenshots)."""
    from PIL import Image, ImageDraw

    media = out / "media"
    media.mkdir(parents=True, exist_ok=True)
    pixels: list[Meta] = []

    def screenshot(lines: list[str], size=(260, 110), *, item: str, spans: dict[int, list[Piece]]) -> Image.Image:
        img = Image.new("RGB", size, "white")
        draw = ImageDraw.Draw(img)
        meta = Meta(item)
        meta.size = size
        draw.rectangle([0, 0, size[0], 18], fill=(32, 84, 160))
        for i, line in enumerate(lines):
            draw.text((6, 4 + 16 * i), line, fill="white" if i == 0 else "black")
            text_box_labels(meta, draw, (6, 4 + 16 * i), line, spans.get(i, []))
        pixels.append(meta)
        return img

    def picture(size=(96, 64)) -> Image.Image:
        img = Image.new("RGB", size)
        draw = ImageDraw.Draw(img)
        for y in range(size[1]):
            draw.line([0, y, size[0], y], fill=(255, 140 + y, 60 + 2 * y))
        for _ in range(5):
            x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randint(3, 12)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(256), rng.randrange(256), 90))
        return img

    screenshot(
        [
            "MyChart - Test Results",
            "Patient: GARCIA, MARIA",
            "DOB: 03/04/1961  MRN 00482913",
            "Hemoglobin A1c   9.1 %  (H)",
            "Collected 2023-05-02",
        ],
        item="media/p0007.png",
        spans={
            1: [("GARCIA, MARIA", "names", None)],
            2: [("03/04/1961", "dates", None), ("00482913", "mrn", None)],
            3: [("Hemoglobin A1c", None, "lab_test")],
            4: [("2023-05-02", "dates", None)],
        },
    ).save(media / "p0007.png", optimize=True)
    img = picture()
    img.save(media / "p0012.jpg", quality=70)
    pixels.append(Meta("media/p0012.jpg"))
    pixels[-1].size = img.size
    screenshot(
        ["Rx# 4417023  Walgreens", "NGUYEN, THANH", "METFORMIN 500MG TAB", "Take 1 tab twice daily", "Dr. P. Raman  Refills: 2"],
        item="media/p0031.png",
        spans={1: [("NGUYEN, THANH", "names", None)], 2: [("METFORMIN", None, "medication")], 4: [("P. Raman", "names", None)]},
    ).save(media / "p0031.png", optimize=True)
    img = picture((80, 80))
    img.save(media / "p0044.jpg", quality=70)
    pixels.append(Meta("media/p0044.jpg"))
    pixels[-1].size = img.size
    write_dicom(media / "ct_head_0001")
    pixels.append(ct_head_meta())
    write_pdf(
        media / "discharge_summary.pdf",
        [
            "Discharge Summary",
            "Patient: Maria Garcia   DOB 03/04/1961",
            "MRN 00482913",
            "Diagnosis: type 2 diabetes",
            "Discharged on metformin 500 mg BID",
        ],
    )
    return pixels


def write_dicom(path: Path) -> None:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian

    root = "1.2.826.0.1.3680043.8.498."  # pydicom's UID root; fixed suffixes keep it deterministic
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = root + "7001.1.1"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = root + "7001.1", root + "7001.1.0"
    ds.Modality, ds.StudyDescription = "CT", "CT HEAD WO CONTRAST"
    ds.PatientName, ds.PatientID, ds.PatientBirthDate, ds.PatientSex = "DOE^JANE", "00482913", "19610304", "F"
    ds.StudyDate, ds.StudyTime, ds.AccessionNumber = "20230502", "101500", "A20230502117"
    ds.InstitutionName, ds.ReferringPhysicianName = "Example General Hospital", "RAMAN^PRIYA"
    ds.Rows = ds.Columns = 64
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    pixels = [int(2000 * max(0.0, 1 - ((x - 32) ** 2 + (y - 32) ** 2) / 900)) for y in range(64) for x in range(64)]
    ds.PixelData = struct.pack(f"<{len(pixels)}H", *pixels)
    ds.save_as(path, enforce_file_format=True)


def write_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF with text lines, written by hand (no producer metadata, no dates)."""
    esc = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for ln in lines]
    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({ln}) '" for ln in esc) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


# ================================================================================================
