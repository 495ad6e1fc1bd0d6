window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1121072859010440034"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "146"
      ],
      "favorite_count": "24",
      "id_str": "1121072859010440034",
      "truncated": false,
      "retweet_count": "3",
      "id": "1121072859010440034",
      "created_at": "Sat Jun 19 03:15:04 +0000 2021",
      "favorited": false,
      "full_text": "the infusion center in cedar rapids finally reopened so i can restart ozempic.\n\nsent the disability forms by fax to (415)555-0167, fingers crossed",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1125693706242948009"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "187"
      ],
      "favorite_count": "34",
      "id_str": "1125693706242948009",
      "truncated": false,
      "retweet_count": "0",
      "id": "1125693706242948009",
      "created_at": "Fri Mar 01 18:04:36 +0000 2024",
      "favorited": false,
      "full_text": "neuro ordered an iron infusion and a full hemoglobin! Spoonie life: eds, long covid, and now they think anorexia. 39-year-old dad just started oxycodone, any tips for the side effects? 😤🙃",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1163492816832507641"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "225"
      ],
      "favorite_count": "3",
      "id_str": "1163492816832507641",
      "truncated": false,
      "retweet_count": "3",
      "id": "1163492816832507641",
      "created_at": "Mon Aug 08 17:02:43 +0000 2022",
      "favorited": false,
      "full_text": "i've had chronic pain since 2021, gabapentin since 2009.  access log shows 162.12.102.196 viewed my echocardiogram report three times. grace period on my phone bill ends friday, love that for me. follow-up on mar 10 at 2:30pm",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1200613420159758959"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "135"
      ],
      "favorite_count": "4",
      "id_str": "1200613420159758959",
      "truncated": false,
      "retweet_count": "4",
      "id": "1200613420159758959",
      "created_at": "Fri May 13 13:06:50 +0000 2022",
      "favorited": false,
      "full_text": "tapering off synthroid (100mcg) and teh withdrawal is real - i’m in my mid-40s with gastroparesis and nobody takes me seriously\nanyway.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1276085638589450824"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "fml",
            "indices": [
              "173",
              "177"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "screen_name": "t1d_eleni",
            "name": "t1d_eleni",
            "id_str": "0",
            "id": "0",
            "indices": [
              "47",
              "57"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "177"
      ],
      "favorite_count": "36",
      "id_str": "1276085638589450824",
      "truncated": false,
      "retweet_count": "5",
      "id": "1276085638589450824",
      "created_at": "Wed Dec 27 13:40:15 +0000 2023",
      "favorited": false,
      "full_text": "tagging my cousin dmitri who also has crohn's. @t1d_eleni dmed you. took my metforman at 8:30, still waiting for it to kick in. the er gave me lamotrigine and sent me home! #fml",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1343278460687415213"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "185"
      ],
      "favorite_count": "17",
      "id_str": "1343278460687415213",
      "truncated": false,
      "retweet_count": "2",
      "id": "1343278460687415213",
      "created_at": "Mon Nov 04 12:52:42 +0000 2024",
      "favorited": false,
      "full_text": "the letter from my insurance, typed out:\nMAC: 5A:86:E5:7F:A3:0D\nPt ID: E4234113\nAccount No.: A599805893\nTest: hemoglobin   Result: borderline\nMedicaid ID BG53528V. thanks for reading ❤️",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1369444298694003695"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "98"
      ],
      "favorite_count": "36",
      "id_str": "1369444298694003695",
      "truncated": false,
      "retweet_count": "1",
      "id": "1369444298694003695",
      "created_at": "Sat Aug 12 10:49:01 +0000 2023",
      "favorited": false,
      "full_text": "grace period on my phone bill ends friday, love that for me - score was 24-17 at halftime. anyway.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1452894414557560925"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "101"
      ],
      "favorite_count": "30",
      "id_str": "1452894414557560925",
      "truncated": false,
      "retweet_count": "5",
      "id": "1452894414557560925",
      "created_at": "Tue Mar 01 01:00:51 +0000 2022",
      "favorited": false,
      "full_text": "zip code 04444 has exactly one endocrinologist. one.\n\nrecovery from the mri is slower than they said.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1544689368372001582"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "MondayMotivation",
            "indices": [
              "118",
              "135"
            ]
          },
          {
            "text": "invisibleillness",
            "indices": [
              "136",
              "153"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "153"
      ],
      "favorite_count": "36",
      "id_str": "1544689368372001582",
      "truncated": false,
      "retweet_count": "5",
      "id": "1544689368372001582",
      "created_at": "Fri Mar 29 08:10:56 +0000 2024",
      "favorited": false,
      "full_text": "They emailed this to the WRONG person:\n\nAppt: the 3rd of December 9:15 AM\nTel +1 971 398 2283\nProcedure: mastectomy - #MondayMotivation #invisibleillness",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1580860976740670305"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "214"
      ],
      "favorite_count": "2",
      "id_str": "1580860976740670305",
      "truncated": false,
      "retweet_count": "4",
      "id": "1580860976740670305",
      "created_at": "Sun Apr 07 03:04:25 +0000 2024",
      "favorited": false,
      "full_text": "i've had ibs since 2021, lithium since 2012.  shoutout to dr. singh who actually listened about my epilepsy 🫠 the er gave me propranolol and sent me home. grace period on my phone bill ends friday, love that for me",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1628025710742829910"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "screen_name": "mail",
            "name": "mail",
            "id_str": "0",
            "id": "0",
            "indices": [
              "148",
              "153"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "165"
      ],
      "favorite_count": "18",
      "id_str": "1628025710742829910",
      "truncated": false,
      "retweet_count": "3",
      "id": "1628025710742829910",
      "created_at": "Sun Sep 29 19:56:18 +0000 2024",
      "favorited": false,
      "full_text": "From the screenshot (can’t post images here):\n\nDx: Alzheimer's\nPortal link: http://blog.example.com/2024/01/shanice-diagnosis-day\nEmail: jeanluc8359@mail.example.com",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1631543487904149461"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "97"
      ],
      "favorite_count": "3",
      "id_str": "1631543487904149461",
      "truncated": false,
      "retweet_count": "1",
      "id": "1631543487904149461",
      "created_at": "Mon Jun 24 05:57:26 +0000 2024",
      "favorited": false,
      "full_text": "day 3 of levothyroxine and the nausea is unreal 🤢\n\nuseful resource: https://988lifeline.org\n👩‍⚕️💉",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1709745142256185970"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "98"
      ],
      "favorite_count": "13",
      "id_str": "1709745142256185970",
      "truncated": false,
      "retweet_count": "0",
      "id": "1709745142256185970",
      "created_at": "Sat Jun 17 20:43:08 +0000 2023",
      "favorited": false,
      "full_text": "driving through ct on the way to idaho. switched from eliquis to lexapro — anyone have experience?",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1809488699224983055"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "247"
      ],
      "favorite_count": "34",
      "id_str": "1809488699224983055",
      "truncated": false,
      "retweet_count": "5",
      "id": "1809488699224983055",
      "created_at": "Sat Mar 19 20:06:20 +0000 2022",
      "favorited": false,
      "full_text": "Dr. Muñoz (NPI 2677377584) wrote the Jardiance script and the pharmacy still rejected it. Been on Adderall 20 mg since 2020.  neuro ordered a spinal fusion and a full CMP.\nDad turned 95 today and the nursing home forgot his Skyrizi AGAIN - anyway.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1827131189269387805"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "155"
      ],
      "favorite_count": "34",
      "id_str": "1827131189269387805",
      "truncated": false,
      "retweet_count": "7",
      "id": "1827131189269387805",
      "created_at": "Sat Jul 22 12:00:37 +0000 2023",
      "favorited": false,
      "full_text": "post-knee replacement day 2. sore but ok.\n29-year-old dad just started LITHIUM, any tips for the side effects? disability placard renewal for plate 0EVK223",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1925895590777140270"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "277"
      ],
      "favorite_count": "18",
      "id_str": "1925895590777140270",
      "truncated": false,
      "retweet_count": "0",
      "id": "1925895590777140270",
      "created_at": "Fri Sep 23 12:02:00 +0000 2022",
      "favorited": false,
      "full_text": "Throwaway for obvious reasons. Spoonie life: major depressive disorder, EDS, and now they think Hashimoto's.\n\nmy mom’s cell is 563-555-0143, the pharmacy keeps calling me instead of her. security email says new sign-in from IP 24.85.75.129. should I be worried about my records",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1954986309621584379"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "176"
      ],
      "favorite_count": "32",
      "id_str": "1954986309621584379",
      "truncated": false,
      "retweet_count": "3",
      "id": "1954986309621584379",
      "created_at": "Thu Dec 19 00:36:47 +0000 2024",
      "favorited": false,
      "full_text": "pain is a 7/10 today, hypothyroidism flare.\n\ntook my atorvastatin at 8:30, still waiting for it to kick in.\ndmitri (my sister) drove me to my ultrasound today. love her so much",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2002571292545593054"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "screen_name": "dandre_rodrigue",
            "name": "dandre_rodrigue",
            "id_str": "0",
            "id": "0",
            "indices": [
              "49",
              "65"
            ]
          },
          {
            "screen_name": "example",
            "name": "example",
            "id_str": "0",
            "id": "0",
            "indices": [
              "96",
              "104"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "108"
      ],
      "favorite_count": "39",
      "id_str": "2002571292545593054",
      "truncated": false,
      "retweet_count": "4",
      "id": "2002571292545593054",
      "created_at": "Fri Aug 05 22:05:55 +0000 2022",
      "favorited": false,
      "full_text": "Copied from my portal, does this look right?\nIG: @dandre_rodrigue\nEmail: fatima.johansson+portal@example.org",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2027230650724867269"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "203"
      ],
      "favorite_count": "27",
      "id_str": "2027230650724867269",
      "truncated": false,
      "retweet_count": "3",
      "id": "2027230650724867269",
      "created_at": "Fri Nov 22 19:09:45 +0000 2024",
      "favorited": false,
      "full_text": "they emailed this to the wrong person:\nordered: hba1c, creatinine\ntest: cholesterol   result: 9.2%\npatient name: d'angelo^ananya\naddr: 5221 martin luther king jr blvd apt 23a, flagstaff, az 86071\nage: 90",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2079285208039443143"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "caregiverlife",
            "indices": [
              "40",
              "54"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "54"
      ],
      "favorite_count": "7",
      "id_str": "2079285208039443143",
      "truncated": false,
      "retweet_count": "7",
      "id": "2079285208039443143",
      "created_at": "Wed Oct 18 15:16:21 +0000 2023",
      "favorited": false,
      "full_text": "driving through ct on the way to texas. #caregiverlife",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2085783673882743091"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "disabilitytwitter",
            "indices": [
              "176",
              "194"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "194"
      ],
      "favorite_count": "2",
      "id_str": "2085783673882743091",
      "truncated": false,
      "retweet_count": "7",
      "id": "2085783673882743091",
      "created_at": "Thu Dec 09 00:55:55 +0000 2021",
      "favorited": false,
      "full_text": "Long post, sorry. iOS 9.8.16 broke the pharmacy app, of course. I've had schizophrenia since 2017, Lantus since 2015.\n\nRecovery from the Nerve block is slower than they said.  #disabilitytwitter",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2164592462109670664"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "101"
      ],
      "favorite_count": "0",
      "id_str": "2164592462109670664",
      "truncated": false,
      "retweet_count": "2",
      "id": "2164592462109670664",
      "created_at": "Wed Feb 07 15:52:04 +0000 2024",
      "favorited": false,
      "full_text": "driver’s license 077 518 703 (needed it to pick up my predisone). Please fax records to 919-555-0154.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2251058661482034928"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "spoonielife",
            "indices": [
              "177",
              "189"
            ]
          },
          {
            "text": "mondaymotivation",
            "indices": [
              "190",
              "207"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "207"
      ],
      "favorite_count": "9",
      "id_str": "2251058661482034928",
      "truncated": false,
      "retweet_count": "5",
      "id": "2251058661482034928",
      "created_at": "Sat Nov 12 12:35:44 +0000 2022",
      "favorited": false,
      "full_text": "ugh.\ntapering off oxycodone (5 mg) and the withdrawal is real.\nthe nurse read my mrn E6775173 out loud in the waiting room lol.\n\n04-jul-2020 — first stelara injection. nervous. #spoonielife #mondaymotivation",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2259547038251622342"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "133"
      ],
      "favorite_count": "3",
      "id_str": "2259547038251622342",
      "truncated": false,
      "retweet_count": "2",
      "id": "2259547038251622342",
      "created_at": "Sun Jul 17 18:26:02 +0000 2022",
      "favorited": false,
      "full_text": "hospital billing account 115-9166-475 — they want $4,800 for teh lumbar puncture.\n\nnew medicare card came today, number 2PJ9-F98-CM39",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2285524871559608972"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "258"
      ],
      "favorite_count": "21",
      "id_str": "2285524871559608972",
      "truncated": false,
      "retweet_count": "6",
      "id": "2285524871559608972",
      "created_at": "Sun Jan 14 13:53:09 +0000 2024",
      "favorited": false,
      "full_text": "Spoonie life: Parkinson's, COPD, and now they think long covid.\nThey're testing for anorexia because my CRP was off! my dad's SSN is 521287558 and the hospital still says he doesn't exist. Our fundraiser for Yuki's sleep study: www.example.net/~ananyaadeyemi",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2384438106638999507"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "142"
      ],
      "favorite_count": "7",
      "id_str": "2384438106638999507",
      "truncated": false,
      "retweet_count": "5",
      "id": "2384438106638999507",
      "created_at": "Sun Feb 06 01:35:26 +0000 2022",
      "favorited": false,
      "full_text": "Look what teh billing office mailed me:\nDx: hypothyroidism\nAge: 101\nOrdered: blood glucose, creatinine\nDevice: insulin pump, serial NG0521386H",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2473903669730546020"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "31",
      "id_str": "2473903669730546020",
      "truncated": false,
      "retweet_count": "3",
      "id": "2473903669730546020",
      "created_at": "Wed Jun 19 06:00:14 +0000 2024",
      "favorited": false,
      "full_text": "cholesterol is under 20. endo wants to add atorvastatin.\nany advice appreciated 🙏",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2534253945046515641"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "183"
      ],
      "favorite_count": "10",
      "id_str": "2534253945046515641",
      "truncated": false,
      "retweet_count": "3",
      "id": "2534253945046515641",
      "created_at": "Sat Dec 31 22:48:53 +0000 2022",
      "favorited": false,
      "full_text": "anyone with depression tried ozempik? insurance finally approved it.\n\nDay 3 of lamotrigine and the nausea is unreal 🤢 my grandma is 100 and still sharper than me.\n\nsorry for the novel",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2590151687519956385"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "57"
      ],
      "favorite_count": "3",
      "id_str": "2590151687519956385",
      "truncated": false,
      "retweet_count": "7",
      "id": "2590151687519956385",
      "created_at": "Wed Apr 05 03:07:34 +0000 2023",
      "favorited": false,
      "full_text": "Temp 99.8 this morning, probably a BIPOLAR DISORDER flare",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2604806415039494100"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "113"
      ],
      "favorite_count": "20",
      "id_str": "2604806415039494100",
      "truncated": false,
      "retweet_count": "0",
      "id": "2604806415039494100",
      "created_at": "Tue Feb 06 19:53:49 +0000 2024",
      "favorited": false,
      "full_text": "update: admitted 09-mar-2021, discharged jan 31, 2022. longest week of my life. been on lexapro 10 mg since 2015.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2652178737626412713"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "screen_name": "patients",
            "name": "patients",
            "id_str": "0",
            "id": "0",
            "indices": [
              "119",
              "128"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "207"
      ],
      "favorite_count": "30",
      "id_str": "2652178737626412713",
      "truncated": false,
      "retweet_count": "7",
      "id": "2652178737626412713",
      "created_at": "Sat Apr 22 09:00:55 +0000 2023",
      "favorited": false,
      "full_text": "copied from my portal, does this look right?\nprocedure: mammogram\ndate of service: dec 2, 2022\nemail: wei.nguyen+portal@patients.example.org\nname: wei patel\nordered: free t4, cd4 count. thanks for reading ❤️",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2673291335707100305"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "spoonielife",
            "indices": [
              "50",
              "62"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "screen_name": "theemilywhitfie",
            "name": "theemilywhitfie",
            "id_str": "0",
            "id": "0",
            "indices": [
              "0",
              "16"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "62"
      ],
      "favorite_count": "28",
      "id_str": "2673291335707100305",
      "truncated": false,
      "retweet_count": "3",
      "id": "2673291335707100305",
      "created_at": "Fri Jun 03 05:47:01 +0000 2022",
      "favorited": false,
      "full_text": "@theemilywhitfie same here, the fatigue is unreal\n#spoonielife",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2688822209109159490"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "178"
      ],
      "favorite_count": "37",
      "id_str": "2688822209109159490",
      "truncated": false,
      "retweet_count": "5",
      "id": "2688822209109159490",
      "created_at": "Sat Jan 16 16:54:03 +0000 2021",
      "favorited": false,
      "full_text": "Long post, sorry.\nDr. Friedman (NPI 2085820530) wrote the gabapenten script and the pharmacy still rejected it.\nThey’re testing for epilepsy because my Fecal calprotectin was off",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2785725449659923180"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "210"
      ],
      "favorite_count": "34",
      "id_str": "2785725449659923180",
      "truncated": false,
      "retweet_count": "7",
      "id": "2785725449659923180",
      "created_at": "Sat May 07 09:25:36 +0000 2022",
      "favorited": false,
      "full_text": "Been on Ozempic 0.5mg since 2022. The infusion center in Laredo finally reopened so I can restart Mounjaro.\n\nDay 3 of xarelto and the nausea is unreal 🤢\nMaria's EKG went well!!! thank you all for the prayers ❤️",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2881378779770558220"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "173"
      ],
      "favorite_count": "10",
      "id_str": "2881378779770558220",
      "truncated": false,
      "retweet_count": "7",
      "id": "2881378779770558220",
      "created_at": "Fri Mar 03 06:12:59 +0000 2023",
      "favorited": false,
      "full_text": "copied from my portal, does this look right?\ndx: pots\npatient: chen, miriam\nfax #: 808 555 0153   attn: dr. washington\nprocedure: knee replacement\nmember id: 321341702-01. 😩",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2888325713177976472"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "210"
      ],
      "favorite_count": "24",
      "id_str": "2888325713177976472",
      "truncated": false,
      "retweet_count": "7",
      "id": "2888325713177976472",
      "created_at": "Sun Apr 17 21:29:09 +0000 2022",
      "favorited": false,
      "full_text": "Mailing address for cards: 8379 County Road 12, Laredo, TX 78019-4814.\nIs it normal for Vyvanse to make your hair fall out?  selling my car since I can't drive with celiac disease anymore, VIN JTD7LB2K66N307362",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2911912123996033496"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "279"
      ],
      "favorite_count": "4",
      "id_str": "2911912123996033496",
      "truncated": false,
      "retweet_count": "5",
      "id": "2911912123996033496",
      "created_at": "Tue Apr 09 11:51:28 +0000 2024",
      "favorited": false,
      "full_text": "called about acct A988390084 for an hour, still no itemized bill. My cholesterol came back at 6.8 and my doctor just said 'keep an eye on it'. Second round of mastectomy done 💪\n\nlink to my full story here www.example.net/~marisolwhitfield\nRunning a 5K on Saturday, wish me luck 🏃",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3010979833795573377"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "121"
      ],
      "favorite_count": "32",
      "id_str": "3010979833795573377",
      "truncated": false,
      "retweet_count": "6",
      "id": "3010979833795573377",
      "created_at": "Mon May 29 01:53:12 +0000 2023",
      "favorited": false,
      "full_text": "My mom’s intake form, for reference:\n\nOrdered: Viral load, HbA1c\nBilling acct 9148146381\nDOB: Sep 10, 1981\nMRN 5207784886",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3085150966361609761"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "177"
      ],
      "favorite_count": "14",
      "id_str": "3085150966361609761",
      "truncated": false,
      "retweet_count": "7",
      "id": "3085150966361609761",
      "created_at": "Fri Sep 23 17:38:14 +0000 2022",
      "favorited": false,
      "full_text": "is dr. delacroix-moreau's pa license ME 78688 even active? asking after that chemotherapy. pain is a 7/10 today, celiac disease flare.\nday 3 of wegovy and teh nausea is unreal 🤢",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3090926341494766760"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "58"
      ],
      "favorite_count": "13",
      "id_str": "3090926341494766760",
      "truncated": false,
      "retweet_count": "1",
      "id": "3090926341494766760",
      "created_at": "Fri Aug 27 08:32:44 +0000 2021",
      "favorited": false,
      "full_text": "It's been in the mid-90s all week so I'm staying inside. 😤",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3160414548035168448"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "141"
      ],
      "favorite_count": "24",
      "id_str": "3160414548035168448",
      "truncated": false,
      "retweet_count": "5",
      "id": "3160414548035168448",
      "created_at": "Mon Oct 10 08:17:51 +0000 2022",
      "favorited": false,
      "full_text": "Chapter 11 of my book club pick is wild.\n\nFinally got my echocardiogram results. It's chronic kidney disease. I don't even know what to feel.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3229380624774201393"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "153"
      ],
      "favorite_count": "28",
      "id_str": "3229380624774201393",
      "truncated": false,
      "retweet_count": "3",
      "id": "3229380624774201393",
      "created_at": "Thu Aug 03 07:56:34 +0000 2023",
      "favorited": false,
      "full_text": "I've had prostate cancer since 2019, insulin since 2013. Took my Keppra at 8:30, still waiting for it to kick in. Chapter 11 of my book club pick is wild",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3294196495953442742"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "164"
      ],
      "favorite_count": "25",
      "id_str": "3294196495953442742",
      "truncated": false,
      "retweet_count": "1",
      "id": "3294196495953442742",
      "created_at": "Sun Feb 20 07:13:00 +0000 2022",
      "favorited": false,
      "full_text": "throwaway for obvious reasons. recovery from the ultrasound is slower than they said.  my patient portal said someone logged in from 63.219.91.84 and it wasn't me??",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3330567896951099731"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "196"
      ],
      "favorite_count": "1",
      "id_str": "3330567896951099731",
      "truncated": false,
      "retweet_count": "5",
      "id": "3330567896951099731",
      "created_at": "Sun Jan 10 05:31:32 +0000 2021",
      "favorited": false,
      "full_text": "they're testing for pots because my cmp was off! neuro ordered an ect and a full viral load. please share example.com/u/lukasz_sharma 🙏\n\nthe recall notice for my pacemaker listed serial RNB925242S",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3376141333849690500"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "154"
      ],
      "favorite_count": "12",
      "id_str": "3376141333849690500",
      "truncated": false,
      "retweet_count": "5",
      "id": "3376141333849690500",
      "created_at": "Mon May 13 01:11:16 +0000 2024",
      "favorited": false,
      "full_text": "from the screenshot (can’t post images here):\nordered: free t4, creatinine\ndiagnosis: leukemia; hypothyroidism\nage: 104\nsocial security no. 635-13-2252. 🩺",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3413455720522551406"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "36",
            "indices": [
              "106",
              "109"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "screen_name": "lupie004",
            "name": "lupie004",
            "id_str": "0",
            "id": "0",
            "indices": [
              "51",
              "60"
            ]
          },
          {
            "screen_name": "example",
            "name": "example",
            "id_str": "0",
            "id": "0",
            "indices": [
              "149",
              "157"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "206"
      ],
      "favorite_count": "39",
      "id_str": "3413455720522551406",
      "truncated": false,
      "retweet_count": "6",
      "id": "3413455720522551406",
      "created_at": "Thu Dec 22 12:11:51 +0000 2022",
      "favorited": false,
      "full_text": "From the screenshot (can't post images here):\n\nIG: @lupie004\nRx: setraline 10 mg\nAddress: 8430 Oak Street #36, Eugene, OR 97468\nContact: kyle_gupta10@example.org\nTel +1 406 555 0133\nany advice appreciated 🙏",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3430246409684112668"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "243"
      ],
      "favorite_count": "24",
      "id_str": "3430246409684112668",
      "truncated": false,
      "retweet_count": "2",
      "id": "3430246409684112668",
      "created_at": "Fri Jun 14 09:30:11 +0000 2024",
      "favorited": false,
      "full_text": "Hi all, I'm Sofia, 34F, recently dx'd with diabetis.\n\nTapering off oxycodone (10mg) and the withdrawal is real.\n\nsomeone dinged my car in the X-ray center garage, their plate was PRL-9428! PCOS + chronic kidney disease = never leaving my bed 😤",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3439299706260014617"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "134"
      ],
      "favorite_count": "17",
      "id_str": "3439299706260014617",
      "truncated": false,
      "retweet_count": "0",
      "id": "3439299706260014617",
      "created_at": "Thu Nov 21 05:59:33 +0000 2024",
      "favorited": false,
      "full_text": "Pain is a 7/10 today, depression flare. Temp 99.8 this morning, probably a Hashimoto's flare. the ER gave me Mounjaro and sent me home",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3487198554238789504"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "164"
      ],
      "favorite_count": "19",
      "id_str": "3487198554238789504",
      "truncated": false,
      "retweet_count": "4",
      "id": "3487198554238789504",
      "created_at": "Mon Oct 28 22:56:22 +0000 2024",
      "favorited": false,
      "full_text": "From the screenshot (can’t post images here):\n\nDiagnosis: major depressive disorder; PCOS\nDate of Service: May 24, 2020\nfax: +1 314 387 1904\nPATIENT: ADEYEMI, MARIA",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "3500891023349882060"
          ],
          "editableUntil": "2021-01-01T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "MondayMotivation",
            "indices": [
              "187",
              "204"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "display_text_range": [
        "0",
        "204"
      ],
      "favorite_count": "28",
      "id_str": "3500891023349882060",
      "truncated": false,
      "retweet_count": "0",
      "id": "3500891023349882060",
      "created_at": "Thu Mar 02 04:00:46 +0000 2023",
      "favorited": false,
      "full_text": "They emailed this to the WRONG person:\n\nPolicy/Member #: GY6153876\nAddress: 5435 NE 42nd St, Mobile, AL 36651\nPatient Name: MENSAH^EMILY\nVehicle: 2014 Honda Civic, VIN: JHMFEVUA7PJ835141\n#MondayMotivation",
      "lang": "en"
    }
  }
]
