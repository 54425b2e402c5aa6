"""Shared validators: 统一社会信用代码 (GB 32100-2015) and Chinese phone numbers (DESIGN §5)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The 31 characters a USCC may use, in value order (no I, O, Z, S, V).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUES = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def uscc_check_character(first17: str) -> str:
    """The 18th character of a USCC whose first 17 characters are given (already valid)."""
    total = sum(USCC_VALUES[ch] * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalize_uscc(value: str) -> str:
    """Upper-case and strip spaces, as people type or paste codes."""
    return (value or "").strip().replace(" ", "").upper()


def validate_uscc(value: str) -> None:
    """Refuse a 统一社会信用代码 that breaks a GB 32100-2015 rule, saying which rule.

    Lower case is accepted (forms and imports normalise it with ``normalize_uscc``).
    """
    code = normalize_uscc(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d.") % {"n": len(code)},
            code="uscc_length",
        )
    bad = [ch for ch in code if ch not in USCC_VALUES]
    if bad:
        raise ValidationError(
            _(
                "The character “%(ch)s” may not appear in a unified social credit code (I, O, Z, S and V are never used)."
            )
            % {"ch": bad[0]},
            code="uscc_charset",
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _(
                "The check character (the 18th) does not match: it should be “%(expected)s”. Please check the code for a typing error."
            )
            % {"expected": expected},
            code="uscc_checksum",
        )


def validate_mobile(value: str) -> None:
    """A mainland mobile number: 11 digits beginning 13–19."""
    if not MOBILE_RE.match((value or "").strip()):
        raise ValidationError(
            _("Enter an 11-digit mobile number beginning with 13–19, e.g. 13812345678."), code="mobile"
        )


def validate_contact_phone(value: str) -> None:
    """A mobile number, or a landline with its area code (0971-1234567)."""
    value = (value or "").strip()
    if not (MOBILE_RE.match(value) or LANDLINE_RE.match(value)):
        raise ValidationError(
            _("Enter a mobile number (13812345678) or a landline with its area code (0971-1234567)."),
            code="phone",
        )
