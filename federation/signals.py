"""Login auditing: django-axes records logins, logouts and failures (AccessLog,
AccessFailureLog); here we log them to the application log as well, and count failures per
address for the sign-in throttle (federation.signin)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("federation.auth")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    logger.info("login user=%s", user.get_username())


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    logger.info("logout user=%s", getattr(user, "username", None))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    logger.warning("login failed user=%s", credentials.get("username"))
    from . import signin

    signin.count_failure(request)  # the per-address throttle
