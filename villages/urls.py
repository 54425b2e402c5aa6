from django.urls import path

from federation.imports.urls import import_urlpatterns

from . import views

app_name = "villages"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("townships/", views.TownshipListView.as_view(), name="township_list"),
    path("townships/<int:pk>/", views.TownshipDetailView.as_view(), name="township_detail"),
    path("villages/", views.VillageListView.as_view(), name="village_list"),
    path("villages/add/", views.VillageEditView.as_view(), name="village_add"),
    path("villages/<int:pk>/", views.VillageDetailView.as_view(), name="village_detail"),
    path("villages/<int:pk>/edit/", views.VillageEditView.as_view(), name="village_edit"),
    path("enterprises/", views.PairedEnterpriseListView.as_view(), name="paired_enterprises"),
    path("pairings/", views.PairingListView.as_view(), name="pairing_list"),
    path("pairings/add/", views.PairingEditView.as_view(), name="pairing_add"),
    path("pairings/<int:pk>/", views.PairingDetailView.as_view(), name="pairing_detail"),
    path("pairings/<int:pk>/edit/", views.PairingEditView.as_view(), name="pairing_edit"),
    path("pairings/<int:pk>/action/<str:action>/", views.PairingActionView.as_view(), name="pairing_action"),
    path("pairings/<int:pairing>/projects/add/", views.PairingProjectEditView.as_view(), name="pairingproject_add"),
    path("projects/", views.PairingProjectListView.as_view(), name="pairingproject_list"),
    path("projects/<int:pk>/", views.PairingProjectDetailView.as_view(), name="pairingproject_detail"),
    path("projects/<int:pk>/edit/", views.PairingProjectEditView.as_view(), name="pairingproject_edit"),
    path("projects/<int:project>/reports/add/", views.ProgressReportEditView.as_view(), name="progressreport_add"),
    path("reports/", views.ReportingView.as_view(), name="progressreport_list"),
    path("reports/<int:pk>/edit/", views.ProgressReportEditView.as_view(), name="progressreport_edit"),
    path("reports/photos/<int:pk>/", views.ReportPhotoView.as_view(), name="reportphoto"),
    path("targets/", views.AnnualTargetListView.as_view(), name="annualtarget_list"),
    path("targets/add/", views.AnnualTargetEditView.as_view(), name="annualtarget_add"),
    path("targets/<int:pk>/edit/", views.AnnualTargetEditView.as_view(), name="annualtarget_edit"),
    *import_urlpatterns("villages.pairings", "pairing_import", prefix="pairings/import/"),
]
