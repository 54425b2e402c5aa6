"""Forms of the core, and the form fields and widgets every app's forms share."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import captcha
from .models import CalendarDay
from .validators import (
    NonNegativeValidator,
    normalize_phone,
    normalize_uscc,
    validate_contact_phone,
    validate_mobile,
    validate_uscc,
)

# The first option of every required select: nothing is chosen for the user (a preset category
# is filed by whoever does not look).
EMPTY_LABEL = _("Please choose")

TEN_THOUSAND = Decimal(10000)

# Every character that ends a line somewhere (CR, LF, VT, FF, NEL, the Unicode line and paragraph
# separators) and the tab: none belongs in a one-line field.
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+")
_SPACES = re.compile(r" {2,}")


def single_line(value) -> str:
    """``value`` on one line: line breaks (and tabs) become one space, runs of spaces one space, the
    ends stripped. Titles, names and subjects go into mail headers, where a line break is refused
    (``BadHeaderError``), and into one-line lists and exports."""
    if value is None:
        return ""
    return _SPACES.sub(" ", _LINE_BREAKS.sub(" ", str(value))).strip()


class SingleLineField(forms.CharField):
    """The text field of every one-line value a person types (request title, enterprise name,
    contact person, subject): what was pasted with line breaks is kept, on one line."""

    def to_python(self, value):
        return single_line(super().to_python(value))


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


class CaptchaFormMixin(forms.Form):
    """The offline captcha of every public form: the answer, the signed token of the sum shown, and
    the check (rendered by ``includes/captcha.html`` with a ``captcha.new_challenge()``)."""

    captcha_answer = forms.CharField(
        label=_("Verification: the result of the sum in the picture"),
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    captcha_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if "captcha_answer" in cleaned and not captcha.verify(cleaned.get("captcha_token"), cleaned["captcha_answer"]):
            self.add_error("captcha_answer", _("The verification answer is wrong or has expired; try the new sum."))
        return cleaned


class LoginForm(AuthenticationForm):
    """Django's sign-in form with the username's length checked before anyone is authenticated.

    Django sets the username field's ``max_length`` after the field is built, so no validator
    checks it: a pasted page as the username reached django-axes' record of the failure, a
    ``varchar(255)``, and the sign-in page answered 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class PhoneInput(forms.TextInput):
    """A phone keypad on a phone; room for what people really type ("+86 139 1234 5678"), so the
    browser never cuts a number before the server has normalised it."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "tel", "autocomplete": "tel", "maxlength": "24", **(attrs or {})})


class USCCField(forms.CharField):
    """The one 统一社会信用代码 field of every form: what people type or paste (full-width, spaces,
    lower case) is normalised by ``federation.validators.normalize_uscc``, then checked."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)  # checked on the normalised value
        kwargs.setdefault("validators", [validate_uscc])
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "maxlength": "40"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_uscc(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)  # the widget's own, longer limit stays
        return attrs


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


CALENDAR_PLACEHOLDER = """2027-01-01 元旦 休
2027-02-06 春节 上班
2027-02-10至2027-02-16 春节 休
2027-10-01至07 国庆节、中秋节 休"""


class CalendarBulkForm(forms.Form):
    """A whole year of the holiday calendar at once: pasted from the State Council's notice (one day
    or range per line) or a CSV file in the layout of the bundled calendar."""

    MAX_FILE_BYTES = 1024 * 1024

    text = forms.CharField(
        label=_("Dates pasted from the State Council's notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": CALENDAR_PLACEHOLDER, "class": "font-monospace"}),
        help_text=_(
            "One day or one range per line: date (or 起始日期至结束日期), name, then 休 for a day off or 上班 for a "
            "make-up working day. Fields are separated by spaces; lines starting with # are ignored."
        ),
    )
    file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_("Columns date,kind,name[,source] with kind holiday or workday, as in the bundled calendar."),
    )
    csv_text = forms.CharField(required=False, widget=forms.HiddenInput)
    source = forms.URLField(
        label=_("Source (address of the notice)"),
        required=False,
        help_text=_("For example the State Council's notice on gov.cn; recorded with each day entered from the list."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > self.MAX_FILE_BYTES:
                raise forms.ValidationError(_("The file is larger than 1 MB; a year's calendar is a few KB."))
            from .workdays import decode_calendar_file

            cleaned["csv_text"] = decode_calendar_file(upload.read())
        elif (cleaned.get("text") or "").strip():
            cleaned["csv_text"] = ""  # a list pasted after a file's preview replaces the file
        if not (cleaned.get("text") or "").strip() and not (cleaned.get("csv_text") or "").strip():
            raise forms.ValidationError(_("Paste the list of dates or choose a CSV file."))
        return cleaned


class AuditFilterForm(forms.Form):
    """The change audit's filters: who (a user, or the public through public forms), what, when."""

    PUBLIC = "public"

    user = forms.ChoiceField(label=_("Person"), required=False)
    kind = forms.ChoiceField(label=_("Record type"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model
        from django.utils.text import capfirst

        from .audit import audited_models

        super().__init__(*args, **kwargs)
        users = get_user_model().objects.order_by("username")
        self.fields["user"].choices = [
            ("", _("All")),
            (self.PUBLIC, _("The public (public forms)")),
            *((str(u.pk), u.get_full_name() or u.username) for u in users),
        ]
        self.fields["kind"].choices = [
            ("", _("All")),
            *((key, capfirst(model._meta.verbose_name)) for key, model in audited_models().items()),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def audit_filter(self):
        """The filter for ``federation.audit.change_page`` (no filter while the form is invalid)."""
        from .audit import AuditFilter

        if not self.is_bound or not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        user = data.get("user") or None
        return AuditFilter(
            user=user if user in (None, self.PUBLIC) else int(user),
            kind=data.get("kind") or None,
            start=data.get("start"),
            end=data.get("end"),
        )
