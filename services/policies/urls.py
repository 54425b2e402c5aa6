"""URLs of policies: public pages (list, page, document, matcher) and the staff pages."""

from django.urls import path

from .views import public, staff

# Included by services/urls.py under the app namespace "services".

urlpatterns = [
    # Public (no login)
    path("policies/public/", public.PolicyPublicListView.as_view(), name="policy_public_list"),
    path("policies/public/<int:pk>/", public.PolicyPublicDetailView.as_view(), name="policy_public_detail"),
    path("policies/public/<int:pk>/document/", public.PolicyPublicFileView.as_view(), name="policy_public_file"),
    path("policies/match/", public.PolicyMatchView.as_view(), name="policy_match"),
    # Staff
    path("policies/", staff.PolicyListView.as_view(), name="policy_list"),
    path("policies/add/", staff.PolicyEditView.as_view(), name="policy_add"),
    path("policies/outreach/", staff.PolicyOutreachListView.as_view(), name="policyoutreach_list"),
    path("policies/documents/<int:pk>/", staff.PolicyFileDownloadView.as_view(), name="policyfile_download"),
    path("policies/<int:pk>/", staff.PolicyDetailView.as_view(), name="policy_detail"),
    path("policies/<int:pk>/edit/", staff.PolicyEditView.as_view(), name="policy_edit"),
    path("policies/<int:pk>/enterprises/", staff.PolicyTargetListView.as_view(), name="policy_enterprises"),
    path("policies/<int:pk>/informed/", staff.PolicyOutreachAddView.as_view(), name="policy_outreach_add"),
    path("policies/<int:pk>/<slug:action>/", staff.PolicyActionView.as_view(), name="policy_action"),
]
