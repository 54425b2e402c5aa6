"""Form of an enterprise record (add and change)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from federation.forms import DateInput, EmptyChoiceMixin, MoneyField, PhoneField
from federation.models import Division
from federation.validators import normalize_uscc

from .models import Enterprise


class EnterpriseForm(EmptyChoiceMixin, forms.ModelForm):
    """Every field staff keep; the USCC is normalised (upper case, no spaces) as people paste it,
    money is typed in 万元 (as the portal shows it) and stored in yuan, phones are normalised."""

    registered_capital = MoneyField(label=_("Registered capital"), required=False)
    revenue_last_year = MoneyField(label=_("Last year's revenue"), required=False)
    contact_phone = PhoneField(label=_("Contact phone"), landline=True, required=False)

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
        error_messages = {"employees": {"min_value": _("This may not be negative.")}}
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Division.objects.counties(keep=self.instance.district_id)

    def fieldsets(self):
        """The sections with bound fields, for the template."""
        return [(title, [(self[name], width) for name, width in fields]) for title, fields in self.FIELDSETS]

    def _update_errors(self, errors):
        # A code the form already refused (bad, or on record) never reached the model, whose
        # clean() would then also call it missing: say only the first, true reason.
        if "uscc" in self._errors and hasattr(errors, "error_dict"):
            errors.error_dict.pop("uscc", None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)

    def clean_uscc(self):
        code = normalize_uscc(self.cleaned_data.get("uscc")) or None
        if code:
            other = Enterprise.objects.filter(uscc=code).exclude(pk=self.instance.pk).only("pk", "name").first()
            if other is not None:
                # Name the record that has the code and link to it, instead of Django's generic
                # "具有 统一社会信用代码 的 企业 已存在。".
                raise ValidationError(
                    format_html(
                        '{} <a href="{}" data-testid="duplicate-record">{}</a>',
                        _("This unified social credit code is already recorded as “%(name)s”.") % {"name": other.name},
                        other.get_absolute_url(),
                        _("Open that record"),
                    ),
                    code="unique",
                )
        return code
