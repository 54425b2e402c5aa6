"""An offline captcha for public forms: a small sum rendered server-side as an SVG picture.

The picture is drawn as paths from a small built-in stroke font, shaken, turned and mixed with
noise strokes (no text a machine could read off the markup). The form carries a signed token
holding only an HMAC of the answer (with SECRET_KEY), a nonce and the time: the browser never sees
the answer, tokens expire, and each nonce allows one attempt, right or wrong (remembered in the cache). No external service is involved, so it works on an offline intranet.

Accessibility (GB/T 37668, WCAG 2.1 1.1.1): the picture has a text alternative that says what it is
and what to do, never the sum itself (an alternative a screen reader can read out, a robot can read
too, which would defeat the captcha). Someone who cannot see the picture is offered the way that
does not depend on sight: the hotline (``SERVICE_HOTLINE``), where staff record the request for them
(a request recorded by staff follows exactly the same handling and deadlines).
"""

import math
import random
import secrets
import unicodedata

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from . import ratelimit

SALT = "federation.captcha"
MAX_AGE = 30 * 60  # seconds a challenge stays valid


# A stroke font of the characters a challenge uses, drawn by hand on a 10 × 14 grid (y down): each
# glyph is a list of strokes, each stroke a polyline. The picture is made of these outlines, moved,
# turned, scaled and shaken at random, among noise strokes of the same pen: no <text> node, no
# font, nothing a parser can read off, and the strokes are written in shuffled order.
GLYPHS = {
    "0": [
        [(5, 0), (8.5, 1.5), (10, 5), (10, 9), (8.5, 12.5), (5, 14), (1.5, 12.5), (0, 9), (0, 5), (1.5, 1.5), (5, 0)]
    ],
    "1": [[(1.5, 3.5), (5.5, 0), (5.5, 14)], [(2, 14), (9, 14)]],
    "2": [[(0.5, 3), (2, 0.8), (5, 0), (8, 0.8), (9.5, 3), (9, 5.5), (0, 14), (10, 14)]],
    "3": [
        [(0.5, 1.2), (5, 0), (9, 1.5), (9, 5), (5, 6.5), (3.5, 6.5)],
        [(5, 6.5), (9.5, 8.5), (9.5, 12), (5, 14), (0.5, 12.8)],
    ],
    "4": [[(7, 14), (7, 0), (0, 10), (10, 10)]],
    "5": [[(9.5, 0), (1, 0), (0.5, 6), (4, 5.2), (8, 6), (10, 9.5), (8, 13), (4.5, 14), (0.5, 12.5)]],
    "6": [
        [
            (8.5, 0.5),
            (5, 0),
            (1.5, 2),
            (0, 7),
            (0, 10.5),
            (2, 13.5),
            (5, 14),
            (8.5, 13),
            (10, 10),
            (8.5, 7),
            (5, 6),
            (1.5, 7.5),
            (0, 10),
        ]
    ],
    "7": [[(0, 0), (10, 0), (4, 14)]],
    "8": [
        [
            (5, 6.5),
            (1.5, 5),
            (1, 2),
            (5, 0),
            (9, 2),
            (8.5, 5),
            (5, 6.5),
            (1, 8.5),
            (0, 11.5),
            (5, 14),
            (10, 11.5),
            (9, 8.5),
            (5, 6.5),
        ]
    ],
    "9": [
        [
            (9.5, 6),
            (8, 7.5),
            (5, 8),
            (1.5, 7),
            (0, 4),
            (1.5, 1),
            (5, 0),
            (8.5, 1),
            (10, 4.5),
            (9.5, 9),
            (7, 13),
            (4, 14),
            (1, 13),
        ]
    ],
    "+": [[(5, 3), (5, 13)], [(0, 8), (10, 8)]],
    "=": [[(0, 5.5), (10, 5.5)], [(0, 10), (10, 10)]],
    "?": [[(1, 3), (2.5, 0.8), (5.5, 0), (8.5, 1), (9.5, 3.5), (8, 6), (5, 8), (5, 10.5)], [(5, 12.8), (5, 14)]],
}
WIDTH, HEIGHT = 170, 48
INK = ("#1f2937", "#1e3a8a", "#7c2d12", "#14532d")


def _stroke_path(points) -> str:
    """SVG path data of one polyline, its direction chosen at random by the caller."""
    head, *rest = points
    return f"M{head[0]:.1f} {head[1]:.1f}" + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest)


def draw(text: str, rng: random.Random) -> str:
    """``text`` (characters of ``GLYPHS`` and spaces) drawn as an inline SVG of paths with noise."""
    strokes = []  # (path data, colour, width)
    x = 10.0
    for ch in text:
        if ch == " ":
            x += 6
            continue
        scale = rng.uniform(1.7, 2.2)
        angle = math.radians(rng.uniform(-22, 22))
        cos, sin = math.cos(angle), math.sin(angle)
        cx, cy = x + 5 * scale, HEIGHT / 2 + rng.uniform(-3, 3)
        colour = rng.choice(INK)
        width = rng.uniform(2.2, 3.0)
        for stroke in GLYPHS[ch]:
            points = []
            for gx, gy in stroke:
                # Around the glyph's centre: scale, shake, turn, place.
                dx = (gx - 5 + rng.uniform(-0.5, 0.5)) * scale * rng.uniform(0.85, 1.0)
                dy = (gy - 7 + rng.uniform(-0.5, 0.5)) * scale * 0.8
                points.append((cx + dx * cos - dy * sin, cy + dx * sin + dy * cos))
            if rng.random() < 0.5:
                points.reverse()
            strokes.append((_stroke_path(points), colour, width))
        x += 10 * scale + rng.uniform(2, 6)
    # Noise: strokes of the same pens (a parser cannot tell them from glyph strokes by style) and
    # thin lines across the whole picture.
    for _ in range(rng.randint(3, 5)):
        x0, y0 = rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)
        points = [(x0, y0)]
        for _ in range(rng.randint(1, 3)):
            x0, y0 = x0 + rng.uniform(-14, 14), y0 + rng.uniform(-10, 10)
            points.append((x0, y0))
        strokes.append((_stroke_path(points), rng.choice(INK), rng.uniform(1.0, 2.0)))
    for _ in range(rng.randint(3, 5)):
        a, b = (
            (rng.uniform(0, WIDTH / 3), rng.uniform(0, HEIGHT)),
            (rng.uniform(2 * WIDTH / 3, WIDTH), rng.uniform(0, HEIGHT)),
        )
        mid = (rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT))
        strokes.append(
            (
                f"M{a[0]:.1f} {a[1]:.1f}Q{mid[0]:.1f} {mid[1]:.1f} {b[0]:.1f} {b[1]:.1f}",
                "#9ca3af",
                rng.uniform(0.8, 1.4),
            )
        )
    rng.shuffle(strokes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(picture_label())}" aria-describedby="captcha-alternative" '
        'class="captcha-image" data-testid="captcha-image">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" rx="6" fill="#f3f4f6"/>',
        '<g fill="none" stroke-linecap="round" stroke-linejoin="round">',
    ]
    parts += [f'<path d="{d}" stroke="{colour}" stroke-width="{width:.1f}"/>' for d, colour, width in strokes]
    parts.append("</g></svg>")
    return "".join(parts)


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
        """The question drawn as paths (``draw``). The shaking comes from the system's random source,
        not from the token: with a seed the browser knows, the public code could redraw the picture
        for each of the 81 possible sums and find the one that matches."""
        return mark_safe(draw(self.text, random.Random(secrets.randbits(64))))


class FilledChallenge:
    """A challenge already drawn: its picture and token as strings (a page kept with holes,
    ``federation.fragments.page_with_holes``, renders with these)."""

    def __init__(self, svg: str, token: str):
        self._svg, self.token = svg, token

    @property
    def alternative(self) -> str:
        return alternative_text()

    def svg(self) -> str:
        return mark_safe(self._svg)


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


def operand() -> int:
    """One number of a sum, 1 to 9 (browser tests replace it: they cannot read the picture either)."""
    return secrets.randbelow(9) + 1


def new_challenge(a: int | None = None, b: int | None = None) -> Challenge:
    """A fresh challenge; ``a`` and ``b`` may be fixed (tests)."""
    a = operand() if a is None else a
    b = operand() if b is None else b
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "h": _digest(str(a + b), nonce)}, salt=SALT, compress=False)
    return Challenge(a, b, token)


def verify(token: str, answer: str) -> bool:
    """True for the correct answer to an unexpired token. Each token allows one attempt, right or
    wrong: it is used up before the answer is compared, so a robot cannot try the sums one by one
    on the same picture (the form shows a new one)."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return False
    nonce = data.get("n", "")
    key = f"captcha:used:{nonce}"
    if not ratelimit.guarded(lambda store: store.add(key, 1, timeout=MAX_AGE + 60)):
        return False  # already tried
    return constant_time_compare(data.get("h", ""), _digest(answer or "", nonce))
