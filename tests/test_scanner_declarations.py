"""What a scanner declares about itself is what the pipeline and the store act on."""

from auditor.scanners import REGISTRY, scanner_class, scanner_versions
from auditor.scanners.base import Scanner
from auditor.scanners.text.detector import TextDetector
from auditor.scanners.versions import TEXT_DETECTOR, with_text_detector


def test_a_scanner_that_uses_the_text_detector_records_the_detectors_version_and_no_other_does():
    versions = scanner_versions()
    for name in REGISTRY:
        cls = scanner_class(name)
        assert versions[name] == cls.version
        assert (f"text-detector.{TEXT_DETECTOR}" in versions[name]) == cls.uses_text_detector, name


def test_the_scanners_that_embed_the_text_detector_declare_it():
    embed = {
        "text",
        "dicom_header",
        "image_metadata",
        "pdf_metadata",
        "document_metadata",
        "pdf_pages",
        "pixel_text",
        "barcodes",
        "file_name",
    }
    assert {name for name in REGISTRY if scanner_class(name).uses_text_detector} == embed


def test_a_plug_in_that_uses_the_text_detector_gets_its_version_too(monkeypatch):
    from auditor import scanners

    class PlugIn(Scanner):
        name = "plug_in"
        version = "7"
        kinds = frozenset({"post"})
        covers = frozenset({"text"})
        uses_text_detector = True

        def scan_batch(self, items, keeper):
            return [[] for _ in items]

    monkeypatch.setitem(REGISTRY, "plug_in", "x:PlugIn")
    monkeypatch.setattr(scanners, "scanner_class", lambda name: PlugIn if name == "plug_in" else scanner_class(name))
    assert scanners.scanner_versions()["plug_in"] == with_text_detector("7")


def test_the_detector_is_a_thing_of_its_own_not_a_scanner():
    assert not issubclass(TextDetector, Scanner)
    assert scanner_class("text")().detector.spacy_model == TextDetector().spacy_model
