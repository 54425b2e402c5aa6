from django.urls import path

from federation.imports.urls import import_urlpatterns

from .views import applications, public

app_name = "chambers"

urlpatterns = []

# --- ch-public: the public directory, join applications, the member import ---
urlpatterns += [
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
# --- end ch-public ---
