"""phi-audit's own text recognizers, one per module, for what Presidio lacks or misreads."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from auditor.scanners.text.recognizers.account import AccountNumberRecognizer
from auditor.scanners.text.recognizers.address_block import AddressBlockRecognizer
from auditor.scanners.text.recognizers.age_over_89 import AgeOver89Recognizer
from auditor.scanners.text.recognizers.banner_number import BannerNumberRecognizer
from auditor.scanners.text.recognizers.cased_name import CasedNameRecognizer
from auditor.scanners.text.recognizers.city import CityRecognizer
from auditor.scanners.text.recognizers.county import CountyRecognizer
from auditor.scanners.text.recognizers.dea import DeaNumberRecognizer
from auditor.scanners.text.recognizers.device_serial import DeviceSerialRecognizer
from auditor.scanners.text.recognizers.dicom_dump import DicomDumpRecognizer
from auditor.scanners.text.recognizers.driver_license import DriverLicenseRecognizer
from auditor.scanners.text.recognizers.facility import FacilityRecognizer
from auditor.scanners.text.recognizers.given_name import GivenNameRecognizer
from auditor.scanners.text.recognizers.health_plan import HealthPlanIdRecognizer
from auditor.scanners.text.recognizers.initial_name import InitialNameRecognizer
from auditor.scanners.text.recognizers.intl_address import InternationalAddressRecognizer
from auditor.scanners.text.recognizers.labelled_id import LabelledIdRecognizer, PagerRecognizer
from auditor.scanners.text.recognizers.license_plate import LicensePlateRecognizer
from auditor.scanners.text.recognizers.medical_license import MedicalLicenseNumberRecognizer
from auditor.scanners.text.recognizers.medical_record import MedicalRecordNumberRecognizer
from auditor.scanners.text.recognizers.name_list import NameListRecognizer
from auditor.scanners.text.recognizers.national_id import NationalIdRecognizer
from auditor.scanners.text.recognizers.person_date import PersonDateRecognizer
from auditor.scanners.text.recognizers.person_name import PersonNameRecognizer
from auditor.scanners.text.recognizers.phone import PhoneFaxRecognizer
from auditor.scanners.text.recognizers.postcode import PostcodeRecognizer
from auditor.scanners.text.recognizers.record_fields import RecordFieldRecognizer
from auditor.scanners.text.recognizers.relative_date import RelativeDateRecognizer
from auditor.scanners.text.recognizers.social_handle import SocialHandleRecognizer
from auditor.scanners.text.recognizers.ssn import LabelledSsnRecognizer
from auditor.scanners.text.recognizers.street_address import StreetAddressRecognizer
from auditor.scanners.text.recognizers.street_name import StreetNameRecognizer
from auditor.scanners.text.recognizers.surname_first import SurnameFirstRecognizer
from auditor.scanners.text.recognizers.udi import UdiRecognizer
from auditor.scanners.text.recognizers.url import TrimmedUrlRecognizer
from auditor.scanners.text.recognizers.vin import VinRecognizer
from auditor.scanners.text.recognizers.zip_code import ZipCodeRecognizer

_RECOGNIZERS = (
    AccountNumberRecognizer,
    AddressBlockRecognizer,
    AgeOver89Recognizer,
    BannerNumberRecognizer,
    CasedNameRecognizer,
    CityRecognizer,
    CountyRecognizer,
    DeaNumberRecognizer,
    DeviceSerialRecognizer,
    DicomDumpRecognizer,
    DriverLicenseRecognizer,
    FacilityRecognizer,
    GivenNameRecognizer,
    HealthPlanIdRecognizer,
    InitialNameRecognizer,
    InternationalAddressRecognizer,
    LabelledIdRecognizer,
    LabelledSsnRecognizer,
    LicensePlateRecognizer,
    MedicalLicenseNumberRecognizer,
    MedicalRecordNumberRecognizer,
    NameListRecognizer,
    NationalIdRecognizer,
    PersonDateRecognizer,
    PersonNameRecognizer,
    PagerRecognizer,
    PhoneFaxRecognizer,
    PostcodeRecognizer,
    RecordFieldRecognizer,
    RelativeDateRecognizer,
    SocialHandleRecognizer,
    StreetAddressRecognizer,
    StreetNameRecognizer,
    SurnameFirstRecognizer,
    UdiRecognizer,
    TrimmedUrlRecognizer,
    VinRecognizer,
    ZipCodeRecognizer,
)


def custom_recognizers() -> list[EntityRecognizer]:
    """A fresh instance of every phi-audit identifier recognizer."""
    return [recognizer() for recognizer in _RECOGNIZERS]
