"""Build `annex_e.json`, phi-audit's own copy of DICOM PS3.15 Annex E Table E.1-1 with what each attribute means
for HIPAA Safe Harbor.

    .venv/bin/python auditor/scanners/dicom/build_annex_e.py [SOURCE_JSON]

SOURCE_JSON defaults to `../shared/reference/dicom-ps3.15-annexE-attributes.json`, Innolitics' machine-readable
Table E.1-1 (621 attributes, MIT licence, copied beside the output as `annex_e.LICENSE.txt`). For each attribute
the output keeps the tag, name, Basic Profile action (`D`, `Z`, `X`, `U`, and the compound codes such as
`X/Z/D`) and the profile options (`rtnLongFullDatesOpt: K`, `cleanDescOpt: C`, ...), and adds:

- `keyword` and `vr` from pydicom's data dictionary (None for the repeating groups 50xx/60xx and private);
- `identifier`: the Safe Harbor identifier a value of this attribute is, by the rules below (None when the value
  is not an identifier by itself: times, sex, sizes, codes, AE titles);
- `rule`: `age` (PatientAge: an identifier only at 90 years or more), `free_text` (the value goes through the
  text scanner), `sequence` (walked, items checked), `binary` (never read as text), or `value`.

The mapping is phi-audit's judgement, written down here so that it can be reviewed in one place.
Re-running the script on the same source gives the same file byte for byte.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from pydicom.datadict import dictionary_VR, keyword_for_tag

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2].parent / "shared" / "reference" / "dicom-ps3.15-annexE-attributes.json"
SOURCE_NAME = "Innolitics dicom-standard: DICOM PS3.15 Annex E Table E.1-1 (dicom-ps3.15-annexE-attributes.json)"

#: Attributes whose value is a Safe Harbor identifier by itself, beyond what the VR says (PN → names,
#: DA/DT → dates, UI → other_unique_id).
KEYWORD_IDENTIFIERS: dict[str, str] = {
    # medical record numbers
    "PatientID": "mrn",
    "OtherPatientIDs": "mrn",
    "MedicalRecordLocator": "mrn",
    # account numbers: the visit / order the study was billed under
    "AccessionNumber": "account",
    "AdmissionID": "account",
    "ServiceEpisodeID": "account",
    # health plan
    "InsurancePlanIdentification": "health_plan",
    # telephone numbers
    "PatientTelephoneNumbers": "phone",
    "ReferringPhysicianTelephoneNumbers": "phone",
    "PersonTelephoneNumbers": "phone",
    "OrderCallbackPhoneNumber": "phone",
    "TelephoneNumberTrial": "phone",
    # addresses and positions (smaller than a state)
    "PatientAddress": "geographic",
    "InstitutionAddress": "geographic",
    "ReferringPhysicianAddress": "geographic",
    "PersonAddress": "geographic",
    "AddressTrial": "geographic",
    "RegionOfResidence": "geographic",
    "GPSLatitude": "geographic",
    "GPSLongitude": "geographic",
    "GPSDestLatitude": "geographic",
    "GPSDestLongitude": "geographic",
    # device identifiers and serial numbers
    "DeviceSerialNumber": "device",
    "SourceSerialNumber": "device",
    "LensSerialNumber": "device",
    "DeviceUID": "device",
    "UniqueDeviceIdentifier": "device",
    "DeviceAlternateIdentifier": "device",
    "ManufacturerDeviceIdentifier": "device",
    "DetectorID": "device",
    "XRayDetectorID": "device",
    "XRaySourceID": "device",
    "GantryID": "device",
    "GeneratorID": "device",
    "PlateID": "device",
    "CassetteID": "device",
    "ModifyingDeviceID": "device",
    # names held in a text VR
    "CameraOwnerName": "names",
    # other numbers that single out a patient, a study or a specimen
    "StudyID": "other_unique_id",
    "RequestedProcedureID": "other_unique_id",
    "ScheduledProcedureStepID": "other_unique_id",
    "PerformedProcedureStepID": "other_unique_id",
    "FillerOrderNumberImagingServiceRequest": "other_unique_id",
    "PlacerOrderNumberImagingServiceRequest": "other_unique_id",
    "ClinicalTrialSubjectID": "other_unique_id",
    "ClinicalTrialSubjectReadingID": "other_unique_id",
    "ResultsID": "other_unique_id",
    "InterpretationID": "other_unique_id",
    "SpecimenIdentifier": "other_unique_id",
    "SpecimenAccessionNumber": "other_unique_id",
    "ContainerIdentifier": "other_unique_id",
    "SlideIdentifier": "other_unique_id",
    "BarcodeValue": "other_unique_id",
    "SelectorURValue": "url",
}

#: UIDs that name a class or an organisation, not an instance: not unique to a patient.
NOT_IDENTIFYING_UIDS = frozenset({"ManufacturerDeviceClassUID", "TemplateExtensionOrganizationUID", "TemplateExtensionCreatorUID"})

#: VRs whose values are read as free text by the text scanner when the attribute has no identifier of its own.
FREE_TEXT_VRS = frozenset({"LO", "LT", "SH", "ST", "UC", "UT"})
BINARY_VRS = frozenset({"OB", "OD", "OF", "OL", "OV", "OW", "UN"})


def classify(keyword: str | None, vr: str | None, name: str) -> tuple[str | None, str]:
    """(identifier, rule) for one Annex E attribute."""
    if keyword in KEYWORD_IDENTIFIERS:
        return KEYWORD_IDENTIFIERS[keyword], "value"
    if vr == "SQ":
        return None, "sequence"
    if vr == "AS":
        return "dates", "age"
    if vr == "PN":
        return "names", "value"
    if vr in ("DA", "DT"):
        return "dates", "value"
    if vr == "UI":
        return (None if keyword in NOT_IDENTIFYING_UIDS else "other_unique_id"), "value"
    if vr in FREE_TEXT_VRS:
        return None, "free_text"
    if vr in BINARY_VRS or name in ("Curve Data", "Overlay Data"):
        return None, "binary"
    if name == "Overlay Comments":
        return None, "free_text"
    return None, "value"


def build(source: Path) -> dict:
    rows = json.loads(source.read_text(encoding="utf-8"))
    attributes = []
    for row in sorted(rows, key=lambda r: r["id"]):
        tag = row["tag"].upper()
        keyword = vr = None
        if row["name"] == "Private Attributes":
            tag = "(GGGG,EEEE)"
        elif "X" not in tag[1:10]:
            number = int(tag[1:5] + tag[6:10], 16)
            keyword = keyword_for_tag(number) or None
            vr = dictionary_VR(number)
        identifier, rule = classify(keyword, vr, row["name"])
        if row["name"] == "Private Attributes":
            rule = "private"
        options = {k: v for k, v in sorted(row.items()) if k.endswith("Opt")}
        attributes.append(
            {
                "tag": tag,
                "keyword": keyword,
                "name": row["name"],
                "vr": vr,
                "action": row["basicProfile"],
                "options": options,
                "identifier": identifier,
                "rule": rule,
            }
        )
    return {
        "source": SOURCE_NAME,
        "licence": "MIT, Copyright (c) 2017 Innolitics, LLC (annex_e.LICENSE.txt)",
        "built_by": "auditor/scanners/dicom/build_annex_e.py",
        "count": len(attributes),
        "attributes": attributes,
    }


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    data = build(source)
    (HERE / "annex_e.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    licence = source.with_name(source.name.replace(".json", ".LICENSE.txt"))
    shutil.copyfile(licence, HERE / "annex_e.LICENSE.txt")
    print(f"wrote {data['count']} attributes to {HERE / 'annex_e.json'}")


if __name__ == "__main__":
    main()
