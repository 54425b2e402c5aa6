"""Forms of the core."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CalendarDay


class DateInput(forms.DateInput):
    """The browser's date picker (``type=date``), which only shows a value written as YYYY-MM-DD,
    whatever the language's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CalendarDayForm(forms.ModelForm):
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
