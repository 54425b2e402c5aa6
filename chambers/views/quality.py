"""Correcting or deleting a chamber's annual inspection or Four-Good rating (recorded on its page).

Both pages sit under the chamber they belong to: cancelling, saving and deleting lead back to its page,
and a chamber secretary reaches only their own chamber's records (the querysets' ``restrict``)."""

import os

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from federation import uploads
from federation.permissions import PortalPermissionMixin
from federation.views.generic import ObjectDeleteView, ObjectEditView

from ..forms import InspectionForm, RatingForm
from ..models import AnnualInspection, FourGoodRating


class ChamberRecordMixin:
    """The record's "list" is its chamber's page; the generic views' list link leads to the register."""

    def model_url(self, action, *args):
        if action == "list":
            return reverse("chambers:chamber_list")
        return super().model_url(action, *args)

    def get_success_url(self):
        return self.object.chamber.get_absolute_url()


class InspectionEditView(ChamberRecordMixin, ObjectEditView):
    """Correct an annual inspection (staff)."""

    model = AnnualInspection
    form_class = InspectionForm
    queryset = AnnualInspection.objects.select_related("chamber")


class InspectionDeleteView(ChamberRecordMixin, ObjectDeleteView):
    """Delete an annual inspection recorded by mistake (staff)."""

    model = AnnualInspection
    queryset = AnnualInspection.objects.select_related("chamber")


class RatingEditView(ChamberRecordMixin, ObjectEditView):
    """Correct a Four-Good rating; its validity follows the corrected date and result."""

    model = FourGoodRating
    form_class = RatingForm
    queryset = FourGoodRating.objects.select_related("chamber")


class RatingDeleteView(ChamberRecordMixin, ObjectDeleteView):
    """Delete a Four-Good rating recorded by mistake (staff)."""

    model = FourGoodRating
    queryset = FourGoodRating.objects.select_related("chamber")


class InspectionDocumentView(PortalPermissionMixin, View):
    """Download an inspection's documents: whoever may read the chamber's inspections (a secretary:
    their own chamber's), never by a public URL."""

    model = AnnualInspection
    action = "view"

    def get(self, request, pk):
        queryset = self.restrict_queryset(request, AnnualInspection.objects.select_related("chamber"), "view")
        inspection = get_object_or_404(queryset.exclude(document=""), pk=pk)
        ext = os.path.splitext(inspection.document.name)[1].lower()
        kind = {".jpeg": "jpg", ".jpg": "jpg"}.get(ext, ext.lstrip("."))
        name = _("%(chamber)s %(year)s annual inspection%(ext)s") % {
            "chamber": inspection.chamber,
            "year": inspection.year,
            "ext": ext,
        }
        return uploads.private_file_response(inspection.document.name, name, kind)
