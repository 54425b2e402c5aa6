from django.urls import path

from .views import imports, records

app_name = "enterprises"

urlpatterns = [
    path("", records.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", records.EnterpriseEditView.as_view(), name="enterprise_add"),
    path("<int:pk>/", records.EnterpriseDetailView.as_view(), name="enterprise_detail"),
    path("<int:pk>/edit/", records.EnterpriseEditView.as_view(), name="enterprise_edit"),
    path("import/", imports.EnterpriseImportView.as_view(), name="enterprise_import"),
    path("import/template/", imports.EnterpriseImportTemplateView.as_view(), name="enterprise_import_template"),
    path("import/<int:pk>/", imports.EnterpriseImportDetailView.as_view(), name="enterprise_import_detail"),
    path("import/<int:pk>/status/", imports.EnterpriseImportStatusView.as_view(), name="enterprise_import_status"),
    path("import/<int:pk>/apply/", imports.EnterpriseImportApplyView.as_view(), name="enterprise_import_apply"),
    path(
        "import/<int:pk>/invalid/", imports.EnterpriseImportInvalidRowsView.as_view(), name="enterprise_import_invalid"
    ),
]
