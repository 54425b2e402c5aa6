"""Forms of the events: the event (add and edit, with its files), an attendee entered by staff, the
public sign-in and the sign-off."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from federation.forms import DateInput, EmptyChoiceMixin, PhoneField, USCCField
from federation.models import Division
from services.requests.forms import AttachmentsField

from .models import Event

# Photos and documents of an event: no spreadsheets (a sign-in sheet is the attendance list).
EVENT_FILE_KINDS = ("pdf", "jpg", "png", "docx")


class EventFilesField(AttachmentsField):
    """The request form's files field (content sniffed, size and count limited), PDF/JPG/PNG/DOCX only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"

    def clean(self, data, initial=None):
        checked = super().clean(data, initial)
        wrong = [f.name for f, kind in checked if kind not in EVENT_FILE_KINDS]
        if wrong:
            raise ValidationError(
                [
                    _("“%(name)s” is not an accepted file type; send PDF, JPG, PNG or DOCX files.") % {"name": name}
                    for name in wrong
                ]
            )
        return checked


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class EventForm(EmptyChoiceMixin, forms.ModelForm):
    files = EventFilesField(
        label=_("Photos and documents"),
        help_text=_("Up to 3 files at a time: PDF, JPG, PNG or DOCX, at most 10 MB each."),
    )

    class Meta:
        model = Event
        fields = [
            "event_type",
            "series",
            "issue",
            "title",
            "held_on",
            "starts_at",
            "ends_at",
            "venue",
            "district",
            "organiser",
            "speakers",
            "responsible",
            "campaign",
            "chambers",
            "attendance_count",
            "summary",
        ]
        widgets = {
            "held_on": DateInput(),
            "starts_at": TimeInput(),
            "ends_at": TimeInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "chambers": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from services.requests.forms import staff_members

        self.fields["district"].queryset = Division.objects.counties()
        self.fields["responsible"].queryset = staff_members()
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["chambers"].queryset = self.fields["chambers"].queryset.order_by("name")
        self.fields["chambers"].help_text = _("Hold Ctrl (⌘ on a Mac) to choose several.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("issue") and not cleaned.get("series"):
            self.add_error("series", _("An issue number belongs to a series: choose the series."))
        return cleaned


class AttendeeFieldsMixin(forms.Form):
    enterprise_name = forms.CharField(label=_("Enterprise name"), max_length=200, required=False)
    uscc = USCCField(
        label=_("Unified social credit code"),
        required=False,
        help_text=_("Optional: 18 characters, on the business licence."),
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=50)
    phone = PhoneField(label=_("Mobile phone"))

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("enterprise_name") or "").strip() and not cleaned.get("uscc") and "uscc" not in self.errors:
            self.add_error("enterprise_name", _("Give the enterprise's name or its unified social credit code."))
        return cleaned

    def sign_in_data(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("enterprise_name", "uscc", "contact_person", "phone")}


class AttendeeForm(AttendeeFieldsMixin):
    """An attendee staff add by hand (from a paper sheet, or for who could not scan)."""


class SignInForm(AttendeeFieldsMixin):
    """The public on-site sign-in (no login): an enterprise, a contact, and consent."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the federation uses the contact details above only to record this attendance and to follow up on the event (Personal Information Protection Law)."
        ),
        error_messages={
            "required": _("Please agree to the use of your contact details, or we cannot record the sign-in.")
        },
    )


class SignOffForm(forms.Form):
    """纪要确认: no fields, a button (the operation records who and when)."""
