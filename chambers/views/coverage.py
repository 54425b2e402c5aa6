"""The coverage of key areas (重点区域覆盖) and the key areas' add and edit pages."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from enterprises.choices import Cluster
from federation.models import Division
from federation.permissions import PortalPermissionMixin
from federation.views.generic import ObjectEditView

from .. import coverage
from ..choices import KeyAreaKind
from ..models import Chamber, KeyArea


class KeyAreaForm(forms.ModelForm):
    """A key area: subdistricts come from the reference divisions, key industries from the clusters."""

    class Meta:
        model = KeyArea
        fields = ["kind", "name", "district", "division", "cluster", "chambers", "note"]
        widgets = {"chambers": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.townships()
        self.fields["district"].queryset = Division.objects.counties()
        self.fields["chambers"].queryset = Chamber.objects.only("pk", "name").order_by("name")
        self.fields["cluster"].choices = [("", "---------"), *Cluster.choices]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == KeyAreaKind.SUBDISTRICT and not data.get("division"):
            self.add_error("division", forms.ValidationError(_("Choose the subdistrict from the divisions.")))
        if kind == KeyAreaKind.INDUSTRY and not data.get("cluster"):
            self.add_error("cluster", forms.ValidationError(_("Choose the industry cluster.")))
        return data


class CoverageView(PortalPermissionMixin, TemplateView):
    """Each key area with the active chambers covering it, the uncovered ones, the rates by kind and
    overall, and the chambers founded this year with the areas they cover: four queries."""

    model = KeyArea
    template_name = "chambers/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        areas = list(coverage.areas_with_coverage())
        year = timezone.localdate().year
        ctx.update(
            areas=areas,
            uncovered=[a for a in areas if not a.n_covering],
            rates=coverage.rates(areas),
            year=year,
            founded=coverage.founded_in(year, self.restrict_queryset(self.request, Chamber.objects.all(), "view")),
            can_add=self.request.user.has_perm("chambers.add_keyarea"),
            can_change=self.request.user.has_perm("chambers.change_keyarea"),
        )
        return ctx


class KeyAreaEditView(ObjectEditView):
    """Add or change a key area (staff)."""

    model = KeyArea
    form_class = KeyAreaForm

    def model_url(self, action, *args):
        if action == "list":
            return reverse("chambers:coverage")  # the areas are listed on the coverage page
        return super().model_url(action, *args)

    def get_success_url(self):
        return reverse("chambers:coverage")
