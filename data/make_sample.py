#!/usr/bin/env python3
"""Generate phi-audit's synthetic sample corpus and its truth labels, deterministically.

    .venv/bin/python data/make_sample.py                       # rewrites data/sample/ (seed 7)
    .venv/bin/python data/make_sample.py --posts 10000 --out /tmp/bench   # a bigger posts.jsonl

Every value is fake: names come from the lists below, numbers are random but well formed (NPI, DEA,
VIN, UDI and MBI carry correct check digits), phones use 555-01xx or random exchanges, e-mail and
web addresses use example.com/.net/.org. The same seed always writes the same bytes: one random
generator per output file (seeded from the seed and the file's name), fixed timestamps, fixed zip
entry dates, no clock. Texts are built piece by piece, so every label's offsets are exact by
construction; the generator then re-reads every file it wrote and checks each label again.

Besides the texts it writes metadata-bearing files (dicom/, photos/, documents/) whose header / EXIF /
XMP / IPTC / PNG-text / PDF-info truth follows the text truth in the labels file, images whose only truth is
in their pixels (images/: screenshots, photographed screens, X-rays, a QR wristband, a face, negatives), and
the boxes of what is drawn into pixels (text, codes, faces) to a separate `<out>.pixel-labels.jsonl`.

See data/README.md for the corpus layout and the labelling policy.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import struct
import sys
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from random import Random
from typing import Callable, Iterator

# ================================================================================================
# Data tables
# ================================================================================================

FIRST_NAMES = [
    "Maria", "James", "Aisha", "Wei", "Priya", "José", "Siobhán", "Oluwaseun", "Mateo", "Keisha",
    "Dmitri", "Zoë", "Søren", "Łukasz", "Anne-Marie", "Jean-Luc", "Mary-Kate", "D'Andre", "Fatima",
    "Yuki", "Hiroshi", "Aarav", "Ananya", "Chloé", "Björn", "Ngozi", "Kwame", "Tomás", "Mei-Ling",
    "Amir", "Leila", "Esperanza", "Ruth", "Harold", "Dolores", "Gladys", "Bernard", "Tyrone",
    "Brittany", "Kyle", "Jessica", "Emily", "Michael", "Liam", "Olivia", "Noah", "Sofia", "Camila",
    "Diego", "Hamza", "Ingrid", "Rahul", "Sunita", "Thanh", "Huong", "Minh", "Seo-yeon", "Ji-ho",
    "Chidi", "Amara", "Kalani", "Dakota", "Winona", "Bashir", "Yosef", "Miriam", "Svetlana",
    "Giorgos", "Eleni", "Marisol", "Raúl", "Inés", "Renée", "Noémie", "François", "Shanice",
    "Connor", "Megan", "Tariq", "Nadia", "Pablo", "Grace", "Deshawn", "Kateryna", "Ayşe",
]
LAST_NAMES = [
    "Garcia", "Smith", "Nguyen", "O'Connor", "D'Angelo", "Smith-Jones", "Okafor", "Patel",
    "Kowalski", "Müller", "Núñez", "Muñoz", "Fernández", "Kim", "Park", "Chen", "Wang", "Yamamoto",
    "Tanaka", "Haddad", "Al-Sayed", "Ben-David", "Johansson", "Lindqvist", "Østergaard",
    "Papadopoulos", "Ivanova", "Petrov", "Williams", "Johnson", "Brown", "Jackson", "Washington",
    "Begay", "Yazzie", "Mahlangu", "Mensah", "Adeyemi", "van der Berg", "de la Cruz", "MacLeod",
    "McAllister", "Tran", "Pham", "Hernández", "Rodríguez", "López", "Ramírez", "Singh", "Kaur",
    "Gupta", "Sharma", "Rossi", "Bianchi", "Cohen", "Levy", "Friedman", "Dubois", "Lefèvre",
    "Kariuki", "Osei", "Nakamura", "O'Brien", "Fitzgerald", "Kealoha", "Two Bulls", "Jovanović",
    "Kovács", "Yılmaz", "Novak", "Abernathy", "Whitfield", "Delacroix-Moreau",
]
# Names that survive a latin-1 round trip (for notes/referral_latin1.txt).
LATIN1_FIRST = ["José", "Inés", "Raúl", "Renée", "Noémie", "François", "Chloé", "Zoë", "Tomás", "Björn"]
LATIN1_LAST = ["Muñoz", "Núñez", "Fernández", "Hernández", "Müller", "Lefèvre", "Rodríguez", "López"]

# (city, state abbreviation, state name, ZIP prefix). Some cities double as given names
# (Gary, Eugene, Troy) or sit next to a health-looking abbreviation (Jackson, MS; Bridgeport, CT).
CITIES = [
    ("Tulsa", "OK", "Oklahoma", "741"), ("Cedar Rapids", "IA", "Iowa", "524"),
    ("Boise", "ID", "Idaho", "837"), ("Dayton", "OH", "Ohio", "454"),
    ("Flagstaff", "AZ", "Arizona", "860"), ("Bangor", "ME", "Maine", "044"),
    ("Macon", "GA", "Georgia", "312"), ("Fresno", "CA", "California", "937"),
    ("El Paso", "TX", "Texas", "799"), ("St. Louis", "MO", "Missouri", "631"),
    ("Winston-Salem", "NC", "North Carolina", "271"), ("Coeur d'Alene", "ID", "Idaho", "838"),
    ("Española", "NM", "New Mexico", "875"), ("Hilo", "HI", "Hawaii", "967"),
    ("Duluth", "MN", "Minnesota", "558"), ("Gary", "IN", "Indiana", "464"),
    ("Troy", "NY", "New York", "121"), ("Eugene", "OR", "Oregon", "974"),
    ("Jackson", "MS", "Mississippi", "392"), ("Lafayette", "LA", "Louisiana", "705"),
    ("Kalamazoo", "MI", "Michigan", "490"), ("Burlington", "VT", "Vermont", "054"),
    ("Pueblo", "CO", "Colorado", "810"), ("Scranton", "PA", "Pennsylvania", "185"),
    ("Chattanooga", "TN", "Tennessee", "374"), ("Anchorage", "AK", "Alaska", "995"),
    ("Sioux Falls", "SD", "South Dakota", "571"), ("Worcester", "MA", "Massachusetts", "016"),
    ("Yakima", "WA", "Washington", "989"), ("Bridgeport", "CT", "Connecticut", "066"),
    ("Laredo", "TX", "Texas", "780"), ("Fargo", "ND", "North Dakota", "581"),
    ("Mobile", "AL", "Alabama", "366"), ("Reno", "NV", "Nevada", "895"),
    ("Baltimore", "MD", "Maryland", "212"), ("Chicago", "IL", "Illinois", "606"),
    ("Paterson", "NJ", "New Jersey", "075"), ("Asheville", "NC", "North Carolina", "288"),
]
STREETS = [
    "Maple Ave", "Oak Street", "W. Elm St", "Martin Luther King Jr Blvd", "County Road 12",
    "Calle del Sol", "NE 42nd St", "Peachtree Rd NE", "Old Mill Lane", "Sunset Dr", "Route 9",
    "Apple Blossom Ct", "Kamehameha Hwy", "Main St", "S 3rd Ave", "Lakeview Terrace",
    "Rue Dauphine", "Cherry Hill Rd", "Pine Ridge Trl", "Broadway",
]
AREA_CODES = ["212", "312", "415", "503", "617", "702", "713", "808", "907", "919", "205", "406",
              "505", "601", "801", "248", "314", "608", "254", "479", "218", "563", "971"]
# Institutions and services: never labelled, even when they contain a person's or a city's name.
HOSPITALS = ["the Mayo Clinic", "Johns Hopkins", "the Cleveland Clinic", "Mass General", "Kaiser",
             "the VA", "St. Jude", "MD Anderson", "Sloan Kettering", "urgent care", "the ER",
             "the children's hospital", "the university hospital", "Planned Parenthood"]
PHARMACIES = ["CVS", "Walgreens", "the Costco pharmacy", "Walmart pharmacy", "the mail-order pharmacy"]
INSURERS = ["Aetna", "BCBS", "Cigna", "UnitedHealthcare", "Humana", "Kaiser", "Medicaid", "Ambetter"]
RELATIVES = ["my mom", "my dad", "my wife", "my husband", "my partner", "my son", "my daughter",
             "my grandma", "my grandpa", "my sister", "my brother", "my aunt", "my MIL"]
PETS = ["Biscuit", "Mochi", "Pepper", "Luna", "Captain Whiskers", "Noodle", "Bear"]
EMOJI = ["😩", "🙏", "💔", "😭", "🫠", "🤬", "💛", "✨", "😂", "🥲", "💉", "🩺", "❤️", "👩‍⚕️", "🙃", "😤", "🥴"]
HASHTAGS = ["#spoonie", "#chronicillness", "#invisibleillness", "#caregiverlife", "#spoonielife",
            "#disabilitytwitter", "#MondayMotivation", "#fml", "#selfcare"]
PUBLIC_URLS = ["https://www.cdc.gov/diabetes/index.html", "https://www.nih.gov", "https://www.nami.org",
               "https://medlineplus.gov/lupus.html", "https://988lifeline.org"]
EMAIL_DOMAINS = ["example.com", "example.net", "example.org", "mail.example.com", "patients.example.org"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

CONDITIONS = [
    "diabetes", "type 2 diabetes", "type 1 diabetes", "T1D", "breast cancer", "MS",
    "multiple sclerosis", "lupus", "HIV", "depression", "major depressive disorder", "PTSD",
    "long covid", "Crohn's", "Crohn's disease", "ulcerative colitis", "epilepsy", "fibromyalgia",
    "endometriosis", "POTS", "EDS", "Ehlers-Danlos syndrome", "migraines", "rheumatoid arthritis",
    "bipolar disorder", "generalized anxiety disorder", "ADHD", "hypothyroidism", "Hashimoto's",
    "asthma", "COPD", "sickle cell disease", "celiac disease", "IBS", "psoriatic arthritis",
    "hepatitis C", "prostate cancer", "colon cancer", "leukemia", "chronic kidney disease", "CKD",
    "heart failure", "AFib", "sleep apnea", "Parkinson's", "Alzheimer's", "dementia", "anorexia",
    "chronic pain", "gastroparesis", "PCOS", "ME/CFS", "gestational diabetes", "schizophrenia",
]
MEDICATIONS = [
    "metformin", "Ozempic", "insulin", "Lantus", "sertraline", "Zoloft", "Humira", "tamoxifen",
    "prednisone", "gabapentin", "Lyrica", "levothyroxine", "Synthroid", "Lexapro", "escitalopram",
    "methotrexate", "Biktarvy", "Keppra", "lamotrigine", "Lamictal", "tramadol", "oxycodone",
    "Mounjaro", "Jardiance", "hydroxychloroquine", "Plaquenil", "Entyvio", "Stelara", "albuterol",
    "Adderall", "lisinopril", "atorvastatin", "Wegovy", "lithium", "Ocrevus", "Xarelto", "Eliquis",
    "Vyvanse", "Wellbutrin", "propranolol", "Benlysta", "Skyrizi", "Trulicity", "Dupixent",
]
PROCEDURES = [
    "MRI", "CT scan", "biopsy", "chemo", "chemotherapy", "mastectomy", "double mastectomy",
    "colonoscopy", "X-ray", "dialysis", "radiation", "lumbar puncture", "spinal tap", "EEG",
    "endoscopy", "knee replacement", "C-section", "ultrasound", "PET scan", "spinal fusion",
    "mammogram", "echocardiogram", "EKG", "hysterectomy", "lumpectomy", "nerve block",
    "iron infusion", "bone marrow biopsy", "tilt table test", "sleep study", "cardiac cath",
    "appendectomy", "brain MRI", "ECT",
]
LAB_TESTS = [
    "A1C", "HbA1c", "a1c", "PSA", "TSH", "CBC", "cholesterol", "LDL", "viral load", "CD4 count",
    "ferritin", "vitamin D", "creatinine", "eGFR", "CRP", "ESR", "ANA", "blood glucose", "INR",
    "metabolic panel", "CMP", "lipid panel", "free T4", "B12", "hemoglobin", "liver enzymes",
    "fecal calprotectin",
]
MED_DOSES = {
    "metformin": ["500 mg", "1000mg", "850 mg"], "insulin": ["10 units", "22 units"], "lantus": ["18 units", "30 units"],
    "sertraline": ["50 mg", "100mg"], "zoloft": ["50 mg", "100mg"], "levothyroxine": ["75 mcg", "88mcg", "112 mcg"],
    "synthroid": ["50 mcg", "100mcg"], "ozempic": ["0.5mg", "1 mg", "0.25 mg"], "wegovy": ["2.4 mg", "1.7mg"],
    "mounjaro": ["2.5 mg", "5mg", "7.5 mg"], "prednisone": ["40mg", "20 mg", "5 mg"], "gabapentin": ["300 mg", "600mg"],
    "lisinopril": ["10 mg", "20mg"], "atorvastatin": ["40 mg", "20mg"], "lexapro": ["10 mg", "20mg"],
    "escitalopram": ["10 mg"], "lamotrigine": ["100 mg", "200mg"], "keppra": ["500 mg", "750mg"],
    "methotrexate": ["15 mg weekly", "20mg"], "tamoxifen": ["20 mg"], "lithium": ["300 mg", "600mg"],
    "propranolol": ["10 mg", "40mg"], "hydroxychloroquine": ["200 mg", "400mg"], "plaquenil": ["200 mg"],
    "humira": ["40 mg"], "tramadol": ["50 mg"], "oxycodone": ["5 mg", "10mg"], "adderall": ["20 mg", "10mg XR"],
}
GENERIC_DOSES = ["10 mg", "25 mg", "50mg", "100 mg", "one tab", "2 tabs"]

# Common real-world misspellings: still health mentions, still labelled.
HEALTH_TYPOS = {
    "condition": ["diabetis", "Chrons", "fibromialgia", "lupis", "endometreosis", "Alzheimers"],
    "medication": ["metforman", "gabapenten", "setraline", "ozempik", "predisone"],
}
HEALTH_VOCAB = {"condition": CONDITIONS, "medication": MEDICATIONS, "procedure": PROCEDURES,
                "lab_test": LAB_TESTS}
# Typos applied (at most once per text) to template wording, never to labelled values.
TYPOS = {"because": "becuase", "the": "teh", "really": "realy", "definitely": "definately",
         "appointment": "appt", "doctor": "docter", "insurance": "insurence", "though": "tho",
         "probably": "prolly", "with": "wiht", "tomorrow": "tomorow", "Anyone": "Any1"}

# ------------------------------------------------------------------------------------------------
# Sentence templates. {slot} is filled by SLOTS below; slots marked in SLOT_KINDS are labelled.
# Template wording itself never holds an identifier or a specific health term.
# ------------------------------------------------------------------------------------------------

# Casual sentences built around one Safe Harbor identifier (often carrying others and health terms).
IDENT_TEMPLATES: dict[str, list[str]] = {
    "names": [
        "My wife {name} was finally diagnosed with {cond} after six years of being told it was stress.",
        "shoutout to Dr. {last} who actually listened about my {cond} {emoji}",
        "{first} (my sister) drove me to my {proc} today. love her so much",
        "Nurse {first} held my hand through the whole {proc}, I didn't even catch a last name",
        "my son {first} {last} has {cond} and the school nurse keeps forgetting his {med}",
        "Does anyone else see Dr. {name} for {cond}? She switched me from {med} to {med} with zero explanation.",
        "RIP Grandpa {first}. {cond} took you way too soon 💔",
        "Hi all, I'm {first}, 34F, recently dx'd with {cond}.",
        "cc {name} (care coordinator) - please update the {med} dose on the chart",
        "{first}'s {proc} went well!!! thank you all for the prayers ❤️",
        "my neurologist, Dr. {first} {last}, wants another {proc} in six weeks",
        "{name} and I have been together 11 years and he has never once complained about my {cond}.",
        "Tagging my cousin {first} who also has {cond}",
        "Dr {last} is retiring and I'm honestly scared to start over with someone new.",
        "Big thanks to {name} at the front desk who sorted out my prior auth for {med}.",
        "My mother-in-law {name} keeps telling everyone at church about my {cond}. I never said she could.",
        "the receptionist yelled '{capsname}, your {lab} results are ready' across the whole waiting room",
        "Prayers for my uncle {name}, he starts {proc} on Monday",
    ],
    "geographic": [
        "We drove three hours to {city_st} for the {proc} because nobody local takes my insurance.",
        "I'm at {street} in {city} if anyone wants the {med} pens I can't use anymore",
        "Any {cond} support groups around {city}? I'm in the {zip} area.",
        "Moved from {city_st} to {state} last year and finding a new doctor for my {cond} has been hell",
        "grew up in {city}, now stuck in a hospital bed in {city} 🙃",
        "Mailing address for cards: {address}",
        "Any good rheumatologists near {city_st_zip}?",
        "Zip code {zip} has exactly one endocrinologist. ONE.",
        "The infusion center in {city} finally reopened so I can restart {med}",
        "If you're in {city_st}, the free clinic does {lab} draws on Saturdays.",
        "mom's {proc} got moved to the clinic out by {street}, {city}",
        "Anyone else from {city}? The wait for a {cond} specialist here is 9 months",
    ],
    "dates": [
        "I was diagnosed with {cond} on {date}.",
        "My {proc} is scheduled for {date_short} and I'm terrified",
        "{date} — first {med} injection. Nervous.",
        "born {dob}, so yes I'm finally on Medicare",
        "my grandma is {age90} and still sharper than me",
        "Happy birthday Grandpa, {age90} today!! 🎂",
        "My {age90} y/o mom fell and broke her hip, now they found {cond} too",
        "Admitted {date}, discharged {date}. Longest week of my life.",
        "Last {proc} was {monthyear}, results still not in the portal",
        "{date_short}: {lab} came back high again",
        "Dad turned {age90} today and the nursing home forgot his {med} AGAIN",
        "diagnosed {monthyear} with {cond}, still processing",
        "Follow-up on {date_short} at 2:30pm",
        "my birthday is {date_short} and all I want is for my {lab} to be normal",
        "One year ago today ({date}) I had my {proc}. Still here!",
    ],
    "phone": [
        "call me at {phone} if you want to talk about {cond}, I get it",
        "text me {phone} — I have extra {med} test strips to give away",
        "my mom's cell is {phone}, the pharmacy keeps calling me instead of her",
        "If anyone local needs a ride to their {proc}, my number is {phone}",
        "my husband's number is {phone} if I go quiet after the {proc}",
        "the lab left a voicemail on {phone} about my {lab}, which is my work phone",
    ],
    "fax": [
        "They said to fax the {proc} results to {fax} but it's 2024 who has a fax",
        "Please fax records to {fax}.",
        "my rheum's office fax number is {fax} if your office needs to send the {lab}",
        "the ER faxed my whole chart to {fax}, which is apparently my neighbor's home fax??",
        "sent the disability forms by fax to {fax}, fingers crossed",
    ],
    "email": [
        "email me at {email} if you want my {cond} meal plan",
        "DM or email {email} — happy to share what worked for my {cond}",
        "the portal sent my {lab} results to {email}, which is my OLD email??",
        "{email} is my mom's, she wants to join a {cond} caregiver group",
        "you can reach me at {email} for the {med} copay card info",
    ],
    "url": [
        "Our fundraiser for {first}'s {proc}: {url}",
        "I post {cond} updates at {url}",
        "link to my full story here {url}",
        "My blog about life with {cond}: {url}",
        "Please share {url} 🙏",
        "photos from the {proc} are on {url}",
    ],
    "ip": [
        "my patient portal said someone logged in from {ip} and it wasn't me??",
        "security email says new sign-in from IP {ip}. should I be worried about my records",
        "Access log shows {ip} viewed my {proc} report three times",
        "the clinic's wifi gave me {ip} and now the portal won't load my {lab} results",
    ],
    "ssn": [
        "they printed my social ({ssn}) right on the envelope 🤬",
        "the intake form wanted my SSN for a {lab}?? fine, it's {ssn}, come at me",
        "the billing lady read my social security number {ssn} out loud at the counter",
        "my dad's SSN is {ssn} and the hospital still says he doesn't exist",
    ],
    "mrn": [
        "my chart number is {mrn} if that helps the billing lady find it",
        "they gave me someone else's chart (record number {mrn}) with their {proc} results in it",
        "the nurse read my MRN {mrn} out loud in the waiting room lol",
        "my kid's med rec # {mrn} was printed on the daycare form somehow",
    ],
    "health_plan": [
        "my MBI is {mbi} and they still can't find me in the system",
        "insurance ID {member}, denied the {med} for the third time",
        "New Medicare card came today, number {mbi}",
        "{insurer} member id {member} — anyone know if they cover {proc}?",
        "the pharmacy typed my Medicaid ID {medicaid} wrong and now my {med} is on hold",
    ],
    "account": [
        "hospital billing account {acct} — they want $4,800 for the {proc}",
        "they sent my {proc} bill to collections (account no. {acct})",
        "called about acct {acct} for an hour, still no itemized bill",
        "paid off account #{acct} for the {proc} today!! 🎉",
    ],
    "license": [
        "Dr. {last} (NPI {npi}) wrote the {med} script and the pharmacy still rejected it",
        "look up NPI {npi}, that's the quack who missed my {cond}",
        "driver's license {dl} (needed it to pick up my {med})",
        "the pharmacist said Dr. {last}'s DEA number {dea} didn't match, so no {med} today",
        "Is Dr. {last}'s {state_abbr} license {medlic} even active? Asking after that {proc}",
    ],
    "vehicle": [
        "someone dinged my car in the {proc} center garage, their plate was {plate}",
        "my car (license plate {plate}) got towed while I was in {hosp} for {cond}",
        "disability placard renewal for plate {plate}",
        "selling my car since I can't drive with {cond} anymore, VIN {vin}",
        "the hospital valet lost my keys, car is the gray Camry with tag {plate}",
    ],
    "device": [
        "insulin pump SN {pump_serial} is throwing errors again",
        "Dexcom transmitter ID {cgm_id} — anyone else's failing early?",
        "my CPAP serial number is {serial} and the recall site says it's affected",
        "the recall notice for my pacemaker listed serial {pm_serial}",
        "my cochlear implant processor (serial {serial}) died mid-appointment lol",
    ],
    "other_unique_id": [
        "follow {handle} for {cond} memes honestly",
        "thanks {handle} for the {med} tips!!",
        "{handle} same here, the fatigue is unreal",
        "my TikTok is {handle}, I post my {proc} recovery days",
        "{uhandle} you should post this in the {cond} sub too",
        "{handle} DMed you",
        "ask {uhandle}, she had the same {proc}",
    ],
}

# Pasted form lines ("LABEL: value") for notes and for posts that paste a portal page or a letter.
FORM_LINES: dict[str, list[str]] = {
    "names": ["PATIENT: {capsname}", "Patient Name: {dicomname}", "Pt: {name}", "Name: {name}",
              "Guarantor: {capsname}"],
    "geographic": ["Address: {address}", "Home: {street}, {city}", "ADDR: {address}"],
    "dates": ["DOB: {dob_compact}", "Date of birth {dob}", "Date of Service: {date}", "Age: {age90}",
              "Appt: {date_short} 9:15 AM"],
    "phone": ["Ph: {phone}", "Home: {phone}   Cell: {phone}", "Tel {phone}"],
    "fax": ["fax: {fax}", "Fax #: {fax}   Attn: Dr. {last}", "PCP fax {fax}", "P: {phone}  F: {fax}"],
    "email": ["Email: {email}", "Contact: {email}"],
    "url": ["Portal link: {url}", "Web: {url}"],
    "ip": ["Last login: {date} from {ip}", "IP address: {ip}"],
    "ssn": ["SSN: {ssn}", "Soc Sec #{ssn}", "Social Security No. {ssn}", "patient SSN {ssn}"],
    "mrn": ["MRN {mrn}", "MRN: {mrn}", "med rec # {mrn}", "Medical Record No. {mrn}", "MR#{mrn}",
            "Pt ID: {mrn}", "Chart number: {mrn}"],
    "health_plan": ["Member ID: {member}", "Medicare # {mbi}", "Subscriber ID: {member}",
                    "Medicaid ID {medicaid}", "MBI: {mbi}", "Policy/Member #: {member}"],
    "account": ["Acct #: {acct}", "Patient Account Number: {acct}", "Billing acct {acct}", "Account No.: {acct}"],
    "license": ["NPI: {npi}", "DEA# {dea}", "{state_abbr} medical license {medlic}", "Lic. No. {medlic}",
                "Prescriber: Dr. {last}   NPI {npi}   DEA {dea}", "DL#: {dl}"],
    "vehicle": ["VIN {vin}", "Vehicle: 2014 Honda Civic, VIN: {vin}", "Plate: {plate}"],
    "device": ["UDI: {udi}", "Device: insulin pump, serial {pump_serial}", "pacemaker serial no. {pm_serial}",
               "Device ID: {udi}", "MAC: {mac}"],
    "other_unique_id": ["IG: {handle}", "Twitter: {handle}", "reddit: {uhandle}"],
}
FORM_HEALTH_LINES = ["Dx: {cond}", "Rx: {med} {dose}", "Test: {lab}   Result: {labval}", "Procedure: {proc}",
                     "Diagnosis: {cond}; {cond}", "Ordered: {lab}, {lab}"]
PASTE_LEADS = ["Look what the billing office mailed me:", "Copied from my portal, does this look right?",
               "This is what was on the discharge papers:", "From the screenshot (can't post images here):",
               "They emailed this to the WRONG person:", "Pharmacy label says:",
               "My mom's intake form, for reference:", "found this printout in the hospital parking lot??",
               "the letter from my insurance, typed out:"]

# Sentences with health information and no identifier.
HEALTH_TEMPLATES = [
    "Day 3 of {med} and the nausea is unreal 🤢",
    "My {lab} came back at {labval} and my doctor just said 'keep an eye on it'",
    "Does anyone else with {cond} get brain fog this bad?",
    "Finally got my {proc} results. It's {cond}. I don't even know what to feel.",
    "Switched from {med} to {med} — anyone have experience?",
    "{proc} tomorrow, honestly the prep is the worst part",
    "{cond} + {cond} = never leaving my bed {emoji}",
    "Tapering off {med} ({dose}) and the withdrawal is real",
    "neuro ordered a {proc} and a full {lab}",
    "3 years on {med}, {lab} finally under control",
    "Spoonie life: {cond}, {cond}, and now they think {cond}.",
    "Is it normal for {med} to make your hair fall out?",
    "{lab} is {labval}. endo wants to add {med}.",
    "post-{proc} day 2. sore but ok.",
    "They're testing for {cond} because my {lab} was off",
    "anyone with {cond} tried {med}? insurance finally approved it",
    "Recovery from the {proc} is slower than they said.",
    "Pain is a 7/10 today, {cond} flare",
    "Took my {med} at 8:30, still waiting for it to kick in",
    "I've had {cond} since {year}, {med} since {year}.",
    "BP 128/84 at the pharmacy kiosk and my {lab} was normal, so why do I feel like this",
    "the ER gave me {med} and sent me home",
    "I'm in my mid-40s with {cond} and nobody takes me seriously",
    "{small_age}-year-old dad just started {med}, any tips for the side effects?",
    "Temp 99.8 this morning, probably a {cond} flare",
    "Been on {med} {dose} since {year}.",
    "Second round of {proc} done 💪",
]

# Sentences with no identifier and no health term, many of them near-misses for a detector.
NEUTRAL_TEMPLATES = [
    "Ordered a new heating pad, order #{order9}, still not here.",
    "Anyone know how to make a table in MS Word? Trying to track my spending lol",
    "It's been in the mid-90s all week so I'm staying inside.",
    "Update: app version {version} fixed the sync bug",
    "Meeting at 3:45, then picking up my pet {pet} from the groomer",
    "Type 2 fun = miserable while it's happening, great in hindsight. That was today's hike.",
    "Sat in the ER waiting room for 4 hours with my friend, they were fine in the end",
    "Since {year} I've been saying I'll start journaling.",
    "Tracking number {tracking} says out for delivery since Monday.",
    "Confirmation code {conf}. Finally booked flights to see family in {state}!",
    "The doctor said to rest. That's it. That's the update.",
    "Thermostat says 72, feels like 90.",
    "Will it ever stop raining?",
    "Hope everyone has a good weekend 💛",
    "Grace period on my phone bill ends Friday, love that for me",
    "PSA: the pharmacy drive-thru closes at 9 now",
    "Driving through CT on the way to {state}",
    "my {small_age}-year-old dad still mows his own lawn",
    "USB Type-C cable died again",
    "5/10 would not recommend the hospital cafeteria",
    "Got a virus on my laptop and lost all my photos",
    "Score was 24-17 at halftime",
    "the lithium battery in my old phone is swelling, is that bad",
    "Useful resource: {public_url}",
    "Mark my words, the clinic will lose my paperwork again.",
    "Call 911 if it's an emergency, or text 988 if you're in crisis. You're not alone.",
    "Room 12 at the urgent care has the worst chairs",
    "Bought 500 mg of patience at the store today (joke)",
    "My pet {pet} has figured out how to open the treat drawer",
    "Working from home until {weekday}, then back to the office.",
    "Chapter 11 of my book club pick is wild",
    "We're moving to {state} in the spring!",
    "Went to {hosp} for my friend's visit, parking was $20",
    "iOS {version} broke the pharmacy app, of course",
    "Flight 2291 delayed again.",
    "Running a 5K on Saturday, wish me luck 🏃",
    "{pharmacy} changed their hours again, check before you go",
]

OPENERS = ["Ugh.", "Long post, sorry.", "Vent:", "Update:", "TW: medical stuff.",
           "Not sure where else to post this.", "Okay so.", "Throwaway for obvious reasons.",
           "Quick question:", "Rant incoming."]
CLOSERS = ["lol", "anyway.", "thoughts?", "any advice appreciated 🙏", "{emoji}", "{emoji}{emoji}",
           "{hashtag}", "{hashtag} {hashtag}", "sorry for the novel", "thanks for reading ❤️"]

CAPTION_TEMPLATES = [
    "Screenshot of my {lab} results from the portal 📸",
    "this is what {cond} looks like some days",
    "{proc} from {date_short}, can you see it?",
    "my pill organizer for the week ({med} on top)",
    "Sunset from the infusion chair {emoji}",
    "portal screenshot, ignore my name lol. {lab} trending up again",
    "look at this view from my hospital room",
]
REDDIT_TITLES = [
    "{cond} and {med} — is this normal?",
    "Finally got a diagnosis after 8 years",
    "Insurance denied my {proc} AGAIN",
    "Rant: my {lab} results",
    "Anyone else on {med}?",
    "First {proc} tomorrow, any tips?",
    "Caregiver burnout is real",
    "Found my records posted online??",
    "Update on my mom ({cond})",
    "Looking for doctors in {city_st} who treat {cond}",
    "Is this a data breach? Billing letter had my full info",
    "Good news for once!",
    "Does it get easier?",
    "My grandpa is {age90} and just got diagnosed with {cond}",
]
REDDIT_COMMENT_OPENERS = ["Same here.", "This.", "Sending hugs.", "Not a doctor, but", "Oof.",
                          "Came here to say this.", "> it gets easier\n\nDoes it though?", "Honestly?"]

# Pasted clinic notes (notes/, notes.csv, bundle.zip). {p...} slots refer to the note's patient.
NOTE_HEADER = [
    "PATIENT: {pcaps}",
    "DOB: {dob_compact}    MRN: {mrn}",
    "ADDRESS: {address}",
    "PHONE: {phone}    FAX: {fax}",
    "INSURANCE: {insurer}   MEMBER ID: {member}",
    "REFERRING: Dr. {name}, MD   NPI: {npi}",
    "DATE OF SERVICE: {date}",
]
NOTE_BODY = [
    "CHIEF COMPLAINT: follow-up of {cond}.",
    "HPI: {ptitle} {plast} is a {small_age}-year-old with {cond} and {cond}, currently on {med} {dose}. "
    "Reports fatigue and poor sleep since the last visit on {date_short}.",
    "HPI: Pt is a {age90} y/o with {cond}, accompanied by daughter {first}. Lives alone at {street}.",
    "PMH: {cond}; {cond}; s/p {proc} ({year}).",
    "MEDICATIONS: {med} {dose} daily; {med} {dose} BID; {med} PRN.",
    "ALLERGIES: {med} (rash).",
    "VITALS: BP 132/86, HR 78, T 98.6 F, SpO2 97%, wt 81.2 kg.",
    "LABS: {lab} {labval}, {lab} {labval}, {lab} pending.",
    "IMAGING: {proc} on {date_short} unremarkable.",
    "SOCIAL: lives with {rel_word} in {city}. Former smoker, quit {year}.",
    "ASSESSMENT/PLAN:\n1. {cond} - continue {med}, repeat {lab} in 3 months.\n2. {cond} - refer for {proc}.",
    "Emergency contact: {name} ({rel_word}), {phone}.",
    "Device: pacemaker, serial no. {pm_serial}.",
    "Billing: acct {acct}. Guarantor {capsname}.",
    "Pt drove to the visit, vehicle plate {plate}.",
    "Pt email on file: {email}",
    "Discussed {lab} results with pt's {rel_word} {name} by phone.",
    "FOLLOW-UP: return {date_short} or sooner if worse.",
]
NOTE_FOOTER = ["Electronically signed by {name}, MD on {date} 16:42", "-- {name}, RN",
               "Dictated but not read. {capsname}, MD", "Seen with attending Dr. {last}."]

CAREGIVER_TEMPLATES = [
    "{date_short} - {pfirst} slept most of the day. Gave {med} at 9am and 9pm.",
    "{date_short}: called Dr. {last}'s office about the {lab}, no callback yet.",
    "{pfirst} asked for her sister {first} again today. {cond} is worse in the evenings.",
    "Visiting nurse {first} came at 2. Vitals ok. Wound from the {proc} healing.",
    "Pharmacy says the {med} refill needs a new prior auth. Member ID {member}.",
    "Mom turns {age90} on {date_short}, planning something small at the house on {street}.",
    "No appointments this week, just rest.",
]

# Which slots are labelled, and how. Everything else is plain text.
SLOT_KINDS: dict[str, tuple[str | None, str | None]] = {
    **{s: ("names", None) for s in ("name", "first", "last", "capsname", "dicomname", "pname",
                                    "pfirst", "plast", "pcaps", "pdicom")},
    **{s: ("geographic", None) for s in ("city", "street", "zip")},
    **{s: ("dates", None) for s in ("date", "date_short", "dob", "dob_compact", "dob_dicom", "age90", "monthyear")},
    "phone": ("phone", None), "fax": ("fax", None), "email": ("email", None), "url": ("url", None),
    "ip": ("ip", None), "ssn": ("ssn", None), "mrn": ("mrn", None),
    **{s: ("health_plan", None) for s in ("member", "mbi", "medicaid")},
    "acct": ("account", None),
    **{s: ("license", None) for s in ("npi", "dea", "medlic", "dl")},
    **{s: ("vehicle", None) for s in ("vin", "plate")},
    **{s: ("device", None) for s in ("pm_serial", "pump_serial", "cgm_id", "udi", "serial", "mac")},
    **{s: ("other_unique_id", None) for s in ("handle", "uhandle")},
    "cond": (None, "condition"), "med": (None, "medication"), "proc": (None, "procedure"),
    "lab": (None, "lab_test"),
}
# How often each identifier type is drawn as an item's main subject (a weighted, shuffled deck).
IDENT_WEIGHTS = {"names": 3, "dates": 3, "geographic": 2, "phone": 1, "fax": 1, "email": 1, "url": 1,
                 "ip": 1, "ssn": 1, "mrn": 1, "health_plan": 1, "account": 1, "license": 1,
                 "vehicle": 1, "device": 1, "other_unique_id": 1}
# An item's kind: mostly identifier-bearing, the rest negatives (some with health terms only).
ITEM_KINDS = [("ident", 0.56), ("paste", 0.14), ("health", 0.12), ("neutral", 0.09), ("neutral_health", 0.09)]
# Identifier values a lower-case text lower-cases too (numbers and codes keep their case).
LOWERABLE = {"names", "geographic", "dates", "email", "url", "other_unique_id"}

MIN_PER_IDENTIFIER = 15  # the summary warns below this (default corpus only)
EPOCH = datetime(2021, 1, 1, tzinfo=timezone.utc)
ZIP_DATE = (2024, 1, 1, 12, 0, 0)

# ================================================================================================
# Check digits
# ================================================================================================


def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def npi_check_digit(nine: str) -> str:
    return luhn_check_digit("80840" + nine)


def dea_check_digit(six: str) -> str:
    d = [int(c) for c in six]
    return str((d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10)


_VIN_VALUES = {**{str(i): i for i in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
               **dict(zip("STUVWXYZ", range(2, 10)))}
_VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin_check_digit(vin: str) -> str:
    r = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS)) % 11
    return "X" if r == 10 else str(r)


def gs1_check_digit(payload: str) -> str:
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


assert "123456789" + npi_check_digit("123456789") == "1234567893"
assert "AB123456" + dea_check_digit("123456") == "AB1234563"
assert vin_check_digit("1M8GDM9AXKP042788") == "X"
assert gs1_check_digit("400638133393") == "1"

# ================================================================================================
# Building texts with exact labels
# ================================================================================================


@dataclass(frozen=True)
class Label:
    field: str
    start: int
    end: int
    identifier: str | None
    health: str | None
    text: str

    def record(self) -> dict:
        return {"field": self.field, "start": self.start, "end": self.end,
                "identifier": self.identifier, "health": self.health, "text": self.text}


class Doc:
    """One field's text under construction: appended pieces, labels at exact offsets."""

    def __init__(self, field: str) -> None:
        self.field = field
        self.parts: list[str] = []
        self.length = 0
        self.labels: list[Label] = []

    def add(self, text: str, identifier: str | None = None, health: str | None = None) -> None:
        if not text:
            return
        if identifier or health:
            assert text == text.strip() and text[-1] not in ".,;:!?", f"loose span {text!r}"
            self.labels.append(Label(self.field, self.length, self.length + len(text), identifier, health, text))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


Piece = tuple[str, str | None, str | None]  # (text, identifier, health)


class Ctx:
    """Per-item generation state: the random source, the item's patient, and its writing style."""

    def __init__(self, rng: Random, *, lower: bool = False, curly: bool = False, typo: bool = False,
                 latin1: bool = False) -> None:
        self.rng = rng
        self.lower, self.curly, self.typo, self.latin1 = lower, curly, typo, latin1
        self.first_pool = LATIN1_FIRST if latin1 else FIRST_NAMES
        self.last_pool = LATIN1_LAST if latin1 else LAST_NAMES
        self.person = (self.pick(self.first_pool), self.pick(self.last_pool))
        self.surname = self.person[1]  # the last surname written (a DEA number's second letter)
        self.used: set[str] = set()  # health terms already written
        self.last_med = ""

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def letters(self, n: int, alphabet: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))


_SLOT_RE = re.compile(r"\{(\w+)\}")


def render(ctx: Ctx, doc: Doc, template: str) -> None:
    """Append `template` to `doc`, filling its slots and labelling the labelled ones."""
    pos = 0
    for m in _SLOT_RE.finditer(template):
        literal = template[pos:m.start()]
        pieces = _fill(ctx, m.group(1))
        if pieces and re.search(r"(^|\s)[aA] $", literal) and _vowel_sound(pieces[0][0]):
            literal = literal[:-1] + "n "  # "a MRI" -> "an MRI"
        _literal(ctx, doc, literal)
        for text, ident, health in pieces:
            if ctx.lower and (health or ident is None or ident in LOWERABLE):
                text = text.lower()
            doc.add(text, ident, health)
        pos = m.end()
    _literal(ctx, doc, template[pos:])


def _vowel_sound(text: str) -> bool:
    word = text.split()[0] if text.split() else ""
    if not word:
        return False
    if sum(c.isupper() for c in word) >= 2 or word[0] == "X":  # initialisms: "an MRI", "an HbA1c"
        return word[0] in "AEFHILMNORSX"
    return word[0] in "aeiouAEIOU"


def _literal(ctx: Ctx, doc: Doc, text: str) -> None:
    if ctx.typo:
        for word, typo in TYPOS.items():
            new = re.sub(rf"\b{word}\b", typo, text, count=1)
            if new != text:
                text, ctx.typo = new, False
                break
    if ctx.curly:
        text = text.replace("'", "’")
    if ctx.lower:
        text = text.lower()
    doc.add(text)


def _fill(ctx: Ctx, slot: str) -> list[Piece]:
    value = SLOTS[slot](ctx)
    if isinstance(value, list):
        return value
    ident, health = SLOT_KINDS.get(slot, (None, None))
    return [(value, ident, health)]


def render_lines(ctx: Ctx, doc: Doc, templates: list[str], sep: str | None = None) -> None:
    """Render templates one after another, joined by `sep` or by a natural sentence break."""
    for i, template in enumerate(templates):
        if i:
            doc.add(sep if sep is not None else sentence_break(ctx, doc))
        render(ctx, doc, template)


def sentence_break(ctx: Ctx, doc: Doc) -> str:
    last = doc.parts[-1][-1] if doc.parts else ""
    if last.isalnum() or last in ")'’":  # the sentence has no end mark yet
        return ctx.pick([". ", ". ", ". ", "! ", ".\n", ".\n\n", " - ", "\n"])
    return ctx.pick([" ", " ", " ", "\n", "\n\n", "  "])


# ================================================================================================
# Slot values
# ================================================================================================


_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss"})


def ascii_fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s.translate(_FOLD)).encode("ascii", "ignore").decode()


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


def full_name(ctx: Ctx, first: str, last: str) -> str:
    ctx.surname = last
    r = ctx.rng.random()
    if r < 0.15:
        return f"{first} {ctx.letters(1)}. {last}"
    return f"{first} {last}"


def caps_name(ctx: Ctx, first: str, last: str) -> str:
    ctx.surname = last
    middle = f" {ctx.letters(1)}" if ctx.chance(0.3) else ""
    return f"{last.upper()}, {first.upper()}{middle}"


def dicom_name(ctx: Ctx, first: str, last: str) -> str:
    ctx.surname = last
    return f"{ascii_fold(last).upper().replace(' ', '')}^{ascii_fold(first).upper()}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


DATE_FORMATS: list[Callable[[date], str]] = [
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",             # 03/04/1961
    lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",           # 3/4/61
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",        # March 4, 1961
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",         # 4 March 1961
    lambda d: d.isoformat(),                                     # 1961-03-04
    lambda d: f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}",  # 04-Mar-1961
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",    # Mar 4, 1961
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}",  # March 4th, 1961
    lambda d: f"{d.month}/{d.day}/{d.year}",                     # 3/4/1961
    lambda d: f"{d.month:02d}.{d.day:02d}.{d.year}",             # 03.04.1961
    lambda d: f"{d.day:02d}-{MONTHS[d.month - 1][:3].upper()}-{d.year}",  # 04-MAR-1961
]
SHORT_DATE_FORMATS: list[Callable[[date], str]] = [
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}",         # March 3rd
    lambda d: f"{d.month}/{d.day}",                              # 3/4
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}",              # Mar 3
    lambda d: f"the {ordinal(d.day)} of {MONTHS[d.month - 1]}",  # the 3rd of March
    lambda d: f"{MONTHS[d.month - 1].lower()} {d.day}",          # march 3
    lambda d: f"{MONTHS[d.month - 1][:3]}. {ordinal(d.day)}",    # Mar. 3rd
]


def random_date(ctx: Ctx, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    return start + timedelta(days=ctx.rng.randrange((date(last_year, 12, 31) - start).days + 1))


def phone_number(ctx: Ctx) -> str:
    area = ctx.pick(AREA_CODES)
    if ctx.chance(0.6):
        exchange, line = "555", f"01{ctx.digits(2)}"
    else:
        exchange = str(ctx.rng.choice([n for n in range(201, 1000) if n != 555 and n % 100 != 11]))
        line = ctx.digits(4)
    fmt = ctx.pick(["({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "+1 {a} {e} {l}", "1-{a}-{e}-{l}",
                    "({a}){e}-{l}", "{a} {e} {l}"])
    return fmt.format(a=area, e=exchange, l=line)


def ssn(ctx: Ctx) -> str:
    area = ctx.rng.randint(1, 665)
    group, serial = ctx.rng.randint(1, 99), ctx.rng.randint(1, 9999)
    sep = ctx.pick(["-", "-", "-", " ", ""])
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


def mrn(ctx: Ctx) -> str:
    return ctx.pick([lambda: "00" + ctx.digits(6), lambda: str(ctx.rng.randint(1000000, 9999999)),
                     lambda: ctx.digits(10), lambda: "E" + ctx.digits(7), lambda: "M" + ctx.digits(7)])()


def member_id(ctx: Ctx) -> str:
    return ctx.pick([lambda: ctx.letters(3) + ctx.digits(9), lambda: "W" + ctx.digits(9),
                     lambda: ctx.digits(9) + "-01", lambda: "H" + ctx.digits(8) + "01",
                     lambda: ctx.letters(2) + ctx.digits(7)])()


MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"  # no S, L, O, I, B, Z


def mbi(ctx: Ctx) -> str:
    an = MBI_ALPHA + "0123456789"
    c = [str(ctx.rng.randint(1, 9)), ctx.pick(MBI_ALPHA), ctx.pick(an), ctx.digits(1),
         ctx.pick(MBI_ALPHA), ctx.pick(an), ctx.digits(1), ctx.pick(MBI_ALPHA), ctx.pick(MBI_ALPHA),
         ctx.digits(1), ctx.digits(1)]
    s = "".join(c)
    return f"{s[:4]}-{s[4:7]}-{s[7:]}" if ctx.chance(0.6) else s


def npi(ctx: Ctx) -> str:
    nine = ctx.pick("12") + ctx.digits(8)
    return nine + npi_check_digit(nine)


def dea(ctx: Ctx) -> str:
    initial = ascii_fold(ctx.surname).replace("'", "").lstrip()[:1].upper() or "9"
    six = ctx.digits(6)
    return ctx.pick("ABFGM") + initial + six + dea_check_digit(six)


def vin(ctx: Ctx) -> str:
    alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    body = (ctx.pick(["1HG", "1FA", "1G1", "2T1", "3VW", "4T1", "5YJ", "JHM", "JTD", "KMH", "WBA", "1C4"])
            + "".join(ctx.pick(alphabet) for _ in range(5)) + "0"
            + ctx.pick("ABCDEFGHJKLMNPRSTVWXY123456789") + ctx.pick(alphabet) + ctx.digits(6))
    return body[:8] + vin_check_digit(body) + body[9:]


def udi(ctx: Ctx) -> str:
    payload = "0" + ctx.digits(12)
    expiry = random_date(ctx, 2025, 2029)
    return (f"(01){payload}{gs1_check_digit(payload)}(17){expiry:%y%m%d}"
            f"(10){ctx.letters(1)}{ctx.digits(5)}(21){ctx.digits(8)}")


def ip_address(ctx: Ctx) -> str:
    if ctx.chance(0.4):
        return ctx.pick(["192.0.2", "198.51.100", "203.0.113"]) + f".{ctx.rng.randint(1, 254)}"
    first = ctx.pick([23, 24, 45, 47, 50, 63, 67, 68, 71, 73, 76, 96, 98, 104, 107, 108, 142, 162, 173, 174, 184, 208, 216])
    return f"{first}.{ctx.rng.randint(0, 255)}.{ctx.rng.randint(0, 255)}.{ctx.rng.randint(1, 254)}"


def handle(ctx: Ctx) -> str:
    first, last = slug(ctx.pick(FIRST_NAMES)), slug(ctx.pick(LAST_NAMES))
    word = ctx.pick(["spoonie", "zebra", "warrior", "lupie", "t1d", "tiredgirl", "mskid", "dialysisdad"])
    name = ctx.pick([f"{first}{last[:1]}{ctx.digits(2)}", f"{word}_{first}", f"{first}_{last}",
                     f"{word}{ctx.digits(3)}", f"the{first}{last}"])
    return name[:15]


def email(ctx: Ctx) -> str:
    first, last = slug(ctx.pick(ctx.first_pool)), slug(ctx.pick(ctx.last_pool))
    local = ctx.pick([f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{ctx.digits(2)}",
                      f"{first}{ctx.digits(4)}", f"{first}.{last}+portal"])
    return f"{local}@{ctx.pick(EMAIL_DOMAINS)}"


def url(ctx: Ctx) -> str:
    first, last = slug(ctx.pick(FIRST_NAMES)), slug(ctx.pick(LAST_NAMES))
    return ctx.pick([
        f"https://fundraise.example.org/f/help-{first}-{last}",
        f"https://caring.example.org/visit/{first}{last}",
        f"https://{last}family.example.com/updates",
        f"www.example.net/~{first}{last}",
        f"http://blog.example.com/{ctx.rng.randint(2019, 2024)}/{ctx.rng.randint(1, 12):02d}/{first}-diagnosis-day",
        f"https://portal.example.org/records/view?pt={ctx.digits(7)}",
        f"example.com/u/{first}_{last}",
    ])


def address(ctx: Ctx) -> list[Piece]:
    city, st, _, zip3 = ctx.pick(CITIES)
    return [(street(ctx), "geographic", None), (", ", None, None), (city, "geographic", None),
            (f", {st} ", None, None), (zip_code(ctx, zip3), "geographic", None)]


def street(ctx: Ctx) -> str:
    unit = ctx.pick(["", "", "", f" Apt {ctx.rng.randint(1, 30)}{ctx.pick('ABCD')}",
                     f" #{ctx.rng.randint(2, 40)}", f" Unit {ctx.rng.randint(100, 420)}"])
    return f"{ctx.rng.randint(2, 9899)} {ctx.pick(STREETS)}{unit}"


def zip_code(ctx: Ctx, zip3: str | None = None) -> str:
    z = (zip3 or ctx.pick(CITIES)[3]) + ctx.digits(2)
    return z + f"-{ctx.digits(4)}" if ctx.chance(0.2) else z


def city_state_zip(ctx: Ctx) -> list[Piece]:
    city, st, _, zip3 = ctx.pick(CITIES)
    return [(city, "geographic", None), (f", {st} ", None, None), (zip_code(ctx, zip3), "geographic", None)]


def city_state(ctx: Ctx) -> list[Piece]:
    city, st, state, _ = ctx.pick(CITIES)
    return [(city, "geographic", None), (", " + ctx.pick([st, st, state]), None, None)]


def health(category: str) -> Callable[[Ctx], str]:
    def pick(ctx: Ctx) -> str:
        if category in HEALTH_TYPOS and ctx.chance(0.06):
            return ctx.pick(HEALTH_TYPOS[category])
        term = ctx.pick(HEALTH_VOCAB[category])
        for _ in range(5):  # no "HIV and HIV"
            if term.lower() not in ctx.used:
                break
            term = ctx.pick(HEALTH_VOCAB[category])
        ctx.used.add(term.lower())
        if category == "medication":
            ctx.last_med = term
        r = ctx.rng.random()
        if r < 0.08:
            return term.lower()
        if r < 0.12 and term[0].islower():
            return term[0].upper() + term[1:]
        if r < 0.15:
            return term.upper()
        return term
    return pick


SLOTS: dict[str, Callable[[Ctx], str | list[Piece]]] = {
    # names
    "name": lambda c: full_name(c, c.pick(c.first_pool), c.pick(c.last_pool)),
    "first": lambda c: c.pick(c.first_pool),
    "last": lambda c: setattr(c, "surname", c.pick(c.last_pool)) or c.surname,
    "capsname": lambda c: caps_name(c, c.pick(c.first_pool), c.pick(c.last_pool)),
    "dicomname": lambda c: dicom_name(c, c.pick(c.first_pool), c.pick(c.last_pool)),
    "pname": lambda c: full_name(c, *c.person),
    "pfirst": lambda c: c.person[0],
    "plast": lambda c: c.person[1],
    "pcaps": lambda c: caps_name(c, *c.person),
    "pdicom": lambda c: dicom_name(c, *c.person),
    "ptitle": lambda c: c.pick(["Ms.", "Mr.", "Mx."]),
    # places
    "city": lambda c: c.pick(CITIES)[0],
    "city_st": city_state,
    "city_st_zip": city_state_zip,
    "street": street,
    "zip": zip_code,
    "address": address,
    "state": lambda c: c.pick(CITIES)[2],
    "ST": lambda c: c.pick(CITIES)[1],
    "state_abbr": lambda c: c.pick(CITIES)[1],
    # dates
    "date": lambda c: c.pick(DATE_FORMATS)(random_date(c, 2019, 2024)),
    "date_short": lambda c: c.pick(SHORT_DATE_FORMATS)(random_date(c, 2023, 2024)),
    "dob": lambda c: c.pick(DATE_FORMATS)(random_date(c, 1926, 2005)),
    "dob_dicom": lambda c: random_date(c, 1926, 2005).strftime("%Y%m%d"),
    "dob_compact": lambda c: (c.pick(DATE_FORMATS + [lambda d: d.strftime("%Y%m%d")] * 3)
                              (random_date(c, 1926, 2005))),
    "monthyear": lambda c: c.pick([lambda d: f"{MONTHS[d.month - 1]} {d.year}", lambda d: f"{d.month:02d}/{d.year}",
                                   lambda d: f"{MONTHS[d.month - 1][:3]} '{d.year % 100:02d}"])(random_date(c, 2019, 2024)),
    "age90": lambda c: str(c.rng.randint(90, 104)),
    # numbers
    "phone": phone_number, "fax": phone_number, "ssn": ssn, "mrn": mrn,
    "member": member_id, "mbi": mbi,
    "medicaid": lambda c: c.letters(2) + c.digits(5) + c.letters(1),
    "acct": lambda c: c.pick([lambda: c.digits(10), lambda: "A" + c.digits(9),
                              lambda: f"{c.digits(3)}-{c.digits(4)}-{c.digits(3)}", lambda: c.digits(12)])(),
    "npi": npi, "dea": dea,
    "medlic": lambda c: c.pick([lambda: "A" + c.digits(6), lambda: "MD" + c.digits(5), lambda: "ME " + c.digits(5),
                                lambda: "0101" + c.digits(6), lambda: "D-" + c.digits(5)])(),
    "dl": lambda c: c.pick([lambda: c.letters(1) + c.digits(7), lambda: f"{c.digits(3)} {c.digits(3)} {c.digits(3)}",
                            lambda: f"{c.letters(1)}{c.digits(3)}-{c.digits(4)}-{c.digits(4)}"])(),
    "vin": vin,
    "plate": lambda c: c.pick([lambda: c.digits(1) + c.letters(3) + c.digits(3), lambda: f"{c.letters(3)}-{c.digits(4)}",
                               lambda: f"{c.letters(3)} {c.digits(3)}", lambda: c.letters(3) + c.digits(4)])(),
    "pm_serial": lambda c: c.pick(["PJN", "RNB", "BVX", "NWR"]) + c.digits(6) + c.pick("SH"),
    "pump_serial": lambda c: "NG" + c.digits(7) + "H",
    "cgm_id": lambda c: "8" + c.letters(1) + c.digits(1) + c.letters(3, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"),
    "udi": udi,
    "serial": lambda c: c.letters(1) + c.digits(2) + c.letters(1) + c.digits(7),
    "mac": lambda c: ":".join(f"{c.rng.randrange(256):02X}" for _ in range(6)),
    "email": email, "url": url, "ip": ip_address,
    "handle": lambda c: "@" + handle(c),
    "uhandle": lambda c: "u/" + (c.pick(["Throwaway_", "tired_", "Anxious", "Spoonie", ""]) + handle(c))[:20],
    # health
    "cond": health("condition"), "med": health("medication"), "proc": health("procedure"),
    "lab": health("lab_test"),
    # plain text
    "dose": lambda c: c.pick(MED_DOSES.get(c.last_med.lower(), GENERIC_DOSES)),
    "year": lambda c: str(c.rng.randint(2008, 2023)),
    "labval": lambda c: c.pick(["9.2%", "6.8", "4.1", "212", "0.9", "11.4", "under 20", "borderline", "57"]),
    "small_age": lambda c: str(c.rng.randint(19, 86)),
    "order9": lambda c: c.digits(9),
    "tracking": lambda c: "1Z" + c.letters(6, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789") + c.digits(10),
    "conf": lambda c: c.letters(6),
    "version": lambda c: f"{c.rng.randint(1, 17)}.{c.rng.randint(0, 9)}.{c.rng.randint(0, 20)}",
    "pet": lambda c: c.pick(PETS),
    "weekday": lambda c: c.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
    "rel_word": lambda c: c.pick(["daughter", "son", "husband", "wife", "sister", "neighbor", "partner"]),
    "hosp": lambda c: c.pick(HOSPITALS),
    "pharmacy": lambda c: c.pick(PHARMACIES),
    "insurer": lambda c: c.pick(INSURERS),
    "public_url": lambda c: c.pick(PUBLIC_URLS),
    "emoji": lambda c: c.pick(EMOJI),
    "hashtag": lambda c: c.pick(HASHTAGS),
}
assert set(SLOT_KINDS) <= set(SLOTS)
for _t in [t for ts in IDENT_TEMPLATES.values() for t in ts] + HEALTH_TEMPLATES + NEUTRAL_TEMPLATES + \
        OPENERS + CLOSERS + CAPTION_TEMPLATES + REDDIT_TITLES + NOTE_HEADER + NOTE_BODY + NOTE_FOOTER + \
        CAREGIVER_TEMPLATES:
    assert set(_SLOT_RE.findall(_t)) <= set(SLOTS), _t

# ================================================================================================
# Composing items
# ================================================================================================


class Deck:
    """Identifier types drawn from a shuffled weighted deck, so every type shows up evenly."""

    def __init__(self, rng: Random) -> None:
        self.rng, self.cards = rng, []

    def draw(self, k: int) -> list[str]:
        out: list[str] = []
        while len(out) < k:
            if not self.cards:
                self.cards = [t for t, w in IDENT_WEIGHTS.items() for _ in range(w)]
                self.rng.shuffle(self.cards)
            card = self.cards.pop()
            if card not in out:
                out.append(card)
        return out


def item_kind(rng: Random) -> str:
    r = rng.random()
    for kind, p in ITEM_KINDS:
        if r < p:
            return kind
        r -= p
    return ITEM_KINDS[-1][0]


def sentences(ctx: Ctx, deck: Deck, kind: str, *, max_ident: int = 3, max_extra: int = 2) -> list[str]:
    """The sentence templates of one post-like text of the given kind."""
    rng = ctx.rng
    if kind == "paste":  # a lead-in, then a pasted block of form lines
        lines = [rng.choice(FORM_LINES[t]) for t in deck.draw(rng.randint(2, max_ident + 2))]
        lines += rng.sample(FORM_HEALTH_LINES, rng.randint(0, 2))
        rng.shuffle(lines)
        return [rng.choice(PASTE_LEADS) + rng.choice(["\n", "\n\n"]) + "\n".join(lines)] + (
            [rng.choice(CLOSERS)] if rng.random() < 0.3 else [])
    if kind == "ident":
        out = [rng.choice(IDENT_TEMPLATES[t]) for t in deck.draw(rng.randint(1, max_ident))]
        out += rng.sample(HEALTH_TEMPLATES, rng.randint(0, max_extra))
        if rng.random() < 0.2:
            out.append(rng.choice(NEUTRAL_TEMPLATES))
    elif kind == "health":
        out = rng.sample(HEALTH_TEMPLATES, rng.randint(1, max_extra + 1))
    elif kind == "neutral":
        out = rng.sample(NEUTRAL_TEMPLATES, rng.randint(1, max_extra))
    else:  # neutral_health: a near-miss next to real health terms
        out = rng.sample(NEUTRAL_TEMPLATES, 1) + rng.sample(HEALTH_TEMPLATES, rng.randint(1, max_extra))
    rng.shuffle(out)
    if rng.random() < 0.2:
        out.insert(0, rng.choice(OPENERS))
    if rng.random() < 0.35:
        out.append(rng.choice(CLOSERS))
    return out


def new_ctx(rng: Random, lower_p: float = 0.1) -> Ctx:
    return Ctx(rng, lower=rng.random() < lower_p, curly=rng.random() < 0.2, typo=rng.random() < 0.15)


def compose(ctx: Ctx, field: str, templates: list[str], sep: str | None = None) -> Doc:
    doc = Doc(field)
    render_lines(ctx, doc, templates, sep)
    return doc


@dataclass
class TextItem:
    locator: str
    docs: list[Doc]

    def labels_record(self) -> dict:
        labels = [lab for doc in self.docs for lab in doc.labels]
        for lab in labels:
            field_text = next(d.text for d in self.docs if d.field == lab.field)
            assert field_text[lab.start:lab.end] == lab.text, (self.locator, lab)
        return {"item": self.locator, "labels": [lab.record() for lab in labels]}


def post_text(rng: Random, deck: Deck, *, field: str = "text", lower_p: float = 0.1, caption: bool = False,
              max_len: int | None = None, max_ident: int = 3) -> Doc:
    while True:
        ctx = new_ctx(rng, lower_p)
        kind = item_kind(rng)
        parts = sentences(ctx, deck, kind, max_ident=max_ident)
        if caption:
            parts.insert(0, rng.choice(CAPTION_TEMPLATES))
        doc = compose(ctx, field, parts)
        if max_len is None or len(doc.text) <= max_len:
            return doc


def timestamp(rng: Random) -> datetime:
    return EPOCH + timedelta(seconds=rng.randrange(4 * 365 * 86400))


def iso(ts: datetime) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def author(rng: Random) -> str:
    return handle(Ctx(rng))


# ================================================================================================
# Writers, one per output file. Each takes its own Random and yields the TextItems it wrote.
# ================================================================================================

MEDIA_BY_POST = {7: "media/p0007.png", 12: "media/p0012.jpg", 31: "media/p0031.png",
                 44: "media/p0044.jpg", 58: "media/ct_head_0001", 63: "media/discharge_summary.pdf"}


def write_posts_jsonl(out: Path, rng: Random, n: int) -> Iterator[TextItem]:
    deck, width = Deck(rng), max(4, len(str(n)))
    bad = n // 2 + 1
    with open(out / "posts.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for i in range(1, n + 1):
            pid = f"p{i:0{width}d}"
            media = MEDIA_BY_POST.get(i)
            doc = post_text(rng, deck, caption=media is not None)
            record = {"id": pid, "text": doc.text, "author": author(rng), "created_at": iso(timestamp(rng))}
            if media:
                record["media"] = [media]
            line = json.dumps(record, ensure_ascii=False)
            if i == bad:  # the one malformed record: truncated mid-string, no labels
                line = line[: line.index('"text": "') + 9 + len(doc.text) // 2]
                try:
                    json.loads(line)
                    raise AssertionError("malformed line parses")
                except json.JSONDecodeError:
                    pass
                fh.write(line + "\n")
                continue
            fh.write(line + "\n")
            yield TextItem(f"posts.jsonl#{pid}", [doc])


def write_posts_json(out: Path, rng: Random, n: int = 30) -> Iterator[TextItem]:
    deck, records, items = Deck(rng), [], []
    for i in range(1, n + 1):
        pid = f"j{i:03d}"
        doc = post_text(rng, deck)
        records.append({"id": pid, "text": doc.text, "author": author(rng), "created_at": iso(timestamp(rng))})
        items.append(TextItem(f"posts.json#{pid}", [doc]))
    (out / "posts.json").write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    yield from items


def twitter_date(ts: datetime) -> str:
    return (f"{WEEKDAYS[ts.weekday()]} {MONTHS[ts.month - 1][:3]} {ts.day:02d} "
            f"{ts:%H:%M:%S} +0000 {ts.year}")


def write_tweets(out: Path, rng: Random, n: int = 50) -> Iterator[TextItem]:
    deck, tweets, items = Deck(rng), [], []
    next_id = 1_050_000_000_000_000_000
    for _ in range(n):
        next_id += rng.randrange(10**15, 10**17)
        doc = post_text(rng, deck, field="full_text", lower_p=0.4, max_len=280, max_ident=2)
        text = doc.text
        tweet = {
            "edit_info": {"initial": {"editTweetIds": [str(next_id)], "editableUntil": "2021-01-01T00:00:00.000Z",
                                      "editsRemaining": "5", "isEditEligible": False}},
            "retweeted": False, "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
            "entities": {
                "hashtags": [{"text": m.group(1), "indices": [str(m.start()), str(m.end())]}
                             for m in re.finditer(r"#(\w+)", text)],
                "symbols": [], "urls": [],
                "user_mentions": [{"screen_name": m.group(1), "name": m.group(1), "id_str": "0", "id": "0",
                                   "indices": [str(m.start()), str(m.end())]} for m in re.finditer(r"@(\w+)", text)],
            },
            "display_text_range": ["0", str(len(text))],
            "favorite_count": str(rng.randrange(40)), "id_str": str(next_id), "truncated": False,
            "retweet_count": str(rng.randrange(8)), "id": str(next_id),
            "created_at": twitter_date(timestamp(rng)), "favorited": False,
            "full_text": text, "lang": "en",
        }
        tweets.append({"tweet": tweet})
        items.append(TextItem(f"x-archive/data/tweets.js#{next_id}", [doc]))
    (out / "x-archive" / "data").mkdir(parents=True, exist_ok=True)
    body = json.dumps(tweets, ensure_ascii=False, indent=2)
    (out / "x-archive/data/tweets.js").write_text(f"window.YTD.tweets.part0 = {body}\n", encoding="utf-8")
    yield from items


def base36(rng: Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(n))


def write_reddit(out: Path, rng: Random, n_posts: int = 18, n_comments: int = 32) -> Iterator[TextItem]:
    deck, children, items = Deck(rng), [], []
    subs = ["ChronicPain", "diabetes", "lupus", "CrohnsDisease", "MultipleSclerosis", "caregivers", "medicare"]
    kinds = ["t3"] * (n_posts - 1) + ["t1"] * n_comments
    rng.shuffle(kinds)
    kinds.insert(0, "t3")  # comments follow a post
    link_id = None
    for kind in kinds:
        rid = base36(rng, 7)
        ctx = new_ctx(rng, 0.05)
        common = {"id": rid, "name": f"{kind}_{rid}", "author": author(rng), "subreddit": rng.choice(subs),
                  "created_utc": float(int(timestamp(rng).timestamp())), "score": rng.randrange(1, 500)}
        if kind == "t3":
            title = compose(ctx, "title", [rng.choice(REDDIT_TITLES)])
            paras = sentences(ctx, deck, item_kind(rng), max_extra=3)
            if rng.random() < 0.15:  # a link post: no body
                paras = []
            selftext = compose(ctx, "selftext", paras)
            if paras and rng.random() < 0.3:
                render(ctx, selftext, rng.choice(["\n\nEdit: thank you all so much ❤️",
                                                  "\n\nTL;DR: {cond} sucks and so does my insurance",
                                                  "\n\nEDIT 2: {first} if you see this, call me"]))
            data = {**common, "title": title.text, "selftext": selftext.text, "is_self": bool(paras),
                    "permalink": f"/r/{common['subreddit']}/comments/{rid}/", "num_comments": rng.randrange(60)}
            link_id = f"t3_{rid}"
            docs = [title, selftext]
        else:
            parts = sentences(ctx, deck, item_kind(rng), max_ident=2, max_extra=1)
            if rng.random() < 0.4:
                parts.insert(0, rng.choice(REDDIT_COMMENT_OPENERS))
            body = compose(ctx, "body", parts)
            data = {**common, "body": body.text, "link_id": link_id or "t3_0000000", "parent_id": link_id or "t3_0000000"}
            docs = [body]
        children.append({"kind": kind, "data": data})
        items.append(TextItem(f"reddit.json#{rid}", docs))
    listing = {"kind": "Listing", "data": {"after": None, "dist": len(children), "children": children, "before": None}}
    # Reddit escapes non-ASCII; so does this file (\uXXXX, surrogate pairs for emoji).
    (out / "reddit.json").write_text(json.dumps(listing, ensure_ascii=True, indent=1) + "\n", encoding="ascii")
    yield from items


def clinic_note(rng: Random, *, latin1: bool = False, newline: str = "\n", header_p: float = 0.8,
                person: tuple[str, str] | None = None) -> Doc:
    ctx = Ctx(rng, latin1=latin1)
    ctx.person = person or ctx.person
    lines = NOTE_HEADER[:1] + [t for t in NOTE_HEADER[1:] if rng.random() < header_p]
    body = rng.sample(NOTE_BODY, rng.randint(5, 9))
    templates = [*lines, "", *body, "", rng.choice(NOTE_FOOTER)]
    doc = Doc("text")
    for i, t in enumerate(templates):
        if i:
            doc.add(newline)
        render(ctx, doc, t.replace("\n", newline))
    doc.add(newline)
    return doc


def caregiver_log(rng: Random) -> Doc:
    ctx = Ctx(rng)
    doc = Doc("text")
    render(ctx, doc, "Care log for {pname}\n\n")
    render_lines(ctx, doc, rng.sample(CAREGIVER_TEMPLATES, 5), "\n")
    doc.add("\n")
    return doc


def markdown_journal(rng: Random) -> Doc:
    ctx, deck = Ctx(rng), Deck(rng)
    doc = Doc("text")
    render(ctx, doc, "# Health journal\n\n## {date_short}\n\n")
    render_lines(ctx, doc, sentences(ctx, deck, "ident"))
    render(ctx, doc, "\n\n## Meds\n\n- {med} {dose}\n- {med} {dose}\n\n## Questions for Dr. {last}\n\n"
                     "1. Should I repeat the {lab}?\n2. Is {cond} likely?\n")
    return doc


def negative_note(rng: Random) -> Doc:
    ctx = Ctx(rng)
    doc = Doc("text")
    render(ctx, doc, "To do\n- return library books\n- order #{order9}: follow up\n- call about the "
                     "thermostat (mid-90s in here)\n- update laptop to {version}\n- {pet}'s vet visit {weekday} 3:45\n")
    return doc


def write_notes(out: Path, rng: Random) -> Iterator[TextItem]:
    notes = out / "notes"
    notes.mkdir(parents=True, exist_ok=True)
    files = [  # (file name, document, encoding, BOM)
        ("visit_note_cardiology.txt", clinic_note(rng), "utf-8", b""),
        ("caregiver_log.txt", caregiver_log(rng), "utf-8", b""),
        ("pasted_portal_message.txt", clinic_note(rng, header_p=0.4), "utf-8", b"\xef\xbb\xbf"),
        ("discharge_summary_win.txt", clinic_note(rng, newline="\r\n"), "utf-16-le", b"\xff\xfe"),
        ("referral_latin1.txt", clinic_note(rng, latin1=True, person=("José", "Muñoz")), "latin-1", b""),
        ("health_journal.md", markdown_journal(rng), "utf-8", b""),
        ("todo.txt", negative_note(rng), "utf-8", b""),
        ("radiology_export.txt", dicom_like_note(rng), "utf-8", b""),
    ]
    for name, doc, encoding, bom in files:
        (notes / name).write_bytes(bom + doc.text.encode(encoding))
        yield TextItem(f"notes/{name}", [doc])


def dicom_like_note(rng: Random) -> Doc:
    ctx = Ctx(rng)
    doc = Doc("text")
    render(ctx, doc, "(0010,0010) PatientName: {pdicom}\n(0010,0020) PatientID: {mrn}\n"
                     "(0010,0030) PatientBirthDate: {dob_dicom}\n(0008,0090) ReferringPhysicianName: {dicomname}\n"
                     "(0008,1030) StudyDescription: {proc}\n")
    return doc


def write_notes_csv(out: Path, rng: Random, n: int = 45) -> Iterator[TextItem]:
    deck, items = Deck(rng), []
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "text", "date", "source"])
    for i in range(1, n + 1):
        nid = f"n{i:03d}"
        r = rng.random()
        if r < 0.25:
            doc, source = clinic_note(rng, header_p=0.3), "clinic_note"
        elif r < 0.35:
            ctx = Ctx(rng)
            doc = compose(ctx, "text", rng.sample(CAREGIVER_TEMPLATES, 2), ", and ")
            source = "caregiver_log"
        else:
            doc, source = post_text(rng, deck, max_ident=2), rng.choice(["forum", "sms", "photo_caption", "email"])
        writer.writerow([nid, doc.text, timestamp(rng).date().isoformat(), source])
        items.append(TextItem(f"notes.csv#row-{i}", [doc]))  # a CSV row is located by its place
    (out / "notes.csv").write_bytes(buf.getvalue().encode("utf-8"))
    yield from items


def zip_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def write_bundle(out: Path, rng: Random, n_posts: int = 10) -> Iterator[TextItem]:
    deck, items = Deck(rng), []
    visit, referral, update = clinic_note(rng), clinic_note(rng, header_p=0.5), post_text(rng, deck)
    lines = []
    for i in range(1, n_posts + 1):
        pid = f"z{i:02d}"
        doc = post_text(rng, deck)
        lines.append(json.dumps({"id": pid, "text": doc.text, "author": author(rng), "created_at": iso(timestamp(rng))},
                                ensure_ascii=False))
        items.append(TextItem(f"bundle.zip!posts_small.jsonl#{pid}", [doc]))
    with zipfile.ZipFile(out / "bundle.zip", "w") as zf:
        zip_member(zf, "visit_note.txt", visit.text.encode("utf-8"))
        zip_member(zf, "../escape.txt", b"If you can read this, the zip reader followed a path out of the archive.\n")
        zip_member(zf, "notes/referral.txt", referral.text.encode("utf-8"))
        zip_member(zf, "caregiver_update.txt", update.text.encode("utf-8"))
        zip_member(zf, "posts_small.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    yield TextItem("bundle.zip!visit_note.txt", [visit])
    yield TextItem("bundle.zip!notes/referral.txt", [referral])
    yield TextItem("bundle.zip!caregiver_update.txt", [update])
    yield from items


# ------------------------------------------------------------------------------------------------
# Media referenced by posts. Tiny and deterministic; bytes unchanged since the first sample. Their
# burned-in text goes to the pixel labels; ct_head_0001's header to the metadata labels (ct_head_meta).
# ------------------------------------------------------------------------------------------------


def write_media(out: Path, rng: Random) -> list[Meta]:
    """Write media/; returns the pixel truth of its images (the text drawn into the screenshots)."""
    from PIL import Image, ImageDraw

    media = out / "media"
    media.mkdir(parents=True, exist_ok=True)
    pixels: list[Meta] = []

    def screenshot(lines: list[str], size=(260, 110), *, item: str, spans: dict[int, list[Piece]]) -> Image.Image:
        img = Image.new("RGB", size, "white")
        draw = ImageDraw.Draw(img)
        meta = Meta(item)
        meta.size = size
        draw.rectangle([0, 0, size[0], 18], fill=(32, 84, 160))
        for i, line in enumerate(lines):
            draw.text((6, 4 + 16 * i), line, fill="white" if i == 0 else "black")
            text_box_labels(meta, draw, (6, 4 + 16 * i), line, spans.get(i, []))
        pixels.append(meta)
        return img

    def picture(size=(96, 64)) -> Image.Image:
        img = Image.new("RGB", size)
        draw = ImageDraw.Draw(img)
        for y in range(size[1]):
            draw.line([0, y, size[0], y], fill=(255, 140 + y, 60 + 2 * y))
        for _ in range(5):
            x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randint(3, 12)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(256), rng.randrange(256), 90))
        return img

    screenshot(["MyChart - Test Results", "Patient: GARCIA, MARIA", "DOB: 03/04/1961  MRN 00482913",
                "Hemoglobin A1c   9.1 %  (H)", "Collected 2023-05-02"], item="media/p0007.png",
               spans={1: [("GARCIA, MARIA", "names", None)], 2: [("03/04/1961", "dates", None), ("00482913", "mrn", None)],
                      3: [("Hemoglobin A1c", None, "lab_test")], 4: [("2023-05-02", "dates", None)]},
               ).save(media / "p0007.png", optimize=True)
    img = picture()
    img.save(media / "p0012.jpg", quality=70)
    pixels.append(Meta("media/p0012.jpg"))
    pixels[-1].size = img.size
    screenshot(["Rx# 4417023  Walgreens", "NGUYEN, THANH", "METFORMIN 500MG TAB", "Take 1 tab twice daily",
                "Dr. P. Raman  Refills: 2"], item="media/p0031.png",
               spans={1: [("NGUYEN, THANH", "names", None)], 2: [("METFORMIN", None, "medication")],
                      4: [("P. Raman", "names", None)]},
               ).save(media / "p0031.png", optimize=True)
    img = picture((80, 80))
    img.save(media / "p0044.jpg", quality=70)
    pixels.append(Meta("media/p0044.jpg"))
    pixels[-1].size = img.size
    write_dicom(media / "ct_head_0001")
    pixels.append(ct_head_meta())
    write_pdf(media / "discharge_summary.pdf", ["Discharge Summary", "Patient: Maria Garcia   DOB 03/04/1961",
                                                 "MRN 00482913", "Diagnosis: type 2 diabetes", "Discharged on metformin 500 mg BID"])
    return pixels


def write_dicom(path: Path) -> None:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian

    root = "1.2.826.0.1.3680043.8.498."  # pydicom's UID root; fixed suffixes keep it deterministic
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = root + "7001.1.1"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = root + "7001.1", root + "7001.1.0"
    ds.Modality, ds.StudyDescription = "CT", "CT HEAD WO CONTRAST"
    ds.PatientName, ds.PatientID, ds.PatientBirthDate, ds.PatientSex = "DOE^JANE", "00482913", "19610304", "F"
    ds.StudyDate, ds.StudyTime, ds.AccessionNumber = "20230502", "101500", "A20230502117"
    ds.InstitutionName, ds.ReferringPhysicianName = "Example General Hospital", "RAMAN^PRIYA"
    ds.Rows = ds.Columns = 64
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    pixels = [int(2000 * max(0.0, 1 - ((x - 32) ** 2 + (y - 32) ** 2) / 900)) for y in range(64) for x in range(64)]
    ds.PixelData = struct.pack(f"<{len(pixels)}H", *pixels)
    ds.save_as(path, enforce_file_format=True)


def write_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF with text lines, written by hand (no producer metadata, no dates)."""
    esc = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for ln in lines]
    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({ln}) '" for ln in esc) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


# ================================================================================================
# Metadata-bearing files: DICOM headers, photo EXIF / XMP / IPTC / PNG text, PDF info; their truth
# ================================================================================================
#
# Field paths are the names the metadata scanners report (data/README.md, "Metadata labels"):
# DICOM `Keyword`, `Sequence[i].Keyword`, private `(gggg,eeee)@CREATOR`; `EXIF:<Tag>`, `XMP:<prefix:name>`,
# `PNG:<chunk>:<keyword>`, `JPEG:COM`, `IPTC:<Name>`; `PDF:<Key>`. A label's offsets index the value's
# text as a reader decodes it; an atomic value (a name, an ID, a date, a UID) is labelled whole.


class Meta:
    """One binary item's truth: metadata labels by field path, and the text burned into its pixels."""

    def __init__(self, item: str) -> None:
        self.item = item
        self.labels: list[Label] = []
        self.size: tuple[int, int] | None = None  # (width, height) of the pixels, for the pixel record
        self.pixel_lines: list[dict] = []  # every drawn line: text, bbox, frame
        self.pixel_labels: list[dict] = []  # the identifying / health strings in them: text, bbox, frame, kind

    def whole(self, field: str, value: str, identifier: str | None = None, health: str | None = None) -> str:
        """Label a whole value (a name, an ID, a date, a UID); returns the value."""
        if identifier or health:
            self.labels.append(Label(field, 0, len(value), identifier, health, value))
        return value

    def doc(self, doc: Doc) -> str:
        """Take a free-text value built piece by piece; returns its text."""
        self.labels.extend(doc.labels)
        return doc.text

    def record(self) -> dict:
        return {"item": self.item, "labels": [lab.record() for lab in self.labels]}

    def pixel_record(self) -> dict:
        return {"item": self.item, "size": list(self.size or (0, 0)), "labels": self.pixel_labels,
                "lines": self.pixel_lines}


def free_text(field: str, pieces: list[Piece | str]) -> Doc:
    """A Doc from literal strings and (text, identifier, health) pieces."""
    doc = Doc(field)
    for piece in pieces:
        if isinstance(piece, str):
            doc.add(piece)
        else:
            doc.add(*piece)
    return doc


def health_term(ctx: Ctx, category: str) -> Piece:
    term = ctx.pick(HEALTH_VOCAB[category])
    return (term, None, category)


def clamp_box(meta: Meta, box) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) cut to the image: the truth is what the pixels hold."""
    width, height = meta.size
    left, top, right, bottom = (round(v) for v in box)
    return max(0, left), max(0, top), min(width, right), min(height, bottom)


def draw_line(meta: Meta, draw, font, xy: tuple[int, int], pieces: list[Piece | str], fill, frame: int = 0) -> None:
    """Draw one line of text piece by piece; record its box and the boxes of its labelled pieces."""
    x, y = xy
    boxes = []
    for piece in pieces:
        text, identifier, health = (piece, None, None) if isinstance(piece, str) else piece
        draw.text((x, y), text, fill=fill, font=font)
        raw = tuple(round(v) for v in draw.textbbox((x, y), text, font=font))
        left, top, right, bottom = clamp_box(meta, raw)
        assert not (identifier or health) or raw == (left, top, right, bottom), f"{text!r} does not fit in {meta.item}"
        if text.strip():
            boxes.append((left, top, right, bottom))
        if identifier or health:
            meta.pixel_labels.append({"frame": frame, "text": text, "identifier": identifier, "health": health,
                                      "bbox": [left, top, right - left, bottom - top]})
        x += round(draw.textlength(text, font=font))
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    line = "".join(p if isinstance(p, str) else p[0] for p in pieces)
    meta.pixel_lines.append({"frame": frame, "text": line, "bbox": [left, top, right - left, bottom - top]})


def text_box_labels(meta: Meta, draw, xy: tuple[int, int], line: str, spans: list[Piece], frame: int = 0) -> None:
    """Record the boxes of a line already drawn in one call (the older screenshots), and of spans in it."""
    x, y = xy
    left, top, right, bottom = clamp_box(meta, draw.textbbox((x, y), line))
    meta.pixel_lines.append({"frame": frame, "text": line, "bbox": [left, top, right - left, bottom - top]})
    for text, identifier, health in spans:
        at = line.index(text)
        sx = x + draw.textlength(line[:at])
        l, t, r, b = clamp_box(meta, draw.textbbox((sx, y), text))
        meta.pixel_labels.append({"frame": frame, "text": text, "identifier": identifier, "health": health,
                                  "bbox": [l, t, r - l, b - t]})


# ------------------------------------------------------------------------------------------------
# DICOM
# ------------------------------------------------------------------------------------------------

UID_ROOT = "1.2.826.0.1.3680043.8.498."  # pydicom's UID root; fixed suffixes keep the files deterministic
MANUFACTURERS = [("ACME Medical", "Imagix 3000", "VA12B"), ("Examplex", "OrthoView DR", "4.2.1"),
                 ("Sonexample", "EchoPro 5", "2.0.7")]


def dicom_date(d: date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def dicom_dataset(meta: Meta, sop_class: str, number: int, modality: str, *, file_meta: bool = True,
                  transfer: str | None = None, frame_of_reference: bool = True, label_uids: bool = True):
    """A dataset with its UIDs (labelled `other_unique_id`) and Modality (labelled `medical_image`, as is
    BodyPartExamined where a file sets it)."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian

    uid = f"{UID_ROOT}{7000 + number}"
    ident = "other_unique_id" if label_uids else None
    ds = Dataset()
    if file_meta:
        fm = FileMetaDataset()
        fm.MediaStorageSOPClassUID = sop_class
        fm.MediaStorageSOPInstanceUID = meta.whole("MediaStorageSOPInstanceUID", f"{uid}.1.1", ident)
        fm.TransferSyntaxUID = transfer or ExplicitVRLittleEndian
        ds.file_meta = fm
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.whole("SOPInstanceUID", f"{uid}.1.1", ident)
    ds.StudyInstanceUID = meta.whole("StudyInstanceUID", f"{uid}.1", ident)
    ds.SeriesInstanceUID = meta.whole("SeriesInstanceUID", f"{uid}.1.0", ident)
    if frame_of_reference:
        ds.FrameOfReferenceUID = meta.whole("FrameOfReferenceUID", f"{uid}.9", ident)
    ds.Modality = meta.whole("Modality", modality, health="medical_image")
    return ds


def dicom_pixels16(ds, size: int = 64, big_endian: bool = False) -> None:
    ds.Rows = ds.Columns = size
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    c = size // 2
    pixels = [int(1800 * max(0.0, 1 - ((x - c) ** 2 + (y - c * 0.9) ** 2) / (c * c * 0.8)))
              for y in range(size) for x in range(size)]
    ds.PixelData = struct.pack(f"{'>' if big_endian else '<'}{len(pixels)}H", *pixels)


def dicom_pixels_from(ds, img) -> None:
    """Pixel Data from a Pillow image (L: 8-bit MONOCHROME2; RGB: 8-bit RGB, interleaved)."""
    ds.Columns, ds.Rows = img.size
    rgb = img.mode == "RGB"
    ds.SamplesPerPixel, ds.PhotometricInterpretation = (3, "RGB") if rgb else (1, "MONOCHROME2")
    if rgb:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = img.tobytes()


def dicom_equipment(ctx: Ctx, ds) -> None:
    """Harmless attributes (never labelled): maker, model, software, body part, technique."""
    ds.Manufacturer, ds.ManufacturerModelName, ds.SoftwareVersions = ctx.pick(MANUFACTURERS[:2])


def patient(ctx: Ctx) -> tuple[str, str]:
    first, last = ctx.person
    return first, last


def dicom_patient(ctx: Ctx, meta: Meta, ds, *, birth: tuple[int, int] = (1940, 2005), folded: bool = True) -> tuple[str, str]:
    first, last = patient(ctx)
    name = dicom_name(ctx, first, last) if folded else f"{last.upper()}^{first.upper()}"
    ds.PatientName = meta.whole("PatientName", name, "names")
    ds.PatientID = meta.whole("PatientID", mrn(ctx), "mrn")
    ds.PatientBirthDate = meta.whole("PatientBirthDate", dicom_date(random_date(ctx, *birth)), "dates")
    ds.PatientSex = ctx.pick(["F", "M"])
    return first, last


def dicom_study(ctx: Ctx, meta: Meta, ds, description: list[Piece | str] | None = None) -> date:
    day = random_date(ctx, 2021, 2024)
    ds.StudyDate = meta.whole("StudyDate", dicom_date(day), "dates")
    ds.StudyTime = f"{ctx.rng.randint(7, 18):02d}{ctx.rng.randrange(60):02d}00"
    ds.AccessionNumber = meta.whole("AccessionNumber", f"A{dicom_date(day)}{ctx.digits(3)}", "account")
    ds.ReferringPhysicianName = meta.whole("ReferringPhysicianName", dicom_name(ctx, ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES)), "names")
    if description is not None:
        ds.StudyDescription = meta.doc(free_text("StudyDescription", description))
    return day


def save_dicom(meta: Meta, ds, path: Path, **kwargs) -> None:
    meta.size = (ds.Columns, ds.Rows)
    ds.save_as(path, enforce_file_format=kwargs.pop("enforce_file_format", True), **kwargs)


def dicom_sequences(out: Path, rng: Random, name: str) -> Meta:
    """(1) Header PHI at the top level and in nested sequences, two levels deep."""
    from pydicom.dataset import Dataset
    from pydicom.sequence import Sequence
    from pydicom.uid import MRImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, MRImageStorage, 2, "MR")
    dicom_patient(ctx, meta, ds)
    day = dicom_study(ctx, meta, ds, [("MRI", None, "procedure"), " BRAIN W WO CONTRAST"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.MagneticFieldStrength = meta.whole("BodyPartExamined", "BRAIN", health="medical_image"), "1.5"
    request = Dataset()
    request.AccessionNumber = meta.whole("RequestAttributesSequence[0].AccessionNumber", ds.AccessionNumber, "account")
    request.RequestedProcedureID = meta.whole("RequestAttributesSequence[0].RequestedProcedureID", "RP" + ctx.digits(7), "other_unique_id")
    request.ScheduledProcedureStepID = meta.whole("RequestAttributesSequence[0].ScheduledProcedureStepID", "SPS" + ctx.digits(6), "other_unique_id")
    request.RequestedProcedureDescription = "BRAIN W WO"
    study_ref = Dataset()
    study_ref.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.3.1"  # Detached Study Management (a class, not an instance)
    study_ref.ReferencedSOPInstanceUID = meta.whole(
        "RequestAttributesSequence[0].ReferencedStudySequence[0].ReferencedSOPInstanceUID", f"{UID_ROOT}7002.5", "other_unique_id")
    request.ReferencedStudySequence = Sequence([study_ref])
    ds.RequestAttributesSequence = Sequence([request])
    patient_ref = Dataset()
    patient_ref.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.1.1"  # Detached Patient Management
    patient_ref.ReferencedSOPInstanceUID = meta.whole("ReferencedPatientSequence[0].ReferencedSOPInstanceUID", f"{UID_ROOT}7002.6", "other_unique_id")
    ds.ReferencedPatientSequence = Sequence([patient_ref])
    others = []
    for i, issuer in enumerate(["EXAMPLE_GH", "EXAMPLE_CLINIC"]):
        other = Dataset()
        other.PatientID = meta.whole(f"OtherPatientIDsSequence[{i}].PatientID", mrn(ctx), "mrn")
        other.IssuerOfPatientID, other.TypeOfPatientID = issuer, "TEXT"
        others.append(other)
    ds.OtherPatientIDsSequence = Sequence(others)
    ds.SeriesDescription, ds.SeriesNumber, ds.InstanceNumber = "AX T2 FLAIR", 3, 1
    ds.SeriesDate = meta.whole("SeriesDate", dicom_date(day), "dates")
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_private(out: Path, rng: Random, name: str) -> Meta:
    """(2) Private tags under a private creator, one a free-text note with a phone number and a name."""
    from pydicom.uid import CTImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, CTImageStorage, 3, "CT")
    dicom_patient(ctx, meta, ds)
    dicom_study(ctx, meta, ds, ["CHEST WO CONTRAST"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.KVP, ds.SliceThickness = meta.whole("BodyPartExamined", "CHEST", health="medical_image"), "120", "1.25"
    notes = ds.private_block(0x0009, "EXAMPLE_NOTES 1.0", create=True)
    notes.add_new(0x10, "LO", meta.whole("(0009,1010)@EXAMPLE_NOTES 1.0", mrn(ctx), "mrn"))
    relative = (ascii_fold(ctx.pick(FIRST_NAMES)), ascii_fold(ctx.person[1]))  # default character set: ASCII
    note = free_text("(0009,1011)@EXAMPLE_NOTES 1.0", [
        "Pt phone ", (phone_number(ctx), "phone", None), "; daughter ", (f"{relative[0]} {relative[1]}", "names", None),
        " will pick up the films. Hx ", health_term(ctx, "condition"), ", on ", health_term(ctx, "medication"), "."])
    notes.add_new(0x11, "LT", meta.doc(note))
    notes.add_new(0x12, "DS", "1.5")
    recon = ds.private_block(0x0019, "ACME_RECON 2", create=True)
    recon.add_new(0x01, "OB", bytes(range(16)))
    recon.add_new(0x02, "US", 512)
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_comments(out: Path, rng: Random, name: str) -> Meta:
    """(3) PatientComments with an SSN and a diagnosis; UTF-8 character set and an accented name."""
    from pydicom.uid import ComputedRadiographyImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ctx.person = ("José", "Núñez")
    ds = dicom_dataset(meta, ComputedRadiographyImageStorage, 4, "CR", frame_of_reference=False)
    ds.SpecificCharacterSet = "ISO_IR 192"
    dicom_patient(ctx, meta, ds, folded=False)
    dicom_study(ctx, meta, ds, ["CHEST 2 VIEWS"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.ViewPosition = meta.whole("BodyPartExamined", "CHEST", health="medical_image"), "PA"
    comments = free_text("PatientComments", [
        "SSN ", (ssn(ctx), "ssn", None), " verified at registration. Known ", health_term(ctx, "condition"),
        "; takes ", health_term(ctx, "medication"), " daily. Emergency contact: ",
        (f"{ctx.pick(FIRST_NAMES)} {ctx.person[1]}", "names", None), "."])
    ds.PatientComments = meta.doc(comments)
    ds.ImageComments = "Upright, good inspiration"
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_deidentified(out: Path, rng: Random, name: str) -> Meta:
    """(4) A properly de-identified file (Basic Profile): a negative for identifiers."""
    from pydicom.dataset import Dataset
    from pydicom.sequence import Sequence
    from pydicom.uid import MRImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, MRImageStorage, 5, "MR", label_uids=False)
    # Replaced UIDs (action U): new 2.25 UIDs, not derived from the originals.
    for keyword, suffix in [("SOPInstanceUID", 1), ("StudyInstanceUID", 2), ("SeriesInstanceUID", 3), ("FrameOfReferenceUID", 4)]:
        setattr(ds, keyword, f"2.25.{int.from_bytes(Random(f'{name}/{suffix}').randbytes(15), 'big')}")
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.PatientName, ds.PatientID = "ANON^0007", "PSEUDO-0007"
    ds.PatientBirthDate = ds.PatientSex = ds.StudyDate = ds.StudyTime = ""  # action Z: present, empty
    ds.AccessionNumber = ds.ReferringPhysicianName = ds.StudyID = ""
    ds.PatientIdentityRemoved = "YES"
    ds.DeidentificationMethod = "Basic Application Confidentiality Profile (PS3.15 E.1.1)"
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = "113100", "DCM", "Basic Application Confidentiality Profile"
    ds.DeidentificationMethodCodeSequence = Sequence([code])
    ds.LongitudinalTemporalInformationModified = "REMOVED"
    ds.BurnedInAnnotation = "NO"
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.SeriesDescription = meta.whole("BodyPartExamined", "KNEE", health="medical_image"), "SAG PD FS"
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_burned_in(out: Path, rng: Random, name: str) -> Meta:
    """(5) BurnedInAnnotation NO over pixels that carry the patient's name, MRN and study date."""
    from PIL import Image, ImageDraw, ImageFont
    from pydicom.uid import ComputedRadiographyImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, ComputedRadiographyImageStorage, 6, "CR", frame_of_reference=False)
    first, last = dicom_patient(ctx, meta, ds)
    day = dicom_study(ctx, meta, ds, ["HAND 3 VIEWS LEFT"])
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.BurnedInAnnotation = meta.whole("BodyPartExamined", "HAND", health="medical_image"), "NO"
    img = Image.new("L", (128, 128), 12)
    meta.size = img.size
    draw, font = ImageDraw.Draw(img), ImageFont.load_default()
    draw.ellipse([34, 30, 94, 120], fill=150)
    draw.rectangle([56, 8, 72, 40], fill=190)
    folded = (ascii_fold(last).upper(), ascii_fold(first).upper())
    draw_line(meta, draw, font, (3, 2), [(f"{folded[0]}, {folded[1]}", "names", None)], 255)
    draw_line(meta, draw, font, (3, 14), ["MRN ", (ds.PatientID, "mrn", None)], 255)
    draw_line(meta, draw, font, (3, 114), [(f"{day.month:02d}/{day.day:02d}/{day.year}", "dates", None)], 255)
    draw_line(meta, draw, font, (116, 114), ["L"], 255)
    meta.size = img.size
    dicom_pixels_from(ds, img)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_ultrasound(out: Path, rng: Random, name: str) -> Meta:
    """(6) An ultrasound-like secondary capture: the identity sits in the top banner of the pixels."""
    from PIL import Image, ImageDraw, ImageFont
    from pydicom.uid import SecondaryCaptureImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, SecondaryCaptureImageStorage, 7, "US", frame_of_reference=False)
    first, last = dicom_patient(ctx, meta, ds, birth=(1980, 2004))
    day = dicom_study(ctx, meta, ds, ["OB ", ("ULTRASOUND", None, "procedure"), " 2ND TRIMESTER"])
    ds.Manufacturer, ds.ManufacturerModelName, ds.SoftwareVersions = MANUFACTURERS[2]
    ds.ImageType, ds.ConversionType, ds.BurnedInAnnotation = ["DERIVED", "SECONDARY"], "WSD", "YES"
    img = Image.new("RGB", (128, 96), (0, 0, 0))
    meta.size = img.size
    draw, font = ImageDraw.Draw(img), ImageFont.load_default()
    draw.pieslice([4, 4, 124, 150], 230, 310, fill=(70, 70, 70))
    draw.ellipse([52, 50, 78, 72], fill=(20, 20, 20))
    draw.rectangle([0, 0, 127, 25], fill=(24, 24, 64))
    banner_id = mrn(ctx)  # the banner shows the clinic's own ID, not the header's PatientID
    draw_line(meta, draw, font, (2, 1), [(f"{ascii_fold(last).upper()}^{ascii_fold(first).upper()}", "names", None)], (255, 255, 255))
    draw_line(meta, draw, font, (2, 12), ["ID ", (banner_id, "mrn", None), " ",
                                           (f"{day.day:02d}.{day.month:02d}.{day.year}", "dates", None)], (255, 255, 0))
    meta.size = img.size
    dicom_pixels_from(ds, img)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_no_preamble(out: Path, rng: Random, name: str) -> Meta:
    """(7a) No preamble, no `DICM`, no file meta, implicit VR little endian, no file extension."""
    from pydicom.uid import ComputedRadiographyImageStorage

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, ComputedRadiographyImageStorage, 8, "CR", file_meta=False, frame_of_reference=False)
    dicom_patient(ctx, meta, ds)
    dicom_study(ctx, meta, ds, ["PELVIS AP"])
    dicom_equipment(ctx, ds)
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name, enforce_file_format=False, implicit_vr=True, little_endian=True)
    return meta


def dicom_big_endian(out: Path, rng: Random, name: str) -> Meta:
    """(7b) Explicit VR big endian (retired, still found in old archives)."""
    from pydicom.uid import CTImageStorage, ExplicitVRBigEndian

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, CTImageStorage, 9, "CT", transfer=ExplicitVRBigEndian)
    dicom_patient(ctx, meta, ds)
    dicom_study(ctx, meta, ds, ["ABDOMEN PELVIS W CONTRAST"])
    ds.OperatorsName = meta.whole("OperatorsName", dicom_name(ctx, ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES)), "names")
    dicom_equipment(ctx, ds)
    dicom_pixels16(ds, big_endian=True)
    save_dicom(meta, ds, out / name)
    return meta


def dicom_demographics(out: Path, rng: Random, name: str) -> Meta:
    """(7c) Age over 89, institution address, physician, device serial, two phone numbers, accession."""
    from pydicom.uid import DigitalXRayImageStorageForPresentation

    ctx, meta = Ctx(rng), Meta(name)
    ds = dicom_dataset(meta, DigitalXRayImageStorageForPresentation, 10, "DX", frame_of_reference=False)
    first, last = patient(ctx)
    day = random_date(ctx, 2022, 2024)
    born = date(day.year - 92, day.month, min(day.day, 28)) - timedelta(days=ctx.rng.randrange(1, 300))
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    assert age == 92, age
    ds.PatientName = meta.whole("PatientName", dicom_name(ctx, first, last), "names")
    ds.PatientID = meta.whole("PatientID", mrn(ctx), "mrn")
    ds.PatientBirthDate = meta.whole("PatientBirthDate", dicom_date(born), "dates")
    ds.PatientAge = meta.whole("PatientAge", f"{age:03d}Y", "dates")
    ds.PatientSex = "F"
    ds.PatientTelephoneNumbers = [phone_number(ctx), phone_number(ctx)]
    meta.doc(free_text("PatientTelephoneNumbers", [(ds.PatientTelephoneNumbers[0], "phone", None), "\\",
                                                   (ds.PatientTelephoneNumbers[1], "phone", None)]))
    ds.StudyDate = meta.whole("StudyDate", dicom_date(day), "dates")
    ds.AccessionNumber = meta.whole("AccessionNumber", ctx.digits(8), "account")
    ds.ReferringPhysicianName = meta.whole("ReferringPhysicianName", dicom_name(ctx, ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES)), "names")
    ds.StudyDescription = "LUMBAR SPINE 2 VIEWS"
    city, st, _, zip3 = ctx.pick(CITIES)
    ds.InstitutionName = "Example Valley Medical Center"  # an institution: not labelled (data/README.md)
    ds.InstitutionAddress = meta.doc(free_text("InstitutionAddress", [
        (street(ctx), "geographic", None), ", ", (city, "geographic", None), f", {st} ", (zip_code(ctx, zip3), "geographic", None)]))
    ds.DeviceSerialNumber = meta.whole("DeviceSerialNumber", f"{ctx.letters(2)}{ctx.digits(6)}", "device")
    dicom_equipment(ctx, ds)
    ds.BodyPartExamined, ds.ImageType = meta.whole("BodyPartExamined", "LSPINE", health="medical_image"), ["ORIGINAL", "PRIMARY"]
    dicom_pixels16(ds)
    save_dicom(meta, ds, out / name)
    return meta


DICOM_WRITERS = [
    ("dicom/mr_brain_0002.dcm", dicom_sequences),
    ("dicom/ct_chest_private_0003.dcm", dicom_private),
    ("dicom/cr_chest_comments_0004.dcm", dicom_comments),
    ("dicom/mr_knee_deid_0005.dcm", dicom_deidentified),
    ("dicom/cr_hand_burned_0006.dcm", dicom_burned_in),
    ("dicom/us_sc_0007.dcm", dicom_ultrasound),
    ("dicom/IM000008", dicom_no_preamble),
    ("dicom/ct_bigendian_0009.dcm", dicom_big_endian),
    ("dicom/dx_spine_0010.dcm", dicom_demographics),
]


def ct_head_meta() -> Meta:
    """The header truth of media/ct_head_0001 (written by write_dicom, its bytes unchanged)."""
    meta = Meta("media/ct_head_0001")
    uid = UID_ROOT + "7001"
    meta.whole("MediaStorageSOPInstanceUID", uid + ".1.1", "other_unique_id")
    meta.whole("SOPInstanceUID", uid + ".1.1", "other_unique_id")
    meta.whole("StudyInstanceUID", uid + ".1", "other_unique_id")
    meta.whole("SeriesInstanceUID", uid + ".1.0", "other_unique_id")
    meta.whole("Modality", "CT", health="medical_image")
    meta.whole("PatientName", "DOE^JANE", "names")
    meta.whole("PatientID", "00482913", "mrn")
    meta.whole("PatientBirthDate", "19610304", "dates")
    meta.whole("StudyDate", "20230502", "dates")
    meta.whole("AccessionNumber", "A20230502117", "account")
    meta.whole("ReferringPhysicianName", "RAMAN^PRIYA", "names")
    meta.size = (64, 64)
    return meta


# ------------------------------------------------------------------------------------------------
# Photos: EXIF written by hand (exact TIFF types), XMP / IPTC / COM segments spliced into the JPEG
# ------------------------------------------------------------------------------------------------

BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED = 1, 2, 3, 4, 5, 7
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
TagValue = tuple[int, int, object]  # (tag, TIFF type, value)


def _tiff_value(endian: str, typ: int, value) -> tuple[int, bytes]:
    """(count, bytes) of one IFD entry's value."""
    if typ == ASCII:
        data = value.encode("ascii") + b"\0"
        return len(data), data
    if typ in (BYTE, UNDEFINED):
        return len(value), bytes(value)
    if typ == SHORT:
        return len(value), struct.pack(f"{endian}{len(value)}H", *value)
    if typ == LONG:
        return len(value), struct.pack(f"{endian}{len(value)}I", *value)
    if typ == RATIONAL:
        return len(value), b"".join(struct.pack(f"{endian}II", n, d) for n, d in value)
    raise ValueError(typ)


def tiff_exif(ifd0: list[TagValue], exif: list[TagValue] = (), gps: list[TagValue] = (), *, big_endian: bool = False) -> bytes:
    """A TIFF structure for an EXIF block: IFD0, then the Exif and GPS sub-IFDs; types exactly as given."""
    endian = ">" if big_endian else "<"
    ifds = [list(ifd0)]
    names = ["0"]
    for tag, entries in ((EXIF_IFD, exif), (GPS_IFD, gps)):
        if entries:
            ifds[0].append((tag, LONG, [0]))  # patched below
            ifds.append(list(entries))
            names.append(tag)
    encoded = [[(tag, typ, *_tiff_value(endian, typ, value)) for tag, typ, value in sorted(ifd, key=lambda e: e[0])] for ifd in ifds]

    def size(entries) -> int:
        return 2 + 12 * len(entries) + 4 + sum(len(d) + len(d) % 2 for *_, d in entries if len(d) > 4)

    offsets, at = [], 8
    for entries in encoded:
        offsets.append(at)
        at += size(entries)
    pointer = {name: offsets[i] for i, name in enumerate(names)}
    out = bytearray(b"MM\x00*" if big_endian else b"II*\x00") + struct.pack(f"{endian}I", 8)
    for entries, start in zip(encoded, offsets):
        data_at = start + 2 + 12 * len(entries) + 4
        table, data = bytearray(struct.pack(f"{endian}H", len(entries))), bytearray()
        for tag, typ, count, payload in entries:
            if tag in pointer:
                payload = struct.pack(f"{endian}I", pointer[tag])
            if len(payload) > 4:
                table += struct.pack(f"{endian}HHII", tag, typ, count, data_at + len(data))
                data += payload + b"\0" * (len(payload) % 2)
            else:
                table += struct.pack(f"{endian}HHI", tag, typ, count) + payload.ljust(4, b"\0")
        out += table + b"\0\0\0\0" + data
    return bytes(out)


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg_with(jpeg: bytes, segments: list[bytes]) -> bytes:
    """Insert segments after SOI and the JFIF APP0 (where cameras and editors put theirs)."""
    at = 2
    while jpeg[at:at + 2] == b"\xff\xe0":
        at += 2 + int.from_bytes(jpeg[at + 2:at + 4], "big")
    return jpeg[:at] + b"".join(segments) + jpeg[at:]


def exif_segment(tiff: bytes) -> bytes:
    return jpeg_segment(0xE1, b"Exif\0\0" + tiff)


def xmp_segment(xml: str) -> bytes:
    return jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + xml.encode("utf-8"))


def iptc_segment(datasets: list[tuple[int, str]]) -> bytes:
    """APP13 `Photoshop 3.0` with one 8BIM 0x0404 resource holding IPTC IIM record 2 datasets."""
    iim = b"\x1c\x02\x00\x00\x02\x00\x04"  # 2:00 Record Version = 4
    for number, text in datasets:
        value = text.encode("ascii")
        iim += b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(value)) + value
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(iim)) + iim + b"\0" * (len(iim) % 2)
    return jpeg_segment(0xED, b"Photoshop 3.0\0" + resource)


IPTC_NAMES = {80: "By-line", 90: "City", 101: "Country-PrimaryLocationName", 120: "Caption-Abstract", 25: "Keywords"}


def photo(rng: Random, size: tuple[int, int] = (64, 48)):
    """A small Pillow-drawn picture without any text in it."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    top, bottom = [rng.randrange(256) for _ in range(3)], [rng.randrange(256) for _ in range(3)]
    for y in range(size[1]):
        t = y / (size[1] - 1)
        draw.line([0, y, size[0], y], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(3):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randint(4, 12)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    return img


def jpeg_bytes(img, **kwargs) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=75, **kwargs)
    return buf.getvalue()


def exif_datetime(ctx: Ctx) -> tuple[str, date]:
    day = random_date(ctx, 2021, 2024)
    return f"{day.year:04d}:{day.month:02d}:{day.day:02d} {ctx.rng.randrange(24):02d}:{ctx.rng.randrange(60):02d}:{ctx.rng.randrange(60):02d}", day


def gps_rationals(value: float) -> list[tuple[int, int]]:
    """Degrees, minutes, seconds as EXIF rationals (seconds in hundredths)."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
    return [(degrees, 1), (minutes, 1), (seconds, 100)]


def gps_decimal(dms: list[tuple[int, int]], ref: str) -> float:
    degrees, minutes, seconds = (n / d for n, d in dms)
    value = degrees + minutes / 60 + seconds / 3600
    return -value if ref in ("S", "W") else value


def gps_text(lat: float, lon: float) -> str:
    """The text a GPS label stands for: decimal degrees, 6 places, `lat,lon` (see data/README.md)."""
    return f"{lat:.6f},{lon:.6f}"


# Rough centres of a few of the cities above (public knowledge), jittered per photo.
CITY_COORDS = {"Tulsa": (36.154, -95.993), "Boise": (43.615, -116.202), "Fresno": (36.738, -119.787),
               "Duluth": (46.787, -92.101), "Eugene": (44.052, -123.087), "Chattanooga": (35.046, -85.309)}


def gps_entries(ctx: Ctx, meta: Meta) -> list[TagValue]:
    city = ctx.pick(sorted(CITY_COORDS))
    lat0, lon0 = CITY_COORDS[city]
    lat, lon = lat0 + ctx.rng.uniform(-0.03, 0.03), lon0 + ctx.rng.uniform(-0.03, 0.03)
    lat_dms, lon_dms = gps_rationals(lat), gps_rationals(lon)
    meta.whole("EXIF:GPSPosition", gps_text(gps_decimal(lat_dms, "N"), gps_decimal(lon_dms, "W")), "geographic")
    return [(0x0000, BYTE, b"\x02\x03\x00\x00"), (0x0001, ASCII, "N"), (0x0002, RATIONAL, lat_dms),
            (0x0003, ASCII, "W"), (0x0004, RATIONAL, lon_dms), (0x0005, BYTE, b"\x00"),
            (0x0006, RATIONAL, [(ctx.rng.randint(1000, 60000), 100)])]


HARMLESS_IFD0 = [(0x010F, ASCII, "Apple"), (0x0110, ASCII, "iPhone 12"), (0x0112, SHORT, [1]),
                 (0x011A, RATIONAL, [(72, 1)]), (0x011B, RATIONAL, [(72, 1)]), (0x0128, SHORT, [2]),
                 (0x0131, ASCII, "16.6.1")]
HARMLESS_EXIF = [(0x829A, RATIONAL, [(1, 120)]), (0x829D, RATIONAL, [(16, 10)]), (0x8827, SHORT, [64]),
                 (0x9000, UNDEFINED, b"0232"), (0xA002, LONG, [64]), (0xA003, LONG, [48])]


def photo_gps(out: Path, rng: Random, name: str) -> Meta:
    """GPS position, capture dates, body and lens serial numbers; harmless make/model around them."""
    ctx, meta = Ctx(rng), Meta(name)
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    meta.labels.append(Label("EXIF:DateTimeDigitized", 0, 10, "dates", None, taken[:10]))
    exif = HARMLESS_EXIF + [(0x9003, ASCII, taken), (0x9004, ASCII, taken),
                            (0xA431, ASCII, meta.whole("EXIF:BodySerialNumber", ctx.digits(12), "device")),
                            (0xA435, ASCII, meta.whole("EXIF:LensSerialNumber", f"{ctx.letters(2)}{ctx.digits(7)}", "device"))]
    tiff = tiff_exif(HARMLESS_IFD0, exif, gps_entries(ctx, meta))
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff)]))
    meta.size = img.size
    return meta


def photo_people(out: Path, rng: Random, name: str) -> Meta:
    """Artist, Copyright, CameraOwnerName, ImageDescription, UserComment (ASCII), XPComment, XPAuthor (big-endian EXIF)."""
    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    folded = f"{ascii_fold(first)} {ascii_fold(last)}"
    relative = f"{ascii_fold(ctx.pick(FIRST_NAMES))} {ascii_fold(last)}"
    description = meta.doc(free_text("EXIF:ImageDescription", [
        (relative, "names", None), " at ", ("Boise", "geographic", None), " after her ", health_term(ctx, "procedure")]))
    comment = free_text("EXIF:UserComment", [  # ASCII charset: the name's letters folded
        (ascii_fold(first), "names", None), " two weeks into ", health_term(ctx, "medication"), " for her ",
        health_term(ctx, "condition")])
    meta.doc(comment)
    xp_comment = meta.doc(free_text("EXIF:XPComment", [
        "Für ", (f"{first} {last}", "names", None), " – ", (phone_number(ctx), "phone", None)]))
    ifd0 = [(0x010F, ASCII, "NIKON CORPORATION"), (0x0110, ASCII, "NIKON D3500"),
            (0x010E, ASCII, description),
            (0x013B, ASCII, meta.whole("EXIF:Artist", folded, "names")),
            (0x8298, ASCII, "Copyright " + folded),
            (0x9C9C, BYTE, xp_comment.encode("utf-16-le") + b"\0\0"),
            (0x9C9D, BYTE, meta.whole("EXIF:XPAuthor", f"{first} {last}", "names").encode("utf-16-le") + b"\0\0")]
    meta.labels.append(Label("EXIF:Copyright", 10, 10 + len(folded), "names", None, folded))
    exif = [(0x9286, UNDEFINED, b"ASCII\0\0\0" + comment.text.encode("ascii")),
            (0xA430, ASCII, meta.whole("EXIF:CameraOwnerName", folded, "names"))]
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff_exif(ifd0, exif, big_endian=True))]))
    meta.size = img.size
    return meta


def photo_png_text(out: Path, rng: Random, name: str) -> Meta:
    """PNG tEXt / iTXt / zTXt chunks (a phone number and names in them) and an eXIf chunk."""
    from PIL.PngImagePlugin import PngInfo

    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    info = PngInfo()
    info.add_text("Software", "GIMP 2.10.34")
    info.add_text("Comment", meta.doc(free_text("PNG:tEXt:Comment", [
        "call ", (ascii_fold(f"{first} {last}"), "names", None), " back at ", (phone_number(ctx), "phone", None),
        " about the ", health_term(ctx, "lab_test")])))
    info.add_itxt("Description", meta.doc(free_text("PNG:iTXt:Description", [
        "Résultats de ", (f"{first} {last}", "names", None), ", ", health_term(ctx, "condition")])), lang="fr", tkey="Description")
    info.add_text("Author", meta.whole("PNG:zTXt:Author", ascii_fold(f"{ctx.pick(FIRST_NAMES)} {last}"), "names"), zip=True)
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    tiff = tiff_exif([(0x0131, ASCII, "GIMP 2.10.34")], [(0x9003, ASCII, taken)])
    img = photo(rng)
    img.save(out / name, pnginfo=info, exif=b"Exif\0\0" + tiff)
    meta.size = img.size
    return meta


def photo_comment(out: Path, rng: Random, name: str) -> Meta:
    """A JPEG COM comment segment."""
    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    comment = meta.doc(free_text("JPEG:COM", [
        "for Dr. ", (ascii_fold(last), "names", None), ": rash since ", (f"{ctx.rng.randint(1, 12)}/{ctx.rng.randint(1, 28)}", "dates", None),
        ", MRN ", (mrn(ctx), "mrn", None)]))
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [jpeg_segment(0xFE, comment.encode("ascii"))]))
    meta.size = img.size
    return meta


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def photo_xmp_iptc(out: Path, rng: Random, name: str) -> Meta:
    """An XMP packet (dc:creator, photoshop:City, dc:description) and IPTC IIM (APP13) in one JPEG."""
    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    city = ctx.pick(CITIES)[0]
    creator = meta.whole("XMP:dc:creator", f"{first} {last}", "names")
    xmp_city = meta.whole("XMP:photoshop:City", city, "geographic")
    description = meta.doc(free_text("XMP:dc:description", [
        "Day 3 of ", health_term(ctx, "procedure"), " — ", (first, "names", None), " is tired but smiling"]))
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmp:CreatorTool="Adobe Photoshop Lightroom Classic 12.4">\n'
        f'   <dc:creator><rdf:Seq><rdf:li>{xml_escape(creator)}</rdf:li></rdf:Seq></dc:creator>\n'
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(description)}</rdf:li></rdf:Alt></dc:description>\n'
        f'   <photoshop:City>{xml_escape(xmp_city)}</photoshop:City>\n'
        '   <photoshop:Country>USA</photoshop:Country>\n'
        '  </rdf:Description>\n'
        ' </rdf:RDF>\n'
        '</x:xmpmeta>\n'
        '<?xpacket end="w"?>')
    byline = meta.whole("IPTC:By-line", ascii_fold(f"{first} {last}"), "names")
    iptc_city = meta.whole("IPTC:City", ascii_fold(city), "geographic")
    caption = meta.doc(free_text("IPTC:Caption-Abstract", [
        (ascii_fold(first), "names", None), " home from ", health_term(ctx, "procedure"), ", ",
        (f"{MONTHS[ctx.rng.randrange(12)]} {ctx.rng.randint(1, 28)}", "dates", None)]))
    iptc = iptc_segment([(80, byline), (90, iptc_city), (101, "USA"), (120, ascii_fold(caption))])
    assert ascii_fold(caption) == caption
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [xmp_segment(xml), iptc]))
    meta.size = img.size
    return meta


def photo_webp(out: Path, rng: Random, name: str) -> Meta:
    """A WebP with EXIF: GPS and a UserComment in the UNICODE charset (UTF-16, the TIFF's byte order)."""
    ctx, meta = Ctx(rng), Meta(name)
    first, _ = ctx.person
    comment = meta.doc(free_text("EXIF:UserComment", [
        (first, "names", None), "’s first ", health_term(ctx, "procedure"), " 🙏"]))
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    tiff = tiff_exif(HARMLESS_IFD0, [(0x9003, ASCII, taken), (0x9286, UNDEFINED, b"UNICODE\0" + comment.encode("utf-16-le"))],
                     gps_entries(ctx, meta))
    img = photo(rng)
    img.save(out / name, "WEBP", lossless=True, exif=b"Exif\0\0" + tiff)
    meta.size = img.size
    return meta


def photo_bad_gps(out: Path, rng: Random, name: str) -> Meta:
    """A GPS IFD whose rationals all have zero denominators (no position; not labelled) — must not crash."""
    ctx, meta = Ctx(rng), Meta(name)
    taken, _ = exif_datetime(ctx)
    meta.labels.append(Label("EXIF:DateTimeOriginal", 0, 10, "dates", None, taken[:10]))
    gps = [(0x0001, ASCII, "N"), (0x0002, RATIONAL, [(36, 0), (9, 0), (1443, 0)]), (0x0003, ASCII, "W"),
           (0x0004, RATIONAL, [(95, 0), (59, 0), (0, 0)]), (0x0006, RATIONAL, [(0, 0)])]
    tiff = tiff_exif(HARMLESS_IFD0, [(0x9003, ASCII, taken)], gps)
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff)]))
    meta.size = img.size
    return meta


def photo_harmless(out: Path, rng: Random, name: str) -> Meta:
    """Only harmless EXIF (make, model, software, resolution, exposure): a negative."""
    meta = Meta(name)
    img = photo(rng)
    (out / name).write_bytes(jpeg_with(jpeg_bytes(img), [exif_segment(tiff_exif(HARMLESS_IFD0, HARMLESS_EXIF))]))
    meta.size = img.size
    return meta


PHOTO_WRITERS = [
    ("photos/IMG_4127.jpg", photo_gps),
    ("photos/DSC_1093.jpg", photo_people),
    ("photos/lab_printout.png", photo_png_text),
    ("photos/IMG_0415.jpg", photo_comment),
    ("photos/IMG_0420.jpg", photo_xmp_iptc),
    ("photos/IMG_0430.webp", photo_webp),
    ("photos/IMG_0433.jpg", photo_bad_gps),
    ("photos/harmless_exif.jpg", photo_harmless),
]


# ------------------------------------------------------------------------------------------------
# PDF document information
# ------------------------------------------------------------------------------------------------


def pdf_metadata(out: Path, rng: Random, name: str) -> Meta:
    """A one-page PDF (blank page) whose document information carries the identity (pypdf; no dates, no ID)."""
    from pypdf import PdfWriter

    ctx, meta = Ctx(rng), Meta(name)
    first, last = ctx.person
    doctor = (ctx.pick(FIRST_NAMES), ctx.pick(LAST_NAMES))
    born = random_date(ctx, 1945, 2000)
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_metadata({
        "/Author": meta.whole("PDF:Author", f"{doctor[0]} {doctor[1]}", "names"),
        "/Title": meta.doc(free_text("PDF:Title", ["Referral - ", (f"{first} {last}", "names", None)])),
        "/Subject": meta.doc(free_text("PDF:Subject", [
            (f"{first} {last}", "names", None), ", DOB ", (f"{born.month:02d}/{born.day:02d}/{born.year}", "dates", None),
            ": follow-up for ", health_term(ctx, "condition")])),
        "/Keywords": meta.doc(free_text("PDF:Keywords", [
            health_term(ctx, "lab_test"), ", ", health_term(ctx, "medication"), ", MRN ", (mrn(ctx), "mrn", None)])),
        "/Creator": "Microsoft Word for Microsoft 365",
    })
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    with open(out / name, "wb") as fh:
        writer.write(fh)
    return meta


# ------------------------------------------------------------------------------------------------
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
    photo = cv2.warpPerspective(np.asarray(screen, np.float32), matrix, size, dst=photo, flags=cv2.INTER_AREA,
                                borderMode=cv2.BORDER_TRANSPARENT)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    photo *= (1 + moire * np.sin(2 * np.pi * (xx * 0.23 + yy * 0.11)))[..., None]  # the screen's grid beating with the sensor's
    photo = cv2.GaussianBlur(photo, (0, 0), blur) + g.normal(0, 3, photo.shape)
    map_boxes(meta, matrix, size)
    from PIL import Image

    return Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))


def lab_screen(ctx: Ctx, meta: Meta, size: tuple[int, int], *, dark: bool, portal: str, text_px: int, tests: int = 3,
               address: bool = False):
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
        rows.append([(street(ctx), "geographic", None), ", ", (city, "geographic", None), f", {st} ", (zip_code(ctx, zip3), "geographic", None)])
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
    img = lab_screen(ctx, meta, (440, 250), dark=dark, portal=ctx.pick(["MyChart", "FollowMyHealth", "Patient Portal"]),
                     text_px=13, address=not dark)
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
    qr = Image.fromarray(np.asarray(zxingcpp.write_barcode(zxingcpp.BarcodeFormat.QRCode, f"{name_text}\nMRN: {record}\nDOB: {dob}", quiet_zone=2)))
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


def burned_text(array, meta: Meta, lines: list[tuple[tuple[int, int], list[Piece | str]]], value: int, size: int = 11,
                frame: int = 0) -> None:
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
    first, last = dicom_patient(ctx, meta, ds)
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
    burned_text(stored, meta, [
        ((3, 2), [(str(ds.PatientName), "names", None)]),
        ((3, 15), ["ID: ", (ds.PatientID, "mrn", None)]),
        ((3, 28), ["DOB: ", (f"{born.day:02d}-{MONTHS[born.month - 1][:3].upper()}-{born.year}", "dates", None)]),
        ((150, 2), ["Example General"]),
        ((170, 15), [(day.isoformat(), "dates", None)]),
        ((3, 242), ["kV 120  mA 250"]),
        ((190, 242), ["W 400 L 40"]),
    ], 3071 + 1024)
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
    burned_text(stored, meta, [
        ((4, 3), [(f"{ascii_fold(last).upper()}, {ascii_fold(first).upper()}", "names", None)]),
        ((4, 17), ["DOB ", (f"{born.month:02d}/{born.day:02d}/{born.year}", "dates", None)]),
        ((4, 31), ["Acc ", (ds.AccessionNumber, "account", None)]),
        ((168, 3), [(f"{day.month:02d}/{day.day:02d}/{day.year}", "dates", None)]),
        ((222, 268), ["R"]),
    ], 0)
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
            draw_line(meta, draw, f, (3, 14), ["ID ", (banner_id, "mrn", None), "  ", (f"{day.day:02d}.{day.month:02d}.{day.year}", "dates", None)], (255, 255, 0))
            draw_line(meta, draw, f, (128, 2), ["MI 0.9 TIS 0.4"], (255, 255, 255))
        else:
            draw.text((3, 2), f"{ascii_fold(last).upper()}^{ascii_fold(first).upper()}", fill=(255, 255, 255), font=f)
            draw.text((3, 14), f"ID {banner_id}  {day.day:02d}.{day.month:02d}.{day.year}", fill=(255, 255, 0), font=f)
            draw.text((128, 2), "MI 0.9 TIS 0.4", fill=(255, 255, 255), font=f)
        if index == 2:
            draw_line(meta, draw, f, (3, 136), ["Sonographer: ", (f"{sonographer[0]} {sonographer[1]}", "names", None)], (255, 255, 255), frame=2)
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
# Re-reading what was written: every label is checked against the file as a reader decodes it.
# ================================================================================================


def read_back(out: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """(locator, {field: text}) for every text item on disk, in labels.jsonl order."""
    bad = 0
    with open(out / "posts.jsonl", encoding="utf-8", newline="") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                bad += 1
                continue
            yield f"posts.jsonl#{rec['id']}", {"text": rec["text"]}
    assert bad == 1, f"{bad} malformed lines in posts.jsonl"
    for rec in json.loads((out / "posts.json").read_text(encoding="utf-8")):
        yield f"posts.json#{rec['id']}", {"text": rec["text"]}
    js = (out / "x-archive/data/tweets.js").read_text(encoding="utf-8")
    for entry in json.loads(js[js.index("=") + 1:]):
        yield f"x-archive/data/tweets.js#{entry['tweet']['id_str']}", {"full_text": entry["tweet"]["full_text"]}
    for child in json.loads((out / "reddit.json").read_text(encoding="utf-8"))["data"]["children"]:
        d = child["data"]
        fields = {"title": d["title"], "selftext": d["selftext"]} if child["kind"] == "t3" else {"body": d["body"]}
        yield f"reddit.json#{d['id']}", fields
    encodings = {"discharge_summary_win.txt": "utf-16", "referral_latin1.txt": "latin-1",
                 "pasted_portal_message.txt": "utf-8-sig"}
    for path in sorted((out / "notes").iterdir(), key=lambda p: NOTE_ORDER.index(p.name)):
        yield f"notes/{path.name}", {"text": path.read_bytes().decode(encodings.get(path.name, "utf-8"))}
    with open(out / "notes.csv", encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), 1):
            yield f"notes.csv#row-{number}", {"text": row["text"]}
    with zipfile.ZipFile(out / "bundle.zip") as zf:
        for name in ("visit_note.txt", "notes/referral.txt", "caregiver_update.txt"):
            yield f"bundle.zip!{name}", {"text": zf.read(name).decode("utf-8")}
        for line in zf.read("posts_small.jsonl").decode("utf-8").splitlines():
            rec = json.loads(line)
            yield f"bundle.zip!posts_small.jsonl#{rec['id']}", {"text": rec["text"]}


# Metadata read back the way a scanner would: pydicom, Pillow, a PNG chunk walk, ElementTree, pypdf.

XMP_PREFIXES = {"http://purl.org/dc/elements/1.1/": "dc", "http://ns.adobe.com/photoshop/1.0/": "photoshop",
                "http://ns.adobe.com/xap/1.0/": "xmp", "http://ns.adobe.com/exif/1.0/": "exif"}
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


def dicom_value_text(value) -> str | None:
    """A DICOM value as the scanners report it: str(), multiple values joined by a backslash."""
    from pydicom.multival import MultiValue

    if value is None or isinstance(value, (bytes, bytearray)):
        return None
    if isinstance(value, (MultiValue, list, tuple)):
        return "\\".join(str(v) for v in value)
    return str(value)


def dicom_fields(ds, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(field path, value text) for every element: keywords, `Seq[i].Keyword`, private `(gggg,eeee)@CREATOR`."""
    for elem in ds:
        key = elem.keyword if elem.keyword and not elem.tag.is_private else f"({elem.tag.group:04X},{elem.tag.element:04X})"
        if elem.tag.is_private and elem.tag.element > 0xFF:  # a private element is named with its creator
            creator = ds.get((elem.tag.group << 16) | (elem.tag.element >> 8))
            key += f"@{creator.value if creator is not None else '?'}"
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                yield from dicom_fields(item, f"{prefix}{key}[{i}].")
            continue
        text = dicom_value_text(elem.value)
        if text is not None:
            yield prefix + key, text


def exif_fields(exif) -> Iterator[tuple[str, str]]:
    from PIL import ExifTags

    for tag, value in [*exif.items(), *exif.get_ifd(EXIF_IFD).items()]:
        name = ExifTags.TAGS.get(tag, f"0x{tag:04X}")
        if tag in (EXIF_IFD, GPS_IFD):
            continue
        if name == "UserComment":
            codec = {b"ASCII\0\0\0": "ascii", b"UNICODE\0": "utf-16-be" if exif.endian == ">" else "utf-16-le"}[value[:8]]
            yield f"EXIF:{name}", value[8:].decode(codec)
        elif name.startswith("XP"):
            yield f"EXIF:{name}", bytes(value).decode("utf-16-le").rstrip("\0")
        elif isinstance(value, str):
            yield f"EXIF:{name}", value
    gps = exif.get_ifd(GPS_IFD)
    if gps:
        try:
            lat = gps_decimal([(float(v), 1) for v in gps[2]], gps[1])
            lon = gps_decimal([(float(v), 1) for v in gps[4]], gps[3])
        except (KeyError, ZeroDivisionError):
            return
        if lat == lat and lon == lon:  # zero denominators read as NaN: no position
            yield "EXIF:GPSPosition", gps_text(lat, lon)


def png_text_fields(data: bytes) -> Iterator[tuple[str, str]]:
    import zlib

    at = 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        at += 12 + length
        kind = kind.decode("ascii")
        if kind in ("tEXt", "zTXt", "iTXt"):
            keyword, rest = body.split(b"\0", 1)
            if kind == "tEXt":
                text = rest.decode("latin-1")
            elif kind == "zTXt":
                text = zlib.decompress(rest[1:]).decode("latin-1")
            else:
                compressed, _method, rest = rest[0], rest[1], rest[2:]
                _lang, _tkey, raw = rest.split(b"\0", 2)
                text = (zlib.decompress(raw) if compressed else raw).decode("utf-8")
            yield f"PNG:{kind}:{keyword.decode('latin-1')}", text


def xmp_fields(packet: bytes) -> Iterator[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(packet.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    for desc in root.iter(f"{RDF}Description"):
        for qname, value in desc.attrib.items():
            if qname.startswith("{") and not qname.startswith(RDF):
                ns, local = qname[1:].split("}")
                yield f"XMP:{XMP_PREFIXES[ns]}:{local}", value
        for child in desc:
            ns, local = child.tag[1:].split("}")
            items = [li.text or "" for li in child.iter(f"{RDF}li")]
            yield f"XMP:{XMP_PREFIXES[ns]}:{local}", "; ".join(items) if items else (child.text or "")


def read_metadata(path: Path) -> dict[str, str]:
    """{field path: value text} of one binary item, decoded as the metadata scanners do."""
    data = path.read_bytes()
    if data.startswith(b"%PDF-"):
        from pypdf import PdfReader

        return {f"PDF:{key.lstrip('/')}": str(value) for key, value in (PdfReader(path).metadata or {}).items()}
    if data[128:132] == b"DICM" or data[:2] in (b"\x02\x00", b"\x08\x00"):
        import pydicom

        ds = pydicom.dcmread(path, force=True, stop_before_pixels=True)
        meta_fields = dict(dicom_fields(ds.file_meta)) if ds.get("file_meta") is not None or hasattr(ds, "file_meta") else {}
        return {**meta_fields, **dict(dicom_fields(ds))}
    from PIL import Image, IptcImagePlugin

    with Image.open(path) as im:
        fields = dict(exif_fields(im.getexif()))
        if im.format == "PNG":
            fields.update(png_text_fields(data))
        if "xmp" in im.info:
            fields.update(xmp_fields(im.info["xmp"]))
        if "comment" in im.info:
            fields["JPEG:COM"] = im.info["comment"].decode("utf-8")
        for (record, number), value in (IptcImagePlugin.getiptcinfo(im) or {}).items():
            if record == 2 and number:
                fields[f"IPTC:{IPTC_NAMES[number]}"] = value.decode("utf-8")
    return fields


NOTE_ORDER = ["visit_note_cardiology.txt", "caregiver_log.txt", "pasted_portal_message.txt",
              "discharge_summary_win.txt", "referral_latin1.txt", "health_journal.md", "todo.txt",
              "radiology_export.txt"]


def labels_path(out: Path) -> Path:
    """The truth lives beside the corpus, not in it: a scan of the corpus must not read its own answers."""
    return out.with_name(out.name + ".labels.jsonl")


def pixel_labels_path(out: Path) -> Path:
    """Burned-in text truth, beside the corpus too, apart from the metadata/text truth."""
    return out.with_name(out.name + ".pixel-labels.jsonl")


METADATA_FOLDERS = ("dicom", "photos", "documents")


def verify(out: Path) -> None:
    with open(labels_path(out), encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    texts = list(read_back(out))
    binary = sorted(["media/ct_head_0001"] + [p.relative_to(out).as_posix() for folder in METADATA_FOLDERS
                                              for p in (out / folder).rglob("*") if p.is_file()])
    assert len(records) == len(texts) + len(binary), (len(records), len(texts), len(binary))
    assert sorted(rec["item"] for rec in records[len(texts):]) == binary
    read = [*texts, *((rec["item"], read_metadata(out / rec["item"])) for rec in records[len(texts):])]
    for (locator, fields), rec in zip(read, records, strict=True):
        assert rec["item"] == locator, (rec["item"], locator)
        for lab in rec["labels"]:
            assert fields[lab["field"]][lab["start"]:lab["end"]] == lab["text"], (locator, lab, fields.get(lab["field"]))
            assert (lab["identifier"] is None) != (lab["health"] is None), (locator, lab)
            assert lab["end"] > lab["start"], (locator, lab)
    from PIL import Image, ImageOps

    with open(pixel_labels_path(out), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            width, height = rec["size"]
            if not rec["item"].startswith(("dicom/", "media/ct_head")):
                with Image.open(out / rec["item"]) as im:
                    assert ImageOps.exif_transpose(im).size == (width, height), rec["item"]
            for box in [*rec["labels"], *rec["lines"]]:
                x, y, w, h = box["bbox"]
                assert 0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= width and y + h <= height, (rec["item"], box)
            for lab in rec["labels"]:  # a code or a face (`<QR code>`, `<face>`) is no drawn line
                assert lab["text"].startswith("<") or any(lab["text"] in ln["text"] for ln in rec["lines"]), (rec["item"], lab)


# ================================================================================================
# Main
# ================================================================================================

WRITERS = [  # (output file, writer); each gets Random(f"{seed}/{file}")
    ("posts.jsonl", write_posts_jsonl),
    ("posts.json", write_posts_json),
    ("x-archive/data/tweets.js", write_tweets),
    ("reddit.json", write_reddit),
    ("notes/", write_notes),
    ("notes.csv", write_notes_csv),
    ("bundle.zip", write_bundle),
]


def generate(out: Path, seed: int, posts: int) -> dict:
    if out.exists() and any(out.iterdir()):
        if not labels_path(out).is_file():  # never wipe a folder this script did not write
            raise SystemExit(f"{out} is not empty and has no {labels_path(out).name} beside it; refusing to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    items_per_file: Counter = Counter()
    per_identifier: Counter = Counter()
    per_health: Counter = Counter()
    meta_items: Counter = Counter()
    meta_identifier: Counter = Counter()
    meta_health: Counter = Counter()
    no_ident = 0
    with open(labels_path(out), "w", encoding="utf-8", newline="\n") as labels:
        for name, writer in WRITERS:
            rng = Random(f"{seed}/{name}")
            args = (posts,) if writer is write_posts_jsonl else ()
            for item in writer(out, rng, *args):
                rec = item.labels_record()
                labels.write(json.dumps(rec, ensure_ascii=False) + "\n")
                items_per_file[name] += 1
                idents = [lab["identifier"] for lab in rec["labels"] if lab["identifier"]]
                per_identifier.update(idents)
                per_health.update(lab["health"] for lab in rec["labels"] if lab["health"])
                no_ident += not idents
        # Metadata truth after the text truth, so the text records (and their scores) stay as they were.
        pixels = write_media(out, Random(f"{seed}/media"))
        metas = [pixels[-1]]  # media/ct_head_0001's header
        for meta in write_metadata_items(out, seed):
            metas.append(meta)
            pixels.append(meta)
        pixels.extend(write_pixel_images(out, seed))
        for meta in metas:
            labels.write(json.dumps(meta.record(), ensure_ascii=False) + "\n")
            meta_items[meta.item.split("/")[0] + "/"] += 1
            meta_identifier.update(lab.identifier for lab in meta.labels if lab.identifier)
            meta_health.update(lab.health for lab in meta.labels if lab.health)
    with open(pixel_labels_path(out), "w", encoding="utf-8", newline="\n") as fh:
        for meta in pixels:
            if meta.item.endswith(".pdf"):
                continue
            fh.write(json.dumps(meta.pixel_record(), ensure_ascii=False) + "\n")
    verify(out)
    return {"items": items_per_file, "identifiers": per_identifier, "health": per_health, "no_ident": no_ident,
            "meta_items": meta_items, "meta_identifiers": meta_identifier, "meta_health": meta_health,
            "pixel_items": sum(1 for m in pixels if not m.item.endswith(".pdf")),
            "pixel_labels": Counter(lab["identifier"] or lab["health"] for m in pixels for lab in m.pixel_labels)}


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=here / "sample", help="output folder (replaced if it holds a previous sample)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--posts", type=int, default=150, help="records in posts.jsonl (default 150)")
    args = ap.parse_args(argv)
    if args.posts < 2:
        ap.error("--posts must be at least 2")
    stats = generate(args.out, args.seed, args.posts)

    total = sum(stats["items"].values())
    print(f"wrote {args.out} ({total} text items, {stats['no_ident']} without identifiers "
          f"= {100 * stats['no_ident'] / total:.0f}%)")
    for name, count in stats["items"].items():
        print(f"  {name:<26} {count:>6} items")
    print("identifier labels: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["identifiers"].items())))
    print("health labels:     " + ", ".join(f"{k} {v}" for k, v in sorted(stats["health"].items())))
    meta_total = sum(stats["meta_items"].values())
    print(f"metadata items: {meta_total} (" + ", ".join(f"{k} {v}" for k, v in stats["meta_items"].items()) + ")")
    print("  identifier labels: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["meta_identifiers"].items())))
    print("  health labels:     " + ", ".join(f"{k} {v}" for k, v in sorted(stats["meta_health"].items())))
    print(f"pixel labels: {stats['pixel_items']} images, " + ", ".join(f"{k} {v}" for k, v in sorted(stats["pixel_labels"].items())))
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"size: {size / 1024:.0f} KiB")
    low = [k for k in IDENT_WEIGHTS if stats["identifiers"][k] < MIN_PER_IDENTIFIER]
    if low:
        print(f"warning: fewer than {MIN_PER_IDENTIFIER} labels for: {', '.join(low)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
