"""The account of unmasked personal data (个人信息保护法, DESIGN §7): wherever a role that holds
``federation.view_personal_data`` is shown names and phones whole — a record's page, an attachment,
an export — one ``PersonalDataAccess`` row says who saw whose data, when, and from which page.

One place does it: ``PersonalDataAuditMixin`` for views (a record's page or file: the object the view
serves) and ``record_access`` for the ledgers' exports (``federation.ledgers.Ledger.rows``). Roles
that see the data masked leave no row: nothing personal was shown to them."""

from .masking import can_see_personal_data


def record_access(user, page: str, subject=None, label: str = "") -> None:
    """Record that ``user`` saw personal data unmasked on ``page`` (a path, or an export's name):
    of ``subject`` (a record), or of what ``label`` names (e.g. the rows of a ledger)."""
    from .models import PersonalDataAccess

    PersonalDataAccess.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        page=page[:300],
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        subject=(label or str(subject))[:200],
    )


class PersonalDataAuditMixin:
    """For a view that shows personal data: of the object it serves (``get_personal_data_subject``,
    by default ``self.object``), or of the rows of a list (``personal_data_label`` names them). A
    successful GET by someone who sees the data unmasked (``shows_personal_data``) is recorded."""

    personal_data_label = ""

    def shows_personal_data(self, user) -> bool:
        return can_see_personal_data(user)

    def get_personal_data_subject(self):
        return getattr(self, "object", None)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and self.shows_personal_data(request.user):
            subject = self.get_personal_data_subject()
            if subject is not None or self.personal_data_label:
                record_access(request.user, request.get_full_path(), subject, str(self.personal_data_label))
        return response
