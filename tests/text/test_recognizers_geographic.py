"""STREET_ADDRESS, ZIP_CODE and LOCATION: places smaller than a state."""

from __future__ import annotations

import pytest

from auditor.scanners.text.recognizers.city import CityRecognizer
from auditor.scanners.text.recognizers.street_name import StreetNameRecognizer
from auditor.scanners.text.recognizers.zip_code import ZipCodeRecognizer


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("drop off cards at 123 Main St if you want", "123 Main St"),
        ("we moved to 45 Oak Avenue, Apt 3 last year", "45 Oak Avenue, Apt 3"),
        ("the clinic at 7 W 42nd Street is great", "7 W 42nd Street"),
        ("send donations to P.O. Box 1234 please", "P.O. Box 1234"),
        ("Her house at 1600 Pennsylvania Ave is near", "1600 Pennsylvania Ave"),
        ("mail goes to RR 3 Box 221, Philippi", "RR 3 Box 221"),
        ("HC 74 Box 9B, Tok AK 99780", "HC 74 Box 9B"),
        ("units responded to Grand Ave/3rd St, 2 pts", "Grand Ave/3rd St"),
        ("pt found at the corner of Walnut and Franklin, alert", "Walnut and Franklin"),
        ("MVC at Ridge Rd and Mill Ln, airbag deployed", "Ridge Rd and Mill Ln"),
    ],
)
def test_a_street_address_is_found_with_its_unit(detect, hit, text, address):
    assert hit(text, "STREET_ADDRESS", address) in detect(text)


@pytest.mark.parametrize(
    "text", ["Kevin Ross Dr and Mary came by", "took 2 Advil and went to bed", "walked 3 blocks to the pharmacy", "I have 2 kids"]
)
def test_a_number_before_words_is_no_street_address(detect, text):
    assert {h for h in detect(text) if h[0] == "STREET_ADDRESS"} == set()


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("Springfield, IL 62704 represent!", "62704"),
        ("mail it to me in Austin, Texas 78701-1234", "78701-1234"),
        ("my zip code is 10027 if that matters", "10027"),
    ],
)
def test_a_zip_code_after_a_state_or_a_zip_label_is_found(detect, hit, text, zip_code):
    assert hit(text, "ZIP_CODE", zip_code) in detect(text)


def test_a_five_digit_number_alone_is_no_zip_code(recognize):
    assert recognize(ZipCodeRecognizer(), "my step count was 12000, goal is 15000") == set()


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Greetings from Springfield, IL where it's cold", "Springfield"),
        ("anyone else in Portland, Oregon seeing Dr. Lee?", "Portland"),
        ("I live in Fort Collins and the wait times are awful", "Fort Collins"),
        ("We moved to Boise last year for his treatment", "Boise"),
        ("I'm from St. Louis originally", "St. Louis"),
    ],
)
def test_a_city_by_its_state_or_a_where_i_live_phrase_is_a_location(detect, hit, text, city):
    assert hit(text, "LOCATION", city) in detect(text)


@pytest.mark.parametrize("text", ["I live in Texas now", "We moved to the United States in 2001", "Anyone from Ohio?"])
def test_a_state_or_the_country_is_no_location(detect, text):
    assert {h for h in detect(text) if h[0] == "LOCATION"} == set()


def test_a_lowercase_word_after_live_in_is_no_city(recognize):
    assert recognize(CityRecognizer(), "I live in fear of the next flare") == set()


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("addr: 3454 rue dauphine apt 2d, tulsa, ok 74157", "3454 rue dauphine apt 2d"),
        ("addr: 5221 martin luther king jr blvd apt 23a, flagstaff", "5221 martin luther king jr blvd apt 23a"),
        ("home: 7279 apple blossom ct #34, asheville", "7279 apple blossom ct #34"),
        ("ADDR: 6346 Route 9 #15, Fresno, CA 93764", "6346 Route 9 #15"),
        ("Mailing address for cards: 9795 NE 42nd St, Anchorage", "9795 NE 42nd St"),
        ("ADDRESS: 9474 Calle del Sol, Troy, NY 12194", "9474 Calle del Sol"),
        ("Lives alone at 1458 Peachtree Rd NE #3.", "1458 Peachtree Rd NE #3"),
        ("I'm at 1057 Sunset Dr Unit 277 in Española", "1057 Sunset Dr Unit 277"),
    ],
)
def test_lower_case_numbered_romance_and_quadrant_addresses_are_found(detect, hit, text, address):
    assert hit(text, "STREET_ADDRESS", address) in detect(text)


@pytest.mark.parametrize(
    "text", ["took 20 more pills on the st", "walked 10 more blocks to the main rd today", "I was on route 9 to the clinic"]
)
def test_lower_case_words_after_a_number_are_no_address_without_a_street_shape(detect, text):
    assert {h for h in detect(text) if h[0] == "STREET_ADDRESS"} == set()


@pytest.mark.parametrize(
    "text",
    [
        "walked 20 min down main st then went home ok 90210",  # a time's unit is no street's name
        "walked 12 hrs up old ridge rd.",
        "i walked 30 steps down main st then went home ok 90210",  # everyday words before "ok 90210" are no town
    ],
)
def test_a_time_or_everyday_words_in_a_town_s_place_make_no_lower_case_street(detect, text):
    assert {h for h in detect(text) if h[0] == "STREET_ADDRESS"} == set()


def test_a_known_town_of_everyday_words_after_a_lower_case_street_makes_it_one(detect, hit):
    text = "lives at 40 main st salt lake city ut 84101 now"
    assert {hit(text, "STREET_ADDRESS", "40 main st"), hit(text, "LOCATION", "salt lake city")} <= detect(text)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Any support groups around Dayton? I'm new", "Dayton"),
        ("SOCIAL: lives with husband in Hilo. Former smoker", "Hilo"),
        ("Anyone else from Española? The wait is long", "Española"),
        ("looking for doctors in gary who treat kidney disease", "gary"),
        ("any good rheumatologists near coeur d'alene, id 83834?", "coeur d'alene"),
        ("addr: 643 kamehameha hwy, sioux falls, sd 57107", "sioux falls"),
        ("Home: 4423 Maple Ave, Pueblo\nPortal link", "Pueblo"),
        ("We moved to Baltimore, MD last year", "Baltimore"),
        ("Jackson, MS is where I grew up", "Jackson"),
        ("the only neurologist near Duluth retired", "Duluth"),
        ("we were in Reno for his chemo", "Reno"),
        ("Liam Tran at Boise after her cardiac cath", "Boise"),
        ("WALTER P. BRISCOE, 88, formerly of Sioux Falls, passed away", "Sioux Falls"),
        ("Ruth Oyelaran, 71, of Hamtramck, died Monday", "Hamtramck"),
        ("Services at 14 Elm Hollow Dr, Cary, NC 27513", "Cary"),
        ("lab: Shaukat Khanum, Model Colony, Karachi", "Model Colony"),
        ("Reynaldo Cruz, 67, Brgy. San Roque, Tarlac", "Brgy. San Roque"),
    ],
)
def test_a_known_town_where_a_place_is_expected_is_a_location(detect, hit, text, city):
    assert hit(text, "LOCATION", city) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "I was in pain all day in March",
        "Moved from Mobile, AL to LA last year",
        "Address: 444 Old Mill Lane, Lafayette, LA 70511",
        "I'm in CT for the week",
        "Electronically signed by Ngozi Petrov, MD on May 24, 2021",
        "INSURANCE: Cigna   MEMBER ID: H4632922401",
        "Hi all, recently dx'd with diabetes",
        "I told my story to gary at the pharmacy counter, Gary was great",
    ],
)
def test_state_abbreviations_credentials_insurers_and_words_are_no_location(detect, text):
    found = {(h[1], h[2]) for h in detect(text) if h[0] == "LOCATION"}
    assert all(text[s:e] not in {"LA", "AL", "CT", "MS", "MD", "Cigna", "dx'd", "Ngozi Petrov", "gary", "March", "pain"} for s, e in found)


def test_a_lower_case_town_amid_capitalised_prose_is_not_read_from_the_gazetteer(recognize):
    assert recognize(CityRecognizer(), "Then I had to wait in line in mobile unit 3") == set()


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("addr: 3454 rue dauphine apt 2d, tulsa, ok 74157", "74157"),
        ("rheumatologists near coeur d'alene, id 83834?", "83834"),
        ("Dayton? I'm in the 78086 area.", "78086"),
        ("I'm in the 57165-4052 area", "57165-4052"),
    ],
)
def test_a_zip_after_a_lower_case_state_or_in_the_area_is_found(detect, hit, text, zip_code):
    assert hit(text, "ZIP_CODE", zip_code) in detect(text)


def test_a_licence_number_after_a_state_is_no_zip_code(detect):
    assert {h for h in detect("is dr. wang's tn license ME 63214 even active?") if h[0] == "ZIP_CODE"} == set()


def test_a_lower_case_town_right_after_a_street_address_is_a_location_amid_capitals(detect, hit):
    text = "MBI: 9MG3D26TH17\nhome: 7279 apple blossom ct #34, asheville"
    assert hit(text, "LOCATION", "asheville") in detect(text)


@pytest.mark.parametrize(("text", "found"), [("we flew to Reno for his chemo", True), ("I talked to Reno about it", False)])
def test_to_cues_a_known_town_only_after_a_verb_of_travel(recognize, text, found):
    assert (("LOCATION", text.index("Reno"), text.index("Reno") + 4) in recognize(CityRecognizer(), text)) is found


@pytest.mark.parametrize("text", ["second opinion at Cleveland Clinic next week", "i work at home now", "see you at Providence Hospital"])
def test_a_town_after_at_that_names_an_institution_or_is_lower_case_is_no_location(recognize, text):
    assert recognize(CityRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("If you're in the Tucson area, Pastor Reyes runs a caregiver group", "Tucson"),
        ("anyone near the Dallas-Fort Worth metro with a good endo?", "Dallas-Fort Worth"),
        ("Signed,\nHal & Marjorie Lindqvist\nDuluth MN", "Duluth"),
        ("Return address: Eau Claire WI 54701", "Eau Claire"),
        ("Mi papá se cayó en la casa en Hialeah.", "Hialeah"),
        ("My mom is from Pomona and still drives", "Pomona"),
        ("pt is Jack W. from NYC, last seen in October", "NYC"),
        ("PT ADDRESS ON FILE\nDULUTH, MN", "DULUTH"),
        ("CITY: ST. CLOUD, MN", "ST. CLOUD"),
        ("MAYO CLINIC HEALTH SYSTEM - EAU CLAIRE", "EAU CLAIRE"),
        ("Transferred from Mercy Hospital - Des Moines", "Des Moines"),
        ("moved here from sioux falls last year", "sioux falls"),
    ],
)
def test_a_town_before_area_or_its_state_after_en_a_bare_from_or_a_facilitys_dash_is_a_location(recognize, hit, text, city):
    assert hit(text, "LOCATION", city) in recognize(CityRecognizer(), text)


def test_a_towns_all_caps_nickname_is_a_location_though_short(detect, hit):
    text = "Excision surgery with Dr. Seckin in NYC was worth every penny."
    assert hit(text, "LOCATION", "NYC") in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "got a lovely card from Tyler yesterday",
        "a call from Aurora Health about the bill",
        "a referral from Jackson Hewitt's office",
        "in the ICU area all night",
        "a rash in the Groin area since Monday",
    ],
)
def test_a_first_name_or_a_longer_name_after_a_bare_from_is_no_town(recognize, text):
    assert recognize(CityRecognizer(), text) == set()


def test_a_doctor_before_md_is_no_town_before_its_state(detect):
    assert {h for h in detect("Seen by Dr. Warren MD, cardiology") if h[0] == "LOCATION"} == set()


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("a caregiver group at the church on Speedway Blvd.", "Speedway Blvd"),
        ("blister packs from the Walgreens on Ridge Rd", "Ridge Rd"),
        ("she was on North Ave when it happened", "North Ave"),
    ],
)
def test_a_street_named_without_its_number_after_on_or_off_is_a_street_address(recognize, hit, text, street):
    assert hit(text, "STREET_ADDRESS", street) in recognize(StreetNameRecognizer(), text)


@pytest.mark.parametrize(
    "text",
    ["He works on Wall Street", "I'm on My Way", "shops on Main Street", "I relied on Dr Jones", "the Road to Recovery"],
)
def test_an_idiom_a_title_or_a_street_word_without_a_name_is_no_street(recognize, text):
    assert recognize(StreetNameRecognizer(), text) == set()


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("For context I'm in Winnipeg, the waitlist is 14 months", "Winnipeg"),
        ("seen at the memory clinic in Navan on Tuesday", "Navan"),
        ("my aunt lives near Kumasi and can't get the drug", "Kumasi"),
    ],
)
def test_a_town_outside_the_us_where_a_place_is_expected_is_a_location(detect, hit, text, town):
    assert hit(text, "LOCATION", town) in detect(text)


@pytest.mark.parametrize("text", ["In Most cases it resolves on its own", "got a perm in june"])
def test_a_town_that_is_an_everyday_word_is_not_read_from_the_world_gazetteer(detect, text):
    assert not any(entity == "LOCATION" for entity, _, _ in detect(text))


def test_the_world_towns_gazetteer_credits_geonames():
    from pathlib import Path

    import auditor.scanners.text.recognizers as recognizers

    folder = Path(recognizers.__file__).parent
    assert "CC BY 4.0" in (folder / "world_towns.LICENSE.txt").read_text(encoding="utf-8")
    assert "geonames" in (folder / "world_towns.txt").read_text(encoding="utf-8").splitlines()[2].casefold()


@pytest.mark.parametrize(
    ("text", "place", "entity"),
    [
        ("Her address is 7 Church View, Navan, Co. Meath.", "Co. Meath", "LOCATION"),
        ("Her address is 7 Church View, Navan, Co. Meath.", "Navan", "LOCATION"),
        ("Her address is 7 Church View, Navan, Co. Meath.", "7 Church View", "STREET_ADDRESS"),
        ("14 Whitfield Close, Hebden Bridge HX7 8AB", "14 Whitfield Close", "STREET_ADDRESS"),
    ],
)
def test_a_british_or_irish_address_gives_its_street_town_and_county(detect, hit, text, place, entity):
    assert hit(text, entity, place) in detect(text)


@pytest.mark.parametrize(
    "text", ["the County Clerk said no", "Smith & Co. Limited billed us", "Acme, Co. Ltd", "the firm, Co. Founder said"]
)
def test_a_county_word_without_a_place_cue_is_no_county(detect, text):
    assert not any(entity == "LOCATION" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "place", "entity"),
    [
        ("SOUTHGATE IMAGING  4410 S CONGRESS AVE, AUSTIN TX", "4410 S CONGRESS AVE", "STREET_ADDRESS"),
        ("SOUTHGATE IMAGING  4410 S CONGRESS AVE, AUSTIN TX", "AUSTIN", "LOCATION"),
        ("She was born at St. Joseph's in tampa on the 4th", "tampa", "LOCATION"),
    ],
)
def test_a_street_in_capitals_and_a_lower_case_town_that_is_no_word_amid_capitals_are_places(detect, hit, text, place, entity):
    assert hit(text, entity, place) in detect(text)


@pytest.mark.parametrize("text", ["GIVE 100 MG IV PUSH DR AWARE", "500 ML NS BOLUS ST", "She lives in new york now"])
def test_a_dose_in_capitals_or_a_lower_case_town_of_everyday_words_amid_capitals_is_no_place(detect, text):
    assert not any(entity in ("STREET_ADDRESS", "LOCATION") for entity, _, _ in detect(text))


@pytest.mark.parametrize("text", ["WOUND 3 CM DEEP LATERAL ST", "NEURO CHECKS Q2H, 20 GA RIGHT AC PL", "TRANSFERRED TO 5 WEST CT"])
def test_a_note_in_capitals_that_ends_on_a_street_type_is_no_street_address(detect, text):
    assert not any(entity == "STREET_ADDRESS" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("SUPERIOR COURT OF THE STATE OF WASHINGTON, KING COUNTY", "KING COUNTY"),
        ("IN THE CIRCUIT COURT OF COOK COUNTY, ILLINOIS", "COOK COUNTY"),
        ("Settlement memo\nHarris County Workers' Comp", "Harris County"),
        ("Visited Orange County last week for the infusion.", "Orange County"),
        ("She was booked at the Orleans Parish jail clinic.", "Orleans Parish"),
        ("Benefits are paid by the County of Los Angeles.", "County of Los Angeles"),
        ("Sterling County jail sent her records", "Sterling County"),
        ("she moved to Big Horn County in May", "Big Horn County"),
        ("Orange County is where we live now.", "Orange County"),
        ("COUNTY OF RESIDENCE: MARICOPA", "MARICOPA"),  # a form's field names no county, its value does
        ("County of Birth: Kings\nDOB: 3/4/1950", "Kings"),
    ],
)
def test_a_county_or_parish_by_name_is_a_place(detect, hit, text, county):
    assert hit(text, "LOCATION", county) in detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "The county nurse came on Monday.",
        "Every County has a clinic.",
        "Each County pays its share.",
        "Several County offices closed for the storm.",
        "Most County schools have a nurse.",
        "FIVE COUNTY AREA SUPPORT GROUP MEETS TUESDAY",
        "Two County region covers the cost.",
        "They sent the form to the Wrong County again.",
        "Next County over has a dialysis unit.",
        "Called County Social Services about the ramp.",
        "County of Residence: unknown",
        "COUNTY OF RESIDENCE: see attached",
        "Needed County assistance for the ramp.",
        "Confirmed County cases rose again.",
    ],
)
def test_a_county_without_a_name_is_no_place(detect, text):
    assert not any(entity == "LOCATION" for entity, _, _ in detect(text))


@pytest.mark.parametrize(
    "text",
    [
        "fell in the lake on the Fourth, can insurance replace them",
        "Mom had a rough night, O2 sat 88 on 2L. Nurse coming at 9.",
        "Patient\tPhone\tAddress\tCity\tZIP\nCastillo, Rey\t917-555-0101\t12 Oak St\tYonkers\t10701",
    ],
)
def test_one_everyday_word_the_model_reads_as_a_place_is_none_without_a_preposition(detect, text):
    places = {text[start:end] for entity, start, end in detect(text) if entity == "LOCATION"}
    assert places <= {"Yonkers"}


@pytest.mark.parametrize(("text", "place"), [("flew to Nice in June", "Nice"), ("he's at Lincoln Hospital in the Bronx.", "Bronx")])
def test_one_everyday_word_after_a_preposition_stays_the_models_place(detect, hit, text, place):
    assert hit(text, "LOCATION", place) in detect(text)


@pytest.mark.parametrize(
    ("text", "road"),
    [
        ("a flat tire on Route 9 near Freehold.", "Route 9"),
        ("ARRIVED KWIK TRIP #812, HWY 53, PT SEATED ON CURB", "HWY 53"),
        ("ALS INTERCEPT AT CR 400 & SR 37. 3YOM FEBRILE", "SR 37"),
        ("UNIT 7 RESP TO I-70 MM 214 EB, 2 VEH ROLLOVER", "I-70 MM 214"),
    ],
)
def test_a_numbered_road_alone_is_a_place(detect, hit, text, road):
    assert hit(text, "STREET_ADDRESS", road) in detect(text)


@pytest.mark.parametrize(
    "text",
    ["US 20 minutes later showed no clot", "SR 100 mg tablets twice daily", "let us 2 go", "Route: PO", "CR 1.2, BUN 20", "CR 400 ordered"],
)
def test_an_ultrasound_a_dose_or_a_route_of_giving_a_drug_is_no_road(detect, text):
    assert not any(entity == "STREET_ADDRESS" for entity, _, _ in detect(text))
