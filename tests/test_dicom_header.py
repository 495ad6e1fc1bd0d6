"""The DICOM header scanner, on small DICOM files built with pydicom: exact findings for each requirement."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from auditor.evidence import EvidenceKeeper
from auditor.media.dicom import DicomReadError, read_header
from auditor.model import Finding, Item
from auditor.scanners.dicom.header import DicomHeaderScanner
from auditor.scanners.dicom.identifying import identifying_values
from auditor.scanners.text.scanner import TextScanner

KEEPER = EvidenceKeeper(b"k" * 32)
CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1"


class NoText:
    def detect(self, texts):
        return [[] for _ in texts]


@pytest.fixture(scope="module")
def scanner() -> DicomHeaderScanner:
    return DicomHeaderScanner(TextScanner())


def dataset(**values) -> Dataset:
    ds = Dataset()
    ds.SOPClassUID = values.pop("SOPClassUID", CT_IMAGE)
    ds.SOPInstanceUID = "1.2.3.4.5.6.7"
    ds.StudyInstanceUID = "1.2.3.4.5.6"
    ds.Modality = values.pop("Modality", "CT")
    ds.PatientName = "DOE^JOHN"
    ds.PatientID = "MRN12345"
    ds.PatientBirthDate = "19400102"
    ds.AccessionNumber = "ACC778899"
    ds.Rows = 16
    ds.Columns = 16
    ds.PixelSpacing = [0.5, 0.5]
    ds.Manufacturer = "GE MEDICAL SYSTEMS"
    ds.ManufacturerModelName = "LightSpeed"
    for key, value in values.items():
        setattr(ds, key, value)
    return ds


def encode(ds: Dataset, syntax=ExplicitVRLittleEndian, preamble: bool = True) -> bytes:
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = syntax
    buffer = io.BytesIO()
    if preamble:
        ds.save_as(buffer, enforce_file_format=True)
    else:
        ds.save_as(
            buffer, implicit_vr=syntax == ImplicitVRLittleEndian, little_endian=syntax != ExplicitVRBigEndian, enforce_file_format=False
        )
        del ds.file_meta
    return buffer.getvalue()


def scan(scanner, payload: bytes) -> list[Finding]:
    return scanner.scan_batch([Item("x.dcm", "dicom", "h", payload=payload)], KEEPER)[0]


def by_field(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.field, []).append(finding)
    return grouped


def test_header_identifiers_actions_and_masked_evidence(scanner):
    findings = by_field(
        scan(
            scanner,
            encode(
                dataset(PatientTelephoneNumbers="555-201-3344", InstitutionAddress="1 Main St, Springfield", DeviceSerialNumber="SN-99812")
            ),
        )
    )
    name = findings["PatientName"][0]
    assert (name.entity, name.identifier, name.source, name.span, name.evidence) == (
        "DICOM_ANNEX_E_Z",
        "names",
        "metadata",
        (0, 8),
        "D**^J***",
    )
    assert name.digest == KEEPER.digest("DOE^JOHN", "names")
    assert (findings["PatientID"][0].entity, findings["PatientID"][0].identifier) == ("DICOM_ANNEX_E_Z_D", "mrn")
    assert findings["PatientBirthDate"][0].identifier == "dates"
    assert findings["AccessionNumber"][0].identifier == "account"
    assert findings["PatientTelephoneNumbers"][0].identifier == "phone"
    assert findings["InstitutionAddress"][0].identifier == "geographic"
    assert findings["DeviceSerialNumber"][0].identifier == "device"
    assert findings["SOPInstanceUID"][0].identifier == "other_unique_id"
    assert [(f.entity, f.health) for f in findings["Modality"]] == [("MEDICAL_IMAGE", "medical_image")]
    # harmless attributes are not findings
    for harmless in ("Rows", "Columns", "PixelSpacing", "Manufacturer", "ManufacturerModelName", "SOPClassUID"):
        assert all(f.entity == "BURNED_IN_TEXT_RISK" for f in findings.get(harmless, []))


def test_nested_sequences_at_every_depth(scanner):
    request = Dataset()
    request.RequestedProcedureID = "RP-4471"
    request.ScheduledProcedureStepID = "SPS-9"
    inner = Dataset()
    inner.PatientName = "ROE^RICHARD"
    referenced = Dataset()
    referenced.ReferencedSOPInstanceUID = "1.2.3.99"
    referenced.OtherPatientIDsSequence = [Dataset()]
    referenced.OtherPatientIDsSequence[0].PatientID = "OLD-MRN-1"
    referenced.ContentSequence = [inner]
    findings = by_field(scan(scanner, encode(dataset(RequestAttributesSequence=[request], ReferencedPatientSequence=[referenced]))))
    assert findings["RequestAttributesSequence[0].RequestedProcedureID"][0].identifier == "other_unique_id"
    assert findings["ReferencedPatientSequence[0].OtherPatientIDsSequence[0].PatientID"][0].identifier == "mrn"
    assert findings["ReferencedPatientSequence[0].ContentSequence[0].PatientName"][0].identifier == "names"
    sequence = findings["RequestAttributesSequence"][0]
    assert (sequence.entity, sequence.span, sequence.evidence) == ("DICOM_ANNEX_E_X", None, "<sequence of 1 item(s)>")


def test_private_tag_free_text_and_patient_comments_go_through_the_text_scanner(scanner):
    ds = dataset(PatientComments="Pt SSN 219-09-9999 per intake")
    block = ds.private_block(0x0009, "ACME 1.0", create=True)
    block.add_new(0x01, "LO", "Pt phone 555-867-5309 call after 5")
    block.add_new(0x02, "DS", "1.5")
    findings = by_field(scan(scanner, encode(ds)))
    private = findings["(0009,1001)@ACME 1.0"]
    assert {f.entity for f in private} >= {"DICOM_ANNEX_E_X", "PHONE_NUMBER"}
    phone = next(f for f in private if f.entity == "PHONE_NUMBER")
    assert (phone.identifier, phone.source, phone.span) == ("phone", "metadata", (9, 21))
    comments = findings["PatientComments"]
    ssn = next(f for f in comments if f.entity == "US_SSN")
    assert (ssn.identifier, ssn.span, ssn.scanner) == ("ssn", (7, 18), "dicom_header")
    assert findings["(0009,1000-10FF)@ACME 1.0"][0].evidence == "<1 non-text private elements>"


def test_deidentified_file_pseudonyms_are_not_names(scanner):
    ds = dataset(PatientIdentityRemoved="YES", DeidentificationMethod="DICOM PS3.15 Basic Profile")
    ds.PatientName = "ANON^0007"
    ds.PatientID = "XXXXXX"
    ds.OtherPatientNames = "^"
    ds.ReferringPhysicianName = "Anonymized"
    findings = scan(scanner, encode(ds))
    grouped = by_field(findings)
    assert not [f for f in findings if f.identifier in ("names", "mrn")]
    assert grouped["PatientName"][0].entity == "DICOM_ANNEX_E_Z"  # presence still recorded
    assert grouped["OtherPatientNames"][0].identifier is None
    assert grouped["SOPInstanceUID"][0].identifier is None  # the profile replaced the UIDs
    assert grouped["PatientBirthDate"][0].identifier == "dates"  # dates are still dates
    removed = grouped["PatientIdentityRemoved"][0]
    assert (removed.entity, removed.identifier, removed.health, removed.evidence) == ("DEIDENTIFIED", None, None, "YES")
    assert grouped["DeidentificationMethod"][0].entity == "DEIDENTIFIED"


def test_burned_in_annotation_no_never_hides_a_risk():
    scanner = DicomHeaderScanner(NoText())
    ultrasound = scan(scanner, encode(dataset(Modality="US", SOPClassUID=US_IMAGE, BurnedInAnnotation="NO")))
    risks = {f.evidence: f for f in ultrasound if f.entity == "BURNED_IN_TEXT_RISK"}
    assert set(risks) == {"ultrasound"}
    assert (risks["ultrasound"].identifier, risks["ultrasound"].health, risks["ultrasound"].field) == (None, None, "Modality")
    ct_no = scan(scanner, encode(dataset(BurnedInAnnotation="NO")))
    assert [f for f in ct_no if f.entity == "BURNED_IN_TEXT_RISK"] == []
    assert any(f.identifier == "names" for f in ct_no)  # NO skips nothing
    secondary = scan(
        scanner,
        encode(
            dataset(
                SOPClassUID="1.2.840.10008.5.1.4.1.1.7", BurnedInAnnotation="YES", ImageType=["DERIVED", "SECONDARY"], ConversionType="WSD"
            )
        ),
    )
    codes = {f.evidence for f in secondary if f.entity == "BURNED_IN_TEXT_RISK"}
    assert codes >= {"burned_in_annotation_yes", "secondary_capture", "screen_capture", "derived_or_secondary"}


def test_burned_in_risk_reads_descriptions_in_any_character_set():
    screen = dataset(SpecificCharacterSet="ISO_IR 100", SeriesDescription="Écran screen save", Manufacturer="Siemens Médical")
    codes = {f.evidence: f.field for f in scan(DicomHeaderScanner(NoText()), encode(screen)) if f.entity == "BURNED_IN_TEXT_RISK"}
    assert codes == {"screen_capture": "SeriesDescription"}


def test_a_value_seen_again_keeps_its_evidence_and_the_digest_of_the_store_it_is_scanned_for():
    scanner = DicomHeaderScanner(NoText())
    other = EvidenceKeeper(b"o" * 32)
    payload = encode(dataset())
    first, again = (scanner.scan_batch([Item(name, "dicom", "h", payload=payload)], KEEPER)[0] for name in ("a.dcm", "b.dcm"))
    elsewhere = scanner.scan_batch([Item("c.dcm", "dicom", "h", payload=payload)], other)[0]
    name = {f.item: f for f in first + again + elsewhere if f.field == "PatientName"}
    assert name["a.dcm"].digest == name["b.dcm"].digest == KEEPER.digest("DOE^JOHN", "names")
    assert name["c.dcm"].digest == other.digest("DOE^JOHN", "names")
    assert name["a.dcm"].evidence == name["c.dcm"].evidence == "D**^J***"


@pytest.mark.parametrize(("age", "identifier"), [("092Y", "dates"), ("090Y", "dates"), ("089Y", None), ("999M", None), ("045Y", None)])
def test_age_over_89_is_a_date_identifier(age, identifier):
    findings = by_field(scan(DicomHeaderScanner(NoText()), encode(dataset(PatientAge=age))))
    assert findings["PatientAge"][0].identifier == identifier
    assert findings["PatientAge"][0].entity == "DICOM_ANNEX_E_X"


@pytest.mark.parametrize(
    ("syntax", "preamble"),
    [
        (ExplicitVRLittleEndian, True),
        (ImplicitVRLittleEndian, True),
        (ExplicitVRBigEndian, True),
        (DeflatedExplicitVRLittleEndian, True),
        (ExplicitVRLittleEndian, False),
        (ImplicitVRLittleEndian, False),
        (ExplicitVRBigEndian, False),
    ],
)
def test_every_encoding_reads_the_same_identifiers(syntax, preamble):
    payload = encode(dataset(), syntax, preamble)
    if syntax == DeflatedExplicitVRLittleEndian:
        assert b"DOE^JOHN" not in payload  # really deflated
    if not preamble:
        assert payload[128:132] != b"DICM"
    findings = scan(DicomHeaderScanner(NoText()), payload)
    got = {(f.field, f.identifier, f.evidence) for f in findings if f.identifier in ("names", "mrn", "account")}
    assert got == {("PatientName", "names", "D**^J***"), ("PatientID", "mrn", "********"), ("AccessionNumber", "account", "*********")}


def test_dicm_without_preamble_is_read():
    payload = encode(dataset())
    assert str(read_header(payload[128:]).PatientName) == "DOE^JOHN"


@pytest.mark.parametrize("payload", [b"", b"hello, this is a text file\n" * 10, b"%PDF-1.7 ...", bytes(range(256)) * 4])
def test_not_dicom_raises_one_line_error(payload):
    scanner = DicomHeaderScanner(NoText())
    with pytest.raises(DicomReadError) as raised:
        scanner.scan_batch([Item("x", "dicom", "h", payload=payload)], KEEPER)
    assert "\n" not in str(raised.value) and str(raised.value).startswith("not a DICOM file")


def test_identifying_values_are_a_per_item_deny_list():
    ds = dataset(InstitutionName="Springfield General", OtherPatientNames="ANON^0001")
    ds.RequestAttributesSequence = [Dataset()]
    ds.RequestAttributesSequence[0].RequestedProcedureID = "RP-4471"
    values = {(v.kind, v.value): v for v in identifying_values(ds)}
    assert set(values) == {
        ("names", "DOE^JOHN"),
        ("mrn", "MRN12345"),
        ("dates", "19400102"),
        ("account", "ACC778899"),
        ("institution", "Springfield General"),
        ("other_unique_id", "RP-4471"),
    }
    assert {"JOHN DOE", "DOE, JOHN", "DOE"} <= set(values[("names", "DOE^JOHN")].variants)
    assert {"1940-01-02", "01/02/1940", "02-Jan-1940"} <= set(values[("dates", "19400102")].variants)
    assert values[("other_unique_id", "RP-4471")].field == "RequestAttributesSequence[0].RequestedProcedureID"


def test_annex_e_data_covers_table_e1_1_with_its_licence():
    folder = Path(__file__).resolve().parents[1] / "auditor" / "scanners" / "dicom"
    data = json.loads((folder / "annex_e.json").read_text(encoding="utf-8"))
    assert data["count"] == len(data["attributes"]) == 621
    assert "Innolitics" in (folder / "annex_e.LICENSE.txt").read_text(encoding="utf-8")
    by_keyword = {a["keyword"]: a for a in data["attributes"]}
    assert (by_keyword["PatientName"]["action"], by_keyword["PatientName"]["identifier"]) == ("Z", "names")
    assert by_keyword["StudyDescription"]["rule"] == "free_text"
    assert {a["action"] for a in data["attributes"]} <= {"D", "Z", "X", "U", "X/D", "X/Z", "X/Z/D", "Z/D", "X/Z/U*"}


def test_pseudonymous_ids_are_not_identifiers_but_real_ids_are():
    from auditor.scanners.dicom.deid import is_pseudonym

    assert is_pseudonym("PSEUDO-0007") and is_pseudonym("pseudo0007") and is_pseudonym("RESEARCH^12")
    assert not is_pseudonym("4810023") and not is_pseudonym("E2055960")


def test_an_identifier_shaped_private_value_is_a_record_number_when_its_creator_says_patient_id():
    ds = dataset()
    block = ds.private_block(0x0011, "ACME PATIENT_ID 2", create=True)
    block.add_new(0x01, "LO", "Q7-20931184")
    findings = by_field(scan(DicomHeaderScanner(NoText()), encode(ds)))
    assert [f.identifier for f in findings["(0011,1001)@ACME PATIENT_ID 2"]] == ["mrn"]


def test_an_identifier_shaped_private_value_with_the_patient_ids_pattern_is_a_record_number():
    ds = dataset(PatientID="9171892875")
    block = ds.private_block(0x0009, "EXAMPLE_NOTES 1.0", create=True)
    block.add_new(0x10, "LO", "2611502869")
    findings = by_field(scan(DicomHeaderScanner(NoText()), encode(ds)))
    found = findings["(0009,1010)@EXAMPLE_NOTES 1.0"]
    assert [(f.identifier, f.span) for f in found] == [("mrn", (0, 10))]


def test_other_identifier_shaped_private_values_are_other_unique_ids_and_short_numbers_nothing():
    ds = dataset(PatientID="9171892875")
    block = ds.private_block(0x0009, "ACME_RECON 2", create=True)
    block.add_new(0x01, "LO", "SN-4471902")  # a code of another shape, creator silent about it
    block.add_new(0x02, "LO", "12345")  # too short for an identifier
    block.add_new(0x03, "LO", "V12.3.4")  # a version
    block.add_new(0x04, "LO", "ANON000123")  # a pseudonym
    findings = by_field(scan(DicomHeaderScanner(NoText()), encode(ds)))
    assert [f.identifier for f in findings["(0009,1001)@ACME_RECON 2"]] == ["other_unique_id"]
    for element in ("1002", "1003", "1004"):
        assert [f.identifier for f in findings[f"(0009,{element})@ACME_RECON 2"]] == [None]


def test_a_batch_reads_each_header_once_for_the_scanner_and_the_quasi_identifiers(monkeypatch):
    import auditor.media.dicom as dicom
    from auditor.worker import BatchScanner

    parsed: list[bytes] = []
    real = dicom._read_header
    monkeypatch.setattr(dicom, "_read_header", lambda payload: parsed.append(payload) or real(payload))
    payloads = [encode(dataset(PatientAge="045Y", PatientSex="F")), encode(dataset(PatientAge="071Y", PatientSex="M"))]
    results = BatchScanner(KEEPER, ["dicom_header"]).scan([Item(f"{i}.dcm", "dicom", f"h{i}", payload=p) for i, p in enumerate(payloads)])
    assert parsed == payloads
    assert [(r.quasi.age_band, r.quasi.sex) for r in results if r.quasi] == [("40-49", "F"), ("70-79", "M")]
    read_header(payloads[0], reuse=True)
    assert len(parsed) == 3  # outside a batch nothing is kept


def test_a_header_cut_short_is_reported_when_its_batch_is_read_again_item_by_item(monkeypatch):
    from auditor.worker import BatchScanner

    class FailsOnce:
        calls = 0

        def detect(self, texts):
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("the batch's call fails, after its headers were walked")
            return [[] for _ in texts]

    detector = FailsOnce()
    monkeypatch.setattr(DicomHeaderScanner, "_detector", lambda self: detector)
    whole = encode(dataset(SpecificCharacterSet="ISO_IR 192", PerformedProcedureStepDescription="Scan by Zoë Ångström, ward 4"))
    cut = whole[:-5]  # inside the last value (read through pydicom, not ASCII): kept shorter, without a word
    items = [Item("cut.dcm", "dicom", "h1", payload=cut), Item("whole.dcm", "dicom", "h2", payload=whole)]
    results = BatchScanner(KEEPER, ["dicom_header"]).scan(items)  # each is scanned again alone, from a fresh read
    assert detector.calls == 3
    assert any("header truncated" in e.reason for e in results[0].errors)
    assert "scan:dicom_header" not in [e.stage for e in results[1].errors]


def test_a_header_read_holds_no_copy_of_its_file_and_what_a_batch_keeps_stays_in_its_thread():
    import threading

    import auditor.media.dicom as dicom

    payload = encode(dataset(PatientAge="045Y"))[128:]  # no preamble: reading puts one back, in a copy
    seen_elsewhere: list[object] = []
    with dicom.headers_kept():
        assert read_header(payload).buffer is None
        other = threading.Thread(target=lambda: seen_elsewhere.append(dicom._kept.get()))
        other.start()
        other.join()
        assert read_header(payload, reuse=True) is read_header(payload, reuse=True)
    assert seen_elsewhere == [None]


class CountingAnalyzer:
    """The real analyzer of the text detector, counting each text it reads (a window of one, for these texts)."""

    def __init__(self, analyzer) -> None:
        self.analyzer = analyzer
        self.nlp_engine = analyzer.nlp_engine
        self.read: dict[str, int] = {}

    def analyze(self, text, **options):
        self.read[text] = self.read.get(text, 0) + 1
        return self.analyzer.analyze(text, **options)


def counted_scanner():
    from auditor.scanners.text.detector import TextDetector, shared_analyzer

    detector = TextDetector()
    analyzer = CountingAnalyzer(shared_analyzer(detector.spacy_model))
    detector._analyzer = analyzer  # what `_engine` builds, with its reads counted
    return DicomHeaderScanner(detector), analyzer


def test_a_free_text_repeated_across_files_and_batches_is_read_once_and_found_in_each():
    scanner, analyzer = counted_scanner()
    series = "CT chest for John Smith, call 555-867-5309"  # a series' description: in every slice
    payloads = [encode(dataset(StudyDescription=series, PatientComments=f"slice {n} of 3")) for n in range(3)]
    batches = [[Item("0.dcm", "dicom", "h0", payload=payloads[0]), Item("1.dcm", "dicom", "h1", payload=payloads[1])]]
    batches.append([Item("2.dcm", "dicom", "h2", payload=payloads[2])])
    found = [findings for batch in batches for findings in scanner.scan_batch(batch, KEEPER)]
    texts = [
        [(f.entity, f.span, f.digest) for f in by_field(findings)["StudyDescription"] if f.entity != "DICOM_ANNEX_E_X"]
        for findings in found
    ]
    assert {"PERSON", "PHONE_NUMBER"} <= {entity for entity, _, _ in texts[0]}
    assert texts[1] == texts[2] == texts[0]
    assert analyzer.read[series] == 1
    assert [analyzer.read[f"slice {n} of 3"] for n in range(3)] == [1, 1, 1]


def test_the_free_texts_kept_between_batches_are_bounded_by_their_characters(monkeypatch):
    import auditor.scanners.text.detector as detector

    monkeypatch.setattr(detector, "RECENT_CHARS", 80)
    scanner, analyzer = counted_scanner()
    first = "Referred by Dr. Alice Jones"
    others = [f"Follow-up visit number {n} at the clinic" for n in range(3)]  # 120 characters in all, more than 80
    for text in [first, *others, first]:
        scanner.scan_batch([Item("x.dcm", "dicom", "h", payload=encode(dataset(StudyDescription=text)))], KEEPER)
    assert analyzer.read[first] == 2  # pushed out by the later texts, so read again
    assert scanner._text_detector._recent_chars <= 80


@dataclass(frozen=True)
class CountingKeeper(EvidenceKeeper):
    """The real keeper, noting each value it digests."""

    digested: list[str] = field(default_factory=list, compare=False)

    def digest(self, value: str, identifier: str | None) -> str:
        self.digested.append(value)
        return super().digest(value, identifier)


def test_a_long_free_text_repeated_across_files_is_masked_once_and_what_is_kept_is_bounded(monkeypatch):
    import auditor.scanners.dicom.header as header

    keeper = CountingKeeper(b"k" * 32)
    scanner = DicomHeaderScanner(NoText())
    protocol = "<protocol>" + "<step>Localizer, axial 5 mm</step>" * 200 + "</protocol>"  # a vendor's XML in every slice
    payload = encode(dataset(ImageComments=protocol))
    found = [scanner.scan_batch([Item(f"{n}.dcm", "dicom", "h", payload=payload)], keeper)[0] for n in range(2)]
    assert keeper.digested.count(protocol) == 1
    monkeypatch.setattr(header, "_MASKED_CHARS", len(protocol))  # the values kept now exceed the bound: forgotten
    found.append(scanner.scan_batch([Item("2.dcm", "dicom", "h", payload=payload)], keeper)[0])
    assert keeper.digested.count(protocol) == 2
    comments = [[(f.evidence, f.digest) for f in by_field(findings)["ImageComments"]] for findings in found]
    assert comments[0] == comments[1] == comments[2] == [(keeper.evidence(protocol), EvidenceKeeper(b"k" * 32).digest(protocol, None))]
