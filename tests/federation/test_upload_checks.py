"""Uploads (issue #15): every upload field checks the content (magic bytes, not the name), the size,
and — for DOCX/XLSX, which are zip files — the zip-bomb limits; names on disk are generated, never
the name the person sent. One test per kind of upload."""

import io
import os
import zipfile
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from chambers.forms import InspectionForm
from federation import uploads
from federation.imports import registry as imports
from federation.imports.reading import ImportRefused, check_upload_file
from services.events.forms import EventFilesField
from services.policies.forms import PolicyForm
from services.requests.forms import AttachmentsField
from services.visits.forms import PhotosField
from tests.services.files import EXE, JPG, PDF, office
from villages.forms import ProgressReportForm

pytestmark = pytest.mark.django_db


def bomb(kind):
    """A real-looking DOCX/XLSX whose one member of zeros inflates 1000-fold: a zip bomb in small."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
        z.writestr("xl/_rels/workbook.xml.rels", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (5 * 1024 * 1024))
    return buf.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_one_check_refuses_a_zip_bomb_by_its_directory_before_anything_is_inflated():
    for kind in ("docx", "xlsx"):
        with pytest.raises(ValidationError) as refused:
            uploads.check_upload(upload(f"a.{kind}", bomb(kind)))
        assert refused.value.code == "file_zip_bomb"
        assert uploads.check_upload(upload(f"a.{kind}", office(kind))) == kind


def test_the_one_check_reads_the_content_not_the_name_and_bounds_the_size():
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("合同.pdf", EXE))
    assert refused.value.code == "file_content"
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(upload("合同.pdf", PDF), max_size=10)
    assert refused.value.code == "file_size"


@pytest.mark.parametrize("field_class", [AttachmentsField, EventFilesField])
def test_request_attachments_and_event_documents_check_content_size_and_zip_bombs(field_class, monkeypatch):
    field = field_class()
    for bad in (upload("a.pdf", EXE), upload("a.docx", bomb("docx")), upload("a.xlsx", bomb("xlsx"))):
        with pytest.raises(ValidationError):
            field.clean([bad])
    monkeypatch.setattr(uploads, "MAX_UPLOAD_SIZE", 10)
    monkeypatch.setattr(uploads.check_upload, "__defaults__", (uploads.DEFAULT_KINDS, 10))
    with pytest.raises(ValidationError):
        field.clean([upload("a.pdf", PDF)])


def test_visit_photos_are_checked_by_content():
    with pytest.raises(ValidationError):
        PhotosField().clean([upload("照片.jpg", EXE)])
    with pytest.raises(ValidationError):
        PhotosField().clean([upload("照片.jpg", PDF)])
    assert PhotosField().clean([upload("照片.jpg", JPG)])[0][1] == "jpg"


def test_a_policy_document_is_checked_by_content_size_and_zip_bombs():
    for bad in (upload("指南.pdf", EXE), upload("指南.docx", bomb("docx"))):
        form = PolicyForm(data={}, files={"document": bad})
        form.is_valid()
        assert "document" in form.errors, bad.name


def test_an_inspection_document_is_checked_by_content_and_zip_bombs():
    for bad in (upload("年检.pdf", EXE), upload("年检.docx", bomb("docx"))):
        form = InspectionForm(data={}, files={"document": bad})
        form.is_valid()
        assert "document" in form.errors, bad.name


def test_a_progress_report_photo_is_checked_by_content():
    for bad in (upload("现场.jpg", PDF), upload("现场.jpg", EXE)):
        with pytest.raises(ValidationError):
            ProgressReportForm.clean_photo(SimpleNamespace(cleaned_data={"photo": bad}))


def test_a_report_template_is_a_real_docx_and_not_a_zip_bomb(admin_client_, settings, tmp_path):
    from django.urls import reverse

    from federation.models import ReportTemplate

    settings.MEDIA_ROOT = tmp_path
    for bad in (upload("模板.docx", EXE), upload("模板.docx", bomb("docx")), upload("模板.docx", PDF)):
        admin_client_.post(reverse("federation:reporttemplate_upload"), {"kind": "monthly", "file": bad})
    assert not ReportTemplate.objects.exists()


@pytest.mark.parametrize("spec_key", ["enterprises", "chambers.members", "villages.pairings"])
def test_every_import_refuses_a_zip_bomb_and_a_file_that_is_not_a_spreadsheet(spec_key, tmp_path):
    spec = imports.get(spec_key)
    for name, content in (("名单.xlsx", bomb("xlsx")), ("名单.xlsx", EXE), ("名单.csv", PDF)):
        path = tmp_path / "upload"
        path.write_bytes(content)
        with pytest.raises(ImportRefused):
            check_upload_file(path, spec, name)


def test_names_on_disk_are_generated_never_the_senders(settings, tmp_path):
    from chambers.models import AnnualInspection
    from chambers.models.quality import document_path
    from federation.imports.models import ImportJob, upload_path
    from federation.models import ReportTemplate, report_template_path

    settings.MEDIA_ROOT = tmp_path
    evil = "../../etc/合同 passwd.pdf"
    stored = uploads.store_upload(upload(evil, PDF), "pdf", "services")
    generated = [
        stored,
        upload_path(ImportJob(spec="enterprises"), evil),
        report_template_path(ReportTemplate(), evil),
        document_path(AnnualInspection(), evil),
    ]
    for name in generated:
        assert "passwd" not in name and "合同" not in name and ".." not in name, name
    assert (tmp_path / stored).is_file()
    assert os.path.basename(stored) != os.path.basename(evil)
