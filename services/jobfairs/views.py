"""Job fair pages: staff's list, add, edit and the fair's page (registrations, booths, waiting list,
approve/return, intentions and hires), the registrations list the figures open, the QR poster; and
the public pages: the registration (open in the window only), its confirmation, the correction with
code and phone, and the fair page job seekers read."""

import segno
from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from federation import audit, captcha, masking, ratelimit
from federation.links import public_url
from federation.permissions import PortalPermissionMixin
from federation.personal_data import PersonalDataAuditMixin
from federation.transitions import TransitionError
from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from . import operations
from .choices import FairStatus, RegistrationStatus
from .filters import JobFairFilterSet, JobRegistrationFilterSet
from .forms import (
    CorrectionForm,
    CountForm,
    JobFairForm,
    LookupForm,
    PositionFormSet,
    PublicSearchForm,
    RegistrationForm,
    ReturnForm,
)
from .ledgers import JOBFAIR_LEDGER
from .models import JobFair, JobPosition, JobRegistration
from .tables import JobFairTable, JobRegistrationTable

CHANGE = "services.change_jobfair"
SESSION_REGISTERED = "services_jobfair_registered"
SESSION_CORRECTING = "services_jobfair_correcting"
S = RegistrationStatus


class JobFairListView(ObjectListView):
    model = JobFair
    filterset_class = JobFairFilterSet
    table_class = JobFairTable
    template_name = "services/jobfairs/jobfair_list.html"

    def get_queryset(self):
        return JobFair.objects.select_related("campaign")

    def export(self, queryset):
        return JOBFAIR_LEDGER.response(queryset, self.request.user)


class JobRegistrationListView(ObjectListView):
    """Every registration, filtered by fair, status and the fairs' dates: the list the figures open."""

    model = JobRegistration
    filterset_class = JobRegistrationFilterSet
    table_class = JobRegistrationTable
    template_name = "services/jobfairs/jobregistration_list.html"
    export_enabled = False

    def get_queryset(self):
        return JobRegistration.objects.with_totals().select_related("fair")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["add_url"] = None  # enterprises register themselves, by the fair's link
        return ctx

    def model_url(self, action, *args):
        return "" if action == "add" else super().model_url(action, *args)


class JobFairEditView(ObjectEditView):
    model = JobFair
    form_class = JobFairForm
    template_name = "services/jobfairs/jobfair_edit.html"


def fair_qr(fair) -> tuple[str, str]:
    url = public_url(fair.get_register_url())
    return url, segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#111", omitsize=True)


REG_ACTIONS = {"approve", "return", "intentions", "hires"}
FAIR_ACTIONS = {
    "open": operations.open_registration,
    "close": operations.close_registration,
    "hold": operations.mark_held,
}


class JobFairDetailView(PersonalDataAuditMixin, ObjectDetailView):
    model = JobFair
    template_name = "services/jobfairs/jobfair_detail.html"

    def get_queryset(self):
        return JobFair.objects.select_related("campaign")

    def get_context_data(self, bound=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fair = self.object
        show_personal = masking.can_see_personal_data(self.request.user)
        regs = list(
            fair.registrations.with_totals()
            .select_related("enterprise")
            .prefetch_related(Prefetch("positions", queryset=JobPosition.objects.order_by("id")))
            .order_by("status", "waiting_since", "submitted_at", "id")
        )
        for r in regs:
            r.shown_phone = r.phone if show_personal else masking.mask_phone(r.phone)
            r.shown_person = r.contact_person if show_personal else masking.mask_name(r.contact_person)
            # A refused action: its reason beside the registration, what was typed kept.
            r.error, r.typed = (bound[1], bound[2]) if bound and bound[0] == r.pk else ("", {})
        ctx["registrations"] = regs
        ctx["waiting"] = [r for r in regs if r.status == S.WAITING]
        ctx["booths_used"] = sum(1 for r in regs if r.status == S.APPROVED)
        approved = [r for r in regs if r.status == S.APPROVED]
        ctx["totals"] = {
            "enterprises": len(approved),
            "positions": sum(r.n_positions for r in approved),
            "openings": sum(r.n_openings for r in approved),
            "intentions": sum(r.intentions or 0 for r in approved),
            "hires": sum(r.hires or 0 for r in approved),
        }
        ctx["can_change"] = self.request.user.has_perm(CHANGE)
        ctx["fair_actions"] = [a for a in FAIR_ACTIONS if operations.FAIR.allows(fair, a)]
        ctx["register_url"], ctx["qr_svg"] = fair_qr(fair)
        ctx["public_url"] = public_url(fair.get_public_url())
        ctx["closed"] = operations.registration_closed_reason(fair)
        ctx["hires_due"] = fair.status == FairStatus.HELD
        return ctx


class JobFairActionView(PortalPermissionMixin, View):
    """POST a transition of the fair: open or close registration, mark the fair as held."""

    permission_required = CHANGE
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in FAIR_ACTIONS:
            raise Http404
        fair = get_object_or_404(JobFair, pk=pk)
        try:
            FAIR_ACTIONS[action](fair, version=request.POST.get("version") or None)
        except (TransitionError, operations.JobFairError) as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("The job fair is now “%(status)s”.") % {"status": fair.get_status_display()})
        return HttpResponseRedirect(fair.get_absolute_url())


def _message(exc) -> str:
    return exc.messages[0] if hasattr(exc, "messages") else str(exc)


class RegistrationActionView(PortalPermissionMixin, View):
    """POST an action on one registration: approve, return with a reason, record intentions, confirm
    hires. A refusal shows the fair's page again with the reason beside the registration and what
    was typed; nothing is changed."""

    permission_required = CHANGE
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in REG_ACTIONS:
            raise Http404
        reg = get_object_or_404(JobRegistration.objects.select_related("fair"), pk=pk)
        version = request.POST.get("version") or None
        form, typed = None, {}
        try:
            if action == "approve":
                operations.approve_registration(reg, version=version)
            else:
                form = (ReturnForm if action == "return" else CountForm)(request.POST, prefix=f"{action}-{reg.pk}")
                typed = {
                    action: request.POST.get(f"{action}-{reg.pk}-{'reason' if action == 'return' else 'count'}", "")
                }
                if not form.is_valid():
                    raise operations.JobFairError(_("Please correct the marked fields; nothing has been changed."))
                if action == "return":
                    operations.return_registration(reg, form.cleaned_data["reason"], version=version)
                elif action == "intentions":
                    operations.record_intentions(reg, form.cleaned_data["count"], version=version)
                else:
                    operations.confirm_hires(reg, form.cleaned_data["count"], version=version)
        except (TransitionError, operations.JobFairError) as exc:
            error = _message(exc)
            if form is not None and form.errors:
                error = " ".join(e for errs in form.errors.values() for e in errs)
            messages.error(request, f"{reg.enterprise_name}: {error}")
            view = JobFairDetailView()
            view.setup(request, pk=reg.fair_id)
            view.object = view.get_queryset().get(pk=reg.fair_id)
            ctx = view.get_context_data(object=view.object, bound=(reg.pk, error, typed))
            return view.render_to_response(ctx)
        reg.refresh_from_db()
        messages.success(
            request, _("%(name)s: “%(status)s”.") % {"name": reg.enterprise_name, "status": reg.get_status_display()}
        )
        return HttpResponseRedirect(reg.get_absolute_url())


class JobFairPosterView(PortalPermissionMixin, TemplateView):
    """An A4 poster with the registration QR code, for enterprises and chambers."""

    permission_required = "services.view_jobfair"
    template_name = "services/jobfairs/jobfair_poster.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["fair"] = fair = get_object_or_404(JobFair, pk=self.kwargs["pk"])
        ctx["register_url"], ctx["qr_svg"] = fair_qr(fair)
        return ctx


# --- Public (no login, phone first) -------------------------------------------------------------


def _fair_by_token(token):
    return get_object_or_404(JobFair, token=token)


class JobFairRegisterView(View):
    """报名: the enterprise, its contact and its positions. Open while the fair is 报名中 and inside
    the window. Guards: CSRF, captcha, a per-address rate limit, consent; audited as the public's."""

    template_name = "services/jobfairs/jobfair_register.html"

    def dispatch(self, request, token):
        self.fair = _fair_by_token(token)
        self.closed = operations.registration_closed_reason(self.fair)
        return super().dispatch(request, token)

    def get(self, request, token):
        return self.render(RegistrationForm(), PositionFormSet(prefix="positions"))

    def post(self, request, token):
        if self.closed:
            return self.render(None, None)
        form = RegistrationForm(request.POST)
        formset = PositionFormSet(request.POST, prefix="positions")
        if "copy_previous" in request.POST:
            return self.copy_previous(form)
        if ratelimit.limit_request(
            request, "jobfair-register", settings.SERVICES_SUBMIT_LIMIT, settings.SERVICES_SUBMIT_WINDOW
        ):
            messages.error(request, _("Too many requests from your network in the last hour. Please try again later."))
            return self.render(form, formset, status=429)
        valid = form.is_valid()
        if not (formset.is_valid() and valid):
            messages.error(request, _("Please correct the marked fields; nothing has been saved."))
            return self.render(form, formset)
        try:
            with audit.public_form():
                reg = operations.register_for_fair(
                    self.fair, **form.registration_data(), positions=formset.positions(), consent=True
                )
        except operations.JobFairError as exc:
            form.add_error(None, _message(exc))
            messages.error(request, _message(exc))
            return self.render(form, formset)
        request.session[SESSION_REGISTERED] = reg.pk
        return redirect("services:jobfair_registered", token=self.fair.token)

    def copy_previous(self, form):
        """Fill the positions from the enterprise's newest earlier registration (by its code)."""
        uscc = form.data.get("uscc", "")
        rows = operations.previous_positions(uscc, self.fair)
        if not rows:
            messages.warning(self.request, _("No earlier registration with this code was found."))
            formset = PositionFormSet(self.request.POST, prefix="positions")
        else:
            messages.info(self.request, _("The positions of your previous fair were copied: check them."))
            formset = PositionFormSet(prefix="positions", initial=rows)
            formset.extra = 0
        return self.render(
            RegistrationForm(
                initial={k: form.data.get(k, "") for k in ("uscc", "enterprise_name", "contact_person", "phone")}
            ),
            formset,
        )

    def render(self, form, formset, status=200):
        uscc = form.data.get("uscc", "") if form is not None and form.is_bound else ""
        return render(
            self.request,
            self.template_name,
            {
                "fair": self.fair,
                "form": None if self.closed else form,
                "formset": formset,
                "closed": self.closed,
                "challenge": captcha.new_challenge(),
                "offer_copy": has_previous(uscc, self.fair),
            },
            status=status,
        )


def has_previous(uscc, fair) -> bool:
    key = operations.previous_key(uscc)
    return bool(key) and JobRegistration.objects.filter(match_key=key).exclude(fair=fair).exists()


class JobFairPreviousView(View):
    """htmx: the "copy from my previous fair" button, offered only when the typed code has an earlier
    registration (an empty answer otherwise)."""

    def get(self, request, token):
        fair = _fair_by_token(token)
        return render(
            request,
            "services/jobfairs/_copy_previous.html",
            {"fair": fair, "offer_copy": has_previous(request.GET.get("uscc", ""), fair)},
        )


class JobFairRegisteredView(View):
    def get(self, request, token):
        fair = _fair_by_token(token)
        pk = request.session.get(SESSION_REGISTERED)
        reg = JobRegistration.objects.filter(pk=pk, fair=fair).first() if pk else None
        if reg is None:
            return redirect("services:jobfair_register", token=token)
        return render(request, "services/jobfairs/jobfair_registered.html", {"fair": fair, "reg": reg})


class JobFairCorrectView(View):
    """修改重报: find a returned registration by tracking code and phone, correct it and send it
    again. Misses are throttled; a wrong pair reads like an unknown code."""

    template_name = "services/jobfairs/jobfair_correct.html"

    def get(self, request):
        reg = self.tracked()
        if reg is None:
            return render(request, self.template_name, {"lookup": LookupForm()})
        return self.render_correction(reg)

    def tracked(self):
        pk = self.request.session.get(SESSION_CORRECTING)
        return JobRegistration.objects.select_related("fair").filter(pk=pk).first() if pk else None

    def post(self, request):
        if "code" in request.POST:
            return self.lookup()
        reg = self.tracked()
        if reg is None:
            return redirect("services:jobfair_correct")
        form = CorrectionForm(request.POST)
        formset = PositionFormSet(request.POST, prefix="positions")
        valid = form.is_valid()
        if not (formset.is_valid() and valid):
            messages.error(request, _("Please correct the marked fields; nothing has been saved."))
            return self.render_correction(reg, form, formset)
        try:
            with audit.public_form():
                operations.resubmit_registration(reg, **form.registration_data(), positions=formset.positions())
        except (TransitionError, operations.JobFairError) as exc:
            form.add_error(None, _message(exc))
            return self.render_correction(reg, form, formset)
        request.session[SESSION_REGISTERED] = reg.pk
        return redirect("services:jobfair_registered", token=reg.fair.token)

    def lookup(self):
        request = self.request
        form = LookupForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"lookup": form})
        address = ratelimit.client_address(request)
        if ratelimit.is_limited("jobfair-lookup", address, settings.SERVICES_LOOKUP_MISS_LIMIT):
            messages.error(request, _("Too many unsuccessful lookups. Please wait a quarter of an hour and try again."))
            return render(request, self.template_name, {"lookup": form}, status=429)
        reg = operations.find_for_correction(form.cleaned_data["code"], form.cleaned_data["phone"])
        if reg is None:
            ratelimit.hit("jobfair-lookup", address, 15 * 60)
            form.add_error(None, _("No registration matches this tracking code and phone number."))
            return render(request, self.template_name, {"lookup": form})
        request.session[SESSION_CORRECTING] = reg.pk
        return redirect("services:jobfair_correct")

    def render_correction(self, reg, form=None, formset=None):
        if form is None:
            form = CorrectionForm(
                initial={k: getattr(reg, k) for k in ("enterprise_name", "uscc", "contact_person", "phone")}
            )
            rows = list(reg.positions.order_by("id").values(*operations.POSITION_FIELDS))
            formset = PositionFormSet(prefix="positions", initial=rows)
            formset.extra = 0
        return render(
            self.request,
            self.template_name,
            {"reg": reg, "fair": reg.fair, "form": form, "formset": formset, "returned": reg.status == S.RETURNED},
        )


class JobFairPublicView(View):
    """招聘会岗位: the approved enterprises and their positions, searchable by position, salary and
    place. No contact person, no phone."""

    def get(self, request, token):
        fair = _fair_by_token(token)
        search = PublicSearchForm(request.GET)
        positions = JobPosition.objects.filter(registration__fair=fair, registration__status=S.APPROVED)
        if search.is_valid():
            data = search.cleaned_data
            if data["q"]:
                positions = positions.filter(Q(title__icontains=data["q"]) | Q(requirements__icontains=data["q"]))
            if data["salary"]:
                positions = positions.filter(Q(salary_max__gte=data["salary"]) | Q(salary_min__gte=data["salary"]))
            if data["place"]:
                positions = positions.filter(place__icontains=data["place"])
        positions = list(
            positions.select_related("registration")
            .only(
                *(f"{f}" for f in operations.POSITION_FIELDS),
                "registration__enterprise_name",
                "registration__id",
            )
            .order_by("registration__enterprise_name", "registration_id", "id")
        )
        groups = {}
        for p in positions:
            groups.setdefault(p.registration_id, (p.registration.enterprise_name, []))[1].append(p)
        return render(
            request,
            "services/jobfairs/jobfair_public.html",
            {
                "fair": fair,
                "search": search,
                "groups": list(groups.values()),
                "n_positions": len(positions),
                "n_openings": sum(p.headcount for p in positions),
                "today": timezone.localdate(),
            },
        )
