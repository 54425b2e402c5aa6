from django.urls import path

from federation.imports.urls import import_urlpatterns

from .views import applications, cleanup, coverage, public, quality, records

app_name = "chambers"

urlpatterns = [
    # Chamber records (一会一档)
    path("", records.ChamberListView.as_view(), name="chamber_list"),
    path("add/", records.ChamberEditView.as_view(), name="chamber_add"),
    path("<int:pk>/", records.ChamberDetailView.as_view(), name="chamber_detail"),
    path("<int:pk>/edit/", records.ChamberEditView.as_view(), name="chamber_edit"),
    path("<int:pk>/action/<str:action>/", records.ChamberActionView.as_view(), name="chamber_action"),
    # Clean-up, the yearly view and coverage of key areas
    path("inspections/<int:pk>/edit/", quality.InspectionEditView.as_view(), name="annualinspection_edit"),
    path("inspections/<int:pk>/delete/", quality.InspectionDeleteView.as_view(), name="annualinspection_delete"),
    path("inspections/<int:pk>/document/", quality.InspectionDocumentView.as_view(), name="annualinspection_document"),
    path("ratings/<int:pk>/edit/", quality.RatingEditView.as_view(), name="fourgoodrating_edit"),
    path("ratings/<int:pk>/delete/", quality.RatingDeleteView.as_view(), name="fourgoodrating_delete"),
    path("members/", records.MembershipListView.as_view(), name="membership_list"),
    path("candidates/", cleanup.CandidateListView.as_view(), name="candidates"),
    path("candidates/rules/", cleanup.CandidateRulesEditView.as_view(), name="candidaterules_edit"),
    path("<int:pk>/checked/", cleanup.DormancyCheckAddView.as_view(), name="dormancycheck_add"),
    path("yearly/", cleanup.YearlyView.as_view(), name="yearly"),
    path("coverage/", coverage.CoverageView.as_view(), name="coverage"),
    path("key-areas/add/", coverage.KeyAreaEditView.as_view(), name="keyarea_add"),
    path("key-areas/<int:pk>/edit/", coverage.KeyAreaEditView.as_view(), name="keyarea_edit"),
    # The public directory and join applications (no login), their review, the member import
    path("directory/", public.PublicDirectoryView.as_view(), name="public_directory"),
    path("directory/<int:pk>/apply/", public.JoinApplyView.as_view(), name="join_apply"),
    path("directory/applied/", public.JoinAppliedView.as_view(), name="join_applied"),
    path("applications/", applications.ApplicationListView.as_view(), name="application_list"),
    path("applications/<int:pk>/", applications.ApplicationDetailView.as_view(), name="application_detail"),
    path(
        "applications/<int:pk>/<slug:decision>/",
        applications.ApplicationDecideView.as_view(),
        name="application_decide",
    ),
    *import_urlpatterns("chambers.members", "membership_import", prefix="members/import/"),
]
