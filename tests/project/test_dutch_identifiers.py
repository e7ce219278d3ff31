"""BSN (elfproef), v-nummer and postcode (SECURITY NL-01, NL-02)."""

from django.core.exceptions import ValidationError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories.intake import make_bsn
from zevenaar_inburgering.validators import is_valid_bsn, normalise_postcode

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2)


@st.composite
def valid_bsns(draw) -> str:
    """Eight digits, then the one check digit that makes the elfproef hold."""
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    check = sum(d * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if check == 10 or (not any(digits) and check == 0):
        digits[0] = (
            digits[0] + 1
        ) % 10  # pick another number; this one has no check digit
        check = sum(d * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    bsn = "".join(map(str, digits)) + str(check)
    return bsn if check < 10 else "123456782"


@given(valid_bsns())
def test_every_valid_bsn_passes(bsn):
    assert is_valid_bsn(bsn)


@given(valid_bsns(), st.integers(0, 8), st.integers(1, 9))
def test_every_one_digit_change_of_a_valid_bsn_fails(bsn, position, delta):
    changed = (
        bsn[:position] + str((int(bsn[position]) + delta) % 10) + bsn[position + 1 :]
    )
    assert not is_valid_bsn(changed)


@pytest.mark.parametrize("bsn", ["123456782", "111222333", make_bsn(1)])
def test_known_valid_bsns_pass(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "value",
    [
        "123456789",
        "12345678",
        "1234567820",
        "12345678a",
        "000000000",
        "",
        "１２３４５６７８２",
    ],
)
def test_invalid_bsns_fail(value):
    assert not is_valid_bsn(value)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("6901ab", "6901 AB"), ("6901 AB", "6901 AB"), (" 6921  xy ", "6921 XY")],
)
def test_postcode_is_normalised(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize(
    "typed", ["1234 SA", "1234 SD", "1234 SS", "0123 AB", "123 AB", "6901"]
)
def test_invalid_postcodes_are_refused(typed):
    with pytest.raises(ValidationError, match="postcode"):
        normalise_postcode(typed)
