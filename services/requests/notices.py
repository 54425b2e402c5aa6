"""Titles of the notices (and emails) the requests app sends: each names the request's tracking
code and enterprise, so two requests with the same title are never confused in a list of notices."""

from django.utils.translation import gettext as _

from federation.forms import single_line

TITLE_MAX = 200  # federation.models.Notice.title


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(room - 1, 0)] + "…"


def notice_title(request, text: str, *, max_length: int = TITLE_MAX) -> str:
    """``text`` followed by the request's tracking code and enterprise name, at most ``max_length``
    characters: the text is shortened first, then the enterprise name, never the code. On one line
    (it is a mail subject), whatever older rows hold."""
    enterprise = single_line(request.enterprise_name) or "—"
    text = single_line(text)
    # Room left for the text once the code and the enterprise are written.
    frame = _("%(text)s (%(code)s, %(enterprise)s)")
    fixed = len(frame % {"text": "", "code": request.code, "enterprise": enterprise})
    if fixed > max_length // 2:
        enterprise = _cut(enterprise, max(max_length // 2 - (fixed - len(enterprise)), 8))
        fixed = len(frame % {"text": "", "code": request.code, "enterprise": enterprise})
    title = frame % {"text": _cut(text, max_length - fixed), "code": request.code, "enterprise": enterprise}
    return title[:max_length]


def digest_title(base: str, requests) -> str:
    """The title of a digest: ``base`` (which names the day), then the first request's code and
    enterprise and how many there are in all."""
    requests = list(requests)
    if len(requests) == 1:
        return notice_title(requests[0], base)
    first = requests[0]
    title = _("%(base)s: %(code)s %(enterprise)s and others, %(n)d in all") % {
        "base": single_line(base),
        "code": first.code,
        "enterprise": _cut(single_line(first.enterprise_name) or "—", 60),
        "n": len(requests),
    }
    return title[:TITLE_MAX]
