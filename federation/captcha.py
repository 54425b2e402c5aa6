"""An offline captcha for public forms: a small sum rendered server-side as an SVG picture.

The form carries a signed token holding only an HMAC of the answer (with SECRET_KEY), a nonce and
the time: the browser never sees the answer, tokens expire, and each nonce is accepted once
(remembered in the cache). No external service is involved, so it works on an offline intranet.

Accessibility (GB/T 37668, WCAG 2.1 1.1.1): the picture has a text alternative that says what it is
and what to do, never the sum itself (an alternative a screen reader can read out, a robot can read
too, which would defeat the captcha). Someone who cannot see the picture is offered the way that
does not depend on sight: the hotline (``SERVICE_HOTLINE``), where staff record the request for them
(a request recorded by staff follows exactly the same handling and deadlines).
"""

import random
import secrets
import unicodedata

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

SALT = "federation.captcha"
MAX_AGE = 30 * 60  # seconds a challenge stays valid


class Challenge:
    """A question (shown as a picture) and the token the form posts back with the answer."""

    def __init__(self, a: int, b: int, token: str):
        self.a, self.b, self.token = a, b, token

    @property
    def alternative(self) -> str:
        return alternative_text()

    @property
    def text(self) -> str:
        return f"{self.a} + {self.b} = ?"

    def svg(self) -> str:
        """The question drawn as an inline SVG: each character slightly moved and turned, with noise lines."""
        rng = random.Random(self.token)
        parts = [
            '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="44" viewBox="0 0 150 44" '
            f'role="img" aria-label="{escape(picture_label())}" aria-describedby="captcha-alternative" '
            'class="captcha-image" data-testid="captcha-image">',
            '<rect width="150" height="44" rx="6" fill="#f3f4f6"/>',
        ]
        for _ in range(4):
            parts.append(
                f'<line x1="{rng.randint(0, 150)}" y1="{rng.randint(0, 44)}" x2="{rng.randint(0, 150)}" '
                f'y2="{rng.randint(0, 44)}" stroke="#9ca3af" stroke-width="1"/>'
            )
        x = 12
        for ch in self.text:
            if ch == " ":
                x += 8
                continue
            y = 30 + rng.randint(-4, 4)
            angle = rng.randint(-18, 18)
            parts.append(
                f'<text x="{x}" y="{y}" transform="rotate({angle} {x} {y})" font-size="24" '
                f'font-family="monospace" font-weight="bold" fill="#1f2937">{escape(ch)}</text>'
            )
            x += 18
        parts.append("</svg>")
        return mark_safe("".join(parts))


def picture_label() -> str:
    """What the picture is, for a screen reader: a description, never the question or its answer."""
    return gettext("Verification picture: a sum of two numbers to work out")


def alternative_text() -> str:
    """The way through for someone who cannot see the picture: the hotline, where staff record the request."""
    from django.conf import settings

    return gettext(
        "Cannot see the picture? Call %(hotline)s and say you have a request for the Federation of Industry "
        "and Commerce: staff record it for you, and it is handled in the same way and within the same deadlines."
    ) % {"hotline": settings.SERVICE_HOTLINE}


def _digest(answer: str, nonce: str) -> str:
    # NFKC: a Chinese IME in full-width mode types "９" for 9.
    return salted_hmac(SALT, f"{nonce}:{unicodedata.normalize('NFKC', answer).strip()}").hexdigest()


def new_challenge(a: int | None = None, b: int | None = None) -> Challenge:
    """A fresh challenge; ``a`` and ``b`` may be fixed (tests)."""
    a = secrets.randbelow(9) + 1 if a is None else a
    b = secrets.randbelow(9) + 1 if b is None else b
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "h": _digest(str(a + b), nonce)}, salt=SALT, compress=False)
    return Challenge(a, b, token)


def verify(token: str, answer: str) -> bool:
    """True once for a correct answer to an unexpired token; a used or wrong token is refused."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    nonce = data.get("n", "")
    if not constant_time_compare(data.get("h", ""), _digest(answer or "", nonce)):
        return False
    # Each challenge is good for one successful submission only.
    return cache.add(f"captcha:used:{nonce}", 1, timeout=MAX_AGE + 60)
