"""Dutch identifiers: BSN (elfproef), v-nummer, postcode and IBAN."""

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


# IBAN lengths of the SEPA countries a payee of fixed costs can bank in (ISO 13616,
# SWIFT IBAN Registry). Outside SEPA a payment is not a regular transfer anyway.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
}  # fmt: skip


def normalise_iban(value: str) -> str:
    """'nl91 abna 0417 1643 00' -> 'NL91ABNA0417164300'; raises ValidationError when
    the country, the length or the ISO 7064 mod-97 check digits are wrong."""
    iban = re.sub(r"[\s.-]", "", value or "").upper()
    length = IBAN_LENGTHS.get(iban[:2])
    if (
        length is None
        or len(iban) != length
        or not iban.isalnum()
        or not iban.isascii()
        or not iban[2:4].isdigit()
        or int("".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])) % 97 != 1
    ):
        raise ValidationError(
            "Dit is geen geldig IBAN. Controleer het nummer, bijvoorbeeld "
            "NL91 ABNA 0417 1643 00.",
            code="invalid_iban",
        )
    return iban


def validate_iban(value: str) -> None:
    normalise_iban(value)
