"""Staff pages: the inbox (filters, counters, ledger export), the request page with one form per
transition, staff entry, attachments, the QR poster and the figures."""

import segno
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from federation import masking, uploads
from federation.exports import dated_filename, xlsx_response
from federation.links import public_url
from federation.permissions import PortalPermissionMixin
from federation.personal_data import PersonalDataAuditMixin
from federation.views.generic import ModelContextMixin, ObjectDetailView, ObjectListView

from .. import lights, metrics, operations
from ..choices import Light, Status
from ..filters import ServiceRequestFilterSet
from ..forms import (
    AcceptForm,
    AssignForm,
    FollowUpForm,
    InstructForm,
    LinkEnterpriseForm,
    MetricsForm,
    NoteForm,
    RejectForm,
    ReplyForm,
    ResolveForm,
    ResumeForm,
    StaffRequestForm,
    SuspendForm,
    TransferAnswerForm,
    TransferForm,
)
from ..ledgers import REQUEST_LEDGER
from ..models import Attachment, ServiceRequest
from ..tables import ServiceRequestTable

CHANGE = "services.change_servicerequest"
INSTRUCT = "services.instruct_servicerequest"


class RequestUrlsMixin:
    """URL names here are ``services:request_<action>`` (the issue's interface), not the model's name."""

    def model_url(self, action, *args):
        return reverse(f"services:request_{action}", args=args)


def inbox_queryset():
    return lights.with_due(ServiceRequest.objects.select_related("district", "assignee"))


class RequestListView(RequestUrlsMixin, ObjectListView):
    """The staff inbox (诉求受理台): filters, counters and the 诉求台账 export."""

    queryset = ServiceRequest.objects.none()
    model = ServiceRequest
    filterset_class = ServiceRequestFilterSet
    table_class = ServiceRequestTable
    template_name = "services/requests/request_list.html"

    def get_queryset(self):
        return inbox_queryset()

    @property
    def thresholds(self):
        if not hasattr(self, "_thresholds"):
            self._thresholds = lights.thresholds()
        return self._thresholds

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["thresholds"] = self.thresholds
        return kwargs

    def get_table_kwargs(self):
        return {"thresholds": self.thresholds, "user": self.request.user}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        th = self.thresholds
        counts = lights.with_due(ServiceRequest.objects.all()).aggregate(
            **{status.value: Count("pk", filter=Q(status=status)) for status in Status},
            red=Count("pk", filter=lights.light_q(Light.RED, th)),
            yellow=Count("pk", filter=lights.light_q(Light.YELLOW, th)),
        )
        ctx["counters"] = [
            (Status(s).label, counts[s], f"?status={s}")
            for s in (
                Status.SUBMITTED,
                Status.ACCEPTED,
                Status.IN_PROGRESS,
                Status.SUSPENDED,
                Status.REOPENED,
                Status.RESOLVED,
            )
        ]
        ctx["red_count"] = counts["red"]
        ctx["yellow_count"] = counts["yellow"]
        ctx["add_url"] = (
            reverse("services:request_add") if self.request.user.has_perm("services.add_servicerequest") else None
        )
        return ctx

    def export(self, queryset):
        """诉求台账: the ledger's one definition (``services.ledgers``), over the filtered inbox."""
        return REQUEST_LEDGER.response(queryset, self.request.user)


ACTIONS = {
    # name: (form class, title, button class)
    "accept": (AcceptForm, gettext_lazy("Accept"), "primary"),
    "reject": (RejectForm, gettext_lazy("Do not accept"), "outline-danger"),
    "assign": (AssignForm, gettext_lazy("Assign"), "primary"),
    "transfer": (TransferForm, gettext_lazy("Transfer to a department"), "outline-primary"),
    "transfer_answer": (TransferAnswerForm, gettext_lazy("Record the department's answer"), "outline-primary"),
    "suspend": (SuspendForm, gettext_lazy("Suspend (clock stops)"), "outline-secondary"),
    "resume": (ResumeForm, gettext_lazy("Resume"), "primary"),
    "reply": (ReplyForm, gettext_lazy("Reply to the enterprise"), "outline-primary"),
    "resolve": (ResolveForm, gettext_lazy("Resolve"), "success"),
    "follow_up": (FollowUpForm, gettext_lazy("Record the follow-up call"), "primary"),
    "note": (NoteForm, gettext_lazy("Add an internal note"), "outline-secondary"),
    "link": (LinkEnterpriseForm, gettext_lazy("Link to an enterprise record"), "outline-secondary"),
    "instruct": (InstructForm, gettext_lazy("Leadership instruction"), "danger"),
}
# The permission each action needs: handling needs the change permission; 督办 is leadership's own.
ACTION_PERMISSIONS = {"instruct": INSTRUCT}


def run_action(name, req, user, data):
    """Call the service function of action ``name`` with a valid form's data."""
    v = data.get("version")
    calls = {
        "accept": lambda: operations.accept_request(req, user, version=v),
        "reject": lambda: operations.reject_request(req, user, data["reason"], version=v),
        "assign": lambda: operations.assign_request(req, user, data["assignee"], version=v),
        "transfer": lambda: operations.transfer_request(
            req, user, data["department"], data["transferred_on"], note=data["note"], version=v
        ),
        "transfer_answer": lambda: operations.record_transfer_answer(req, user, data["answer"], version=v),
        "suspend": lambda: operations.suspend_request(req, user, data["reason"], version=v),
        "resume": lambda: operations.resume_request(req, user, version=v),
        "reply": lambda: operations.send_reply(req, user, data["text"], version=v),
        "resolve": lambda: operations.resolve_request(req, user, data["resolution"], version=v),
        "follow_up": lambda: operations.record_follow_up(req, user, data["rating"], data["comment"], version=v),
        "note": lambda: operations.add_note(req, user, data["text"]),
        "link": lambda: operations.link_enterprise(req, user, data["_enterprise"]),
        "instruct": lambda: operations.instruct_request(req, user, data["instruction"], data["due"], version=v),
    }
    return calls[name]()


def link_candidates(req, limit=5):
    """Enterprise records whose name matches the one the request gives (the records' own search)."""
    from enterprises.models import Enterprise
    from enterprises.search import search_enterprises

    if req.enterprise_id or not req.enterprise_name.strip():
        return []
    matches = search_enterprises(Enterprise.objects.select_related("district"), req.enterprise_name)
    return list(matches.order_by("name")[:limit])


def available_actions(req, user, bound=None):
    """[(name, title, button, form)] for the actions the user may take in the request's status."""
    result = []
    for name, (form_class, title, button) in ACTIONS.items():
        if not user.has_perm(ACTION_PERMISSIONS.get(name, CHANGE)):
            continue
        if not operations.REQUEST.allows(req, name):
            continue
        if name == "transfer_answer" and not req.transfer_department:
            continue
        form = (
            bound
            if bound is not None and bound.prefix == name
            else form_class(prefix=name, initial={"version": req.version})
        )
        result.append((name, title, button, form))
    return result


class RequestDetailView(PersonalDataAuditMixin, RequestUrlsMixin, ObjectDetailView):
    """One request: facts, deadlines, attachments, the full history and the actions."""

    model = ServiceRequest
    template_name = "services/requests/request_detail.html"
    context_object_name = "req"

    def get_queryset(self):
        return ServiceRequest.objects.select_related("district", "assignee", "enterprise", "created_by")

    def get_context_data(self, bound_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        req = self.object
        th = lights.thresholds()
        ctx["light"] = th.light(req.current_due)
        ctx["events"] = req.events.select_related("actor")
        ctx["attachments"] = req.attachments.all()
        ctx["actions"] = available_actions(req, self.request.user, bound_form)
        ctx["link_candidates"] = link_candidates(req) if any(a[0] == "link" for a in ctx["actions"]) else []
        ctx["show_personal"] = masking.can_see_personal_data(self.request.user)
        return ctx


class RequestActionView(PortalPermissionMixin, View):
    """POST one transition. Refused transitions and stale pages give a message and change nothing;
    leadership (view only) gets 403 like anyone without the change permission."""

    permission_required = CHANGE
    http_method_names = ["post"]

    def get_permission_required(self):
        return (ACTION_PERMISSIONS.get(self.kwargs.get("action"), CHANGE),)

    def post(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404
        req = get_object_or_404(ServiceRequest, pk=pk)
        form_class = ACTIONS[action][0]
        # The link form compares the record's name with the request's, so it is given the request.
        form = form_class(request.POST, prefix=action, **({"req": req} if action == "link" else {}))
        if not form.is_valid():
            messages.error(request, _("Please correct the marked fields; nothing has been changed."))
            view = RequestDetailView()
            view.setup(request, pk=pk)
            view.object = req
            return view.render_to_response(view.get_context_data(object=req, bound_form=form))
        data = dict(form.cleaned_data)
        if action == "link":
            data["_enterprise"] = form.enterprise
        try:
            run_action(action, req, request.user, data)
        except operations.RequestActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": ACTIONS[action][1]})
        return HttpResponseRedirect(req.get_absolute_url())


class RequestCreateView(RequestUrlsMixin, PortalPermissionMixin, ModelContextMixin, FormView):
    """Staff enter a request on behalf of an enterprise (phone, 12345 hotline, letter, visit)."""

    model = ServiceRequest
    action = "add"
    form_class = StaffRequestForm
    template_name = "services/requests/request_add.html"

    def get_initial(self):
        initial = super().get_initial()
        from enterprises.models import Enterprise

        pk = self.request.GET.get("enterprise")
        enterprise = Enterprise.objects.filter(pk=pk).first() if pk and pk.isdigit() else None
        if enterprise:
            initial.update(
                enterprise_name=enterprise.name,
                uscc=enterprise.uscc or "",
                contact_person=enterprise.contact_person,
                phone=enterprise.contact_phone,
                district=enterprise.district_id,
            )
        return initial

    def form_valid(self, form):
        req = operations.submit_request(
            **form.submission(), source=form.cleaned_data["source"], actor=self.request.user
        )
        messages.success(self.request, _("Recorded request %(code)s.") % {"code": req.code})
        return redirect(req)

    def form_invalid(self, form):
        messages.error(self.request, _("Please correct the marked fields; attached files must be chosen again."))
        return super().form_invalid(form)


class AttachmentDownloadView(PersonalDataAuditMixin, PortalPermissionMixin, View):
    """Attachments are private: streamed only to users who may view requests and see personal data
    (an attachment carries names and phone numbers in full — an ID card, a contract — so it follows
    the rule the pages apply to those fields: leadership sees its name and size, not its content)."""

    permission_required = "services.view_servicerequest"

    def get_personal_data_subject(self):
        return get_object_or_404(Attachment.objects.select_related("request"), pk=self.kwargs["pk"]).request

    def get(self, request, pk):
        attachment = get_object_or_404(Attachment, pk=pk)
        if not masking.can_see_personal_data(request.user):
            explanation = _(
                "Attachments may hold personal data in full (names, phone numbers, ID cards), which your role "
                "sees masked: ask the staff member handling the request for what you need."
            )
            return render(request, "403.html", {"explanation": explanation}, status=403)
        return uploads.private_file_response(attachment.stored_name, attachment.original_name, attachment.kind)


class PosterView(PortalPermissionMixin, TemplateView):
    """An A4 poster with a QR code of the public form, for staff to print and take on visits."""

    permission_required = "services.view_servicerequest"
    template_name = "services/requests/request_poster.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The public address, not the one this page was opened at (often an intranet one).
        url = public_url(reverse("services:request_submit"))
        ctx["form_url"] = url
        ctx["track_url"] = public_url(reverse("services:request_track"))
        ctx["qr_svg"] = segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#111", omitsize=True)
        return ctx


class MetricsView(PortalPermissionMixin, TemplateView):
    """The figures of a period and district, from ``services.metrics`` (the dashboard uses the same):
    every number links to the inbox filtered to the requests it counts; ``?export=xlsx`` downloads them."""

    permission_required = "services.view_servicerequest"
    template_name = "services/requests/request_metrics.html"
    # The columns of the breakdown tables and of the export: keys of services.metrics figures.
    COLUMNS = (
        "received",
        "accepted",
        "resolved",
        "overdue",
        "response_rate",
        "on_time_rate",
        "resolution_rate",
        "satisfaction_rate",
        "avg_days",
    )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export(self.get_context_data(**kwargs))
        return super().get(request, *args, **kwargs)

    def period(self):
        today = timezone.localdate()
        form = MetricsForm(self.request.GET or None)
        start, end, district = today.replace(month=1, day=1), today, None
        if form.is_valid():
            start = form.cleaned_data["start"] or start
            end = form.cleaned_data["end"] or end
            district = form.cleaned_data["district"]
        elif not self.request.GET:
            form = MetricsForm(initial={"start": start, "end": end})
        return form, start, end, district

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, start, end, district = self.period()
        summary = metrics.summary(start, end, district)
        figures = {f.key.split(".", 1)[1]: f for f in metrics.figures_from(summary, start, end, district)}
        query = self.request.GET.copy()
        query["export"] = "xlsx"
        ctx.update(
            form=form,
            start=start,
            end=end,
            district=district,
            summary=summary,
            figures=figures,
            columns=[figures[key] for key in self.COLUMNS],
            breakdowns=[
                (title, metrics.breakdown_figures(start, end, by, district))
                for title, by in (
                    (_("By category"), "category"),
                    (_("By district"), "district"),
                    (_("By source"), "source"),
                    (_("By month"), "month"),
                )
            ],
            export_url=f"?{query.urlencode()}",
        )
        return ctx

    def export(self, ctx):
        """The page's figures as one XLSX sheet: the total row, then each breakdown's rows."""
        headers = [_("Breakdown"), _("Item"), *(f"{f.label}（{f.unit}）" for f in ctx["columns"])]
        rows = [[_("Total"), f"{ctx['start']:%Y-%m-%d} – {ctx['end']:%Y-%m-%d}", *(f.value for f in ctx["columns"])]]
        for title, breakdown in ctx["breakdowns"]:
            for label, figures in breakdown:
                rows.append([title, label, *(figures[key].value for key in self.COLUMNS)])
        name = _("Request figures")
        return xlsx_response(dated_filename(name), headers, rows, sheet_name=name)
