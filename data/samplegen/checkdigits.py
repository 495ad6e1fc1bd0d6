"""Check digits for the generated NPI, DEA, VIN, card and GS1 numbers, so that every number is well formed."""

from __future__ import annotations

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


_VIN_VALUES = {
    **{str(i): i for i in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9))),
    **dict(zip("JKLMN", range(1, 6))),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10))),
}
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
