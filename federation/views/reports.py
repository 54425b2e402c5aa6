"""The report centre's other pages: asking for a report with its parameters, the Word templates of
the monthly report (download, upload, history) and the periodic tasks (for the administrator)."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import monthly, registry, reports
from ..models import ReportTemplate
from ..permissions import PortalPermissionMixin


def requestable_kinds(user) -> list[registry.ReportKind]:
    """The kinds a user may ask for with parameters from the report centre (those with a form)."""
    return [k for k in registry.reports if k.param_form is not None and user.has_perm(k.permission)]


class ReportRequestView(LoginRequiredMixin, FormView):
    """Ask for a report: its parameters (the kind's form), then queued; back to the report centre."""

    template_name = "federation/report_request.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.kind = registry.report_kind(kwargs["kind"])
        except KeyError:
            raise Http404 from None
        if self.kind.param_form is None:
            raise Http404
        if request.user.is_authenticated and not request.user.has_perm(self.kind.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.kind.param_form

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.kind, **kwargs)

    def form_valid(self, form):
        if hasattr(form, "request_reports"):
            form.request_reports(self.request.user)
        else:
            reports.request_report(self.kind.key, form.cleaned_data, self.request.user)
        messages.success(self.request, _("Your report is being generated; it appears below when ready."))
        return HttpResponseRedirect(reverse("federation:report_list"))


class TemplateUploadForm(forms.Form):
    """A Word template for the monthly report, checked before it is used (``monthly.check_template``)."""

    file = forms.FileField(label=gettext_lazy("Word template (.docx)"))
    note = forms.CharField(label=gettext_lazy("What changed"), max_length=200, required=False)

    def clean_file(self):
        from ..uploads import check_upload

        upload = self.cleaned_data["file"]
        check_upload(upload, kinds=("docx",))
        problems = monthly.check_template(upload)
        upload.seek(0)
        if problems:
            raise ValidationError(problems)
        return upload


class ReportTemplateListView(PortalPermissionMixin, TemplateView):
    """The monthly report's Word template: the one in use, its history, the placeholders it may use;
    the administrator uploads a new one here."""

    model = ReportTemplate
    template_name = "federation/reporttemplate_list.html"

    def get_context_data(self, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["templates"] = ReportTemplate.objects.filter(kind=monthly.KEY).select_related("uploaded_by")[:30]
        ctx["current"] = ctx["templates"][0] if ctx["templates"] else None
        ctx["variables"] = list(monthly.VARIABLES.items())
        ctx["may_upload"] = self.request.user.has_perm("federation.add_reporttemplate")
        ctx["form"] = form or TemplateUploadForm()
        ctx["loop_hint"] = _(
            "Table rows repeat with {%tr for f in figures %} … {%tr endfor %}; paragraphs with "
            "{%p if … %} … {%p endif %}."
        )
        return ctx


class ReportTemplateUploadView(PortalPermissionMixin, View):
    """Upload a new template (refused, with the reason, when a placeholder is broken or unknown)."""

    model = ReportTemplate
    action = "add"
    http_method_names = ["post"]

    def post(self, request):
        form = TemplateUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            view = ReportTemplateListView(request=request, kwargs={}, args=())
            return view.render_to_response(view.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        template = ReportTemplate(
            kind=monthly.KEY,
            original_name=upload.name[:200],
            note=form.cleaned_data["note"],
            uploaded_by=request.user,
        )
        template.file.save(upload.name, upload, save=False)
        template.save()
        messages.success(request, _("The new template is in use from the next monthly report."))
        return HttpResponseRedirect(reverse("federation:reporttemplate_list"))


class ReportTemplateDownloadView(PortalPermissionMixin, View):
    """A template to edit in Word or WPS: an uploaded one by its id, or the default (``pk`` 0)."""

    model = ReportTemplate

    def get(self, request, pk):
        from django.http import FileResponse

        if pk == 0:
            name = _("monthly report template (default).docx")
            handle = open(monthly.DEFAULT_TEMPLATE, "rb")  # noqa: SIM115 - FileResponse closes it
            return FileResponse(handle, as_attachment=True, filename=name, content_type=registry.REPORT_FORMATS["docx"])
        from ..uploads import private_file_response

        template = get_object_or_404(ReportTemplate, pk=pk)
        return private_file_response(template.file.name, template.original_name, "docx")


class ScheduleListView(PortalPermissionMixin, TemplateView):
    """The periodic tasks beat runs (``registry.schedules`` merged into the Celery schedule), each with
    when it runs next."""

    permission_required = "federation.view_schedule"
    template_name = "federation/schedule_list.html"

    def get_context_data(self, **kwargs):
        from celery.schedules import crontab, maybe_schedule

        from ..celery import app

        ctx = super().get_context_data(**kwargs)
        rows = []
        for name, entry in sorted(app.conf.beat_schedule.items()):
            schedule = maybe_schedule(entry["schedule"], app=app)
            now = schedule.now()  # in the schedule's time zone, as beat reckons
            if isinstance(schedule, crontab):
                when = f"{schedule._orig_minute} {schedule._orig_hour} {schedule._orig_day_of_month} "
                when += f"{schedule._orig_month_of_year} {schedule._orig_day_of_week}"
            else:
                when = _("every %(seconds)d s") % {"seconds": schedule.run_every.total_seconds()}
            rows.append(
                {
                    "name": name,
                    "task": entry["task"],
                    "when": when,
                    # remaining_estimate ends a hair before the minute
                    "next": now + schedule.remaining_estimate(now) + timedelta(seconds=1),
                }
            )
        ctx["rows"] = rows
        ctx["timezone"] = app.conf.timezone
        return ctx
