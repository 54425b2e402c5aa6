"""A file over the size limit is refused in the browser, by the field and in Chinese, before it is
uploaded (the server's check stays behind it)."""

import pytest
from playwright.sync_api import expect

from federation import uploads

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def big_pdf(megabytes):
    return {"name": "营业执照扫描件.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-" + b"0" * (megabytes << 20)}


def test_an_attachment_over_the_limit_is_refused_in_the_browser_before_upload(page, live_server, shoot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/services/requests/new/")
    attachments = page.locator("#id_attachments")
    assert int(attachments.get_attribute("data-max-size")) == uploads.MAX_UPLOAD_SIZE
    attachments.set_input_files(big_pdf(uploads.MAX_UPLOAD_SIZE // (1 << 20) + 1))
    message = page.get_by_test_id("upload-limit-error")
    expect(message).to_be_visible()
    expect(message).to_contain_text("营业执照扫描件.pdf")
    expect(message).to_contain_text("每个文件不能超过 10 MB")
    expect(attachments).to_have_class("form-control is-invalid")
    # The file is taken off the field, so submitting never sends it.
    assert attachments.evaluate("input => input.files.length") == 0
    shoot("services-request-upload-too-large")


def test_too_many_attachments_are_refused_in_the_browser(page, live_server):
    page.goto(f"{live_server.url}/services/requests/new/")
    small = [{"name": f"附件{i}.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1"} for i in range(4)]
    page.locator("#id_attachments").set_input_files(small)
    expect(page.get_by_test_id("upload-limit-error")).to_contain_text("最多")
    assert page.locator("#id_attachments").evaluate("input => input.files.length") == 0


def test_an_attachment_within_the_limit_is_kept(page, live_server):
    page.goto(f"{live_server.url}/services/requests/new/")
    page.locator("#id_attachments").set_input_files(
        [{"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1"}]
    )
    expect(page.get_by_test_id("upload-limit-error")).to_have_count(0)
    assert page.locator("#id_attachments").evaluate("input => input.files.length") == 1


def test_the_staff_entry_form_checks_attachments_in_the_browser_too(page, live_server, staff):
    from tests.e2e.test_services_requests import sign_in

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}/services/requests/add/")
    page.locator("#id_attachments").set_input_files(big_pdf(uploads.MAX_UPLOAD_SIZE // (1 << 20) + 1))
    expect(page.get_by_test_id("upload-limit-error")).to_contain_text("每个文件不能超过 10 MB")
