"""The enterprise picker: staff find enterprises by two typed characters of the name or the start of
the code (``search_enterprises``) and pick one or more; other apps' forms use ``EnterprisesField``.

With JavaScript, the search box asks ``enterprises:enterprise_pick`` (htmx) for at most
``PICK_LIMIT`` matches and a click adds the match as a chip. Without it, the chips are plain checked
checkboxes and whatever is typed in the box is resolved when the form is submitted: a full code, or
a name that matches exactly one enterprise (or one exactly)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from federation.permissions import PortalPermissionMixin
from federation.validators import normalize_uscc

from .models import Enterprise
from .search import search_enterprises

PICK_LIMIT = 10
MIN_CHARS = 2


def lookup_suffix(name):
    return f"{name}_lookup"


def candidates(q, limit=PICK_LIMIT):
    """The enterprises a typed term finds, at most ``limit`` (names in order)."""
    q = (q or "").strip()
    if len(q) < MIN_CHARS:
        return []
    rows = search_enterprises(Enterprise.objects.select_related("district"), q).only(
        "pk", "name", "uscc", "district__name"
    )
    return list(rows.order_by("name", "pk")[:limit])


class EnterprisePickView(PortalPermissionMixin, TemplateView):
    """The picker's search: an HTML fragment of at most ten matches (two characters or more)."""

    permission_required = "enterprises.view_enterprise"
    template_name = "enterprises/picker/results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        get = self.request.GET
        # The picker's box sends its own field name (``<field>_lookup``), so that the same box works
        # without JavaScript; ``q`` serves any other caller.
        q = get.get("q") or next((v for k, v in get.items() if k.endswith("_lookup")), "")
        ctx.update(q=q.strip(), results=candidates(q), min_chars=MIN_CHARS, target=get.get("target", ""))
        return ctx


class EnterprisePicker(forms.Widget):
    """Chips of the chosen enterprises (checked checkboxes) and a search box beside them."""

    template_name = "enterprises/picker/widget.html"

    class Media:
        js = ["enterprises/js/enterprise-picker.js"]

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        ids = getlist(name) if getlist else data.get(name, [])
        return {"ids": [i for i in ids if str(i).isdigit()], "text": data.get(lookup_suffix(name), "")}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and lookup_suffix(name) not in data

    def format_value(self, value):
        if isinstance(value, dict):
            return value
        ids = [getattr(v, "pk", v) for v in (value or [])]
        return {"ids": [str(i) for i in ids if i not in (None, "")], "text": ""}

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        ctx = super().get_context(name, value, attrs)
        value = ctx["widget"]["value"]
        ids = [int(i) for i in value["ids"]]
        chosen = {e.pk: e for e in Enterprise.objects.filter(pk__in=ids).only("pk", "name", "uscc")}
        ctx["widget"].update(
            chosen=[chosen[i] for i in dict.fromkeys(ids) if i in chosen],
            text=value["text"],
            lookup_name=lookup_suffix(name),
            pick_url=reverse("enterprises:enterprise_pick"),
            min_chars=MIN_CHARS,
        )
        return ctx


class EnterprisesField(forms.Field):
    """One or more enterprises: the picked ones plus the one a typed name or code names. Cleans to a
    list of ``Enterprise``; a name that matches none or several is refused with what was typed kept."""

    widget = EnterprisePicker
    default_error_messages = {
        "required": _("Choose at least one enterprise."),
        "none": _("No enterprise matches “%(text)s”; type more of its name or its credit code and pick it."),
        "several": _("“%(text)s” matches several enterprises; type its full name or credit code and pick it."),
    }

    def to_python(self, value):
        value = value if isinstance(value, dict) else self.widget.format_value(value)
        ids = [int(i) for i in value["ids"]]
        chosen = list(Enterprise.objects.filter(pk__in=ids).order_by("name"))
        text = value["text"].strip()
        if text:
            found = resolve(text)
            if found is None:
                raise ValidationError(self.error_messages["none"], code="none", params={"text": text})
            if found == "several":
                raise ValidationError(self.error_messages["several"], code="several", params={"text": text})
            if found.pk not in {e.pk for e in chosen}:
                chosen.append(found)
        return chosen

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data):
        return True


def resolve(text):
    """The enterprise a typed term names: its full code, or the only (or the exactly named) match;
    None when nothing matches, "several" when the term is ambiguous."""
    code = normalize_uscc(text)
    if len(code) == 18:
        by_code = Enterprise.objects.filter(uscc=code).first()
        if by_code is not None:
            return by_code
    matches = list(search_enterprises(Enterprise.objects.all(), text).order_by("name", "pk")[:PICK_LIMIT])
    if not matches:
        return None
    exact = [e for e in matches if e.name == text]
    if len(exact) == 1:
        return exact[0]
    return matches[0] if len(matches) == 1 else "several"
