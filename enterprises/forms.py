"""Form of an enterprise record (add and change)."""

from django import forms

from federation.validators import normalize_uscc

from .models import Enterprise


class EnterpriseForm(forms.ModelForm):
    """Every field staff keep; the USCC is normalised (upper case, no spaces) as people paste it."""

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "uscc",
            "entity_type",
            "ownership",
            "legal_representative",
            "registered_capital",
            "founded_on",
            "registry_status",
            "district",
            "address",
            "industry_section",
            "industry_division",
            "cluster",
            "scale",
            "employees",
            "revenue_last_year",
            "contact_person",
            "contact_phone",
            "is_member",
            "member_level",
            "member_since",
            "tags",
            "notes",
        ]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "member_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_uscc(self):
        return normalize_uscc(self.cleaned_data.get("uscc")) or None
