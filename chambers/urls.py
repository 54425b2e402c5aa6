from django.urls import path

from .views import cleanup, coverage

app_name = "chambers"

urlpatterns = []

# --- clean-up, yearly view and coverage (ch-cleanup) ---
urlpatterns += [
    path("candidates/", cleanup.CandidateListView.as_view(), name="candidates"),
    path("candidates/rules/", cleanup.CandidateRulesEditView.as_view(), name="candidaterules_edit"),
    path("<int:pk>/checked/", cleanup.DormancyCheckAddView.as_view(), name="dormancycheck_add"),
    path("yearly/", cleanup.YearlyView.as_view(), name="yearly"),
    path("coverage/", coverage.CoverageView.as_view(), name="coverage"),
    path("key-areas/add/", coverage.KeyAreaEditView.as_view(), name="keyarea_add"),
    path("key-areas/<int:pk>/edit/", coverage.KeyAreaEditView.as_view(), name="keyarea_edit"),
]
# --- end ch-cleanup ---
