"""Device serial numbers and IDs (pacemakers, insulin pumps, CGM transmitters, phones' IMEI): free-form,
so by their label — "serial no.", "S/N", "SN:", "IMEI", "pump ID"."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer, after_label

_DEVICES = r"pacemaker|defibrillator|icd|pump|implant|device|cgm|transmitter|sensor|receiver|hearing\s*aid"
_LABELS = rf"serial|s/n|(?-i:SN)|imei|meid|udid|(?:{_DEVICES})\s*(?:id|serial)|transmitter|bracelet"


class DeviceSerialRecognizer(DeclaredPatternRecognizer):
    """Four to twenty-five letters and digits, at least one a digit, after a serial or device-ID label."""

    ENTITY = "DEVICE_ID"
    MIN_DIGITS = 1  # at least one digit
    LABELS = _LABELS
    PATTERNS = [Pattern("Device serial (labelled)", after_label(_LABELS, r"(?!(?:19|20)\d\d\b)(?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{3,24}"), 0.65)]
    CONTEXT = ["serial", "device", "pump", "pacemaker", "imei"]
