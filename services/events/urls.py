"""URLs of events: the staff pages and the public sign-in (the link the QR code encodes)."""

from django.urls import path

from . import views

# Included by services/urls.py under the app namespace "services" (URL names services:event_*).

urlpatterns = [
    # Public (no login): the token is random, not the event's number.
    path("events/signin/<str:token>/", views.EventSignInView.as_view(), name="event_signin"),
    path("events/signin/<str:token>/done/", views.EventSignedInView.as_view(), name="event_signed_in"),
    # Staff
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/add/", views.EventEditView.as_view(), name="event_add"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path("events/<int:pk>/poster/", views.EventPosterView.as_view(), name="event_poster"),
    path("events/<int:pk>/<slug:action>/", views.EventActionView.as_view(), name="event_action"),
    path("events/files/<int:pk>/", views.EventFileDownloadView.as_view(), name="event_file"),
]
