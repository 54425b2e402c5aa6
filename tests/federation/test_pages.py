"""Core pages: permissions per role, error pages in Chinese, CSRF, navigation by role."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.kit import roles_map

pytestmark = pytest.mark.django_db

CORE_PAGES = {
    # url name: roles that may open it
    "home": {"admin", "leader", "staff", "secretary", "outsider"},
    "federation:notice_list": {"admin", "leader", "staff", "secretary", "outsider"},
    "federation:calendarday_list": {"admin", "leader", "staff"},
    "federation:calendarday_add": {"admin", "staff"},
    "federation:login_log": {"admin"},
    "federation:audit_log": {"admin"},
}


@pytest.mark.parametrize("url_name", CORE_PAGES)
def test_each_core_page_answers_200_to_its_roles_403_to_the_others_and_sends_anonymous_to_login(url_name, assert_roles):
    assert_roles(reverse(url_name), roles_map(CORE_PAGES[url_name]))


def test_the_403_page_is_chinese(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("federation:audit_log"))
    assert response.status_code == 403
    assert "您没有权限" in response.content.decode()


def test_a_post_without_permission_is_refused_and_changes_nothing(client, leader):
    from federation.models import CalendarDay

    client.force_login(leader)
    before = CalendarDay.objects.count()
    response = client.post(
        reverse("federation:calendarday_add"), {"date": "2027-01-01", "kind": "holiday", "name": "x"}
    )
    assert response.status_code == 403
    assert CalendarDay.objects.count() == before


def test_unknown_urls_get_a_chinese_404(client, staff):
    client.force_login(staff)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_form_without_csrf_token_gets_a_chinese_403(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post(reverse("federation:calendarday_add"), {"date": "2027-01-01"})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()


def test_a_bad_calendar_form_keeps_what_was_typed_and_saves_nothing(staff_client):
    from federation.models import CalendarDay

    before = CalendarDay.objects.count()
    response = staff_client.post(
        reverse("federation:calendarday_add"), {"date": "2027-13-45", "kind": "holiday", "name": "元旦假期"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "元旦假期" in body
    assert "输入一个有效的日期" in body
    assert CalendarDay.objects.count() == before


def test_navigation_shows_only_what_the_role_may_use(client, leader, admin_user):
    client.force_login(leader)
    body = client.get(reverse("home")).content.decode()
    assert reverse("federation:calendarday_list") in body
    assert reverse("federation:audit_log") not in body
    client.force_login(admin_user)
    body = client.get(reverse("home")).content.decode()
    assert reverse("federation:audit_log") in body


def test_the_kept_navigation_follows_each_users_permissions_and_marks_the_current_page(
    client, leader, admin_user, settings
):
    from federation import fragments

    settings.PAGE_FRAGMENT_TTL = 300  # kept per process, as in production
    fragments.forget()
    try:
        client.force_login(admin_user)
        body = client.get(reverse("federation:audit_log")).content.decode()
        assert f'class="nav-link active" aria-current="page" href="{reverse("federation:audit_log")}"' in body
        assert f'class="nav-link" href="{reverse("home")}"' in body
        client.force_login(leader)
        body = client.get(reverse("home")).content.decode()
        assert reverse("federation:audit_log") not in body  # the administrator's kept links are not the leader's
        assert f'class="nav-link active" aria-current="page" href="{reverse("home")}"' in body
        assert f'class="nav-link" href="{reverse("federation:dashboard")}"' in body  # the others unmarked
    finally:
        fragments.forget()


def test_english_can_be_selected(client, staff):
    client.force_login(staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert "My workbench" in body


def test_calendar_list_has_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    url = reverse("federation:calendarday_list")
    staff_client.get(url)
    with django_assert_max_num_queries(9):
        assert staff_client.get(url + "?year=2026").status_code == 200


def test_calendar_export_is_a_spreadsheet(staff_client):
    import io

    import openpyxl

    response = staff_client.get(reverse("federation:calendarday_list") + "?year=2026&export=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 1 + 39  # header + 2026's days


def test_the_500_page_is_chinese_and_standalone():
    from django.template.loader import render_to_string

    body = render_to_string("500.html")
    assert "系统出现错误" in body
    assert "{%" not in body


def test_an_expired_session_goes_back_to_login(client, staff):
    client.force_login(staff)
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_changes_are_audited_with_who_and_when(client, staff, admin_user):
    from federation.models import CalendarDay

    client.force_login(staff)
    client.post(reverse("federation:calendarday_add"), {"date": "2027-02-06", "kind": "holiday", "name": "春节"})
    day = CalendarDay.objects.get(date="2027-02-06")
    record = day.history.get()
    assert record.history_user == staff
    assert record.history_type == "+"
    client.force_login(admin_user)
    body = client.get(reverse("federation:audit_log")).content.decode()
    assert "2027-02-06 春节" in body
    assert "staff" in body


def test_my_notices_lists_only_mine_and_opening_one_marks_it_read(client, staff, staff2):
    from federation.models import Notice

    mine = Notice.objects.create(recipient=staff, title="诉求提醒 2026-11-25", body="[红灯] ABC", url="/services/")
    Notice.objects.create(recipient=staff2, title="别人的通知")
    client.force_login(staff)
    body = client.get(reverse("federation:notice_list")).content.decode()
    assert "诉求提醒 2026-11-25" in body and "别人的通知" not in body
    response = client.get(reverse("federation:notice_open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/services/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_someone_elses_notice_cannot_be_opened(client, staff, staff2):
    from federation.models import Notice

    theirs = Notice.objects.create(recipient=staff2, title="别人的通知")
    client.force_login(staff)
    assert client.get(reverse("federation:notice_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_notice_never_redirects_off_site(client, staff):
    from federation.models import Notice

    notice = Notice.objects.create(recipient=staff, title="x", url="https://evil.example/")
    client.force_login(staff)
    response = client.get(reverse("federation:notice_open", args=[notice.pk]))
    assert response["Location"] == reverse("federation:notice_list")


def test_mark_all_read_changes_only_my_unread_notices(client, staff, staff2):
    from federation.models import Notice

    Notice.objects.create(recipient=staff, title="a")
    Notice.objects.create(recipient=staff, title="b")
    other = Notice.objects.create(recipient=staff2, title="c")
    client.force_login(staff)
    assert client.get(reverse("federation:notice_read_all")).status_code == 405
    response = client.post(reverse("federation:notice_read_all"))
    assert response.status_code == 302
    assert not Notice.objects.filter(recipient=staff, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_staff_delete_a_wrong_calendar_day_after_confirming(staff_client, leader_client):
    from datetime import date

    from federation.models import CalendarDay
    from federation.workdays import WorkCalendar

    day = CalendarDay.objects.create(date="2027-03-03", kind="holiday", name="录错的假日")
    edit = staff_client.get(reverse("federation:calendarday_edit", args=[day.pk])).content.decode()
    delete_url = reverse("federation:calendarday_delete", args=[day.pk])
    assert delete_url in edit
    assert delete_url not in leader_client.get(reverse("federation:calendarday_list")).content.decode()
    assert leader_client.post(delete_url).status_code == 403
    assert "确定删除" in staff_client.get(delete_url).content.decode()
    response = staff_client.post(delete_url)
    assert response.status_code == 302 and response["Location"] == reverse("federation:calendarday_list")
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert day.history.latest().history_type == "-"  # the deletion is audited
    assert WorkCalendar().is_working_day(date(2027, 3, 3)) is True


def test_the_edit_page_offers_no_delete_where_the_model_has_no_delete_page(admin_client_):
    from tests.enterprises.factories import EnterpriseFactory

    enterprise = EnterpriseFactory(name="青海测试企业有限公司")
    body = admin_client_.get(reverse("enterprises:enterprise_edit", args=[enterprise.pk])).content.decode()
    assert "bi-trash" not in body


def test_the_calendar_edit_form_shows_the_stored_date_in_the_date_picker(staff_client):
    from federation.models import CalendarDay

    day = CalendarDay.objects.get(date="2026-10-01")
    body = staff_client.get(reverse("federation:calendarday_edit", args=[day.pk])).content.decode()
    assert 'type="date" name="date" value="2026-10-01"' in body
