"""The one way a record changes state (DESIGN §2, CONVENTIONS §3).

A model declares a ``StateMachine`` once: which statuses each action may start from, its status
field, its version field (if it has one) and the model its history events go to. A domain
operation is then one ``with`` block::

    CHAMBER = StateMachine(
        Chamber,
        allowed={"rectify": [Status.ACTIVE], "mark_dormant": [Status.ACTIVE, Status.RECTIFYING]},
        verbs={"rectify": pgettext_lazy("chamber action", "put under rectification")},
        event_model=ChamberEvent,
        event_subject="chamber",
    )

    def mark_dormant(chamber, actor, reason, *, version=None):
        with CHAMBER.transition(chamber, "mark_dormant", version=version) as change:
            change.row.status = Chamber.Status.DORMANT
            change.record(EventKind.DORMANT, actor=actor, text=reason)
            change.on_commit(lambda: notify_secretary(chamber))
        return chamber

Inside the block the row is locked (``select_for_update``) and checked: its status must be in the
action's allowed list and, when the caller passes the version the user saw, that version must still
be current. A refused change raises ``TransitionNotAllowed`` or ``ConcurrentChange`` (both
``TransitionError``) with a message in the user's language, and changes nothing. On leaving the
block the row is saved (the version bumped), history events stay written, side effects queued with
``on_commit`` run once the transaction commits, and the caller's object is refreshed from the row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils.translation import gettext as _


class TransitionError(Exception):
    """A state change that may not happen now; the message says why, in the user's language."""


class TransitionNotAllowed(TransitionError):
    """The record's current status does not allow the action."""


class ConcurrentChange(TransitionError):
    """Someone changed the record since the user loaded the page (its version moved on)."""


ANY = None  # an action allowed from every status (e.g. an internal note)


@dataclass
class Change:
    """What a transition block works on: the locked ``row``, its status ``before`` and the action."""

    machine: StateMachine
    action: str
    row: models.Model
    before: Any
    _callbacks: list[Callable[[], Any]] = field(default_factory=list)

    @property
    def status(self):
        return getattr(self.row, self.machine.status_field)

    def record(self, kind, *, moved: bool | None = None, **fields):
        """Write one history event of ``kind`` about the row (extra ``fields`` go to the event model).

        The event carries the status before and after when the status changed, or when ``moved`` is
        True (an action that may leave the status as it was but still counts as a step)."""
        m = self.machine
        if m.event_model is None:  # a programming error, not a refusal a user should read
            raise ImproperlyConfigured(f"{m.model.__name__}'s state machine has no event model")
        values = {m.event_subject: self.row, m.event_kind_field: kind, **fields}
        if moved is None:
            moved = self.status != self.before
        if m.event_from_field:
            values.setdefault(m.event_from_field, self.before if moved else "")
        if m.event_to_field:
            values.setdefault(m.event_to_field, self.status if moved else "")
        return m.event_model.objects.create(**values)

    def on_commit(self, callback: Callable[[], Any]):
        """Run ``callback`` (a notice, an email, a task) once the change is committed; never if refused."""
        self._callbacks.append(callback)


class _Block:
    """The context manager behind ``StateMachine.transition``: lock, check, yield, save, commit."""

    def __init__(self, machine: StateMachine, obj, action: str, version, save: bool):
        self.machine = machine
        self.target = obj
        self.action = action
        self.version = version
        self.save = save
        self._atomic = transaction.atomic()

    def __enter__(self) -> Change:
        m = self.machine
        self._atomic.__enter__()
        try:
            row = m.model._default_manager.select_for_update().get(pk=self.target.pk)
            m.check(row, self.action, self.version)
        except BaseException as exc:
            self._atomic.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self.change = Change(m, self.action, row, getattr(row, m.status_field))
        return self.change

    def __exit__(self, exc_type, exc, tb):
        change = self.change
        if exc_type is None:
            try:
                if self.save:
                    if self.machine.version_field:
                        name = self.machine.version_field
                        setattr(change.row, name, getattr(change.row, name) + 1)
                    change.row.save()
                for callback in change._callbacks:
                    transaction.on_commit(callback)
            except BaseException as inner:
                self._atomic.__exit__(type(inner), inner, inner.__traceback__)
                raise
        result = self._atomic.__exit__(exc_type, exc, tb)
        if exc_type is None:
            for f in self.machine.model._meta.concrete_fields:
                setattr(self.target, f.attname, getattr(change.row, f.attname))
        return result


@dataclass(frozen=True)
class StateMachine:
    """The states of one model: ``allowed`` maps each action to the statuses it may start from
    (``ANY``/None: every status); ``verbs`` gives each action's wording for the refusal message
    ("…不能受理"). ``noun`` names the record in messages (default: the model's verbose_name).
    Models without a version field pass ``version_field=None``; models without history pass no
    ``event_model``."""

    model: type[models.Model]
    allowed: Mapping[str, Iterable | None]
    verbs: Mapping[str, Any] = field(default_factory=dict)
    status_field: str = "status"
    version_field: str | None = "version"
    noun: Any = None
    event_model: type[models.Model] | None = None
    event_subject: str = ""  # the event's foreign key to the record, e.g. "request"
    event_kind_field: str = "kind"
    event_from_field: str | None = "from_status"
    event_to_field: str | None = "to_status"

    def allowed_from(self, action: str):
        """The statuses ``action`` may start from, or None for any (KeyError for an unknown action)."""
        statuses = self.allowed[action]
        return None if statuses is None else list(statuses)

    def allows(self, obj, action: str) -> bool:
        """May ``action`` start from the object's current status? (For showing only possible buttons.)"""
        statuses = self.allowed_from(action)
        return statuses is None or getattr(obj, self.status_field) in statuses

    def status_display(self, obj) -> str:
        return str(getattr(obj, f"get_{self.status_field}_display")())

    def _noun(self):
        return str(self.noun or self.model._meta.verbose_name)

    def check(self, row, action: str, version=None):
        """Raise ``ConcurrentChange``/``TransitionNotAllowed`` unless ``action`` may happen to ``row`` now."""
        if version is not None and self.version_field and int(version) != getattr(row, self.version_field):
            raise ConcurrentChange(
                _(
                    "Someone else changed this %(noun)s a moment ago (it is now “%(status)s”). Your action was not applied; please check it and try again."
                )
                % {"noun": self._noun(), "status": self.status_display(row)}
            )
        if not self.allows(row, action):
            raise TransitionNotAllowed(
                _("This %(noun)s is “%(status)s”: it cannot be %(action)s now. Nothing was changed.")
                % {"noun": self._noun(), "status": self.status_display(row), "action": self.verbs.get(action, action)}
            )

    def transition(self, obj, action: str, *, version=None, save: bool = True) -> _Block:
        """A ``with`` block that changes ``obj`` by ``action`` (see the module's docstring).

        ``version``: the version the user saw (None: do not check). ``save=False`` for an action
        that changes no field of the row (a note): the version is then not bumped either, so it does
        not void a colleague's open form."""
        if action not in self.allowed:
            raise KeyError(action)
        return _Block(self, obj, action, version, save)
