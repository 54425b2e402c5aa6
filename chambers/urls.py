from django.urls import path

from .views import cleanup, coverage, records

app_name = "chambers"

urlpatterns = [
    # Chamber records (一会一档)
    path("", records.ChamberListView.as_view(), name="chamber_list"),
    path("add/", records.ChamberEditView.as_view(), name="chamber_add"),
    path("<int:pk>/", records.ChamberDetailView.as_view(), name="chamber_detail"),
    path("<int:pk>/edit/", records.ChamberEditView.as_view(), name="chamber_edit"),
    path("<int:pk>/action/<str:action>/", records.ChamberActionView.as_view(), name="chamber_action"),
    # Clean-up, the yearly view and coverage of key areas
    path("candidates/", cleanup.CandidateListView.as_view(), name="candidates"),
    path("candidates/rules/", cleanup.CandidateRulesEditView.as_view(), name="candidaterules_edit"),
    path("<int:pk>/checked/", cleanup.DormancyCheckAddView.as_view(), name="dormancycheck_add"),
    path("yearly/", cleanup.YearlyView.as_view(), name="yearly"),
    path("coverage/", coverage.CoverageView.as_view(), name="coverage"),
    path("key-areas/add/", coverage.KeyAreaEditView.as_view(), name="keyarea_add"),
    path("key-areas/<int:pk>/edit/", coverage.KeyAreaEditView.as_view(), name="keyarea_edit"),
]
