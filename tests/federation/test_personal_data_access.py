"""Personal data (issue #15): masked in lists and exports for roles without
``federation.view_personal_data``; every unmasked view of it — a record's page, an attachment, an
export — recorded as who saw whose data, when and where, append-only, and shown to the administrator."""

import io

import openpyxl
import pytest
from django.db import transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from federation.models import PersonalDataAccess
from tests.services.factories import ServiceRequestFactory

pytestmark = pytest.mark.django_db

PHONE = "13812345678"
MASKED = "138****5678"


def _sheet_text(response):
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)


def test_staff_see_a_requests_phone_whole_and_the_view_is_recorded(staff_client, staff):
    req = ServiceRequestFactory(phone=PHONE, contact_person="张三明")
    response = staff_client.get(reverse("services:request_detail", args=[req.pk]))
    assert PHONE in response.content.decode()
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.subject_type, access.subject_id) == (staff, "services.servicerequest", req.pk)
    assert access.page == reverse("services:request_detail", args=[req.pk])
    assert access.accessed_at is not None


def test_leadership_see_the_phone_masked_and_leave_no_record(leader_client):
    req = ServiceRequestFactory(phone=PHONE)
    page = leader_client.get(reverse("services:request_detail", args=[req.pk])).content.decode()
    assert PHONE not in page
    assert MASKED in page
    assert not PersonalDataAccess.objects.exists()


def test_the_request_ledger_is_masked_for_leadership_and_whole_for_staff_which_is_recorded(
    leader_client, staff_client, staff
):
    ServiceRequestFactory(phone=PHONE)
    url = reverse("services:request_list") + "?export=xlsx"
    masked = _sheet_text(leader_client.get(url))
    assert PHONE not in masked and MASKED in masked
    assert not PersonalDataAccess.objects.exists()
    whole = _sheet_text(staff_client.get(url))
    assert PHONE in whole
    access = PersonalDataAccess.objects.get()
    assert access.user == staff
    assert access.subject_id is None and access.subject


def test_every_list_page_masks_the_phone_for_leadership(leader_client):
    ServiceRequestFactory(phone=PHONE)
    page = leader_client.get(reverse("services:request_list")).content.decode()
    assert PHONE not in page


def test_an_attachment_downloaded_by_staff_is_recorded_against_its_request(staff_client, staff, settings, tmp_path):
    from tests.services.files import PDF, upload

    settings.MEDIA_ROOT = tmp_path
    req = ServiceRequestFactory(files=[(upload("合同.pdf", PDF), "pdf")])
    attachment = req.attachments.get()
    response = staff_client.get(reverse("services:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.subject_id) == (staff, req.pk)


def test_the_record_of_an_access_cannot_be_changed_or_deleted():
    access = PersonalDataAccess.objects.create(page="/x/", subject_type="services.servicerequest", subject="张三")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        PersonalDataAccess.objects.filter(pk=access.pk).update(subject="别人")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        access.delete()


def test_the_administrator_sees_who_saw_whose_data_on_the_login_log(admin_client_, staff_client, staff):
    req = ServiceRequestFactory(phone=PHONE)
    staff_client.get(reverse("services:request_detail", args=[req.pk]))
    page = admin_client_.get(reverse("federation:login_log")).content.decode()
    assert str(req) in page
    assert staff.username in page


# Fields that hold a person's name or phone (an office's phone is an organisation's, not a person's).
PERSONAL_FIELDS = ("contact_person", "contact_phone", "phone", "legal_representative", "mobile")


def test_every_ledger_column_of_a_persons_name_or_phone_is_masked():
    from federation import registry

    unmasked = [
        f"{ledger}: {column.header}"
        for ledger in registry.ledgers
        for column in ledger.columns
        if isinstance(column.value, str) and column.value.split(".")[-1] in PERSONAL_FIELDS and column.mask is None
    ]
    assert not unmasked, unmasked


def test_the_enterprise_ledger_is_masked_for_leadership_and_whole_and_recorded_for_staff(leader, staff):
    from federation.ledgers import ledger
    from tests.enterprises.factories import EnterpriseFactory

    EnterpriseFactory(legal_representative="王大明", contact_phone=PHONE)
    register = ledger("enterprises.enterprises")
    # Leadership may not export the register at all; its masks are checked on the rows themselves.
    masked = " ".join(str(v) for row in register.rows(register.get_queryset(), leader) for v in row)
    assert PHONE not in masked and "王大明" not in masked
    assert not PersonalDataAccess.objects.exists()
    whole = " ".join(str(v) for row in register.rows(register.queryset(staff), staff) for v in row)
    assert PHONE in whole and "王大明" in whole
    assert PersonalDataAccess.objects.get().user == staff
