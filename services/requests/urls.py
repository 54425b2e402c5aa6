"""URLs of enterprise requests: the public forms and the staff pages."""

from django.urls import path

from .views import public, staff

# Included by services/urls.py under the app namespace "services" (URL names services:request_*).

urlpatterns = [
    # Public (no login)
    path("requests/new/", public.RequestSubmitView.as_view(), name="request_submit"),
    path("requests/new/done/", public.RequestSubmittedView.as_view(), name="request_submitted"),
    path("requests/track/", public.RequestTrackView.as_view(), name="request_track"),
    path("requests/track/<str:code>/", public.RequestTrackResultView.as_view(), name="request_track_result"),
    # Staff
    path("requests/", staff.RequestListView.as_view(), name="request_list"),
    path("requests/add/", staff.RequestCreateView.as_view(), name="request_add"),
    path("requests/poster/", staff.PosterView.as_view(), name="request_poster"),
    path("requests/metrics/", staff.MetricsView.as_view(), name="request_metrics"),
    path("requests/<int:pk>/", staff.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/<slug:action>/", staff.RequestActionView.as_view(), name="request_action"),
    path("attachments/<int:pk>/", staff.AttachmentDownloadView.as_view(), name="attachment_download"),
]
