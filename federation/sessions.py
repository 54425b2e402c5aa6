"""The session engine: Django's database sessions, with a database outage told apart from a
session that is gone.

Django's ``SessionStore.save`` turns *any* database error of the update into ``UpdateError``, which
the session middleware answers with a 400 "session deleted before the request completed" page
(Django's own, in English). That is right when the row was deleted (the person signed out in another
tab), wrong when the database is unreachable: `make faults` saw staff pages answer 400 while
PostgreSQL restarted, where every other request got the Chinese error page. An unreachable database
is raised as itself, so the request ends with the 500 page like any other during the outage —
unless nothing in the session changed (``SESSION_SAVE_EVERY_REQUEST`` only moves its idle expiry):
then the page the view made is served and the expiry moves on the next request.

The idle expiry itself moves at most once a minute (``EXPIRY_STEP``): ``SESSION_SAVE_EVERY_REQUEST``
would otherwise write the session row on every page a signed-in person opens (a transaction and an
UPDATE each, the busiest write of the portal under load), to move the expiry by a few seconds. A
session then ends after 29 to 30 idle minutes instead of exactly 30.
"""

import datetime
import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)


EXPIRY_STEP = datetime.timedelta(minutes=1)


class SessionStore(db.SessionStore):
    _stored_expiry = None  # the row's expiry as read, when it was read

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self._stored_expiry = row.expire_date if row is not None else None
        return row

    def save(self, must_create=False):
        only_expiry = not must_create and not self.modified and self._stored_expiry is not None
        if only_expiry and self.get_expiry_date() - self._stored_expiry < EXPIRY_STEP:
            return None  # only the idle expiry would move, and by less than a step
        try:
            return super().save(must_create=must_create)
        except UpdateError as exc:
            cause = exc.__context__
            if isinstance(cause, OperationalError | InterfaceError):  # the connection, not the row
                if not self.modified:
                    logger.warning("session expiry not moved, the database is unreachable: %s", cause)
                    return None
                raise cause from None
            raise
