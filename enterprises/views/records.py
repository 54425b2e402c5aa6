"""Staff pages of the enterprise records: list (search, filters, sorting), the 一企一档 page, add, edit.

Built on the core's generic views: each view sets attributes; permissions come from the one mixin
(view for the list and page, add/change for the form)."""

from django.utils.translation import gettext as _

from federation.masking import can_see_personal_data
from federation.personal_data import PersonalDataAuditMixin
from federation.registry import enterprise_actions_for, panels_for, timeline_for
from federation.views.generic import ObjectDetailView, ObjectEditView, ObjectListView

from .. import counts
from ..counts import DEFAULT_PER_PAGE, CountedPaginator, capped_count, registered_total
from ..filters import EnterpriseFilterSet
from ..forms import EnterpriseForm
from ..models import Enterprise
from ..tables import EnterpriseTable

TIMELINE_LIMIT = 50
HISTORY_LIMIT = 5


class EnterpriseListView(ObjectListView):
    """The register: one COUNT and one page of rows, whatever the page size (districts joined in)."""

    queryset = Enterprise.objects.select_related("district")
    filterset_class = EnterpriseFilterSet
    table_class = EnterpriseTable
    template_name = "enterprises/enterprise_list.html"
    paginate_by = DEFAULT_PER_PAGE
    export_permission = "enterprises.export_enterprise"
    # No filter chosen: the filter fields are the same for everyone (their select widgets were a
    # fifth of the page's time), kept per process (federation.fragments).
    keep_empty_filters = True
    filter_fields_template = "enterprises/includes/enterprise_filter_fields.html"
    count_capped = False

    def is_filtered(self):
        """Whether any filter or search narrows the list (an invalid one counts: it empties it)."""
        filterset = self.filterset
        if not filterset.is_bound:
            return False
        return not filterset.is_valid() or any(v not in (None, "") for v in filterset.form.cleaned_data.values())

    def searching(self):
        return self.filterset.is_valid() and bool(self.filterset.form.cleaned_data.get("q"))

    def get_table_pagination(self, table):
        # One count query whatever the page: unfiltered, the exact running total (one tiny row
        # instead of COUNT(*) over the register); a search, its matches up to a limit; filters
        # alone, an exact COUNT (their btree indexes make it cheap).
        self.count_capped = False
        if not self.is_filtered():
            count = registered_total()
        elif self.searching():
            count = capped_count(self.object_list, counts.SEARCH_COUNT_LIMIT)
            self.count_capped = count > counts.SEARCH_COUNT_LIMIT
        else:
            count = None
        return {"per_page": self.paginate_by, "paginator_class": CountedPaginator, "count": count}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filters = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        ctx["filtered"] = any(v not in (None, "") for k, v in filters.items() if k != "q")
        ctx["count_capped"] = self.count_capped
        ctx["count_limit"] = f"{counts.SEARCH_COUNT_LIMIT:,}"
        return ctx

    def export(self, queryset):
        # The export has the import template's layout (round trip), so it lives with the import.
        # Up to ENTERPRISE_EXPORT_DIRECT_MAX rows it is the response itself; more would keep the
        # request open for many seconds (proxies time out), so the report centre builds it instead.
        from django.conf import settings
        from django.contrib import messages
        from django.shortcuts import redirect

        from federation.reports import request_report

        from ..ledgers import ENTERPRISE_LEDGER
        from ..spreadsheet import EXPORT_REPORT

        limit = settings.ENTERPRISE_EXPORT_DIRECT_MAX
        if capped_count(queryset, limit) <= limit:
            return ENTERPRISE_LEDGER.response(queryset, self.request.user)
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop("page", None)
        request_report(EXPORT_REPORT, {"query": query.urlencode()}, self.request.user)
        messages.info(
            self.request,
            _(
                "More than %(n)s enterprises: the export is being built in the background; download it here when it is ready."
            )
            % {"n": f"{limit:,}"},
        )
        return redirect("federation:report_list")


class EnterpriseDetailView(PersonalDataAuditMixin, ObjectDetailView):
    """一企一档: the record, everything other apps registered for it (timeline), its latest changes."""

    queryset = Enterprise.objects.select_related("district", "industry_section", "industry_division")
    template_name = "enterprises/enterprise_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["timeline"] = timeline_for(self.object, limit=TIMELINE_LIMIT, user=self.request.user)
        ctx["actions"] = enterprise_actions_for(self.request.user, self.object)
        ctx["panels"] = panels_for(self.request, self.object)
        ctx["timeline_limit"] = TIMELINE_LIMIT
        ctx["changes"] = latest_changes(self.object, HISTORY_LIMIT)
        ctx["show_personal_data"] = can_see_personal_data(self.request.user)
        return ctx


class EnterpriseEditView(ObjectEditView):
    """Add (no pk) or change a record; the USCC rules and the membership rule come from the model."""

    model = Enterprise
    form_class = EnterpriseForm
    template_name = "enterprises/enterprise_edit.html"


def latest_changes(enterprise, limit):
    """The newest ``limit`` history records, each with the names of the fields it changed."""
    records = list(
        enterprise.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    changes = []
    for i, newer in enumerate(records[:limit]):
        older = records[i + 1] if i + 1 < len(records) else None
        fields = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            fields = [str(Enterprise._meta.get_field(c.field).verbose_name) for c in delta.changes]
        changes.append({"record": newer, "fields": fields})
    return changes
