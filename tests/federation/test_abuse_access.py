"""Issue 9 (abuse): what a role sees on record pages and may download. Every timeline entry a
viewer is shown opens for that viewer (no titles or codes of records they may not open), and
request attachments follow the personal-data rule of the pages (leadership sees names masked)."""

import pytest
from django.test import Client
from django.urls import reverse

from services.requests.models import Attachment
from tests.chambers.factories import ChamberFactory, MembershipFactory
from tests.services.factories import EnterpriseFactory, ServiceRequestFactory
from tests.services.files import PDF, upload

pytestmark = pytest.mark.django_db

ROLES = ("admin", "leader", "staff", "secretary")


@pytest.fixture
def enterprise(secretary):
    enterprise = EnterpriseFactory()
    ServiceRequestFactory(uscc=enterprise.uscc, title="融资担告急需协调")
    own = MembershipFactory(enterprise=enterprise, chamber__name="西宁市本会商会").chamber
    own.secretaries.add(secretary)
    MembershipFactory(enterprise=enterprise, chamber__name="西宁市他会商会")
    return enterprise


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def shown(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["timeline"]


@pytest.mark.parametrize("role", ROLES)
def test_every_entry_of_the_enterprise_timeline_opens_for_its_viewer(role_users, role, enterprise):
    client = client_of(role_users[role])
    entries = shown(client, enterprise.get_absolute_url())
    for entry in entries:
        if entry.url:
            assert client.get(entry.url).status_code == 200, (role, entry.kind, entry.url)
    titles = " ".join(e.title for e in entries)
    details = " ".join(e.detail for e in entries)
    may_open_requests = role in {"admin", "leader", "staff"}
    assert ("融资担告急需协调" in titles) is may_open_requests
    assert (enterprise.service_requests.get().code in details) is may_open_requests
    assert "西宁市本会商会" in titles
    assert ("西宁市他会商会" in titles) is (role != "secretary")


def test_the_secretary_sees_no_request_title_or_code_on_the_enterprise_page(secretary, enterprise):
    body = client_of(secretary).get(enterprise.get_absolute_url()).content.decode()
    assert "融资担告急需协调" not in body
    assert enterprise.service_requests.get().code not in body
    assert "西宁市他会商会" not in body


@pytest.mark.parametrize("role", ROLES)
def test_every_entry_of_the_chamber_timeline_opens_for_its_viewer(role_users, role, secretary):
    chamber = ChamberFactory()
    chamber.secretaries.add(secretary)
    MembershipFactory(chamber=chamber)
    client = client_of(role_users[role])
    for entry in shown(client, chamber.get_absolute_url()):
        if entry.url:
            assert client.get(entry.url).status_code == 200, (role, entry.kind, entry.url)


def test_a_timeline_asked_by_a_task_has_every_entry(enterprise):
    from federation.registry import timeline_for

    titles = " ".join(e.title for e in timeline_for(enterprise))
    assert "融资担告急需协调" in titles and "西宁市他会商会" in titles


@pytest.fixture
def attachment(settings, tmp_path):
    from federation import uploads

    settings.MEDIA_ROOT = tmp_path
    req = ServiceRequestFactory()
    name = uploads.store_upload(upload("a.pdf", PDF), "pdf", "services/test")
    return Attachment.objects.create(
        request=req, original_name="身份证.pdf", stored_name=name, kind="pdf", size=len(PDF)
    )


def test_attachments_download_only_for_those_who_see_personal_data(assert_roles, attachment):
    assert_roles(
        attachment.get_absolute_url(),
        {"admin": 200, "staff": 200, "leader": 403, "secretary": 403, "outsider": 403, "anonymous": 302},
    )


def test_leadership_is_told_in_chinese_why_the_file_is_refused(leader, attachment):
    response = client_of(leader).get(attachment.get_absolute_url())
    assert response.status_code == 403
    body = response.content.decode()
    assert "个人信息" in body and b"%PDF" not in response.content


@pytest.mark.parametrize(("role", "linked"), [("admin", True), ("staff", True), ("leader", False)])
def test_the_request_page_offers_the_download_only_to_those_who_may_use_it(role_users, role, linked, attachment):
    body = client_of(role_users[role]).get(attachment.request.get_absolute_url()).content.decode()
    assert "身份证.pdf" in body  # the name and size are shown to every reader
    assert (f'href="{reverse("services:attachment_download", args=[attachment.pk])}"' in body) is linked
