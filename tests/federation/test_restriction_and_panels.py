"""The generic views filter through ``restrict_queryset`` (object-level permission); apps add panels
to the enterprise page; the timeline serves any subject and asks providers for no more than the limit."""

import datetime

import pytest
from django.db.models import QuerySet
from django.http import Http404
from django.test import RequestFactory

from federation import registry
from federation.filters import CalendarDayFilterSet
from federation.forms import CalendarDayForm
from federation.models import CalendarDay
from federation.tables import CalendarDayTable
from federation.views.generic import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

pytestmark = pytest.mark.django_db


class WorkdaysOnly(QuerySet):
    """A queryset whose ``restrict`` lets a user reach the make-up working days only."""

    def restrict(self, user, action):
        return self.filter(kind=CalendarDay.Kind.WORKDAY)


@pytest.fixture
def days():
    holiday = CalendarDay.objects.create(date=datetime.date(2031, 1, 1), kind=CalendarDay.Kind.HOLIDAY)
    workday = CalendarDay.objects.create(date=datetime.date(2031, 2, 8), kind=CalendarDay.Kind.WORKDAY)
    return holiday, workday


def _get(view, user, **kwargs):
    request = RequestFactory().get("/")
    request.user = user
    return view(request, **kwargs)


def _post(view, user, data, **kwargs):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return view(request, **kwargs)


def test_the_list_shows_only_the_rows_the_restriction_allows(days, staff):
    view = ObjectListView.as_view(
        queryset=WorkdaysOnly(model=CalendarDay), table_class=CalendarDayTable, filterset_class=CalendarDayFilterSet
    )
    response = _get(view, staff)
    listed = {(d.date, d.kind) for d in response.context_data["table"].data}
    assert (datetime.date(2031, 2, 8), CalendarDay.Kind.WORKDAY) in listed
    assert {kind for _date, kind in listed} == {CalendarDay.Kind.WORKDAY}  # the holiday of 2031-01-01 too
    assert response.context_data["table"].paginator.count == CalendarDay.objects.filter(kind="workday").count()


def test_detail_edit_and_delete_answer_404_for_an_object_outside_the_restriction(days, staff, admin_user):
    holiday, workday = days
    queryset = WorkdaysOnly(model=CalendarDay)
    detail = ObjectDetailView.as_view(queryset=queryset, template_name="federation/object_delete.html")
    edit = ObjectEditView.as_view(queryset=queryset, form_class=CalendarDayForm)
    delete = ObjectDeleteView.as_view(queryset=queryset)
    for view in (detail, edit, delete):
        with pytest.raises(Http404):
            _get(view, admin_user, pk=holiday.pk)
    assert _get(detail, admin_user, pk=workday.pk).status_code == 200
    assert _get(edit, admin_user, pk=workday.pk).status_code == 200
    with pytest.raises(Http404):
        _post(delete, admin_user, {}, pk=holiday.pk)
    assert CalendarDay.objects.filter(pk=holiday.pk).exists()


def test_a_view_may_override_the_restriction(days, staff):
    holiday, _workday = days

    class HolidaysView(ObjectEditView):
        def restrict_queryset(self, request, queryset, action):
            assert action == "change"
            return queryset.filter(kind=CalendarDay.Kind.HOLIDAY)

    view = HolidaysView.as_view(model=CalendarDay, form_class=CalendarDayForm)
    assert _get(view, staff, pk=holiday.pk).status_code == 200
    with pytest.raises(Http404):
        _get(view, staff, pk=_workday.pk)


def test_without_a_restriction_the_views_are_unchanged(days, staff_client):
    from django.urls import reverse

    response = staff_client.get(reverse("federation:calendarday_list"), {"year": 2031})
    assert response.context["table"].paginator.count == 2


@pytest.fixture
def panel():
    added = registry.Panel(
        title="本企业适用政策",
        template="federation/tests/panel.html",
        subjects=("enterprises.enterprise",),
        permission="enterprises.view_enterprise",
        context=lambda request, subject: {"count": 3},
    )
    registry.panels.register(added)
    yield added
    registry.panels._items.remove(added)


def test_a_registered_panel_is_rendered_on_the_enterprise_page(staff_client, panel, settings, tmp_path):
    from django.urls import reverse

    from tests.services.factories import EnterpriseFactory

    (tmp_path / "federation" / "tests").mkdir(parents=True)
    (tmp_path / "federation" / "tests" / "panel.html").write_text("{{ subject.name }} 有 {{ count }} 条政策")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    enterprise = EnterpriseFactory()
    html = staff_client.get(reverse("enterprises:enterprise_detail", args=[enterprise.pk])).content.decode()
    assert "本企业适用政策" in html and f"{enterprise.name} 有 3 条政策" in html


def test_a_panel_is_hidden_from_users_without_its_permission(secretary):
    from tests.services.factories import EnterpriseFactory

    request = RequestFactory().get("/")
    request.user = secretary
    hidden = registry.Panel(
        "仅管理员", "federation/tests/panel.html", ("enterprises.enterprise",), permission="federation.view_audit"
    )
    registry.panels.register(hidden)
    try:
        assert registry.panels_for(request, EnterpriseFactory()) == []
    finally:
        registry.panels._items.remove(hidden)


def test_with_no_panel_registered_the_enterprise_page_has_none(staff_client, monkeypatch):
    from django.urls import reverse

    from tests.services.factories import EnterpriseFactory

    monkeypatch.setattr(registry.panels, "_items", [])  # the policies' panel is registered by now
    html = staff_client.get(reverse("enterprises:enterprise_detail", args=[EnterpriseFactory().pk])).content.decode()
    assert 'data-testid="enterprise-panel"' not in html


def test_the_timeline_asks_only_the_providers_of_the_subjects_model_and_passes_the_limit():
    calls = []

    def chamber_entries(subject, limit):
        calls.append(("chamber", limit))
        return [registry.TimelineEntry(datetime.date(2025, 1, i), "年检", f"年检{i}") for i in range(1, 4)][:limit]

    provider = registry.TimelineProvider(("federation.calendarday",), chamber_entries)
    registry.timeline.register(provider)
    try:
        subject = CalendarDay(date=datetime.date(2031, 1, 1))
        entries = registry.timeline_for(subject, limit=2)
    finally:
        registry.timeline._items.remove(provider)
    assert calls == [("chamber", 2)]
    assert [e.title for e in entries] == ["年检2", "年检1"]


@pytest.mark.django_db
def test_a_viewer_sees_only_the_timeline_entries_whose_permission_they_hold(staff, secretary):
    def entries(subject, limit):
        return [registry.TimelineEntry(datetime.date(2025, 1, 1), "诉求", "诉求标题")]

    provider = registry.TimelineProvider(
        ("federation.calendarday",), entries, permission="services.view_servicerequest"
    )
    registry.timeline.register(provider)
    try:
        subject = CalendarDay(date=datetime.date(2031, 1, 1))
        seen = {user.username: registry.timeline_for(subject, user=user) for user in (staff, secretary)}
        unfiltered = registry.timeline_for(subject)
    finally:
        registry.timeline._items.remove(provider)
    assert [e.title for e in seen[staff.username]] == ["诉求标题"]
    assert seen[secretary.username] == []
    assert len(unfiltered) == 1  # tasks and reports ask without a viewer


def test_the_request_timeline_queries_no_more_rows_than_the_limit(django_assert_num_queries, staff):
    from services.requests.contributions import enterprise_timeline
    from tests.services.factories import EnterpriseFactory, ServiceRequestFactory

    enterprise = EnterpriseFactory()
    for _ in range(4):
        ServiceRequestFactory(uscc=enterprise.uscc)
    with django_assert_num_queries(1) as ctx:
        entries = enterprise_timeline(enterprise, 2)
    assert len(entries) == 2
    assert "LIMIT 2" in ctx.captured_queries[0]["sql"]
