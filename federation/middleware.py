"""Small middleware of the core."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve


class MethodNotAllowedPageMiddleware:
    """Django answers a wrong HTTP method with an empty 405; give it a Chinese page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


MB = 1024 * 1024


class BodySizeLimitMiddleware:
    """Refuse a request body that is too large before anything reads it (the CSRF check, the form,
    the rate limit), with a Chinese page and status 413; and a body sent in chunks without a
    length (411), which Django could not read anyway.

    The limit is the view's ``max_body_size`` (bytes, or a function of the view's ``initkwargs``:
    the import upload pages give their spec's file limit, the public request form its attachments),
    else ``BODY_MAX_BYTES_SIGNED_IN`` for a signed-in user, else ``BODY_MAX_BYTES``. Django's
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` counts form fields only, never files. Place it after the
    authentication middleware (it asks whether the user is signed in) and before anything that
    reads ``request.POST``; nginx's ``client_max_body_size`` should be the largest of these."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self.check(request)
        return refused if refused is not None else self.get_response(request)

    def check(self, request):
        meta = request.META
        if "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower() and not meta.get("CONTENT_LENGTH"):
            return self.refuse(request, 411, None)
        try:
            length = int(meta.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self.refuse(request, 400, None)
        if length <= min(settings.BODY_MAX_BYTES, settings.BODY_MAX_BYTES_SIGNED_IN):
            return None
        most = self.limit_for(request)
        if length > most:
            return self.refuse(request, 413, most)
        return None

    @staticmethod
    def limit_for(request) -> int:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None:
            view = getattr(match.func, "view_class", match.func)
            declared = getattr(view, "max_body_size", None)
            if callable(declared):
                declared = declared(getattr(match.func, "view_initkwargs", {}))
            if declared:
                return int(declared)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return settings.BODY_MAX_BYTES_SIGNED_IN
        return settings.BODY_MAX_BYTES

    @staticmethod
    def refuse(request, status, most):
        context = {"status": status, "max_mb": f"{most / MB:.0f}" if most else ""}
        response = HttpResponse(render_to_string("413.html", context, request=request), status=status)
        response["Content-Type"] = "text/html; charset=utf-8"
        return response


class ContentSecurityPolicyMiddleware:
    """Send ``CONTENT_SECURITY_POLICY`` (and ``PERMISSIONS_POLICY``) with every response that has
    none: scripts only from the portal's own files (``script-src 'self'``, no inline script, no
    eval), so a payload that slipped into a page could not run. Every setting, tests included, sends
    it, so the browser tests would fail on an inline script. (Django 5.2 has no CSP of its own.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
