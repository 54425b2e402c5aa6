"""The core's guards for public forms: upload checks, private storage, captcha, rate limit."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from federation import captcha, ratelimit, uploads

from .files import EXE, JPG, PDF, PNG, office, plain_zip, upload


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("申请.pdf", PDF, "pdf"),
        ("照片.JPG", JPG, "jpg"),
        ("photo.jpeg", JPG, "jpg"),
        ("截图.png", PNG, "png"),
        ("说明.docx", office("docx"), "docx"),
        ("报表.xlsx", office("xlsx"), "xlsx"),
    ],
)
def test_accepted_files_are_recognised_by_their_content(name, content, kind):
    assert uploads.check_upload(upload(name, content)) == kind


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("invoice.pdf", EXE, "file_content"),  # a renamed executable
        ("setup.exe", EXE, "file_type"),
        ("scan.pdf", PNG, "file_mismatch"),  # content and name disagree
        ("table.xlsx", office("docx"), "file_mismatch"),
        ("report.docx", plain_zip(), "file_content"),  # a zip without the Word members
        ("notes.txt", b"hello", "file_type"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(upload(name, content))
    assert exc.value.code == code
    assert name in exc.value.messages[0]


def test_files_over_ten_megabytes_are_refused():
    big = upload("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(big)
    assert exc.value.code == "file_size"


def test_files_are_stored_privately_under_random_names(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    first = uploads.store_upload(upload("申请.pdf", PDF), "pdf", "services/2026/11")
    second = uploads.store_upload(upload("申请.pdf", PDF), "pdf", "services/2026/11")
    assert first != second and "申请" not in first and first.endswith(".pdf")
    assert (tmp_path / first).read_bytes() == PDF
    response = uploads.private_file_response(first, "申请.pdf", "pdf")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


def test_stored_names_cannot_escape_the_media_root(settings, tmp_path):
    from django.http import Http404

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(Http404):
        uploads.private_file_response("../../etc/passwd", "x")


def test_a_captcha_is_accepted_once_with_the_right_answer():
    challenge = captcha.new_challenge(3, 4)
    from django.core import signing

    # The token carries a nonce and an HMAC of the answer, never the answer or the numbers.
    assert set(signing.loads(challenge.token, salt=captcha.SALT)) == {"n", "h"}
    assert "<svg" in challenge.svg()
    assert captcha.verify(challenge.token, " 7 ") is True
    assert captcha.verify(challenge.token, "7") is False  # used
    wrong = captcha.new_challenge(3, 4)
    assert captcha.verify(wrong.token, "8") is False
    assert captcha.verify(wrong.token, "7") is False  # one attempt per token, right or wrong


def test_a_forged_or_expired_captcha_is_refused(settings):
    assert captcha.verify("made-up", "7") is False
    challenge = captcha.new_challenge(1, 1)
    settings.SECRET_KEY = "another-key-another-key-another-key-0123456789"
    assert captcha.verify(challenge.token, "2") is False


def test_the_rate_limit_counts_per_address_and_scope():
    rf = RequestFactory()
    one = rf.post("/", REMOTE_ADDR="10.0.0.1")
    other = rf.post("/", REMOTE_ADDR="10.0.0.2")
    assert [ratelimit.limit_request(one, "t", 2, 60) for _ in range(3)] == [False, False, True]
    assert ratelimit.limit_request(other, "t", 2, 60) is False
    assert ratelimit.limit_request(one, "other-scope", 2, 60) is False


def test_forwarded_addresses_are_ignored_unless_a_proxy_is_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ratelimit.client_address(request) == "10.0.0.9"
    settings.RATELIMIT_TRUSTED_PROXY = True
    assert ratelimit.client_address(request) == "1.2.3.4"
