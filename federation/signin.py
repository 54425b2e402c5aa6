"""Sign-in throttles, both checked before any password is hashed.

* per account (django-axes, ``AXES_*`` settings): five wrong passwords lock the username for
  30 minutes — the axes backend, first in ``AUTHENTICATION_BACKENDS``, refuses before Django's
  backend hashes anything;
* per client address (``federation.ratelimit``, one cache counter): ``LOGIN_ADDRESS_FAILURE_LIMIT``
  failed sign-ins from one address within ``LOGIN_ADDRESS_WINDOW`` seconds stop every further
  attempt from it for the rest of the window, on every sign-in form (the portal's and the admin's:
  ``AddressThrottleBackend`` comes before the others). This stops a spray over many usernames
  (each below the account limit) and a flood of wrong passwords (each a costly hash). The limit is
  far above what one office behind a shared NAT address mistypes, so it only stops machines.

Both answer with the locked page (``registration/locked.html``), which says until when.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from . import ratelimit

SCOPE = "login-address"


def address_locked(request) -> bool:
    """Whether the request's address has used up its failed sign-ins (a cache read, no counting)."""
    return request is not None and ratelimit.is_limited(
        SCOPE, ratelimit.client_address(request), settings.LOGIN_ADDRESS_FAILURE_LIMIT
    )


def count_failure(request) -> None:
    """One failed sign-in from the request's address (``user_login_failed``, federation.signals)."""
    if request is not None:
        ratelimit.hit(SCOPE, ratelimit.client_address(request), settings.LOGIN_ADDRESS_WINDOW)


class AddressThrottleBackend:
    """First of the authentication backends: refuses (``PermissionDenied`` stops
    ``django.contrib.auth.authenticate`` before any other backend runs) while the address is held."""

    def authenticate(self, request, **credentials):
        if address_locked(request):
            raise PermissionDenied
        return None

    # No get_user(): this backend never signs anyone in (and the test client's force_login skips it).


def axes_client_ip(request):
    """``AXES_CLIENT_IP_CALLABLE``: the address the rate limit sees (behind nginx the proxy's header,
    not the proxy), None when there is none (axes stores addresses in an ``inet`` column)."""
    address = ratelimit.client_address(request)
    return None if address == "unknown" else address


def locked_response(request, cooloff: timedelta, *, by_address: bool = False):
    """The locked page (429): until when (local time), and whether the account or the address is held."""
    return render(
        request,
        "registration/locked.html",
        {
            "retry_at": timezone.localtime() + cooloff,
            "minutes": max(1, round(cooloff.total_seconds() / 60)),
            "by_address": by_address,
        },
        status=429,
    )


def address_lockout(request):
    return locked_response(request, timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW), by_address=True)


def axes_lockout(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the account's lockout, on the same page as the address's."""
    return locked_response(request, settings.AXES_COOLOFF_TIME)
