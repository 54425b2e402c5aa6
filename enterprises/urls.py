from django.urls import path

from federation.imports.urls import import_urlpatterns

from . import picker
from .views import records

app_name = "enterprises"

urlpatterns = [
    path("", records.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", records.EnterpriseEditView.as_view(), name="enterprise_add"),
    path("pick/", picker.EnterprisePickView.as_view(), name="enterprise_pick"),
    path("<int:pk>/", records.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path("<int:pk>/edit/", records.EnterpriseEditView.as_view(), name="enterprise_edit"),
    *import_urlpatterns("enterprises", "enterprise_import"),
]
