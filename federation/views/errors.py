"""Error pages in Chinese with the right status codes (never a stack trace)."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: usually an expired page or a blocked cookie."""
    return render(request, "403_csrf.html", status=403)
