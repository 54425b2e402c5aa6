"""The core's own pages: workbench, notices, report centre, health, login log and audit trail."""

import datetime

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
from django.views.generic import FormView, TemplateView

from .. import audit, registry, reports, workdays
from ..filters import CalendarDayFilterSet
from ..forms import AuditFilterForm, CalendarBulkForm
from ..models import CalendarDay, Notice, PersonalDataAccess, Report
from ..permissions import PortalPermissionMixin
from ..tables import CalendarDayTable
from ..transitions import TransitionError
from .generic import ObjectListView


class HomeView(LoginRequiredMixin, TemplateView):
    """My workbench (我的工作台): what waits for the signed-in user in every app, merged by due date
    (``?view=sections``: one block per kind of work)."""

    template_name = "federation/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["sections"] = registry.workbench_for(user)
        # Two views of the same items: merged and sorted by due date across apps (the default), or by section.
        ctx["view"] = "sections" if self.request.GET.get("view") == "sections" else "due"
        ctx["by_due"] = registry.workbench_items_for(user, ctx["sections"])
        ctx["today"] = timezone.localdate()
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
        from .reports import requestable_kinds

        ctx["kinds"] = requestable_kinds(self.request.user)
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


def _is_loopback(request) -> bool:
    """A request from this machine (a monitor on the host, not a visitor through the proxy)."""
    import ipaddress

    from ..ratelimit import client_address

    try:
        return ipaddress.ip_address(client_address(request)).is_loopback
    except ValueError:
        return False


def _check_database(state):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:
        state["database"] = {"ok": False, "error": str(exc)[:200]}


def _check_cache(state):
    from django.core.cache import caches

    cache = caches["default"]
    try:
        cache.set("healthz:ping", 1, timeout=10)
        if cache.get("healthz:ping") != 1:
            raise RuntimeError("the cache did not keep a value")
        state["cache"] = {"ok": True, "backend": cache.__class__.__name__}
    except Exception as exc:
        state["cache"] = {"ok": False, "error": str(exc)[:200]}


def _check_celery(state):
    from ..celery import app

    if app.conf.task_always_eager:
        state["celery"] = {"ok": True, "mode": "eager (tasks run in the web process)"}
        return
    try:
        replies = app.control.ping(timeout=1.0)
        state["celery"] = {"ok": bool(replies), "workers": [next(iter(r)) for r in replies]}
        if not replies:
            state["celery"]["error"] = "no worker answered"
    except Exception as exc:
        state["celery"] = {"ok": False, "error": str(exc)[:200]}


def healthz(request):
    """Monitoring, as JSON (503 if a part is down). Anyone gets the cheap answer: up or down for
    the database and the cache, nothing more (no error text, no Celery round trip: a crowd of
    anonymous calls must not slow the site down). Administrators and requests from this machine
    also get the error texts and the Celery workers."""
    detailed = _is_loopback(request) or (request.user.is_authenticated and request.user.is_superuser)
    state = {}
    _check_database(state)
    _check_cache(state)
    if detailed:
        _check_celery(state)
    ok = all(part["ok"] for part in state.values())
    if detailed:
        body = {"status": "ok" if ok else "error", **state}
    else:
        body = {
            "status": "ok" if ok else "error",
            **{name: "up" if part["ok"] else "down" for name, part in state.items()},
        }
    response = JsonResponse(body, status=200 if ok else 503)
    response["Cache-Control"] = "no-store"
    return response


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
        ctx["personal_data"] = PersonalDataAccess.objects.select_related("user")[:100]
        return ctx


class AuditLogView(PortalPermissionMixin, TemplateView):
    """Who changed what and when, across every audited model (django-simple-history): filtered by
    person, record type and dates, 25 a page, each change with its fields' old and new values."""

    permission_required = "federation.view_audit"
    template_name = "federation/audit_log.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        page_number = params.pop("page", [None])[-1]
        form = AuditFilterForm(params or None)
        ctx["form"] = form
        ctx["page_obj"] = audit.change_page(form.audit_filter(), page_number, self.paginate_by)
        ctx["query"] = params.urlencode()
        return ctx


class CalendarDayListView(ObjectListView):
    """The holiday calendar, warning from 1 November while next year has no entries."""

    queryset = CalendarDay.objects.all()
    filterset_class = CalendarDayFilterSet
    table_class = CalendarDayTable
    paginate_by = 50
    template_name = "federation/calendarday_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["missing_year"] = workdays.missing_calendar_year()
        ctx["can_bulk"] = self.request.user.has_perms(CalendarDayBulkView.permission_required)
        return ctx


class CalendarDayBulkView(PortalPermissionMixin, FormView):
    """A whole year of the calendar at once: paste the State Council's list or upload a CSV, see what
    would be added or changed and what is wrong with which line, then confirm (all or nothing)."""

    permission_required = ("federation.add_calendarday", "federation.change_calendarday")
    template_name = "federation/calendarday_bulk.html"
    form_class = CalendarBulkForm

    def get_initial(self):
        return {"source": "https://www.gov.cn/zhengce/"}

    def form_valid(self, form):
        data = form.cleaned_data
        if data.get("csv_text", "").strip():
            entries, problems = workdays.parse_calendar_csv(data["csv_text"])
        else:
            entries, problems = workdays.parse_calendar_text(data["text"], source=data.get("source") or "")
        plan = workdays.plan_calendar(entries, problems)
        if "confirm" in self.request.POST and plan.can_apply:
            written = workdays.apply_calendar_plan(plan)
            messages.success(self.request, _("%(n)d calendar days entered.") % {"n": written})
            year = plan.years[0] if plan.years else ""
            return HttpResponseRedirect(f"{reverse('federation:calendarday_list')}?year={year}")
        # The preview: the same input travels back with the confirm button (the file as its text).
        preview = CalendarBulkForm(
            initial={"text": data.get("text", ""), "csv_text": data.get("csv_text", ""), "source": data.get("source")}
        )
        return self.render_to_response(self.get_context_data(form=preview, plan=plan, previewed=True))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["missing_year"] = workdays.missing_calendar_year()
        return ctx


def calendar_workbench(user):
    """Workbench provider: from 1 November, tell those who edit the calendar that next year is missing."""
    if not user.has_perm("federation.add_calendarday"):
        return []
    year = workdays.missing_calendar_year()
    if year is None:
        return []
    url = reverse("federation:calendarday_bulk")
    text = _(
        "The holiday calendar has no days of %(year)d: request deadlines after 31 December will ignore "
        "its holidays. Enter the State Council's arrangement."
    ) % {"year": year}
    return [
        registry.WorkbenchSection(
            title=_("Holiday calendar for %(year)d missing") % {"year": year},
            url=url,
            items=[registry.WorkbenchItem(text, url, due=datetime.date(year, 1, 1))],
            count=1,
        )
    ]
