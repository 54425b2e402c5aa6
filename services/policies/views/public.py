"""Public pages of policies (no login, phone first): the list, a policy's page (counts a view), its
document, and the matcher (政策匹配): an enterprise picks its industry, scale, type and district and
sees the policies that apply with the reason, those that may apply and the near misses."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views import View

from .. import matching, operations
from ..filters import PublicPolicyFilterSet
from ..forms import MatchForm
from ..models import Policy
from .staff import public_file_response

PAGE_SIZE = 15


class PolicyPublicListView(View):
    """政策公开: published policies, newest first, searchable and filterable; GET, so bookmarkable."""

    template_name = "services/policies/policy_public_list.html"

    def get(self, request):
        filterset = PublicPolicyFilterSet(request.GET or None, queryset=Policy.objects.published())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else Policy.objects.published()
        page = Paginator(queryset.order_by("-issued_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            self.template_name,
            {"filter": filterset, "page_obj": page, "policies": page.object_list, "query": query.urlencode()},
        )


class PolicyPublicDetailView(View):
    template_name = "services/policies/policy_public_detail.html"

    def get(self, request, pk):
        policy = get_object_or_404(
            Policy.objects.published().prefetch_related("industry_sections", "districts", "files"), pk=pk
        )
        operations.count_view(policy)
        conditions = [(c.label, matching.required_values(policy, c)[1]) for c in matching.CONDITIONS]
        return render(
            request,
            self.template_name,
            {"policy": policy, "conditions": conditions, "files": list(policy.files.all())},
        )


class PolicyPublicFileView(View):
    def get(self, request, pk):
        return public_file_response(pk)


class PolicyMatchView(View):
    """The public matcher. Nothing is stored and nothing personal is asked."""

    template_name = "services/policies/policy_match.html"
    LIMIT = 10

    def get(self, request):
        form = MatchForm(request.GET or None)
        matches = None
        if form.is_bound and form.is_valid():
            matches = matching.policies_for(form.profile(), limit=self.LIMIT)
        return render(request, self.template_name, {"form": form, "matches": matches})
