"""The monthly report's Word template: downloaded, edited by the office, uploaded again; a template
with a broken or unknown placeholder is refused with the reason, and nothing is saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from federation import monthly
from federation.models import ReportTemplate
from tests.federation.test_monthly import ask, docx_text

pytestmark = pytest.mark.django_db

UPLOAD = reverse("federation:reporttemplate_upload")
LIST = reverse("federation:reporttemplate_list")


def word(*paragraphs, name="模板.docx") -> SimpleUploadedFile:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def upload(client, file, note=""):
    return client.post(UPLOAD, {"file": file, "note": note})


def test_the_default_template_passes_its_own_check():
    with open(monthly.DEFAULT_TEMPLATE, "rb") as f:
        assert monthly.check_template(f) == []


def test_an_uploaded_template_is_used_by_the_next_report(client, admin_user, staff, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    response = upload(client, word("城北区工商联专用版头", "{{ title }}：{{ district }}", "{{ by_key['enterprises.total'].value }}"),
                      note="换版头")  # fmt: skip
    assert response.status_code == 302
    template = ReportTemplate.objects.get()
    assert (template.kind, template.original_name, template.note, template.uploaded_by) == (
        monthly.KEY,
        "模板.docx",
        "换版头",
        admin_user,
    )
    report, _ = ask(staff, django_capture_on_commit_callbacks)
    text = docx_text(report.file.path)
    year, month = timezone.localdate().year, timezone.localdate().month
    assert "城北区工商联专用版头" in text and f"{year}年{month}月工作报告：全市" in text
    total = next(f for f in report.figures["figures"] if f["key"] == "enterprises.total")
    assert monthly._row(total)["value"] in text.splitlines()


@pytest.mark.parametrize(
    "paragraphs, reason",
    [
        (["{{ title }", "正文"], "有占位符无法解析"),
        (["{% if figures %}没有结束"], "有占位符无法解析"),
        (["{{ titel }}", "{{ wrong_name.value }}"], "未知的占位符名称：titel、wrong_name"),
        (["{{ figures | nosuchfilter }}"], "有占位符无法解析"),
        (["{{ title.nothing.deeper }}"], "用示例数据试生成时出错"),
    ],
)
def test_a_template_with_a_broken_placeholder_is_refused_with_the_reason(client, admin_user, paragraphs, reason):
    client.force_login(admin_user)
    response = upload(client, word(*paragraphs))
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_a_file_that_is_not_word_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = upload(client, SimpleUploadedFile("模板.docx", b"not a zip at all"))
    assert response.status_code == 400 and "不是" in response.content.decode()
    response = upload(client, SimpleUploadedFile("模板.txt", b"{{ title }}"))
    assert response.status_code == 400 and not ReportTemplate.objects.exists()


def test_the_page_shows_the_template_in_use_its_history_and_the_placeholders(client, admin_user):
    client.force_login(admin_user)
    upload(client, word("{{ title }}", name="第一版.docx"))
    upload(client, word("{{ period }}", name="第二版.docx"))
    page = client.get(LIST).content.decode()
    current = page.split('data-testid="template-current"')[1].split("</div>")[0]
    assert "第二版.docx" in current and "第一版.docx" not in current
    history = page.split('data-testid="template-history"')[1]
    assert history.index("第二版.docx") < history.index("第一版.docx")
    for name in monthly.VARIABLES:
        assert f"<code>{name}</code>" in page


def test_templates_download_as_word_files(client, staff, admin_user):
    client.force_login(admin_user)
    upload(client, word("{{ title }}", name="办公室版.docx"))
    template = ReportTemplate.objects.get()
    client.force_login(staff)
    default = client.get(reverse("federation:reporttemplate_download", args=[0]))
    assert default.status_code == 200 and "{{ title }}" in docx_text(io.BytesIO(b"".join(default.streaming_content)))
    mine = client.get(reverse("federation:reporttemplate_download", args=[template.pk]))
    assert mine.status_code == 200 and ".docx" in mine["Content-Disposition"]
    assert docx_text(io.BytesIO(b"".join(mine.streaming_content))).strip() == "{{ title }}"


def test_who_may_see_and_upload_templates(assert_roles, admin_user):
    assert_roles(LIST, {"admin": 200, "leader": 200, "staff": 200, "secretary": 403, "outsider": 403, "anonymous": 302})
    assert_roles(
        reverse("federation:reporttemplate_download", args=[0]),
        {"admin": 200, "leader": 200, "staff": 200, "secretary": 403, "outsider": 403, "anonymous": 302},
    )
    # Without a file the administrator's upload is refused as bad input (400); the others may not upload.
    assert_roles(
        UPLOAD,
        {"admin": 400, "leader": 403, "staff": 403, "secretary": 403, "outsider": 403, "anonymous": 302},
        method="post",
    )
    assert not ReportTemplate.objects.exists()
