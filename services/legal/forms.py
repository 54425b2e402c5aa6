"""Staff forms of the legal service network: station, lawyer, consultation (also pre-filled from a
request of category 法律)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.picker import EnterprisesField
from federation.forms import DateInput, EmptyChoiceMixin, PhoneField
from federation.models import Division

from .choices import ConsultationKind
from .models import Lawyer, LegalConsultation, LegalStation


class LegalStationForm(EmptyChoiceMixin, forms.ModelForm):
    """A station: its host is a chamber (a select: the city has a few dozen), an enterprise (the
    picker: the register is far too long for a select), or a park or subdistrict by name."""

    office_phone = PhoneField(landline=True, label=_("office phone"), required=False)
    host_enterprise_pick = EnterprisesField(
        label=_("host enterprise"),
        required=False,
        help_text=_("Type two characters of the name (or the start of the credit code) and pick one."),
    )

    class Meta:
        model = LegalStation
        fields = [
            "name",
            "host_kind",
            "host_chamber",
            "host_enterprise_pick",
            "host_name",
            "district",
            "address",
            "opening_hours",
            "office_phone",
            "lawyers",
            "founded_on",
        ]
        widgets = {"founded_on": DateInput, "lawyers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Division.objects.counties()
        self.fields["host_chamber"].queryset = self.fields["host_chamber"].queryset.order_by("name")
        if self.instance.host_enterprise_id and "host_enterprise_pick" not in self.initial:
            self.initial["host_enterprise_pick"] = [self.instance.host_enterprise_id]

    def clean(self):
        picked = self.cleaned_data.get("host_enterprise_pick") or []
        if len(picked) > 1:
            self.add_error("host_enterprise_pick", _("Pick one enterprise only."))
        else:
            self.instance.host_enterprise = picked[0] if picked else None
        data = super().clean()
        return data

    def _update_errors(self, errors):
        # The model's clean() names ``host_enterprise``; the form shows it as the picker.
        if hasattr(errors, "error_dict") and "host_enterprise" in errors.error_dict:
            errors.error_dict["host_enterprise_pick"] = errors.error_dict.pop("host_enterprise")
        super()._update_errors(errors)


class LawyerForm(forms.ModelForm):
    phone = PhoneField(landline=True, label=_("lawyer's phone"), required=False)

    class Meta:
        model = Lawyer
        fields = ["name", "law_firm", "specialties", "phone"]


class LegalConsultationForm(EmptyChoiceMixin, forms.ModelForm):
    """The consultation: the enterprise picked from the records (or its name typed), the question and
    the advice; a 法治体检 lists its findings, one a line."""

    enterprise_pick = EnterprisesField(
        label=_("Enterprise on record"),
        required=False,
        help_text=_("Type two characters of the name (or the start of the credit code) and pick one."),
    )

    class Meta:
        model = LegalConsultation
        fields = [
            "enterprise_name",
            "date",
            "kind",
            "channel",
            "topic",
            "station",
            "lawyer",
            "question",
            "findings",
            "advice",
            "outcome",
            "follow_up_on",
        ]
        widgets = {
            "date": DateInput,
            "follow_up_on": DateInput,
            "channel": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "question": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "advice": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "enterprise_name": _("Filled in from the enterprise picked; type it for one not on record."),
            "follow_up_on": _("The consultation appears on your workbench from this day."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise_name"].required = False
        self.fields["station"].queryset = LegalStation.objects.order_by("name")
        self.fields["lawyer"].queryset = Lawyer.objects.order_by("name")
        for name in ("channel", "kind"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        if self.instance.pk is None:
            self.fields["date"].initial = timezone.localdate()
        elif self.instance.enterprise_id and "enterprise_pick" not in self.initial:
            self.initial["enterprise_pick"] = [self.instance.enterprise_id]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise ValidationError(_("A consultation cannot be dated in the future."))
        return date

    def clean(self):
        data = super().clean()
        picked = data.get("enterprise_pick") or []
        if len(picked) > 1:
            self.add_error("enterprise_pick", _("Pick one enterprise only."))
        elif picked:
            self.instance.enterprise = picked[0]
            if not data.get("enterprise_name"):
                data["enterprise_name"] = picked[0].name
                self.instance.enterprise_name = picked[0].name
        elif "enterprise_pick" not in self.errors:
            self.instance.enterprise = None
            if not data.get("enterprise_name"):
                self.add_error("enterprise_name", _("Pick the enterprise or type its name."))
        if data.get("kind") == ConsultationKind.CHECKUP and not (data.get("findings") or "").strip():
            self.add_error("findings", _("A legal health check lists its findings, one a line."))
        date, follow_up = data.get("date"), data.get("follow_up_on")
        if date and follow_up and follow_up < date:
            self.add_error("follow_up_on", _("The follow-up date cannot be before the consultation."))
        return data
