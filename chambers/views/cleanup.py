"""The clean-up (清理整顿) pages: the dormant-chamber candidates with the rules each meets, the
"checked, not dormant" decision, the rules' thresholds, and the yearly view of what falls due."""

import datetime

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from federation import dashboard
from federation.permissions import PortalPermissionMixin
from federation.views.generic import ObjectEditView

from .. import candidates, operations
from ..choices import Status
from ..models import AnnualInspection, CandidateRules, Chamber, DormancyCheck, FourGoodRating


class DormancyCheckForm(forms.Form):
    """Why a candidate is not dormant, and until when the decision holds (at most a year: it must expire)."""

    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500)
    expires_on = forms.DateField(
        label=gettext_lazy("Holds until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value > today + datetime.timedelta(days=366):
            raise forms.ValidationError(_("A decision holds for a year at most; the chamber is judged again after it."))
        return value


class CandidateListView(PortalPermissionMixin, TemplateView):
    """清理整顿候选: chambers that meet a dormant-chamber rule, and those checked and held until a date."""

    model = Chamber
    template_name = "chambers/candidates.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rules = CandidateRules.current()
        queryset = self.restrict_queryset(self.request, Chamber.objects.all(), "view")
        # Judging every chamber costs a grouped scan of the memberships and the activity: kept under
        # the data's version (any write judges again), per user (a secretary's chambers are theirs).
        today = timezone.localdate()
        open_, ctx["held"] = dashboard.versioned(
            f"chambers.candidates:{self.request.user.pk}:{today:%Y%m%d}",
            lambda: candidates.candidates(queryset, rules=rules, on=today),
        )
        # Pages of 50: a city's first judgement can list hundreds of chambers, and drawing them all
        # (each with its check form) cost four times the query that finds them.
        ctx["page_obj"] = Paginator(open_, self.paginate_by).get_page(self.request.GET.get("page"))
        ctx["candidates"] = ctx["page_obj"].object_list
        ctx["rules"] = rules
        ctx["rule_labels"] = candidates.RULES
        ctx["can_check"] = self.request.user.has_perm("chambers.add_dormancycheck")
        ctx["can_edit_rules"] = self.request.user.has_perm("chambers.change_candidaterules")
        default = timezone.localdate() + datetime.timedelta(days=180)
        ctx["check_form"] = DormancyCheckForm(initial={"expires_on": default})
        return ctx


class DormancyCheckAddView(PortalPermissionMixin, View):
    """Staff mark a candidate "checked, not dormant" (``operations.check_not_dormant``)."""

    model = DormancyCheck
    action = "add"

    def post(self, request, pk):
        chamber = get_object_or_404(self.restrict_queryset(request, Chamber.objects.all(), "change"), pk=pk)
        form = DormancyCheckForm(request.POST)
        if form.is_valid():
            try:
                operations.check_not_dormant(
                    chamber, request.user, form.cleaned_data["reason"], form.cleaned_data["expires_on"]
                )
            except operations.ChamberError as error:
                messages.error(request, f"{chamber}: {error}")
            else:
                messages.success(request, _("“%(chamber)s” is marked checked, not dormant.") % {"chamber": chamber})
        else:
            errors = "; ".join(e for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, f"{chamber}: {errors}")
        return redirect("chambers:candidates")


class CandidateRulesEditView(ObjectEditView):
    """The thresholds of the dormant-chamber rules (one row): staff and administrators keep them."""

    model = CandidateRules
    fields = ["inactive_months", "failed_inspection_years", "min_active_members", "contact_failures"]
    template_name = "chambers/candidaterules_edit.html"

    def get_action(self):
        return "change"

    def get_object(self, queryset=None):
        return CandidateRules.current()

    def model_url(self, action, *args):
        return reverse("chambers:candidates")  # the rules have no list of their own

    def get_success_url(self):
        return reverse("chambers:candidates")


class YearlyView(PortalPermissionMixin, TemplateView):
    """年度工作: the chambers due this year for the annual inspection (none recorded for last year), for
    re-rating (no Four-Good rating in force) and for election (due within the year or overdue)."""

    model = Chamber
    template_name = "chambers/yearly.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = today.year
        chambers = (
            self.restrict_queryset(self.request, Chamber.objects.all(), "view")
            .exclude(status=Status.DEREGISTERED)
            .select_related("district")
            .only("pk", "name", "status", "district__name", "next_election_due", "registered_on")
            .order_by("name")
        )
        inspected = AnnualInspection.objects.filter(chamber=OuterRef("pk"), year=year - 1)
        rated = FourGoodRating.objects.filter(chamber=OuterRef("pk"), valid_until__gte=today).exclude(level="")
        ctx.update(
            year=year,
            last_year=year - 1,
            # A chamber registered this year has no last year to be inspected for.
            inspection_due=chambers.filter(~Exists(inspected)).filter(
                Q(registered_on__isnull=True) | Q(registered_on__lt=datetime.date(year, 1, 1))
            ),
            rating_due=chambers.filter(status=Status.ACTIVE).filter(~Exists(rated)),
            election_due=chambers.filter(next_election_due__lte=datetime.date(year, 12, 31)).order_by(
                "next_election_due", "name"
            ),
            today=today,
        )
        return ctx
