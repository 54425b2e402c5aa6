"""Forms of the core, and the form fields and widgets every app's forms share."""

import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay
from .validators import NonNegativeValidator, normalize_phone, validate_contact_phone, validate_mobile

# The first option of every required select: nothing is chosen for the user (a preset category
# is filed by whoever does not look).
EMPTY_LABEL = _("Please choose")

TEN_THOUSAND = Decimal(10000)


def with_empty_choice(choices):
    """``choices`` behind an empty first option reading 请选择, for a required ``ChoiceField``."""
    return [("", EMPTY_LABEL), *choices]


class EmptyChoiceMixin:
    """Every select of the form starts with 请选择 instead of Django's "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = EMPTY_LABEL
            elif isinstance(field, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                choices = list(field.choices)
                if choices and choices[0][0] == "" and choices[0][1] == "---------":
                    field.choices = [("", EMPTY_LABEL), *choices[1:]]


class PhoneInput(forms.TextInput):
    """A phone keypad on a phone; room for what people really type ("+86 139 1234 5678"), so the
    browser never cuts a number before the server has normalised it."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "tel", "autocomplete": "tel", "maxlength": "24", **(attrs or {})})


class PhoneField(forms.CharField):
    """The one phone field of every form (submit, lookup, rating, registrations): what people type
    is normalised by ``federation.validators.normalize_phone`` before it is checked.

    ``landline=True`` where a form asks for a contact number (a mobile or 0971-1234567); otherwise
    a mobile number is required.
    """

    widget = PhoneInput

    def __init__(self, *, landline=False, **kwargs):
        kwargs.setdefault("max_length", 20)  # checked on the normalised value, not in the browser
        kwargs.setdefault("validators", [validate_contact_phone if landline else validate_mobile])
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)  # the widget's own, longer limit stays
        return attrs

    def to_python(self, value):
        return normalize_phone(super().to_python(value))


class MoneyInput(forms.TextInput):
    """An amount typed in 万元 with the unit shown beside the field (a Bootstrap input group)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        # The initial value is the stored yuan; people read and type 万元.
        if isinstance(value, Decimal):
            value = (value / TEN_THOUSAND).quantize(Decimal("0.000001")).normalize()
            return f"{value:f}"
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="input-group">{}<span class="input-group-text" data-testid="money-unit">{}</span></div>',
            html,
            _("ten-thousand yuan"),
        )


class MoneyField(forms.DecimalField):
    """Money typed in 万元 (the unit the portal shows it in: "20" is 200,000 yuan) and cleaned to
    yuan, as models store it. Never negative. Full-width digits and thousands separators are read."""

    widget = MoneyInput

    default_validators = [NonNegativeValidator()]

    def __init__(self, *, max_digits=18, decimal_places=2, **kwargs):
        super().__init__(max_digits=None, decimal_places=None, **kwargs)
        self.yuan_max_digits, self.yuan_decimal_places = max_digits, decimal_places

    def widget_attrs(self, widget):
        return {}  # no type=number step/min: the value in the box is 万元, not the stored yuan

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").replace(" ", "")
        amount = super().to_python(value)
        if amount is None:
            return None
        return (amount * TEN_THOUSAND).quantize(Decimal(1).scaleb(-self.yuan_decimal_places))

    def validate(self, value):
        super().validate(value)
        if value is not None and len(value.as_tuple().digits) > self.yuan_max_digits:
            raise forms.ValidationError(_("This amount is too large."), code="max_digits")

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (Decimal(initial) if initial not in (None, "") else None)
        except (forms.ValidationError, InvalidOperation):
            return True


class DateInput(forms.DateInput):
    """The browser's date picker (``type=date``), which only shows a value written as YYYY-MM-DD,
    whatever the language's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CalendarDayForm(EmptyChoiceMixin, forms.ModelForm):
    """A day off or a make-up working day in the holiday calendar."""

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "source"]
        widgets = {"date": DateInput}
