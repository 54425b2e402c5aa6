"""The visits' operations: record or change a visit (photos stored privately), mark its follow-up
done, and raise one of its problems as a request (the request inbox is the one pool of problems)."""

from django.db import transaction
from django.utils import timezone

from federation import uploads

from ..requests import operations as requests
from ..requests.choices import Source
from ..requests.models import ServiceRequest
from .models import Visit, VisitPhoto


def save_visit(form, actor, *, photos=()) -> Visit:
    """Save a valid visit form: the staff who went default to the one recording it; ``photos`` are
    (upload, kind) pairs checked by ``federation.uploads``. All or nothing."""
    visit = form.instance
    adding = visit.pk is None
    stored = []
    try:
        for upload, kind in photos:
            stored.append((upload, kind, uploads.store_upload(upload, kind, f"services/visits/{timezone.now():%Y/%m}")))
        with transaction.atomic():
            if adding:
                visit.created_by = actor
            visit = form.save()
            if not visit.staff.exists():
                visit.staff.add(actor)
            for upload, kind, name in stored:
                VisitPhoto.objects.create(
                    visit=visit, original_name=upload.name[:200], stored_name=name, kind=kind, size=upload.size
                )
    except Exception:
        for _upload, _kind, name in stored:
            uploads.delete_stored(name)
        raise
    return visit


def raise_request(visit: Visit, actor, *, enterprise=None, **submission) -> ServiceRequest:
    """按问题生成诉求: a request (source = visit) through ``submit_request``, linked to the visit it
    came from, so the visit shows its status and the figures count it as a problem raised."""
    with transaction.atomic():
        req = requests.submit_request(**submission, enterprise=enterprise, source=Source.VISIT, actor=actor)
        ServiceRequest.objects.filter(pk=req.pk).update(visit=visit)
        req.visit = visit
    return req
