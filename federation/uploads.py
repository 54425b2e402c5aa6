"""Upload checks and private storage for files that the public (or staff) send in.

The type is read from the content (magic bytes; DOCX/XLSX are zip files holding specific members),
never trusted from the name or the browser's content type, and must agree with the file's
extension. Files are stored under random names in MEDIA_ROOT (never under the static root) and
served only by views that check permission first, through ``private_file_response``.
"""

import contextlib
import os
import secrets
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A DOCX or XLSX document is a zip: what it unpacks to is bounded, as the import engine bounds its
# spreadsheets (``federation.imports.reading``), so a small file never inflates into gigabytes when
# someone opens it or a report reads it. Read from the zip's directory: nothing is decompressed.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000

# kind -> (extensions accepted in the name, content type served)
KINDS = {
    "pdf": ({".pdf"}, "application/pdf"),
    "jpg": ({".jpg", ".jpeg"}, "image/jpeg"),
    "png": ({".png"}, "image/png"),
    "docx": ({".docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ({".xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
DEFAULT_KINDS = tuple(KINDS)


def sniff(fileobj) -> str | None:
    """The kind of a file from its content ("pdf", "jpg", "png", "docx", "xlsx") or None."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def check_upload(uploaded, kinds=DEFAULT_KINDS, max_size: int = MAX_UPLOAD_SIZE) -> str:
    """Validate an uploaded file; returns its kind or raises ValidationError saying what is wrong."""
    name = uploaded.name or ""
    if uploaded.size > max_size:
        raise ValidationError(
            _("“%(name)s” is too large (%(size).1f MB); at most %(max)d MB per file.")
            % {"name": name, "size": uploaded.size / 1024 / 1024, "max": max_size // 1024 // 1024},
            code="file_size",
        )
    ext = os.path.splitext(name)[1].lower()
    allowed_exts = {e for k in kinds for e in KINDS[k][0]}
    if ext not in allowed_exts:
        raise ValidationError(
            _("“%(name)s” is not an accepted file type; send PDF, JPG, PNG, DOCX or XLSX files.") % {"name": name},
            code="file_type",
        )
    kind = sniff(uploaded)
    if kind is None or kind not in kinds:
        raise ValidationError(
            _("The content of “%(name)s” is not a PDF, JPG, PNG, DOCX or XLSX file.") % {"name": name},
            code="file_content",
        )
    if ext not in KINDS[kind][0]:
        raise ValidationError(
            _("“%(name)s” is named as one type but its content is another (%(kind)s); please send the original file.")
            % {"name": name, "kind": kind.upper()},
            code="file_mismatch",
        )
    if kind in ("docx", "xlsx"):
        _check_zip_bomb(uploaded, name)
    return kind


def _check_zip_bomb(uploaded, name):
    """Refuse a document whose zip directory declares too much content, too many members, or a
    compression no real document has."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
    finally:
        uploaded.seek(0)
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    worst = max((m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1024 * 1024), default=0)
    if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or max(total / packed, worst) > MAX_RATIO:
        raise ValidationError(
            _("“%(name)s” unpacks to %(size).0f MB: refused as a possible zip bomb. Save it again, or send a PDF.")
            % {"name": name, "size": total / 1024 / 1024},
            code="file_zip_bomb",
        )


def store_upload(uploaded, kind: str, folder: str) -> str:
    """Save an upload under a random name in MEDIA_ROOT/<folder>/; returns the relative name."""
    ext = sorted(KINDS[kind][0])[0] if kind != "jpg" else ".jpg"
    relative = f"{folder.strip('/')}/{secrets.token_hex(16)}{ext}"
    target = _resolve(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    uploaded.seek(0)
    return relative


def delete_stored(relative: str) -> None:
    with contextlib.suppress(SuspiciousFileOperation):
        _resolve(relative).unlink(missing_ok=True)


def _resolve(relative: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise SuspiciousFileOperation("path outside MEDIA_ROOT")
    return path


def private_file_response(relative: str, download_name: str, kind: str | None = None):
    """Stream a stored file as a download; call it only after the view has checked permission."""
    try:
        path = _resolve(relative)
    except SuspiciousFileOperation:
        raise Http404
    if not path.is_file():
        raise Http404
    content_type = KINDS[kind][1] if kind in KINDS else "application/octet-stream"
    handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    response = FileResponse(handle, as_attachment=True, filename=download_name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
