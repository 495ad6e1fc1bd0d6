"""Dates said relative to the writing: "last Friday", "two days ago", "yesterday", "on Tuesday", "last nov",
"since August", "Christmas Eve", Spanish "el lunes". With the post's date they give the day, so an auditor
reports them, as their own entity (RELATIVE_DATE, scored below calendar dates): the shipped Safe Harbor
policy does not count them as a date element (policies/hipaa-safe-harbor.yaml, `ignored_entities`), another
policy may."""

from __future__ import annotations

from presidio_analyzer import Pattern

from auditor.scanners.text.recognizers._patterns import DeclaredPatternRecognizer

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day"
_MONTH = r"jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_CAPITALISED_MONTH = r"January|February|March|April|May|June|July|August|September|October|November|December"
#: A month alone, not the start of a calendar date ("April 3", "April '23", "April of 2021").
_MONTH_ALONE = r"\b(?![ \t]*(?:\d|'\d|of\b))"
_HOLIDAY = r"christmas(?:\s+(?:eve|day))?|thanksgiving(?:\s+day)?|new\s+year['’]?s(?:\s+(?:eve|day))?|easter(?:\s+sunday)?|halloween|memorial\s+day|labor\s+day|independence\s+day|4th\s+of\s+july"
_COUNT = r"\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|few|several|couple(?:\s+of)?"
_UNIT = r"days?|weeks?|wks?|months?|mos?|years?|yrs?|nights?"


class RelativeDateRecognizer(DeclaredPatternRecognizer):
    """A weekday, a holiday, "last <period>", a month alone after "since" or "in", "<n> days ago", "yesterday"."""

    ENTITY = "RELATIVE_DATE"
    PATTERNS = [
        # what happened ("last week", "this past Monday"), not what is planned ("closed next week")
        Pattern(
            "last week",
            rf"\b(?:last|this\s+past|past)\s+(?:{_WEEKDAY}|week(?:end)?|month|night|{_MONTH}|spring|summer|fall|autumn|winter)\b",
            0.45,
        ),
        # a month alone says when it happened as "last nov" does: "since August"; after "in", "by" or "before"
        # only in a sentence about the writer or their family ("Dad signed one in April"), not in "flu season
        # peaks in February"
        Pattern("since August", rf"\b(?:since|until|till|back\s+in|early|late|mid-?)\s+(?-i:{_CAPITALISED_MONTH}){_MONTH_ALONE}", 0.45),
        Pattern(
            "my ... in April",
            rf"\b(?-i:I|my|me|we|our|us|mom|mum|dad|he|she|his|her|him|son|daughter|wife|husband|grandma|grandpa|Mom|Mum|Dad)\b"
            rf"[^.!?\n]{{0,60}}?\b(?:in|by|before|after)\s+\K(?-i:{_CAPITALISED_MONTH}){_MONTH_ALONE}",
            0.45,
        ),
        Pattern("two days ago", rf"\b(?:{_COUNT})\s+(?:{_UNIT})\s+ago\b", 0.45),
        Pattern("yesterday", r"\b(?:yesterday|the\s+day\s+before\s+yesterday|last\s+night)\b", 0.45),
        Pattern("weekday", rf"\b{_WEEKDAY}\b", 0.45),
        Pattern(
            "el lunes", r"\bel\s+(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)(?:\s+(?:3[01]|[12]\d|0?[1-9])\b)?", 0.45
        ),
        Pattern("holiday", rf"\b(?:{_HOLIDAY})\b", 0.45),
    ]
