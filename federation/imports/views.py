"""The import pages of every specification: upload (with the template and a column guide), the
job page with its progress and dry-run result, confirmation, and the download of invalid rows.

Each view is parameterised by ``spec_key`` (set by ``urls.import_urlpatterns``); the permission is
the spec's, checked by the one permission mixin."""

import os
import tempfile

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView

from federation.permissions import PortalPermissionMixin
from federation.uploads import private_file_response

from . import jobs, registry
from .engine import template_response
from .models import ImportJob
from .reading import ImportRefused, check_upload_file, limit


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, spec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec

    def clean_file(self):
        """Cheap checks now (size, type, the zip's directory and zip bomb, a CSV's headers), so a bad
        file is refused at once and nothing is stored; the rows — and an XLSX's XML, headers
        included — are read by the task, never in the request."""
        uploaded = self.cleaned_data["file"]
        most = limit(self.spec, "MAX_BYTES")
        if uploaded.size > most:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); at most %(max)s.")
                % {"size": filesizeformat(uploaded.size), "max": filesizeformat(most)}
            )
        path, temporary = _local_path(uploaded)
        try:
            check_upload_file(path, self.spec, uploaded.name)
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


def _queue(job_id, apply=False):
    """Queue the check (or the apply) after commit; a broker that is down fails the job at once,
    with the reason, and it can be retried (``ImportRetryView``)."""
    from federation.queueing import queue_after_commit

    from .tasks import run_import_job

    def not_queued(reason):
        jobs.record_failed(job_id, reason, interrupted=True)

    queue_after_commit(run_import_job, (job_id,), {"apply": apply}, on_failure=not_queued)


class ImportViewMixin(PortalPermissionMixin):
    """The spec named by ``spec_key``, its permission, its jobs and its page URLs."""

    spec_key = ""

    @property
    def spec(self):
        return registry.get(self.spec_key)

    def get_permission_required(self):
        return (self.spec.permission,)

    def get_queryset(self):
        queryset = ImportJob.objects.filter(spec=self.spec_key).select_related("created_by", "applied_by")
        return self.restrict_queryset(self.request, queryset, "view")

    def get_context_data(self, **kwargs):
        spec = self.spec
        ctx = super().get_context_data(**kwargs)
        ctx["spec"] = spec
        ctx["urls"] = {
            "upload": reverse(spec.url()),
            "template": reverse(spec.url("template")),
            "list": reverse(spec.list_url_name),
        }
        return ctx


class ImportUploadView(ImportViewMixin, FormView):
    """Upload a file; the check (dry run) starts at once."""

    form_class = ImportUploadForm
    template_name = "federation/import_form.html"

    @staticmethod
    def max_body_size(initkwargs):
        """The whole upload (federation.middleware.BodySizeLimitMiddleware): the file and the form."""
        return limit(registry.get(initkwargs["spec_key"]), "MAX_BYTES") + 1024 * 1024

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "spec": self.spec}

    def form_valid(self, form):
        uploaded = form.cleaned_data["file"]
        name = os.path.basename(uploaded.name)
        job = jobs.create_job(self.spec, uploaded, name=name, size=uploaded.size, user=self.request.user)
        _queue(job.pk)
        return HttpResponseRedirect(job.get_absolute_url())

    def form_invalid(self, form):
        messages.error(self.request, _("The file was refused; nothing has been imported."))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["columns"] = [
            {"header": c.header, "required": c.required, "guide": _(c.guide) if c.guide else "", "allowed": c.allowed}
            for c in self.spec.columns()
        ]
        ctx["max_mb"] = limit(self.spec, "MAX_BYTES") // (1024 * 1024)
        ctx["recent"] = self.get_queryset()[:10]
        return ctx


class ImportJobDetailView(ImportViewMixin, DetailView):
    """One import: progress while it runs, then the dry-run counts and invalid rows, or the result."""

    template_name = "federation/import_detail.html"
    context_object_name = "job"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        spec, pk = self.spec, self.object.pk
        ctx["urls"].update(
            status=reverse(spec.url("status"), args=[pk]),
            apply=reverse(spec.url("apply"), args=[pk]),
            retry=reverse(spec.url("retry"), args=[pk]),
            invalid=reverse(spec.url("invalid"), args=[pk]),
        )
        ctx["progress"] = _progress(self.object)
        return ctx


class ImportJobStatusView(ImportJobDetailView):
    """The status partial the job page polls (htmx) while the job runs; when it has finished the
    page reloads itself to show the result."""

    template_name = "federation/import_status.html"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_running and self.request.headers.get("HX-Request"):
            response["HX-Refresh"] = "true"
        return response


class ImportApplyView(ImportViewMixin, View):
    """Confirm a checked import: all valid rows are applied in one transaction (by the task)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = get_object_or_404(self.get_queryset(), pk=pk)
        with transaction.atomic():
            try:
                jobs.confirm(job.pk, request.user)
            except jobs.ImportStateError as exc:
                messages.error(request, str(exc))
            else:
                _queue(job.pk, apply=True)
        return HttpResponseRedirect(job.get_absolute_url())


class ImportRetryView(ImportViewMixin, View):
    """Run again an import that failed for a reason of the background service (its worker died,
    or the task could not be queued): by the person who uploaded or confirmed it."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = get_object_or_404(self.get_queryset(), pk=pk)
        with transaction.atomic():
            try:
                _job, apply = jobs.retry(job.pk, request.user)
            except jobs.ImportStateError as exc:
                messages.error(request, str(exc))
            else:
                _queue(job.pk, apply=apply)
        return HttpResponseRedirect(job.get_absolute_url())


class ImportInvalidRowsView(ImportViewMixin, View):
    """The invalid rows of an import as XLSX, with the original row number and the reason."""

    def get(self, request, pk):
        job = get_object_or_404(self.get_queryset(), pk=pk)
        stem = os.path.splitext(job.original_name)[0]
        return private_file_response(job.invalid_file.name, f"{stem}-错误行.xlsx", "xlsx")


class ImportTemplateView(ImportViewMixin, View):
    """The empty template: the spec's headers, code columns formatted as text."""

    def get(self, request):
        return template_response(self.spec)


def _progress(job):
    from django.core.cache import cache

    if not job.is_running:
        return {"percent": 100, "done": job.rows_total}
    return cache.get(job.progress_key) or {"percent": 0, "done": 0}
