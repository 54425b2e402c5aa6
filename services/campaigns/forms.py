"""Forms of campaigns: the campaign and its goals (an inline formset: measure, target, and
optionally the staff member or district the goal is split to)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from federation.forms import DateInput
from federation.models import Division

from ..requests.forms import StaffChoiceField, staff_members
from .models import Campaign, CampaignGoal


class CampaignForm(forms.ModelForm):
    lead = StaffChoiceField(label=_("Lead"), queryset=None, required=False)

    class Meta:
        model = Campaign
        fields = ["name", "starts_on", "ends_on", "lead", "description"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = staff_members()

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        return data


class CampaignGoalForm(forms.ModelForm):
    staff = StaffChoiceField(label=_("Split to staff member"), queryset=None, required=False)

    class Meta:
        model = CampaignGoal
        fields = ["measure", "target", "staff", "district"]
        labels = {"district": _("or to district")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_members()
        self.fields["district"].queryset = Division.objects.counties()
        self.fields["target"].min_value = 1
        self.fields["target"].widget.attrs["min"] = 1

    def clean_target(self):
        target = self.cleaned_data.get("target")
        if target is not None and target < 1:
            raise ValidationError(_("A target is at least 1."))
        return target

    def clean(self):
        data = super().clean()
        if data.get("staff") and data.get("district"):
            raise ValidationError(_("Split a goal by staff member or by district, not both."))
        return data


class BaseGoalFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            d = form.cleaned_data
            key = (d.get("measure"), getattr(d.get("staff"), "pk", None), getattr(d.get("district"), "pk", None))
            if key in seen:
                form.add_error(None, _("This goal is given twice; give each measure once per person or district."))
            seen.add(key)


GoalFormSet = inlineformset_factory(
    Campaign, CampaignGoal, form=CampaignGoalForm, formset=BaseGoalFormSet, extra=2, can_delete=True
)
