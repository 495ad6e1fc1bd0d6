"""The risk that an image carries burned-in text, judged from its header alone.

Each reason is a `Risk(field, code, score)`; the header scanner makes one `BURNED_IN_TEXT_RISK` finding per
reason. The scores are priors, not measurements: they tell the pixel scanner where to look hardest, never
whether to look. `BurnedInAnnotation = NO` lowers nothing: headers written by converters and de-identifiers are
often wrong about their pixels.

The manufacturer/model priors follow the idea of pydicom/deid's `deid.dicom*` graylists and CTP's
DicomPixelAnonymizer script (vendors' dose pages, screen saves, workstation exports and ultrasound banners
carry names and dates in the pixels), written here as a few broad rules of our own rather than copied
coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydicom.dataset import Dataset

from auditor.media.dicom import string_values

#: Secondary Capture Image Storage and its multi-frame variants (PS3.4 Table B.5-1).
SECONDARY_CAPTURE_SOP_CLASSES = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.7",
        "1.2.840.10008.5.1.4.1.1.7.1",
        "1.2.840.10008.5.1.4.1.1.7.2",
        "1.2.840.10008.5.1.4.1.1.7.3",
        "1.2.840.10008.5.1.4.1.1.7.4",
    }
)
#: ConversionType (0008,0064) values: workstation screen, scanned document, scanned image, digitized film.
_SCREEN_CONVERSIONS = frozenset({"WSD"})
_SCANNED_CONVERSIONS = frozenset({"SD", "SI", "DF", "DV"})
_SCREEN_TYPES = frozenset({"SCREEN SAVE", "SCREENSHOT", "SCREEN_SAVE", "SCREEN CAPTURE"})
_SCREEN_DESCRIPTION = re.compile(r"screen\s*(save|shot|capture)|\bsnapshot\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Prior:
    """A manufacturer/model prior: every condition given must hold (any of image_types OR description)."""

    code: str
    score: float
    modalities: frozenset[str] | None = None
    manufacturer: str | None = None  # regex, case-insensitive, searched in Manufacturer
    model: str | None = None  # regex, searched in ManufacturerModelName
    image_types: frozenset[str] = frozenset()
    description: str | None = None  # regex, searched in SeriesDescription and StudyDescription


PRIORS: tuple[Prior, ...] = (
    # CT dose pages and screen saves (GE, Siemens, Philips, Toshiba): a page of text with name, ID, date.
    Prior(
        "ct_dose_or_report_page",
        0.8,
        frozenset({"CT"}),
        image_types=frozenset({"SCREEN SAVE", "DOSE", "DOSE_INFO", "DOSE INFO"}),
        description=r"dose|report|protocol summary",
    ),
    # CT localizers/topograms: vendor banners in a corner.
    Prior(
        "ct_localizer_banner",
        0.4,
        frozenset({"CT"}),
        image_types=frozenset({"LOCALIZER"}),
        description=r"locali[sz]er|scout|topogram|surview",
    ),
    # 3D / volume renderings from workstations.
    Prior(
        "volume_rendering", 0.6, image_types=frozenset({"VOLREN", "3D", "VOLUME RENDERING"}), description=r"\b3d\b|\bvrt?\b|volume render"
    ),
    # Post-processing workstation and injector exports.
    Prior("workstation_export", 0.7, manufacturer=r"vital|vitrea|terarecon|medrad|bayer|aquarius|syngo\.via"),
    Prior("workstation_export", 0.7, description=r"\bAW\b.*film|AVA report|worksheet|injection profile"),
    # Nuclear medicine and PET secondary pages (Siemens, Philips, ADAC, GE).
    Prior("nm_pet_secondary_page", 0.7, frozenset({"NM", "PT"}), image_types=frozenset({"SECONDARY"})),
    # Endoscopy, angiography/fluoroscopy and external photos: on-screen patient banners are common.
    Prior("endoscopy_banner", 0.7, frozenset({"ES", "GM", "XC", "OP"})),
    Prior("angio_fluoro_annotation", 0.5, frozenset({"XA", "RF"})),
    # Projection radiographs: markers, sometimes the ID block of older CR readers.
    Prior("radiograph_label", 0.3, frozenset({"CR", "DX", "MG", "PX", "IO"})),
)


@dataclass(frozen=True, slots=True)
class Risk:
    field: str
    code: str
    score: float


def _text(dataset: object, keyword: str) -> str:
    """The attribute's text, or "" when it is absent or `dataset` is none (a file without file meta)."""
    values = string_values(dataset, keyword) if isinstance(dataset, Dataset) else None
    if not values:
        return ""
    return "\\".join(values) if len(values) > 1 else values[0].strip()


def _image_type(dataset: Dataset) -> set[str]:
    values = string_values(dataset, "ImageType")
    return {v.strip().upper() for v in values or ()}


def is_image(dataset: Dataset) -> bool:
    """An object with image pixels (Rows is present): reports, plans and directories carry no burned-in text."""
    return "Rows" in dataset or "NumberOfFrames" in dataset


def burned_in_risks(dataset: Dataset) -> list[Risk]:
    """Why this image may carry burned-in text, strongest reasons first; empty when the header gives none."""
    if not is_image(dataset):
        return []
    risks: list[Risk] = []
    if _text(dataset, "BurnedInAnnotation").upper() == "YES":
        risks.append(Risk("BurnedInAnnotation", "burned_in_annotation_yes", 0.95))
    sop_class = _text(dataset, "SOPClassUID") or _text(getattr(dataset, "file_meta", {}) or {}, "MediaStorageSOPClassUID")
    if sop_class in SECONDARY_CAPTURE_SOP_CLASSES:
        risks.append(Risk("SOPClassUID", "secondary_capture", 0.8))
    image_type = _image_type(dataset)
    conversion = _text(dataset, "ConversionType").upper()
    descriptions = " ".join((_text(dataset, "SeriesDescription"), _text(dataset, "StudyDescription")))
    if conversion in _SCREEN_CONVERSIONS or image_type & _SCREEN_TYPES or _SCREEN_DESCRIPTION.search(descriptions):
        field = (
            "ConversionType" if conversion in _SCREEN_CONVERSIONS else "ImageType" if image_type & _SCREEN_TYPES else "SeriesDescription"
        )
        risks.append(Risk(field, "screen_capture", 0.9))
    elif conversion in _SCANNED_CONVERSIONS:
        risks.append(Risk("ConversionType", "scanned_document_or_film", 0.8))
    modality = _text(dataset, "Modality").upper()
    if modality in ("US", "IVUS"):
        risks.append(Risk("Modality", "ultrasound", 0.85))
    if image_type & {"DERIVED", "SECONDARY"}:
        risks.append(Risk("ImageType", "derived_or_secondary", 0.5))
    if not _text(dataset, "Manufacturer") and image_type & {"DERIVED", "SECONDARY", "RECONSTRUCTION"}:
        risks.append(Risk("Manufacturer", "derived_without_manufacturer", 0.6))
    tags = dataset.keys()  # the tags: iterating a pydicom Dataset yields its elements, not its keys
    if any((tag >> 16) & 0xFF00 == 0x6000 and tag & 0xFFFF in (0x3000, 0x4000) for tag in tags):
        risks.append(Risk("OverlayData", "overlay_plane", 0.5))
    manufacturer, model = _text(dataset, "Manufacturer"), _text(dataset, "ManufacturerModelName")
    for prior in PRIORS:
        if _matches(prior, modality, manufacturer, model, image_type, descriptions):
            risks.append(Risk(_prior_field(prior), prior.code, prior.score))
    unique: dict[str, Risk] = {}
    for risk in sorted(risks, key=lambda r: -r.score):
        unique.setdefault(risk.code, risk)
    return list(unique.values())


def _matches(prior: Prior, modality: str, manufacturer: str, model: str, image_type: set[str], descriptions: str) -> bool:
    if prior.modalities is not None and modality not in prior.modalities:
        return False
    if prior.manufacturer and not re.search(prior.manufacturer, manufacturer, re.IGNORECASE):
        return False
    if prior.model and not re.search(prior.model, model, re.IGNORECASE):
        return False
    if prior.image_types or prior.description:
        by_type = bool(prior.image_types & image_type)
        by_description = bool(prior.description and re.search(prior.description, descriptions, re.IGNORECASE))
        return by_type or by_description
    return True


def _prior_field(prior: Prior) -> str:
    if prior.manufacturer or prior.model:
        return "Manufacturer"
    if prior.image_types or prior.description:
        return "ImageType" if prior.image_types else "SeriesDescription"
    return "Modality"
