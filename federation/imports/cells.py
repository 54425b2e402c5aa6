"""Cell readers shared by every import specification.

A reader turns one raw cell (what the XLSX or CSV reader produced: ``str``, ``int``, ``float``,
``bool``, ``datetime`` or ``None``) into its database value, or raises ``CellError`` whose message
is the reason shown to the user. Readers are plain functions built once per import, so 250,000
rows pay no dispatch on a column's kind.
"""

from __future__ import annotations

import datetime
import decimal
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TRUE_WORDS = {"是", "会员", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "非会员", "n", "no", "false", "0", "×", ""}

_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_MONEY_CENTS = decimal.Decimal("0.01")
# How a spreadsheet writes a long number it took for a code: 9.16301E+17 (CSV text as Excel shows it).
_SCIENTIFIC_RE = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


def cell_text(raw) -> str:
    """A cell as text, kept verbatim apart from surrounding blanks (so ``=1+1`` stays ``=1+1``).
    Whole numbers that a spreadsheet stored as floats (phones, codes) lose their ``.0``."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat(sep=" ")
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw).strip()


def read_text(raw) -> str:
    """The fast path of ``cell_text`` for the common case, a string cell."""
    return raw.strip() if raw.__class__ is str else cell_text(raw)


def read_date(raw):
    """A date from a date cell, an Excel serial day number, or text such as 2019-05-20, 2020/7/1,
    2022年1月1日 or 20190520."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1 <= raw < 100000:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(raw))  # an Excel serial day number
    text = cell_text(raw)
    if not text:
        return None
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE_RE.match(text.split(" ")[0] if " " in text and ":" in text else text)
    if match:
        try:
            return datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise CellError(_("“%(value)s” is not a date; write it as 2019-05-20.") % {"value": text})


def read_money(raw):
    """An amount in yuan (a ``Decimal`` with two places); thousands separators and a trailing 元 are
    allowed, a negative amount is refused."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = decimal.Decimal(repr(raw)) if isinstance(raw, float) else decimal.Decimal(raw)
    else:
        text = cell_text(raw).replace(",", "").replace("，", "").replace(" ", "")
        text = text.removesuffix("元")
        if not text:
            return None
        try:
            value = decimal.Decimal(text)
        except decimal.InvalidOperation:
            raise CellError(_("“%(value)s” is not an amount in yuan.") % {"value": cell_text(raw)})
    if not value.is_finite():
        raise CellError(_("“%(value)s” is not an amount in yuan.") % {"value": cell_text(raw)})
    if value < 0:
        raise CellError(_("An amount may not be negative."))
    if value >= decimal.Decimal("1e16"):
        raise CellError(_("The amount is too large."))
    return value.quantize(_MONEY_CENTS, rounding=decimal.ROUND_HALF_UP)


def read_count(raw):
    """A whole number of 0 or more (headcounts, numbers of employees); a negative one is refused
    with its own message."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = cell_text(raw).replace(",", "")
    if not text:
        return None
    if text.startswith("-") and text[1:].isdigit():
        raise CellError(_("A count may not be negative (%(value)s).") % {"value": text})
    if not text.isdigit():
        raise CellError(_("“%(value)s” is not a whole number of 0 or more.") % {"value": text})
    value = int(text)
    if value > 2147483647:
        raise CellError(_("The number is too large."))
    return value


def read_bool(raw):
    """是/否 (and the usual other spellings)."""
    if isinstance(raw, bool):
        return raw
    text = cell_text(raw).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("Write 是 or 否, not “%(value)s”.") % {"value": cell_text(raw)})


def text_reader(*, required=False, max_length=None):
    """A reader of free text, optionally required and limited in length."""

    def read(raw):
        text = read_text(raw)
        if required and not text:
            raise CellError(_("This column is required."))
        if max_length and len(text) > max_length:
            raise CellError(_("At most %(max)d characters; this has %(n)d.") % {"max": max_length, "n": len(text)})
        return text

    return read


def choice_reader(words: dict[str, str], default: str, allowed: str):
    """A reader of a choice: ``words`` maps every accepted spelling to the stored value; an empty
    cell is ``default``; ``allowed`` lists the labels for the message."""

    def read(raw):
        text = read_text(raw)
        if not text:
            return default
        try:
            return words[text]
        except KeyError:
            raise CellError(_("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed})

    return read


def number_shown(raw) -> str:
    """A numeric cell as a spreadsheet shows it in a General-formatted cell: long numbers in
    scientific notation (9.16301E+17), so the message quotes what the user saw."""
    if isinstance(raw, str):
        return raw.strip()
    if abs(raw) >= 1e11:
        return f"{raw:.6G}"
    return cell_text(raw)


def code_reader(validate, *, normalize=None, empty=None, short=False):
    """A reader of a code (a USCC, a phone number, a division code): ``validate(text)`` raises
    ``ValidationError`` or ``CellError``, or returns the stored value (``None`` keeps the text).

    A spreadsheet that took the code for a number (an XLSX numeric cell, or CSV text such as
    ``9.16301E+17``) has already lost digits: that is said plainly, instead of a checksum error
    about a code the user never wrote. A whole number that is itself a valid code is accepted.
    ``short`` codes (two-digit division codes) survive as whole numbers: only a number in scientific
    notation or with decimals is refused as a number; other whole numbers get the code's own reason."""

    def check(text):
        try:
            value = validate(text)
        except ValidationError as exc:
            raise CellError(exc.messages[0])
        return text if value is None else value

    def read(raw):
        numeric = isinstance(raw, (int, float)) and not isinstance(raw, bool)
        text = read_text(raw)
        if normalize:
            text = normalize(text)
        if not text:
            return empty
        if not numeric and not (("E" in text or "e" in text) and _SCIENTIFIC_RE.match(text)):
            return check(text)
        # A float beyond 2**53 has lost digits whatever it looks like; an int was read exactly.
        exact = numeric and (isinstance(raw, int) or (raw.is_integer() and abs(raw) < 2**53))
        if exact:
            if short:
                return check(text)
            try:
                return check(text)
            except CellError:
                pass
        raise CellError(
            _(
                "Read the number %(value)s: the spreadsheet took the code for a number; set the column to text and fill it in again."
            )
            % {"value": number_shown(raw)}
        )

    return read
