"""Forms of policies: the staff form (with the document as a file), the outreach record and the
public matcher's choices."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.choices import Cluster, EntityType, Scale
from federation import uploads
from federation.forms import DateInput, EmptyChoiceMixin
from federation.models import Division, Industry

from ..campaigns.models import Campaign
from .choices import Channel
from .models import Policy, PolicyFile

DOCUMENT_KINDS = ("pdf", "docx")
DOCUMENT_MAX_SIZE = 20 * 1024 * 1024


class SectionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class PolicyForm(EmptyChoiceMixin, forms.ModelForm):
    """Add or change a policy. The conditions say whom it applies to (each left empty: any); the
    document, if given, must be a PDF or DOCX file; nothing is saved unless everything is valid."""

    document = forms.FileField(
        label=_("Policy document"),
        required=False,
        help_text=_("PDF or DOCX, at most 20 MB. A new file replaces the current one."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    class Meta:
        model = Policy
        fields = [
            "title",
            "issuer",
            "document_number",
            "issued_on",
            "level",
            "category",
            "summary",
            "body",
            "valid_from",
            "valid_until",
            "industry_sections",
            "clusters",
            "scales",
            "entity_types",
            "districts",
        ]
        widgets = {
            "issued_on": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 10}),
            "districts": forms.CheckboxSelectMultiple,
        }
        field_classes = {"industry_sections": SectionChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry_sections"].queryset = Industry.objects.filter(level=Industry.Level.SECTION)
        self.fields["industry_sections"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["industry_sections"].choices
        )
        self.fields["districts"].queryset = Division.objects.counties()
        for name in ("industry_sections", "clusters", "scales", "entity_types", "districts"):
            self.fields[name].help_text = _("Leave empty when the policy applies to any.")

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        try:
            kind = uploads.check_upload(upload, kinds=DOCUMENT_KINDS, max_size=DOCUMENT_MAX_SIZE)
        except ValidationError as exc:
            if exc.code in ("file_type", "file_content"):
                raise ValidationError(
                    _("“%(name)s” is not a PDF or DOCX file; the policy document must be one of these.")
                    % {"name": upload.name}
                ) from exc
            raise
        return upload, kind

    @transaction.atomic
    def save(self, commit=True):
        policy = super().save(commit=commit)
        document = self.cleaned_data.get("document")
        if commit and document:
            upload, kind = document
            for old in list(policy.files.all()):
                old.delete()
                # The old file goes once the new one is committed (a rollback keeps it).
                transaction.on_commit(lambda name=old.stored_name: uploads.delete_stored(name))
            stored = uploads.store_upload(upload, kind, "policies")
            PolicyFile.objects.create(
                policy=policy, original_name=upload.name[:200], stored_name=stored, kind=kind, size=upload.size
            )
        return policy


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OutreachForm(EmptyChoiceMixin, forms.Form):
    """Mark the enterprises ticked on a policy's list as informed (政策推送)."""

    enterprise = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True, widget=forms.MultipleHiddenInput)
    informed_on = forms.DateField(label=_("Informed on"), widget=DateInput)
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", "---------"), *Channel.choices])
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.none(), required=False)

    def __init__(self, *args, enterprise_ids=(), **kwargs):
        kwargs.setdefault("initial", {}).setdefault("informed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].choices = [(pk, pk) for pk in enterprise_ids]
        self.fields["enterprise"].error_messages["required"] = _("Tick the enterprises that were informed.")
        self.fields["campaign"].queryset = Campaign.objects.order_by("-starts_on")
        self.fields["informed_on"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["channel"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["campaign"].widget.attrs["class"] = "form-select form-select-sm"

    def clean_informed_on(self):
        day = self.cleaned_data["informed_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date an enterprise was informed cannot be in the future."))
        return day


def _blank(choices):
    return [("", _("Not chosen")), *choices]


class MatchForm(forms.Form):
    """The public matcher (no login, GET so the answer can be bookmarked): what kind of enterprise
    the visitor runs. Nothing personal is asked."""

    industry_section = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.none(), required=False, empty_label=_("Not chosen")
    )
    scale = forms.ChoiceField(label=_("Scale"), choices=_blank(Scale.choices), required=False)
    entity_type = forms.ChoiceField(label=_("Entity type"), choices=_blank(EntityType.choices), required=False)
    district = forms.ModelChoiceField(
        label=_("District / county"), queryset=Division.objects.none(), required=False, empty_label=_("Not chosen")
    )
    cluster = forms.ChoiceField(
        label=_("Key industry cluster"),
        choices=_blank(Cluster.choices),
        required=False,
        help_text=_("Only if your business is in one of the city's four key clusters; otherwise choose “Other”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry_section"].queryset = Industry.objects.filter(level=Industry.Level.SECTION)
        self.fields["industry_section"].label_from_instance = lambda obj: f"{obj.code} {obj.name}"
        self.fields["district"].queryset = Division.objects.counties()

    def profile(self):
        from .matching import Profile

        data = self.cleaned_data
        return Profile(
            industry_section=data.get("industry_section"),
            cluster=data.get("cluster") or "",
            scale=data.get("scale") or "",
            entity_type=data.get("entity_type") or "",
            district=data.get("district"),
        )
