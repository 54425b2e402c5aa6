"""Staff pages of the chamber records: the list (filters, table, XLSX export), add and edit, and the
chamber's own page, its 一会一档 — fields, members, inspections, ratings, status history, timeline —
with one small form per action, each posting to ``ChamberActionView``, which calls the operation.

Permissions come from the one mixin; the secretary's own-chamber rule from ``Chamber.objects.restrict``
(another chamber's page is 404)."""

import datetime
from dataclasses import dataclass
from html import escape

from django.contrib import messages
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from federation import fragments
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
    keep_empty_filters = True

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


# The status form's version field is filled in per chamber: the empty forms are kept with this in its place.
VERSION_HOLE = 987654321


def empty_action_fields(name, chamber) -> str:
    """The fields of action ``name``'s empty form, as HTML. They are the same for every chamber of a
    status (the status form offers the changes allowed from it) but for the status form's version,
    so they are rendered once per process and status (``federation.fragments``): the five crispy
    forms were a third of the page's time."""

    def render():
        form = make_form(name, chamber)
        if name == "status":
            form.initial["version"] = VERSION_HOLE
        return mark_safe(render_to_string("includes/crispy_form.html", {"form": form}))

    html = fragments.once_per_process(f"chambers.action.{name}.{chamber.status}", render)
    if name == "status":
        html = mark_safe(html.replace(f'value="{VERSION_HOLE}"', f'value="{int(chamber.version)}"'))
    return html


def available_actions(chamber, user, bound=None):
    """{name: (title, form, fields)} of the actions the user may take on this chamber now: ``fields``
    is the empty form's HTML, or "" for the form that came back with what was typed (``bound``)."""
    result = {}
    for name, (_form, title, perm) in ACTIONS.items():
        if not user.has_perm(perm):
            continue
        if name == "status" and not status_actions(chamber):
            continue
        if bound is not None and bound.prefix == name:
            result[name] = (title, bound, "")
        elif name == "end_member":  # one small form per member row, written out in the template
            result[name] = (title, None, "")
        else:
            result[name] = (title, make_form(name, chamber), empty_action_fields(name, chamber))
    return result


MEMBER_ROW = (
    '<tr><td class="text-wrap"><a href="{url}">{name}</a></td><td>{role}</td>'
    '<td class="d-none d-md-table-cell">{since}</td><td class="d-none d-md-table-cell">{until}</td>{end}</tr>'
)
END_CELL = (
    '<td><form method="post" action="{action}" class="d-flex gap-1" novalidate>'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<input type="hidden" name="end_member-membership" value="{pk}">'
    '<input type="date" name="end_member-ended_on" class="form-control form-control-sm" aria-label="{until}" required>'
    '<button class="btn btn-outline-secondary btn-sm text-nowrap" type="submit">{end}</button></form></td>'
)


@dataclass(frozen=True)
class MemberRow:
    """A current member as the chamber page shows it: read as values, not as two model instances per
    row (a chamber may have hundreds of members)."""

    pk: int
    enterprise_id: int
    name: str
    role: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    url: str
    role_label: str


def current_member_rows(chamber) -> list[MemberRow]:
    """The chamber's current members, 会长 first, then by enterprise name."""
    enterprise_url = url_maker("enterprises:enterprise_detail")
    labels = {value: str(label) for value, label in MemberRole.choices}
    rows = (
        chamber.memberships.filter(current_members_q())
        .order_by(role_order(), "enterprise__name", "pk")
        .values_list("pk", "enterprise_id", "enterprise__name", "role", "started_on", "ended_on")
    )
    return [MemberRow(*row, enterprise_url(row[1]), labels.get(row[3], row[3])) for row in rows]


def member_rows(members, chamber, request, *, can_end: bool):
    """The rows of the members' table, each with its own small "end this membership" form when the
    user may end memberships. Written out here rather than in the template: the template engine spent
    0.2 ms on each row (most of the page), and ``format_html`` per cell most of the rest. Every value
    from the database goes through ``escape`` (the standard library's, as Django's ``escape`` does)."""
    end_url, token = reverse("chambers:chamber_action", args=[chamber.pk, "end_member"]), get_token(request)
    until, end = escape(_("Until")), escape(_("End"))
    lines = []
    for m in members:
        end_cell = (
            END_CELL.format(action=escape(end_url), token=escape(token), pk=m.pk, until=until, end=end)
            if can_end
            else ""
        )
        lines.append(
            MEMBER_ROW.format(
                url=escape(m.url),
                name=escape(m.name),
                role=escape(m.role_label),
                since=m.started_on.isoformat() if m.started_on else "—",
                until=m.ended_on.isoformat() if m.ended_on else "—",
                end=end_cell,
            )
        )
    return mark_safe("\n".join(lines))  # every value above went through escape()


class ChamberDetailView(ObjectDetailView):
    """一会一档: the record, its current members (president among them), inspections, ratings, status
    history and the timeline other apps add to."""

    queryset = Chamber.objects.select_related("district", "industry_section")
    template_name = "chambers/chamber_detail.html"

    def get_context_data(self, bound_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        chamber = self.object
        members = current_member_rows(chamber)
        ctx["members"] = members
        ctx["member_count"] = len({m.enterprise_id for m in members})
        ctx["presidents"] = [m for m in members if m.role == MemberRole.PRESIDENT]
        ctx["inspections"] = list(chamber.inspections.all())
        ctx["ratings"] = list(chamber.ratings.all())
        ctx["events"] = list(chamber.events.filter(kind="status").select_related("actor"))
        ctx["timeline"] = timeline_for(chamber, TIMELINE_LIMIT, user=self.request.user)
        ctx["timeline_limit"] = TIMELINE_LIMIT
        ctx["actions"] = available_actions(chamber, self.request.user, bound_form)
        ctx["member_rows"] = member_rows(members, chamber, self.request, can_end="end_member" in ctx["actions"])
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
