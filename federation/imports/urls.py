"""The URL patterns of one spec's import pages, included in the app's URLconf so the names stay the
app's own (``enterprises:enterprise_import``, ``…_template``, ``…_detail``, ``…_status``,
``…_apply``, ``…_retry``, ``…_invalid``)."""

from django.urls import path

from . import views


def import_urlpatterns(spec_key: str, name: str, prefix: str = "import/"):
    """``urlpatterns += import_urlpatterns("enterprises", "enterprise_import")``."""

    def view(cls):
        return cls.as_view(spec_key=spec_key)

    return [
        path(prefix, view(views.ImportUploadView), name=name),
        path(f"{prefix}template/", view(views.ImportTemplateView), name=f"{name}_template"),
        path(f"{prefix}<int:pk>/", view(views.ImportJobDetailView), name=f"{name}_detail"),
        path(f"{prefix}<int:pk>/status/", view(views.ImportJobStatusView), name=f"{name}_status"),
        path(f"{prefix}<int:pk>/apply/", view(views.ImportApplyView), name=f"{name}_apply"),
        path(f"{prefix}<int:pk>/retry/", view(views.ImportRetryView), name=f"{name}_retry"),
        path(f"{prefix}<int:pk>/invalid/", view(views.ImportInvalidRowsView), name=f"{name}_invalid"),
    ]
