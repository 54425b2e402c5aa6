"""Password rules a government system is expected to enforce (等保2.0, GB/T 22239-2019 8.1.4.1:
passwords of adequate complexity), registered in ``AUTH_PASSWORD_VALIDATORS`` beside Django's own
(minimum length 10, common passwords, all-digit passwords, similarity to the user's names).

* ``CharacterClassValidator``: characters from at least three of the four classes — capital
  letters, small letters, digits, symbols. Chinese characters (and other letters without case)
  belong to none of them: they add length, not a class, so "马干事马干事马干事马" has no class at all
  and "马干事2026!" only two.
* ``RepeatedPatternValidator``: refuses a password that is one unit repeated ("abcabc",
  "staff2staff2", "马干事马干事马干事马" — a last partial repeat included), ignoring case.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def character_classes(password: str) -> set[str]:
    """The classes among capital letters, small letters, digits and symbols that ``password`` uses."""
    found = set()
    for ch in password:
        if ch.isupper():
            found.add("upper")
        elif ch.islower():
            found.add("lower")
        elif ch.isdigit():
            found.add("digit")
        elif not ch.isalnum():
            found.add("symbol")
        # else: a letter without case (汉字): no class
    return found


def repeated_unit(password: str) -> str | None:
    """The unit ``password`` repeats (at least twice in full), or None."""
    text = password.casefold()
    for period in range(1, len(text) // 2 + 1):
        if all(text[i] == text[i - period] for i in range(period, len(text))):
            return password[:period]
    return None


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must use at least %(count)d of these four kinds of characters: capital letters, "
            "small letters, digits and symbols (Chinese characters count as none of them)."
        ) % {"count": self.min_classes}


class RepeatedPatternValidator:
    def validate(self, password, user=None):
        if repeated_unit(password):
            raise ValidationError(
                _("This password only repeats the same characters over and over."), code="password_repeated"
            )

    def get_help_text(self):
        return _("Your password cannot be the same few characters repeated (such as “abcabc”).")
