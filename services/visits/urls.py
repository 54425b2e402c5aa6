"""URLs of visits (names services:visit_*), included by services/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/add/", views.VisitEditView.as_view(), name="visit_add"),
    path("visits/enterprises/", views.VisitedEnterpriseListView.as_view(), name="visited_enterprise_list"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/edit/", views.VisitEditView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/follow-up/", views.VisitFollowUpView.as_view(), name="visit_follow_up"),
    path("visits/<int:pk>/raise/", views.VisitRaiseRequestView.as_view(), name="visit_raise"),
    path("visits/photos/<int:pk>/", views.VisitPhotoView.as_view(), name="visit_photo"),
]
