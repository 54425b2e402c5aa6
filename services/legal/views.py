"""Pages of the legal service network: the staff lists and forms (stations with their status actions,
lawyers, consultations — also from a request of category 法律), the follow-up action, the enterprises
served (behind a figure), and the public 找法律服务 page (no login, phone first, no personal phones)."""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View

from federation import masking
from federation.models import Division
from federation.permissions import PortalPermissionMixin
from federation.personal_data import PersonalDataAuditMixin
from federation.transitions import TransitionError
from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from .. import followups
from ..requests.choices import Category
from ..requests.models import ServiceRequest
from . import operations
from .choices import StationStatus, Topic, guess_topic
from .filters import LawyerFilterSet, LegalConsultationFilterSet, LegalStationFilterSet
from .forms import LawyerForm, LegalConsultationForm, LegalStationForm
from .ledgers import LEGAL_LEDGER
from .models import Lawyer, LegalConsultation, LegalStation
from .tables import LawyerTable, LegalConsultationTable, LegalStationTable

# ---- stations


class LegalStationListView(ObjectListView):
    model = LegalStation
    queryset = LegalStation.objects.select_related("district", "host_chamber", "host_enterprise").prefetch_related(
        "lawyers"
    )
    filterset_class = LegalStationFilterSet
    table_class = LegalStationTable
    template_name = "services/legal/station_list.html"


class LegalStationEditView(ObjectEditView):
    model = LegalStation
    form_class = LegalStationForm
    template_name = "services/legal/station_edit.html"

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        return super().form_valid(form)


ACTIONS = {
    "suspend": (pgettext_lazy("legal station button", "Suspend"), "pause-circle", "outline-warning"),
    "resume": (pgettext_lazy("legal station button", "Resume"), "play-circle", "outline-success"),
    "close": (pgettext_lazy("legal station button", "Close"), "x-circle", "outline-danger"),
    "reopen": (pgettext_lazy("legal station button", "Reopen"), "arrow-counterclockwise", "outline-success"),
}


class LegalStationDetailView(ObjectDetailView):
    model = LegalStation
    template_name = "services/legal/station_detail.html"
    context_object_name = "station"

    def get_queryset(self):
        return LegalStation.objects.select_related("district", "host_chamber", "host_enterprise")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        station = self.object
        ctx.update(
            lawyers=list(station.lawyers.order_by("name")),
            actions=[(a, *ACTIONS[a]) for a in operations.STATION.allowed if operations.STATION.allows(station, a)],
            consultations=list(station.consultations.select_related("lawyer").order_by("-date", "-pk")[:10]),
            consultation_count=station.consultations.count(),
        )
        return ctx


class LegalStationStatusView(PortalPermissionMixin, View):
    """POST: suspend, resume, close or reopen a station (through ``operations``)."""

    permission_required = "services.change_legalstation"
    http_method_names = ["post"]

    def post(self, request, pk, action):
        station = get_object_or_404(LegalStation, pk=pk)
        if action not in operations.STATION.allowed:
            raise Http404
        try:
            operations.change_station_status(station, action, request.user)
        except TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The station is now “%(status)s”.") % {"status": station.get_status_display()})
        return HttpResponseRedirect(station.get_absolute_url())


# ---- lawyers


class LawyerListView(PersonalDataAuditMixin, ObjectListView):
    personal_data_label = gettext_lazy("Lawyers")

    model = Lawyer
    queryset = Lawyer.objects.prefetch_related(Prefetch("stations", queryset=LegalStation.objects.order_by("name")))
    filterset_class = LawyerFilterSet
    table_class = LawyerTable

    def get_table_kwargs(self):
        return {"show_personal": masking.can_see_personal_data(self.request.user)}


class LawyerEditView(ObjectEditView):
    model = Lawyer
    form_class = LawyerForm

    def get_success_url(self):
        from django.urls import reverse

        return reverse("services:lawyer_list")

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        return super().form_valid(form)


# ---- consultations


class LegalConsultationListView(ObjectListView):
    model = LegalConsultation
    queryset = LegalConsultation.objects.select_related("station", "lawyer")
    filterset_class = LegalConsultationFilterSet
    table_class = LegalConsultationTable

    def export(self, queryset):
        return LEGAL_LEDGER.response(queryset, self.request.user)


class LegalConsultationEditView(ObjectEditView):
    """Record a consultation or change one; ``?request=<pk>`` (a request of category 法律) pre-fills it
    from the request — enterprise, question, a topic guessed from the text — and links it."""

    model = LegalConsultation
    form_class = LegalConsultationForm
    template_name = "services/legal/consultation_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.from_request = None
        pk = request.GET.get("request") or request.POST.get("from_request")
        if not kwargs.get("pk") and pk:
            if not str(pk).isdigit():
                raise Http404
            self.from_request = get_object_or_404(
                ServiceRequest.objects.select_related("enterprise"), pk=pk, category=Category.LEGAL
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        req = self.from_request
        if self.object is None and req is not None:
            initial.update(
                enterprise_name=req.enterprise_name,
                question=req.description or req.title,
                topic=guess_topic(f"{req.title}\n{req.description}"),
            )
            if req.enterprise_id:
                initial["enterprise_pick"] = [req.enterprise_id]
        elif self.object is None:
            from enterprises.models import Enterprise

            pk = self.request.GET.get("enterprise")
            if pk and pk.isdigit() and (e := Enterprise.objects.filter(pk=pk).first()):
                initial.update(enterprise_pick=[e.pk], enterprise_name=e.name)
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["from_request"] = self.from_request
        if self.from_request is not None:
            ctx["cancel_url"] = self.from_request.get_absolute_url()
        return ctx

    def form_valid(self, form):
        adding = form.instance.pk is None
        self.object = operations.save_consultation(form, self.request.user, request=self.from_request)
        msg = _("Recorded the consultation of %(name)s.") if adding else _("Saved the consultation of %(name)s.")
        messages.success(self.request, msg % {"name": self.object.enterprise_name})
        if adding and self.from_request is not None:
            return HttpResponseRedirect(self.from_request.get_absolute_url())
        return HttpResponseRedirect(self.object.get_absolute_url())


class LegalConsultationDetailView(ObjectDetailView):
    model = LegalConsultation
    template_name = "services/legal/consultation_detail.html"
    context_object_name = "consultation"

    def get_queryset(self):
        return LegalConsultation.objects.select_related("enterprise", "station", "lawyer", "request", "created_by")

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        ctx = super().get_context_data(**kwargs)
        ctx.update(
            follow_up_due=self.object.follow_up_due(timezone.localdate()),
            can_view_requests=self.request.user.has_perm("services.view_servicerequest"),
        )
        return ctx


class LegalConsultationFollowUpView(PortalPermissionMixin, View):
    permission_required = "services.change_legalconsultation"
    http_method_names = ["post"]

    def post(self, request, pk):
        consultation = get_object_or_404(LegalConsultation, pk=pk)
        if followups.mark_followed_up(consultation, request.user):
            messages.success(request, _("Follow-up marked done."))
        else:
            messages.info(request, _("This consultation has no follow-up waiting."))
        return HttpResponseRedirect(consultation.get_absolute_url())


class ServedEnterpriseListView(ObjectListView):
    """The enterprises served in a period (each once): the list behind the figure legal.enterprises."""

    permission_required = "services.view_legalconsultation"
    template_name = "services/legal/served_enterprise_list.html"
    export_enabled = False

    def get_model(self):
        return LegalConsultation

    def get_filterset_class(self):
        from .filters import ServedEnterpriseFilterSet

        return ServedEnterpriseFilterSet

    def get_table_class(self):
        from .tables import ServedEnterpriseTable

        return ServedEnterpriseTable

    def get_queryset(self):
        from enterprises.models import Enterprise

        return (
            Enterprise.objects.select_related("district")
            .filter(Exists(LegalConsultation.objects.filter(enterprise=OuterRef("pk"))))
            .annotate(consultation_count=Count("legal_consultations", distinct=True))
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["add_url"] = None
        return ctx


# ---- public


class LegalPublicView(View):
    """找法律服务: the open stations by district, each with its address, hours, office phone and the
    topics its lawyers cover. No login; no lawyer's personal phone."""

    template_name = "services/legal/legal_public.html"

    def get(self, request):
        stations = (
            LegalStation.objects.active()
            .select_related("district")
            .prefetch_related(Prefetch("lawyers", queryset=Lawyer.objects.only("pk", "specialties")))
            .order_by("district__code", "name")
        )
        districts = list(Division.objects.counties().filter(pk__in=LegalStation.objects.active().values("district")))
        # Only a district the page offers: anything else typed into the address ("²" passes
        # str.isdigit() but not int(), a 40-digit number overflows the key) shows every station.
        typed = request.GET.get("district", "").strip()
        chosen = next((d.pk for d in districts if str(d.pk) == typed), None)
        if chosen is not None:
            stations = stations.filter(district_id=chosen)
        labels = dict(Topic.choices)
        groups = {}
        for s in stations:
            topics = {t for lawyer in s.lawyers.all() for t in lawyer.specialties}
            s.topics = [labels[t] for t in Topic.values if t in topics]
            groups.setdefault(s.district, []).append(s)
        return render(
            request,
            self.template_name,
            {
                "groups": list(groups.items()),
                "districts": districts,
                "chosen": chosen,
                "status_active": StationStatus.ACTIVE,
            },
        )
