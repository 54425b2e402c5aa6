"""Forms of visits: the quick visit form (a phone right after the visit) and the follow-up action."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from enterprises.picker import EnterprisesField
from federation.forms import DateInput

from ..campaigns.models import Campaign
from ..requests.forms import AttachmentsField, staff_members
from .models import Visit

PHOTO_KINDS = ("jpg", "png")
MAX_PHOTOS = 3


class PhotosField(AttachmentsField):
    """Up to three photos: the request attachments' checks, then JPG or PNG only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs["accept"] = ".jpg,.jpeg,.png"
        self.widget.attrs["capture"] = "environment"

    def clean(self, data, initial=None):
        checked = super().clean(data, initial)
        wrong = [f.name for f, kind in checked if kind not in PHOTO_KINDS]
        if wrong:
            raise ValidationError(
                [_("“%(name)s” is not a photo; send JPG or PNG pictures.") % {"name": name} for name in wrong]
            )
        return checked


class StaffMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class VisitEditForm(forms.ModelForm):
    """The visit: date (today by default), form and enterprises are all it needs; the rest when known."""

    enterprises = EnterprisesField(
        label=pgettext_lazy("visit", "Enterprises visited"),
        help_text=_("Type two characters of the name (or the start of the credit code) and pick; one or more."),
    )
    staff = StaffMultipleField(
        label=_("Staff who went"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You, if no one is ticked."),
    )
    photos = PhotosField(label=_("Photos"), help_text=_("Up to 3 photos, JPG or PNG, at most 10 MB each."))

    class Meta:
        model = Visit
        fields = ["date", "form", "enterprises", "staff", "campaign", "place", "summary", "problems", "follow_up_on"]
        widgets = {
            "date": DateInput,
            "follow_up_on": DateInput,
            "form": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "problems": _("Each problem can then be raised as a request from the visit's page."),
            "follow_up_on": _("The visit appears on the workbench of the staff who went from this day."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_members()
        campaigns = Campaign.objects.order_by("-starts_on", "-pk")
        if self.instance.pk is None:
            today = timezone.localdate()
            self.fields["date"].initial = today
            campaigns = campaigns.filter(ends_on__gte=today - datetime.timedelta(days=31))
        elif self.instance.campaign_id:
            campaigns = campaigns | Campaign.objects.filter(pk=self.instance.campaign_id)
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].empty_label = _("(none)")
        self.fields["form"].choices = [c for c in self.fields["form"].choices if c[0]]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise ValidationError(_("A visit cannot be dated in the future."))
        return date

    def clean(self):
        data = super().clean()
        date, follow_up = data.get("date"), data.get("follow_up_on")
        if date and follow_up and follow_up < date:
            self.add_error("follow_up_on", _("The follow-up date cannot be before the visit."))
        campaign = data.get("campaign")
        if date and campaign and not (campaign.starts_on <= date <= campaign.ends_on):
            self.add_error(
                "campaign",
                _("The visit's date is outside the campaign (%(start)s – %(end)s).")
                % {"start": f"{campaign.starts_on:%Y-%m-%d}", "end": f"{campaign.ends_on:%Y-%m-%d}"},
            )
        return data
