"""Staff pages of visits: the list (走访台账 export), the quick form, the visit's page with the
requests it produced, the follow-up action, raising a problem as a request, photos."""

from django.contrib import messages
from django.db.models import Count, Exists, Max, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from federation import masking, uploads
from federation.permissions import PortalPermissionMixin
from federation.personal_data import PersonalDataAuditMixin
from federation.views.generic import ModelContextMixin, ObjectDetailView, ObjectEditView, ObjectListView

from .. import followups
from ..requests import lights
from ..requests.forms import StaffRequestForm
from ..requests.models import ServiceRequest
from . import operations
from .filters import VisitFilterSet
from .forms import VisitEditForm
from .ledgers import VISIT_LEDGER
from .models import Visit, VisitPhoto
from .tables import VisitTable


class VisitListView(ObjectListView):
    """The visits, newest first: filters by period, form, campaign, staff, district and enterprise."""

    model = Visit
    queryset = Visit.objects.select_related("campaign").prefetch_related("enterprises", "staff", "requests")
    filterset_class = VisitFilterSet
    table_class = VisitTable
    template_name = "services/visits/visit_list.html"

    def export(self, queryset):
        return VISIT_LEDGER.response(queryset, self.request.user)


class VisitEditView(ObjectEditView):
    """Record a visit (date today, form and enterprises are all it needs) or change one."""

    model = Visit
    form_class = VisitEditForm
    template_name = "services/visits/visit_edit.html"

    def get_initial(self):
        initial = super().get_initial()
        from enterprises.models import Enterprise

        pk = self.request.GET.get("enterprise")
        if self.object is None and pk and pk.isdigit() and Enterprise.objects.filter(pk=pk).exists():
            initial["enterprises"] = [int(pk)]
        campaign = self.request.GET.get("campaign")
        if self.object is None and campaign and campaign.isdigit():
            initial["campaign"] = int(campaign)
        return initial

    def form_valid(self, form):
        adding = form.instance.pk is None
        self.object = operations.save_visit(form, self.request.user, photos=form.cleaned_data["photos"])
        msg = _("Recorded the visit of %(date)s.") if adding else _("Saved the visit of %(date)s.")
        messages.success(self.request, msg % {"date": f"{self.object.date:%Y-%m-%d}"})
        return HttpResponseRedirect(self.object.get_absolute_url())

    def form_invalid(self, form):
        messages.error(
            self.request, _("Please correct the marked fields; nothing has been saved. Photos must be chosen again.")
        )
        return self.render_to_response(self.get_context_data(form=form))


class VisitDetailView(PersonalDataAuditMixin, ObjectDetailView):
    """One visit: who went where, what was said, photos, and the requests its problems became."""

    model = Visit
    template_name = "services/visits/visit_detail.html"
    context_object_name = "visit"

    def get_queryset(self):
        return Visit.objects.select_related("campaign", "created_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        visit = self.object
        th = lights.thresholds()
        user = self.request.user
        requests = list(visit.requests.select_related("assignee").order_by("received_at", "pk"))
        ctx.update(
            enterprises=list(visit.enterprises.select_related("district").order_by("name")),
            staff=list(visit.staff.order_by("username")),
            photos=list(visit.photos.all()),
            requests=[(r, th.light(r.current_due)) for r in requests],
            can_raise=user.has_perm("services.add_servicerequest"),
            can_view_requests=user.has_perm("services.view_servicerequest"),
            show_personal=masking.can_see_personal_data(user),
            follow_up_due=visit.follow_up_due(th.today),
        )
        return ctx


class VisitFollowUpView(PortalPermissionMixin, View):
    """POST: the follow-up is done (跟进完成); it leaves the workbench of those who went."""

    permission_required = "services.change_visit"
    http_method_names = ["post"]

    def post(self, request, pk):
        visit = get_object_or_404(Visit, pk=pk)
        if followups.mark_followed_up(visit, request.user):
            messages.success(request, _("Follow-up marked done."))
        else:
            messages.info(request, _("This visit has no follow-up waiting."))
        return HttpResponseRedirect(visit.get_absolute_url())


class VisitRequestForm(StaffRequestForm):
    """The request form, pre-filled from the visit; its source is the visit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["source"]


class VisitRaiseRequestView(PortalPermissionMixin, ModelContextMixin, FormView):
    """按问题生成诉求: the request form filled in from the visit and the chosen enterprise; saved through
    ``submit_request`` (source = visit) and linked to the visit."""

    model = ServiceRequest
    action = "add"
    form_class = VisitRequestForm
    template_name = "services/visits/visit_raise.html"

    def dispatch(self, request, *args, **kwargs):
        self.visit = get_object_or_404(Visit.objects.select_related("campaign"), pk=kwargs["pk"])
        self.choices = list(self.visit.enterprises.select_related("district").order_by("name"))
        if not self.choices:
            raise Http404
        pk = request.POST.get("enterprise_choice") or request.GET.get("enterprise")
        self.enterprise = next((e for e in self.choices if str(e.pk) == str(pk)), self.choices[0])
        return super().dispatch(request, *args, **kwargs)

    def model_url(self, action, *args):
        return reverse(f"services:request_{action}", args=args)

    def get_initial(self):
        e, visit = self.enterprise, self.visit
        problems = visit.problems.strip()
        first_line = next((line.strip() for line in problems.splitlines() if line.strip()), "")
        return {
            "enterprise_name": e.name,
            "uscc": e.uscc or "",
            "contact_person": e.contact_person,
            "phone": e.contact_phone,
            "district": e.district_id,
            "title": first_line[:100],
            "description": _("Raised on the visit of %(date)s (%(form)s):\n%(problems)s")
            % {"date": f"{visit.date:%Y-%m-%d}", "form": visit.get_form_display(), "problems": problems},
        }

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(visit=self.visit, choices=self.choices, enterprise=self.enterprise)
        return ctx

    def form_valid(self, form):
        submission = form.submission()
        # The record is linked when its name is kept; a name changed by hand is matched by USCC only.
        enterprise = self.enterprise if submission["enterprise_name"] == self.enterprise.name else None
        req = operations.raise_request(self.visit, self.request.user, enterprise=enterprise, **submission)
        messages.success(self.request, _("Recorded request %(code)s from the visit.") % {"code": req.code})
        return redirect(self.visit)

    def form_invalid(self, form):
        messages.error(self.request, _("Please correct the marked fields; attached files must be chosen again."))
        return super().form_invalid(form)


class VisitPhotoView(PortalPermissionMixin, View):
    """Visit photos are private: streamed only to users who may view visits."""

    permission_required = "services.view_visit"

    def get(self, request, pk):
        photo = get_object_or_404(VisitPhoto, pk=pk)
        return uploads.private_file_response(photo.stored_name, photo.original_name, photo.kind)


class VisitedEnterpriseListView(ObjectListView):
    """The enterprises visited in a period (each once): the list behind the figure visits.enterprises."""

    permission_required = "services.view_visit"
    template_name = "services/visits/visited_enterprise_list.html"
    export_enabled = False

    def get_model(self):
        return Visit

    def get_filterset_class(self):
        from .filters import VisitedEnterpriseFilterSet

        return VisitedEnterpriseFilterSet

    def get_table_class(self):
        from .tables import VisitedEnterpriseTable

        return VisitedEnterpriseTable

    def get_queryset(self):
        from enterprises.models import Enterprise

        return (
            Enterprise.objects.select_related("district")
            .filter(Exists(Visit.enterprises.through.objects.filter(enterprise=OuterRef("pk"))))
            .annotate(visit_count=Count("visits", distinct=True), last_visit=Max("visits__date"))
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["add_url"] = None
        return ctx
