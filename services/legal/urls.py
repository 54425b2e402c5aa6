"""URLs of the legal service network (names services:legal*, lawyer_*), included by services/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("legal/", views.LegalPublicView.as_view(), name="legal_public"),
    path("legal/stations/", views.LegalStationListView.as_view(), name="legalstation_list"),
    path("legal/stations/add/", views.LegalStationEditView.as_view(), name="legalstation_add"),
    path("legal/stations/<int:pk>/", views.LegalStationDetailView.as_view(), name="legalstation_detail"),
    path("legal/stations/<int:pk>/edit/", views.LegalStationEditView.as_view(), name="legalstation_edit"),
    path(
        "legal/stations/<int:pk>/<str:action>/",
        views.LegalStationStatusView.as_view(),
        name="legalstation_status",
    ),
    path("legal/lawyers/", views.LawyerListView.as_view(), name="lawyer_list"),
    path("legal/lawyers/add/", views.LawyerEditView.as_view(), name="lawyer_add"),
    path("legal/lawyers/<int:pk>/edit/", views.LawyerEditView.as_view(), name="lawyer_edit"),
    path("legal/consultations/", views.LegalConsultationListView.as_view(), name="legalconsultation_list"),
    path("legal/consultations/add/", views.LegalConsultationEditView.as_view(), name="legalconsultation_add"),
    path("legal/consultations/<int:pk>/", views.LegalConsultationDetailView.as_view(), name="legalconsultation_detail"),
    path(
        "legal/consultations/<int:pk>/edit/", views.LegalConsultationEditView.as_view(), name="legalconsultation_edit"
    ),
    path(
        "legal/consultations/<int:pk>/follow-up/",
        views.LegalConsultationFollowUpView.as_view(),
        name="legalconsultation_follow_up",
    ),
    path("legal/enterprises/", views.ServedEnterpriseListView.as_view(), name="legal_served_enterprises"),
]
