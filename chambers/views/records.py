"""Staff pages of the chamber records: the list (filters, table, XLSX export), add and edit, and the
chamber's own page, its 一会一档 — fields, members, inspections, ratings, status history, timeline —
with one small form per action, each posting to ``ChamberActionView``, which calls the operation.

Permissions come from the one mixin; the secretary's own-chamber rule from ``Chamber.objects.restrict``
(another chamber's page is 404)."""

from django.contrib import messages
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from federation.links import url_maker
from federation.permissions import PortalPermissionMixin
from federation.registry import timeline_for
from federation.transitions import TransitionError
from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from .. import operations
from ..choices import MemberRole, role_order
from ..filters import ChamberFilterSet, MembershipFilterSet
from ..forms import ChamberForm, EndMembershipForm, EventForm, InspectionForm, MemberForm, RatingForm, StatusForm
from ..models import Chamber, Membership
from ..tables import ChamberTable, MembershipTable

TIMELINE_LIMIT = 50


def current_members_q(prefix="", on=None):
    """Memberships in force today, as a condition (``prefix`` for a lookup through a relation)."""
    on = on or timezone.localdate()
    return (Q(**{f"{prefix}started_on__isnull": True}) | Q(**{f"{prefix}started_on__lte": on})) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": on})
    )


class ChamberListView(ObjectListView):
    """The registry: one page of chambers with their current member counts (one query)."""

    queryset = Chamber.objects.select_related("district")
    filterset_class = ChamberFilterSet
    table_class = ChamberTable
    template_name = "chambers/chamber_list.html"

    def get_queryset(self):
        # A correlated count: PostgreSQL computes it for the page's rows only (a join and GROUP BY
        # would count the memberships of every chamber before the page is cut).
        members = (
            Membership.objects.filter(current_members_q(), chamber=OuterRef("pk"))
            .order_by()
            .values("chamber")
            .annotate(n=Count("enterprise", distinct=True))
            .values("n")
        )
        return super().get_queryset().annotate(member_count=Coalesce(Subquery(members), 0))


class MembershipListView(ObjectListView):
    """Members of every chamber (a secretary: of their own), one row per membership: the list behind
    the members figure."""

    queryset = Membership.objects.select_related("enterprise", "chamber").order_by("chamber__name", role_order(), "id")
    filterset_class = MembershipFilterSet
    table_class = MembershipTable

    def model_url(self, action, *args):
        # Members are added on their chamber's page or imported, not from this list.
        return None if action == "add" else super().model_url(action, *args)


class ChamberEditView(ObjectEditView):
    """Add (no pk) or change a chamber; its status changes only through the page's actions."""

    model = Chamber
    form_class = ChamberForm
    template_name = "chambers/chamber_edit.html"


# name: (form class, title, permission)
ACTIONS = {
    "status": (StatusForm, gettext_lazy("Change the status"), "chambers.change_chamber"),
    "event": (EventForm, gettext_lazy("Record an activity or a failed contact"), "chambers.change_chamber"),
    "member": (MemberForm, gettext_lazy("Add a member"), "chambers.add_membership"),
    "end_member": (EndMembershipForm, gettext_lazy("End a membership"), "chambers.change_membership"),
    "inspection": (InspectionForm, gettext_lazy("Record an annual inspection"), "chambers.add_annualinspection"),
    "rating": (RatingForm, gettext_lazy("Record a Four-Good rating"), "chambers.add_fourgoodrating"),
}


STATUS_LABELS = {
    "rectify": gettext_lazy("Put under rectification"),
    "mark_dormant": gettext_lazy("Mark dormant"),
    "restore": gettext_lazy("Restore to active"),
    "deregister": gettext_lazy("Deregister"),
}


def status_actions(chamber):
    """[(action, label)] of the status changes allowed from the chamber's status."""
    return [(a, label) for a, label in STATUS_LABELS.items() if operations.CHAMBER.allows(chamber, a)]


def make_form(name, chamber, data=None, files=None):
    form_class = ACTIONS[name][0]
    kwargs = {"prefix": name}
    if name == "status":
        kwargs["offered"] = status_actions(chamber)
        kwargs["actions"] = list(STATUS_LABELS.items())
        kwargs["initial"] = {"version": chamber.version}
    elif name in ("inspection", "rating"):
        kwargs["chamber"] = chamber
    return form_class(data, files, **kwargs) if data is not None else form_class(**kwargs)


def available_actions(chamber, user, bound=None):
    """{name: (title, form)} of the actions the user may take on this chamber now."""
    result = {}
    for name, (_form, title, perm) in ACTIONS.items():
        if not user.has_perm(perm):
            continue
        if name == "status" and not status_actions(chamber):
            continue
        form = bound if bound is not None and bound.prefix == name else make_form(name, chamber)
        result[name] = (title, form)
    return result


class ChamberDetailView(ObjectDetailView):
    """一会一档: the record, its current members (president among them), inspections, ratings, status
    history and the timeline other apps add to."""

    queryset = Chamber.objects.select_related("district", "industry_section")
    template_name = "chambers/chamber_detail.html"

    def get_context_data(self, bound_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        chamber = self.object
        members = list(
            chamber.memberships.filter(current_members_q())
            .select_related("enterprise")
            .order_by(role_order(), "enterprise__name", "pk")
        )
        # A chamber may have hundreds of members: each row's link and role label are worked out here,
        # once for the page (reverse() and the lazy labels per row cost more than the query).
        enterprise_url = url_maker("enterprises:enterprise_detail")
        labels = {value: str(label) for value, label in MemberRole.choices}
        for m in members:
            m.enterprise_url, m.role_label = enterprise_url(m.enterprise_id), labels.get(m.role, m.role)
        ctx["members"] = members
        ctx["member_count"] = len({m.enterprise_id for m in members})
        ctx["presidents"] = [m for m in members if m.role == MemberRole.PRESIDENT]
        ctx["inspections"] = list(chamber.inspections.all())
        ctx["ratings"] = list(chamber.ratings.all())
        ctx["events"] = list(chamber.events.filter(kind="status").select_related("actor"))
        ctx["timeline"] = timeline_for(chamber, TIMELINE_LIMIT, user=self.request.user)
        ctx["timeline_limit"] = TIMELINE_LIMIT
        ctx["actions"] = available_actions(chamber, self.request.user, bound_form)
        return ctx


def run_action(name, chamber, user, form):
    """Call the operation of action ``name`` with a valid form's data."""
    data = form.cleaned_data
    if name == "status":
        return operations.change_status(chamber, data["action"], user, data["reason"], version=data["version"])
    if name == "event":
        return operations.record_event(chamber, data["kind"], user, data["text"], on=data["occurred_on"])
    if name == "member":
        return operations.add_membership(
            chamber,
            form.enterprise_record,
            data["role"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            note=data["note"],
            actor=user,
        )
    if name == "end_member":
        membership = get_object_or_404(Membership, pk=data["membership"], chamber=chamber)
        return operations.end_membership(membership, data["ended_on"], actor=user)
    if name == "inspection":
        return operations.record_inspection(
            chamber,
            data["year"],
            data["result"],
            data["inspected_on"],
            notes=data["notes"],
            document=data.get("document"),
            actor=user,
        )
    if name == "rating":
        rating = form.save(commit=False)
        rating._history_user = user
        rating.save()
        return rating
    raise Http404


class ChamberActionView(PortalPermissionMixin, View):
    """POST one action of the chamber page. Invalid input or a refusal by the operation shows the page
    again with the form as typed and the reason; nothing is changed."""

    http_method_names = ["post"]

    def get_permission_required(self):
        action = self.kwargs.get("action")
        if action not in ACTIONS:
            raise Http404
        return (ACTIONS[action][2],)

    def post(self, request, pk, action):
        chamber = get_object_or_404(Chamber.objects.restrict(request.user, "change"), pk=pk)
        form = make_form(action, chamber, request.POST, request.FILES)
        if form.is_valid():
            try:
                run_action(action, chamber, request.user, form)
            except TransitionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": ACTIONS[action][1]})
                return HttpResponseRedirect(chamber.get_absolute_url())
        messages.error(request, _("Please correct the marked fields; nothing has been changed."))
        if action == "end_member":
            # Its form sits in the members' table, one per row: the reason is shown above the page.
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        chamber.refresh_from_db()
        view = ChamberDetailView()
        view.setup(request, pk=pk)
        view.object = chamber
        return view.render_to_response(view.get_context_data(object=chamber, bound_form=form))
