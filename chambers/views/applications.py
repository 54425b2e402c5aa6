"""Staff and chamber-secretary pages of join applications (入会申请审核): the list and one
application's page, where it is approved (the enterprise record picked by name or USCC, a role) or
declined with a reason, through ``chambers.operations``.

A chamber secretary reaches only their own chamber's applications (``JoinApplication.objects.restrict``).
"""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from enterprises.models import Enterprise
from enterprises.search import search_enterprises
from federation.masking import can_see_personal_data
from federation.personal_data import PersonalDataAuditMixin
from federation.transitions import TransitionError
from federation.views.generic import ObjectDetailView, ObjectListView

from .. import operations
from ..choices import ApplicationStatus, MemberRole
from ..models import JoinApplication

CANDIDATE_LIMIT = 20


class _ApplicationURLs:
    """The pages are named ``application_*`` (not the model's ``joinapplication_*``); there is no add page."""

    def model_url(self, action, *args):
        if action in ("list", "detail"):
            return reverse(f"chambers:application_{action}", args=args)
        return None


class ApplicationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=gettext_lazy("Status"))
    q = django_filters.CharFilter(method="search", label=gettext_lazy("Enterprise or chamber"))

    class Meta:
        model = JoinApplication
        fields = ["status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(enterprise_name__icontains=value) | Q(chamber__name__icontains=value))


class ApplicationTable(tables.Table):
    enterprise_name = tables.Column(linkify=("chambers:application_detail", [tables.A("pk")]))
    chamber = tables.Column(order_by=("chamber__name",))
    contact_person = tables.Column(orderable=False, attrs={"th": {"class": "d-none d-md-table-cell"}})
    status = tables.Column()
    created_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = JoinApplication
        fields = ["enterprise_name", "chamber", "contact_person", "status", "created_at"]
        attrs = {"class": "table table-hover align-middle"}


class ApplicationListView(_ApplicationURLs, ObjectListView):
    queryset = JoinApplication.objects.select_related("chamber")
    filterset_class = ApplicationFilterSet
    table_class = ApplicationTable
    export_enabled = False


class ApproveForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=gettext_lazy("Enterprise record"),
        queryset=Enterprise.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pick the enterprise's record.")},
    )
    role = forms.ChoiceField(
        label=pgettext_lazy("chamber member", "Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any enterprise record may be posted (a search may have shown it); the radios list the candidates.
        self.fields["enterprise"].queryset = Enterprise.objects.all()
        self.fields["enterprise"].choices = [(e.pk, f"{e.name}（{e.uscc or '—'}）") for e in candidates or []]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for declining"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


def candidates(application, query=""):
    """Enterprise records the application may be about: its USCC or its name, or what the reviewer
    searched — through the register's one search (its indexes serve two-character words too)."""
    base = Enterprise.objects.only("pk", "name", "uscc")
    query = (query or "").strip()
    if query:
        found = search_enterprises(base, query)
    else:
        found = search_enterprises(base, application.enterprise_name)
        if application.uscc:
            found = found | base.filter(uscc=application.uscc)
    return list(found.order_by("name", "pk")[:CANDIDATE_LIMIT])


class ApplicationDetailView(PersonalDataAuditMixin, _ApplicationURLs, ObjectDetailView):
    """One application; those who may decide it see the approve and decline forms while it waits."""

    def shows_personal_data(self, user):
        # The applicant's phone is shown whole to those who decide (see get_context_data).
        return user.has_perm("chambers.change_joinapplication") or can_see_personal_data(user)

    queryset = JoinApplication.objects.select_related("chamber", "enterprise", "decided_by")
    template_name = "chambers/application_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        application = self.object
        query = self.request.GET.get("q", "")
        ctx["query"] = query
        ctx["can_decide"] = application.status == ApplicationStatus.SUBMITTED and self.request.user.has_perm(
            "chambers.change_joinapplication"
        )
        # The applicant gave their phone to the chamber to be called back (the consent says so): those
        # who decide see it whole; other readers (leadership) see it masked, as everywhere (DESIGN §7).
        ctx["show_personal_data"] = self.request.user.has_perm(
            "chambers.change_joinapplication"
        ) or can_see_personal_data(self.request.user)
        if ctx["can_decide"]:
            found = candidates(application, query)
            initial = {"version": application.version}
            if len(found) == 1:
                initial["enterprise"] = found[0].pk
            ctx.setdefault("approve_form", ApproveForm(initial=initial, candidates=found))
            ctx.setdefault("decline_form", DeclineForm(initial={"version": application.version}))
        return ctx


class ApplicationDecideView(ApplicationDetailView):
    """POST ``approve`` or ``decline``; a refusal (decided meanwhile, overlapping membership) is shown."""

    action = "change"
    http_method_names = ["post"]

    def post(self, request, pk, decision):
        if decision not in ("approve", "decline"):
            raise Http404
        self.object = application = self.get_object()
        if decision == "approve":
            form = ApproveForm(request.POST, candidates=candidates(application, request.POST.get("q", "")))
        else:
            form = DeclineForm(request.POST)
        if not form.is_valid():
            key = "approve_form" if decision == "approve" else "decline_form"
            return self.render_to_response(self.get_context_data(**{key: form}))
        data = form.cleaned_data
        try:
            if decision == "approve":
                operations.approve_application(
                    application, request.user, data["enterprise"], data["role"], version=data["version"]
                )
                messages.success(request, _("Application approved: the enterprise is now a member of the chamber."))
            else:
                operations.decline_application(application, request.user, data["reason"], version=data["version"])
                messages.success(request, _("Application declined."))
        except TransitionError as exc:
            messages.error(request, str(exc))
        return redirect("chambers:application_detail", application.pk)


def pending_applications(user):
    """Workbench: 待审核入会申请 for those who may decide them (a secretary: their own chamber's)."""
    from federation import registry

    if not user.has_perm("chambers.change_joinapplication"):
        return []
    queue = JoinApplication.objects.pending().restrict(user).select_related("chamber").order_by("created_at", "pk")
    count = queue.count()
    if not count:
        return []
    items = [
        registry.WorkbenchItem(
            f"{a.created_at:%m-%d} {a.enterprise_name} → {a.chamber.name}",
            reverse("chambers:application_detail", args=[a.pk]),
            due=timezone.localdate(a.created_at),  # no decision deadline: waiting since
        )
        for a in queue[:5]
    ]
    url = reverse("chambers:application_list") + f"?status={ApplicationStatus.SUBMITTED}"
    return [registry.WorkbenchSection(title=_("Join applications awaiting review"), url=url, items=items, count=count)]


__all__ = ["ApplicationDecideView", "ApplicationDetailView", "ApplicationListView"]
