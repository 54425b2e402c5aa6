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
"""

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
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
