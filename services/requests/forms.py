"""Forms of the services app: the public request form, the public lookup, staff entry and the
one small form per transition on the request page."""

import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from federation import roles, uploads
from federation.forms import (
    EMPTY_LABEL,
    CaptchaFormMixin,
    DateInput,
    PhoneField,
    SingleLineField,
    USCCField,
    with_empty_choice,
)
from federation.models import Division
from federation.validators import normalize_uscc, validate_uscc

from .choices import Category, Rating, Source

MAX_FILES = 3
TOO_MANY_FILES_MESSAGE = _("At most %(n)d files may be attached.")
# federation.uploads' message, word for word, for the browser to fill in before the upload.
FILE_SIZE_MESSAGE = _("“%(name)s” is too large (%(size).1f MB); at most %(max)d MB per file.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    class Media:
        # Checks size and count in the browser before the upload (limits on AttachmentsField's attrs).
        js = ["js/upload-limit.js"]


class AttachmentsField(forms.FileField):
    """Up to three files, each checked from its content by ``federation.uploads``; cleans to
    a list of (upload, kind)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.jpg,.jpeg,.png,.docx,.xlsx")

    def widget_attrs(self, widget):
        # The limits and messages for static/js/upload-limit.js, which checks in the browser first.
        return {
            **super().widget_attrs(widget),
            "data-max-size": str(uploads.MAX_UPLOAD_SIZE),
            "data-max-files": str(MAX_FILES),
            "data-size-message": FILE_SIZE_MESSAGE,
            "data-count-message": TOO_MANY_FILES_MESSAGE,
        }

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_FILES:
            raise ValidationError(TOO_MANY_FILES_MESSAGE % {"n": MAX_FILES})
        checked, errors = [], []
        for f in files:
            try:
                checked.append((f, uploads.check_upload(f)))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class RequestFieldsMixin(forms.Form):
    enterprise_name = SingleLineField(label=_("Enterprise name"), max_length=200)
    uscc = USCCField(
        label=_("Unified social credit code"),
        required=False,
        help_text=_("Optional: 18 characters, on the business licence."),
    )
    contact_person = SingleLineField(label=_("Contact person"), max_length=50)
    district = forms.ModelChoiceField(
        label=_("District / county"), queryset=Division.objects.none(), required=False, empty_label=_("(not sure)")
    )
    category = forms.ChoiceField(label=_("Category"), choices=with_empty_choice(Category.choices))
    title = SingleLineField(label=_("Title"), max_length=100, help_text=_("One line: what is the problem?"))
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}), help_text=None
    )
    attachments = AttachmentsField(
        label=_("Attachments"), help_text=_("Up to 3 files: PDF, JPG, PNG, DOCX or XLSX, at most 10 MB each.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Division.objects.counties()

    def submission(self) -> dict:
        """The arguments of ``services.submit_request`` this form gives (after ``is_valid``)."""
        data = self.cleaned_data
        fields = ["enterprise_name", "uscc", "contact_person", "phone", "district", "category", "title", "description"]
        return {**{name: data[name] for name in fields}, "files": data["attachments"]}


class PublicRequestForm(CaptchaFormMixin, RequestFieldsMixin):
    """The public form (no login): consent and a captcha on top of the request's fields."""

    phone = PhoneField(label=_("Mobile phone"), help_text=_("Needed, with the tracking code, to look the request up."))
    consent = forms.BooleanField(
        label=_(
            "I agree that the federation uses the personal information above only to handle this request (Personal Information Protection Law)."
        ),
        error_messages={
            "required": _("Please agree to the use of your personal information, or we cannot handle the request.")
        },
    )
    field_order = [
        "enterprise_name",
        "uscc",
        "contact_person",
        "phone",
        "district",
        "category",
        "title",
        "description",
        "attachments",
        "consent",
        "captcha_answer",
    ]


class StaffRequestForm(RequestFieldsMixin):
    """A request entered by staff on behalf of an enterprise (phone, 12345 hotline, letter, visit)."""

    source = forms.ChoiceField(label=_("Source"), choices=with_empty_choice(Source.choices))
    phone = PhoneField(label=_("Contact phone"), landline=True)

    field_order = ["source", "enterprise_name", "uscc", "contact_person", "phone", "district", "category"]


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    # Normalised like the submit form's, so a number typed either way finds the request; not
    # validated (a wrong number gets the same answer as a wrong code).
    phone = PhoneField(label=_("Mobile phone used"), validators=[])


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Your rating"),
        choices=Rating.choices,
        widget=forms.RadioSelect,  # drawn as three large buttons by request_track_result.html
        error_messages={"required": _("Choose a rating.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- One form per transition (the detail page) ------------------------------------------------


class ActionForm(forms.Form):
    """Carries the version the user saw, so that an action on an outdated page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class AcceptForm(ActionForm):
    pass


class RejectForm(ActionForm):
    reason = forms.CharField(label=_("Reason for not accepting"), widget=forms.Textarea(attrs={"rows": 2}))


def staff_members():
    return (
        get_user_model()
        .objects.filter(groups__name__in=[roles.STAFF, roles.ADMIN], is_active=True)
        .distinct()
        .order_by("username")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", EMPTY_LABEL)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AssignForm(ActionForm):
    assignee = StaffChoiceField(label=_("Assign to"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_members()


class TransferForm(ActionForm):
    department = SingleLineField(label=_("Department"), max_length=100)
    transferred_on = forms.DateField(label=_("Transferred on"), required=False, widget=DateInput)
    note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TransferAnswerForm(ActionForm):
    answer = forms.CharField(label=_("Department's answer"), widget=forms.Textarea(attrs={"rows": 2}))


class SuspendForm(ActionForm):
    reason = forms.CharField(label=_("Waiting for"), widget=forms.Textarea(attrs={"rows": 2}))


class ResumeForm(ActionForm):
    pass


class NoteForm(ActionForm):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(ActionForm):
    text = forms.CharField(label=_("Reply to the enterprise"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(ActionForm):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpForm(ActionForm):
    rating = forms.ChoiceField(label=_("Rating given by phone"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class InstructForm(ActionForm):
    """督办/批示: a leader's instruction on a request, with an optional deadline (today or later)."""

    instruction = forms.CharField(label=_("Instruction"), widget=forms.Textarea(attrs={"rows": 3}))
    due = forms.DateField(label=_("To be handled by (optional)"), required=False, widget=DateInput)

    def clean_due(self):
        from django.utils import timezone

        due = self.cleaned_data.get("due")
        if due is not None and due < timezone.localdate():
            raise ValidationError(_("The deadline of the instruction cannot be in the past."))
        return due


class LinkEnterpriseForm(ActionForm):
    """Link by the enterprise's code, or by choosing one of the records suggested from its name
    (an individual business may have no code)."""

    uscc = forms.CharField(label=_("Unified social credit code of the enterprise"), max_length=30, required=False)
    enterprise_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown (as a checkbox) only when the record found by the code has another name than the request.
    confirm_name = forms.BooleanField(
        label=_("I have checked: it is the same enterprise, link it anyway."), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, req=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.req = req

    def _check_name(self, cleaned):
        """Ask for confirmation when the code's record is named differently from the request."""
        asked = (self.req.enterprise_name if self.req else "") or ""
        if not asked.strip() or same_name(asked, self.enterprise.name) or cleaned.get("confirm_name"):
            return
        self.fields["confirm_name"].widget = forms.CheckboxInput()
        self.add_error(
            "confirm_name",
            _(
                "The record with this code is named “%(record)s”, but the request gives “%(request)s”. "
                "Check that they are the same enterprise before linking."
            )
            % {"record": self.enterprise.name, "request": asked.strip()},
        )

    def clean(self):
        from enterprises.models import Enterprise

        cleaned = super().clean()
        if cleaned.get("enterprise_id"):
            self.enterprise = Enterprise.objects.filter(pk=cleaned["enterprise_id"]).first()
            if self.enterprise is None:
                raise ValidationError(_("That enterprise record no longer exists."))
            return cleaned
        value = normalize_uscc(cleaned.get("uscc", ""))
        if not value:
            self.add_error("uscc", _("Enter the code, or choose one of the suggested records."))
            return cleaned
        try:
            validate_uscc(value)
        except ValidationError as exc:
            self.add_error("uscc", exc)
            return cleaned
        self.enterprise = Enterprise.objects.filter(uscc=value).first()
        if self.enterprise is None:
            self.add_error("uscc", _("No enterprise record has this code."))
        else:
            self._check_name(cleaned)
        return cleaned


def same_name(a: str, b: str) -> bool:
    """Whether two enterprise names are the same once width, spaces and bracket styles are ignored."""

    def key(name):
        return "".join(unicodedata.normalize("NFKC", name).split()).casefold()

    return key(a) == key(b)


class MetricsForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)
    district = forms.ModelChoiceField(
        label=_("District / county"), queryset=Division.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Division.objects.counties()
