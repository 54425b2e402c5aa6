"""Shared validators: 统一社会信用代码 (GB 32100-2015) and Chinese phone numbers (DESIGN §5)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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
    """A code as people type or paste it, in the register's form: full-width characters folded (a
    phone's Chinese keyboard types "９１６３"), every space dropped, upper case."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


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


# What people put between digits when they type or paste a number: spaces (also the ideographic
# one, which NFKC turns into a plain space), dashes of every width, dots, slashes and brackets.
PHONE_SEPARATORS_RE = re.compile(r"[\s\-‐‑‒–—―−.·/()\[\]]")
COUNTRY_PREFIX_RE = re.compile(r"^(?:\+86|0086)")


def normalize_phone(value: str) -> str:
    """A phone number as the portal stores it: a mobile as 11 digits (13912345678), a landline as
    area code, dash, number (0971-1234567).

    People type "139 1234 5678", "139-1234-5678", "+86 13912345678", "(0971) 123 4567" or digits
    from a Chinese IME's full-width mode ("１３９…"): NFKC folds full-width characters, separators
    go, and a +86 / 0086 prefix is dropped. What cannot be read as a number comes back cleaned up
    as far as it goes, for the validators to refuse with their message.
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    text = PHONE_SEPARATORS_RE.sub("", text)
    prefixed = COUNTRY_PREFIX_RE.match(text)
    if prefixed:
        text = text[prefixed.end() :]
        # From abroad a landline is dialled without its trunk 0 (+86 971 1234567).
        if text and not text.startswith(("1", "0")):
            text = "0" + text
    elif len(text) == 13 and text.startswith("861") and text.isdigit():
        text = text[2:]  # "8613912345678": the country code without its plus sign
    if text.isdigit() and text.startswith("0") and 10 <= len(text) <= 12:
        # Area codes are 3 digits for 010 and 02x (Beijing, Shanghai …), 4 elsewhere (0971 Xining).
        split = 3 if text[1] in "12" else 4
        text = f"{text[:split]}-{text[split:]}"
    return text


@deconstructible
class NonNegativeValidator(MinValueValidator):
    """Money and counts are never below zero (a capital of "-5.00 元" is a typing error)."""

    message = _lazy("This may not be negative.")

    def __init__(self):
        super().__init__(0)

    def __eq__(self, other):
        return isinstance(other, NonNegativeValidator)


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
