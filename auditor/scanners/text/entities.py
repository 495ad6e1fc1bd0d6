"""What each text-detector entity means: its Safe Harbor identifier or health category, and the score
below which the text scanner drops it.

This is the scanner's declaration of what it finds (like a detect-secrets plugin's `secret_type`), not
policy: policies weigh identifiers and health categories, they never rename entities.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntitySpec:
    identifier: str | None = None
    health: str | None = None
    min_score: float = 0.4


ENTITIES: dict[str, EntitySpec] = {
    # names
    "PERSON": EntitySpec(identifier="names", min_score=0.5),
    # geographic subdivisions smaller than a state
    "LOCATION": EntitySpec(identifier="geographic", min_score=0.5),
    "STREET_ADDRESS": EntitySpec(identifier="geographic"),
    "ZIP_CODE": EntitySpec(identifier="geographic"),
    # a postcode of another country ("NW1 6XE", "10115 Berlin"); apart from ZIP_CODE, which the risk model reads
    "POSTAL_CODE": EntitySpec(identifier="geographic"),
    # a hospital, clinic or care home: where a person was treated (weighed apart from addresses by a policy)
    "FACILITY": EntitySpec(identifier="geographic", min_score=0.5),
    # dates (other than year) tied to a person, and ages over 89
    "PERSON_DATE": EntitySpec(identifier="dates"),
    "AGE_OVER_89": EntitySpec(identifier="dates"),
    # "last Friday", "two days ago": a date only with the post's own; the shipped policy does not count it
    "RELATIVE_DATE": EntitySpec(identifier="dates"),
    # contact
    "PHONE_NUMBER": EntitySpec(identifier="phone"),
    "FAX_NUMBER": EntitySpec(identifier="fax"),
    "EMAIL_ADDRESS": EntitySpec(identifier="email"),
    "URL": EntitySpec(identifier="url"),
    "IP_ADDRESS": EntitySpec(identifier="ip"),
    # numbers
    "US_SSN": EntitySpec(identifier="ssn"),
    # other countries' national, tax and social-security numbers: Safe Harbor's "Social Security numbers" are the
    # US's, so these are its "any other unique identifying number" (as sensitive, and as direct an identifier)
    "SG_NRIC_FIN": EntitySpec(identifier="other_unique_id"),
    "UK_NINO": EntitySpec(identifier="other_unique_id"),
    "CA_SIN": EntitySpec(identifier="other_unique_id", min_score=0.6),  # Luhn-valid 3-3-3 digits: only with a SIN word
    # checksummed national, tax and social-security numbers of other countries (engine.py `_NATIONAL_NUMBERS`)
    "IN_AADHAAR": EntitySpec(identifier="other_unique_id"),
    "IT_FISCAL_CODE": EntitySpec(identifier="other_unique_id"),
    "ES_NIF": EntitySpec(identifier="other_unique_id"),
    "ES_NIE": EntitySpec(identifier="other_unique_id"),
    "FI_PERSONAL_IDENTITY_CODE": EntitySpec(identifier="other_unique_id"),
    "SE_PERSONNUMMER": EntitySpec(identifier="other_unique_id"),
    "PL_PESEL": EntitySpec(identifier="other_unique_id"),
    "DE_TAX_ID": EntitySpec(identifier="other_unique_id"),
    "TR_NATIONAL_ID": EntitySpec(identifier="other_unique_id"),
    "KR_RRN": EntitySpec(identifier="other_unique_id"),
    "ZA_ID_NUMBER": EntitySpec(identifier="other_unique_id"),
    "NG_NIN": EntitySpec(identifier="other_unique_id"),
    "AU_TFN": EntitySpec(identifier="other_unique_id"),
    "NATIONAL_ID": EntitySpec(identifier="other_unique_id"),  # national_id.py: CPF, NIR, CNIC, RUT, CURP and others
    "MEDICAL_RECORD_NUMBER": EntitySpec(identifier="mrn"),
    "HEALTH_PLAN_ID": EntitySpec(identifier="health_plan"),
    "AU_MEDICARE": EntitySpec(identifier="health_plan"),
    "DE_HEALTH_INSURANCE": EntitySpec(identifier="health_plan"),
    "ACCOUNT_NUMBER": EntitySpec(identifier="account"),
    "CREDIT_CARD": EntitySpec(identifier="account"),
    "US_BANK_NUMBER": EntitySpec(identifier="account", min_score=0.5),
    "IBAN_CODE": EntitySpec(identifier="account"),
    "US_NPI": EntitySpec(identifier="license"),
    # a DEA check digit passes one letter-prefixed ID in ten: kept with a "DEA" or prescriber word near
    "DEA_NUMBER": EntitySpec(identifier="license", min_score=0.5),
    "MEDICAL_LICENSE": EntitySpec(identifier="license"),
    "US_DRIVER_LICENSE": EntitySpec(identifier="license", min_score=0.5),
    "UK_DRIVING_LICENCE": EntitySpec(identifier="license"),
    "VIN": EntitySpec(identifier="vehicle"),
    "LICENSE_PLATE": EntitySpec(identifier="vehicle"),
    "DEVICE_ID": EntitySpec(identifier="device"),
    "MAC_ADDRESS": EntitySpec(identifier="device"),
    "US_PASSPORT": EntitySpec(identifier="other_unique_id", min_score=0.5),
    "US_ITIN": EntitySpec(identifier="other_unique_id", min_score=0.5),
    "US_PRESCRIPTION_NUMBER": EntitySpec(identifier="other_unique_id"),
    "SOCIAL_HANDLE": EntitySpec(identifier="other_unique_id"),
    "LABELLED_ID": EntitySpec(identifier="other_unique_id"),
    # health information
    "CONDITION": EntitySpec(health="condition"),
    "MEDICATION": EntitySpec(health="medication"),
    "PROCEDURE": EntitySpec(health="procedure"),
    "LAB_TEST": EntitySpec(health="lab_test"),
}
