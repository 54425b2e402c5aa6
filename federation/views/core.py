"""The core's own pages: workbench, notices, report centre, health, login log and audit trail."""

from axes.models import AccessFailureLog, AccessLog
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from simple_history.models import registered_models

from .. import registry, reports
from ..models import Notice, Report
from ..permissions import PortalPermissionMixin
from ..transitions import TransitionError


class HomeView(LoginRequiredMixin, TemplateView):
    """My workbench (我的工作台): what waits for the signed-in user in every app."""

    template_name = "federation/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["sections"] = registry.workbench_for(user)
        ctx["notices"] = Notice.objects.filter(recipient=user, read_at__isnull=True)[:10]
        ctx["roles"] = [g.name for g in user.groups.all()]
        return ctx


class ReportListView(LoginRequiredMixin, TemplateView):
    """Report centre (报表中心): the files I asked for, ready to download once built."""

    template_name = "federation/report_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # A report whose worker died would say "generating" forever: show it failed, with a retry.
        reports.fail_stale_reports(user=self.request.user)
        mine = Report.objects.filter(created_by=self.request.user)
        ctx["page_obj"] = Paginator(mine, 30).get_page(self.request.GET.get("page"))
        ctx["any_running"] = any(r.is_running for r in ctx["page_obj"])
        return ctx


class ReportDownloadView(LoginRequiredMixin, View):
    """The file of a finished report, for the person who asked (while they keep the permission)."""

    def get(self, request, pk):
        from ..uploads import private_file_response

        report = get_object_or_404(Report, pk=pk, status=Report.Status.DONE)
        if not reports.may_download(report, request.user):
            raise PermissionDenied
        filename = f"{report.title}-{timezone.localtime(report.created_at):%Y%m%d-%H%M}.{report.format}"
        return private_file_response(report.file.name, filename, report.format)


class ReportRetryView(LoginRequiredMixin, View):
    """Build a failed report again (only the person who asked, while they keep the permission)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk, created_by=request.user)
        try:
            reports.retry_report(report, request.user)
        except TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The report is being generated again."))
        return HttpResponseRedirect(reverse("federation:report_list"))


class NoticeListView(LoginRequiredMixin, TemplateView):
    """My notices (我的通知): every notice sent to me, newest first; the unread ones marked."""

    template_name = "federation/notice_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        notices = Notice.objects.filter(recipient=self.request.user)
        ctx["page_obj"] = Paginator(notices, 30).get_page(self.request.GET.get("page"))
        ctx["unread"] = notices.filter(read_at__isnull=True).count()
        return ctx


class NoticeOpenView(LoginRequiredMixin, View):
    """Open one of my notices: mark it read and go to what it is about (only my own notices)."""

    def get(self, request, pk):
        notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
        if notice.read_at is None:
            Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
        safe = url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()})
        return HttpResponseRedirect(notice.url if notice.url and safe else reverse("federation:notice_list"))


class NoticeReadAllView(LoginRequiredMixin, View):
    """Mark all my notices read."""

    http_method_names = ["post"]

    def post(self, request):
        count = Notice.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("%(n)d notices marked as read.") % {"n": count})
        return HttpResponseRedirect(reverse("federation:notice_list"))


def healthz(request):
    """Monitoring: the state of the database, Redis and the Celery worker, as JSON (503 if any fails)."""
    from django.conf import settings

    from ..celery import app

    state = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:
        state["database"] = {"ok": False, "error": str(exc)[:200]}

    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
            state["redis"] = {"ok": True}
        except Exception as exc:
            state["redis"] = {"ok": False, "error": str(exc)[:200]}
    else:
        state["redis"] = {"ok": True, "mode": "not configured (local memory cache)"}

    if app.conf.task_always_eager:
        state["celery"] = {"ok": True, "mode": "eager (tasks run in the web process)"}
    else:
        try:
            replies = app.control.ping(timeout=1.0)
            state["celery"] = {"ok": bool(replies), "workers": [next(iter(r)) for r in replies]}
            if not replies:
                state["celery"]["error"] = "no worker answered"
        except Exception as exc:
            state["celery"] = {"ok": False, "error": str(exc)[:200]}

    ok = all(part["ok"] for part in state.values())
    return JsonResponse({"status": "ok" if ok else "error", **state}, status=200 if ok else 503)


class LoginLogView(PortalPermissionMixin, TemplateView):
    """Logins, logouts and failed logins (recorded by django-axes)."""

    permission_required = "federation.view_audit"
    template_name = "federation/login_log.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["accesses"] = Paginator(AccessLog.objects.order_by("-attempt_time"), 50).get_page(
            self.request.GET.get("page")
        )
        ctx["failures"] = AccessFailureLog.objects.order_by("-attempt_time")[:50]
        return ctx


class AuditLogView(PortalPermissionMixin, TemplateView):
    """Who changed what and when, across every audited model (django-simple-history)."""

    permission_required = "federation.view_audit"
    template_name = "federation/audit_log.html"
    per_model = 20

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        changes = []
        for model in registered_models.values():
            history = model.history.model
            for record in history.objects.select_related("history_user").order_by("-history_date")[: self.per_model]:
                changes.append((model._meta.verbose_name, record, record_label(record)))
        changes.sort(key=lambda entry: entry[1].history_date, reverse=True)
        ctx["changes"] = changes[:100]
        return ctx


def record_label(record) -> str:
    """A historical row's record as it was named then, built from the row alone: simple-history's
    ``record.instance`` reads the live row for every field left out of the history (one query per
    line of the audit trail)."""
    model = record.instance_type
    attrs = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields if hasattr(record, f.attname)}
    return str(model(**attrs))
