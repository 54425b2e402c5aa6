"""URLs of job fairs: the staff pages and the public registration, correction and fair page."""

from django.urls import path

from . import views

# Included by services/urls.py under the app namespace "services".

urlpatterns = [
    # Public (no login): the token is random, not the fair's number.
    path("jobfairs/register/<str:token>/", views.JobFairRegisterView.as_view(), name="jobfair_register"),
    path("jobfairs/register/<str:token>/done/", views.JobFairRegisteredView.as_view(), name="jobfair_registered"),
    path("jobfairs/register/<str:token>/previous/", views.JobFairPreviousView.as_view(), name="jobfair_previous"),
    path("jobfairs/correct/", views.JobFairCorrectView.as_view(), name="jobfair_correct"),
    path("jobfairs/fair/<str:token>/", views.JobFairPublicView.as_view(), name="jobfair_public"),
    # Staff
    path("jobfairs/", views.JobFairListView.as_view(), name="jobfair_list"),
    path("jobfairs/add/", views.JobFairEditView.as_view(), name="jobfair_add"),
    path("jobfairs/registrations/", views.JobRegistrationListView.as_view(), name="jobregistration_list"),
    path(
        "jobfairs/registrations/<int:pk>/<slug:action>/",
        views.RegistrationActionView.as_view(),
        name="jobregistration_action",
    ),
    path("jobfairs/<int:pk>/", views.JobFairDetailView.as_view(), name="jobfair_detail"),
    path("jobfairs/<int:pk>/edit/", views.JobFairEditView.as_view(), name="jobfair_edit"),
    path("jobfairs/<int:pk>/poster/", views.JobFairPosterView.as_view(), name="jobfair_poster"),
    path("jobfairs/<int:pk>/<slug:action>/", views.JobFairActionView.as_view(), name="jobfair_action"),
]
