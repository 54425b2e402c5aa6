"""Forms of the job fairs: the fair (staff), the public registration with its positions (a
formset), the correction lookup (code and phone), and the staff's actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from federation.forms import CaptchaFormMixin, DateInput, EmptyChoiceMixin, PhoneField, USCCField

from .models import JobFair, JobPosition
from .operations import booths_used

MAX_POSITIONS = 30


class JobFairForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = JobFair
        fields = [
            "title",
            "held_on",
            "venue",
            "organiser",
            "campaign",
            "registration_opens",
            "registration_closes",
            "booths",
            "description",
        ]
        widgets = {
            "held_on": DateInput(),
            "registration_opens": DateInput(),
            "registration_closes": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_booths(self):
        value = self.cleaned_data.get("booths")
        if value is not None and value < 1:
            raise ValidationError(_("A job fair needs at least one booth."))
        if value is not None and self.instance.pk:
            used = booths_used(self.instance)
            if value < used:
                raise ValidationError(
                    _("%(used)d booths are already given to approved enterprises; return some first.") % {"used": used}
                )
        return value

    def clean(self):
        cleaned = super().clean()
        opens, closes, held = (cleaned.get(k) for k in ("registration_opens", "registration_closes", "held_on"))
        if opens and closes and closes < opens:
            self.add_error("registration_closes", _("Registration cannot close before it opens."))
        if closes and held and closes > held:
            self.add_error("registration_closes", _("Registration must close by the day of the fair."))
        return cleaned


class PositionForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = JobPosition
        fields = ["title", "headcount", "education", "experience", "salary_min", "salary_max", "place", "requirements"]
        widgets = {
            "requirements": forms.Textarea(attrs={"rows": 2}),
            "headcount": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "salary_min": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 100}),
            "salary_max": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 100}),
        }
        error_messages = {"headcount": {"min_value": _("The number of openings must be at least 1.")}}

    def clean_headcount(self):
        value = self.cleaned_data.get("headcount")
        if value is not None and value < 1:
            raise ValidationError(_("The number of openings must be at least 1."))
        return value

    def clean(self):
        cleaned = super().clean()
        lo, hi = cleaned.get("salary_min"), cleaned.get("salary_max")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("salary_max", _("The highest salary cannot be below the lowest."))
        return cleaned


class BasePositionFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.positions():
            raise ValidationError(_("Add at least one position."))

    def positions(self) -> list[dict]:
        return [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


PositionFormSet = forms.formset_factory(
    PositionForm,
    formset=BasePositionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_POSITIONS,
    validate_max=True,
    # Never more forms built than may be sent: a posted TOTAL_FORMS of 1,000 would otherwise build
    # and render 1,000 position forms (Django's default bound is max_num + 1,000): a minute's work.
    absolute_max=MAX_POSITIONS,
)
# A position left entirely empty is skipped (formsets ignore unchanged extra forms); the first form
# is required so an empty registration says "add at least one position".


class RegistrationForm(CaptchaFormMixin, forms.Form):
    """The enterprise and its contact (the positions come in a formset beside it)."""

    uscc = USCCField(
        label=_("Unified social credit code"),
        required=False,
        help_text=_("18 characters, on the business licence; we fill in the name when we know the code."),
    )
    enterprise_name = forms.CharField(label=_("Enterprise name"), max_length=200, required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=50)
    phone = PhoneField(label=_("Mobile phone"))
    consent = forms.BooleanField(
        label=_(
            "I agree that the federation uses the contact details above only to organise this job fair (Personal Information Protection Law)."
        ),
        error_messages={"required": _("Please agree to the use of your contact details, or we cannot register you.")},
    )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("enterprise_name") or "").strip() and not cleaned.get("uscc") and "uscc" not in self.errors:
            self.add_error("enterprise_name", _("Give the enterprise's name or its unified social credit code."))
        return cleaned

    def registration_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("enterprise_name", "uscc", "contact_person", "phone")}


class CorrectionForm(RegistrationForm):
    """The same fields when the enterprise corrects a returned registration (no captcha again: the
    code and phone proved who it is)."""

    captcha_answer = None
    captcha_token = None
    consent = None


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
    phone = PhoneField(label=_("Mobile phone"))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}))


class CountForm(forms.Form):
    count = forms.IntegerField(label=_("Number"), min_value=0)


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Position"), required=False, widget=forms.TextInput(attrs={"type": "search"}))
    salary = forms.IntegerField(label=_("Salary at least (yuan a month)"), required=False, min_value=0)
    place = forms.CharField(label=_("Place of work"), required=False)
