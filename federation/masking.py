"""Masking of personal data in lists (个人信息保护法, DESIGN §7): one helper per kind of data."""

PHONE_VIEW_PERMISSION = "federation.view_personal_data"


def mask_phone(value: str) -> str:
    """138****1234 for a mobile; keep the area code and last 4 digits of a landline."""
    value = (value or "").strip()
    if not value:
        return ""
    if "-" in value:
        area, _, number = value.partition("-")
        return f"{area}-{'*' * max(len(number) - 4, 0)}{number[-4:]}"
    if len(value) <= 7:
        return value[:1] + "*" * (len(value) - 1)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def mask_name(value: str) -> str:
    """张*明: keep the family name and the last character of a personal name."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def can_see_personal_data(user) -> bool:
    """Whether a user may see phone numbers and names unmasked."""
    return bool(user and user.is_authenticated and user.has_perm(PHONE_VIEW_PERMISSION))
