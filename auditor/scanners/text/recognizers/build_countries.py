"""Regenerates countries.txt, the English names of the world's countries and territories that the address and
postcode recognizers and the state-or-country filter read.

Maintainers only, after a phonenumbers upgrade: the names are phonenumbers' region display names (maintained with
libphonenumber), plus the UK's nations and common names they lack. Reading them at run time imported the names of
every region in every language, half a second of each worker's start-up.

    .venv/bin/python auditor/scanners/text/recognizers/build_countries.py  (a file: the package reads countries.txt)
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).with_name("countries.txt")
HEADER = (
    "# English names of countries and territories, longest first: phonenumbers' region display names and the UK's\n"
    "# nations. Made by build_countries.py.\n"
)
#: The UK's nations and common English names that phonenumbers' region names lack.
OTHER_COUNTRY_NAMES = ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Czechia", "Holland")


def country_names() -> list[str]:
    from phonenumbers.geodata.locale import LOCALE_DATA

    names = set(OTHER_COUNTRY_NAMES)
    for by_language in LOCALE_DATA.values():
        name = by_language.get("en", "")
        while name.startswith("*"):  # a pointer to another language's identical name
            name = by_language.get(name[1:], "")
        if name:
            names.add(name)
    return sorted(names, key=lambda n: (-len(n), n))


def main() -> None:
    names = country_names()
    OUT.write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {OUT}")


if __name__ == "__main__":
    main()
