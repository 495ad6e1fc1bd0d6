"""PHONE_NUMBER, FAX_NUMBER, EMAIL_ADDRESS, URL, IP_ADDRESS, MAC_ADDRESS and SOCIAL_HANDLE."""

from __future__ import annotations

import pytest
import regex

from auditor.scanners.text.recognizers.phone import PhoneFaxRecognizer
from auditor.scanners.text.recognizers.social_handle import SocialHandleRecognizer


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("text me at (555) 123-4567 if you need to talk", "(555) 123-4567"),
        ("the support line is 555.123.4567", "555.123.4567"),
        ("call +1 555 123 4567 for the trial", "+1 555 123 4567"),
        ("my cell 555-123-4567, evenings only", "555-123-4567"),
        ("call the nurse line at 212-639-2000 anytime", "212-639-2000"),
    ],
)
def test_a_formatted_us_number_is_a_phone_number_even_when_unassigned(detect, hit, text, phone):
    assert hit(text, "PHONE_NUMBER", phone) in detect(text)


def test_a_number_after_fax_is_a_fax_number_and_the_phone_before_it_stays_a_phone(detect, hit):
    text = "Office phone 555-123-4567, fax 555-123-4568."
    assert detect(text) >= {hit(text, "PHONE_NUMBER", "555-123-4567"), hit(text, "FAX_NUMBER", "555-123-4568")}


def test_a_faxed_records_number_is_a_fax_number(detect, hit):
    text = "I faxed my records to (212) 555-0199 twice"
    assert hit(text, "FAX_NUMBER", "(212) 555-0199") in detect(text)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Call (207) 555-O164 to reschedule", "(207) 555-O164"),
        ("Emergency contact: son  Ph: 401-555-O122", "401-555-O122"),
        ("clinic line (3l2) 555-0190, ask for Dee", "(3l2) 555-0190"),
    ],
)
def test_a_us_number_ocr_read_with_letters_o_and_l_for_digits_is_one_phone_number(detect, hit, text, phone):
    assert {h for h in detect(text) if h[0] == "PHONE_NUMBER"} == {hit(text, "PHONE_NUMBER", phone)}


@pytest.mark.parametrize("text", ["Room 2OO-lOl-lOOl is no number", "code OOO-OOO-OOOO", "bed lll-222-3333"])
def test_a_phone_shape_with_more_than_two_letters_is_no_phone_number(detect, text):
    assert {h for h in detect(text) if h[0] == "PHONE_NUMBER"} == set()


@pytest.mark.parametrize(
    "text",
    [
        "updated to v2.3.1 yesterday",
        "appointment at 10:30 then labs at 11:45",
        "A1C 6.5, fasting 105, weight 180.5",
        "my order 123456789 shipped",
        "got 1,234,567 steps this year",
    ],
)
def test_versions_times_and_counts_are_no_phone_numbers(detect, text):
    assert {h for h in detect(text) if h[0] in ("PHONE_NUMBER", "FAX_NUMBER")} == set()


def test_the_recognizer_alone_reports_both_entities(recognize):
    found = recognize(PhoneFaxRecognizer(), "tel 555-123-4567 fax 555-765-4321")
    assert found == {("PHONE_NUMBER", 4, 16), ("FAX_NUMBER", 21, 33)}


def test_an_email_address_is_found_and_its_domain_is_not_a_separate_url(detect, hit):
    text = "email me at jane.doe@example.com for the spreadsheet"
    assert hit(text, "EMAIL_ADDRESS", "jane.doe@example.com") in detect(text)
    assert {h for h in detect(text) if h[0] == "URL"} == set()


def test_a_url_is_found(detect, hit):
    text = "my fundraiser: https://www.gofundme.com/f/help-jane-beat-cancer please share"
    assert hit(text, "URL", "https://www.gofundme.com/f/help-jane-beat-cancer") in detect(text)


@pytest.mark.parametrize(
    ("text", "ip"),
    [("the portal logged 203.0.113.42 as my IP", "203.0.113.42"), ("ipv6 2001:db8::8a2e:370:7334 too", "2001:db8::8a2e:370:7334")],
)
def test_an_ip_address_v4_or_v6_is_found(detect, hit, text, ip):
    assert hit(text, "IP_ADDRESS", ip) in detect(text)


def test_a_mac_address_is_a_device_identifier(detect, hit):
    text = "my CGM receiver MAC is 00:1A:2B:3C:4D:5E"
    assert hit(text, "MAC_ADDRESS", "00:1A:2B:3C:4D:5E") in detect(text)


@pytest.mark.parametrize(
    ("text", "handle"),
    [("follow @sarah_t1d for pump tips", "@sarah_t1d"), ("thanks u/chemo_warrior99 for the advice", "u/chemo_warrior99")],
)
def test_a_social_handle_is_found(detect, hit, text, handle):
    assert hit(text, "SOCIAL_HANDLE", handle) in detect(text)


@pytest.mark.parametrize("text", ["write to jane@example.com", "meet @10am at the clinic", "rated it @ 5 stars"])
def test_an_email_or_a_time_is_no_social_handle(recognize, text):
    assert recognize(SocialHandleRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "fax"),
    [
        ("P: (608) 555-0148  F: (563)555-0121\nDevice", "(563)555-0121"),
        ("P: (205) 553-6623  F: +1 205 222 1323\nTest", "+1 205 222 1323"),
    ],
)
def test_a_number_after_a_letterhead_f_label_is_a_fax_and_after_p_a_phone(detect, hit, text, fax):
    found = detect(text)
    assert hit(text, "FAX_NUMBER", fax) in found
    assert not any(h[0] == "FAX_NUMBER" and h[1] < text.index("F:") for h in found)


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("My mom's intake form, for reference:\n\nHome: 801-649-5657   Cell: (254)555-0140", "801-649-5657"),
        ("Appt: the 3rd of December 9:15 AM\nTel +1 971 398 2283\nProcedure: mastectomy", "+1 971 398 2283"),
    ],
)
def test_a_labelled_phone_number_stays_a_phone_after_the_word_reference_or_a_tel_label(detect, hit, text, phone):
    assert hit(text, "PHONE_NUMBER", phone) in detect(text)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("our fundraiser: https://fundraise.example.org/f/help-ines-levy.", "https://fundraise.example.org/f/help-ines-levy"),
        ("(blog: http://blog.example.com/2019/06/bernard)", "http://blog.example.com/2019/06/bernard"),
        ("portal https://portal.example.org/records/view?pt=7804834, ugh", "https://portal.example.org/records/view?pt=7804834"),
    ],
)
def test_a_url_span_stops_before_the_sentence_punctuation(detect, hit, text, url):
    assert hit(text, "URL", url) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "Useful resource: https://www.cdc.gov/diabetes/index.html. ferritin is low",
        "read https://www.nih.gov/health-information before you panic",
        "Useful resource: https://www.nami.org.",
        "useful resource: https://988lifeline.org",
        "more info: https://medlineplus.gov/lupus.html",
    ],
)
def test_a_government_or_resource_link_names_nobody_and_is_no_url_identifier(detect, text):
    assert {h for h in detect(text) if h[0] == "URL"} == set()


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Joining info: https://meet.google.com/qkw-rrzx-tpa\nGuests: x", "https://meet.google.com/qkw-rrzx-tpa"),
        ("visit info: https://us02web.zoom.us/j/8812044712", "https://us02web.zoom.us/j/8812044712"),
    ],
)
def test_a_video_visits_link_is_a_url_identifier_even_after_an_info_label(detect, hit, text, url):
    assert hit(text, "URL", url) in detect(text)


def test_one_phone_matcher_run_covers_us_and_canada_because_every_7_digit_nanp_number_fits_their_shared_pattern():
    from phonenumbers import PhoneMetadata
    from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

    assert PhoneFaxRecognizer()._matcher_regions == ("US", "GB")
    shared = regex.compile(PhoneMetadata.metadata_for_region("US").general_desc.national_number_pattern)
    for region in COUNTRY_CODE_TO_REGION_CODE[1]:
        metadata = PhoneMetadata.metadata_for_region(region)
        for kind in (
            "fixed_line",
            "mobile",
            "toll_free",
            "premium_rate",
            "shared_cost",
            "personal_number",
            "voip",
            "pager",
            "uan",
            "voicemail",
        ):
            desc = getattr(metadata, kind)
            if desc is not None and 7 in (desc.possible_length or ()) and desc.example_number:
                assert shared.fullmatch(desc.example_number), (region, kind)
                assert desc.national_number_pattern.startswith("3"), (region, kind)


@pytest.mark.parametrize(
    "text", ["call 310-1234 for the clinic", "call 1 310 1234 for the clinic", "ring 403-555-0123 or +44 20 7946 0958"]
)
def test_canadian_numbers_are_found_by_the_one_nanp_matcher_run(recognize, text):
    assert {entity for entity, _, _ in recognize(PhoneFaxRecognizer(), text)} == {"PHONE_NUMBER"}


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("(08) 9123 4567 is the clinic", "(08) 9123 4567"),
        ("ring her on 0803 123 4567 tonight", "0803 123 4567"),
        ("0803 123 4567", "0803 123 4567"),
    ],
)
def test_a_national_number_grouped_as_only_phones_are_is_a_phone_without_a_phone_word(detect, hit, text, phone):
    assert hit(text, "PHONE_NUMBER", phone) in detect(text)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("my daughter is 4\nketoKaren: yes!! ours is 6", "ketoKaren"),
        ("bramblefox#7781: yeah the test came back", "bramblefox#7781"),
        ("Discord #chronic-pain · spoonie_sol: the pain clinic", "spoonie_sol"),
        ("[21:14] t1d_tanya: call them", "t1d_tanya"),
        ("INFO login ok user=jmalvarez71 ip=10.0.0.1", "jmalvarez71"),
        ('{"owner": "priya.ramanathan", "lastSync": "x"}', "priya.ramanathan"),
    ],
)
def test_a_chat_speaker_or_a_log_user_shaped_like_a_handle_is_a_handle(detect, hit, text, handle):
    assert hit(text, "SOCIAL_HANDLE", handle) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        *("Nurse: vitals stable", "PT: Yes.", "Maria: ok", "McKenzie: here", "HbA1c: 7.2", "CO2: 24", "SpO2: 94", "Note2: see above"),
        *("ImageDescription: wound photo", "log_level: info", "hl7_port: 2575", "LEVO 0.05 MCG/KG/MIN, VASO 0.04 U/MIN."),
        *("smtp_host: mail.example.com", "LDL_C: 130", "Pt_1: stable", "maxRetries: 5", "WBC_count: 7.2"),  # fields
        *("Pt_1: stable overnight, no events", "config.yaml: set the port to 8080", "MaryBeth: is he ok now?"),
        "oxytocin 2 u/min, insulin 5 u/day",  # a dose rate's units
    ],
)
def test_a_role_a_name_or_a_result_before_a_colon_is_no_handle(detect, text):
    assert not any(entity == "SOCIAL_HANDLE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Reddit comment by throwaway_kidney_2025\n\nsame here, my nephrologist said", "throwaway_kidney_2025"),
        ("she is 82 and stubborn as anything. — MarnieT_halifax", "MarnieT_halifax"),
        ("posted by glutenfree_gabe in r/celiac", "glutenfree_gabe"),
    ],
)
def test_a_posts_author_or_a_signed_handle_is_a_handle(detect, hit, text, handle):
    assert hit(text, "SOCIAL_HANDLE", handle) in detect(text)


@pytest.mark.parametrize("text", ["posted by Mary Smith yesterday", "see you then — log_level", "thanks — Maria"])
def test_a_name_or_a_key_after_by_or_a_dash_is_no_handle(detect, text):
    assert not any(entity == "SOCIAL_HANDLE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("thanks everyone for the support, it means a lot\n-- lupus_warrior_88", "lupus_warrior_88"),  # everyday words
        ("that's all I know, hope it helps - kelly_k", "kelly_k"),
        ("good luck with the biopsy\n- kelly_k\n", "kelly_k"),  # a hyphen on a post's last line
        ("good luck with the biopsy\n~ JohnS_92", "JohnS_92"),
    ],
)
def test_a_handle_signing_off_a_post_after_a_double_dash_a_hyphen_or_a_tilde_is_a_handle(detect, hit, text, handle):
    assert hit(text, "SOCIAL_HANDLE", handle) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "I keep the old settings in the file — config_v2",  # a version
        "eGFR is 41 so my labs read — CKD_stage3",  # a stage
        "the pump has a setting for it — basal_mode12",
        "to set it up:\n- redis_host\n- kelly_k\nthen restart it",  # a list's bullets
        "then run the script with --redis_host",  # a command's option
        "pic of the rash - IMG_4471",  # a camera's file
        "see the attached -- scan_0012",
        "covid update - COVID_19",  # a disease
    ],
)
def test_a_version_a_setting_a_stage_a_bullet_an_option_or_a_file_at_a_lines_end_is_no_handle(detect, text):
    assert not any(entity == "SOCIAL_HANDLE" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Message-ID: <CAKx9f=Q8sm7-Yp2vL0d@mail.gmail.com>\nMIME-Version: 1.0", "EMAIL_ADDRESS"),
        ("Received: from mail-relay.clinic.local by mx2.example-health.org with ESMTPS", "URL"),
        ('{"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]}}', "URL"),
        ("Poison Control: 1-800-222-1222, open 24/7.", "PHONE_NUMBER"),
    ],
)
def test_a_message_id_a_mail_relay_a_code_systems_url_and_a_public_hotline_name_no_one(detect, text, entity):
    assert not any(found == entity for found, _, _ in detect(text))


def test_the_sender_of_a_mail_header_is_still_an_email_beside_its_message_id(detect, hit):
    text = "From: Ana <ana.lopez@gmail.com>\nMessage-ID: <abc123@mail.gmail.com>"
    assert {(entity, text[start:end]) for entity, start, end in detect(text) if entity == "EMAIL_ADDRESS"} == {
        ("EMAIL_ADDRESS", "ana.lopez@gmail.com")
    }
