"""DICOM files with identifiers in their headers (and, for some, in their pixels)."""

from __future__ import annotations

import struct
from datetime import date, timedelta
from pathlib import Path
from random import Random

from .metadata import Meta, draw_line, free_text, health_term
from .tables import CITIES, FIRST_NAMES, LAST_NAMES
from .texts import Ctx, Piece, ascii_fold, dicom_name, mrn, phone_number, random_date, ssn, street, zip_code

# DICOM
# ------------------------------------------------------------------------------------------------

UID_ROOT = "1.2.826.0.1.3680043.8.498."  # pydicom's UID root; fixed suffixes keep the files deterministic
MANUFACTURERS = [("ACME Medical", "Imagix 3000", "VA12B"), ("Examplex", "OrthoView DR", "4.2.1"), ("Sonexample", "EchoPro 5", "2.0.7")]


def dicom_date(d: date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def dicom_dataset(
    meta: Meta,
    sop_class: str,
    number: int,
    modality: str,
    *,
    file_meta: bool = True,
    transfer: str | None = None,
    frame_of_reference: bool = True,
    label_uids: bool = True,
):
    """A dataset with its UIDs (labelled `other_unique_id`) and Modality (labelled `medical_image`, as is
    BodyPartExamined where a file sets it)."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    uid = f"{UID_ROOT}{7000 + number}"
    ident = "other_unique_id" if label_uids else None
    ds = Dataset()
    if file_meta:
        fm = FileMetaDataset()
        fm.MediaStorageSOPClassUID = sop_class
        fm.MediaStorageSOPInstanceUID = meta.whole("MediaStorageSOPInstanceUID", f"{uid}.1.1", ident)
        fm.TransferSyntaxUID = transfer or ExplicitVRLittleEndian
        ds.file_meta = fm
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.whole("SOPInstanceUID", f"{uid}.1.1", ident)
    ds.StudyInstanceUID = meta.whole("StudyInstanceUID", f"{uid}.1", ident)
    ds.SeriesInstanceUID = meta.whole("SeriesInstanceUID", f"{uid}.1.0", ident)
    if frame_of_reference:
        ds.FrameOfReferenceUID = meta.whole("FrameOfReferenceUID", f"{uid}.9", ident)
    ds.Modality = meta.whole("Modality", modality, health="medical_image")
    return ds


def dicom_pixels16(ds, size: int = 64, big_endian: bool = False) -> None:
    ds.Rows = ds.Columns = size
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    c = size // 2
    pixels = [int(1800 * max(0.0, 1 - ((x - c) ** 2 + (y - c * 0.9) ** 2) / (c * c * 0.8))) for y in range(size) for x in range(size)]
    ds.PixelData = struct.pack(f"{'>' if big_endian else '<'}{len(pixels)}H", *pixels)


def dicom_pixels_from(ds, img) -> None:
    """Pixel Data from a Pillow image (L: 8-bit MONOCHROME2; RGB: 8-bit RGB, interleaved)."""
    ds.Columns, ds.Rows = img.size
    rgb = img.mode == "RGB"
    ds.SamplesPerPixel, ds.PhotometricInterpretation = (3, "RGB") if rgb else (1, "MONOCHROME2")
    if rgb:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = img.tobytes()


def dicom_equipment(ctx: Ctx, ds) -> None:
    """Harmless attributes (never labelled): maker, model, software, body part, technique."""
    ds.Manufacturer, ds.ManufacturerModelName, ds.SoftwareVersions = ctx.pick(MANUFACTURERS[:2])


def patient(ctx: Ctx) -> tuple[str, str]:
    first, last = ctx.person
    return first, last


def dicom_patient(ctx: Ctx, meta: Meta, ds, *, birth: tuple[int, int] = (1940, 2005), folded: bool = True) -> tuple[str, str]:
    first, last = patient(ctx)
    name = dicom_name(ctx, first, last) if folded else f"{last.upper()}^{first.upper()}"
    ds.PatientName = meta.whole("PatientName", name, "names")
    ds.PatientID = meta.whole("PatientID", mrn(ctx), "mrn")
    ds.PatientBirthDate = meta.whole("PatientBirthDate", dicom_date(random_date(ctx, *birth)), "dates")
    ds.PatientSex = ctx.pick(["F", "M"])
    return first, last


def dicom_study(ctx: Ctx, meta: Meta, ds, description: list[Piece | str] | None = None) -> date:
    day = random_date(ctx, 2021, 2024)
    ds.StudyDate = meta.whole("StudyDate", dicom_date(day), "dates")
    ds.StudyTime = f"{ctx.rng.randint(7, 18):02d}{ctx.rng.randrange(60):02d}00"
    ds.AccessionNumber = meta.whole("AccessionNumber", f"A{dicom_date(day)}{ctx.digits(3)}", "account")
    ds.ReferringPhysicianName = meta.whole("ReferringPhysicianName", dicom_name(ctx, ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES)), "names")
    if description is not None:
        ds.StudyDescription = meta.doc(free_text("StudyDescription", description))
    return day


def save_dicom(meta: Meta, ds, path: Path, **kwargs) -> None:
    meta.size = (ds.Columns, ds.Rows)
    ds.save_as(path, enforce_file_format=kwargs.pop("enforce_file_format", True), **kwargs)


def dicom_sequences(out: Path, rng: Random, name: str) -> Meta:
    """(1) Header PHI at the top level and in nested sequences, two levels deep."""
    from pydicom.dataset import Dataset
    from pydicom.sequence import Sequence
    from pydicom.uid import MRImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, MRImageStorage, 2, "MR")
    dicom_patient(ctx, meta, ds)
    day = dicom_study(ctx, meta, ds, [("MRI", None, "procedure"), " BRAIN W WO CONTRAST"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.MagneticFieldStrength = meta.whole("BodyPartExamined", "BRAIN", health="medical_image"), "1.5"
    request = Dataset()
    request.AccessionNumber = meta.whole("RequestAttributesSequence[0].AccessionNumber", ds.AccessionNumber, "account")
    request.RequestedProcedureID = meta.whole("RequestAttributesSequence[0].RequestedProcedureID", "RP" + ctx.digits(7), "other_unique_id")
    request.ScheduledProcedureStepID = meta.whole(
        "RequestAttributesSequence[0].ScheduledProcedureStepID", "SPS" + ctx.digits(6), "other_unique_id"
    )
    request.RequestedProcedureDescription = "BRAIN W WO"
    study_ref = Dataset()
    study_ref.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.3.1"  # Detached Study Management (a class, not an instance)
    study_ref.ReferencedSOPInstanceUID = meta.whole(
        "RequestAttributesSequence[0].ReferencedStudySequence[0].ReferencedSOPInstanceUID", f"{UID_ROOT}7002.5", "other_unique_id"
    )
    request.ReferencedStudySequence = Sequence([study_ref])
    ds.RequestAttributesSequence = Sequence([request])
    patient_ref = Dataset()
    patient_ref.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.1.1"  # Detached Patient Management
    patient_ref.ReferencedSOPInstanceUID = meta.whole(
        "ReferencedPatientSequence[0].ReferencedSOPInstanceUID", f"{UID_ROOT}7002.6", "other_unique_id"
    )
    ds.ReferencedPatientSequence = Sequence([patient_ref])
    others = []
    for i, issuer in enumerate(["EXAMPLE_GH", "EXAMPLE_CLINIC"]):
        other = Dataset()
        other.PatientID = meta.whole(f"OtherPatientIDsSequence[{i}].PatientID", mrn(ctx), "mrn")
        other.IssuerOfPatientID, other.TypeOfPatientID = issuer, "TEXT"
        others.append(other)
    ds.OtherPatientIDsSequence = Sequence(others)
    ds.SeriesDescription, ds.SeriesNumber, ds.InstanceNumber = "AX T2 FLAIR", 3, 1
    ds.SeriesDate = meta.whole("SeriesDate", dicom_date(day), "dates")
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_private(out: Path, rng: Random, name: str) -> Meta:
    """(2) Private tags under a private creator, one a free-text note with a phone number and a name."""
    from pydicom.uid import CTImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, CTImageStorage, 3, "CT")
    dicom_patient(ctx, meta, ds)
    dicom_study(ctx, meta, ds, ["CHEST WO CONTRAST"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.KVP, ds.SliceThickness = meta.whole("BodyPartExamined", "CHEST", health="medical_image"), "120", "1.25"
    notes = ds.private_block(0x0009, "EXAMPLE_NOTES 1.0", create=True)
    notes.add_new(0x10, "LO", meta.whole("(0009,1010)@EXAMPLE_NOTES 1.0", mrn(ctx), "mrn"))
    relative = (ascii_fold(ctx.pick(FIRST_NAMES)), ascii_fold(ctx.person[1]))  # default character set: ASCII
    note = free_text(
        "(0009,1011)@EXAMPLE_NOTES 1.0",
        [
            "Pt phone ",
            (phone_number(ctx), "phone", None),
            "; daughter ",
            (f"{relative[0]} {relative[1]}", "names", None),
            " will pick up the films. Hx ",
            health_term(ctx, "condition"),
            ", on ",
            health_term(ctx, "medication"),
            ".",
        ],
    )
    notes.add_new(0x11, "LT", meta.doc(note))
    notes.add_new(0x12, "DS", "1.5")
    recon = ds.private_block(0x0019, "ACME_RECON 2", create=True)
    recon.add_new(0x01, "OB", bytes(range(16)))
    recon.add_new(0x02, "US", 512)
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_comments(out: Path, rng: Random, name: str) -> Meta:
    """(3) PatientComments with an SSN and a diagnosis; UTF-8 character set and an accented name."""
    from pydicom.uid import ComputedRadiographyImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ctx.person = ("José", "Núñez")
    ds = dicom_dataset(meta, ComputedRadiographyImageStorage, 4, "CR", frame_of_reference=False)
    ds.SpecificCharacterSet = "ISO_IR 192"
    dicom_patient(ctx, meta, ds, folded=False)
    dicom_study(ctx, meta, ds, ["CHEST 2 VIEWS"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.ViewPosition = meta.whole("BodyPartExamined", "CHEST", health="medical_image"), "PA"
    comments = free_text(
        "PatientComments",
        [
            "SSN ",
            (ssn(ctx), "ssn", None),
            " verified at registration. Known ",
            health_term(ctx, "condition"),
            "; takes ",
            health_term(ctx, "medication"),
            " daily. Emergency contact: ",
            (f"{ctx.pick(FIRST_NAMES)} {ctx.person[1]}", "names", None),
            ".",
        ],
    )
    ds.PatientComments = meta.doc(comments)
    ds.ImageComments = "Upright, good inspiration"
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_deidentified(out: Path, rng: Random, name: str) -> Meta:
    """(4) A properly de-identified file (Basic Profile): a negative for identifiers."""
    from pydicom.dataset import Dataset
    from pydicom.sequence import Sequence
    from pydicom.uid import MRImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, MRImageStorage, 5, "MR", label_uids=False)
    # Replaced UIDs (action U): new 2.25 UIDs, not derived from the originals.
    for keyword, suffix in [("SOPInstanceUID", 1), ("StudyInstanceUID", 2), ("SeriesInstanceUID", 3), ("FrameOfReferenceUID", 4)]:
        setattr(ds, keyword, f"2.25.{int.from_bytes(Random(f'{name}/{suffix}').randbytes(15), 'big')}")
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.PatientName, ds.PatientID = "ANON^0007", "PSEUDO-0007"
    ds.PatientBirthDate = ds.PatientSex = ds.StudyDate = ds.StudyTime = ""  # action Z: present, empty
    ds.AccessionNumber = ds.ReferringPhysicianName = ds.StudyID = ""
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = "Basic Application Confidentiality Profile (PS3.15 E.1.1)"
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = "113100", "DCM", "Basic Application Confidentiality Profile"
    ds.DeidentificationMethodCodeSequence = Sequence([code])
    ds.LongitudinalTemporalInformationModified = "REMOVED"
    ds.BurnedInAnnotation = "NO"
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.SeriesDescription = meta.whole("BodyPartExamined", "KNEE", health="medical_image"), "SAG PD FS"
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_burned_in(out: Path, rng: Random, name: str) -> Meta:
    """(5) BurnedInAnnotation NO over pixels that carry the patient's name, MRN and study date."""
    from PIL import Image, ImageDraw, ImageFont
    from pydicom.uid import ComputedRadiographyImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, ComputedRadiographyImageStorage, 6, "CR", frame_of_reference=False)
    first, last = dicom_patient(ctx, meta, ds)
    day = dicom_study(ctx, meta, ds, ["HAND 3 VIEWS LEFT"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.BurnedInAnnotation = meta.whole("BodyPartExamined", "HAND", health="medical_image"), "NO"
    img = Image.new("L", (128, 128), 12)
    meta.size = img.size
    draw, font = ImageDraw.Draw(img), ImageFont.load_default()
    draw.ellipse([34, 30, 94, 120], fill=150)
    draw.rectangle([56, 8, 72, 40], fill=190)
    folded = (ascii_fold(last).upper(), ascii_fold(first).upper())
    draw_line(meta, draw, font, (3, 2), [(f"{folded[0]}, {folded[1]}", "names", None)], 255)
    draw_line(meta, draw, font, (3, 14), ["MRN ", (ds.PatientID, "mrn", None)], 255)
    draw_line(meta, draw, font, (3, 114), [(f"{day.month:02d}/{day.day:02d}/{day.year}", "dates", None)], 255)
    draw_line(meta, draw, font, (116, 114), ["L"], 255)
    meta.size = img.size
    dicom_pixels_from(ds, img)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_ultrasound(out: Path, rng: Random, name: str) -> Meta:
    """(6) An ultrasound-like secondary capture: the identity sits in the top banner of the pixels."""
    from PIL import Image, ImageDraw, ImageFont
    from pydicom.uid import SecondaryCaptureImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, SecondaryCaptureImageStorage, 7, "US", frame_of_reference=False)
    first, last = dicom_patient(ctx, meta, ds, birth=(1980, 2004))
    day = dicom_study(ctx, meta, ds, ["OB ", ("ULTRASOUND", None, "procedure"), " 2ND TRIMESTER"])
    ds.Manufacturer, ds.ManufacturerModelName, ds.SoftwareVersions = MANUFACTURERS[2]
    ds.ImageType, ds.ConversionType, ds.BurnedInAnnotation = ["DERIVED", "SECONDARY"], "WSD", "YES"
    img = Image.new("RGB", (128, 96), (0, 0, 0))
    meta.size = img.size
    draw, font = ImageDraw.Draw(img), ImageFont.load_default()
    draw.pieslice([4, 4, 124, 150], 230, 310, fill=(70, 70, 70))
    draw.ellipse([52, 50, 78, 72], fill=(20, 20, 20))
    draw.rectangle([0, 0, 127, 25], fill=(24, 24, 64))
    banner_id = mrn(ctx)  # the banner shows the clinic's own ID, not the header's PatientID
    draw_line(meta, draw, font, (2, 1), [(f"{ascii_fold(last).upper()}^{ascii_fold(first).upper()}", "names", None)], (255, 255, 255))
    draw_line(
        meta,
        draw,
        font,
        (2, 12),
        ["ID ", (banner_id, "mrn", None), " ", (f"{day.day:02d}.{day.month:02d}.{day.year}", "dates", None)],
        (255, 255, 0),
    )
    meta.size = img.size
    dicom_pixels_from(ds, img)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_no_preamble(out: Path, rng: Random, name: str) -> Meta:
    """(7a) No preamble, no `DICM`, no file meta, implicit VR little endian, no file extension."""
    from pydicom.uid import ComputedRadiographyImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, ComputedRadiographyImageStorage, 8, "CR", file_meta=False, frame_of_reference=False)
    dicom_patient(ctx, meta, ds)
    dicom_study(ctx, meta, ds, ["PELVIS AP"])
    dicom_equipment(ctx, ds)
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name, enforce_file_format=False, implicit_vr=True, little_endian=True)
    return meta


def dicom_big_endian(out: Path, rng: Random, name: str) -> Meta:
    """(7b) Explicit VR big endian (retired, still found in old archives)."""
    from pydicom.uid import CTImageStorage, ExplicitVRBigEndian

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, CTImageStorage, 9, "CT", transfer=ExplicitVRBigEndian)
    dicom_patient(ctx, meta, ds)
    dicom_study(ctx, meta, ds, ["ABDOMEN PELVIS W CONTRAST"])
    ds.OperatorsName = meta.whole("OperatorsName", dicom_name(ctx, ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES)), "names")
    dicom_equipment(ctx, ds)
    dicom_pixels16(ds, big_endian=True)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_demographics(out: Path, rng: Random, name: str) -> Meta:
    """(7c) Age over 89, institution address, physician, device serial, two phone numbers, accession."""
    from pydicom.uid import DigitalXRayImageStorageForPresentation

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, DigitalXRayImageStorageForPresentation, 10, "DX", frame_of_reference=False)
    first, last = patient(ctx)
    day = random_date(ctx, 2022, 2024)
    born = date(day.year - 92, day.month, min(day.day, 28)) - timedelta(days=ctx.rng.randrange(1, 300))
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    assert age == 92, age
    ds.PatientName = meta.whole("PatientName", dicom_name(ctx, first, last), "names")
    ds.PatientID = meta.whole("PatientID", mrn(ctx), "mrn")
    ds.PatientBirthDate = meta.whole("PatientBirthDate", dicom_date(born), "dates")
    ds.PatientAge = meta.whole("PatientAge", f"{age:03d}Y", "dates")
    ds.PatientSex = "F"
    ds.PatientTelephoneNumbers = [phone_number(ctx), phone_number(ctx)]
    meta.doc(
        free_text(
            "PatientTelephoneNumbers",
            [(ds.PatientTelephoneNumbers[0], "phone", None), "\\", (ds.PatientTelephoneNumbers[1], "phone", None)],
        )
    )
    ds.StudyDate = meta.whole("StudyDate", dicom_date(day), "dates")
    ds.AccessionNumber = meta.whole("AccessionNumber", ctx.digits(8), "account")
    ds.ReferringPhysicianName = meta.whole("ReferringPhysicianName", dicom_name(ctx, ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES)), "names")
    ds.StudyDescription = "LUMBAR SPINE 2 VIEWS"
    city, st, _, zip3 = ctx.pick(CITIES)
    ds.InstitutionName = "Example Valley Medical Center"  # an institution: not labelled (data/README.md)
    ds.InstitutionAddress = meta.doc(
        free_text(
            "InstitutionAddress",
            [(street(ctx), "geographic", None), ", ", (city, "geographic", None), f", {st} ", (zip_code(ctx, zip3), "geographic", None)],
        )
    )
    ds.DeviceSerialNumber = meta.whole("DeviceSerialNumber", f"{ctx.letters(2)}{ctx.digits(6)}", "device")
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.ImageType = meta.whole("BodyPartExamined", "LSPINE", health="medical_image"), ["ORIGINAL", "PRIMARY"]
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


DICOM_WRITERS = [
    ("dicom/mr_brain_0002.dcm", dicom_sequences),
    ("dicom/ct_chest_private_0003.dcm", dicom_private),
    ("dicom/cr_chest_comments_0004.dcm", dicom_comments),
    ("dicom/mr_knee_deid_0005.dcm", dicom_deidentified),
    ("dicom/cr_hand_burned_0006.dcm", dicom_burned_in),
    ("dicom/us_sc_0007.dcm", dicom_ultrasound),
    ("dicom/IM000008", dicom_no_preamble),
    ("dicom/ct_bigendian_0009.dcm", dicom_big_endian),
    ("dicom/dx_spine_0010.dcm", dicom_demographics),
]


def ct_head_meta() -> Meta:
    """The header truth of media/ct_head_0001 (written by write_dicom, its bytes unchanged)."""
    meta = Meta("media/ct_head_0001")
    uid = UID_ROOT + "7001"
    meta.whole("MediaStorageSOPInstanceUID", uid + ".1.1", "other_unique_id")
    meta.whole("SOPInstanceUID", uid + ".1.1", "other_unique_id")
    meta.whole("StudyInstanceUID", uid + ".1", "other_unique_id")
    meta.whole("SeriesInstanceUID", uid + ".1.0", "other_unique_id")
    meta.whole("Modality", "CT", health="medical_image")
    meta.whole("PatientName", "DOE^JANE", "names")
    meta.whole("PatientID", "00482913", "mrn")
    meta.whole("PatientBirthDate", "19610304", "dates")
    meta.whole("StudyDate", "20230502", "dates")
    meta.whole("AccessionNumber", "A20230502117", "account")
    meta.whole("ReferringPhysicianName", "RAMAN^PRIYA", "names")
    meta.size = (64, 64)
    return meta


# ------------------------------------------------------------------------------------------------
