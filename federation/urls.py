"""Root URLs. Each app has its own namespace (<app>:<model>_<action>)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import CalendarDayForm
from .models import CalendarDay
from .views import accounts, core, dashboard, reports
from .views.generic import ObjectDeleteView, ObjectEditView

core_patterns = (
    [
        path("calendar/", core.CalendarDayListView.as_view(), name="calendarday_list"),
        path("calendar/bulk/", core.CalendarDayBulkView.as_view(), name="calendarday_bulk"),
        path(
            "calendar/add/",
            ObjectEditView.as_view(model=CalendarDay, form_class=CalendarDayForm),
            name="calendarday_add",
        ),
        path(
            "calendar/<int:pk>/edit/",
            ObjectEditView.as_view(model=CalendarDay, form_class=CalendarDayForm),
            name="calendarday_edit",
        ),
        path(
            "calendar/<int:pk>/delete/",
            ObjectDeleteView.as_view(model=CalendarDay),
            name="calendarday_delete",
        ),
        path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
        path("reports/", core.ReportListView.as_view(), name="report_list"),
        path("reports/<int:pk>/download/", core.ReportDownloadView.as_view(), name="report_download"),
        path("reports/<int:pk>/retry/", core.ReportRetryView.as_view(), name="report_retry"),
        path("reports/new/<str:kind>/", reports.ReportRequestView.as_view(), name="report_request"),
        path("reports/templates/", reports.ReportTemplateListView.as_view(), name="reporttemplate_list"),
        path("reports/templates/upload/", reports.ReportTemplateUploadView.as_view(), name="reporttemplate_upload"),
        path(
            "reports/templates/<int:pk>/download/",
            reports.ReportTemplateDownloadView.as_view(),
            name="reporttemplate_download",
        ),
        path("schedules/", reports.ScheduleListView.as_view(), name="schedule_list"),
        path("notices/", core.NoticeListView.as_view(), name="notice_list"),
        path("notices/<int:pk>/", core.NoticeOpenView.as_view(), name="notice_open"),
        path("notices/read-all/", core.NoticeReadAllView.as_view(), name="notice_read_all"),
        path("audit/logins/", core.LoginLogView.as_view(), name="login_log"),
        path("audit/changes/", core.AuditLogView.as_view(), name="audit_log"),
    ],
    "federation",
)

urlpatterns = [
    path("", core.HomeView.as_view(), name="home"),
    path("healthz", core.healthz, name="healthz"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("system/", include(core_patterns)),
    path("enterprises/", include("enterprises.urls")),
    path("chambers/", include("chambers.urls")),
    path("services/", include("services.urls")),
    path("villages/", include("villages.urls")),
    path("admin/", admin.site.urls),
]
