"""Staff pages of campaigns: the list, add/edit with the goals' inline formset, and the campaign's
page with each goal's progress beside where it should be by today."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from . import progress
from .filters import CampaignFilterSet
from .forms import CampaignForm, GoalFormSet
from .models import Campaign
from .tables import CampaignTable


class CampaignListView(ObjectListView):
    model = Campaign
    queryset = Campaign.objects.select_related("lead").prefetch_related("goals")
    filterset_class = CampaignFilterSet
    table_class = CampaignTable
    template_name = "services/campaigns/campaign_list.html"
    export_enabled = False


class CampaignEditView(ObjectEditView):
    """The campaign and its goals, saved together or not at all."""

    model = Campaign
    form_class = CampaignForm
    template_name = "services/campaigns/campaign_edit.html"

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return GoalFormSet(data, instance=self.object or Campaign(), prefix="goals")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("formset", kwargs.get("formset") or self.get_formset())
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        formset = self.get_formset()
        if form.is_valid() and formset.is_valid():
            adding = self.object is None
            with transaction.atomic():
                self.object = form.save()
                formset.instance = self.object
                formset.save()
            msg = _("Added “%(obj)s”.") if adding else _("Saved “%(obj)s”.")
            messages.success(request, msg % {"obj": self.object})
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.error(request, _("Please correct the errors below; nothing has been saved."))
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class CampaignDetailView(ObjectDetailView):
    """The campaign's page: each goal's count beside where it should be today, flagged when behind."""

    model = Campaign
    template_name = "services/campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return Campaign.objects.select_related("lead")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        campaign = self.object
        rows = progress.progress(campaign, today)
        ctx.update(
            today=today,
            elapsed_percent=round(100 * campaign.elapsed(today)),
            rows=rows,
            behind=[r for r in rows if r.behind],
            visits=campaign.visits.order_by("-date", "-pk").prefetch_related("enterprises")[:10],
            visit_count=campaign.visits.count(),
        )
        return ctx
