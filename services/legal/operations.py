"""Operations of the legal service network: a station's status (open → suspended → open, closed,
reopened) on the core's transition mechanism, saving a consultation (from a request too), and
marking a consultation's follow-up done. Views, the admin and the demo data call these."""

from django.db import transaction
from django.utils.translation import pgettext_lazy

from federation.transitions import StateMachine

from .choices import StationStatus
from .models import LegalConsultation, LegalStation

STATION = StateMachine(
    LegalStation,
    allowed={
        "suspend": [StationStatus.ACTIVE],
        "resume": [StationStatus.SUSPENDED],
        "close": [StationStatus.ACTIVE, StationStatus.SUSPENDED],
        "reopen": [StationStatus.CLOSED],
    },
    verbs={
        "suspend": pgettext_lazy("legal station action", "suspended"),
        "resume": pgettext_lazy("legal station action", "reopened"),
        "close": pgettext_lazy("legal station action", "closed"),
        "reopen": pgettext_lazy("legal station action", "reopened"),
    },
    version_field=None,
    noun=pgettext_lazy("transition subject", "legal service station"),
)

TARGET = {
    "suspend": StationStatus.SUSPENDED,
    "resume": StationStatus.ACTIVE,
    "close": StationStatus.CLOSED,
    "reopen": StationStatus.ACTIVE,
}


def change_station_status(station: LegalStation, action: str, actor) -> LegalStation:
    """Suspend, resume, close or reopen a station (``TransitionNotAllowed`` from a wrong status)."""
    with STATION.transition(station, action) as change:
        change.row.status = TARGET[action]
        change.row._history_user = actor
    return station


def suspend_station(station, actor):
    return change_station_status(station, "suspend", actor)


def resume_station(station, actor):
    return change_station_status(station, "resume", actor)


def close_station(station, actor):
    return change_station_status(station, "close", actor)


def reopen_station(station, actor):
    return change_station_status(station, "reopen", actor)


def save_consultation(form, actor, *, request=None) -> LegalConsultation:
    """Save a valid consultation form; a new one records who entered it and, from a request, the
    request it answers (``request.consultations``)."""
    with transaction.atomic():
        consultation = form.instance
        if consultation.pk is None:
            consultation.created_by = actor
            if request is not None:
                consultation.request = request
        consultation._history_user = actor
        return form.save()
