"""Inputs a reviewer used to break this session's rules: each reads as what a person means by it."""

from __future__ import annotations

import pytest


def _found(detect, text: str) -> set[tuple[str, str]]:
    return {(entity, text[start:end]) for entity, start, end in detect(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blessing Okafor\tLakeside Hospital\t4 West", {("PERSON", "Blessing Okafor"), ("FACILITY", "Lakeside Hospital")}),
        ("Return-Path: <maria.lopez1961@gmail.com>", {("EMAIL_ADDRESS", "maria.lopez1961@gmail.com")}),
        ("X-ray: images sent to maria.lopez1961@gmail.com", {("EMAIL_ADDRESS", "maria.lopez1961@gmail.com")}),
        ('{"name": "Jane Roe", "profile": "https://www.facebook.com/jane.roe.1961"}', {("PERSON", "Jane Roe")}),
        ("PID|1||123^^^GHS^MR||NGUYEN^AN||19800101|F", {("PERSON", "NGUYEN^AN")}),
        ("They flew into Nice on Monday.", {("LOCATION", "Nice")}),
        ("Home address: Ulica 5, Split, Croatia", {("LOCATION", "Split")}),
        ("BK# 2024-0031 at intake", {("LABELLED_ID", "2024-0031")}),
        ("SID TX-48812231 on the transfer sheet", {("LABELLED_ID", "TX-48812231")}),
        ("surgery on 12 march in the morning", {("PERSON_DATE", "12 march")}),
        ("no;nom;prenom;ville\nQ-4471;Tremblay;Gaëlle;Trois-Rivières", {("PERSON", "Tremblay"), ("PERSON", "Gaëlle")}),
    ],
)
def test_what_the_new_vetoes_and_guards_must_keep(detect, text, expected):
    assert expected <= _found(detect, text)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("my daily target 1500 calories", "FACILITY"),
        ("CVS 2025 flu shot clinic opens", "FACILITY"),
        ("Midwest Regional Conference in May", "FACILITY"),
        ("Seventh-day Adventist church meets", "FACILITY"),
        ("CDC Health Alert issued", "FACILITY"),
        ("County of Residence: Unknown", "LOCATION"),
        ("County of Service: Same As Above", "LOCATION"),
        ("Keep the receipt 2024 for taxes", "LABELLED_ID"),
        ("my passport 2019 renewal", "LABELLED_ID"),
        ("Poison Control (800) 222-1222", "PHONE_NUMBER"),
        ("Call 1-800-MEDICARE (1-800-633-4227)", "HEALTH_PLAN_ID"),
        ("OBR|1|||||||||||||||85025^CBC^LN", "LABELLED_ID"),
    ],
)
def test_what_the_new_rules_must_not_read(detect, text, entity):
    assert not any(found == entity for found, _ in _found(detect, text))
