"""Public pages (no login, phone first): submit a request, look it up with code AND phone, rate it.

Abuse guards: CSRF (Django's middleware), a per-address rate limit on submissions, an offline
captcha, and a throttle on lookup misses per address and per code. A wrong code/phone pair gets
exactly the same answer as an unknown code.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from federation import audit, captcha, fragments, ratelimit, uploads

from .. import operations
from ..choices import Status
from ..forms import MAX_FILES, PublicRequestForm, RatingForm, TrackForm
from ..models import ServiceRequest

# The limits are settings (federation/settings/base.py: SERVICES_SUBMIT_LIMIT, ...).
LOOKUP_WINDOW = 15 * 60
SESSION_TRACKED = "services_tracked"
SESSION_SUBMITTED = "services_submitted"


def empty_form_parts() -> dict:
    """``{"form": form, "fields": html, "consent": html}`` of the unbound form, the same for every visitor: kept
    per process (``federation.fragments``; crispy fields were ~95 % of the page's time under load).
    A bound form (what was typed, its errors) is always rendered afresh."""

    def render():
        form = PublicRequestForm()
        return {
            "form": form,  # read only: the page asks it for labels and (no) errors
            "fields": mark_safe(render_to_string("services/requests/_request_fields.html", {"form": form})),
            "consent": mark_safe(render_to_string("services/requests/_request_consent.html", {"form": form})),
        }

    return fragments.once_per_process("services.request_submit", render)


class RequestSubmitView(View):
    """The public request form (诉求提交)."""

    template_name = "services/requests/request_submit.html"
    # The whole body (federation.middleware.BodySizeLimitMiddleware): the attachments and the fields.
    max_body_size = MAX_FILES * uploads.MAX_UPLOAD_SIZE + 1024 * 1024

    def get(self, request):
        # The page is the same for every anonymous visitor but for the CSRF token and the captcha:
        # kept per process with those filled in per visit (federation.fragments.page_with_holes).
        challenge = captcha.new_challenge()
        values = {"csrf_token": get_token(request), "captcha_svg": challenge.svg(), "captcha_token": challenge.token}

        def render_page(values):
            context = {
                "form": empty_form_parts()["form"],
                "empty_form": empty_form_parts(),
                "challenge": captcha.FilledChallenge(values["captcha_svg"], values["captcha_token"]),
                "csrf_token": values["csrf_token"],
            }
            return render_to_string(self.template_name, context, request=request)

        return HttpResponse(fragments.page_with_holes(request, "services.request_submit", render_page, values))

    def post(self, request):
        if ratelimit.limit_request(
            request, "services-submit", settings.SERVICES_SUBMIT_LIMIT, settings.SERVICES_SUBMIT_WINDOW
        ):
            form = PublicRequestForm(request.POST)  # shown as typed
            messages.error(request, _("Too many requests from your network in the last hour. Please try again later."))
            return self.render(form, status=429)
        form = PublicRequestForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Please correct the marked fields; attached files must be chosen again."))
            return self.render(form, status=200)
        # The session (which shows the tracking code next) is stored in the request's transaction: a
        # database lost in between never keeps a request whose sender was shown the error page.
        with transaction.atomic(), audit.public_form():  # the audit shows these rows as the public's
            req = operations.submit_request(**form.submission(), consent=form.cleaned_data["consent"])
            request.session[SESSION_SUBMITTED] = req.pk
            _remember(request, req)
            request.session.save()
            request.session.modified = False  # stored; the middleware only moves its expiry
        return redirect("services:request_submitted")

    def render(self, form, status=200):
        return render(
            request=self.request,
            template_name=self.template_name,
            status=status,
            context={
                "form": form,
                "empty_form": None if form.is_bound else empty_form_parts(),
                "challenge": captcha.new_challenge(),
            },
        )


class RequestSubmittedView(View):
    """The success page: the tracking code and what happens next, by when."""

    def get(self, request):
        pk = request.session.get(SESSION_SUBMITTED)
        req = ServiceRequest.objects.filter(pk=pk).first() if pk else None
        if req is None:
            return redirect("services:request_submit")
        return render(request, "services/requests/request_submitted.html", {"req": req})


def _remember(request, req):
    tracked = [pk for pk in request.session.get(SESSION_TRACKED, []) if pk != req.pk][-9:]
    request.session[SESSION_TRACKED] = [*tracked, req.pk]


def _tracked(request, code):
    """The request with ``code`` if this browser proved it knows code and phone; else None."""
    pk_list = request.session.get(SESSION_TRACKED, [])
    return ServiceRequest.objects.filter(code=operations.normalize_code(code), pk__in=pk_list).first()


class RequestTrackView(View):
    """The public lookup: code and phone together; misses are throttled."""

    template_name = "services/requests/request_track.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TrackForm()})

    def post(self, request):
        form = TrackForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        code = operations.normalize_code(form.cleaned_data["code"])
        phone = form.cleaned_data["phone"]  # normalised by PhoneField, as the submit form stores it
        address = ratelimit.client_address(request)
        limit = settings.SERVICES_LOOKUP_MISS_LIMIT
        if ratelimit.is_limited("services-lookup", address, limit) or ratelimit.is_limited(
            "services-lookup-code", code, limit * 2
        ):
            messages.error(request, _("Too many unsuccessful lookups. Please wait a quarter of an hour and try again."))
            return render(request, self.template_name, {"form": form}, status=429)
        # A landline entered by staff before numbers were normalised may be stored without its dash.
        req = ServiceRequest.objects.filter(code=code, phone__in={phone, phone.replace("-", "")}).first()
        if req is None:
            ratelimit.hit("services-lookup", address, LOOKUP_WINDOW)
            ratelimit.hit("services-lookup-code", code, LOOKUP_WINDOW)
            # The same words whether the code is unknown or the phone does not match.
            form.add_error(None, _("No request matches this tracking code and phone number."))
            return render(request, self.template_name, {"form": form})
        _remember(request, req)
        return redirect("services:request_track_result", code=req.code)


class RequestTrackResultView(View):
    """Status, public timeline and (once resolved) the rating form of a looked-up request."""

    def get(self, request, code):
        req = _tracked(request, code)
        if req is None:
            return redirect("services:request_track")
        return self.render(req, RatingForm())

    def post(self, request, code):
        req = _tracked(request, code)
        if req is None:
            return redirect("services:request_track")
        form = RatingForm(request.POST)
        if not form.is_valid():
            return self.render(req, form)
        try:
            with audit.public_form():
                operations.rate_request(req, form.cleaned_data["rating"], form.cleaned_data["comment"])
        except operations.RequestActionError as exc:
            messages.error(request, str(exc))
        else:
            if req.status == Status.REOPENED:
                messages.warning(
                    request, _("We are sorry. The request has been reopened and raised to the federation's leadership.")
                )
            else:
                messages.success(request, _("Thank you for your rating."))
        return redirect(reverse("services:request_track_result", args=[req.code]))

    def render(self, req, form):
        events = req.events.filter(public=True).order_by("created_at", "id")
        return render(
            self.request,
            "services/requests/request_track_result.html",
            {"req": req, "events": events, "rating_form": form, "can_rate": req.status == Status.RESOLVED},
        )
