"""Import pages: upload (with the template and a column guide), the job page with its progress and
dry-run result, confirmation, and the download of invalid rows."""

import os
import tempfile

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView

from federation.permissions import PortalPermissionMixin
from federation.uploads import private_file_response

from .. import spreadsheet
from ..imports import ImportRefused, max_bytes, open_sheet
from ..models import EnterpriseImport
from ..tasks import run_enterprise_import

IMPORT_PERMISSION = "enterprises.import_enterprise"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        """Cheap checks now (size, type, zip bomb, headers), so a bad file is refused at once and
        nothing is stored; the rows are read by the task."""
        uploaded = self.cleaned_data["file"]
        limit = max_bytes()
        if uploaded.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); at most %(max)s.")
                % {"size": filesizeformat(uploaded.size), "max": filesizeformat(limit)}
            )
        path, temporary = _local_path(uploaded)
        try:
            open_sheet(path, uploaded.name).close()
        except ImportRefused as exc:
            raise forms.ValidationError(str(exc))
        finally:
            if temporary:
                os.unlink(path)
            uploaded.seek(0)
        return uploaded


def _local_path(uploaded):
    """A path to the upload's bytes: its temporary file, or a copy of a small in-memory upload."""
    if hasattr(uploaded, "temporary_file_path"):
        return uploaded.temporary_file_path(), False
    suffix = os.path.splitext(uploaded.name or "")[1][:6]
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    return handle.name, True


class ImportPermissionMixin(PortalPermissionMixin):
    permission_required = IMPORT_PERMISSION


class EnterpriseImportView(ImportPermissionMixin, FormView):
    """Upload a registry file; the check (dry run) starts at once."""

    form_class = ImportUploadForm
    template_name = "enterprises/import_form.html"

    def form_valid(self, form):
        uploaded = form.cleaned_data["file"]
        job = EnterpriseImport(original_name=os.path.basename(uploaded.name), size=uploaded.size)
        job.created_by = self.request.user
        job.file.save(uploaded.name, uploaded, save=True)
        transaction.on_commit(lambda: run_enterprise_import.delay(job.pk))
        return HttpResponseRedirect(job.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, _("The file was refused; nothing has been imported."))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["columns"] = [
            {
                "header": c.header,
                "required": c.required,
                "guide": _(c.guide) if c.guide else "",
                "allowed": spreadsheet.allowed_values(c) if c.kind == "choice" else "",
            }
            for c in spreadsheet.COLUMNS
        ]
        ctx["max_mb"] = max_bytes() // (1024 * 1024)
        ctx["recent"] = EnterpriseImport.objects.select_related("created_by")[:10]
        return ctx


class EnterpriseImportDetailView(ImportPermissionMixin, DetailView):
    """One import: progress while it runs, then the dry-run counts and invalid rows, or the result."""

    model = EnterpriseImport
    template_name = "enterprises/import_detail.html"
    context_object_name = "job"

    def get_queryset(self):
        return EnterpriseImport.objects.select_related("created_by", "applied_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["progress"] = _progress(self.object)
        return ctx


class EnterpriseImportStatusView(EnterpriseImportDetailView):
    """The status partial the job page polls (htmx) while the job runs; when it has finished the
    page reloads itself to show the result."""

    template_name = "enterprises/import_status.html"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_running and self.request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"
        return response


class EnterpriseImportApplyView(ImportPermissionMixin, View):
    """Confirm a checked import: all valid rows are applied in one transaction (by the task)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        with transaction.atomic():
            job = get_object_or_404(EnterpriseImport.objects.select_for_update(), pk=pk)
            if job.status != EnterpriseImport.Status.CHECKED:
                messages.error(
                    request,
                    _("This import cannot be confirmed now (it is “%(status)s”).")
                    % {"status": job.get_status_display()},
                )
                return HttpResponseRedirect(job.get_absolute_url())
            job.status = EnterpriseImport.Status.APPLYING
            job.applied_by = request.user
            job.save(update_fields=["status", "applied_by"])
            transaction.on_commit(lambda: run_enterprise_import.delay(job.pk, apply=True))
        return HttpResponseRedirect(job.get_absolute_url())


class EnterpriseImportInvalidRowsView(ImportPermissionMixin, View):
    """The invalid rows of an import as XLSX, with the original row number and the reason."""

    def get(self, request, pk):
        job = get_object_or_404(EnterpriseImport, pk=pk)
        stem = os.path.splitext(job.original_name)[0]
        return private_file_response(job.invalid_file.name, f"{stem}-错误行.xlsx", "xlsx")


class EnterpriseImportTemplateView(ImportPermissionMixin, View):
    """The empty template: the headers of ``spreadsheet.COLUMNS``."""

    def get(self, request):
        return spreadsheet.template_response()


def _progress(job):
    from django.core.cache import cache

    if not job.is_running:
        return {"percent": 100, "done": job.rows_total}
    return cache.get(job.progress_key) or {"percent": 0, "done": 0}
