"""Pages of the village pairing programme: the overview, township and village pages, the lists
behind the figures, pairing/project/report forms, the reporting rate and the annual targets."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import SingleTableMixin

from federation import pace, uploads
from federation.models import Division
from federation.permissions import PortalPermissionMixin
from federation.registry import percentage
from federation.transitions import TransitionError
from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from . import operations, programme, quarters, reporting
from .choices import MONEY_MEASURES, Measure
from .filters import (
    PairedEnterpriseFilterSet,
    PairingFilterSet,
    PairingProjectFilterSet,
    TownshipFilterSet,
    VillageFilterSet,
)
from .forms import (
    AnnualTargetForm,
    PairingActionForm,
    PairingEditForm,
    PairingProjectForm,
    ProgressReportForm,
    VillageForm,
)
from .ledgers import STATS_LEDGER
from .models import AnnualTarget, Pairing, PairingProject, ProgressReport, ReportPhoto, Village
from .tables import (
    PairedEnterpriseTable,
    PairingProjectTable,
    PairingTable,
    SlotTable,
    TownshipTable,
    VillageTable,
)

VIEW = "villages.view_pairing"


# ---- the overview


def breakdown(rows, scope_for):
    """[(label, url, Totals)] of each row's scope."""
    return [(label, url, programme.totals(scope_for(key))) for key, label, url in rows]


def target_progress(year: int, today: datetime.date) -> list[dict]:
    """Each target of ``year`` with its actual, where it should be by today, and whether it is behind."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    share = pace.elapsed(start, end, today)
    rows = []
    for target in AnnualTarget.objects.filter(year=year).order_by("measure"):
        scope = programme.Scope(start, min(end, today))
        actual = programme.measure_value(target.measure, scope)
        if target.measure in MONEY_MEASURES:
            expected = (target.target * Decimal(share)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        else:
            expected = pace.expected(target.target, share)
        rows.append(
            {
                "target": target,
                "actual": actual,
                "expected": expected,
                "is_money": target.measure in MONEY_MEASURES,
                "percent": min(100, round(100 * actual / target.target)) if target.target else 0,
                "expected_percent": min(100, round(100 * share)),
                "behind": actual < expected,
            }
        )
    return rows


class OverviewView(PortalPermissionMixin, TemplateView):
    """The programme at a glance: the whole programme's figures, then per start year, district and
    township, and this year's targets beside the actual with the pace for today."""

    permission_required = VIEW
    template_name = "villages/overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        whole = programme.Scope(None, today)
        years = sorted(set(Pairing.objects.values_list("start_year", flat=True)), reverse=True)
        district_ids = set(Village.objects.filter(pairings__isnull=False).values_list("township__parent", flat=True))
        districts = [d for d in Division.objects.counties() if d.pk in district_ids]
        towns = Division.objects.filter(villages__pairings__isnull=False).select_related("parent").distinct()
        towns = sorted(towns, key=lambda t: t.code)
        pairing_list = reverse("villages:pairing_list")
        ctx.update(
            totals=programme.totals(whole),
            today=today,
            by_year=breakdown(
                [(y, str(y), f"{pairing_list}?year={y}") for y in years], lambda y: programme.Scope(None, today, year=y)
            ),
            by_district=breakdown(
                [(d.pk, d.name, f"{pairing_list}?district={d.pk}") for d in districts],
                lambda pk: programme.Scope(None, today, district=pk),
            ),
            by_township=breakdown(
                [(t.pk, f"{t.parent.name} {t.name}", reverse("villages:township_detail", args=[t.pk])) for t in towns],
                lambda pk: programme.Scope(None, today, township=pk),
            ),
            targets=target_progress(today.year, today),
            year=today.year,
            can_add=self.request.user.has_perm("villages.add_pairing"),
        )
        return ctx


# ---- townships and villages


class TownshipListView(ObjectListView):
    permission_required = "villages.view_village"
    filterset_class = TownshipFilterSet
    table_class = TownshipTable
    export_enabled = False

    def get_model(self):
        return Village

    def get_queryset(self):
        return Division.objects.townships().select_related("parent").annotate(village_count=Count("villages"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(add_url=None, verbose_name_plural=_("Townships"))
        return ctx


class TownshipDetailView(PortalPermissionMixin, TemplateView):
    """A township: its figures, villages (paired or not), pairings and projects."""

    permission_required = "villages.view_village"
    template_name = "villages/township_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        township = get_object_or_404(
            Division.objects.select_related("parent"), pk=self.kwargs["pk"], level=Division.Level.TOWNSHIP
        )
        scope = programme.Scope(None, timezone.localdate(), township=township.pk)
        ctx.update(
            township=township,
            totals=programme.totals(scope),
            villages=list(township.villages.annotate(pairing_count=Count("pairings")).order_by("name")),
            pairings=list(programme.pairings(scope).order_by("-started_on")[:50]),
            projects=list(programme.projects(scope).select_related("village").order_by("-start_date")[:50]),
            can_add_village=self.request.user.has_perm("villages.add_village"),
        )
        return ctx


class VillageListView(ObjectListView):
    model = Village
    queryset = Village.objects.select_related("township__parent")
    filterset_class = VillageFilterSet
    table_class = VillageTable


class VillageDetailView(ObjectDetailView):
    model = Village
    template_name = "villages/village_detail.html"
    context_object_name = "village"

    def get_queryset(self):
        return Village.objects.select_related("township__parent")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        village = self.object
        ctx.update(
            pairings=list(village.pairings.prefetch_related("enterprises", "chambers").order_by("-started_on", "-pk")),
            projects=list(
                programme.with_figures(village.projects.select_related("pairing"), timezone.localdate()).order_by(
                    "-start_date"
                )
            ),
        )
        return ctx


class VillageEditView(ObjectEditView):
    model = Village
    form_class = VillageForm

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        return super().form_valid(form)


class PairedEnterpriseListView(ObjectListView):
    """The enterprises of the programme's pairings in a scope, each once (behind villages.enterprises)."""

    permission_required = VIEW
    filterset_class = PairedEnterpriseFilterSet
    table_class = PairedEnterpriseTable
    template_name = "villages/paired_enterprise_list.html"
    export_enabled = False

    def get_model(self):
        return Pairing

    def get_queryset(self):
        from enterprises.models import Enterprise

        return (
            Enterprise.objects.select_related("district")
            .filter(village_pairings__isnull=False)
            .annotate(pairing_count=Count("village_pairings", distinct=True))
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(add_url=None, verbose_name_plural=_("Enterprises in pairings"))
        return ctx


# ---- pairings


class PairingListView(ObjectListView):
    model = Pairing
    queryset = Pairing.objects.annotate(project_count=Count("projects"))
    filterset_class = PairingFilterSet
    table_class = PairingTable
    template_name = "villages/pairing_list.html"


ACTIONS = {
    "complete": (pgettext_lazy("pairing button", "Mark completed"), "check2-circle", "outline-success"),
    "terminate": (pgettext_lazy("pairing button", "Terminate"), "x-circle", "outline-danger"),
    "reopen": (pgettext_lazy("pairing button", "Reopen"), "arrow-counterclockwise", "outline-secondary"),
}


class PairingDetailView(ObjectDetailView):
    model = Pairing
    template_name = "villages/pairing_detail.html"
    context_object_name = "pairing"

    def get_queryset(self):
        return Pairing.objects.prefetch_related(
            "enterprises", "chambers", Prefetch("villages", queryset=Village.objects.select_related("township__parent"))
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pairing = self.object
        machine = operations.PAIRING
        ctx.update(
            projects=list(
                programme.with_figures(pairing.projects.select_related("village__township"), timezone.localdate())
            ),
            events=list(pairing.events.select_related("actor")),
            actions=[(a, *ACTIONS[a]) for a in machine.allowed if machine.allows(pairing, a)],
            action_form=PairingActionForm(initial={"version": pairing.version}),
            can_add_project=self.request.user.has_perm("villages.add_pairingproject"),
        )
        return ctx


class PairingEditView(ObjectEditView):
    model = Pairing
    form_class = PairingEditForm
    template_name = "villages/pairing_edit.html"

    def get_initial(self):
        initial = super().get_initial()
        pk = self.request.GET.get("village")
        if self.object is None and pk and pk.isdigit():
            initial["villages"] = [int(pk)]
        return initial

    def form_valid(self, form):
        adding = form.instance.pk is None
        self.object = operations.save_pairing(form, self.request.user)
        msg = _("Added “%(obj)s”.") if adding else _("Saved “%(obj)s”.")
        messages.success(self.request, msg % {"obj": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class PairingActionView(PortalPermissionMixin, View):
    """POST: complete, terminate (with the reason) or reopen a pairing (through ``operations``)."""

    permission_required = "villages.change_pairing"
    http_method_names = ["post"]
    functions = {
        "complete": operations.complete_pairing,
        "terminate": operations.terminate_pairing,
        "reopen": operations.reopen_pairing,
    }

    def post(self, request, pk, action):
        pairing = get_object_or_404(Pairing, pk=pk)
        if action not in self.functions:
            raise Http404
        form = PairingActionForm(request.POST)
        form.is_valid()
        text = form.cleaned_data.get("text", "")
        try:
            self.functions[action](pairing, request.user, text, version=form.cleaned_data.get("version"))
        except TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The pairing is now “%(status)s”.") % {"status": pairing.get_status_display()})
        return HttpResponseRedirect(pairing.get_absolute_url())


# ---- projects and reports


class PairingProjectListView(ObjectListView):
    model = PairingProject
    queryset = programme.with_figures(PairingProject.objects.select_related("village__township", "pairing"), None)
    filterset_class = PairingProjectFilterSet
    table_class = PairingProjectTable

    def export(self, queryset):
        return STATS_LEDGER.response(queryset, self.request.user)

    def model_url(self, action, *args):
        if action == "add":
            return None  # a project is added from its pairing's page
        return super().model_url(action, *args)


class PairingProjectDetailView(ObjectDetailView):
    model = PairingProject
    template_name = "villages/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return PairingProject.objects.select_related("pairing", "village__township__parent")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        project = self.object
        today = timezone.localdate()
        reports = list(project.reports.select_related("filed_by").prefetch_related("photos"))
        for r in reports:
            r.closed = quarters.is_closed(r.year, r.quarter, today)
        ctx.update(
            reports=reports,
            figures=programme.with_figures(PairingProject.objects.filter(pk=project.pk), today).get(),
            can_report=self.request.user.has_perm("villages.add_progressreport"),
            can_change_report=self.request.user.has_perm("villages.change_progressreport"),
        )
        return ctx


class PairingProjectEditView(ObjectEditView):
    """Add a project to a pairing (``pairings/<pairing>/projects/add/``) or change one."""

    model = PairingProject
    form_class = PairingProjectForm

    def dispatch(self, request, *args, **kwargs):
        self.pairing = None
        if "pairing" in kwargs:
            self.pairing = get_object_or_404(Pairing, pk=kwargs["pairing"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["pairing"] = self.pairing
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.pairing is not None:
            ctx["cancel_url"] = self.pairing.get_absolute_url()
        return ctx

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        return super().form_valid(form)


class ProgressReportEditView(ObjectEditView):
    """File a quarter's report for a project (``projects/<project>/reports/add/``) or change one."""

    model = ProgressReport
    form_class = ProgressReportForm
    template_name = "villages/report_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.project = None
        if "project" in kwargs:
            self.project = get_object_or_404(PairingProject.objects.select_related("pairing"), pk=kwargs["project"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["project"] = self.project
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        project = self.project or self.object.project
        ctx.update(project=project, cancel_url=project.get_absolute_url(), list_url=project.get_absolute_url())
        return ctx

    def form_valid(self, form):
        adding = form.instance.pk is None
        self.object = operations.save_report(form, self.request.user, photo=form.cleaned_data.get("photo"))
        msg = _("Filed the report for %(quarter)s.") if adding else _("Saved the report for %(quarter)s.")
        messages.success(self.request, msg % {"quarter": self.object.quarter_label})
        return HttpResponseRedirect(self.object.get_absolute_url())


class ReportPhotoView(PortalPermissionMixin, View):
    """Report photos are private: streamed only to users who may view reports."""

    permission_required = "villages.view_progressreport"

    def get(self, request, pk):
        photo = get_object_or_404(ReportPhoto, pk=pk)
        return uploads.private_file_response(photo.stored_name, photo.original_name, photo.kind)


# ---- the reporting rate


def _parse_date(value, default):
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


class ReportingView(PortalPermissionMixin, SingleTableMixin, TemplateView):
    """The reports due in a period (window ended in it), filed on time or not, with the reporting
    rate of the period, per district and per enterprise. ``?on_time=1`` keeps the on-time ones
    (the rate's numerator), ``?district=`` and ``?enterprise=`` narrow it."""

    permission_required = "villages.view_progressreport"
    template_name = "villages/reporting.html"
    table_class = SlotTable
    table_pagination = {"per_page": 50}

    def scope(self):
        get = self.request.GET
        today = timezone.localdate()
        start = _parse_date(get.get("date_from"), datetime.date(today.year, 1, 1))
        end = _parse_date(get.get("date_to"), today)
        district = get.get("district") if (get.get("district") or "").isdigit() else None
        enterprise = get.get("enterprise") if (get.get("enterprise") or "").isdigit() else None
        return start, end, district, enterprise

    def all_slots(self):
        if not hasattr(self, "_slots"):
            start, end, district, enterprise = self.scope()
            self._slots = reporting.slots(start, end, district, enterprise)
        return self._slots

    def get_table_data(self):
        found = self.all_slots()
        if self.request.GET.get("on_time") == "1":
            found = [s for s in found if s.on_time]
        return found

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        start, end, district, enterprise = self.scope()
        found = self.all_slots()
        on_time, due = reporting.rate(found)
        by_district, by_enterprise = {}, {}
        districts = {d.pk: d for d in Division.objects.counties()}
        pairing_ids = {s.project.pairing_id for s in found}
        partners = {}
        for link in Pairing.enterprises.through.objects.filter(pairing__in=pairing_ids).select_related("enterprise"):
            partners.setdefault(link.pairing_id, []).append(link.enterprise)
        for s in found:
            d = districts.get(s.project.village.township.parent_id)
            by_district.setdefault(d, []).append(s)
            for e in partners.get(s.project.pairing_id, []):
                by_enterprise.setdefault(e, []).append(s)
        ctx.update(
            start=start,
            end=end,
            district=districts.get(int(district)) if district else None,
            districts=list(districts.values()),
            on_time=on_time,
            due=due,
            rate=percentage(on_time, due),
            by_district=[(d, *reporting.rate(v), percentage(*reporting.rate(v))) for d, v in by_district.items() if d],
            by_enterprise=sorted(
                [(e, *reporting.rate(v), percentage(*reporting.rate(v))) for e, v in by_enterprise.items()],
                key=lambda row: row[0].name,
            ),
        )
        return ctx


# ---- annual targets


class AnnualTargetListView(PortalPermissionMixin, TemplateView):
    permission_required = "villages.view_annualtarget"
    template_name = "villages/target_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        years = sorted(set(AnnualTarget.objects.values_list("year", flat=True)) | {today.year}, reverse=True)
        ctx.update(
            years=[(y, target_progress(y, today)) for y in years],
            can_add=self.request.user.has_perm("villages.add_annualtarget"),
            can_change=self.request.user.has_perm("villages.change_annualtarget"),
            measures=Measure,
        )
        return ctx


class AnnualTargetEditView(ObjectEditView):
    model = AnnualTarget
    form_class = AnnualTargetForm

    def get_success_url(self):
        return reverse("villages:annualtarget_list")

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        return super().form_valid(form)
