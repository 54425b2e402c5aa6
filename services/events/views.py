"""Event pages: staff's list, add, edit and the event's page (facts, files, chambers, attendance,
the sign-in QR, sign-off and attendees added by hand), the printable QR poster; and the public
on-site sign-in, open on the event's day only."""

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from federation import audit, masking, ratelimit, uploads
from federation.links import public_url
from federation.permissions import PortalPermissionMixin
from federation.personal_data import PersonalDataAuditMixin
from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from . import operations
from .choices import SignInSource
from .filters import EventFilterSet
from .forms import AttendeeForm, EventForm, SignInForm, SignOffForm
from .ledgers import EVENT_LEDGER
from .models import Event, EventAttendance, EventFile
from .tables import EventTable

CHANGE = "services.change_event"
SESSION_SIGNED_IN = "services_event_signed_in"


class EventListView(ObjectListView):
    """Events held, filtered by period, type, series, campaign, chamber; the export is the 活动台账."""

    model = Event
    filterset_class = EventFilterSet
    table_class = EventTable
    template_name = "services/events/event_list.html"

    def get_queryset(self):
        return Event.objects.with_attendance().select_related("series", "campaign")

    def export(self, queryset):
        return EVENT_LEDGER.response(queryset, self.request.user)


class EventEditView(ObjectEditView):
    """Add (no pk) or change an event; new files are stored with the event in one step."""

    model = Event
    form_class = EventForm
    template_name = "services/events/event_edit.html"

    def form_valid(self, form):
        adding = self.object is None
        self.object = operations.save_event(form, self.request.user, form.cleaned_data["files"])
        msg = _("Added “%(obj)s”.") if adding else _("Saved “%(obj)s”.")
        messages.success(self.request, msg % {"obj": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())

    def form_invalid(self, form):
        messages.error(
            self.request, _("Please correct the marked fields; files must be chosen again. Nothing has been saved.")
        )
        return self.render_to_response(self.get_context_data(form=form))


def signin_qr(event) -> tuple[str, str]:
    """The public sign-in address (not the intranet one this page was opened at) and its QR code."""
    url = public_url(event.get_signin_url())
    return url, segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#111", omitsize=True)


# name: (form class, title)
ACTIONS = {
    "attendee": (AttendeeForm, gettext_lazy("Add an attendee")),
    "sign_off": (SignOffForm, gettext_lazy("Sign off the summary")),
}


class EventDetailView(PersonalDataAuditMixin, ObjectDetailView):
    """One event: facts, files, chambers, attendance (phones masked for who may not see them) and
    the sign-in QR."""

    model = Event
    template_name = "services/events/event_detail.html"

    def get_queryset(self):
        return Event.objects.with_attendance().select_related(
            "series", "campaign", "district", "responsible", "summary_signed_off_by"
        )

    def get_context_data(self, bound_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        event = self.object
        show_personal = masking.can_see_personal_data(self.request.user)
        attendees = list(event.attendances.select_related("enterprise"))
        for a in attendees:
            a.shown_phone = a.phone if show_personal else masking.mask_phone(a.phone)
            a.shown_person = a.contact_person if show_personal else masking.mask_name(a.contact_person)
        ctx["attendees"] = attendees
        ctx["files"] = list(event.files.all())
        ctx["chambers"] = list(event.chambers.order_by("name"))
        ctx["signin_url"], ctx["qr_svg"] = signin_qr(event)
        ctx["signin_closed"] = operations.signin_closed_reason(event, timezone.localdate())
        can_change = self.request.user.has_perm(CHANGE)
        ctx["attendee_form"] = None
        if can_change:
            ctx["attendee_form"] = (
                bound_form
                if bound_form is not None and bound_form.prefix == "attendee"
                else AttendeeForm(prefix="attendee")
            )
        # The button only where signing off can succeed; the operation refuses the rest anyway.
        unsigned = can_change and not event.summary_signed_off_at
        ctx["can_sign_off"] = unsigned and bool(event.summary.strip()) and event.held_on <= timezone.localdate()
        ctx["sign_off_later"] = unsigned and event.held_on > timezone.localdate()
        return ctx


class EventActionView(PortalPermissionMixin, View):
    """POST one action of the event page: add an attendee, sign off the summary. A refusal shows the
    page again with the form as typed and the reason; nothing is changed."""

    permission_required = CHANGE
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404
        event = get_object_or_404(Event, pk=pk)
        form = ACTIONS[action][0](request.POST, prefix=action)
        if form.is_valid():
            try:
                if action == "attendee":
                    operations.sign_in(event, **form.sign_in_data(), source=SignInSource.STAFF, actor=request.user)
                else:
                    operations.sign_off_summary(event, request.user)
            except operations.EventActionError as exc:
                form.add_error(None, exc.messages[0])
                messages.error(request, exc.messages[0])
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": ACTIONS[action][1]})
                return HttpResponseRedirect(event.get_absolute_url())
        else:
            messages.error(request, _("Please correct the marked fields; nothing has been changed."))
        view = EventDetailView()
        view.setup(request, pk=pk)
        view.object = view.get_queryset().get(pk=pk)
        return view.render_to_response(view.get_context_data(object=view.object, bound_form=form))


class EventFileDownloadView(PortalPermissionMixin, View):
    """An event's files are private: streamed only to users who may view events."""

    permission_required = "services.view_event"

    def get(self, request, pk):
        f = get_object_or_404(EventFile, pk=pk)
        return uploads.private_file_response(f.stored_name, f.original_name, f.kind)


class EventPosterView(PortalPermissionMixin, TemplateView):
    """An A4 poster with the event's sign-in QR code, for the venue's door."""

    permission_required = "services.view_event"
    template_name = "services/events/event_poster.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        event = get_object_or_404(Event.objects.select_related("series"), pk=self.kwargs["pk"])
        ctx["event"] = event
        ctx["signin_url"], ctx["qr_svg"] = signin_qr(event)
        return ctx


# --- Public (no login, phone first) -------------------------------------------------------------


class EventSignInView(View):
    """On-site sign-in (现场签到) from the QR code: open on the event's day only (Asia/Shanghai), one
    sign-in per enterprise. Guards: CSRF (the middleware), a per-address rate limit sized for a
    venue's one Wi-Fi address, consent; the link's token is random, not the event's number."""

    template_name = "services/events/event_signin.html"

    def dispatch(self, request, token):
        self.event = get_object_or_404(Event.objects.select_related("series"), signin_token=token)
        self.closed = operations.signin_closed_reason(self.event, timezone.localdate())
        return super().dispatch(request, token)

    def get(self, request, token):
        return self.render(SignInForm())

    def post(self, request, token):
        if self.closed:
            return self.render(None)
        if ratelimit.limit_request(
            request, "events-signin", settings.SERVICES_SUBMIT_LIMIT, settings.SERVICES_SUBMIT_WINDOW
        ):
            messages.error(request, _("Too many requests from your network in the last hour. Please try again later."))
            return self.render(SignInForm(request.POST), status=429)
        form = SignInForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please correct the marked fields."))
            return self.render(form)
        try:
            with audit.public_form():  # the audit shows the row as the public's
                attendance = operations.sign_in(self.event, **form.sign_in_data(), consent=True)
        except operations.AlreadySignedIn as exc:
            return render(
                request,
                "services/events/event_signed_in.html",
                {"event": self.event, "attendance": exc.attendance, "repeat": True},
            )
        except operations.EventActionError as exc:
            form.add_error(None, exc.messages[0])
            return self.render(form)
        request.session[SESSION_SIGNED_IN] = attendance.pk
        return redirect("services:event_signed_in", token=self.event.signin_token)

    def render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"event": self.event, "form": None if self.closed else form, "closed": self.closed},
            status=status,
        )


class EventSignedInView(View):
    """The confirmation page after signing in."""

    def get(self, request, token):
        event = get_object_or_404(Event.objects.select_related("series"), signin_token=token)
        pk = request.session.get(SESSION_SIGNED_IN)
        attendance = EventAttendance.objects.filter(pk=pk, event=event).first() if pk else None
        if attendance is None:
            return redirect("services:event_signin", token=token)
        return render(
            request, "services/events/event_signed_in.html", {"event": event, "attendance": attendance, "repeat": False}
        )
