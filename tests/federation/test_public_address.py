"""The public address (PUBLIC_BASE_URL) is what QR codes and links in emails point at, never the
address a staff member happened to browse from."""

import pytest
from django.core import mail
from django.urls import reverse

from federation.links import public_url
from services.requests import operations
from services.requests.choices import Rating
from tests.services.factories import ServiceRequestFactory
from tests.services.test_concurrency_and_tasks import _urgent_requests

pytestmark = pytest.mark.django_db

PUBLIC = "https://gsl.xining.example"


@pytest.fixture
def public_address(settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["testserver", "10.1.2.3"]
    return PUBLIC


def test_public_url_puts_a_path_on_the_public_address(public_address):
    assert public_url("/services/requests/new/") == f"{PUBLIC}/services/requests/new/"
    assert public_url("services/") == f"{PUBLIC}/services/"
    assert public_url("https://else.example/x") == "https://else.example/x"
    assert public_url("") == ""


def test_the_poster_qr_code_encodes_the_public_address_not_the_intranet_one(staff_client, public_address):
    body = staff_client.get(reverse("services:request_poster"), HTTP_HOST="10.1.2.3").content.decode()
    assert f"{PUBLIC}/services/requests/new/" in body
    assert f"{PUBLIC}/services/requests/track/" in body
    assert "10.1.2.3" not in body


def test_a_notice_email_links_to_the_record_on_the_public_address(
    staff, leader, public_address, django_capture_on_commit_callbacks
):
    leader.email = "leader@example.cn"
    leader.save()
    req = ServiceRequestFactory()
    operations.accept_request(req, staff)
    operations.assign_request(req, staff, staff)
    operations.resolve_request(req, staff, "已协调")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        operations.rate_request(req, Rating.UNSATISFIED, "没有解决")
    to_leader = next(m for m in mail.outbox if m.to == ["leader@example.cn"])
    assert f"{PUBLIC}{req.get_absolute_url()}" in to_leader.body


def test_the_daily_digest_email_links_to_the_inbox_on_the_public_address(staff, staff2, leader, public_address):
    from services.requests.tasks import send_daily_digest

    _urgent_requests(staff, staff2)
    mail.outbox = []
    send_daily_digest()
    mine = next(m for m in mail.outbox if m.to == ["staff@example.cn"])
    assert f"{PUBLIC}{reverse('services:request_list')}" in mine.body


def test_a_url_maker_gives_the_same_addresses_as_reverse_for_every_row():
    from django.urls import reverse

    from federation.links import url_maker

    detail = url_maker("enterprises:enterprise_detail")
    assert [detail(pk) for pk in (1, 42, 98765)] == [
        reverse("enterprises:enterprise_detail", args=[pk]) for pk in (1, 42, 98765)
    ]
