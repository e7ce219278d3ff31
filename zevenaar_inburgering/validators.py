"""Dutch identifiers: BSN (elfproef), v-nummer and postcode."""

import re

from django.core.exceptions import ValidationError

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    """Exactly nine digits passing the elfproef (weights 9..2 and -1), not all zero.

    Source: Wet algemene bepalingen burgerservicenummer; the elfproef as published
    by RvIG ("Logisch ontwerp BRP", burgerservicenummer).
    """
    if not (isinstance(value, str) and len(value) == 9 and value.isascii()):
        return False
    if not value.isdigit() or value == "000000000":
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value, BSN_WEIGHTS, strict=True)
    )
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not is_valid_bsn(value):
        raise ValidationError(
            "Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef doorstaan.",
            code="invalid_bsn",
        )


def validate_v_nummer(value: str) -> None:
    if not re.fullmatch(r"\d{10}", value):
        raise ValidationError(
            "Een v-nummer bestaat uit 10 cijfers.", code="invalid_v_nummer"
        )


# Four digits not starting with 0, then two letters; SA, SD and SS are not issued.
POSTCODE_RE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")
FORBIDDEN_POSTCODE_LETTERS = {"SA", "SD", "SS"}


def normalise_postcode(value: str) -> str:
    """'1234ab' -> '1234 AB'; raises ValidationError for anything else."""
    match = POSTCODE_RE.match(value or "")
    if not match or match.group(2).upper() in FORBIDDEN_POSTCODE_LETTERS:
        raise ValidationError(
            "Vul een geldige Nederlandse postcode in, zoals 6901 AB.",
            code="invalid_postcode",
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value: str) -> None:
    normalise_postcode(value)
