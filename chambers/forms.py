"""Forms of the chamber records (一会一档): the chamber itself and the small action forms of its page.

Each action form only collects what its operation in ``chambers.operations`` needs; the operation
decides and refuses (its message is shown on the page)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from federation import uploads
from federation.forms import DateInput, EmptyChoiceMixin, PhoneField, with_empty_choice
from federation.models import Division
from federation.validators import normalize_uscc

from .choices import EventKind, InspectionResult, MemberRole, RatingLevel
from .models import AnnualInspection, Chamber, FourGoodRating


class ChamberForm(EmptyChoiceMixin, forms.ModelForm):
    """Every field staff keep except the status (it changes only through its operations)."""

    office_phone = PhoneField(label=_("Office phone"), landline=True, required=False)
    contact_phone = PhoneField(label=_("Contact phone"), landline=True, required=False)

    class Meta:
        model = Chamber
        fields = [
            "name",
            "short_name",
            "uscc",
            "chamber_type",
            "industry_section",
            "cluster",
            "region_level",
            "origin",
            "registration_authority",
            "registered_on",
            "supervising_unit",
            "district",
            "address",
            "office_phone",
            "secretary_general",
            "contact_person",
            "contact_phone",
            "term_started_on",
            "next_election_due",
            "secretaries",
        ]
        widgets = {"registered_on": DateInput, "term_started_on": DateInput, "next_election_due": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Division.objects.counties(keep=self.instance.district_id)

    def clean_uscc(self):
        # People paste codes with spaces and in lower case; the model's validators check the result.
        return normalize_uscc(self.cleaned_data.get("uscc") or "") or None


class StatusForm(forms.Form):
    """Change a chamber's status along one of the allowed paths, with the reason."""

    action = forms.ChoiceField(label=_("Change to"), choices=())
    reason = forms.CharField(label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, actions=(), offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Every action is accepted by the form, so that one off the allowed paths (a stale page) is
        # refused by the operation with its reason; the select offers only the allowed ones.
        self.fields["action"].choices = with_empty_choice(actions)
        self.fields["action"].widget.choices = with_empty_choice(offered)


class EventForm(forms.Form):
    """An activity the chamber held, or a failed attempt to reach it."""

    kind = forms.ChoiceField(
        label=_("Entry"),
        choices=with_empty_choice(
            [(EventKind.ACTIVITY, EventKind.ACTIVITY.label), (EventKind.CONTACT_FAILED, EventKind.CONTACT_FAILED.label)]
        ),
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput)
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MemberForm(forms.Form):
    """Add a member: the enterprise is found by its unified social credit code or its exact name."""

    enterprise = forms.CharField(label=_("Enterprise (code or full name)"), max_length=200)
    role = forms.ChoiceField(label=_("Role in the chamber"), choices=with_empty_choice(MemberRole.choices))
    started_on = forms.DateField(label=_("Since"), widget=DateInput, required=False)
    ended_on = forms.DateField(label=_("Until"), widget=DateInput, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_enterprise(self):
        from enterprises.models import Enterprise

        value = self.cleaned_data["enterprise"].strip()
        code = normalize_uscc(value)
        found = list(Enterprise.objects.filter(uscc=code)[:1]) if len(code) == 18 else []
        if not found:
            found = list(Enterprise.objects.filter(name=value)[:2])
        if not found:
            # As the request's link form does: offer the records whose names match what was typed.
            from enterprises.search import search_enterprises

            names = list(
                search_enterprises(Enterprise.objects.all(), value).order_by("name").values_list("name", flat=True)[:5]
            )
            if names:
                raise ValidationError(
                    _("No enterprise record has exactly this name. Did you mean: %(names)s?")
                    % {"names": "、".join(names)}
                )
            raise ValidationError(_("No enterprise record has this code or name; add the enterprise first."))
        if len(found) > 1:
            raise ValidationError(_("Several enterprise records have this name: give the code instead."))
        self.enterprise_record = found[0]
        return value


class EndMembershipForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = forms.DateField(label=_("Until"), widget=DateInput)


INSPECTION_DOCUMENT_KINDS = ("pdf", "jpg", "png", "docx")


class OneAYearFormMixin:
    """A ModelForm of a chamber's yearly record (inspection, rating): the chamber is given, not a field,
    so Django would skip the (chamber, year) constraint; it is checked here with ``duplicate_message``."""

    duplicate_message = ""

    def __init__(self, *args, chamber=None, **kwargs):
        super().__init__(*args, **kwargs)
        if chamber is not None:
            self.instance.chamber = chamber

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except ValidationError:
            self.add_error("year", self.duplicate_message)


class InspectionForm(OneAYearFormMixin, forms.ModelForm):
    """An annual inspection: recorded on the chamber's page, corrected on its own edit page."""

    duplicate_message = _("This chamber already has an annual inspection for that year.")

    class Meta:
        model = AnnualInspection
        fields = ["year", "result", "inspected_on", "notes", "document"]
        labels = {
            "document": _("Inspection documents (PDF, JPG, PNG or DOCX)"),
            "year": _("Inspection year"),
            "result": _("Result"),
            "inspected_on": _("Inspected on"),
            "notes": _("Notes"),
        }
        widgets = {"inspected_on": DateInput, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = with_empty_choice(InspectionResult.choices)

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document is not self.initial.get("document"):  # a new upload, not the stored one
            try:
                uploads.check_upload(document, kinds=INSPECTION_DOCUMENT_KINDS)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return document


class RatingForm(OneAYearFormMixin, EmptyChoiceMixin, forms.ModelForm):
    """A Four-Good rating: the chamber's self scores, the federation's review and the level."""

    duplicate_message = _("This chamber already has a Four-Good rating for that year.")

    class Meta:
        model = FourGoodRating
        fields = [
            "year",
            "political_score",
            "team_score",
            "service_score",
            "discipline_score",
            "evidence",
            "review",
            "level",
            "rated_on",
        ]
        widgets = {
            "rated_on": DateInput,
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "review": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = with_empty_choice(RatingLevel.choices)
