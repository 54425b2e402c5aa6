"""Template filters used across the portal: money in 万元/亿元, masking, query strings."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import masking

register = template.Library()

WAN = Decimal(10_000)
YI = Decimal(100_000_000)


@register.filter
def money(value, unit="auto"):
    """Yuan (a Decimal) shown in 万元 or 亿元: ``{{ capital|money }}`` → "1,234.50 万元".

    ``unit`` forces "wan" or "yi"; "auto" picks 亿元 from 1 亿 up, 万元 from 1 万 up, else 元.
    """
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    if unit == "yi" or (unit == "auto" and abs(amount) >= YI):
        return _("%(amount)s hundred-million yuan") % {"amount": f"{amount / YI:,.2f}"}
    if unit == "wan" or (unit == "auto" and abs(amount) >= WAN):
        return _("%(amount)s ten-thousand yuan") % {"amount": f"{amount / WAN:,.2f}"}
    return _("%(amount)s yuan") % {"amount": f"{amount:,.2f}"}


_choice_labels: dict[tuple, dict] = {}


@register.filter
def choice_label(obj, field_name):
    """``obj.get_<field_name>_display()`` from a dict made once per model field and language:
    Django's rebuilds the choices dict on each call, translating every label (a tenth of a list
    page's time at 25 rows × 4 choice columns)."""
    key = (obj._meta.label, field_name, get_language())
    labels = _choice_labels.get(key)
    if labels is None:
        field = obj._meta.get_field(field_name)
        labels = _choice_labels[key] = {value: str(label) for value, label in field.flatchoices}
    value = getattr(obj, field_name)
    return labels.get(value, value)


@register.filter
def mask_phone(value):
    return masking.mask_phone(value)


@register.filter
def mask_name(value):
    return masking.mask_name(value)


@register.simple_tag(takes_context=True)
def personal(context, value, kind="phone"):
    """Show personal data whole to roles that may see it, masked to everyone else."""
    request = context.get("request")
    if request is not None and masking.can_see_personal_data(request.user):
        return value or ""
    return masking.mask_phone(value) if kind == "phone" else masking.mask_name(value)


@register.simple_tag(takes_context=True)
def querystring_replace(context, **kwargs):
    """The current query string with some parameters replaced (pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()
