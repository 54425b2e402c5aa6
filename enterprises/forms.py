"""Form of an enterprise record (add and change)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from federation.forms import DateInput
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
            "founded_on": DateInput,
            "member_since": DateInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    # The form's sections on the page: (title, [(field, width in twelfths on a wide screen)]).
    FIELDSETS = [
        (
            _("Registry"),
            [
                ("name", 8),
                ("uscc", 4),
                ("entity_type", 4),
                ("ownership", 4),
                ("registry_status", 4),
                ("legal_representative", 4),
                ("registered_capital", 4),
                ("founded_on", 4),
                ("district", 4),
                ("address", 8),
                ("industry_section", 6),
                ("industry_division", 6),
            ],
        ),
        (
            _("Operations and contact"),
            [
                ("cluster", 4),
                ("scale", 4),
                ("employees", 4),
                ("revenue_last_year", 4),
                ("contact_person", 4),
                ("contact_phone", 4),
            ],
        ),
        (_("Federation membership"), [("is_member", 4), ("member_level", 4), ("member_since", 4)]),
        (_("Notes"), [("tags", 12), ("notes", 12)]),
    ]

    def fieldsets(self):
        """The sections with bound fields, for the template."""
        return [(title, [(self[name], width) for name, width in fields]) for title, fields in self.FIELDSETS]

    def clean_uscc(self):
        return normalize_uscc(self.cleaned_data.get("uscc")) or None
