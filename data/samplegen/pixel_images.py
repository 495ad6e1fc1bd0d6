"""Identity in the pixels: DICOMs with burned-in text and images (screenshots, X-rays, a wristband, a face)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from random import Random

from .dicom_files import DICOM_WRITERS, MANUFACTURERS, dicom_dataset, dicom_equipment, dicom_patient, dicom_study, save_dicom
from .metadata import Meta, clamp_box, draw_line
from .pdfs import pdf_metadata
from .photos import PHOTO_WRITERS
from .tables import CITIES, FIRST_NAMES, LAST_NAMES, MONTHS
from .texts import DATE_FORMATS, Ctx, Piece, ascii_fold, caps_name, full_name, mrn, phone_number, random_date, street, zip_code

# Identity in the pixels: DICOMs with burned-in text (dicom/, header truth too) and images (images/,
# box truth only): lab-report screenshots, photographed screens, X-ray-like images, a QR wristband, a
# face, and clean negatives. Boxes are the drawn text's, carried through every warp the picture gets.
# ------------------------------------------------------------------------------------------------

#: Photos shipped inside the scikit-image wheel (skimage/data), read as files: provenance from skimage.data.
SKIMAGE_PHOTOS = {
    "astronaut.png": "Eileen Collins, NASA Great Images database: public domain",
    "coffee.png": "Rachel Michetti, courtesy of Pikolo Espresso Bar: CC0",
    "chelsea.png": "Stefan van der Walt: CC0",
}


def skimage_photo(name: str):
    """A photo from the scikit-image wheel, without importing scikit-image (nothing is downloaded)."""
    import importlib.util

    from PIL import Image

    spec = importlib.util.find_spec("skimage")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the sample's photos come from scikit-image's bundled data: pip install scikit-image")
    with Image.open(Path(list(spec.submodule_search_locations)[0]) / "data" / name) as img:
        return img.convert("RGB")


def font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def np_rng(rng: Random):
    import numpy as np

    return np.random.default_rng(rng.getrandbits(64))


def radiograph(rng: Random, size: tuple[int, int]):
    """A chest-radiograph-like greyscale array: dark air in the corners, a body, lungs, ribs and a spine."""
    import cv2
    import numpy as np

    w, h = size
    img = np.full((h, w), 14, np.float32)
    cv2.ellipse(img, (w // 2, int(h * 0.62)), (int(w * 0.42), int(h * 0.48)), 0, 0, 360, 150, -1)
    for side in (-1, 1):
        cv2.ellipse(img, (w // 2 + side * int(w * 0.19), int(h * 0.55)), (int(w * 0.14), int(h * 0.28)), 0, 0, 360, 80, -1)
        for k in range(6):
            centre = (w // 2 + side * int(w * 0.1), int(h * (0.36 + 0.07 * k)))
            cv2.ellipse(img, centre, (int(w * 0.24), int(h * 0.06)), 0, 180 if side < 0 else 270, 270 if side < 0 else 360, 125, 3)
    cv2.rectangle(img, (w // 2 - int(w * 0.035), int(h * 0.25)), (w // 2 + int(w * 0.035), h), 185, -1)
    img = cv2.GaussianBlur(img, (0, 0), 2.5) + np_rng(rng).normal(0, 3, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def ultrasound_field(rng: Random, size: tuple[int, int], top: int):
    """An ultrasound-like frame: a speckled sector under `top`, a dark cyst, black around."""
    import cv2
    import numpy as np

    w, h = size
    g = np_rng(rng)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    radius = np.hypot(xx - w / 2, yy - (top - 12))
    angle = np.degrees(np.arctan2(xx - w / 2, yy - (top - 12)))
    sector = (np.abs(angle) < 36) & (radius > 16) & (radius < h - top + 4)
    speckle = cv2.GaussianBlur(g.rayleigh(38, (h, w)).astype(np.float32), (0, 0), 0.8)
    img = np.where(sector, speckle + 25, 0).astype(np.float32)
    cx, cy = int(w / 2 + g.integers(-w // 8, w // 8)), int(top + (h - top) * 0.55)
    cv2.ellipse(img, (cx, cy), (w // 10, h // 12), 0, 0, 360, 8, -1)
    return np.clip(img, 0, 255).astype(np.uint8)


def map_boxes(meta: Meta, transform, size: tuple[int, int]) -> None:
    """Carry every pixel box through a 3×3 perspective (or affine) matrix into an image of `size`."""
    import numpy as np

    matrix = np.asarray(transform, dtype=np.float64)
    if matrix.shape == (2, 3):
        matrix = np.vstack([matrix, [0, 0, 1]])
    meta.size = size
    for box in [*meta.pixel_labels, *meta.pixel_lines]:
        x, y, w, h = box["bbox"]
        corners = np.array([[x, y, 1], [x + w, y, 1], [x + w, y + h, 1], [x, y + h, 1]], dtype=np.float64) @ matrix.T
        xs, ys = corners[:, 0] / corners[:, 2], corners[:, 1] / corners[:, 2]
        left, top, right, bottom = clamp_box(meta, (np.floor(xs.min()), np.floor(ys.min()), np.ceil(xs.max()), np.ceil(ys.max())))
        box["bbox"] = [left, top, right - left, bottom - top]


def photographed(meta: Meta, screen, rng: Random, size: tuple[int, int], corners, *, moire: float, blur: float):
    """A phone photo of a screen: the screen warped onto `corners` over a dim desk, moiré, blur, sensor noise."""
    import cv2
    import numpy as np

    g = np_rng(rng)
    w, h = size
    sw, sh = screen.size
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]]), np.float32(corners))
    desk = np.linspace(70, 40, h, dtype=np.float32)[:, None, None] * np.array([1.0, 0.9, 0.8], np.float32)
    photo = np.ascontiguousarray(np.broadcast_to(desk, (h, w, 3)))
    photo = cv2.warpPerspective(
        np.asarray(screen, np.float32), matrix, size, dst=photo, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT
    )
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    photo *= (1 + moire * np.sin(2 * np.pi * (xx * 0.23 + yy * 0.11)))[..., None]  # the screen's grid beating with the sensor's
    photo = cv2.GaussianBlur(photo, (0, 0), blur) + g.normal(0, 3, photo.shape)
    map_boxes(meta, matrix, size)
    from PIL import Image

    return Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))


def lab_screen(
    ctx: Ctx, meta: Meta, size: tuple[int, int], *, dark: bool, portal: str, text_px: int, tests: int = 3, address: bool = False
):
    """A patient-portal lab result page as a screenshot: who, when, who ordered it, the tests."""
    from PIL import Image, ImageDraw

    ink, paper, bar = ((225, 228, 235), (28, 30, 36), (52, 60, 80)) if dark else ((20, 20, 20), (255, 255, 255), (32, 84, 160))
    img = Image.new("RGB", size, paper)
    draw, f = ImageDraw.Draw(img), font(text_px)
    meta.size = size
    step = round(text_px * 1.6)
    draw.rectangle([0, 0, size[0], step + 4], fill=bar)
    draw_line(meta, draw, f, (8, 4), [f"{portal} - Test Results"], (255, 255, 255))
    first, last = ctx.person
    born, drawn = random_date(ctx, 1940, 2004), random_date(ctx, 2022, 2024)
    doctor = (ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES))
    rows: list[list[Piece | str]] = [
        ["Patient: ", (ascii_fold(caps_name(ctx, first, last) if ctx.chance(0.5) else full_name(ctx, first, last)), "names", None)],
        ["DOB: ", (ctx.pick(DATE_FORMATS[:1] + DATE_FORMATS[4:5])(born), "dates", None), "   MRN: ", (mrn(ctx), "mrn", None)],
        ["Ordered by: Dr. ", (ascii_fold(f"{doctor[0]} {doctor[1]}"), "names", None)],  # the portal font has no accents
        ["Collected: ", (f"{drawn.month:02d}/{drawn.day:02d}/{drawn.year}", "dates", None), " 08:40"],
    ]
    if address:
        city, st, _, zip3 = ctx.pick(CITIES)
        rows.append(
            [(street(ctx), "geographic", None), ", ", (city, "geographic", None), f", {st} ", (zip_code(ctx, zip3), "geographic", None)]
        )
        rows.append(["Phone: ", (phone_number(ctx), "phone", None)])
    picked = ctx.rng.sample(["HbA1c", "TSH", "LDL", "ferritin", "creatinine", "eGFR", "vitamin D", "CRP", "B12"], tests)
    for test in picked:
        rows.append([(test, None, "lab_test"), f"   {ctx.rng.randint(2, 95)}.{ctx.rng.randrange(10)}   ({ctx.pick(['H', 'L', 'N'])})"])
    y = step + 10
    for row in rows:
        draw_line(meta, draw, f, (8, y), row, ink)
        y += step
    assert y <= size[1], (meta.item, y)
    return img


def image_lab_screenshot(out: Path, rng: Random, name: str, *, dark: bool) -> Meta:
    ctx, meta = Ctx(rng), Meta(name)
    img = lab_screen(
        ctx, meta, (440, 250), dark=dark, portal=ctx.pick(["MyChart", "FollowMyHealth", "Patient Portal"]), text_px=13, address=not dark
    )
    img.save(out / name, optimize=True)
    return meta


def image_screen_photo(out: Path, rng: Random, name: str) -> Meta:
    """A lab result photographed off a monitor at an angle: perspective, moiré, blur, JPEG."""
    ctx, meta = Ctx(rng), Meta(name)
    screen = lab_screen(ctx, meta, (400, 240), dark=False, portal="MyChart", text_px=15)
    corners = [[38, 30], [452, 52], [440, 318], [22, 300]]
    photographed(meta, screen, rng, (480, 360), corners, moire=0.06, blur=0.7).save(out / name, quality=85)
    return meta


def image_screen_photo_sideways(out: Path, rng: Random, name: str) -> Meta:
    """A screen photographed tilted, and stored sideways with EXIF Orientation 6 (as phones store it): the
    boxes are in the upright image, the one a viewer shows."""
    from PIL import Image

    ctx, meta = Ctx(rng), Meta(name)
    screen = lab_screen(ctx, meta, (380, 230), dark=True, portal="Patient Portal", text_px=15)
    corners = [[40, 58], [410, 20], [432, 248], [58, 288]]
    upright = photographed(meta, screen, rng, (460, 320), corners, moire=0.04, blur=0.9)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    upright.transpose(Image.Transpose.ROTATE_90).save(out / name, quality=85, exif=exif.tobytes())
    return meta


def image_xray_burned(out: Path, rng: Random, name: str) -> Meta:
    """A chest X-ray exported as PNG, its burned-in annotation in the dark corners (white text)."""
    from PIL import Image, ImageDraw

    ctx, meta = Ctx(rng), Meta(name)
    img = Image.fromarray(radiograph(rng, (320, 380)))
    meta.size = img.size
    draw, f = ImageDraw.Draw(img), font(11)
    first, last = ctx.person
    born, taken = random_date(ctx, 1940, 2004), random_date(ctx, 2022, 2024)
    draw_line(meta, draw, f, (4, 3), [(f"{ascii_fold(last).upper()}, {ascii_fold(first).upper()}", "names", None)], 255)
    draw_line(meta, draw, f, (4, 17), ["MRN: ", (mrn(ctx), "mrn", None)], 255)
    draw_line(meta, draw, f, (4, 31), ["DOB: ", (born.isoformat(), "dates", None)], 255)
    draw_line(meta, draw, f, (230, 3), [(f"{taken.month:02d}/{taken.day:02d}/{taken.year}", "dates", None)], 255)
    draw_line(meta, draw, f, (230, 17), ["CHEST PA"], 255)
    draw_line(meta, draw, f, (300, 362), ["R"], 255)
    img.save(out / name, optimize=True)
    return meta


def image_xray_label(out: Path, rng: Random, name: str) -> Meta:
    """A knee radiograph photographed as JPEG with its film label: black text on a white label."""
    from PIL import Image, ImageDraw

    ctx, meta = Ctx(rng), Meta(name)
    img = Image.fromarray(radiograph(rng, (300, 360))).convert("RGB")
    meta.size = img.size
    draw, f = ImageDraw.Draw(img), font(11)
    draw.rectangle([150, 282, 296, 356], fill=(236, 236, 230))
    first, last = ctx.person
    born = random_date(ctx, 1940, 2004)
    draw_line(meta, draw, f, (155, 286), ["Example Ortho Clinic"], (10, 10, 10))
    draw_line(meta, draw, f, (155, 302), ["Name: ", (f"{ascii_fold(first)} {ascii_fold(last)}", "names", None)], (10, 10, 10))
    draw_line(meta, draw, f, (155, 318), ["DOB ", (f"{born.month:02d}.{born.day:02d}.{born.year}", "dates", None)], (10, 10, 10))
    draw_line(meta, draw, f, (155, 334), ["ID ", (mrn(ctx), "mrn", None)], (10, 10, 10))
    draw_line(meta, draw, f, (8, 8), ["L"], (255, 255, 255))
    img.save(out / name, quality=85)
    return meta


def image_wristband(out: Path, rng: Random, name: str) -> Meta:
    """A photo of a patient wristband: a QR code holding name, MRN and date of birth, the same printed beside
    it; tilted, on skin, blurred, JPEG. The code's box carries the identifiers it encodes."""
    import cv2
    import numpy as np
    import zxingcpp
    from PIL import Image, ImageDraw

    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    name_text = f"{ascii_fold(last).upper()}, {ascii_fold(first).upper()}"
    record, born = mrn(ctx), random_date(ctx, 1940, 2004)
    dob = f"{born.month:02d}/{born.day:02d}/{born.year}"
    band = Image.new("RGB", (330, 100), (250, 250, 246))
    meta.size = band.size
    qr = Image.fromarray(
        np.asarray(zxingcpp.write_barcode(zxingcpp.BarcodeFormat.QRCode, f"{name_text}\nMRN: {record}\nDOB: {dob}", quiet_zone=2))
    )
    qr = qr.resize((qr.width * 3, qr.height * 3), Image.Resampling.NEAREST)
    band.paste(qr, (8, (100 - qr.height) // 2))
    box = [8, (100 - qr.height) // 2, qr.width, qr.height]
    for identifier, text in (("other_unique_id", "<QR code>"), ("names", name_text), ("mrn", record), ("dates", dob)):
        meta.pixel_labels.append({"frame": 0, "text": text, "identifier": identifier, "health": None, "bbox": list(box)})
    draw, f = ImageDraw.Draw(band), font(13)
    x = qr.width + 18
    draw_line(meta, draw, f, (x, 14), [(name_text, "names", None)], (0, 0, 0))
    draw_line(meta, draw, f, (x, 36), ["MRN ", (record, "mrn", None)], (0, 0, 0))
    draw_line(meta, draw, f, (x, 58), ["DOB ", (dob, "dates", None), f"  {ctx.pick(['F', 'M'])}"], (0, 0, 0))
    size = (420, 300)
    matrix = cv2.getRotationMatrix2D((165, 50), -6, 1.0)
    matrix[:, 2] += (45, 95)
    skin = np.linspace(205, 165, size[0], dtype=np.float32)[None, :, None] * np.array([1.0, 0.78, 0.64], np.float32)
    photo = np.ascontiguousarray(np.broadcast_to(skin, (size[1], size[0], 3)))
    photo = cv2.warpAffine(np.asarray(band, np.float32), matrix, size, dst=photo, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT)
    photo = cv2.GaussianBlur(photo, (0, 0), 0.6) + np_rng(rng).normal(0, 2.5, photo.shape)
    map_boxes(meta, matrix, size)
    Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).save(out / name, quality=88)
    return meta


def image_face(out: Path, rng: Random, name: str) -> Meta:
    """A portrait (scikit-image's astronaut, public domain): a full-face photograph, labelled by hand."""
    meta = Meta(name)
    img = skimage_photo("astronaut.png").resize((384, 384))
    meta.size = img.size
    meta.pixel_labels.append({"frame": 0, "text": "<face>", "identifier": "face_photo", "health": None, "bbox": [132, 56, 74, 80]})
    img.save(out / name, quality=85)
    return meta


def image_negative(out: Path, rng: Random, name: str) -> Meta:
    """An image without any text: an ordinary photo (scikit-image's CC0 photos) or a clean medical image."""
    from PIL import Image

    meta = Meta(name)
    stem = Path(name).stem
    if stem == "photo_coffee":
        img = skimage_photo("coffee.png").resize((360, 240))
    elif stem == "photo_cat":
        img = skimage_photo("chelsea.png").resize((360, 240))
    elif stem == "xray_clean":
        img = Image.fromarray(radiograph(rng, (300, 360)))
    else:
        img = Image.fromarray(ultrasound_field(rng, (320, 240), 12))
    meta.size = img.size
    img.save(out / name, **({"quality": 85} if name.endswith(".jpg") else {"optimize": True}))
    return meta


def burned_text(
    array, meta: Meta, lines: list[tuple[tuple[int, int], list[Piece | str]]], value: int, size: int = 11, frame: int = 0
) -> None:
    """Burn text into a 2-D pixel array at `value` (the way modalities write their overlays into the pixels)."""
    import numpy as np
    from PIL import Image, ImageDraw

    mask = Image.new("L", (array.shape[1], array.shape[0]), 0)
    draw = ImageDraw.Draw(mask)
    meta.size = mask.size
    for xy, pieces in lines:
        draw_line(meta, draw, font(size), xy, pieces, 255, frame)
    array[np.asarray(mask) > 127] = value


def dicom_pixels_array(ds, array, photometric: str, bits: int, window: tuple[int, int]) -> None:
    """16-bit greyscale Pixel Data from a 2-D array (int16: signed) with its window (centre, width)."""
    ds.Rows, ds.Columns = array.shape
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, photometric
    signed = int(array.dtype.kind == "i")
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, bits, bits - 1, signed
    ds.WindowCenter, ds.WindowWidth = window
    ds.PixelData = array.astype("<i2" if signed else "<u2").tobytes()


def dicom_ct_burned(out: Path, rng: Random, name: str) -> Meta:
    """A 16-bit CT slice (signed, rescale −1024, window 40/400) with the scanner's overlay burned into the
    pixels: name, ID and birth date top left, institution and date top right, technique at the bottom."""
    import cv2
    import numpy as np
    from pydicom.uid import CTImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, CTImageStorage, 11, "CT")
    _first, _last = dicom_patient(ctx, meta, ds)
    day = dicom_study(ctx, meta, ds, ["CT ABDOMEN W CONTRAST"])
    dicom_equipment(ctx, ds)
    ds.InstitutionName = "Example General Hospital"
    ds.BodyPartExamined = meta.whole("BodyPartExamined", "ABDOMEN", health="medical_image")
    ds.BurnedInAnnotation = "YES"
    hu = np.full((256, 256), -1000, np.int16)
    cv2.ellipse(hu, (128, 136), (100, 80), 0, 0, 360, 40, -1)
    cv2.ellipse(hu, (128, 136), (100, 80), 0, 0, 360, 600, 4)
    cv2.circle(hu, (128, 190), 14, 700, -1)
    cv2.ellipse(hu, (100, 120), (26, 20), 0, 0, 360, 60, -1)
    hu = (hu + np_rng(rng).normal(0, 12, hu.shape)).astype(np.int16)
    born = date(int(ds.PatientBirthDate[:4]), int(ds.PatientBirthDate[4:6]), int(ds.PatientBirthDate[6:]))
    stored = np.clip(hu + 1024, 0, 4095).astype(np.uint16)  # unsigned 12-bit, rescaled by −1024 to HU
    burned_text(
        stored,
        meta,
        [
            ((3, 2), [(str(ds.PatientName), "names", None)]),
            ((3, 15), ["ID: ", (ds.PatientID, "mrn", None)]),
            ((3, 28), ["DOB: ", (f"{born.day:02d}-{MONTHS[born.month - 1][:3].upper()}-{born.year}", "dates", None)]),
            ((150, 2), ["Example General"]),
            ((170, 15), [(day.isoformat(), "dates", None)]),
            ((3, 242), ["kV 120  mA 250"]),
            ((190, 242), ["W 400 L 40"]),
        ],
        3071 + 1024,
    )
    ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    dicom_pixels_array(ds, stored, "MONOCHROME2", 12, (40, 400))
    save_dicom(meta, ds, out / name)
    return meta


def dicom_dx_monochrome1(out: Path, rng: Random, name: str) -> Meta:
    """A 12-bit MONOCHROME1 radiograph (low values white) with name, birth date and accession burned in."""
    import numpy as np
    from pydicom.uid import DigitalXRayImageStorageForPresentation

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, DigitalXRayImageStorageForPresentation, 13, "DX", frame_of_reference=False)
    first, last = dicom_patient(ctx, meta, ds)
    day = dicom_study(ctx, meta, ds, ["CHEST PA"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined = meta.whole("BodyPartExamined", "CHEST", health="medical_image")
    display = radiograph(rng, (240, 288)).astype(np.int32)
    stored = (4095 - display * 16).astype(np.uint16)  # MONOCHROME1: bright on the screen is low in the file
    born = date(int(ds.PatientBirthDate[:4]), int(ds.PatientBirthDate[4:6]), int(ds.PatientBirthDate[6:]))
    burned_text(
        stored,
        meta,
        [
            ((4, 3), [(f"{ascii_fold(last).upper()}, {ascii_fold(first).upper()}", "names", None)]),
            ((4, 17), ["DOB ", (f"{born.month:02d}/{born.day:02d}/{born.year}", "dates", None)]),
            ((4, 31), ["Acc ", (ds.AccessionNumber, "account", None)]),
            ((168, 3), [(f"{day.month:02d}/{day.day:02d}/{day.year}", "dates", None)]),
            ((222, 268), ["R"]),
        ],
        0,
    )
    dicom_pixels_array(ds, stored, "MONOCHROME1", 12, (2048, 4096))
    save_dicom(meta, ds, out / name)
    return meta


def dicom_us_cine(out: Path, rng: Random, name: str) -> Meta:
    """A three-frame ultrasound cine (RGB): the same banner on every frame (read and reported once, in frame 0),
    the sector changing, and the sonographer's name only on the last, frozen frame."""
    import numpy as np
    from PIL import Image, ImageDraw
    from pydicom.uid import UltrasoundMultiFrameImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, UltrasoundMultiFrameImageStorage, 12, "US", frame_of_reference=False)
    first, last = dicom_patient(ctx, meta, ds, birth=(1980, 2004))
    day = dicom_study(ctx, meta, ds, ["OB ", ("ULTRASOUND", None, "procedure")])
    ds.Manufacturer, ds.ManufacturerModelName, ds.SoftwareVersions = MANUFACTURERS[2]
    ds.BurnedInAnnotation = "YES"
    banner_id = mrn(ctx)
    sonographer = (ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES))
    frames = []
    for index in range(3):
        img = Image.fromarray(ultrasound_field(rng, (200, 150), 30)).convert("RGB")
        draw, f = ImageDraw.Draw(img), font(10)
        draw.rectangle([0, 0, 199, 27], fill=(20, 20, 52))
        meta.size = img.size
        if index == 0:
            draw_line(meta, draw, f, (3, 2), [(f"{ascii_fold(last).upper()}^{ascii_fold(first).upper()}", "names", None)], (255, 255, 255))
            draw_line(
                meta,
                draw,
                f,
                (3, 14),
                ["ID ", (banner_id, "mrn", None), "  ", (f"{day.day:02d}.{day.month:02d}.{day.year}", "dates", None)],
                (255, 255, 0),
            )
            draw_line(meta, draw, f, (128, 2), ["MI 0.9 TIS 0.4"], (255, 255, 255))
        else:
            draw.text((3, 2), f"{ascii_fold(last).upper()}^{ascii_fold(first).upper()}", fill=(255, 255, 255), font=f)
            draw.text((3, 14), f"ID {banner_id}  {day.day:02d}.{day.month:02d}.{day.year}", fill=(255, 255, 0), font=f)
            draw.text((128, 2), "MI 0.9 TIS 0.4", fill=(255, 255, 255), font=f)
        if index == 2:
            draw_line(
                meta, draw, f, (3, 136), ["Sonographer: ", (f"{sonographer[0]} {sonographer[1]}", "names", None)], (255, 255, 255), frame=2
            )
        frames.append(np.asarray(img))
    pixels = np.stack(frames)
    ds.NumberOfFrames, ds.FrameTime = len(frames), 40.0
    ds.Rows, ds.Columns = pixels.shape[1:3]
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "RGB", 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = pixels.tobytes()
    save_dicom(meta, ds, out / name)
    return meta


def dicom_ct_clean(out: Path, rng: Random, name: str) -> Meta:
    """A CT slice with nothing burned in: a negative for the pixels (its header still identifies)."""
    import cv2
    import numpy as np
    from pydicom.uid import CTImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, CTImageStorage, 14, "CT")
    dicom_patient(ctx, meta, ds)
    dicom_study(ctx, meta, ds, ["HEAD WO CONTRAST"])
    dicom_equipment(ctx, ds)
    hu = np.full((256, 256), -1000, np.int16)
    cv2.ellipse(hu, (128, 128), (92, 110), 0, 0, 360, 900, -1)
    cv2.ellipse(hu, (128, 128), (84, 102), 0, 0, 360, 35, -1)
    hu = (hu + np_rng(rng).normal(0, 10, hu.shape)).astype(np.int16)
    ds.RescaleIntercept, ds.RescaleSlope = 0, 1
    dicom_pixels_array(ds, hu, "MONOCHROME2", 16, (40, 80))
    save_dicom(meta, ds, out / name)
    return meta


#: DICOMs with (or without) text burned into their pixels; their header truth follows the older files'.
PIXEL_DICOM_WRITERS = [
    ("dicom/ct_burned_0011.dcm", dicom_ct_burned),
    ("dicom/us_cine_0012.dcm", dicom_us_cine),
    ("dicom/dx_mono1_burned_0013.dcm", dicom_dx_monochrome1),
    ("dicom/ct_clean_0014.dcm", dicom_ct_clean),
]
#: Images whose only truth is in their pixels (images/ carries no metadata).
IMAGE_WRITERS = [
    ("images/lab_result_light.png", lambda out, rng, name: image_lab_screenshot(out, rng, name, dark=False)),
    ("images/lab_result_dark.png", lambda out, rng, name: image_lab_screenshot(out, rng, name, dark=True)),
    ("images/screen_photo_0001.jpg", image_screen_photo),
    ("images/screen_photo_0002.jpg", image_screen_photo_sideways),
    ("images/xray_chest_burned.png", image_xray_burned),
    ("images/xray_knee_label.jpg", image_xray_label),
    ("images/wristband_qr.jpg", image_wristband),
    ("images/portrait_0001.jpg", image_face),
    ("images/photo_coffee.jpg", image_negative),
    ("images/photo_cat.jpg", image_negative),
    ("images/xray_clean.png", image_negative),
    ("images/us_clean.png", image_negative),
]


def write_pixel_images(out: Path, seed: int) -> Iterator[Meta]:
    """Write images/; each file gets its own Random(f"{seed}/{file}")."""
    for name, writer in IMAGE_WRITERS:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        yield writer(out, Random(f"{seed}/{name}"), name)


META_WRITERS = [*DICOM_WRITERS, *PHOTO_WRITERS, ("documents/referral_letter.pdf", pdf_metadata), *PIXEL_DICOM_WRITERS]


def write_metadata_items(out: Path, seed: int) -> Iterator[Meta]:
    """Write every metadata-bearing file; each gets its own Random(f"{seed}/{file}")."""
    for name, writer in META_WRITERS:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        yield writer(out, Random(f"{seed}/{name}"), name)


# ================================================================================================
