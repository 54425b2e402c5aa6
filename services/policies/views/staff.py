"""Staff pages of policies: list, add, edit, the policy's page with publish/withdraw and its reach,
the enterprises it applies to (filterable, exported as 政策推送名单, ticked as informed), the
outreach records and the document download."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from federation import uploads
from federation.permissions import PortalPermissionMixin
from federation.personal_data import PersonalDataAuditMixin
from federation.transitions import TransitionError
from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from .. import matching, operations
from ..filters import OutreachFilterSet, PolicyFilterSet, TargetFilterSet
from ..forms import OutreachForm, PolicyForm, PublishForm, WithdrawForm
from ..ledgers import POLICY_TARGET_LEDGER, with_outreach
from ..models import Policy, PolicyFile, PolicyOutreach
from ..tables import PolicyOutreachTable, PolicyTable, TargetTable

CHANGE = "services.change_policy"


class PolicyListView(ObjectListView):
    """Every policy, drafts and withdrawn ones too, for the staff who keep them."""

    model = Policy
    queryset = Policy.objects.all()
    filterset_class = PolicyFilterSet
    table_class = PolicyTable
    template_name = "services/policies/policy_list.html"
    export_enabled = False


class PolicyEditView(ObjectEditView):
    """Add or change a policy (its status changes only by the actions on its page)."""

    model = Policy
    form_class = PolicyForm

    def form_valid(self, form):
        if self.object is None:
            form.instance.created_by = self.request.user
        return super().form_valid(form)


def reach(policy) -> dict:
    """A policy's reach: enterprises it applies to, enterprises told, public views."""
    return {
        "matched": matching.matching_enterprises(policy).count(),
        "informed": policy.outreach.count(),
        "views": policy.view_count,
    }


class PolicyDetailView(ObjectDetailView):
    model = Policy
    template_name = "services/policies/policy_detail.html"
    context_object_name = "policy"

    def get_queryset(self):
        return Policy.objects.select_related("created_by").prefetch_related("industry_sections", "districts")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        policy = self.object
        user = self.request.user
        ctx["reach"] = reach(policy)
        ctx["events"] = policy.events.select_related("actor")
        ctx["files"] = policy.files.all()
        ctx["conditions"] = [(c.label, matching.required_values(policy, c)[1]) for c in matching.CONDITIONS]
        can_act = user.has_perm(CHANGE)
        ctx["can_publish"] = can_act and operations.POLICY.allows(policy, "publish")
        ctx["can_withdraw"] = can_act and operations.POLICY.allows(policy, "withdraw")
        ctx["publish_form"] = PublishForm(initial={"version": policy.version})
        ctx["withdraw_form"] = WithdrawForm(initial={"version": policy.version})
        return ctx


class PolicyActionView(PortalPermissionMixin, View):
    """POST publish or withdraw; a refused change gives its message and changes nothing."""

    permission_required = CHANGE
    http_method_names = ["post"]
    FORMS = {"publish": PublishForm, "withdraw": WithdrawForm}

    def post(self, request, pk, action):
        if action not in self.FORMS:
            raise Http404
        policy = get_object_or_404(Policy, pk=pk)
        form = self.FORMS[action](request.POST)
        form.is_valid()
        data = form.cleaned_data
        try:
            if action == "publish":
                operations.publish_policy(policy, request.user, version=data.get("version"))
                messages.success(request, _("Published: the policy is on the public list."))
            else:
                operations.withdraw_policy(policy, request.user, data.get("reason", ""), version=data.get("version"))
                messages.success(request, _("Withdrawn: the policy is no longer on the public list."))
        except TransitionError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(policy.get_absolute_url())


class PolicyTargetListView(PersonalDataAuditMixin, ObjectListView):
    """The enterprises a policy applies to (a SQL filter from its conditions), filterable, with the
    date each was told; the export is the 政策推送名单 with contacts (staff only)."""

    model = Policy
    queryset = Policy.objects.none()
    filterset_class = TargetFilterSet
    table_class = TargetTable
    template_name = "services/policies/policy_enterprises.html"
    export_permission = "services.export_policy_targets"

    def get_personal_data_subject(self):
        return self.policy  # its enterprises' contacts

    @property
    def policy(self):
        if not hasattr(self, "_policy"):
            self._policy = get_object_or_404(Policy, pk=self.kwargs["pk"])
        return self._policy

    def get_queryset(self):
        from enterprises.models import Enterprise

        return with_outreach(
            Enterprise.objects.filter(matching.enterprises_q(self.policy)).select_related("district"), self.policy
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["policy"] = self.policy
        return kwargs

    def get_table_kwargs(self):
        return {"user": self.request.user}

    def export(self, queryset):
        return POLICY_TARGET_LEDGER.response(queryset.select_related("industry_section"), self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["policy"] = self.policy
        ctx["verbose_name_plural"] = _("Enterprises it applies to")  # the list's heading
        ctx["add_url"] = None
        ctx["can_record"] = self.request.user.has_perm("services.add_policyoutreach") and self.policy.is_published
        ctx["outreach_form"] = OutreachForm()
        ctx["informed_count"] = self.policy.outreach.count()
        return ctx


class PolicyOutreachAddView(PortalPermissionMixin, View):
    """Mark the ticked enterprises of a policy's list as informed (only enterprises it applies to)."""

    permission_required = "services.add_policyoutreach"
    http_method_names = ["post"]

    def post(self, request, pk):
        policy = get_object_or_404(Policy, pk=pk)
        picked = [int(v) for v in request.POST.getlist("enterprise") if v.isdigit()]
        allowed = list(matching.matching_enterprises(policy).filter(pk__in=picked).values_list("pk", flat=True))
        data = request.POST.copy()
        data.setlist("enterprise", [str(pk) for pk in allowed])  # ticks of other enterprises are ignored
        form = OutreachForm(data, enterprise_ids=allowed)
        back = reverse("services:policy_enterprises", args=[pk])
        query = request.POST.get("next_query", "")
        if query:
            back = f"{back}?{query}"
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(back)
        data = form.cleaned_data
        try:
            n = operations.record_outreach(
                policy,
                data["enterprise"],
                request.user,
                informed_on=data["informed_on"],
                channel=data["channel"],
                campaign=data["campaign"],
            )
        except TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Recorded %(n)s enterprises as informed.") % {"n": n})
        return HttpResponseRedirect(back)


class PolicyOutreachListView(ObjectListView):
    """政策推送记录: who was told of which policy, when, how; the reach figure's list."""

    model = PolicyOutreach
    queryset = PolicyOutreach.objects.select_related("policy", "enterprise", "campaign", "by")
    filterset_class = OutreachFilterSet
    table_class = PolicyOutreachTable
    export_filename = None

    def model_url(self, action, *args):
        # Records are added from a policy's list of enterprises, not on a page of their own.
        if action == "add":
            return ""
        if action == "list":
            return reverse("services:policyoutreach_list")
        return super().model_url(action, *args)


class PolicyFileDownloadView(PortalPermissionMixin, View):
    """A policy's document for staff (drafts included)."""

    permission_required = "services.view_policy"

    def get(self, request, pk):
        stored = get_object_or_404(PolicyFile, pk=pk)
        return uploads.private_file_response(stored.stored_name, stored.original_name, stored.kind)


def public_file_response(policy_pk):
    """The document of a published policy, for anyone (404 for a draft or a withdrawn policy)."""
    stored = PolicyFile.objects.filter(policy_id=policy_pk, policy__status="published").first()
    if stored is None:
        raise Http404
    return uploads.private_file_response(stored.stored_name, stored.original_name, stored.kind)
