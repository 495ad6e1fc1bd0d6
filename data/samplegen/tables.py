"""Data tables and sentence templates of the sample generator: names, places, health vocabulary, templates, slot kinds."""

from __future__ import annotations

from datetime import UTC, datetime

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
EPOCH = datetime(2021, 1, 1, tzinfo=UTC)
ZIP_DATE = (2024, 1, 1, 12, 0, 0)
